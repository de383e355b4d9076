/**
 * image_pull_failure through `diagnose()`: pull errors in events, pod rows and compose output name the
 * workload, and its `image:` line is the cause (with the missing imagePullSecrets said when the registry
 * denies access). A registry's 401 is not an application auth failure, nor a registry name that does not
 * resolve a DNS failure.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run, causeOf, at } from '../helpers/diagnosis';

const healthy = (svc: string, n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => `2026-03-10T09:${String(Math.floor((from + i) / 60) % 60).padStart(2, '0')}:${String((from + i) % 60).padStart(2, '0')}.120Z INFO ${svc} GET /v1/geocode?q=${i} 200 ${12 + (i % 9)}ms`).join('\n');

const geoLookup = (image: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: geo-lookup
  namespace: maps
spec:
  replicas: 2
  template:
    metadata:
      labels: { app: geo-lookup }
    spec:
      containers:
        - name: geo
          image: ${image}
          ports:
            - containerPort: 8000
`;

test('a tag the registry does not have: image_pull_failure of the Deployment, its image line is the cause', async () => {
  const { d, h, ranking } = await run({
    'k8s/geo-lookup.yaml': geoLookup('ghcr.io/acme-maps/geo-lookup:v2.13.0'),
    'kubectl/pods.txt': `NAME                          READY   STATUS             RESTARTS   AGE
geo-lookup-84c9b7d6f5-h7t2q   0/1     ImagePullBackOff   0          6m
geo-lookup-84c9b7d6f5-v9w4c   0/1     ErrImagePull       0          6m
`,
    'kubectl/events.txt': `LAST SEEN   TYPE      REASON    OBJECT                            MESSAGE
5m          Warning   Failed    pod/geo-lookup-84c9b7d6f5-h7t2q   Failed to pull image "ghcr.io/acme-maps/geo-lookup:v2.13.0": rpc error: code = NotFound desc = failed to pull and unpack image "ghcr.io/acme-maps/geo-lookup:v2.13.0": failed to resolve reference "ghcr.io/acme-maps/geo-lookup:v2.13.0": ghcr.io/acme-maps/geo-lookup:v2.13.0: not found
5m          Warning   Failed    pod/geo-lookup-84c9b7d6f5-h7t2q   Error: ErrImagePull
4m          Normal    BackOff   pod/geo-lookup-84c9b7d6f5-h7t2q   Back-off pulling image "ghcr.io/acme-maps/geo-lookup:v2.13.0"
`,
  });
  assert.equal(h.fault, 'image_pull_failure', ranking);
  assert.equal(h.component, 'geo-lookup');
  assert.deepEqual(h.rca, { system_level: 'Virtualization', fault_type: 'Operation Error' });
  assert.equal(at(causeOf(d)), 'k8s/geo-lookup.yaml:14');
  assert.ok(h.evidence.some((e) => e.file === 'kubectl/events.txt') && h.evidence.some((e) => e.file === 'kubectl/pods.txt'));
});

test('a private registry answering 401 in kubectl describe: no imagePullSecrets is said, and it is not an auth_failure', async () => {
  const { d, h, ranking } = await run({
    'k8s/geo-lookup.yaml': geoLookup('registry.acme.internal/maps/geo-lookup:2.13.0'),
    'kubectl/describe-pod.txt': `Name:         geo-lookup-84c9b7d6f5-h7t2q
Namespace:    maps
Status:       Pending
Containers:
  geo:
    Image:          registry.acme.internal/maps/geo-lookup:2.13.0
    State:          Waiting
      Reason:       ImagePullBackOff
    Ready:          False
    Restart Count:  0
Events:
  Type     Reason     Age                  From               Message
  ----     ------     ----                 ----               -------
  Normal   Scheduled  7m                   default-scheduler  Successfully assigned maps/geo-lookup-84c9b7d6f5-h7t2q to node-2
  Normal   Pulling    5m (x4 over 7m)      kubelet            Pulling image "registry.acme.internal/maps/geo-lookup:2.13.0"
  Warning  Failed     5m (x4 over 7m)      kubelet            Failed to pull image "registry.acme.internal/maps/geo-lookup:2.13.0": failed to authorize: failed to fetch anonymous token: unexpected status: 401 Unauthorized
  Warning  Failed     5m (x4 over 7m)      kubelet            Error: ErrImagePull
  Normal   BackOff    2m (x19 over 7m)     kubelet            Back-off pulling image "registry.acme.internal/maps/geo-lookup:2.13.0"
`,
  });
  assert.equal(h.fault, 'image_pull_failure', ranking);
  assert.equal(h.component, 'geo-lookup');
  assert.equal(at(causeOf(d)), 'k8s/geo-lookup.yaml:14');
  assert.match(causeOf(d)!.note ?? '', /imagePullSecrets/);
});

test('a misspelt registry host that does not resolve is image_pull_failure, not dns_failure', async () => {
  const { d, h, ranking } = await run({
    'k8s/tiles.yaml': `apiVersion: apps/v1
kind: Deployment
metadata: { name: tiles, namespace: maps }
spec:
  template:
    spec:
      containers:
        - name: tiles
          image: regsitry.acme.internal/maps/tiles:4.0.2
`,
    'kubectl/events.txt': `LAST SEEN   TYPE      REASON    OBJECT                       MESSAGE
2m          Warning   Failed    pod/tiles-6c7d8e9f0-m3n4b    Failed to pull image "regsitry.acme.internal/maps/tiles:4.0.2": failed to resolve reference "regsitry.acme.internal/maps/tiles:4.0.2": failed to do request: Head "https://regsitry.acme.internal/v2/maps/tiles/manifests/4.0.2": dial tcp: lookup regsitry.acme.internal on 10.0.0.2:53: no such host
2m          Warning   Failed    pod/tiles-6c7d8e9f0-m3n4b    Error: ErrImagePull
1m          Normal    BackOff   pod/tiles-6c7d8e9f0-m3n4b    Back-off pulling image "regsitry.acme.internal/maps/tiles:4.0.2"
`,
  });
  assert.equal(h.fault, 'image_pull_failure', ranking);
  assert.equal(h.component, 'tiles');
  assert.equal(at(causeOf(d)), 'k8s/tiles.yaml:9');
});

test(
  'docker compose pull output naming the service: the compose service and its image line',
  async () => {
    const { d, h, ranking } = await run({
      'docker-compose.yml': 'services:\n  worker:\n    image: acme/worker:2.0.0-rc.1\n  web:\n    image: nginx:1.27\n',
      'compose-up.log': `web Pulling
worker Pulling
worker Error pull access denied for acme/worker, repository does not exist or may require 'docker login': denied: requested access to the resource is denied
Error response from daemon: pull access denied for acme/worker, repository does not exist or may require 'docker login': denied: requested access to the resource is denied
`,
    });
    assert.equal(h.fault, 'image_pull_failure', ranking);
    assert.equal(h.component, 'worker');
    assert.equal(at(causeOf(d)), 'docker-compose.yml:3');
  },
);

test(
  'one pull that timed out, then pulled and running, is not a confident image_pull_failure',
  async () => {
    const { h, ranking } = await run({
      'k8s/geo-lookup.yaml': geoLookup('ghcr.io/acme-maps/geo-lookup:v2.13.0'),
      'kubectl/events.txt': `LAST SEEN   TYPE      REASON    OBJECT                            MESSAGE
20m         Warning   Failed    pod/geo-lookup-84c9b7d6f5-h7t2q   Failed to pull image "ghcr.io/acme-maps/geo-lookup:v2.13.0": rpc error: code = Unavailable desc = dial tcp 140.82.121.34:443: i/o timeout
19m         Normal    Pulled    pod/geo-lookup-84c9b7d6f5-h7t2q   Successfully pulled image "ghcr.io/acme-maps/geo-lookup:v2.13.0" in 4.2s
19m         Normal    Started   pod/geo-lookup-84c9b7d6f5-h7t2q   Started container geo
`,
      'kubectl/pods.txt': 'NAME                          READY   STATUS    RESTARTS   AGE\ngeo-lookup-84c9b7d6f5-h7t2q   1/1     Running   0          21m\n',
      'logs/geo-lookup.log': healthy('geo-lookup', 80),
    });
    assert.ok(h.fault !== 'image_pull_failure' || h.confidence < 0.5, ranking);
  },
);

test('pods running the image they asked for: none', async () => {
  const { d, h, ranking } = await run({
    'k8s/geo-lookup.yaml': geoLookup('ghcr.io/acme-maps/geo-lookup:v2.12.4'),
    'kubectl/pods.txt': 'NAME                          READY   STATUS    RESTARTS   AGE\ngeo-lookup-6f5e4d3c2-b8n7m    1/1     Running   0          3d\n',
    'logs/geo-lookup.log': healthy('geo-lookup', 80),
  });
  assert.equal(h.fault, 'none', ranking);
  assert.equal(d.detected, false);
});
