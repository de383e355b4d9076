/**
 * crash_loop through `diagnose()`: a service that exits at start again and again is named with its start
 * command as the cause; a loop another fault explains (an OOM kill, a missing setting) goes to that fault.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run, causeOf, at } from '../helpers/diagnosis';


const INGESTOR = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ingestor
  namespace: data
spec:
  replicas: 1
  template:
    metadata:
      labels: { app: ingestor }
    spec:
      containers:
        - name: ingestor
          image: data/ingestor:2.4.1
          command: ["/usr/local/bin/ingestor", "--config", "/etc/ingestor/ingestor.yaml"]
          env:
            - name: KAFKA_SASL_PASSWORD
              value: "Velvet-Otter-902"
          volumeMounts:
            - name: cfg
              mountPath: /etc/ingest
      volumes:
        - name: cfg
          configMap: { name: ingestor-config }
`;

test('CrashLoopBackOff with a config file missing at start: crash_loop of the workload, its command line is the cause', async () => {
  const { d, h, ranking } = await run({
    'k8s/ingestor.yaml': INGESTOR,
    'kubectl/get-pods.txt': `NAME                        READY   STATUS             RESTARTS       AGE
ingestor-7c9d6f5b8-zt4qn    0/1     CrashLoopBackOff   12 (90s ago)   38m
`,
    'logs/ingestor-7c9d6f5b8-zt4qn.log': `{"level":"info","ts":"2026-03-10T10:01:02Z","msg":"ingestor 2.4.1 starting"}
{"level":"fatal","ts":"2026-03-10T10:01:02Z","msg":"cannot load config","error":"open /etc/ingestor/ingestor.yaml: no such file or directory"}
`,
  });
  assert.equal(h.fault, 'crash_loop', ranking);
  assert.equal(h.component, 'ingestor');
  assert.deepEqual(h.rca, { system_level: 'Application', fault_type: 'Operation Error' });
  assert.equal(at(causeOf(d)), 'k8s/ingestor.yaml:15');
  assert.ok(h.evidence.some((e) => at(e) === 'kubectl/get-pods.txt:2'), 'the CrashLoopBackOff row is a symptom');
  assert.ok(h.evidence.some((e) => at(e) === 'logs/ingestor-7c9d6f5b8-zt4qn.log:2'), 'the missing file is a symptom');
  assert.ok(!JSON.stringify(d).includes('Velvet-Otter-902'));
});

test('a compose command naming a module that does not exist, with the restarts in a saved docker ps', async () => {
  const { d, h, ranking } = await run({
    'docker-compose.yml': `services:
  scheduler:
    image: acme/scheduler:1.9
    command: ["python", "-m", "schedulr.main"]
    restart: always
  redis:
    image: redis:7
`,
    'docker-ps.txt': `CONTAINER ID   IMAGE                 COMMAND                  CREATED          STATUS                          PORTS      NAMES
3f2a1b9c8d7e   acme/scheduler:1.9    "python -m schedulr.…"   12 minutes ago   Restarting (1) 8 seconds ago               app-scheduler-1
9a8b7c6d5e4f   redis:7               "docker-entrypoint.s…"   3 days ago       Up 3 days                       6379/tcp   app-redis-1
`,
    'logs/scheduler.log': Array.from({ length: 6 }, () => `/usr/local/bin/python: Error while finding module specification for 'schedulr.main' (ModuleNotFoundError: No module named 'schedulr')`).join('\n'),
  });
  assert.equal(h.fault, 'crash_loop', ranking);
  assert.equal(h.component, 'scheduler');
  assert.equal(at(causeOf(d)), 'docker-compose.yml:4');
  assert.ok(h.evidence.some((e) => e.file === 'docker-ps.txt'), 'the Restarting row is a symptom');
});

test('"Cannot find module" at start is crash_loop, not a code defect, though it looks like a stack trace', async () => {
  const { d, h, ranking } = await run({
    'docker-compose.yml': `services:
  gateway:
    image: acme/gateway:5.0.0
    command: ["node", "dist/server.js"]
    restart: unless-stopped
`,
    'logs/gateway.log': Array.from(
      { length: 5 },
      () => `node:internal/modules/cjs/loader:1228
  throw err;
  ^

Error: Cannot find module '/srv/app/dist/server.js'
    at Module._resolveFilename (node:internal/modules/cjs/loader:1225:15)
    at Module._load (node:internal/modules/cjs/loader:1051:27)
    at node:internal/main/run_main_module:28:49 {
  code: 'MODULE_NOT_FOUND',
  requireStack: []
}

Node.js v20.11.1`,
    ).join('\n'),
  });
  assert.equal(h.fault, 'crash_loop', ranking);
  assert.equal(h.component, 'gateway');
  assert.equal(at(causeOf(d)), 'docker-compose.yml:4');
});

test('one failed run of a unit followed by a healthy one is not a confident crash loop', async () => {
  const { h, ranking } = await run({
    'journal/report-mailer.txt': `Mar 10 02:00:01 mail-01 systemd[1]: Started report-mailer.service - Nightly report mailer.
Mar 10 02:00:03 mail-01 report-mailer[811]: connected to smtp relay
Mar 10 02:00:09 mail-01 systemd[1]: report-mailer.service: Main process exited, code=exited, status=1/FAILURE
Mar 10 02:00:09 mail-01 systemd[1]: report-mailer.service: Failed with result 'exit-code'.
Mar 10 02:05:09 mail-01 systemd[1]: Started report-mailer.service - Nightly report mailer.
${Array.from({ length: 60 }, (_, i) => `Mar 10 02:${String(5 + Math.floor(i / 12)).padStart(2, '0')}:${String((i * 5) % 60).padStart(2, '0')} mail-01 report-mailer[902]: sent report ${i} to ops@example.com`).join('\n')}
`,
  });
  assert.ok(h.fault !== 'crash_loop' || h.confidence < 0.5, ranking);
});

test('a restart loop from a required setting that is not set is app_misconfig, ranked above crash_loop', async () => {
  const { d, h, ranking } = await run({
    'k8s/notifier.yaml': `apiVersion: apps/v1
kind: Deployment
metadata: { name: notifier, namespace: comms }
spec:
  template:
    spec:
      containers:
        - name: notifier
          image: comms/notifier:1.3.0
          env:
            - name: SMTP_HOST
              value: smtp.internal
`,
    'kubectl/pods.txt': `NAME                         READY   STATUS             RESTARTS      AGE
notifier-6d5c4b3a2-p9x8w     0/1     CrashLoopBackOff   7 (60s ago)   15m
`,
    'logs/notifier-6d5c4b3a2-p9x8w.log': 'time="2026-03-10T09:10:00Z" level=fatal msg="config: required environment variable SMTP_FROM_ADDRESS is not set"\n',
  });
  assert.equal(h.fault, 'app_misconfig', ranking);
  assert.equal(h.component, 'notifier');
  const loop = d.hypotheses.findIndex((x) => x.fault === 'crash_loop');
  assert.ok(loop === -1 || loop > 0, ranking);
});
