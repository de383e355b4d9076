import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseYamlStream } from '../../server/ingest/config/yaml-tree';
import { kubernetesFacts } from '../../server/ingest/config/kubernetes';
import { configMapSettings } from '../../server/ingest/config/kubernetes-config-refs';
import { SourceText } from '../../server/ingest/config/source-text';

const facts = (text: string, rel = 'k8s/objects.yaml') => kubernetesFacts(parseYamlStream(text).documents, new SourceText(rel, text));

test('PersistentVolumeClaims and PersistentVolumes with size and storage class', () => {
  const f = facts(`apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: spool, namespace: reports}
spec:
  storageClassName: fast
  resources:
    requests:
      storage: 10Gi
---
apiVersion: v1
kind: PersistentVolume
metadata: {name: pv-1}
spec:
  capacity: {storage: 100G}
`);
  assert.deepEqual(
    f.claims.map((c) => [c.kind, c.name, c.namespace, c.storageClass, c.size?.text, c.size?.value, c.size?.evidence.line]),
    [
      ['PersistentVolumeClaim', 'spool', 'reports', 'fast', '10Gi', 10 * 2 ** 30, 8],
      ['PersistentVolume', 'pv-1', '', undefined, '100G', 100e9, 14],
    ],
  );
});

const CONFIG = `apiVersion: v1
kind: ConfigMap
metadata: {name: orders-config, namespace: shop}
data:
  PORT: "8000"
  DB_HOST: postgres
  app.properties: |
    pool.size=10
binaryData:
  blob.bin: AAEC
---
apiVersion: v1
kind: ConfigMap
metadata: {name: orders-config, namespace: other}
data: {PORT: "9999"}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: orders, namespace: shop}
spec:
  template:
    metadata: {labels: {app: orders}}
    spec:
      containers:
        - name: orders
          envFrom:
            - configMapRef: {name: orders-config}
              prefix: CFG_
          env:
            - name: CFG_DB_HOST
              value: db.internal
            - name: LISTEN_PORT
              valueFrom:
                configMapKeyRef: {name: orders-config, key: PORT}
            - name: MISSING
              valueFrom:
                configMapKeyRef: {name: not-here, key: X}
`;

test('ConfigMaps: entries with values, binaryData keys without', () => {
  const cm = facts(CONFIG).configObjects[0]!;
  assert.deepEqual([cm.kind, cm.name, cm.namespace], ['ConfigMap', 'orders-config', 'shop']);
  assert.deepEqual(cm.entries.map((e) => [e.key, e.value, e.evidence.line]), [
    ['PORT', '8000', 5],
    ['DB_HOST', 'postgres', 6],
    ['app.properties', 'pool.size=10\n', 7],
    ['blob.bin', undefined, 10],
  ]);
});

test('workloads that load a ConfigMap of their namespace get its values as settings; literal env wins', () => {
  const f = facts(CONFIG);
  assert.deepEqual(
    f.settings.map((s) => [s.owner, s.key, s.value, s.evidence.line]),
    [
      ['orders', 'CFG_DB_HOST', 'db.internal', 31],
      ['orders', 'LISTEN_PORT', '8000', 5],
      ['orders', 'CFG_PORT', '8000', 5],
      ['orders', 'CFG_app.properties', 'pool.size=10\n', 7],
    ],
  );
  assert.match(f.settings[1]!.evidence.note!, /ConfigMap orders-config key PORT, read by orders as LISTEN_PORT/);
  assert.match(f.settings[2]!.evidence.note!, /envFrom/);
});

test('configMapSettings works across files once facts are merged, and skips unknown ConfigMaps', () => {
  const workloadOnly = facts(CONFIG.split('---\n')[2]!);
  assert.equal(workloadOnly.settings.length, 1, 'the ConfigMap is not in this file: only the literal env var');
  const cmOnly = facts(CONFIG.split('---\n')[0]!);
  const extra = configMapSettings(workloadOnly.workloads, cmOnly.configObjects, workloadOnly.settings);
  assert.deepEqual(extra.map((s) => [s.key, s.value, s.evidence.file]), [
    ['LISTEN_PORT', '8000', 'k8s/objects.yaml'],
    ['CFG_PORT', '8000', 'k8s/objects.yaml'],
    ['CFG_app.properties', 'pool.size=10\n', 'k8s/objects.yaml'],
  ]);
});

test('HorizontalPodAutoscalers, autoscaling/v2 and v1', () => {
  const f = facts(`apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web, namespace: shop}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 2
  maxReplicas: 4
  metrics:
    - type: Resource
      resource:
        name: cpu
        target: {type: Utilization, averageUtilization: 70}
---
apiVersion: autoscaling/v1
kind: HorizontalPodAutoscaler
metadata: {name: api}
spec:
  scaleTargetRef: {kind: Deployment, name: api}
  maxReplicas: 10
  targetCPUUtilizationPercentage: 50
`);
  assert.deepEqual(
    f.autoscalers.map((a) => [a.name, a.namespace, a.target, a.targetKind, a.minReplicas, a.maxReplicas, a.targetCPUUtilization, a.evidence.text]),
    [
      ['web', 'shop', 'web', 'Deployment', 2, 4, 70, 'maxReplicas: 4'],
      ['api', 'default', 'api', 'Deployment', undefined, 10, 50, 'maxReplicas: 10'],
    ],
  );
});

test('Ingress networking.k8s.io/v1 and extensions/v1beta1 backends, with TLS and references to service:port', () => {
  const text = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: shop, namespace: shop}
spec:
  tls:
    - hosts: [shop.example.com]
      secretName: shop-tls
  defaultBackend:
    service: {name: fallback, port: {number: 80}}
  rules:
    - host: shop.example.com
      http:
        paths:
          - path: /api
            pathType: Prefix
            backend:
              service:
                name: api
                port:
                  number: 8080
          - path: /
            pathType: Prefix
            backend:
              service: {name: web, port: {name: http}}
---
apiVersion: extensions/v1beta1
kind: Ingress
metadata: {name: legacy}
spec:
  rules:
    - host: old.example.com
      http:
        paths:
          - path: /
            backend: {serviceName: old-web, servicePort: 8081}
`;
  const f = facts(text);
  assert.deepEqual(
    f.ingresses.map((i) => [i.ingress, i.namespace, i.host, i.path, i.service, i.port, i.tlsSecret, i.evidence.line]),
    [
      ['shop', 'shop', undefined, undefined, 'fallback', 80, undefined, 9],
      ['shop', 'shop', 'shop.example.com', '/api', 'api', 8080, 'shop-tls', 20],
      ['shop', 'shop', 'shop.example.com', '/', 'web', 'http', 'shop-tls', 24],
      ['legacy', 'default', 'old.example.com', '/', 'old-web', 8081, undefined, 35],
    ],
  );
  assert.deepEqual(f.references.map((r) => [r.from, r.host, r.port, r.explicitPort, r.via]), [
    ['shop', 'fallback', 80, true, 'ingress shop'],
    ['shop', 'api', 8080, true, 'ingress shop'],
    ['legacy', 'old-web', 8081, true, 'ingress legacy'],
  ]);
  assert.deepEqual(f.components, [], 'an Ingress is not a component of its own');
});

test('NetworkPolicy: pod selector, policy types, admitted pod selectors and ports', () => {
  const f = facts(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db-allow-api, namespace: shop}
spec:
  podSelector:
    matchLabels: {app: postgres}
  policyTypes: [Ingress]
  ingress:
    - from:
        - podSelector: {matchLabels: {app: api}}
        - namespaceSelector: {matchLabels: {team: ops}}
      ports:
        - {protocol: TCP, port: 5432}
        - {port: metrics}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-all}
spec:
  podSelector: {}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow-all-web}
spec:
  podSelector: {matchLabels: {app: web}}
  ingress: [{}]
  egress: [{}]
`);
  assert.deepEqual(
    f.networkPolicies.map((p) => [p.name, p.namespace, p.podSelector, p.policyTypes, p.ingressFrom, p.ingressAll, p.ingressPorts]),
    [
      ['db-allow-api', 'shop', { app: 'postgres' }, ['Ingress'], [{ app: 'api' }], false, [5432, 'metrics']],
      ['deny-all', 'default', {}, ['Ingress'], [], false, []],
      ['allow-all-web', 'default', { app: 'web' }, ['Ingress', 'Egress'], [], true, []],
    ],
  );
});
