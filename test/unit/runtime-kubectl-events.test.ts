import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SourceText } from '../../server/ingest/config/source-text';
import { readCommandOutput } from '../../server/ingest/runtime/read-command-output';

const read = (text: string) => readCommandOutput(new SourceText('events.txt', text));

test('kubectl get events -A: namespace, object, workload of pods and replicasets', () => {
  const { state, problems } = read(`$ kubectl get events -A --sort-by=.lastTimestamp
NAMESPACE     LAST SEEN   TYPE      REASON              OBJECT                           MESSAGE
shop          30m         Normal    ScalingReplicaSet   deployment/cart                  Scaled up replica set cart-5d8f7b9c6 to 1
shop          30m         Normal    SuccessfulCreate    replicaset/cart-5d8f7b9c6        Created pod: cart-5d8f7b9c6-k4v9z
shop          5m12s       Warning   BackOff             pod/cart-5d8f7b9c6-k4v9z         Back-off restarting failed container cart in pod cart-5d8f7b9c6-k4v9z_shop(3c1d9a2e-1f4b)
shop          2m          Warning   Unhealthy           pod/redis-0                      Liveness probe failed: dial tcp 10.244.1.8:6379: connect: connection refused
kube-system   3d4h        Warning   NodeNotReady        node/shop-prod-np1-9xk4          Node shop-prod-np1-9xk4 status is now: NodeNotReady
`);
  assert.deepEqual(problems, []);
  assert.deepEqual(
    state.events.map((e) => [e.namespace, e.age, e.type, e.reason, e.object?.kind, e.object?.name, e.workload, e.count]),
    [
      ['shop', '30m', 'Normal', 'ScalingReplicaSet', 'deployment', 'cart', 'cart', 1],
      ['shop', '30m', 'Normal', 'SuccessfulCreate', 'replicaset', 'cart-5d8f7b9c6', 'cart', 1],
      ['shop', '5m12s', 'Warning', 'BackOff', 'pod', 'cart-5d8f7b9c6-k4v9z', 'cart', 1],
      ['shop', '2m', 'Warning', 'Unhealthy', 'pod', 'redis-0', 'redis', 1],
      ['kube-system', '3d4h', 'Warning', 'NodeNotReady', 'node', 'shop-prod-np1-9xk4', undefined, 1],
    ],
  );
  assert.equal(state.events[2]!.message, 'Back-off restarting failed container cart in pod cart-5d8f7b9c6-k4v9z_shop(3c1d9a2e-1f4b)');
  assert.equal(state.events[2]!.evidence.line, 5);
  assert.equal(state.events[2]!.evidence.column, 37);
});

test('wrapped long messages (a narrow terminal or a multi-line message) are joined, the next rows still read', () => {
  const { state, problems } = read(`$ kubectl get events -n shop
LAST SEEN   TYPE      REASON    OBJECT                        MESSAGE
4m          Warning   Failed    pod/catalog-6b4d9f7c8-jx2lp   Failed to pull image "registry.example.com/shop/catalog:3.1.0": rpc error: code = NotFound desc = fa
iled to pull and unpack image "registry.example.com/shop/catalog:3.1.0": failed to resolve reference "registry.example.com/shop/catalog:3.1.0": not found
4m          Warning   Failed    pod/catalog-6b4d9f7c8-jx2lp   Error: ErrImagePull
90s         Warning   FailedMount   pod/cart-5d8f7b9c6-k4v9z   MountVolume.SetUp failed for volume "config" : configmap "cart-config" not found
2m          Normal    BackOff   pod/catalog-6b4d9f7c8-jx2lp   Back-off pulling image "registry.example.com/shop/catalog:3.1.0"
`);
  assert.deepEqual(problems, []);
  assert.deepEqual(state.events.map((e) => e.reason), ['Failed', 'Failed', 'FailedMount', 'BackOff']);
  assert.match(state.events[0]!.message, /desc = fa iled to pull and unpack image .*: not found$/);
  assert.equal(state.events[1]!.message, 'Error: ErrImagePull');
  // A row written off its columns is still one row.
  assert.equal(state.events[2]!.message, 'MountVolume.SetUp failed for volume "config" : configmap "cart-config" not found');
  assert.equal(state.events[2]!.evidence.column, 23);
});

test('-o wide events with FIRST SEEN, COUNT and NAME after the message', () => {
  const { state, problems } = read(`$ kubectl get events -n shop -o wide
LAST SEEN   TYPE      REASON    OBJECT                     SUBOBJECT               SOURCE                                MESSAGE                                FIRST SEEN   COUNT   NAME
2m          Warning   BackOff   pod/cart-5d8f7b9c6-k4v9z   spec.containers{cart}   kubelet, shop-prod-np1-6d2f           Back-off restarting failed container   25m          98      cart-5d8f7b9c6-k4v9z.17a8b3c4d5e6f7a8
`);
  assert.deepEqual(problems, []);
  assert.deepEqual(state.events.map((e) => [e.reason, e.count, e.message, e.namespace]), [['BackOff', 98, 'Back-off restarting failed container', 'shop']]);
});

test('the old layout with KIND and NAME columns', () => {
  const { state, problems } = read(`LAST SEEN   FIRST SEEN   COUNT     NAME                                    KIND      SUBOBJECT               TYPE      REASON    SOURCE            MESSAGE
2m          25m          98        cart-5d8f7b9c6-k4v9z.15f3a9b2c1d0e8f7   Pod       spec.containers{cart}   Warning   BackOff   kubelet, node-1   Back-off restarting failed container
`);
  assert.deepEqual(problems, []);
  assert.deepEqual(state.events.map((e) => [e.reason, e.count, e.object, e.workload]), [['BackOff', 98, { kind: 'pod', name: 'cart-5d8f7b9c6-k4v9z' }, 'cart']]);
});

test('kubectl events (the newer command) shows counts in LAST SEEN', () => {
  const { state } = read(`$ kubectl events -n shop --for pod/cart-5d8f7b9c6-k4v9z
LAST SEEN             TYPE      REASON    OBJECT                     MESSAGE
92s (x98 over 25m)    Warning   BackOff   Pod/cart-5d8f7b9c6-k4v9z   Back-off restarting failed container cart in pod cart-5d8f7b9c6-k4v9z_shop(3c1d9a2e)
`);
  assert.deepEqual(state.events.map((e) => [e.age, e.count, e.object]), [['92s', 98, { kind: 'pod', name: 'cart-5d8f7b9c6-k4v9z' }]]);
});
