/**
 * Fixes of oom through `diagnose()`: a heap cap that does not fit under the container limit raises the
 * limit to the heap plus half, in the limit's own unit; a cap the kernel killed at is doubled when the
 * machine has the room; a host-wide OOM, or a doubling past what the nodes can give, proposes nothing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run, addedLines, removedLines, healthy, at, causeOf } from '../helpers/diagnosis';

/** The `indexer` Deployment with container args `args` and `limits.memory` written as `limit`. */
const indexer = (limit: string, args = '["--workers", "4"]') => `apiVersion: apps/v1
kind: Deployment
metadata: { name: indexer, namespace: search }
spec:
  replicas: 1
  template:
    metadata: { labels: { app: indexer } }
    spec:
      containers:
        - name: indexer
          image: search/indexer:2.4.0
          args: ${args}
          resources:
            requests: { memory: 1Gi }
            limits:
              memory: ${limit}
`;
const OOMKILLED = `Name:             indexer-7c9d8f6b5-q2wzx
Namespace:        search
Status:           Running
Containers:
  indexer:
    Image:          search/indexer:2.4.0
    State:          Running
    Last State:     Terminated
      Reason:       OOMKilled
      Exit Code:    137
    Ready:          True
    Restart Count:  4
`;

test('-Xmx2g under a "2G" limit: the limit becomes the heap plus half, written in decimal G as before', async () => {
  const { d, h, ranking } = await run({
    'k8s/indexer.yaml': indexer('"2G"', '["java", "-Xms1g", "-Xmx2g", "-jar", "/opt/indexer.jar"]'),
    'kubectl/describe-pod.txt': OOMKILLED,
  });
  assert.equal(h.fault, 'oom', ranking);
  // 1.5 x 2 GiB = 3.22e9 bytes: 3.3 decimal gigabytes, rounded up.
  assert.deepEqual(removedLines(d, 'k8s/indexer.yaml'), ['              memory: "2G"']);
  assert.deepEqual(addedLines(d, 'k8s/indexer.yaml'), ['              memory: "3.3G"']);
  assert.match(d.fixes[0]!.why, /-Xmx2g/);
});

test('killed at a Mi limit with no heap setting: doubled while a node can hold it, none when no node can', async () => {
  const nodes = (allocatable: string) => `Name:               ip-10-1-0-7
Roles:              <none>
Labels:             kubernetes.io/hostname=ip-10-1-0-7
Taints:             <none>
Unschedulable:      false
Allocatable:
  cpu:                3920m
  memory:             ${allocatable}
  pods:               58
`;
  const roomy = await run({ 'k8s/indexer.yaml': indexer('1536Mi'), 'kubectl/describe-pod.txt': OOMKILLED, 'kubectl/describe-node.txt': nodes('15Gi') });
  assert.equal(roomy.h.fault, 'oom', roomy.ranking);
  assert.deepEqual(addedLines(roomy.d, 'k8s/indexer.yaml'), ['              memory: 3072Mi']);
  const tight = await run({ 'k8s/indexer.yaml': indexer('1536Mi'), 'kubectl/describe-pod.txt': OOMKILLED, 'kubectl/describe-node.txt': nodes('2Gi') });
  assert.equal(tight.h.fault, 'oom', tight.ranking);
  assert.deepEqual(tight.d.fixes, [], '3072Mi would pass every node’s 2Gi allocatable');
});

/** A systemd unit `ingest` capped at `max`, its memory-cgroup kills, and `free -m` with `available` MiB. */
const ingest = (max: string, available: number, kernel: string) => ({
  'etc/systemd/system/ingest.service.d/override.conf': `[Service]\nMemoryAccounting=yes\nMemoryMax=${max}\nTasksMax=512\n`,
  'journal/kern.log': `${kernel}
Mar 10 09:14:02 feed-02 systemd[1]: ingest.service: A process of this unit has been killed by the OOM killer.
Mar 10 09:14:02 feed-02 systemd[1]: ingest.service: Main process exited, code=killed, status=9/KILL
Mar 10 09:14:02 feed-02 systemd[1]: ingest.service: Failed with result 'oom-kill'.
`,
  'checks/free.txt': `$ free -m
               total        used        free      shared  buff/cache   available
Mem:            7821        ${7821 - available}         ${available - 200}          12         200       ${available}
Swap:              0           0           0
`,
  'logs/ingest.log': healthy('ingest', 40),
});
const MEMCG = 'Mar 10 09:14:02 feed-02 kernel: Memory cgroup out of memory: Killed process 4312 (ingest) total-vm:2112344kB, anon-rss:1048100kB, file-rss:0kB, shmem-rss:0kB, UID:998 pgtables:780kB oom_score_adj:0';

test('a unit killed by its memory cgroup at MemoryMax=1G: 2G when the host has it free, none when it has not', async () => {
  const free = await run(ingest('1G', 4096, MEMCG));
  assert.equal(free.h.fault, 'oom', free.ranking);
  assert.equal(free.h.component, 'ingest');
  assert.deepEqual(removedLines(free.d, 'etc/systemd/system/ingest.service.d/override.conf'), ['MemoryMax=1G']);
  assert.deepEqual(addedLines(free.d, 'etc/systemd/system/ingest.service.d/override.conf'), ['MemoryMax=2G']);
  const short = await run(ingest('1G', 600, MEMCG));
  assert.equal(short.h.fault, 'oom', short.ranking);
  assert.deepEqual(short.d.fixes, [], 'another 1G is more than the 600M the host has available');
});

test('a host-wide OOM (CONSTRAINT_NONE) that killed a capped unit: raising its cap is not the fix', async () => {
  const { d, h, ranking } = await run(
    ingest(
      '1G',
      4096,
      `Mar 10 09:14:02 feed-02 kernel: oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,task_memcg=/system.slice/ingest.service,task=ingest,pid=4312,uid=998
Mar 10 09:14:02 feed-02 kernel: Out of memory: Killed process 4312 (ingest) total-vm:2112344kB, anon-rss:948100kB, file-rss:0kB, shmem-rss:0kB, UID:998 pgtables:780kB oom_score_adj:0`,
    ),
  );
  assert.equal(h.fault, 'oom', ranking);
  assert.equal(at(causeOf(d)), 'etc/systemd/system/ingest.service.d/override.conf:3', 'the cap is still the cause shown');
  assert.deepEqual(d.fixes, []);
});

test('a Node service whose --max-old-space-size passes its compose mem_limit: the limit covers the heap plus half, in m', async () => {
  const { d, h, ranking } = await run({
    'docker-compose.yml': `services:
  renderer:
    image: acme/renderer:5.0.1
    mem_limit: 768m
    environment:
      NODE_OPTIONS: "--max-old-space-size=1024"
  api:
    image: acme/api:5.0.1
`,
    'docker-ps.txt': `CONTAINER ID   IMAGE                 COMMAND         CREATED       STATUS                          PORTS   NAMES
9f8e7d6c5b4a   acme/renderer:5.0.1   "node main.js"  3 hours ago   Restarting (137) 5 seconds ago          app-renderer-1
`,
    'journal/kernel.txt': Array.from({ length: 5 }, (_, i) => `Mar 10 10:0${i}:12 web-01 kernel: Memory cgroup out of memory: Killed process ${5200 + i} (node) total-vm:1843200kB, anon-rss:786100kB, file-rss:0kB`).join('\n'),
    'logs/renderer.log': Array.from({ length: 5 }, (_, i) => `2026-03-10T10:0${i}:01Z INFO renderer started, rendering batch ${i}`).join('\n'),
  });
  assert.equal(h.fault, 'oom', ranking);
  assert.equal(h.component, 'renderer');
  assert.deepEqual(addedLines(d, 'docker-compose.yml'), ['    mem_limit: 1536m']);
});

/** Node's own report of a full heap, `n` times, as V8 prints it to stderr. */
const heapFull = (n: number) => Array.from({ length: n }, (_, i) => `2026-03-10T09:0${i}:01.000Z info indexer started pid=1
<--- Last few GCs --->
[1:0x5581c0]    912 ms: Mark-Compact 44.1 (63.5) -> 43.9 (64.0) MB, 61.3 / 0.0 ms  (average mu = 0.121, current mu = 0.034) allocation failure
FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory`).join('\n');

test('Node’s heap full under a 48Mi limit with no heap size set: the heap follows the limit, which doubles', async () => {
  const { d, h, ranking } = await run({ 'k8s/indexer.yaml': indexer('48Mi', '["node", "dist/index.js"]'), 'logs/indexer.log': heapFull(3) });
  assert.equal(h.fault, 'oom', ranking);
  assert.equal(h.component, 'indexer');
  assert.deepEqual(addedLines(d, 'k8s/indexer.yaml'), ['              memory: 96Mi']);
  assert.match(d.fixes[0]!.why, /no heap size set/);
});

test('Node’s heap full under its own --max-old-space-size that fits the limit: the limit is not what capped it, no fix', async () => {
  const { d, h, ranking } = await run({ 'k8s/indexer.yaml': indexer('512Mi', '["node", "--max-old-space-size=128", "dist/index.js"]'), 'logs/indexer.log': heapFull(3) });
  assert.equal(h.fault, 'oom', ranking);
  assert.deepEqual(d.fixes, []);
});
