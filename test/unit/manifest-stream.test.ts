import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseYamlStream } from '../../server/ingest/config/yaml-tree';
import { kubernetesFacts } from '../../server/ingest/config/kubernetes';
import { MANIFEST_BUDGET_CHARS, readManifestStream, splitYamlDocuments } from '../../server/ingest/config/manifest-stream';
import { SourceText } from '../../server/ingest/config/source-text';

const deployment = (i: number): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
  namespace: shop
spec:
  replicas: 2
  template:
    metadata:
      labels: {app: app-${i}}
    spec:
      containers:
        - name: app
          image: shop/app:1.0
          resources:
            limits: {memory: 512Mi, cpu: 500m}
          ports:
            - containerPort: 8080
`;

const MIXED = `# leading comment
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {selector: {app: web}, ports: [{port: 80, targetPort: 8080}]}
---
...
%YAML 1.2
---
services:
  cache: {image: redis}
--- # a comment after the marker
${deployment(1)}...
---
`;

test('splits before each --- marker and keeps directives with the next document', () => {
  const docs = splitYamlDocuments(MIXED);
  assert.deepEqual(docs.map((d) => [d.line, d.text.split('\n')[0]]), [[1, '# leading comment'], [6, '---'], [8, '%YAML 1.2'], [12, '--- # a comment after the marker'], [32, '---']]);
  assert.deepEqual(splitYamlDocuments(''), [{ text: '', line: 1 }]);
  assert.equal(splitYamlDocuments('a: 1\n----\nb: 2\n').length, 1, '---- is not a marker');
});

test('the streaming reader gives the same facts and lines as parsing the whole file', () => {
  const src = new SourceText('mixed.yaml', MIXED);
  const whole = kubernetesFacts(parseYamlStream(MIXED).documents, src);
  const read = readManifestStream(src);
  assert.deepEqual(read.facts, whole);
  assert.deepEqual(read.problems, []);
  assert.equal(read.skippedChars, 0);
  assert.equal(read.others.length, 1, 'the compose document is returned as a tree');
  assert.equal(read.others[0]!.line, 10);
  assert.deepEqual(read.facts.workloads.map((w) => [w.name, w.evidence.line]), [['app-1', 16]]);
});

test('syntax problems carry lines of the whole file', () => {
  const text = `${deployment(1)}---\nkey: [unclosed\n---\n${deployment(2)}`;
  const read = readManifestStream(new SourceText('x.yaml', text));
  assert.ok(read.problems.length > 0);
  assert.ok(read.problems.every((p) => p.line >= 20 && p.line <= 21), JSON.stringify(read.problems));
  assert.deepEqual(read.facts.workloads.map((w) => w.name), ['app-1', 'app-2']);
});

test('a 50 MB manifest is read up to the budget in bounded time and memory, and the rest is reported', () => {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < 50 * 1024 * 1024; i++) {
    const doc = deployment(i);
    parts.push(doc);
    size += doc.length + 4;
  }
  const text = parts.join('---\n');
  const rssBefore = process.memoryUsage().rss;
  const started = performance.now();
  const read = readManifestStream(new SourceText('huge.yaml', text));
  const ms = performance.now() - started;
  const grownMB = (process.memoryUsage().rss - rssBefore) / 1e6;
  assert.ok(ms < 30_000, `took ${Math.round(ms)} ms`);
  assert.ok(grownMB < 1500, `memory grew by ${Math.round(grownMB)} MB`);
  assert.ok(read.facts.workloads.length > 1000);
  assert.ok(read.skippedChars > 0 && read.skippedChars < text.length - MANIFEST_BUDGET_CHARS + 2000);
  assert.equal(read.problems.length, 1);
  assert.match(read.problems[0]!.message, /^manifest is 50\.0 MiB: read the first 16\.0 MiB \(\d+ documents\), skipped the remaining 34\.0 MiB from line \d+ \(the limit is 16\.0 MiB\)$/);
  const last = read.facts.workloads.at(-1)!;
  assert.equal(text.split('\n', last.evidence.line)[last.evidence.line - 1], `  name: ${last.name}`, 'lines stay right deep into the file');
});

test('a single document larger than the budget is reported, not parsed', () => {
  const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n${'  k: v\n'.repeat(2000)}`;
  const read = readManifestStream(new SourceText('big.yaml', text), 1000);
  assert.equal(read.facts.configObjects.length, 0);
  assert.equal(read.skippedChars, text.length);
  assert.match(read.problems[0]!.message, /read the first 0\.0 MiB \(0 documents\)/);
});

test('bad input never throws: malformed YAML, a Helm template, a manifest cut off mid-line', () => {
  const helm = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "shop.fullname" . }}
  labels:
    {{- include "shop.labels" . | nindent 4 }}
spec:
  replicas: {{ .Values.replicaCount }}
  template:
    spec:
      containers:
        - name: {{ .Chart.Name }}
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
          {{- with .Values.resources }}
          resources:
            {{- toYaml . | nindent 12 }}
          {{- end }}
`;
  const full = `${deployment(1)}---\n${deployment(2)}`;
  const inputs = [
    helm,
    'key: [unclosed\n  - : :\n\t- tab',
    '{"apiVersion": "v1", "kind": "List", "items": [',
    full.slice(0, full.indexOf('containerPort') + 6),
    'apiVersion: v1\nkind: List\nitems: 5\n',
    'apiVersion: v1\nkind: Service\nmetadata: {name: [a]}\nspec: {ports: "80"}\n',
    'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\nspec: {template: {spec: {containers: "nope", volumes: [1, null, {name: v}]}}}\n',
    '\u0000\u0001binary\uFFFD',
  ];
  for (const text of inputs) {
    const src = new SourceText('bad.yaml', text);
    assert.doesNotThrow(() => kubernetesFacts(parseYamlStream(text).documents, src), text.slice(0, 40));
    assert.doesNotThrow(() => readManifestStream(src), text.slice(0, 40));
  }
  const cut = readManifestStream(new SourceText('cut.yaml', full.slice(0, full.lastIndexOf('containerPort') + 6)));
  assert.deepEqual(cut.facts.workloads.map((w) => w.name), ['app-1', 'app-2'], 'a document cut off after its last complete key still gives its facts');
  const helmRead = readManifestStream(new SourceText('tpl.yaml', helm));
  assert.ok(helmRead.problems.length > 0 || helmRead.facts.workloads.length <= 1);
});

test('property: any prefix of a manifest, and random text, never throws', () => {
  const full = `${deployment(1)}---\napiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData: {password: "abcdefgh"}\n---\n${deployment(2)}`;
  fc.assert(
    fc.property(fc.integer({ min: 0, max: full.length }), (cut) => {
      const text = full.slice(0, cut);
      const read = readManifestStream(new SourceText('cut.yaml', text));
      assert.ok(!JSON.stringify(read.facts).includes('abcdefgh'));
    }),
    { numRuns: 150 },
  );
  fc.assert(
    fc.property(fc.string({ maxLength: 300 }), (text) => {
      readManifestStream(new SourceText('r.yaml', text));
    }),
    { numRuns: 200 },
  );
});
