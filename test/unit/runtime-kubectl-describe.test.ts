import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SourceText } from '../../server/ingest/config/source-text';
import { readCommandOutput } from '../../server/ingest/runtime/read-command-output';

const read = (text: string) => readCommandOutput(new SourceText('describe.txt', text));

const POD = `Name:             cart-5d8f7b9c6-k4v9z
Namespace:        shop
Priority:         0
Service Account:  default
Node:             shop-prod-np1-6d2f/10.0.1.12
Start Time:       Thu, 20 Nov 2026 09:44:12 +0000
Labels:           app=cart
                  pod-template-hash=5d8f7b9c6
Annotations:      kubectl.kubernetes.io/restartedAt: 2026-11-20T09:44:10Z
Status:           Running
IP:               10.244.1.23
IPs:
  IP:           10.244.1.23
Controlled By:  ReplicaSet/cart-5d8f7b9c6
Containers:
  cart:
    Container ID:   containerd://4f9c2d1e8b7a
    Image:          registry.example.com/shop/cart:2.4.0
    Image ID:       registry.example.com/shop/cart@sha256:9b1c
    Port:           8080/TCP
    Host Port:      0/TCP
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       OOMKilled
      Exit Code:    137
      Started:      Thu, 20 Nov 2026 10:09:31 +0000
      Finished:     Thu, 20 Nov 2026 10:10:02 +0000
    Ready:          False
    Restart Count:  5
    Limits:
      cpu:     500m
      memory:  256Mi
    Requests:
      cpu:        250m
      memory:     128Mi
    Liveness:     http-get http://:8080/healthz delay=10s timeout=1s period=10s #success=1 #failure=3
    Environment:
      REDIS_HOST:  redis
    Mounts:
      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-7xq2k (ro)
  istio-proxy:
    Image:          docker.io/istio/proxyv2:1.22.3
    State:          Running
      Started:      Thu, 20 Nov 2026 09:44:14 +0000
    Ready:          True
    Restart Count:  0
Conditions:
  Type                        Status
  PodReadyToStartContainers   True 
  Initialized                 True 
  Ready                       False 
  ContainersReady             False 
  PodScheduled                True 
Volumes:
  kube-api-access-7xq2k:
    Type:                    Projected (a volume that contains injected data from multiple sources)
QoS Class:                   Burstable
Node-Selectors:              <none>
Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
Events:
  Type     Reason     Age                 From               Message
  ----     ------     ----                ----               -------
  Normal   Scheduled  26m                 default-scheduler  Successfully assigned shop/cart-5d8f7b9c6-k4v9z to shop-prod-np1-6d2f
  Normal   Pulled     24m (x5 over 26m)   kubelet            Container image "registry.example.com/shop/cart:2.4.0" already present on machine
  Warning  BackOff    92s (x98 over 25m)  kubelet            Back-off restarting failed container cart in pod cart-5d8f7b9c6-k4v9z_shop(3c1d9a2e-1f4b-4c8e-9a7d-2b6e5f8c1d3a)
`;

test('describe pod: waiting reason, last termination with exit code, restarts, limits, events with x98 counts', () => {
  const { state, problems } = read(`$ kubectl describe pod cart-5d8f7b9c6-k4v9z -n shop\n${POD}`);
  assert.deepEqual(problems, []);
  assert.equal(state.pods.length, 1);
  const pod = state.pods[0]!;
  assert.equal(pod.name, 'cart-5d8f7b9c6-k4v9z');
  assert.equal(pod.namespace, 'shop');
  assert.equal(pod.workload, 'cart');
  assert.equal(pod.status, 'CrashLoopBackOff');
  assert.equal(pod.waitingReason, 'CrashLoopBackOff');
  assert.deepEqual(pod.lastTermination, { reason: 'OOMKilled', exitCode: 137, at: 'Thu, 20 Nov 2026 10:10:02 +0000' });
  assert.equal(pod.restarts, 5);
  assert.deepEqual(pod.ready, { ready: 1, total: 2 });
  assert.equal(pod.node, 'shop-prod-np1-6d2f');
  assert.deepEqual(pod.limits, { memoryBytes: 256 * 2 ** 20, cpuMilli: 500 });
  assert.equal(pod.image, 'registry.example.com/shop/cart:2.4.0');
  assert.equal(pod.evidence.line, 26);
  assert.equal(pod.evidence.text, 'Reason:       OOMKilled');
  assert.equal(pod.evidence.column, 21);
  assert.deepEqual(pod.containers!.map((c) => [c.name, c.state, c.ready, c.restarts]), [['cart', 'Waiting', false, 5], ['istio-proxy', 'Running', true, 0]]);
  assert.deepEqual(pod.containers![0]!.requests, { memoryBytes: 128 * 2 ** 20, cpuMilli: 250 });

  assert.equal(state.events.length, 3);
  const backoff = state.events[2]!;
  assert.equal(backoff.type, 'Warning');
  assert.equal(backoff.reason, 'BackOff');
  assert.equal(backoff.count, 98);
  assert.equal(backoff.age, '92s');
  assert.deepEqual(backoff.object, { kind: 'pod', name: 'cart-5d8f7b9c6-k4v9z' });
  assert.equal(backoff.workload, 'cart');
  assert.equal(backoff.namespace, 'shop');
  assert.match(backoff.message, /^Back-off restarting failed container cart in pod/);
  assert.equal(backoff.evidence.line, 68);
  assert.equal(state.events[1]!.count, 5);
  assert.equal(state.events[0]!.count, 1);
});

const DEPLOYMENT = `Name:                   cart
Namespace:              shop
CreationTimestamp:      Mon, 21 Apr 2026 08:00:00 +0000
Labels:                 app=cart
Annotations:            deployment.kubernetes.io/revision: 7
Selector:               app=cart
Replicas:               2 desired | 1 updated | 3 total | 2 available | 1 unavailable
StrategyType:           RollingUpdate
MinReadySeconds:        0
RollingUpdateStrategy:  25% max unavailable, 25% max surge
Pod Template:
  Labels:  app=cart
  Containers:
   cart:
    Image:      registry.example.com/shop/cart:2.4.0
    Port:       8080/TCP
    Host Port:  0/TCP
    Limits:
      memory:     256Mi
    Environment:  <none>
    Mounts:       <none>
  Volumes:        <none>
Conditions:
  Type           Status  Reason
  ----           ------  ------
  Available      True    MinimumReplicasAvailable
  Progressing    False   ProgressDeadlineExceeded
OldReplicaSets:  cart-84c6d7f5b9 (2/2 replicas created)
NewReplicaSet:   cart-5d8f7b9c6 (1/1 replicas created)
Events:
  Type    Reason             Age   From                   Message
  ----    ------             ----  ----                   -------
  Normal  ScalingReplicaSet  31m   deployment-controller  Scaled up replica set cart-5d8f7b9c6 to 1
`;

test('describe deployment: Replicas line, ProgressDeadlineExceeded, image; several blocks one after another', () => {
  const { state, problems } = read(`# kubectl describe deployment cart -n shop\n${DEPLOYMENT}\n\n${DEPLOYMENT.replace('Name:                   cart', 'Name:                   cart-canary')}`);
  assert.deepEqual(problems, []);
  assert.equal(state.workloads.length, 2);
  const w = state.workloads[0]!;
  assert.equal(w.kind, 'Deployment');
  assert.equal(w.name, 'cart');
  assert.equal(w.namespace, 'shop');
  assert.deepEqual(w.ready, { ready: 2, total: 2 });
  assert.equal(w.upToDate, 1);
  assert.equal(w.available, 2);
  assert.equal(w.stalled, true);
  assert.equal(w.rollout, 'Progressing=False (ProgressDeadlineExceeded)');
  assert.equal(w.evidence.line, 28);
  assert.match(w.evidence.text, /ProgressDeadlineExceeded/);
  assert.equal(w.image, 'registry.example.com/shop/cart:2.4.0');
  assert.equal(state.workloads[1]!.name, 'cart-canary');
  assert.deepEqual(state.events.map((e) => e.object), [{ kind: 'deployment', name: 'cart' }, { kind: 'deployment', name: 'cart-canary' }]);
});

const NODE = `Name:               shop-prod-np1-6d2f
Roles:              <none>
Labels:             beta.kubernetes.io/arch=amd64
                    kubernetes.io/hostname=shop-prod-np1-6d2f
                    node.kubernetes.io/instance-type=e2-standard-4
                    pool=general
Annotations:        node.alpha.kubernetes.io/ttl: 0
                    volumes.kubernetes.io/controller-managed-attach-detach: true
CreationTimestamp:  Mon, 14 Apr 2026 08:12:44 +0000
Taints:             node.kubernetes.io/memory-pressure:NoSchedule
                    dedicated=db:NoSchedule
Unschedulable:      false
Lease:
  HolderIdentity:  shop-prod-np1-6d2f
  AcquireTime:     <unset>
  RenewTime:       Thu, 20 Nov 2026 10:14:01 +0000
Conditions:
  Type             Status  LastHeartbeatTime                 LastTransitionTime                Reason                       Message
  ----             ------  -----------------                 ------------------                ------                       -------
  MemoryPressure   True    Thu, 20 Nov 2026 10:13:58 +0000   Thu, 20 Nov 2026 10:01:12 +0000   KubeletHasInsufficientMemory   kubelet has insufficient memory available
  DiskPressure     False   Thu, 20 Nov 2026 10:13:58 +0000   Mon, 14 Apr 2026 08:12:44 +0000   KubeletHasNoDiskPressure     kubelet has no disk pressure
  PIDPressure      False   Thu, 20 Nov 2026 10:13:58 +0000   Mon, 14 Apr 2026 08:12:44 +0000   KubeletHasSufficientPID      kubelet has sufficient PID available
  Ready            True    Thu, 20 Nov 2026 10:13:58 +0000   Mon, 14 Apr 2026 08:13:20 +0000   KubeletReady                 kubelet is posting ready status
Addresses:
  InternalIP:  10.0.1.12
  Hostname:    shop-prod-np1-6d2f
Capacity:
  cpu:                4
  ephemeral-storage:  98831908Ki
  memory:             16393220Ki
  pods:               110
Allocatable:
  cpu:                3920m
  ephemeral-storage:  47060071478
  memory:             13594116Ki
  pods:               110
System Info:
  Kernel Version:             6.5.0-1020-gcp
  Container Runtime Version:  containerd://1.7.12
Non-terminated Pods:          (2 in total)
  Namespace                   Name                          CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age
  ---------                   ----                          ------------  ----------  ---------------  -------------  ---
  shop                        cart-5d8f7b9c6-k4v9z          250m (6%)     500m (12%)  128Mi (0%)       256Mi (1%)     29m
  shop                        redis-0                       100m (2%)     0 (0%)      6Gi (46%)        14Gi (107%)    21d
Allocated resources:
  (Total limits may be over 100 percent, i.e., overcommitted.)
  Resource           Requests     Limits
  --------           --------     ------
  cpu                350m (8%)    500m (12%)
  memory             6272Mi (47%)  14592Mi (109%)
  ephemeral-storage  0 (0%)       0 (0%)
Events:
  Type     Reason                Age                 From     Message
  ----     ------                ----                ----     -------
  Warning  EvictionThresholdMet  12m (x3 over 40m)   kubelet  Attempting to reclaim memory
`;

test('describe node: labels and taints over several lines, pressure conditions, capacity, allocatable, allocated', () => {
  const { state, problems } = read(`$ kubectl describe node shop-prod-np1-6d2f\n${NODE}`);
  assert.deepEqual(problems, []);
  const node = state.nodes[0]!;
  assert.equal(node.name, 'shop-prod-np1-6d2f');
  assert.equal(node.labels.pool, 'general');
  assert.equal(node.labels['beta.kubernetes.io/arch'], 'amd64');
  assert.equal(Object.keys(node.labels).length, 4);
  assert.deepEqual(node.taints, [{ key: 'node.kubernetes.io/memory-pressure', effect: 'NoSchedule' }, { key: 'dedicated', value: 'db', effect: 'NoSchedule' }]);
  assert.deepEqual(node.conditions, ['MemoryPressure', 'Ready']);
  assert.equal(node.ready, true);
  assert.equal(node.unschedulable, false);
  assert.deepEqual(node.capacity, { memoryBytes: 16393220 * 1024, cpuMilli: 4000 });
  assert.deepEqual(node.allocatable, { memoryBytes: 13594116 * 1024, cpuMilli: 3920 });
  assert.deepEqual(node.allocated, {
    requests: { cpuMilli: 350, cpuPercent: 8, memoryBytes: 6272 * 2 ** 20, memoryPercent: 47 },
    limits: { cpuMilli: 500, cpuPercent: 12, memoryBytes: 14592 * 2 ** 20, memoryPercent: 109 },
  });
  assert.equal(node.evidence.line, 21);
  assert.match(node.evidence.text, /^MemoryPressure\s+True/);
  assert.deepEqual(state.events.map((e) => [e.reason, e.count, e.object?.kind, e.namespace]), [['EvictionThresholdMet', 3, 'node', undefined]]);
});

test('describe service and pvc, told apart by their keys without a prompt', () => {
  const { state, problems } = read(`Name:              cart
Namespace:         shop
Labels:            app=cart
Annotations:       <none>
Selector:          app=cart
Type:              ClusterIP
IP Family Policy:  SingleStack
IP Families:       IPv4
IP:                10.96.12.7
IPs:               10.96.12.7
Port:              http  8081/TCP
TargetPort:        8081/TCP
Endpoints:         <none>
Session Affinity:  None
Events:            <none>


Name:          uploads
Namespace:     shop
StorageClass:  fast-ssd
Status:        Pending
Volume:        
Labels:        <none>
Annotations:   <none>
Finalizers:    [kubernetes.io/pvc-protection]
Capacity:      
Access Modes:  
VolumeMode:    Filesystem
Used By:       cart-5d8f7b9c6-k4v9z
Events:
  Type     Reason                Age                  From                         Message
  ----     ------                ----                 ----                         -------
  Warning  ProvisioningFailed    2m (x12 over 18m)    persistentvolume-controller  storageclass.storage.k8s.io "fast-ssd" not found
`);
  assert.deepEqual(problems, []);
  assert.deepEqual(state.endpoints.map((e) => [e.service, e.namespace, e.addresses, e.evidence.line]), [['cart', 'shop', [], 13]]);
  assert.deepEqual(state.claims.map((c) => [c.name, c.namespace, c.status, c.storageClass, c.volume, c.evidence.line]), [['uploads', 'shop', 'Pending', 'fast-ssd', undefined, 21]]);
  assert.deepEqual(state.events.map((e) => [e.reason, e.count, e.object]), [['ProvisioningFailed', 12, { kind: 'persistentvolumeclaim', name: 'uploads' }]]);
});

test('a describe block cut off before its Events is read as far as it goes and reported', () => {
  const cut = POD.split('\n').slice(0, 27).join('\n');
  const { state, problems } = read(cut);
  assert.equal(state.pods[0]!.status, 'CrashLoopBackOff');
  assert.deepEqual(state.pods[0]!.lastTermination, { reason: 'OOMKilled', exitCode: 137 });
  assert.deepEqual(problems, [{ line: 27, message: 'kubectl describe pod cart-5d8f7b9c6-k4v9z: output cut off before its Events section' }]);
});

test('describe events: a message wrapped onto the next line is joined to its row', () => {
  const { state, problems } = read(`Name:         catalog-6b4d9f7c8-jx2lp
Namespace:    shop
Node:         shop-prod-np1-6d2f/10.0.1.12
Status:       Pending
Containers:
  catalog:
    Image:          registry.example.com/shop/catalog:3.1.0
    State:          Waiting
      Reason:       ImagePullBackOff
    Ready:          False
    Restart Count:  0
Events:
  Type     Reason   Age                From     Message
  ----     ------   ----               ----     -------
  Warning  Failed   3m (x4 over 5m)    kubelet  Failed to pull image "registry.example.com/shop/catalog:3.1.0": rpc error: code = NotFound desc = failed to pull and unpack image
 "registry.example.com/shop/catalog:3.1.0": not found
  Warning  Failed   3m (x4 over 5m)    kubelet  Error: ErrImagePull
`);
  assert.deepEqual(problems, []);
  assert.equal(state.pods[0]!.status, 'ImagePullBackOff');
  assert.equal(state.events.length, 2);
  assert.match(state.events[0]!.message, /failed to pull and unpack image "registry.example.com\/shop\/catalog:3.1.0": not found$/);
  assert.equal(state.events[1]!.message, 'Error: ErrImagePull');
});
