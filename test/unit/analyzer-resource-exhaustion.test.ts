/**
 * resource_exhaustion through `diagnose()`: the component whose bounded limit is hit is named (the database
 * refusing clients beyond max_connections, the service whose own pool or descriptor limit runs dry), with
 * the limit setting as the cause and the clients' pool sizes as context.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run, causeOf, at, healthy } from '../helpers/diagnosis';


test('"too many clients" from PostgreSQL: the database is named, max_connections in its mounted config is the cause', async () => {
  const { d, h, ranking } = await run({
    'docker-compose.yml': `services:
  orders:
    image: shop/orders:4
    environment:
      DATABASE_URL: postgres://orders:Cobalt-Fern-5@orders-db:5432/orders
      DB_POOL_SIZE: "40"
    deploy:
      replicas: 3
  orders-db:
    image: postgres:16
    command: ["postgres", "-c", "config_file=/etc/postgresql/postgresql.conf"]
    volumes:
      - ./orders-db/postgresql.conf:/etc/postgresql/postgresql.conf:ro
`,
    'orders-db/postgresql.conf': "listen_addresses = '*'\nmax_connections = 50\nshared_buffers = 256MB\n",
    'logs/orders-db.log': Array.from({ length: 30 }, (_, i) => `2026-03-10 09:00:${String(i).padStart(2, '0')}.100 UTC [${400 + i}] FATAL:  sorry, too many clients already`).join('\n'),
    'logs/orders.log': Array.from({ length: 30 }, (_, i) => `2026-03-10T09:00:${String(i).padStart(2, '0')}.300Z ERROR orders pool: error: sorry, too many clients already`).join('\n'),
  });
  assert.equal(h.fault, 'resource_exhaustion', ranking);
  assert.equal(h.component, 'orders-db');
  assert.deepEqual(h.rca, { system_level: 'Application', fault_type: 'Dependency Problem' });
  assert.equal(at(causeOf(d)), 'orders-db/postgresql.conf:2');
  assert.ok(h.evidence.some((e) => at(e) === 'docker-compose.yml:6' && e.role === 'context'), 'the client pool size is context');
  assert.ok(!JSON.stringify(d).includes('Cobalt-Fern-5'));
});

const WAREHOUSE = `apiVersion: apps/v1
kind: Deployment
metadata: { name: ingest-api, namespace: data }
spec:
  template:
    spec:
      containers:
        - name: api
          image: data/ingest-api:3
          env:
            - { name: PGHOST, value: warehouse-pg }
            - { name: PGPORT, value: "5432" }
            - { name: DB_MAX_OPEN_CONNS, value: "200" }
---
apiVersion: apps/v1
kind: StatefulSet
metadata: { name: warehouse-pg, namespace: data }
spec:
  template:
    spec:
      containers:
        - name: pg
          image: postgres:15
          args: ["-c", "max_connections=100"]
`;
const reservedSlots = Array.from({ length: 30 }, (_, i) => `{"level":"error","ts":"2026-03-10T09:00:${String(i).padStart(2, '0')}Z","msg":"insert batch failed","error":"pq: remaining connection slots are reserved for non-replication superuser connections"}`).join('\n');

test('a client-only log of reserved connection slots blames the database it calls', async () => {
  const { h, ranking } = await run({ 'k8s/data.yaml': WAREHOUSE, 'logs/ingest-api.log': reservedSlots });
  assert.equal(h.fault, 'resource_exhaustion', ranking);
  assert.equal(h.component, 'warehouse-pg');
});

test(
  'max_connections given as a postgres -c argument in the manifest is the cause',
  async () => {
    const { d, h, ranking } = await run({ 'k8s/data.yaml': WAREHOUSE, 'logs/ingest-api.log': reservedSlots });
    assert.equal(h.component, 'warehouse-pg', ranking);
    assert.equal(at(causeOf(d)), 'k8s/data.yaml:24');
  },
);

test('EMFILE in a proxy’s log with LimitNOFILE in a systemd drop-in: the drop-in line is the cause', async () => {
  const { d, h, ranking } = await run({
    'etc/systemd/system/media-proxy.service.d/limits.conf': '[Service]\nLimitNOFILE=1024\n',
    'log/media-proxy.log': Array.from({ length: 30 }, (_, i) => `2026/03/10 09:00:${String(i).padStart(2, '0')} [crit] 2211#2211: accept4() failed (24: Too many open files)`).join('\n'),
  });
  assert.equal(h.fault, 'resource_exhaustion', ranking);
  assert.equal(h.component, 'media-proxy');
  assert.equal(at(causeOf(d)), 'etc/systemd/system/media-proxy.service.d/limits.conf:2');
});

test('a Hikari pool timing out, its maximum-pool-size in a ConfigMap-embedded properties file: the pool owner is named', async () => {
  const { d, h, ranking } = await run({
    'k8s/stock-api.yaml': `apiVersion: v1
kind: ConfigMap
metadata: { name: stock-api-config, namespace: wh }
data:
  application.properties: |
    spring.datasource.url=jdbc:postgresql://wh-db:5432/wh
    spring.datasource.hikari.maximum-pool-size=4
    spring.datasource.hikari.connection-timeout=3000
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: stock-api, namespace: wh }
spec:
  template:
    spec:
      containers:
        - name: app
          image: wh/stock-api:8
          volumeMounts: [{ name: cfg, mountPath: /config }]
      volumes:
        - name: cfg
          configMap: { name: stock-api-config }
`,
    'logs/stock-api.log': Array.from({ length: 30 }, (_, i) => `2026-03-10 09:00:${String(i).padStart(2, '0')}.000 ERROR 1 --- [nio-8080-exec-${i}] o.h.engine.jdbc.spi.SqlExceptionHelper : HikariPool-1 - Connection is not available, request timed out after 3000ms.`).join('\n'),
  });
  assert.equal(h.fault, 'resource_exhaustion', ranking);
  assert.equal(h.component, 'stock-api');
  assert.equal(at(causeOf(d)), 'k8s/stock-api.yaml:7');
  assert.ok(!d.hypotheses.some((x) => x.fault === 'network_delay' && x.confidence >= h.confidence), ranking);
});

test('one 429 from a third-party gateway, backed off, is not resource_exhaustion', async () => {
  const { h, ranking } = await run({
    'logs/notifier.log': `${healthy('notifier', 300)}\n2026-03-10T09:05:30.000Z WARN notifier push gateway answered 429 Too Many Requests, backing off 2s\n${healthy('notifier', 100, 301)}`,
  });
  assert.ok(h.fault !== 'resource_exhaustion' || h.confidence < 0.5, ranking);
});
