/**
 * oom through `diagnose()`: the killed component is named, its memory limit is the cause, a restart loop that
 * an OOM kill explains is the OOM's symptom, and memory words in healthy logs do not make an OOM.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run, causeOf, at, healthy, addedLines } from '../helpers/diagnosis';

/** Healthy request lines of `svc`, one a second from 09:00:00 + `from` seconds. */

const REPORT_BUILDER = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: report-builder
  namespace: analytics
spec:
  replicas: 1
  selector:
    matchLabels: { app: report-builder }
  template:
    metadata:
      labels: { app: report-builder }
    spec:
      containers:
        - name: builder
          image: registry.local/report-builder:4.2.0
          env:
            - name: WAREHOUSE_PASSWORD
              value: "Quartz-Lynx-4471"
          resources:
            requests:
              memory: 128Mi
            limits:
              memory: 192Mi
`;
const DESCRIBE_OOMKILLED = `Name:             report-builder-5d8f9c7b6-h2kxq
Namespace:        analytics
Status:           Running
Containers:
  builder:
    Image:          registry.local/report-builder:4.2.0
    State:          Running
      Started:      Tue, 10 Mar 2026 09:14:02 +0000
    Last State:     Terminated
      Reason:       OOMKilled
      Exit Code:    137
    Ready:          True
    Restart Count:  6
`;

test('an OOMKilled container in kubectl describe: oom of the workload, its limits.memory line is the cause', async () => {
  const { d, h, ranking } = await run({ 'k8s/report-builder.yaml': REPORT_BUILDER, 'state/describe-pod.txt': DESCRIBE_OOMKILLED });
  assert.equal(h.fault, 'oom', ranking);
  assert.equal(h.component, 'report-builder');
  assert.deepEqual(h.rca, { system_level: 'Operating System', fault_type: 'Operation Error' });
  assert.equal(at(causeOf(d)), 'k8s/report-builder.yaml:24', 'the limits.memory line, not the request');
  assert.ok(h.evidence.some((e) => at(e) === 'state/describe-pod.txt:10'), 'the OOMKilled reason is a symptom');
  assert.ok(!JSON.stringify(d).includes('Quartz-Lynx-4471'), 'a password in the manifest never reaches the diagnosis');
});

test('the kernel OOM killer in a journal and MemoryMax in a systemd drop-in on another path', async () => {
  const { d, h, ranking } = await run({
    'etc/systemd/system/export-worker.service.d/memory.conf': '[Service]\nMemoryMax=256M\nMemoryHigh=200M\n',
    'journal/kern.log': `Mar 10 09:14:02 batch-02 kernel: export-worker invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0
Mar 10 09:14:02 batch-02 kernel: Memory cgroup out of memory: Killed process 4312 (export-worker) total-vm:912344kB, anon-rss:262100kB, file-rss:0kB, shmem-rss:0kB, UID:998 pgtables:780kB oom_score_adj:0
Mar 10 09:14:02 batch-02 systemd[1]: export-worker.service: A process of this unit has been killed by the OOM killer.
Mar 10 09:14:02 batch-02 systemd[1]: export-worker.service: Main process exited, code=killed, status=9/KILL
Mar 10 09:14:02 batch-02 systemd[1]: export-worker.service: Failed with result 'oom-kill'.
`,
    'logs/export-worker.log': healthy('export-worker', 40),
  });
  assert.equal(h.fault, 'oom', ranking);
  assert.equal(h.component, 'export-worker', 'the process the kernel killed, not the kernel or systemd');
  assert.equal(at(causeOf(d)), 'etc/systemd/system/export-worker.service.d/memory.conf:2');
  assert.ok(h.evidence.some((e) => e.file === 'journal/kern.log'));
});

test('a Node heap exhaustion repeated after restarts, with mem_limit in compose', async () => {
  const { d, h, ranking } = await run({
    'docker-compose.yml': `services:
  thumbnailer:
    image: acme/thumbnailer:3.1
    mem_limit: 300m
    environment:
      NODE_ENV: production
      S3_SECRET_ACCESS_KEY: "wJalrXUtnFEMI-K7MDENG-bPxRfiCY"
  web:
    image: acme/web:3.1
`,
    'logs/thumbnailer.log': [0, 1, 2]
      .map((i) => `2026-03-10T09:0${i * 3}:01.000Z info thumbnailer started pid=1
<--- Last few GCs --->
[1:0x5581c0]    91234 ms: Mark-Compact 287.1 (298.5) -> 285.9 (299.0) MB, 612.3 / 0.0 ms  (average mu = 0.121, current mu = 0.034) allocation failure
FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory`)
      .join('\n'),
  });
  assert.equal(h.fault, 'oom', ranking);
  assert.equal(h.component, 'thumbnailer');
  assert.equal(at(causeOf(d)), 'docker-compose.yml:4');
  assert.ok(h.evidence.some((e) => e.file === 'logs/thumbnailer.log' && e.line === 4 && e.count === 3), JSON.stringify(h.evidence));
  // A fix's diff shows the lines around the change as the file has them (auth-fixes.ts: a reviewer sees them);
  // nothing else of the diagnosis quotes the secret.
  assert.deepEqual(addedLines(d, 'docker-compose.yml'), ['    mem_limit: 600m'], 'no heap size set: the heap follows mem_limit, which doubles');
  assert.ok(!JSON.stringify({ ...d, fixes: d.fixes.map((f) => ({ ...f, diff: '' })) }).includes('wJalrXUtnFEMI'), 'a secret env value never reaches the diagnosis outside a diff');
});

test('a low memory limit alone, with healthy logs, is not an incident', async () => {
  const { d, h, ranking } = await run({
    'k8s/quotes.yaml': `apiVersion: apps/v1
kind: Deployment
metadata: { name: quotes, namespace: web }
spec:
  template:
    spec:
      containers:
        - name: quotes
          image: web/quotes:1.0.3
          resources: { limits: { memory: 64Mi } }
`,
    'logs/quotes.log': healthy('quotes', 50),
  });
  assert.equal(h.fault, 'none', ranking);
  assert.equal(d.detected, false);
});

test('one "memory limit reached" from an application cache among healthy lines is not a confident oom', async () => {
  const { h, ranking } = await run({
    'logs/search-api.log': `${healthy('search-api', 300)}\n2026-03-10T09:05:30.000Z WARN search-api cache: memory limit reached for LRU query cache, evicted 120 entries\n${healthy('search-api', 100, 301)}`,
  });
  assert.ok(h.fault !== 'oom' || h.confidence < 0.5, ranking);
});

test('a single OutOfMemoryError in otherwise healthy logs is not a confident oom', async () => {
  const { h, ranking } = await run({
    'logs/ledger.log': `${healthy('ledger', 300)}\n2026-03-10T09:05:30.000Z ERROR ledger java.lang.OutOfMemoryError: Java heap space\n${healthy('ledger', 100, 301)}`,
  });
  assert.ok(h.fault !== 'oom' || h.confidence < 0.5, ranking);
});

test('a kernel OOM kill behind a docker restart loop is oom, not crash_loop', async () => {
  const { d, h, ranking } = await run({
    'docker-compose.yml': 'services:\n  indexer:\n    image: acme/indexer:3\n    mem_limit: 512m\n    restart: always\n',
    'docker-ps.txt': `CONTAINER ID   IMAGE             COMMAND          CREATED       STATUS                           PORTS   NAMES
1a2b3c4d5e6f   acme/indexer:3    "/bin/indexer"   2 hours ago   Restarting (137) 3 seconds ago           app-indexer-1
`,
    'logs/indexer.log': Array.from({ length: 8 }, (_, i) => `2026-03-10T09:0${i}:00Z INFO indexer starting, loading 2.1GB segment into memory`).join('\n'),
    'journal/kernel.txt': Array.from({ length: 8 }, (_, i) => `Mar 10 09:0${i}:40 docker-host kernel: Memory cgroup out of memory: Killed process ${3100 + i} (indexer) total-vm:1843200kB, anon-rss:524100kB, file-rss:0kB`).join('\n'),
  });
  assert.equal(h.fault, 'oom', ranking);
  assert.equal(h.component, 'indexer');
  assert.equal(at(causeOf(d)), 'docker-compose.yml:4');
});

test(
  'CrashLoopBackOff whose last termination is OOMKilled is oom, not crash_loop',
  async () => {
    const { d, h, ranking } = await run({
      'k8s/pricing.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: pricing
  namespace: shop
spec:
  replicas: 2
  template:
    spec:
      containers:
        - name: pricing
          image: shop/pricing:7.0.1
          resources:
            limits:
              memory: 384Mi
`,
      'kubectl/get-pods.txt': `NAME                       READY   STATUS             RESTARTS      AGE
pricing-6f7d8b9c4-4xkzp    0/1     CrashLoopBackOff   9 (41s ago)   23m
pricing-6f7d8b9c4-w2m8r    0/1     CrashLoopBackOff   8 (2m ago)    23m
cart-5c4b7d9f8-qq2lm       1/1     Running            0             3d
`,
      'kubectl/describe-pricing.txt': `Name:         pricing-6f7d8b9c4-4xkzp
Namespace:    shop
Status:       Running
Containers:
  pricing:
    Image:          shop/pricing:7.0.1
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       OOMKilled
      Exit Code:    137
    Ready:          False
    Restart Count:  9
Events:
  Type     Reason   Age                 From     Message
  ----     ------   ----                ----     -------
  Warning  BackOff  41s (x40 over 22m)  kubelet  Back-off restarting failed container pricing in pod pricing-6f7d8b9c4-4xkzp_shop
`,
    });
    assert.equal(h.fault, 'oom', ranking);
    assert.equal(h.component, 'pricing');
    assert.equal(at(causeOf(d)), 'k8s/pricing.yaml:15');
  },
);
