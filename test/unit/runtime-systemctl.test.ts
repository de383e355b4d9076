import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SourceText } from '../../server/ingest/config/source-text';
import { readCommandOutput } from '../../server/ingest/runtime/read-command-output';
import { systemdExitCode } from '../../server/ingest/runtime/systemctl';

const read = (text: string) => readCommandOutput(new SourceText('host/status.txt', text));

test('systemctl status of a unit killed by the OOM killer and restarting', () => {
  const { state, problems } = read(`[root@app-01 ~]# systemctl status export-worker --no-pager
× export-worker.service - Tenant data export worker
     Loaded: loaded (/etc/systemd/system/export-worker.service; enabled; preset: enabled)
    Drop-In: /etc/systemd/system/export-worker.service.d
             └─memory.conf
     Active: activating (auto-restart) (Result: oom-kill) since Mon 2026-02-02 03:03:53 UTC; 4s ago
    Process: 41822 ExecStart=/opt/export-worker/bin/worker (code=killed, signal=KILL)
   Main PID: 41822 (code=killed, signal=KILL)
        CPU: 11min 2.114s
     Memory: 1.2G (max: 1.5G available: 300.0M)

Feb 02 03:03:52 app-01 systemd[1]: export-worker.service: A process of this unit has been killed by the OOM killer.
Feb 02 03:03:53 app-01 systemd[1]: export-worker.service: Main process exited, code=killed, status=9/KILL
Feb 02 03:03:53 app-01 systemd[1]: export-worker.service: Failed with result 'oom-kill'.
Feb 02 03:03:58 app-01 systemd[1]: export-worker.service: Scheduled restart job, restart counter is at 4.
Feb 02 03:04:03 app-01 systemd[1]: export-worker.service: Scheduled restart job, restart counter is at 5.
`);
  assert.deepEqual(problems, []);
  const unit = state.units[0]!;
  assert.deepEqual({ ...unit, evidence: undefined }, {
    name: 'export-worker.service',
    description: 'Tenant data export worker',
    load: 'loaded',
    active: 'activating',
    sub: 'auto-restart',
    result: 'oom-kill',
    since: 'Mon 2026-02-02 03:03:53 UTC',
    exitCode: 137,
    memoryBytes: Math.round(1.2 * 2 ** 30),
    memoryMaxBytes: Math.round(1.5 * 2 ** 30),
    restarts: 5,
    evidence: undefined,
  });
  assert.equal(unit.evidence.line, 6);
  assert.equal(unit.evidence.column, 14);
  assert.equal(unit.evidence.note, 'export-worker.service: activating (auto-restart), result oom-kill');
});

test('a failed unit (exit status 1), a healthy one, and statuses cut above their ● line', () => {
  const { state, problems } = read(`$ systemctl status nginx ledger
● nginx.service - A high performance web server and a reverse proxy server
     Loaded: loaded (/lib/systemd/system/nginx.service; enabled; vendor preset: enabled)
     Active: failed (Result: exit-code) since Thu 2026-11-20 10:01:12 UTC; 13min ago
       Docs: man:nginx(8)
    Process: 2210 ExecStartPre=/usr/sbin/nginx -t -q -g daemon on; master_process on; (code=exited, status=1/FAILURE)
        CPU: 23ms

Nov 20 10:01:12 web-01 nginx[2210]: nginx: [emerg] host not found in upstream "ledger:7070" in /etc/nginx/conf.d/app.conf:4
Nov 20 10:01:12 web-01 systemd[1]: nginx.service: Control process exited, code=exited, status=1/FAILURE

● ledger.service - Ledger API
     Loaded: loaded (/etc/systemd/system/ledger.service; enabled; vendor preset: enabled)
     Active: active (running) since Wed 2026-11-04 22:15:31 UTC; 5h 28min ago
   Main PID: 1187 (java)
     Memory: 712.4M
     CGroup: /system.slice/ledger.service
             └─1187 /usr/bin/java -Xmx1g -jar /opt/ledger/ledger.jar

$ systemctl status clickhouse-server --no-pager | sed -n 3,6p
     Active: active (running) since Wed 2026-01-21 09:12:40 UTC; 1 week 4 days ago
   Main PID: 1388 (clickhouse-serv)
      Tasks: 412 (limit: 18907)
     Memory: 10.8G
`);
  assert.deepEqual(problems, []);
  assert.deepEqual(
    state.units.map((u) => [u.name, u.active, u.sub, u.result, u.exitCode, u.memoryBytes, u.evidence.line]),
    [
      ['nginx.service', 'failed', undefined, 'exit-code', 1, undefined, 4],
      ['ledger.service', 'active', 'running', undefined, undefined, Math.round(712.4 * 2 ** 20), 14],
      ['clickhouse-server.service', 'active', 'running', undefined, undefined, Math.round(10.8 * 2 ** 30), 21],
    ],
  );
});

test('systemctl list-units --failed and list-units tables', () => {
  const { state, problems } = read(`$ systemctl --failed
  UNIT                 LOAD   ACTIVE SUB    DESCRIPTION
● nginx.service        loaded failed failed A high performance web server and a reverse proxy server
● pgbackrest.service   loaded failed failed pgBackRest backup

LOAD   = Reflects whether the unit definition was properly loaded.
ACTIVE = The high-level unit activation state, i.e. generalization of SUB.
SUB    = The low-level unit activation state, values depend on unit type.
2 loaded units listed.
`);
  assert.deepEqual(problems, []);
  assert.deepEqual(state.units.map((u) => [u.name, u.load, u.active, u.sub, u.description, u.evidence.line]), [
    ['nginx.service', 'loaded', 'failed', 'failed', 'A high performance web server and a reverse proxy server', 3],
    ['pgbackrest.service', 'loaded', 'failed', 'failed', 'pgBackRest backup', 4],
  ]);
});

test('exit codes as systemd writes them', () => {
  assert.equal(systemdExitCode('(code=exited, status=1/FAILURE)'), 1);
  assert.equal(systemdExitCode('(code=exited, status=203/EXEC)'), 203);
  assert.equal(systemdExitCode('(code=killed, signal=KILL)'), 137);
  assert.equal(systemdExitCode('(code=killed, signal=TERM)'), 143);
  assert.equal(systemdExitCode('code=killed, status=9/KILL'), 137);
  assert.equal(systemdExitCode('(code=dumped, signal=SEGV)'), 139);
  assert.equal(systemdExitCode('1187 (java)'), undefined);
});
