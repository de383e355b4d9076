import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SourceText } from '../../server/ingest/config/source-text';
import { readCommandOutput } from '../../server/ingest/runtime/read-command-output';

const read = (text: string) => readCommandOutput(new SourceText('top.txt', text));

test('kubectl top pods, --containers and top nodes', () => {
  const { state, problems } = read(`$ kubectl top pods -n shop
NAME                        CPU(cores)   MEMORY(bytes)
cart-5d8f7b9c6-k4v9z        250m         1.5Gi
redis-0                     3m           512Mi

$ kubectl top pods -A --containers
NAMESPACE   POD                         NAME          CPU(cores)   MEMORY(bytes)
shop        cart-5d8f7b9c6-k4v9z        cart          241m         1530Mi
shop        cart-5d8f7b9c6-k4v9z        istio-proxy   9m           48Mi

$ kubectl top nodes
NAME                 CPU(cores)   CPU%   MEMORY(bytes)   MEMORY%
shop-prod-np1-6d2f   1850m        47%    12804Mi         96%
shop-prod-np1-9xk4   <unknown>    <unknown>   <unknown>   <unknown>
`);
  assert.deepEqual(problems, []);
  assert.deepEqual(
    state.usage.map((u) => [u.kind, u.name, u.namespace, u.workload, u.container, u.cpuMilli, u.memoryBytes, u.cpuPercent, u.memoryPercent]),
    [
      ['pod', 'cart-5d8f7b9c6-k4v9z', 'shop', 'cart', undefined, 250, 1.5 * 2 ** 30, undefined, undefined],
      ['pod', 'redis-0', 'shop', 'redis', undefined, 3, 512 * 2 ** 20, undefined, undefined],
      ['pod', 'cart-5d8f7b9c6-k4v9z', 'shop', 'cart', 'cart', 241, 1530 * 2 ** 20, undefined, undefined],
      ['pod', 'cart-5d8f7b9c6-k4v9z', 'shop', 'cart', 'istio-proxy', 9, 48 * 2 ** 20, undefined, undefined],
      ['node', 'shop-prod-np1-6d2f', undefined, undefined, undefined, 1850, 12804 * 2 ** 20, 47, 96],
      ['node', 'shop-prod-np1-9xk4', undefined, undefined, undefined, undefined, undefined, undefined, undefined],
    ],
  );
  assert.equal(state.usage[0]!.evidence.line, 3);
});

test('rollout status: waiting lines, a stalled rollout, a finished one; one workload each', () => {
  const { state, problems } = read(`$ kubectl rollout status deployment/cart -n shop
Waiting for deployment "cart" rollout to finish: 1 out of 2 new replicas have been updated...
Waiting for deployment "cart" rollout to finish: 1 old replicas are pending termination...
error: deployment "cart" exceeded its progress deadline

$ kubectl rollout status deploy/frontend -n shop
deployment "frontend" successfully rolled out

$ kubectl rollout status ds/fluent-bit -n logging
Waiting for daemon set "fluent-bit" rollout to finish: 2 of 3 updated pods are available...

$ kubectl rollout status sts/redis -n shop --timeout=60s
Waiting for 1 pods to be ready...
error: timed out waiting for the condition
`);
  assert.deepEqual(problems, []);
  assert.deepEqual(
    state.workloads.map((w) => [w.kind, w.name, w.namespace, w.stalled, w.evidence.line]),
    [
      ['Deployment', 'cart', 'shop', true, 4],
      ['Deployment', 'frontend', 'shop', false, 7],
      ['DaemonSet', 'fluent-bit', 'logging', undefined, 10],
      ['StatefulSet', 'redis', 'shop', undefined, 14],
    ],
  );
  assert.equal(state.workloads[0]!.rollout, 'error: deployment "cart" exceeded its progress deadline');
  assert.equal(state.workloads[3]!.rollout, 'error: timed out waiting for the condition');
  assert.equal(state.workloads[3]!.evidence.note, 'StatefulSet redis: rollout timed out');
});

test('rollout lines pasted without their command still name their deployment', () => {
  const { state } = read(`Waiting for deployment "checkout" rollout to finish: 0 of 2 updated replicas are available...
error: deployment "checkout" exceeded its progress deadline
`);
  assert.deepEqual(state.workloads.map((w) => [w.kind, w.name, w.stalled]), [['Deployment', 'checkout', true]]);
});
