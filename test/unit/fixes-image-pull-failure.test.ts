/**
 * Fixes of image_pull_failure through `diagnose()`: a tag the registry does not have becomes the same version
 * in the namespace's tag style, or the tag the workload's running pods use, and nothing when neither is
 * known; a denied pull gets the pull secret that the namespace's other workloads use for that registry, and
 * nothing when they use several.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run, addedLines, removedLines } from '../helpers/diagnosis';

/** Deployment `name` in namespace `alerts` with `image` and, when given, pull secret `secret`. */
const deployment = (name: string, image: string, secret?: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: alerts
spec:
  replicas: 2
  template:
    metadata:
      labels: { app: ${name} }
    spec:
${secret ? `      imagePullSecrets:\n        - name: ${secret}\n` : ''}      containers:
        - name: ${name}
          image: ${image}
`;
const notFound = (image: string) => `LAST SEEN   TYPE      REASON    OBJECT                          MESSAGE
3m          Warning   Failed    pod/notifier-6b5c4d3e2-k8j7h    Failed to pull image "${image}": rpc error: code = NotFound desc = failed to pull and unpack image "${image}": failed to resolve reference "${image}": ${image}: not found
3m          Warning   Failed    pod/notifier-6b5c4d3e2-k8j7h    Error: ErrImagePull
2m          Normal    BackOff   pod/notifier-6b5c4d3e2-k8j7h    Back-off pulling image "${image}"
`;
const pods = (rows: string) => `NAME                          READY   STATUS             RESTARTS   AGE
notifier-6b5c4d3e2-k8j7h      0/1     ImagePullBackOff   0          4m
${rows}`;

test('1.9.0 not found where the namespace tags its images with a "v": the tag becomes v1.9.0', async () => {
  const { d, h, ranking } = await run({
    'k8s/notifier.yaml': deployment('notifier', 'quay.io/acme-alerts/notifier:1.9.0'),
    'k8s/mailer.yaml': deployment('mailer', 'quay.io/acme-alerts/mailer:v4.2.1'),
    'kubectl/events.txt': notFound('quay.io/acme-alerts/notifier:1.9.0'),
    'kubectl/pods.txt': pods('mailer-7d6e5f4a3-p2q3r        1/1     Running            0          6d\n'),
  });
  assert.equal(h.fault, 'image_pull_failure', ranking);
  assert.deepEqual(removedLines(d, 'k8s/notifier.yaml'), ['          image: quay.io/acme-alerts/notifier:1.9.0']);
  assert.deepEqual(addedLines(d, 'k8s/notifier.yaml'), ['          image: quay.io/acme-alerts/notifier:v1.9.0']);
});

const OLD_POD = `Name:         notifier-59f8e7d6c-t4u5v
Namespace:    alerts
Status:       Running
Containers:
  notifier:
    Image:          quay.io/acme-alerts/notifier:1.8.3
    State:          Running
    Ready:          True
    Restart Count:  0
`;

test('a branch tag not found while the old pods run 1.8.3: the tag goes back to 1.8.3', async () => {
  const { d, h, ranking } = await run({
    'k8s/notifier.yaml': deployment('notifier', 'quay.io/acme-alerts/notifier:feature-digest'),
    'kubectl/events.txt': notFound('quay.io/acme-alerts/notifier:feature-digest'),
    'kubectl/pods.txt': pods('notifier-59f8e7d6c-t4u5v      1/1     Running            0          3d\n'),
    'kubectl/describe-old-pod.txt': OLD_POD,
  });
  assert.equal(h.fault, 'image_pull_failure', ranking);
  assert.deepEqual(addedLines(d, 'k8s/notifier.yaml'), ['          image: quay.io/acme-alerts/notifier:1.8.3']);
});

test('a tag not found with tags of both styles around and no running pod of its own: no fix', async () => {
  const { d, h, ranking } = await run({
    'k8s/notifier.yaml': deployment('notifier', 'quay.io/acme-alerts/notifier:1.9.0'),
    'k8s/mailer.yaml': deployment('mailer', 'quay.io/acme-alerts/mailer:v4.2.1'),
    'k8s/pager.yaml': deployment('pager', 'quay.io/acme-alerts/pager:2.0.4'),
    'kubectl/events.txt': notFound('quay.io/acme-alerts/notifier:1.9.0'),
    'kubectl/pods.txt': pods('mailer-7d6e5f4a3-p2q3r        1/1     Running            0          6d\npager-5a4b3c2d1-m6n7o         1/1     Running            0          6d\n'),
  });
  assert.equal(h.fault, 'image_pull_failure', ranking);
  assert.deepEqual(d.fixes, []);
});

const denied = (image: string) => `LAST SEEN   TYPE      REASON    OBJECT                          MESSAGE
3m          Warning   Failed    pod/notifier-6b5c4d3e2-k8j7h    Failed to pull image "${image}": failed to authorize: failed to fetch oauth token: unexpected status: 401 Unauthorized
3m          Warning   Failed    pod/notifier-6b5c4d3e2-k8j7h    Error: ErrImagePull
`;

test('a denied pull with no imagePullSecrets, while the namespace pulls from that registry with one secret: it is added', async () => {
  const { d, h, ranking } = await run({
    'k8s/notifier.yaml': deployment('notifier', 'registry.acme.dev/alerts/notifier:1.9.0'),
    'k8s/mailer.yaml': deployment('mailer', 'registry.acme.dev/alerts/mailer:4.2.1', 'acme-registry'),
    'k8s/public.yaml': deployment('statsd', 'docker.io/prom/statsd-exporter:v0.26.0'),
    'kubectl/events.txt': denied('registry.acme.dev/alerts/notifier:1.9.0'),
  });
  assert.equal(h.fault, 'image_pull_failure', ranking);
  assert.deepEqual(addedLines(d, 'k8s/notifier.yaml'), ['      imagePullSecrets:', '        - name: acme-registry']);
  assert.deepEqual(removedLines(d, 'k8s/notifier.yaml'), []);
});

test('a denied pull with a secret nobody else uses for that registry: its name becomes the one the namespace uses', async () => {
  const { d } = await run({
    'k8s/notifier.yaml': deployment('notifier', 'registry.acme.dev/alerts/notifier:1.9.0', 'old-creds'),
    'k8s/mailer.yaml': deployment('mailer', 'registry.acme.dev/alerts/mailer:4.2.1', 'acme-registry'),
    'kubectl/events.txt': denied('registry.acme.dev/alerts/notifier:1.9.0'),
  });
  assert.deepEqual(removedLines(d, 'k8s/notifier.yaml'), ['        - name: old-creds']);
  assert.deepEqual(addedLines(d, 'k8s/notifier.yaml'), ['        - name: acme-registry']);
});

test('a denied pull while the namespace uses two different secrets for that registry: no fix', async () => {
  const { d, h, ranking } = await run({
    'k8s/notifier.yaml': deployment('notifier', 'registry.acme.dev/alerts/notifier:1.9.0', 'old-creds'),
    'k8s/mailer.yaml': deployment('mailer', 'registry.acme.dev/alerts/mailer:4.2.1', 'acme-registry'),
    'k8s/pager.yaml': deployment('pager', 'registry.acme.dev/alerts/pager:2.0.4', 'acme-robot'),
    'kubectl/events.txt': denied('registry.acme.dev/alerts/notifier:1.9.0'),
  });
  assert.equal(h.fault, 'image_pull_failure', ranking);
  assert.deepEqual(d.fixes, []);
});
