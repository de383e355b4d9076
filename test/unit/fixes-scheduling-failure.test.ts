/**
 * Fixes of scheduling_failure through `diagnose()`: a nodeSelector value no node carries becomes the one
 * value the nodes have, or the one clearly closest by name, and nothing when two are as close; a request no
 * node can give is lowered to the pods' measured usage plus headroom, or to what the nodes have left, and to
 * nothing when the nodes' allocated requests are not shown.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run, addedLines, removedLines } from '../helpers/diagnosis';

/** The `ledger-sync` Deployment with a nodeSelector `pool: <pool>` and requests `requests` (a flow map). */
const ledgerSync = (pool: string, requests = '{ cpu: 500m, memory: 512Mi }', replicas = 2) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ledger-sync
  namespace: fin
spec:
  replicas: ${replicas}
  template:
    metadata:
      labels: { app: ledger-sync }
    spec:
      nodeSelector:
        kubernetes.io/os: linux
        acme.io/pool: "${pool}"
      containers:
        - name: sync
          image: fin/ledger-sync:5.1.0
          resources:
            requests: ${requests}
            limits: { memory: 24Gi }
`;
const nodes = (pools: string[]) => `NAME          STATUS   ROLES    AGE   VERSION   LABELS
${pools.map((p, i) => `node-${i + 1}        Ready    <none>   30d   v1.30.2   acme.io/pool=${p},kubernetes.io/hostname=node-${i + 1},kubernetes.io/os=linux`).join('\n')}
`;
const PENDING = `NAME                           READY   STATUS    RESTARTS   AGE
ledger-sync-5c6d7e8f9-a1b2c    0/1     Pending   0          9m
ledger-sync-5c6d7e8f9-d3e4f    0/1     Pending   0          9m
`;

test('a pool name one slip away from the real one: the selector asks for the pool that is clearly closest', async () => {
  const { d, h, ranking } = await run({ 'k8s/ledger-sync.yaml': ledgerSync('batch-memory'), 'kubectl/nodes.txt': nodes(['frontend', 'frontend', 'batch-mem']), 'kubectl/pods.txt': PENDING });
  assert.equal(h.fault, 'scheduling_failure', ranking);
  assert.deepEqual(removedLines(d, 'k8s/ledger-sync.yaml'), ['        acme.io/pool: "batch-memory"']);
  assert.deepEqual(addedLines(d, 'k8s/ledger-sync.yaml'), ['        acme.io/pool: "batch-mem"']);
});

test('only one pool exists: the selector asks for it', async () => {
  const { d } = await run({ 'k8s/ledger-sync.yaml': ledgerSync('general-purpose'), 'kubectl/nodes.txt': nodes(['default', 'default']), 'kubectl/pods.txt': PENDING });
  assert.deepEqual(addedLines(d, 'k8s/ledger-sync.yaml'), ['        acme.io/pool: "default"']);
});

test('two pools as close as each other to the wrong name: no fix', async () => {
  const { d, h, ranking } = await run({ 'k8s/ledger-sync.yaml': ledgerSync('compute'), 'kubectl/nodes.txt': nodes(['compute-c5', 'compute-m5']), 'kubectl/pods.txt': PENDING });
  assert.equal(h.fault, 'scheduling_failure', ranking);
  assert.deepEqual(d.fixes, []);
});

/** `describe node` of node-`i` with `allocatable` memory and, when given, the requests already allocated on it. */
const describeNode = (i: number, allocatable: string, allocated?: string) => `Name:               node-${i}
Roles:              <none>
Labels:             acme.io/pool=batch
                    kubernetes.io/hostname=node-${i}
                    kubernetes.io/os=linux
Taints:             <none>
Unschedulable:      false
Allocatable:
  cpu:                7910m
  memory:             ${allocatable}
  pods:               110
${
  allocated
    ? `Allocated resources:
  (Total limits may be over 100 percent, i.e., overcommitted.)
  Resource           Requests      Limits
  --------           --------      ------
  cpu                1200m (15%)   0 (0%)
  memory             ${allocated}  0 (0%)
`
    : ''
}Events:             <none>
`;
const TOP = `$ kubectl top pods -n fin
NAME                           CPU(cores)   MEMORY(bytes)
ledger-sync-7f8e9d0c1-x9y8z    210m         3200Mi
`;

test('a 20Gi memory request on 15Gi nodes, the old pods measured at 3200Mi: lowered to the usage plus a quarter', async () => {
  const { d, h, ranking } = await run({
    'k8s/ledger-sync.yaml': ledgerSync('batch', '{ cpu: 500m, memory: 20Gi }'),
    'kubectl/describe-nodes.txt': [describeNode(1, '15Gi', '6144Mi (40%)'), describeNode(2, '15Gi', '4096Mi (26%)')].join('\n'),
    'kubectl/pods.txt': PENDING,
    'kubectl/top.txt': TOP,
  });
  assert.equal(h.fault, 'scheduling_failure', ranking);
  // 3200Mi x 1.25 = 3.9Gi, rounded down in the request's unit.
  assert.deepEqual(addedLines(d, 'k8s/ledger-sync.yaml'), ['            requests: { cpu: 500m, memory: 3.9Gi }']);
});

test('the same request with nothing measured: the most that places both replicas, or nothing when allocated requests are not shown', async () => {
  const shown = await run({
    'k8s/ledger-sync.yaml': ledgerSync('batch', '{ cpu: 500m, memory: 20Gi }'),
    'kubectl/describe-nodes.txt': [describeNode(1, '15Gi', '6144Mi (40%)'), describeNode(2, '15Gi', '4096Mi (26%)')].join('\n'),
    'kubectl/pods.txt': PENDING,
  });
  // node-1 has 9Gi left, node-2 11Gi: the second replica decides.
  assert.deepEqual(addedLines(shown.d, 'k8s/ledger-sync.yaml'), ['            requests: { cpu: 500m, memory: 9Gi }']);
  const unknown = await run({
    'k8s/ledger-sync.yaml': ledgerSync('batch', '{ cpu: 500m, memory: 20Gi }'),
    'kubectl/describe-nodes.txt': [describeNode(1, '15Gi'), describeNode(2, '15Gi')].join('\n'),
    'kubectl/pods.txt': PENDING,
  });
  assert.equal(unknown.h.fault, 'scheduling_failure', unknown.ranking);
  assert.deepEqual(unknown.d.fixes, [], 'what the nodes already run is not shown: no request can be said to fit');
});
