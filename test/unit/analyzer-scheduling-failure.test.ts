/**
 * scheduling_failure through `diagnose()`: Pending pods and FailedScheduling events name the workload; its
 * nodeSelector matched against saved node labels, or its requests against the nodes' allocatable, is the
 * cause. A FailedScheduling that resolved itself is not an incident.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run, causeOf } from '../helpers/diagnosis';

const healthy = (svc: string, n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => `2026-03-10T09:${String(Math.floor((from + i) / 60) % 60).padStart(2, '0')}:${String((from + i) % 60).padStart(2, '0')}.120Z INFO ${svc} step ${i} loss=${(1 / (i + 2)).toFixed(4)}`).join('\n');

/** model-trainer pinned by nodeSelector to `instanceType`, requesting `memory`. */
const trainer = (instanceType: string, memory = '4Gi') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: model-trainer
  namespace: ml
spec:
  replicas: 2
  template:
    metadata:
      labels: { app: model-trainer }
    spec:
      nodeSelector:
        node.kubernetes.io/instance-type: ${instanceType}
      containers:
        - name: trainer
          image: ml/trainer:0.9.3
          resources:
            requests: { cpu: "2", memory: ${memory} }
`;
const NODES = `$ kubectl get nodes --show-labels
NAME             STATUS   ROLES    AGE   VERSION   LABELS
ip-10-0-1-17     Ready    <none>   40d   v1.29.3   kubernetes.io/hostname=ip-10-0-1-17,node.kubernetes.io/instance-type=m6i.2xlarge,topology.kubernetes.io/zone=eu-west-1a
ip-10-0-2-33     Ready    <none>   40d   v1.29.3   kubernetes.io/hostname=ip-10-0-2-33,node.kubernetes.io/instance-type=m6i.2xlarge,topology.kubernetes.io/zone=eu-west-1b
ip-10-0-3-51     Ready    <none>   12d   v1.29.3   kubernetes.io/hostname=ip-10-0-3-51,node.kubernetes.io/instance-type=g5.xlarge,topology.kubernetes.io/zone=eu-west-1c
`;
const PENDING = `NAME                              READY   STATUS    RESTARTS   AGE
model-trainer-6b7c8d9f5-k2x9w     0/1     Pending   0          14m
model-trainer-6b7c8d9f5-p4q7z     0/1     Pending   0          14m
feature-store-5d4c3b2a1-z8y7x     1/1     Running   0          9d
`;
const RUNNING = PENDING.replace(/0\/1     Pending/g, '1/1     Running');
const EVENTS = `LAST SEEN   TYPE      REASON             OBJECT                               MESSAGE
2m          Warning   FailedScheduling   pod/model-trainer-6b7c8d9f5-k2x9w   0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.
2m          Warning   FailedScheduling   pod/model-trainer-6b7c8d9f5-p4q7z   0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.
`;

test('a nodeSelector no node matches: scheduling_failure of the workload, the nodeSelector is the cause, the nodes are context', async () => {
  const { d, h, ranking } = await run({ 'k8s/trainer.yaml': trainer('g5.2xlarge'), 'kubectl/nodes.txt': NODES, 'kubectl/events.txt': EVENTS, 'kubectl/pods.txt': PENDING });
  assert.equal(h.fault, 'scheduling_failure', ranking);
  assert.equal(h.component, 'model-trainer');
  assert.deepEqual(h.rca, { system_level: 'Virtualization', fault_type: 'Dependency Problem' });
  const cause = causeOf(d)!;
  assert.equal(cause.file, 'k8s/trainer.yaml');
  assert.ok([12, 13].includes(cause.line), `the nodeSelector key or its value line, got ${cause.line}`);
  assert.match(cause.note ?? '', /g5\.2xlarge/);
  assert.ok(h.evidence.some((e) => e.file === 'kubectl/nodes.txt' && e.role === 'context'));
  assert.ok(h.evidence.some((e) => e.file === 'kubectl/events.txt'));
});

test('without events: Pending pods in one saved output and node labels in another still find the selector', async () => {
  const { d, h, ranking } = await run({ 'k8s/trainer.yaml': trainer('g5.2xlarge'), 'kubectl/nodes.txt': NODES, 'kubectl/pods.txt': PENDING });
  assert.equal(h.fault, 'scheduling_failure', ranking);
  assert.equal(h.component, 'model-trainer');
  assert.equal(causeOf(d)?.file, 'k8s/trainer.yaml');
});

test('a memory request larger than any node’s allocatable: the requests line is the cause', async () => {
  const { d, h, ranking } = await run({
    'k8s/trainer.yaml': trainer('g5.xlarge', '96Gi'),
    'kubectl/pods.txt': PENDING,
    'kubectl/describe-nodes.txt': `Name:               ip-10-0-3-51
Roles:              <none>
Labels:             kubernetes.io/hostname=ip-10-0-3-51
                    node.kubernetes.io/instance-type=g5.xlarge
Taints:             <none>
Unschedulable:      false
Capacity:
  cpu:                4
  memory:             16073876Ki
  pods:               58
Allocatable:
  cpu:                3920m
  memory:             15056020Ki
  pods:               58
Events:             <none>
`,
    'kubectl/events.txt': `LAST SEEN   TYPE      REASON             OBJECT                               MESSAGE
2m          Warning   FailedScheduling   pod/model-trainer-6b7c8d9f5-k2x9w   0/1 nodes are available: 1 Insufficient memory. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.
`,
  });
  assert.equal(h.fault, 'scheduling_failure', ranking);
  assert.equal(h.component, 'model-trainer');
  assert.equal(causeOf(d)?.file, 'k8s/trainer.yaml');
  assert.equal(causeOf(d)?.line, 18);
  assert.match(causeOf(d)?.note ?? '', /96Gi/);
});

test('a selector that matches a node, pods Running: none', async () => {
  const { d, h, ranking } = await run({ 'k8s/trainer.yaml': trainer('g5.xlarge'), 'kubectl/nodes.txt': NODES, 'kubectl/pods.txt': RUNNING, 'logs/model-trainer.log': healthy('model-trainer', 50) });
  assert.equal(h.fault, 'none', ranking);
  assert.equal(d.detected, false);
});

test('one FailedScheduling that a later Scheduled event resolved is not a confident scheduling failure', async () => {
  const { h, ranking } = await run({
    'k8s/trainer.yaml': trainer('g5.xlarge'),
    'kubectl/nodes.txt': NODES,
    'kubectl/events.txt': `LAST SEEN   TYPE      REASON             OBJECT                               MESSAGE
14m         Warning   FailedScheduling   pod/model-trainer-6b7c8d9f5-k2x9w   0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't match Pod's node affinity/selector.
13m         Normal    Scheduled          pod/model-trainer-6b7c8d9f5-k2x9w   Successfully assigned ml/model-trainer-6b7c8d9f5-k2x9w to ip-10-0-3-51
13m         Normal    Started            pod/model-trainer-6b7c8d9f5-k2x9w   Started container trainer
`,
    'kubectl/pods.txt': RUNNING,
    'logs/model-trainer.log': healthy('model-trainer', 50),
  });
  assert.ok(h.fault !== 'scheduling_failure' || h.confidence < 0.5, ranking);
});
