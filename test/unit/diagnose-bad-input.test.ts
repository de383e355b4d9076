/**
 * Bad input in a folder: each bad file yields a note naming it and saying what is wrong, and the rest of the
 * folder is still diagnosed (a port mismatch in docker-compose.yml is still found). Private keys are never
 * read into a diagnosis.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, closeSync, openSync, readdirSync, statSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { diagnose } from '../../server/diagnose';
import type { Diagnosis } from '../../server/protocol';
import { makeTree } from '../helpers/tree';

/** The real fault every folder holds: web calls api:81, api listens on 80. */
const COMPOSE = 'services:\n  web:\n    image: x/web:1\n    environment: { API_URL: "http://api:81" }\n  api:\n    image: x/api:1\n    expose: ["80"]\n';

const assertStillFound = (d: Diagnosis) => {
  const h = d.hypotheses[0]!;
  assert.equal(h.fault, 'port_misconfig', d.hypotheses.map((x) => `${x.fault}/${x.component}`).join(', '));
  assert.equal(h.component, 'web');
  assert.equal(h.evidence[0]?.file, 'docker-compose.yml');
};
const notesOf = (d: Diagnosis, file: string) => d.notes.filter((n) => n.file === file);

test('malformed YAML: a syntax-error note with the file and line, the compose file still read', async () => {
  const d = await diagnose(makeTree({
    'docker-compose.yml': COMPOSE,
    'k8s/orders.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: orders\n  labels: {app: orders\nspec:\n  replicas: 2\n    template: x\n',
  }));
  assertStillFound(d);
  const notes = notesOf(d, 'k8s/orders.yaml');
  assert.ok(notes.length > 0, JSON.stringify(d.notes));
  assert.ok(notes.every((n) => /^YAML syntax error: /.test(n.message) && typeof n.line === 'number' && n.line >= 5 && n.line <= 8), JSON.stringify(notes));
});

test('a Helm template: the note says it is a template, not rendered YAML', async () => {
  const d = await diagnose(makeTree({
    'docker-compose.yml': COMPOSE,
    'chart/templates/deployment.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "orders.fullname" . }}
  labels:
    {{- include "orders.labels" . | nindent 4 }}
spec:
  replicas: {{ .Values.replicaCount }}
  template:
    spec:
      containers:
        - name: {{ .Chart.Name }}
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"
`,
  }));
  assertStillFound(d);
  const notes = notesOf(d, 'chart/templates/deployment.yaml');
  assert.ok(notes.length > 0 && notes.every((n) => n.message.startsWith('Helm template, not rendered YAML')), JSON.stringify(d.notes));
});

test(
  'a Helm template that happens to parse as YAML still gets a note',
  async () => {
    const d = await diagnose(makeTree({
      'docker-compose.yml': COMPOSE,
      'chart/templates/service.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  selector:\n    app: {{ .Release.Name }}\n  ports:\n    - port: {{ .Values.service.port }}\n      targetPort: http\n',
    }));
    assertStillFound(d);
    const notes = notesOf(d, 'chart/templates/service.yaml');
    assert.ok(notes.length > 0 && notes.every((n) => /Helm template/.test(n.message)), JSON.stringify(d.notes));
  },
);

/** Writes a manifest of Deployments of at least `mb` MiB at `path`. */
function writeManifest(path: string, mb: number): void {
  const fd = openSync(path, 'w');
  let written = 0;
  for (let i = 0; written < mb * 1024 * 1024; i++) {
    written += writeSync(fd, `${i ? '---\n' : ''}apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: svc-${i}\n  namespace: bulk\nspec:\n  replicas: 2\n  template:\n    metadata:\n      labels: { app: svc-${i} }\n    spec:\n      containers:\n        - name: app\n          image: bulk/svc:${i % 50}\n          ports:\n            - containerPort: 8080\n`);
  }
  closeSync(fd);
}

test('a 50 MB manifest: the diagnosis finishes and the rest of the folder is still analysed', async () => {
  const dir = makeTree({ 'docker-compose.yml': COMPOSE });
  writeManifest(join(dir, 'cluster-dump.yaml'), 50);
  assert.ok(statSync(join(dir, 'cluster-dump.yaml')).size >= 50 << 20);
  const started = performance.now();
  const d = await diagnose(dir);
  assert.ok(performance.now() - started < 60_000, 'bounded time');
  assertStillFound(d);
});

test(
  'a 50 MB manifest yields a note naming it and the budget it was read under',
  async () => {
    const dir = makeTree({ 'docker-compose.yml': COMPOSE });
    writeManifest(join(dir, 'cluster-dump.yaml'), 50);
    const d = await diagnose(dir);
    assertStillFound(d);
    const notes = notesOf(d, 'cluster-dump.yaml');
    assert.ok(notes.some((n) => /MB|MiB|limit|budget/.test(n.message)), JSON.stringify(d.notes));
  },
);

test('a saved kubectl get pods cut off mid-row: a note saying so, the complete rows still read', async () => {
  const d = await diagnose(makeTree({
    'docker-compose.yml': COMPOSE,
    'kubectl/get-pods.txt': 'NAME                      READY   STATUS             RESTARTS      AGE\norders-7d9f8b6c5-x2k4p    1/1     Running            0             3d\npayments-5c6d7e8f9-q1w2e  0/1     CrashLoopBa',
  }));
  assertStillFound(d);
  const notes = notesOf(d, 'kubectl/get-pods.txt');
  assert.equal(notes.length, 1, JSON.stringify(d.notes));
  assert.equal(notes[0]!.line, 3);
  assert.match(notes[0]!.message, /cut off/);
});

test('a binary file (a core dump) is skipped with a note', async () => {
  const d = await diagnose(makeTree({ 'docker-compose.yml': COMPOSE, 'core.1234': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0x3e, 0]) }));
  assertStillFound(d);
  assert.deepEqual(notesOf(d, 'core.1234'), [{ file: 'core.1234', message: 'skipped: binary file' }]);
});

test('private keys (PEM with any name, an OpenSSH key with none) are skipped unread; no key material in the diagnosis', async () => {
  const rsa = 'MIIEowIBAAKCAQEAzP7rJ9Xv3kq2Wm8yLd0eQk4TqPq1uV8nL2s0b9Hc7Rf4Xa1Y';
  const openssh = 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtz';
  const d = await diagnose(makeTree({
    'docker-compose.yml': COMPOSE,
    'secrets/tls.key': `-----BEGIN RSA PRIVATE KEY-----\n${rsa}\n-----END RSA PRIVATE KEY-----\n`,
    'secrets/server.pem': `-----BEGIN PRIVATE KEY-----\n${rsa}\n-----END PRIVATE KEY-----\n`,
    'deploy/id_ed25519': `-----BEGIN OPENSSH PRIVATE KEY-----\n${openssh}\n-----END OPENSSH PRIVATE KEY-----\n`,
  }));
  assertStillFound(d);
  for (const file of ['secrets/tls.key', 'secrets/server.pem', 'deploy/id_ed25519']) {
    assert.deepEqual(notesOf(d, file), [{ file, message: 'skipped: private key: never read' }]);
  }
  const json = JSON.stringify(d);
  assert.ok(!json.includes(rsa) && !json.includes(openssh) && !json.includes('PRIVATE KEY'), 'no key material');
  assert.equal(d.inputs.filesRead, 1, 'only the compose file was read');
});

const ROOT = process.getuid?.() === 0;
const SETPRIV = ROOT && spawnSync('setpriv', ['--version']).status === 0;

test('an unreadable file is skipped with a permission note', { skip: ROOT && !SETPRIV && 'root reads every file and setpriv is missing to drop to nobody' }, async () => {
  const dir = makeTree({ 'docker-compose.yml': COMPOSE, 'logs/secret.log': 'ERROR hidden\n' });
  if (ROOT) {
    // Root reads a file whatever its mode: the diagnosis runs as nobody, as the CLI test does.
    chmodSync(dir, 0o755);
    for (const entry of readdirSync(dir, { recursive: true })) {
      const path = join(dir, String(entry));
      chmodSync(path, statSync(path).isDirectory() ? 0o755 : 0o644);
    }
  }
  chmodSync(join(dir, 'logs/secret.log'), 0o000);
  let d: Diagnosis;
  if (ROOT) {
    const script = `import(${JSON.stringify(resolve('server/diagnose.ts'))}).then(async (m) => { const d = await (m.diagnose ?? m.default.diagnose)(${JSON.stringify(dir)}); process.stdout.write(JSON.stringify(d)); })`;
    const r = spawnSync('setpriv', ['--reuid', '65534', '--regid', '65534', '--clear-groups', process.execPath, '--import', 'tsx', '-e', script], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 0, r.stderr);
    d = JSON.parse(r.stdout) as Diagnosis;
  } else {
    d = await diagnose(dir);
  }
  assertStillFound(d);
  assert.deepEqual(notesOf(d, 'logs/secret.log'), [{ file: 'logs/secret.log', message: 'skipped: cannot read: permission denied' }]);
});

test('all of it in one folder: one note per bad file, and the real fault still found', async () => {
  const d = await diagnose(makeTree({
    'docker-compose.yml': COMPOSE,
    'k8s/broken.yaml': 'kind: Deployment\nmetadata: {name: [x\n',
    'chart/templates/svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}\n  labels:\n    {{- include "web.labels" . | nindent 4 }}\n',
    'kubectl/pods.txt': 'NAME                     READY   STATUS    RESTARTS   AGE\nweb-6d5c4b3a2-x9y8z      1/1     Runn',
    'dump.bin': Buffer.from([0, 1, 2, 3, 0, 0, 0, 255]),
    'id_rsa': '-----BEGIN RSA PRIVATE KEY-----\nAAAAB3NzaC1yc2EAAAADAQABAAABAQ\n-----END RSA PRIVATE KEY-----\n',
    'logs/web.log': '2026-03-10T09:00:00Z INFO web started\n',
  }));
  assertStillFound(d);
  for (const file of ['k8s/broken.yaml', 'chart/templates/svc.yaml', 'kubectl/pods.txt', 'dump.bin', 'id_rsa']) {
    assert.ok(notesOf(d, file).length > 0, `a note for ${file}: ${JSON.stringify(d.notes)}`);
  }
  assert.ok(d.notes.every((n) => n.message.trim().length > 10), JSON.stringify(d.notes));
});
