import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SourceText } from '../../server/ingest/config/source-text';
import { readCommandOutput } from '../../server/ingest/runtime/read-command-output';

const read = (text: string) => readCommandOutput(new SourceText('kubectl/get.txt', text));

test('kubectl get pods -A -o wide: status, readiness, restarts with "(2m ago)", node, workload, namespace', () => {
  const { state, problems } = read(`$ kubectl get pods -A -o wide
NAMESPACE     NAME                            READY   STATUS             RESTARTS       AGE     IP            NODE                 NOMINATED NODE   READINESS GATES
kube-system   coredns-5d78c9869d-8xk2p        1/1     Running            0              41d     10.244.0.3    shop-prod-np1-6d2f   <none>           <none>
shop          cart-5d8f7b9c6-k4v9z            0/1     CrashLoopBackOff   7 (2m13s ago)  14m     10.244.1.23   shop-prod-np1-6d2f   <none>           <none>
shop          catalog-6b4d9f7c8-jx2lp         0/1     ImagePullBackOff   0              5m12s   10.244.1.11   shop-prod-np1-6d2f   <none>           <none>
shop          orders-7c9f6d8b5d-q8mnt         0/1     OOMKilled          3 (40s ago)    3d4h    10.244.2.9    shop-prod-np1-9xk4   <none>           <none>
shop          payments-84c6d7f5b9-tn5rb       0/1     Pending            0              2m      <none>        <none>               <none>           <none>
shop          redis-0                         1/1     Running            0              21d     10.244.1.8    shop-prod-np1-6d2f   <none>           <none>
shop          migrate-db-x7k2p                0/1     Init:Error         2              1m      10.244.2.31   shop-prod-np1-9xk4   <none>           <none>
`);
  assert.deepEqual(problems, []);
  assert.equal(state.pods.length, 7);
  const cart = state.pods[1]!;
  assert.equal(cart.name, 'cart-5d8f7b9c6-k4v9z');
  assert.equal(cart.namespace, 'shop');
  assert.equal(cart.workload, 'cart');
  assert.equal(cart.status, 'CrashLoopBackOff');
  assert.equal(cart.waitingReason, 'CrashLoopBackOff');
  assert.deepEqual(cart.ready, { ready: 0, total: 1 });
  assert.equal(cart.restarts, 7);
  assert.equal(cart.node, 'shop-prod-np1-6d2f');
  assert.equal(cart.evidence.line, 4);
  assert.equal(cart.evidence.column, 55);
  assert.match(cart.evidence.text, /^shop\s+cart-5d8f7b9c6-k4v9z/);
  assert.equal(state.pods[0]!.namespace, 'kube-system');
  assert.equal(state.pods[2]!.waitingReason, 'ImagePullBackOff');
  assert.deepEqual(state.pods[3]!.lastTermination, { reason: 'OOMKilled' });
  assert.equal(state.pods[4]!.node, undefined);
  assert.equal(state.pods[5]!.workload, 'redis');
  assert.equal(state.pods[6]!.status, 'Init:Error');
});

test('kubectl get pods without NAMESPACE takes the namespace of -n', () => {
  const { state } = read(`user@bastion:~$ kubectl -n shop get po
NAME                        READY   STATUS    RESTARTS   AGE
frontend-7c9f6d8b5d-x2kqp   1/1     Running   0          3d19h
redis-0                     1/1     Running   1          21d
`);
  assert.deepEqual(state.pods.map((p) => [p.name, p.namespace, p.workload, p.restarts]), [
    ['frontend-7c9f6d8b5d-x2kqp', 'shop', 'frontend', 0],
    ['redis-0', 'shop', 'redis', 1],
  ]);
});

test('deployments, statefulsets, daemonsets and replicasets', () => {
  const { state, problems } = read(`$ kubectl get deploy -n shop -o wide
NAME       READY   UP-TO-DATE   AVAILABLE   AGE    CONTAINERS   IMAGES                                   SELECTOR
cart       1/2     1            1           214d   cart         registry.example.com/shop/cart:2.4.0     app=cart
frontend   2/2     2            2           214d   frontend     registry.example.com/shop/frontend:1.9   app=frontend

$ kubectl get sts -n shop
NAME    READY   AGE
redis   0/1     21d

$ kubectl get ds -n kube-system
NAME         DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR            AGE
kube-proxy   3         3         2       3            2           kubernetes.io/os=linux   41d

$ kubectl get rs -n shop
NAME                  DESIRED   CURRENT   READY   AGE
cart-5d8f7b9c6        1         1         0       14m
cart-84c6d7f5b9       1         1         1       30d
`);
  assert.deepEqual(problems, []);
  const byName = new Map(state.workloads.map((w) => [`${w.kind}/${w.name}`, w]));
  assert.deepEqual(byName.get('Deployment/cart'), {
    kind: 'Deployment',
    name: 'cart',
    namespace: 'shop',
    ready: { ready: 1, total: 2 },
    upToDate: 1,
    available: 1,
    image: 'registry.example.com/shop/cart:2.4.0',
    evidence: { file: 'kubectl/get.txt', line: 3, column: 12, text: 'cart       1/2     1            1           214d   cart         registry.example.com/shop/cart:2.4.0     app=cart', note: 'Deployment cart: 1/2 ready' },
  });
  assert.deepEqual(byName.get('StatefulSet/redis')!.ready, { ready: 0, total: 1 });
  assert.deepEqual(byName.get('DaemonSet/kube-proxy')!.ready, { ready: 2, total: 3 });
  assert.equal(byName.get('DaemonSet/kube-proxy')!.namespace, 'kube-system');
  assert.deepEqual(byName.get('ReplicaSet/cart-5d8f7b9c6')!.ready, { ready: 0, total: 1 });
});

test('get svc,endpoints with kind/name rows: endpoints with <none>, a list, and "+ N more..."', () => {
  const { state, problems } = read(`$ kubectl get svc,endpoints -n shop -o wide
NAME               TYPE        CLUSTER-IP     EXTERNAL-IP   PORT(S)    AGE    SELECTOR
service/cart       ClusterIP   10.96.12.7     <none>        8081/TCP   214d   app=cart
service/redis      ClusterIP   None           <none>        6379/TCP   214d   app=redis

NAME                 ENDPOINTS                                                          AGE
endpoints/cart       <none>                                                             214d
endpoints/frontend   10.244.1.14:8080,10.244.2.9:8080,10.244.3.4:8080 + 2 more...      214d
endpoints/redis      10.244.1.8:6379                                                    214d
`);
  assert.deepEqual(problems, []);
  assert.deepEqual(
    state.endpoints.map((e) => [e.service, e.namespace, e.addresses, e.moreAddresses]),
    [
      ['cart', 'shop', [], undefined],
      ['frontend', 'shop', ['10.244.1.14:8080', '10.244.2.9:8080', '10.244.3.4:8080'], 2],
      ['redis', 'shop', ['10.244.1.8:6379'], undefined],
    ],
  );
  assert.equal(state.endpoints[0]!.evidence.line, 7);
  assert.equal(state.endpoints[0]!.evidence.note, 'service cart has no endpoints');
});

test('get all: pods, services, deployments, replicasets and statefulsets in one output', () => {
  const { state, problems } = read(`$ kubectl get all -n shop
NAME                               READY   STATUS    RESTARTS   AGE
pod/cart-5d8f7b9c6-k4v9z           1/1     Running   0          29m
pod/redis-0                        1/1     Running   0          21d

NAME            TYPE        CLUSTER-IP    EXTERNAL-IP   PORT(S)    AGE
service/cart    ClusterIP   10.96.12.7    <none>        8081/TCP   214d

NAME                   READY   UP-TO-DATE   AVAILABLE   AGE
deployment.apps/cart   1/1     1            1           214d

NAME                              DESIRED   CURRENT   READY   AGE
replicaset.apps/cart-5d8f7b9c6    1         1         1       29m

NAME                     READY   AGE
statefulset.apps/redis   1/1     21d
`);
  assert.deepEqual(problems, []);
  assert.deepEqual(state.pods.map((p) => p.name), ['cart-5d8f7b9c6-k4v9z', 'redis-0']);
  assert.deepEqual(state.workloads.map((w) => `${w.kind}/${w.name}`), ['Deployment/cart', 'ReplicaSet/cart-5d8f7b9c6', 'StatefulSet/redis']);
});

test('get pvc and pv: a Pending claim with empty columns, a Released volume', () => {
  const { state, problems } = read(`$ kubectl get pvc -n shop
NAME           STATUS    VOLUME                                     CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE
data-redis-0   Bound     pvc-0b9e4d17-52a1-4f0c-8d3e-7c1b2a6f9e40   1Gi        RWO            standard-rwo   <unset>                 21d
uploads        Pending                                                                        fast-ssd       <unset>                 3m

$ kubectl get pv
NAME                                       CAPACITY   ACCESS MODES   RECLAIM POLICY   STATUS     CLAIM                STORAGECLASS   VOLUMEATTRIBUTESCLASS   REASON   AGE
pvc-0b9e4d17-52a1-4f0c-8d3e-7c1b2a6f9e40   1Gi        RWO            Delete           Bound      shop/data-redis-0    standard-rwo   <unset>                          21d
pvc-9f1c2a9e-3b7d-4c1e-9a55-0d2e8f41b7c3   5Gi        RWO            Retain           Released   shop/old-uploads     fast-ssd       <unset>                          90d
`);
  assert.deepEqual(problems, []);
  const [bound, pending, pv1, pv2] = state.claims;
  assert.deepEqual({ ...bound, evidence: undefined }, { name: 'data-redis-0', namespace: 'shop', status: 'Bound', volume: 'pvc-0b9e4d17-52a1-4f0c-8d3e-7c1b2a6f9e40', capacityBytes: 2 ** 30, storageClass: 'standard-rwo', evidence: undefined });
  assert.deepEqual({ ...pending, evidence: undefined }, { name: 'uploads', namespace: 'shop', status: 'Pending', storageClass: 'fast-ssd', evidence: undefined });
  assert.equal(pv1!.kind, 'PersistentVolume');
  assert.equal(pv1!.claim, 'shop/data-redis-0');
  assert.equal(pv2!.status, 'Released');
  assert.equal(pv2!.capacityBytes, 5 * 2 ** 30);
});

test('get nodes --show-labels and -o wide: readiness, cordoned nodes, labels', () => {
  const { state, problems } = read(`$ kubectl get nodes --show-labels
NAME                 STATUS                     ROLES           AGE    VERSION   LABELS
shop-prod-np1-6d2f   Ready                      <none>          214d   v1.30.4   kubernetes.io/hostname=shop-prod-np1-6d2f,node.kubernetes.io/instance-type=e2-standard-4,pool=general
shop-prod-np1-9xk4   NotReady                   <none>          214d   v1.30.4   kubernetes.io/hostname=shop-prod-np1-9xk4,pool=general
shop-prod-cp-1       Ready,SchedulingDisabled   control-plane   214d   v1.30.4   node-role.kubernetes.io/control-plane=

$ kubectl get nodes -o wide
NAME                 STATUS   ROLES    AGE    VERSION   INTERNAL-IP   EXTERNAL-IP   OS-IMAGE             KERNEL-VERSION    CONTAINER-RUNTIME
shop-prod-np1-6d2f   Ready    <none>   214d   v1.30.4   10.0.1.12     <none>        Ubuntu 22.04.4 LTS   6.5.0-1020-gcp    containerd://1.7.12
`);
  assert.deepEqual(problems, []);
  const [a, b, c, d] = state.nodes;
  assert.equal(a!.ready, true);
  assert.deepEqual(a!.conditions, ['Ready']);
  assert.equal(a!.labels['node.kubernetes.io/instance-type'], 'e2-standard-4');
  assert.equal(b!.ready, false);
  assert.deepEqual(b!.conditions, []);
  assert.equal(c!.unschedulable, true);
  assert.equal(c!.labels['node-role.kubernetes.io/control-plane'], '');
  assert.equal(d!.name, 'shop-prod-np1-6d2f');
  assert.deepEqual(d!.labels, {});
});

test('a header retyped with single spaces is read word by word', () => {
  const { state } = read(`NAME READY STATUS RESTARTS AGE
cart-5d8f7b9c6-k4v9z 0/1 CrashLoopBackOff 5 10m
`);
  assert.equal(state.pods[0]!.status, 'CrashLoopBackOff');
  assert.equal(state.pods[0]!.restarts, 5);
});
