/**
 * Replay mode on example bundles with recorded probes: the observer asks for the probes its hypotheses
 * suggest, recordings answer the ones recorded word for word, nothing is invented for the others, refused
 * commands stay refused even when recorded, and the ranking still holds after the new evidence.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { diagnose } from '../../server/diagnose';
import { ProbePolicy } from '../../server/agents/probes/policy/probe-policy';
import { RecordedProbes } from '../../server/agents/probes/recordings';
import { makeTree } from '../helpers/tree';

// Replay runs nothing, so a tool need not be installed here: every name resolves.
const policy = new ProbePolicy({ resolve: (tool) => `/usr/bin/${tool}` });

test('the cart example: the recorded endpoints and Service probes are replayed and the diagnosis holds', async () => {
  const d = await diagnose(join('examples', 'k8s-cart-targetport'), { replay: { maxProbes: 3, policy } });
  assert.equal(d.hypotheses[0]!.fault, 'port_misconfig');
  assert.equal(d.hypotheses[0]!.component, 'cart');
  const endpoints = d.probes.find((p) => p.argv.join(' ') === 'kubectl get endpoints cart -n shop');
  assert.equal(endpoints?.status, 'replayed');
  assert.equal(endpoints?.exitCode, 0);
  assert.match(endpoints!.output!, /10\.244\.1\.23:8081/);
  assert.ok(d.probes.filter((p) => p.status !== 'proposed').length <= 3, 'at most --max-probes probes asked');
});

test('replay on every example with recordings keeps the right top hypothesis', async () => {
  for (const name of ['k8s-inventory-scaled-zero', 'vm-catalog-api-stopped', 'k8s-pricing-jvm-memory-limit', 'k8s-recs-image-tag', 'k8s-renderer-nodeselector', 'k8s-shop-healthy']) {
    const plain = await diagnose(join('examples', name));
    const replayed = await diagnose(join('examples', name), { replay: { maxProbes: 4, policy } });
    assert.equal(replayed.hypotheses[0]!.fault, plain.hypotheses[0]!.fault, name);
    assert.equal(replayed.hypotheses[0]!.component, plain.hypotheses[0]!.component, name);
    assert.ok(replayed.probes.some((p) => p.status === 'replayed'), `${name}: some probe was replayed`);
  }
});

test('a probe with no recording is "not recorded", never an invented output; a recorded write stays refused', () => {
  const recorded = new RecordedProbes(policy, [
    { argv: ['kubectl', 'get', 'pods'], stdout: 'NAME READY\n', stderr: '', exitCode: 0, file: 'probes/pods.json' },
    { argv: ['kubectl', 'delete', 'pod', 'x'], stdout: 'pod "x" deleted\n', stderr: '', exitCode: 0, file: 'probes/delete.json' },
  ]);
  assert.equal(recorded.run(['kubectl', 'get', 'pods']).status, 'replayed');
  const missing = recorded.run(['kubectl', 'get', 'pods', '-o', 'wide']);
  assert.equal(missing.status, 'not recorded');
  assert.equal(missing.stdout, '');
  const write = recorded.run(['kubectl', 'delete', 'pod', 'x']);
  assert.equal(write.status, 'refused');
  assert.equal(write.stdout, '');
});

test('a replayed probe output is evidence: a recorded endpoints table with <none> supports service_down', async () => {
  const folder = makeTree({
    'k8s/api.yaml': `apiVersion: apps/v1
kind: Deployment
metadata: { name: api, namespace: shop }
spec:
  replicas: 2
  selector: { matchLabels: { app: api } }
  template:
    metadata: { labels: { app: api } }
    spec:
      containers: [{ name: api, image: shop/api:1, ports: [{ containerPort: 8080 }] }]
---
apiVersion: v1
kind: Service
metadata: { name: api, namespace: shop }
spec:
  selector: { app: api }
  ports: [{ port: 80, targetPort: 8080 }]
`,
    'logs/web.log': Array.from({ length: 20 }, (_, i) => `2026-11-20T10:00:${String(i).padStart(2, '0')}Z ERROR call failed: dial tcp api.shop.svc.cluster.local:80: connect: connection refused`).join('\n'),
    'probes/deploy.json': JSON.stringify({ argv: ['kubectl', 'get', 'deployment', 'api', '-n', 'shop'], stdout: 'NAME   READY   UP-TO-DATE   AVAILABLE   AGE\napi    0/0     0            0            12d\n', stderr: '', exitCode: 0 }),
  });
  const before = await diagnose(folder);
  const after = await diagnose(folder, { replay: { maxProbes: 5, policy } });
  const sd = (d: typeof before): number => d.hypotheses.find((h) => h.fault === 'service_down' && h.component === 'api')?.confidence ?? 0;
  assert.equal(after.hypotheses[0]!.fault, 'service_down');
  assert.ok(sd(after) > sd(before), `service_down api rose: ${sd(before)} -> ${sd(after)}`);
  const probe = after.probes.find((p) => p.argv.join(' ') === 'kubectl get deployment api -n shop');
  assert.equal(probe?.status, 'replayed');
  assert.match(probe!.effect ?? '', /service_down api \d+% -> \d+%/);
});
