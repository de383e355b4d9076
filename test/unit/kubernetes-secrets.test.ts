import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseYamlStream } from '../../server/ingest/config/yaml-tree';
import { kubernetesFacts } from '../../server/ingest/config/kubernetes';
import { readManifestStream } from '../../server/ingest/config/manifest-stream';
import { SourceText } from '../../server/ingest/config/source-text';

const b64 = (s: string): string => Buffer.from(s).toString('base64');
const PASSWORD = 'hunter2-correct-horse';
const TOKEN = 'tok_live_9f8e7d6c5b4a';
const PEM_LINE = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7';

/** Every string of the facts, JSON-encoded, so a value cannot hide anywhere. */
const everything = (value: unknown): string => JSON.stringify(value);
const assertNoSecret = (dump: string, values: string[]): void => {
  for (const v of values) assert.ok(!dump.includes(v), `a secret value appears in the facts: ${v}`);
};

const SECRET_YAML = `apiVersion: v1
kind: Secret
metadata:
  name: orders-db
  namespace: shop
type: Opaque
data:
  password: ${b64(PASSWORD)}
  token: ${b64(TOKEN)}
stringData:
  short: "7"
  tls.key: |
    -----BEGIN PRIVATE KEY-----
    ${PEM_LINE}
    -----END PRIVATE KEY-----
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
          env:
            - name: DB_PASSWORD_COPY
              value: ${PASSWORD}
            - name: DB_PASSWORD
              valueFrom: {secretKeyRef: {name: orders-db, key: password}}
          envFrom: [{secretRef: {name: orders-db}}]
`;

test('a Secret keeps only its keys; each key quotes only `key: <redacted>`', () => {
  const f = kubernetesFacts(parseYamlStream(SECRET_YAML).documents, new SourceText('secret.yaml', SECRET_YAML));
  const secret = f.configObjects.find((o) => o.kind === 'Secret')!;
  assert.deepEqual([secret.name, secret.namespace, secret.secretType], ['orders-db', 'shop', 'Opaque']);
  assert.deepEqual(
    secret.entries.map((e) => [e.key, e.value, e.evidence.line, e.evidence.text]),
    [
      ['password', undefined, 8, 'password: <redacted>'],
      ['token', undefined, 9, 'token: <redacted>'],
      ['short', undefined, 11, 'short: <redacted>'],
      ['tls.key', undefined, 12, 'tls.key: <redacted>'],
    ],
  );
  assertNoSecret(everything(f), [PASSWORD, TOKEN, b64(PASSWORD), b64(TOKEN), PEM_LINE]);
  const copy = f.settings.find((s) => s.key === 'DB_PASSWORD_COPY')!;
  assert.equal(copy.value, '<redacted>', 'a literal copy of a secret value elsewhere in the file is redacted too');
  assert.equal(copy.evidence.text, 'value: <redacted>');
  assert.deepEqual(f.workloads[0]!.containers[0]!.envRefs?.map((r) => [r.variable, r.kind, r.name, r.key]), [['DB_PASSWORD', 'Secret', 'orders-db', 'password']]);
});

test('minified JSON: a line holding Secret data and other objects is redacted before it is clipped', () => {
  const list = {
    apiVersion: 'v1',
    kind: 'List',
    items: [
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { password: b64(PASSWORD) }, stringData: { pin: '42', token: TOKEN } },
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'orders' }, spec: { selector: { app: 'orders' }, ports: [{ port: 80 }] } },
    ],
  };
  const text = JSON.stringify(list);
  const f = kubernetesFacts(parseYamlStream(text).documents, new SourceText('all.json', text));
  assert.equal(f.services[0]!.name, 'orders');
  const dump = everything(f);
  assertNoSecret(dump, [PASSWORD, TOKEN, b64(PASSWORD), b64(PASSWORD).slice(0, 8), '"42"']);
  assert.ok(f.services[0]!.evidence.text.includes('<redacted>'));
});

test('a long line whose secret value straddles the evidence length limit leaks no part of it', () => {
  const padding = 'x'.repeat(200);
  const value = `${'s'.repeat(30)}${'S3CR3T'.repeat(10)}`;
  const text = `{"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "long", "annotations": {"note": "${padding}"}}, "stringData": {"k": "${value}"}}`;
  const f = kubernetesFacts(parseYamlStream(text).documents, new SourceText('long.json', text));
  assertNoSecret(everything(f), ['sssssssss', 'S3CR3T']);
});

test('the streaming reader redacts the same way', () => {
  const read = readManifestStream(new SourceText('secret.yaml', SECRET_YAML));
  assert.equal(read.facts.configObjects.find((o) => o.kind === 'Secret')!.entries.length, 4);
  assertNoSecret(everything(read.facts), [PASSWORD, TOKEN, b64(PASSWORD), b64(TOKEN), PEM_LINE]);
});
