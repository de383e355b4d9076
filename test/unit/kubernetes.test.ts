import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseYamlStream } from '../../server/ingest/config/yaml-tree';
import { isKubernetesDocument, kubernetesFacts } from '../../server/ingest/config/kubernetes';
import { SourceText } from '../../server/ingest/config/source-text';

const MANIFESTS = `apiVersion: v1
kind: Service
metadata:
  name: cart
  namespace: shop
spec:
  selector:
    app: cart
  ports:
    - name: http
      port: 80
      targetPort: http
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: cart
  namespace: shop
spec:
  template:
    metadata:
      labels: { app: cart, tier: backend }
    spec:
      containers:
        - name: cart
          image: shop/cart:1.4.2
          ports:
            - name: http
              containerPort: 8080
          env:
            - name: REDIS_ADDR
              value: redis:6379
`;

test('extracts Services and workloads with positions', () => {
  const { documents, problems } = parseYamlStream(MANIFESTS);
  assert.deepEqual(problems, []);
  assert.ok(documents.every((d) => isKubernetesDocument(d)));
  const facts = kubernetesFacts(documents, new SourceText('k8s/cart.yaml', MANIFESTS));
  const svc = facts.services[0]!;
  assert.equal(svc.name, 'cart');
  assert.deepEqual(svc.selector, { app: 'cart' });
  assert.deepEqual(svc.ports.map((p) => [p.port, p.targetPort, p.evidence.line]), [[80, 'http', 12]]);
  const wl = facts.workloads[0]!;
  assert.deepEqual(wl.podLabels, { app: 'cart', tier: 'backend' });
  assert.deepEqual(wl.containers[0]!.ports.map((p) => [p.port, p.name, p.evidence.line, p.evidence.text]), [[8080, 'http', 29, 'containerPort: 8080']]);
  assert.deepEqual(facts.settings.map((s) => [s.owner, s.key, s.value, s.evidence.line]), [['cart', 'REDIS_ADDR', 'redis:6379', 32]]);
});

test('reads kubectl List output and JSON', () => {
  const json = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 8080 }] } }] }, null, 2);
  const { documents } = parseYamlStream(json);
  const facts = kubernetesFacts(documents, new SourceText('svc.json', json));
  assert.equal(facts.services[0]!.name, 'web');
  assert.equal(facts.services[0]!.namespace, 'default');
  assert.equal(facts.services[0]!.ports[0]!.targetPort, 8080);
  assert.equal(facts.services[0]!.ports[0]!.targetPortExplicit, false);
});

test('a broken document is a problem with a line, the others still parse', () => {
  const text = `apiVersion: v1\nkind: Service\nmetadata: {name: a}\n---\nkey: [unclosed\n---\napiVersion: v1\nkind: Service\nmetadata: {name: b}\n`;
  const { documents, problems } = parseYamlStream(text);
  assert.equal(documents.length, 3);
  assert.equal(documents[1], null);
  assert.ok(problems.length > 0);
  assert.ok(problems.every((p) => p.line >= 5));
  assert.deepEqual(kubernetesFacts(documents, new SourceText('x.yaml', text)).components.map((c) => c.name), ['a', 'b']);
});
