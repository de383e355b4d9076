/**
 * Fixes of network_loss through `diagnose()`: a Chaos Mesh NetworkChaos dropping the dependency's packets
 * (declared in a manifest, or seen in the events applying chaos to its pods) is deleted by command; a chaos
 * object that only delays, and loss that no injector explains (a failing link), get no fix.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run, healthy } from '../helpers/diagnosis';

const APPS = `apiVersion: apps/v1
kind: Deployment
metadata: { name: basket, namespace: retail }
spec:
  template:
    metadata:
      labels: { app: basket }
    spec:
      containers:
        - name: basket
          image: retail/basket:4
          env:
            - { name: STOCK_URL, value: "http://stock.retail.svc.cluster.local:8000" }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: stock, namespace: retail }
spec:
  template:
    metadata:
      labels: { app: stock, tier: backend }
    spec:
      containers:
        - name: stock
          image: retail/stock:9
          ports:
            - containerPort: 8000
---
apiVersion: v1
kind: Service
metadata: { name: stock, namespace: retail }
spec:
  selector: { app: stock }
  ports:
    - port: 8000
`;
const chaos = (action: string) => `apiVersion: chaos-mesh.org/v1alpha1
kind: NetworkChaos
metadata:
  name: stock-flaky-net
  namespace: retail
spec:
  action: ${action}
  mode: all
  selector:
    namespaces: [retail]
    labelSelectors:
      app: stock
  ${action}:
    ${action === 'loss' ? 'loss' : 'latency'}: "${action === 'loss' ? '30' : '200ms'}"
`;
const resets = `${Array.from({ length: 40 }, (_, i) => `2026-10-02T16:0${Math.floor(i / 10)}:${String((i * 7) % 60).padStart(2, '0')}.000Z ERROR basket stock reserve failed: read tcp 10.8.1.4:51${100 + i}->10.8.2.9:8000: read: connection reset by peer`).join('\n')}\n${healthy('basket', 80)}`;

test('a NetworkChaos manifest dropping the dependency’s packets: its document deleted from the manifest, and kubectl delete networkchaos', async () => {
  const { d, h, ranking } = await run({ 'k8s/apps.yaml': APPS, 'chaos/stock.yaml': chaos('loss'), 'logs/basket.log': resets, 'logs/stock.log': healthy('stock', 100) });
  assert.equal(h.fault, 'network_loss', ranking);
  assert.equal(h.component, 'stock');
  assert.deepEqual(d.fixes.map((f) => [f.kind, f.file, f.argv]), [
    ['edit', 'chaos/stock.yaml', undefined],
    ['command', '', ['kubectl', 'delete', 'networkchaos', 'stock-flaky-net', '-n', 'retail']],
  ]);
  assert.match(d.fixes[0]!.diff, /^-kind: NetworkChaos$/m);
  assert.match(d.fixes[0]!.diff, /^-\s+loss: "30"$/m);
});

test('a NetworkChaos declared beside the workloads: only its own document (from its ---) is deleted', async () => {
  const { d, h, ranking } = await run({ 'k8s/apps.yaml': `${APPS}---\n${chaos('loss')}`, 'logs/basket.log': resets, 'logs/stock.log': healthy('stock', 100) });
  assert.equal(h.fault, 'network_loss', ranking);
  const edit = d.fixes.find((f) => f.kind === 'edit');
  assert.equal(edit?.file, 'k8s/apps.yaml');
  const removed = edit!.diff.split('\n').filter((l) => l.startsWith('-') && !l.startsWith('--- '));
  assert.equal(removed[0], '----', edit!.diff);
  assert.equal(removed[1], '-apiVersion: chaos-mesh.org/v1alpha1');
  assert.ok(!edit!.diff.split('\n').some((l) => l.startsWith('-') && /containerPort|kind: Service/.test(l)), edit!.diff);
});

test('chaos seen only in the events, applying to the dependency’s pods: the same command from the event’s object', async () => {
  const { d, h, ranking } = await run({
    'k8s/apps.yaml': APPS,
    'kubectl/events.txt': `$ kubectl get events -n retail
LAST SEEN   TYPE     REASON    OBJECT                         MESSAGE
31m         Normal   Started   networkchaos/gameday-17         Experiment has started
31m         Normal   Applied   networkchaos/gameday-17        Successfully apply chaos for retail/stock-5c7f9d8b6-k2m4q
`,
    'logs/basket.log': resets,
    'logs/stock.log': healthy('stock', 100),
  });
  assert.equal(h.fault, 'network_loss', ranking);
  assert.deepEqual(d.fixes.map((f) => f.argv), [['kubectl', 'delete', 'networkchaos', 'gameday-17', '-n', 'retail']]);
});

test('a NetworkChaos that only delays does not explain resets: no fix', async () => {
  const { d, h, ranking } = await run({ 'k8s/apps.yaml': APPS, 'chaos/stock.yaml': chaos('delay'), 'logs/basket.log': resets, 'logs/stock.log': healthy('stock', 100) });
  assert.equal(h.fault, 'network_loss', ranking);
  assert.deepEqual(d.fixes, []);
});

test('resets from a failing link with no injector declared anywhere: no fix', async () => {
  const { d, h, ranking } = await run({ 'k8s/apps.yaml': APPS, 'logs/basket.log': resets, 'logs/stock.log': healthy('stock', 100) });
  assert.equal(h.fault, 'network_loss', ranking);
  assert.deepEqual(d.fixes, []);
});
