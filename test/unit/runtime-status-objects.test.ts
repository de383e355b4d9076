import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SourceText } from '../../server/ingest/config/source-text';
import { parseYamlStream, type PNode } from '../../server/ingest/config/yaml-tree';
import { readCommandOutput } from '../../server/ingest/runtime/read-command-output';
import { runtimeStateFromObjects } from '../../server/ingest/runtime/status-objects';

const fromText = (text: string, rel = 'dump/pods.yaml') => {
  const docs = parseYamlStream(text).documents.filter((d): d is PNode => d !== null);
  return runtimeStateFromObjects(docs, new SourceText(rel, text));
};

const POD_LIST = `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Pod
  metadata:
    name: cart-5d8f7b9c6-k4v9z
    namespace: shop
  spec:
    nodeName: shop-prod-np1-6d2f
    containers:
    - name: cart
      image: registry.example.com/shop/cart:2.4.0
      resources:
        limits:
          cpu: 500m
          memory: 256Mi
  status:
    phase: Running
    containerStatuses:
    - name: cart
      image: registry.example.com/shop/cart:2.4.0
      ready: false
      restartCount: 5
      state:
        waiting:
          reason: CrashLoopBackOff
          message: back-off 2m40s restarting failed container=cart pod=cart-5d8f7b9c6-k4v9z_shop(3c1d9a2e)
      lastState:
        terminated:
          exitCode: 137
          reason: OOMKilled
          finishedAt: "2026-11-20T10:10:02Z"
- apiVersion: v1
  kind: Pod
  metadata:
    name: redis-0
    namespace: shop
  spec:
    containers:
    - name: redis
      image: redis:7.4.1
  status:
    phase: Running
    containerStatuses:
    - name: redis
      ready: true
      restartCount: 0
      state:
        running:
          startedAt: "2026-10-30T08:00:00Z"
`;

test('Pods of a kind: List: waiting reason, last termination, restarts, limits; evidence at the reason line', () => {
  const state = fromText(POD_LIST);
  assert.equal(state.pods.length, 2);
  const cart = state.pods[0]!;
  assert.equal(cart.status, 'CrashLoopBackOff');
  assert.equal(cart.waitingReason, 'CrashLoopBackOff');
  assert.deepEqual(cart.lastTermination, { reason: 'OOMKilled', exitCode: 137, at: '2026-11-20T10:10:02Z' });
  assert.equal(cart.restarts, 5);
  assert.deepEqual(cart.ready, { ready: 0, total: 1 });
  assert.equal(cart.node, 'shop-prod-np1-6d2f');
  assert.equal(cart.workload, 'cart');
  assert.deepEqual(cart.limits, { memoryBytes: 256 * 2 ** 20, cpuMilli: 500 });
  assert.match(cart.message!, /^back-off 2m40s/);
  assert.equal(cart.evidence.line, 32);
  assert.equal(cart.evidence.text, 'reason: OOMKilled');
  assert.equal(state.pods[1]!.status, 'Running');
  assert.equal(state.pods[1]!.workload, 'redis');
});

test('a Pod manifest without status adds nothing', () => {
  const state = fromText('apiVersion: v1\nkind: Pod\nmetadata:\n  name: debug\nspec:\n  containers:\n  - name: sh\n    image: busybox\n');
  assert.deepEqual(state.pods, []);
});

test('Nodes, Events, claims and a stalled Deployment from a multi-document dump', () => {
  const state = fromText(`apiVersion: v1
kind: Node
metadata:
  name: shop-prod-np1-6d2f
  labels:
    pool: general
    kubernetes.io/hostname: shop-prod-np1-6d2f
spec:
  unschedulable: true
  taints:
  - key: node.kubernetes.io/memory-pressure
    effect: NoSchedule
status:
  allocatable:
    cpu: 3920m
    memory: 13594116Ki
  capacity:
    cpu: "4"
    memory: 16393220Ki
  conditions:
  - type: MemoryPressure
    status: "True"
    reason: KubeletHasInsufficientMemory
  - type: Ready
    status: "True"
---
apiVersion: v1
kind: Event
metadata:
  name: cart-5d8f7b9c6-k4v9z.17a8b3c4d5e6f7a8
  namespace: shop
involvedObject:
  kind: Pod
  name: cart-5d8f7b9c6-k4v9z
  namespace: shop
reason: BackOff
message: Back-off restarting failed container cart in pod cart-5d8f7b9c6-k4v9z_shop(3c1d9a2e)
count: 98
type: Warning
lastTimestamp: "2026-11-20T10:12:40Z"
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: uploads
  namespace: shop
spec:
  storageClassName: fast-ssd
  resources:
    requests:
      storage: 10Gi
status:
  phase: Pending
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: cart
  namespace: shop
spec:
  replicas: 2
  template:
    spec:
      containers:
      - name: cart
        image: registry.example.com/shop/cart:2.4.0
status:
  replicas: 3
  readyReplicas: 2
  updatedReplicas: 1
  availableReplicas: 2
  conditions:
  - type: Available
    status: "True"
    reason: MinimumReplicasAvailable
  - type: Progressing
    status: "False"
    reason: ProgressDeadlineExceeded
    message: ReplicaSet "cart-5d8f7b9c6" has timed out progressing.
`, 'dump/cluster.yaml');
  const node = state.nodes[0]!;
  assert.deepEqual(node.labels, { pool: 'general', 'kubernetes.io/hostname': 'shop-prod-np1-6d2f' });
  assert.deepEqual(node.taints, [{ key: 'node.kubernetes.io/memory-pressure', effect: 'NoSchedule' }]);
  assert.deepEqual(node.conditions, ['MemoryPressure', 'Ready']);
  assert.equal(node.ready, true);
  assert.equal(node.unschedulable, true);
  assert.deepEqual(node.allocatable, { memoryBytes: 13594116 * 1024, cpuMilli: 3920 });
  assert.deepEqual(node.capacity, { memoryBytes: 16393220 * 1024, cpuMilli: 4000 });
  assert.equal(node.evidence.line, 21);

  const event = state.events[0]!;
  assert.deepEqual([event.type, event.reason, event.count, event.object, event.workload, event.namespace, event.age, event.evidence.line], [
    'Warning', 'BackOff', 98, { kind: 'pod', name: 'cart-5d8f7b9c6-k4v9z' }, 'cart', 'shop', '2026-11-20T10:12:40Z', 36,
  ]);

  assert.deepEqual(state.claims.map((c) => [c.name, c.namespace, c.status, c.storageClass, c.evidence.line]), [['uploads', 'shop', 'Pending', 'fast-ssd', 53]]);

  const w = state.workloads[0]!;
  assert.deepEqual([w.kind, w.name, w.ready, w.upToDate, w.available, w.stalled, w.rollout, w.image], [
    'Deployment', 'cart', { ready: 2, total: 2 }, 1, 2, true, 'ReplicaSet "cart-5d8f7b9c6" has timed out progressing.', 'registry.example.com/shop/cart:2.4.0',
  ]);
  assert.equal(w.evidence.text, 'reason: ProgressDeadlineExceeded');
});

test('a kubectl get -o json dump, and a -o yaml dump pasted under its prompt in a text file', () => {
  const json = JSON.stringify({ apiVersion: 'v1', kind: 'PodList', items: [{ kind: 'Pod', metadata: { name: 'web-0', namespace: 'shop' }, status: { phase: 'Pending', reason: 'Evicted', message: 'The node was low on resource: memory.' } }] }, null, 2);
  const state = fromText(json, 'dump/pods.json');
  assert.deepEqual(state.pods.map((p) => [p.name, p.status, p.message]), [['web-0', 'Evicted', 'The node was low on resource: memory.']]);

  const text = `$ kubectl get pvc uploads -n shop -o yaml
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: uploads
  namespace: shop
status:
  phase: Pending

$ kubectl get pods -n shop
NAME      READY   STATUS    RESTARTS   AGE
web-0     0/1     Evicted   0          3h
`;
  const { state: fromFile, problems } = readCommandOutput(new SourceText('kubectl/pvc.txt', text));
  assert.deepEqual(problems, []);
  assert.deepEqual(fromFile.claims.map((c) => [c.name, c.status, c.evidence.line, c.evidence.text]), [['uploads', 'Pending', 8, 'phase: Pending']]);
  assert.deepEqual(fromFile.pods.map((p) => p.status), ['Evicted']);
});
