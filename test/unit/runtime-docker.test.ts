import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SourceText } from '../../server/ingest/config/source-text';
import { composeServiceOf, parseDockerStatus } from '../../server/ingest/runtime/docker-ps';
import { readCommandOutput } from '../../server/ingest/runtime/read-command-output';

const read = (text: string) => readCommandOutput(new SourceText('docker.txt', text));

test('docker ps: running, healthy, restarting and exited containers; service from the compose name', () => {
  const { state, problems } = read(`root@shop-01:~# docker ps -a
CONTAINER ID   IMAGE                   COMMAND                  CREATED        STATUS                          PORTS                                       NAMES
3f2a9c1d7e4b   nginx:1.27.2-alpine     "/docker-entrypoint.…"   2 hours ago    Up 2 hours                      0.0.0.0:80->80/tcp, :::80->80/tcp           shop-gateway-1
8b1e4d2c9a7f   shop/api:5.3.0          "docker-entrypoint.s…"   2 hours ago    Restarting (1) 5 seconds ago                                                shop-api-1
c7d3e9f1a2b4   redis:7.4.1-alpine      "docker-entrypoint.s…"   3 days ago     Up 3 days (healthy)             6379/tcp                                    shop-redis-1
e5f6a7b8c9d0   shop/worker:5.3.0       "python -m worker"       2 hours ago    Exited (137) 3 minutes ago                                                  shop-worker-1
a1b2c3d4e5f6   postgres:16.4           "docker-entrypoint.s…"   3 days ago     Up 3 days (unhealthy)           5432/tcp                                    shop-postgres-1
`);
  assert.deepEqual(problems, []);
  assert.deepEqual(
    state.pods.map((p) => [p.name, p.workload, p.status, p.health, p.lastTermination?.exitCode, p.restarts, p.image]),
    [
      ['shop-gateway-1', 'gateway', 'Running', undefined, undefined, undefined, 'nginx:1.27.2-alpine'],
      ['shop-api-1', 'api', 'Restarting', undefined, 1, undefined, 'shop/api:5.3.0'],
      ['shop-redis-1', 'redis', 'Running', 'healthy', undefined, undefined, 'redis:7.4.1-alpine'],
      ['shop-worker-1', 'worker', 'Exited', undefined, 137, undefined, 'shop/worker:5.3.0'],
      ['shop-postgres-1', 'postgres', 'Running', 'unhealthy', undefined, undefined, 'postgres:16.4'],
    ],
  );
  assert.equal(state.pods[3]!.message, 'Exited (137) 3 minutes ago');
  assert.equal(state.pods[3]!.evidence.line, 6);
  assert.equal(state.pods[3]!.evidence.column, 80);
  assert.deepEqual(state.pods[4]!.ready, { ready: 0, total: 1 });
});

test('docker compose ps: the SERVICE column names the workload, container_name rows too', () => {
  const { state, problems } = read(`$ docker compose ps
NAME               IMAGE                                       COMMAND                  SERVICE   CREATED          STATUS                      PORTS
mercato-api        registry.example.com/mercato/api:5.3.0      "docker-entrypoint.s…"   api       34 minutes ago   Up 34 minutes (unhealthy)   0.0.0.0:3000->3000/tcp, [::]:3000->3000/tcp
mercato-cache-1    redis:7.4.1-alpine                          "docker-entrypoint.s…"   cache     34 minutes ago   Up 34 minutes (healthy)     6379/tcp
mercato-worker-1   registry.example.com/mercato/worker:5.3.0   "docker-entrypoint.s…"   worker    34 minutes ago   Exited (1) 2 minutes ago
`);
  assert.deepEqual(problems, []);
  assert.deepEqual(state.pods.map((p) => [p.name, p.workload, p.status, p.lastTermination?.exitCode]), [
    ['mercato-api', 'api', 'Running', undefined],
    ['mercato-cache-1', 'cache', 'Running', undefined],
    ['mercato-worker-1', 'worker', 'Exited', 1],
  ]);
});

test('older docker compose ps (NAME COMMAND SERVICE STATUS PORTS) with lower-case states', () => {
  const { state, problems } = read(`NAME                COMMAND                  SERVICE             STATUS              PORTS
shop-db-1           "docker-entrypoint.s…"   db                  exited (1)          
shop-web-1          "nginx -g 'daemon of…"   web                 running (healthy)   0.0.0.0:80->80/tcp
`);
  assert.deepEqual(problems, []);
  assert.deepEqual(state.pods.map((p) => [p.workload, p.status, p.lastTermination?.exitCode, p.health]), [
    ['db', 'Exited', 1, undefined],
    ['web', 'Running', undefined, 'healthy'],
  ]);
});

test('old docker-compose ps (Name / Command / State / Ports, centred header)', () => {
  const { state, problems } = read(`$ docker-compose ps
        Name                      Command               State             Ports
-------------------------------------------------------------------------------------------
shop_api_1            docker-entrypoint.sh node ...    Exit 137
shop_db_1             docker-entrypoint.sh postgres    Up         5432/tcp
shop_redis_1          docker-entrypoint.sh redis ...   Restarting
shop_web_1            nginx -g daemon off;             Up         0.0.0.0:80->80/tcp
`);
  assert.deepEqual(problems, []);
  assert.deepEqual(state.pods.map((p) => [p.name, p.workload, p.status, p.lastTermination?.exitCode, p.evidence.line]), [
    ['shop_api_1', 'api', 'Exited', 137, 4],
    ['shop_db_1', 'db', 'Running', undefined, 5],
    ['shop_redis_1', 'redis', 'Restarting', undefined, 6],
    ['shop_web_1', 'web', 'Running', undefined, 7],
  ]);
});

test('docker stats --no-stream: CPU % of a core, memory usage and limit', () => {
  const { state, problems } = read(`$ docker stats --no-stream
CONTAINER ID   NAME              CPU %     MEM USAGE / LIMIT     MEM %     NET I/O           BLOCK I/O         PIDS
c7d3e9f1a2b4   shop-redis-1      0.25%     8.5MiB / 256MiB       3.32%     1.2kB / 0B        0B / 0B           5
8b1e4d2c9a7f   shop-api-1        152.40%   1.9GiB / 2GiB         95.12%    15.3MB / 9.8MB    4.1MB / 0B        23
`);
  assert.deepEqual(problems, []);
  assert.deepEqual(
    state.usage.map((u) => [u.kind, u.name, u.workload, u.cpuPercent, u.cpuMilli, u.memoryBytes, u.memoryLimitBytes, u.memoryPercent]),
    [
      ['container', 'shop-redis-1', 'redis', 0.25, 3, Math.round(8.5 * 2 ** 20), 256 * 2 ** 20, 3.32],
      ['container', 'shop-api-1', 'api', 152.4, 1524, Math.round(1.9 * 2 ** 30), 2 * 2 ** 30, 95.12],
    ],
  );
});

test('docker status words and compose service names', () => {
  assert.deepEqual(parseDockerStatus('Up 2 hours (healthy)'), { status: 'Running', health: 'healthy' });
  assert.deepEqual(parseDockerStatus('Up 5 seconds (health: starting)'), { status: 'Running', health: 'starting' });
  assert.deepEqual(parseDockerStatus('Up 3 days (Paused)'), { status: 'Paused' });
  assert.deepEqual(parseDockerStatus('Exited (0) 2 days ago'), { status: 'Exited', exitCode: 0 });
  assert.deepEqual(parseDockerStatus('Created'), { status: 'Created' });
  const names = ['my-shop-api-1', 'my-shop-notify-worker-1', 'my-shop-db-1'];
  assert.deepEqual(names.map((n) => composeServiceOf(n, names)), ['api', 'notify-worker', 'db']);
  assert.equal(composeServiceOf('shop-api-2', ['shop-api-2']), 'api');
  assert.equal(composeServiceOf('legacy_web_1', ['legacy_web_1', 'legacy_db_1']), 'web');
  assert.equal(composeServiceOf('mercato-api', ['mercato-api', 'mercato-db-1']), 'mercato-api');
});
