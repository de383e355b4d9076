/**
 * Fixes of tls_failure through `diagnose()`, with certificates made by openssl in the test: a client that does
 * not trust its server gets the CA file its server's other clients use (or the one file beside its own that
 * holds the issuer, and none when two do); an expired served certificate is replaced by the valid one for
 * the same name (and none when two fit).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, addedLines } from '../helpers/diagnosis';
import { tempDir } from '../helpers/tree';

const OPENSSL = spawnSync('openssl', ['version']).status === 0;
const skip = OPENSSL ? false : 'openssl is not installed';

interface Issuer {
  cert: string;
  crt: string;
  key: string;
}

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

/** A self-signed CA named `name`. */
function authority(name: string): Issuer {
  const dir = tempDir('aoi-ca-');
  const [crt, key] = [join(dir, 'ca.crt'), join(dir, 'ca.key')];
  execFileSync('openssl', ['req', '-x509', ...EC, '-keyout', key, '-out', crt, '-days', '3650', '-subj', `/O=Test Corp/CN=${name}`], { stdio: 'ignore' });
  return { cert: readFileSync(crt, 'utf8'), crt, key };
}

/** A certificate for `name`, valid from now for `days` days, issued by `ca` (self-signed without one). */
function certificate(name: string, days: number, ca?: Issuer): string {
  const dir = tempDir('aoi-leaf-');
  const [crt, key, csr, ext] = [join(dir, 'c.crt'), join(dir, 'c.key'), join(dir, 'c.csr'), join(dir, 'ext.cnf')];
  if (!ca) {
    execFileSync('openssl', ['req', '-x509', ...EC, '-keyout', key, '-out', crt, '-days', String(days), '-subj', `/CN=${name}`, '-addext', `subjectAltName=DNS:${name}`], { stdio: 'ignore' });
    return readFileSync(crt, 'utf8');
  }
  writeFileSync(ext, `subjectAltName=DNS:${name}\n`);
  execFileSync('openssl', ['req', '-new', ...EC, '-keyout', key, '-out', csr, '-subj', `/CN=${name}`], { stdio: 'ignore' });
  execFileSync('openssl', ['x509', '-req', '-in', csr, '-CA', ca.crt, '-CAkey', ca.key, '-CAcreateserial', '-days', String(days), '-out', crt, '-extfile', ext], { stdio: 'ignore' });
  return readFileSync(crt, 'utf8');
}

const isoIn = (days: number, seconds = 0) => new Date(Date.now() + days * 86_400_000 + seconds * 1000).toISOString();
const untrusted = (n: number) => Array.from({ length: n }, (_, i) => `${isoIn(1, i)} ERROR exporter push failed: Post "https://reports-api:8443/v2/batches": tls: failed to verify certificate: x509: certificate signed by unknown authority`).join('\n');

/** A reports API with a certificate from the 2027 CA, and a client that trusts the 2025 CA only. */
function reportsFolder(extra: Record<string, string>, peer: string): Record<string, string> {
  const old = authority('Test Corp CA 2025');
  const current = authority('Test Corp CA 2027');
  return {
    'docker-compose.yml': `services:
  reports-api:
    image: corp/reports-api:5
    environment:
      TLS_CERT_FILE: /tls/reports-api.crt
    volumes: ["./tls:/tls:ro"]
  exporter:
    image: corp/exporter:2
    env_file: ./exporter.env
    volumes: ["./tls:/tls:ro"]
${peer}`,
    'exporter.env': 'REPORTS_URL=https://reports-api:8443\nREPORTS_CA_FILE=/tls/corp-ca-2025.pem\n',
    'tls/reports-api.crt': certificate('reports-api', 365, current),
    'tls/corp-ca-2025.pem': old.cert,
    'tls/corp-ca-chain.pem': old.cert + current.cert,
    'logs/exporter.log': untrusted(25),
    ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, v === 'CA2027' ? current.cert : v])),
  };
}

test('a client that does not trust its server takes the CA file the server’s other clients use', { skip }, async () => {
  const peer = '  dashboard:\n    image: corp/dashboard:8\n    environment:\n      REPORTS_URL: https://reports-api:8443\n      SSL_CERT_FILE: /tls/corp-ca-chain.pem\n';
  // Two files beside the client's would verify the server; the peer's choice decides.
  const { d, h, ranking } = await run(reportsFolder({ 'tls/corp-ca-2027.pem': 'CA2027' }, peer));
  assert.equal(h.fault, 'tls_failure', ranking);
  assert.equal(h.component, 'exporter');
  assert.deepEqual(addedLines(d, 'exporter.env'), ['REPORTS_CA_FILE=/tls/corp-ca-chain.pem']);
});

test('with no other client: the one CA file beside the client’s own that holds the issuer, none when two do', { skip }, async () => {
  const alone = await run(reportsFolder({}, ''));
  assert.equal(alone.h.fault, 'tls_failure', alone.ranking);
  assert.deepEqual(addedLines(alone.d, 'exporter.env'), ['REPORTS_CA_FILE=/tls/corp-ca-chain.pem']);
  const two = await run(reportsFolder({ 'tls/corp-ca-2027.pem': 'CA2027' }, ''));
  assert.equal(two.h.fault, 'tls_failure', two.ranking);
  assert.deepEqual(two.d.fixes, [], 'the 2027 CA and the chain both verify the server: the choice is the owner’s');
});

/** An edge nginx whose shop certificate expired, with `renewed` certificates elsewhere on the host. */
function edgeFolder(renewed: Record<string, string>): Record<string, string> {
  return {
    'edge-01/etc/nginx/conf.d/shop.conf': `server {
    listen 443 ssl;
    server_name shop.test.internal;
    ssl_certificate     /etc/nginx/tls/shop.crt;
    ssl_certificate_key /etc/nginx/tls/shop.key;
    location / { proxy_pass http://127.0.0.1:8080; }
}
`,
    'edge-01/etc/nginx/tls/shop.crt': certificate('shop.test.internal', 1),
    'edge-01/etc/pki/tls/certs/other.crt': certificate('admin.test.internal', 400),
    ...renewed,
    'till-04/log/till-sync.log': Array.from({ length: 20 }, (_, i) => `${isoIn(5, i * 30)} ERROR till-sync upload failed: Post "https://shop.test.internal/api/tills": tls: failed to verify certificate: x509: certificate has expired or is not yet valid`).join('\n'),
  };
}

test('an expired served certificate: ssl_certificate points at the valid certificate for the same name on that host', { skip }, async () => {
  const { d, h, ranking } = await run(edgeFolder({ 'edge-01/etc/pki/tls/certs/shop-2027.crt': certificate('shop.test.internal', 400) }));
  assert.equal(h.fault, 'tls_failure', ranking);
  assert.equal(h.component, 'nginx');
  assert.deepEqual(addedLines(d, 'edge-01/etc/nginx/conf.d/shop.conf'), ['    ssl_certificate     /etc/pki/tls/certs/shop-2027.crt;']);
  assert.match(d.fixes[0]!.why, /key/, 'the reviewer is told the key must match');
});

test('two valid certificates for the expired one’s name: no fix', { skip }, async () => {
  const { d, h, ranking } = await run(edgeFolder({
    'edge-01/etc/pki/tls/certs/shop-2027.crt': certificate('shop.test.internal', 400),
    'edge-01/etc/pki/tls/certs/shop-staging.crt': certificate('shop.test.internal', 90),
  }));
  assert.equal(h.fault, 'tls_failure', ranking);
  assert.deepEqual(d.fixes, []);
});
