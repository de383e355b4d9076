/**
 * Certificates are generated here with the openssl CLI (the engine never spawns processes): a CA signs a
 * leaf with known dates through `openssl ca -startdate/-enddate`, and `openssl req -x509` makes a
 * self-signed one.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { certificateFacts } from '../../server/ingest/config/certificate';
import { SourceText } from '../../server/ingest/config/source-text';

let dir = '';
let leaf = '';
let ca = '';
let selfSigned = '';

const openssl = (...args: string[]): void => {
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
};

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'aoi-cert-'));
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl('req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.pem', '-subj', '/O=Shop/CN=Shop Test CA', '-days', '30');
  openssl('req', ...ec, '-keyout', 'leaf.key', '-out', 'leaf.csr', '-subj', '/CN=shop.example.com', '-addext', 'subjectAltName=DNS:shop.example.com,DNS:www.shop.example.com,IP:10.0.0.5');
  writeFileSync(join(dir, 'index.txt'), '');
  writeFileSync(join(dir, 'serial'), '01\n');
  writeFileSync(
    join(dir, 'ca.cnf'),
    '[ca]\ndefault_ca = dflt\n[dflt]\ndatabase = index.txt\nnew_certs_dir = .\nserial = serial\ndefault_md = sha256\npolicy = pol\ncopy_extensions = copy\n[pol]\ncommonName = supplied\n',
  );
  openssl('ca', '-batch', '-config', 'ca.cnf', '-cert', 'ca.pem', '-keyfile', 'ca.key', '-in', 'leaf.csr', '-out', 'leaf.pem', '-notext', '-startdate', '20250101000000Z', '-enddate', '20261120000000Z');
  openssl('req', '-x509', ...ec, '-keyout', 'self.key', '-out', 'self.pem', '-subj', '/CN=internal.local', '-days', '1');
  leaf = readFileSync(join(dir, 'leaf.pem'), 'utf8');
  ca = readFileSync(join(dir, 'ca.pem'), 'utf8');
  selfSigned = readFileSync(join(dir, 'self.pem'), 'utf8');
});

after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('a chain: leaf then CA, with names, dates, issuer and evidence at each BEGIN line', () => {
  const text = `# served by nginx\n${leaf}${ca}`;
  const { certificates, problems } = certificateFacts(new SourceText('certs/chain.pem', text));
  assert.deepEqual(problems, []);
  assert.equal(certificates.length, 2);
  const [l, c] = certificates;
  assert.equal(l!.file, 'certs/chain.pem');
  assert.equal(l!.subject, 'CN=shop.example.com');
  assert.equal(l!.issuer, 'O=Shop, CN=Shop Test CA');
  assert.deepEqual(l!.names, ['shop.example.com', 'www.shop.example.com', '10.0.0.5']);
  assert.deepEqual([l!.notBefore, l!.notAfter], ['2025-01-01T00:00:00Z', '2026-11-20T00:00:00Z']);
  assert.deepEqual([l!.validFrom, l!.validTo], [Date.UTC(2025, 0, 1), Date.UTC(2026, 10, 20)]);
  assert.equal(l!.selfSigned, false);
  assert.deepEqual([l!.evidence.line, l!.evidence.text], [2, '-----BEGIN CERTIFICATE-----']);
  assert.equal(l!.evidence.note, 'certificate for shop.example.com valid until 2026-11-20T00:00:00Z');
  assert.equal(c!.subject, 'O=Shop, CN=Shop Test CA');
  assert.equal(c!.selfSigned, true, 'the CA is self-signed');
  assert.deepEqual(c!.names, ['Shop Test CA'], 'no subjectAltName: the CN');
  assert.equal(c!.evidence.line, 2 + leaf.trimEnd().split('\n').length);
  assert.equal(c!.validTo - c!.validFrom, 30 * 86_400_000);
});

test('a self-signed certificate made with -days 1 is valid from now for one day', () => {
  const { certificates } = certificateFacts(new SourceText('self.pem', selfSigned));
  const cert = certificates[0]!;
  assert.equal(cert.selfSigned, true);
  assert.deepEqual(cert.names, ['internal.local']);
  assert.equal(cert.validTo - cert.validFrom, 86_400_000);
  assert.ok(Math.abs(cert.validFrom - Date.now()) < 10 * 60_000);
});

test('a private key next to the certificate is never read', () => {
  const key = readFileSync(join(dir, 'leaf.key'), 'utf8');
  const { certificates, problems } = certificateFacts(new SourceText('bundle.pem', `${key}${leaf}`));
  assert.deepEqual(problems, []);
  assert.equal(certificates.length, 1);
  const body = key.split('\n')[1]!;
  assert.ok(!JSON.stringify(certificates).includes(body));
});

test('corrupt, cut off or missing PEM data are problems, not exceptions', () => {
  const lines = leaf.trimEnd().split('\n');
  const corrupt = [lines[0], lines[1]!.replace(/[A-Za-z]/g, 'A'), ...lines.slice(2)].join('\n');
  const bad = certificateFacts(new SourceText('bad.pem', `${corrupt}\n${ca}`));
  assert.equal(bad.certificates.length, 1, 'the good certificate after the corrupt one is still read');
  assert.equal(bad.problems.length, 1);
  assert.equal(bad.problems[0]!.line, 1);
  assert.match(bad.problems[0]!.message, /^expected a PEM certificate at lines 1-\d+, got data that does not parse: /);

  const cut = certificateFacts(new SourceText('cut.pem', leaf.slice(0, leaf.length / 2)));
  assert.deepEqual(cut.certificates, []);
  assert.deepEqual(cut.problems, [{ line: 1, message: 'expected "-----END CERTIFICATE-----" after the certificate that starts at line 1, got the end of the file (cut off?)' }]);

  const none = certificateFacts(new SourceText('notes.txt', 'hello\n'));
  assert.deepEqual(none.problems, [{ line: 1, message: 'expected a PEM certificate ("-----BEGIN CERTIFICATE-----"), found no PEM block' }]);
  const garbage = certificateFacts(new SourceText('g.pem', '-----BEGIN CERTIFICATE-----\nnot base64 !!!\n-----END CERTIFICATE-----\n'));
  assert.equal(garbage.problems.length, 1);
});
