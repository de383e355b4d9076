/**
 * Fixes of crash_loop through `diagnose()`: a start command that names a missing file is pointed at the file
 * the evidence shows (the image's own command, a ConfigMap mounted elsewhere), and left alone when the
 * evidence names no such file or more than one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run, addedLines, removedLines } from '../helpers/diagnosis';

const LEDGER_COMPOSE = `name: books
services:
  ledger-sync:
    image: registry.acme.io/books/ledger-sync:5.1.0
    restart: always
    command: node build/server.js
`;
const restarts = `$ docker compose ps -a
NAME                  IMAGE                                       COMMAND                  SERVICE       CREATED          STATUS                         PORTS
books-ledger-sync-1   registry.acme.io/books/ledger-sync:5.1.0    "docker-entrypoint.s…"   ledger-sync   20 minutes ago   Restarting (1) 12 seconds ago
`;
const crashLog = Array.from({ length: 6 }, (_, i) => `2026-07-01T08:0${i}:10.000Z Error: Cannot find module '/srv/build/server.js'\n2026-07-01T08:0${i}:10.001Z     at Module._resolveFilename (node:internal/modules/cjs/loader:1225:15)`).join('\n');
const inspect = (cmd: string) => `$ docker image inspect registry.acme.io/books/ledger-sync:5.1.0 --format '{{json .Config.Entrypoint}} {{json .Config.Cmd}}'
${cmd}
`;

test('a compose command naming a file the image does not hold: pointed at the file the image’s own Cmd runs', async () => {
  const { d, h, ranking } = await run({
    'docker-compose.yml': LEDGER_COMPOSE,
    'outputs/ps.txt': restarts,
    'outputs/inspect.txt': inspect('["docker-entrypoint.sh"] ["node","build/app.js"]'),
    'logs/ledger-sync.log': crashLog,
  });
  assert.equal(h.fault, 'crash_loop', ranking);
  assert.equal(h.component, 'ledger-sync');
  assert.deepEqual(removedLines(d, 'docker-compose.yml'), ['    command: node build/server.js']);
  assert.deepEqual(addedLines(d, 'docker-compose.yml'), ['    command: node build/app.js']);
});

test('an image that declares two files of that folder: no path is picked', async () => {
  const { d, h, ranking } = await run({
    'docker-compose.yml': LEDGER_COMPOSE,
    'outputs/ps.txt': restarts,
    'outputs/inspect.txt': inspect('["node","build/boot.js"] ["node","build/app.js"]'),
    'logs/ledger-sync.log': crashLog,
  });
  assert.equal(h.fault, 'crash_loop', ranking);
  assert.deepEqual(d.fixes, []);
});

const renderer = (volumes: string, mounts: string) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: renderer-settings
  namespace: docs
data:
  settings.yaml: |
    workers: 2
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: renderer-fonts
  namespace: docs
data:
  settings.yaml: |
    fonts: [dejavu]
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: renderer
  namespace: docs
spec:
  replicas: 2
  template:
    metadata:
      labels: { app: renderer }
    spec:
      containers:
        - name: renderer
          image: docs/renderer:3.3.0
          command: ["python", "-m", "renderer"]
          args:
            - --workers=2
            - --config=/etc/render/settings.yaml
          volumeMounts:
${mounts}      volumes:
${volumes}`;
const pods = `$ kubectl get pods -n docs
NAME                        READY   STATUS             RESTARTS      AGE
renderer-5f7d8c9b6-q2xkz    0/1     CrashLoopBackOff   9 (40s ago)   25m
renderer-5f7d8c9b6-w8mvn    0/1     CrashLoopBackOff   9 (35s ago)   25m
`;
const missing = Array.from({ length: 5 }, (_, i) => `2026-07-01 09:0${i}:01,200 CRITICAL renderer.boot FileNotFoundError: [Errno 2] No such file or directory: '/etc/render/settings.yaml'`).join('\n');

test('a config path argument off the ConfigMap’s mountPath: aligned with the mount that holds the file', async () => {
  const { d, h, ranking } = await run({
    'k8s/renderer.yaml': renderer('        - name: settings\n          configMap: { name: renderer-settings }\n', '            - name: settings\n              mountPath: /etc/renderer\n'),
    'kubectl/pods.txt': pods,
    'logs/renderer-5f7d8c9b6-q2xkz.log': missing,
  });
  assert.equal(h.fault, 'crash_loop', ranking);
  assert.equal(h.component, 'renderer');
  assert.deepEqual(addedLines(d, 'k8s/renderer.yaml'), ['            - --config=/etc/renderer/settings.yaml']);
});

test('two mounted ConfigMaps that both hold the file: no path is picked', async () => {
  const { d, h, ranking } = await run({
    'k8s/renderer.yaml': renderer(
      '        - name: settings\n          configMap: { name: renderer-settings }\n        - name: fonts\n          configMap: { name: renderer-fonts }\n',
      '            - name: settings\n              mountPath: /etc/renderer\n            - name: fonts\n              mountPath: /etc/fonts-cfg\n',
    ),
    'kubectl/pods.txt': pods,
    'logs/renderer-5f7d8c9b6-q2xkz.log': missing,
  });
  assert.equal(h.fault, 'crash_loop', ranking);
  assert.deepEqual(d.fixes.filter((f) => f.fault === 'crash_loop'), []);
});

/** A supervisor's journal (its program is not systemd) restarting `unit` over and over. */
const supervisorJournal = (unit: string) => Array.from({ length: 4 }, (_, i) => `2026-07-01T08:0${i}:09.000+00:00 vm supervise[812]: ${unit}.service: Started ${unit} (pid ${900 + i}).
2026-07-01T08:0${i}:10.002+00:00 vm supervise[812]: ${unit}.service: Main process exited, code=exited, status=1/FAILURE
2026-07-01T08:0${i}:10.002+00:00 vm supervise[812]: ${unit}.service: Failed with result 'exit-code'.
2026-07-01T08:0${i}:11.000+00:00 vm supervise[812]: ${unit}.service: Scheduled restart job, restart counter is at ${i + 1}.`).join('\n');
const ledgerDeployment = `apiVersion: apps/v1
kind: Deployment
metadata: { name: ledger-sync, namespace: books }
spec:
  replicas: 1
  template:
    metadata: { labels: { app: ledger-sync } }
    spec:
      containers:
        - name: ledger-sync
          image: books/ledger-sync:5.1.0
          command: ["node", "apps/ledger-sync/server.js"]
`;
const ledgerCrash = Array.from({ length: 4 }, (_, i) => `2026-07-01T08:0${i}:10.000Z Error: Cannot find module '/srv/apps/ledger-sync/server.js'\n2026-07-01T08:0${i}:10.001Z     at Module._resolveFilename (node:internal/modules/cjs/loader:1225:15)`).join('\n');

test('the folder of the missing start script is in the inputs with one other script: the command points at it; the supervisor’s journal counts for the unit', async () => {
  const { d, h, ranking } = await run({
    'k8s/ledger-sync.yaml': ledgerDeployment,
    'apps/ledger-sync/main.js': 'require("./lib");\n',
    'apps/ledger-sync/README.md': '# ledger-sync\n',
    'logs/ledger-sync.log': ledgerCrash,
    'logs/supervisor.log': supervisorJournal('ledger-sync'),
  });
  assert.equal(h.fault, 'crash_loop', ranking);
  assert.equal(h.component, 'ledger-sync', 'the unit the supervisor restarts, not the supervisor');
  assert.ok(h.evidence.some((e) => e.file === 'logs/supervisor.log'), JSON.stringify(h.evidence));
  assert.deepEqual(addedLines(d, 'k8s/ledger-sync.yaml'), ['          command: ["node", "apps/ledger-sync/main.js"]']);
  assert.match(d.fixes[0]!.why, /the one \.js file of apps\/ledger-sync in the inputs/);
});

test('the folder of the missing start script holds two scripts: no path is picked', async () => {
  const { d, h, ranking } = await run({
    'k8s/ledger-sync.yaml': ledgerDeployment,
    'apps/ledger-sync/main.js': 'require("./lib");\n',
    'apps/ledger-sync/worker.js': 'require("./lib");\n',
    'logs/ledger-sync.log': ledgerCrash,
  });
  assert.equal(h.fault, 'crash_loop', ranking);
  assert.deepEqual(d.fixes, []);
});
