/** What the lab reads of its Kubernetes-style manifests and .env files. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mebibytes, millis, readManifests } from '../../lab/net/manifests';
import { readEnvFile } from '../../lab/supervisor/env-file';

test('quantities and durations', () => {
  assert.equal(mebibytes('256Mi'), 256);
  assert.equal(mebibytes('1Gi'), 1024);
  assert.equal(mebibytes('512Ki'), 0.5);
  assert.equal(mebibytes('lots'), undefined);
  assert.equal(millis('800ms'), 800);
  assert.equal(millis('2s'), 2000);
  assert.equal(millis(undefined), 0);
});

test('Deployments, Services, claims and NetworkChaos; a broken manifest is a problem, not a failure', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'aoi-lab-k8s-'));
  mkdirSync(join(dir, 'chaos'));
  writeFileSync(join(dir, 'orders.yaml'), `apiVersion: apps/v1
kind: Deployment
metadata: {name: orders}
spec:
  replicas: 0
  template:
    metadata: {labels: {app: orders}}
    spec:
      containers:
        - name: orders
          command: ["node", "main.js"]
          args: ["--port", "8080"]
          resources: {limits: {memory: 192Mi}}
---
kind: Service
metadata: {name: orders}
spec:
  selector: {app: orders}
  ports: [{port: 80, targetPort: 8080}]
---
kind: PersistentVolumeClaim
metadata: {name: receipts}
spec: {resources: {requests: {storage: 1Gi}}}
`);
  writeFileSync(join(dir, 'chaos', 'delay.yaml'), 'kind: NetworkChaos\nmetadata: {name: slow}\nspec:\n  action: delay\n  selector: {labelSelectors: {app: orders}}\n  delay: {latency: "300ms", jitter: "50ms"}\n');
  writeFileSync(join(dir, 'broken.yaml'), 'kind: Service\n  metadata: [\n');
  const m = await readManifests(dir);
  assert.deepEqual(m.deployments.get('orders'), { name: 'orders', replicas: 0, command: ['node', 'main.js', '--port', '8080'], memoryMi: 192, labels: { app: 'orders' } });
  assert.deepEqual(m.services, [{ name: 'orders', selector: { app: 'orders' }, ports: [{ port: 80, targetPort: 8080 }] }]);
  assert.equal(m.claims.get('receipts'), 1024);
  assert.deepEqual(m.chaos, [{ name: 'slow', action: 'delay', selector: { app: 'orders' }, latencyMs: 300, jitterMs: 50, loss: 0 }]);
  assert.equal(m.problems.length, 1);
  assert.match(m.problems[0]!, /^k8s\/broken\.yaml: /);
});

test('.env files: comments, quotes, blank and malformed lines', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'aoi-lab-env-'));
  writeFileSync(join(dir, '.env'), '# settings\nPORT=8080\nNAME="shop api"\n\nnot a setting\nURL=http://x/?a=b\n');
  assert.deepEqual(await readEnvFile(join(dir, '.env')), { PORT: '8080', NAME: 'shop api', URL: 'http://x/?a=b' });
});
