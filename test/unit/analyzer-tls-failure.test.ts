/**
 * tls_failure through `diagnose()`, with certificates made by openssl in the test: an expired certificate a
 * server is configured to serve is the cause and the server is blamed; trust errors from a client configured
 * with its own CA bundle blame the client; a stray handshake error is not a TLS incident. Private keys
 * next to the certificates are never read.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, causeOf, at } from '../helpers/diagnosis';
import { tempDir } from '../helpers/tree';

const OPENSSL = spawnSync('openssl', ['version']).status === 0;
const skip = OPENSSL ? false : 'openssl is not installed';


/** A self-signed certificate for `name`, valid from now for `days` days, and its key. */
function certificate(name: string, days: number): { cert: string; key: string } {
  const dir = tempDir('aoi-cert-');
  const [crt, key] = [join(dir, 'c.crt'), join(dir, 'c.key')];
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', crt, '-days', String(days), '-subj', `/CN=${name}`, '-addext', `subjectAltName=DNS:${name}`], { stdio: 'ignore' });
  return { cert: readFileSync(crt, 'utf8'), key: readFileSync(key, 'utf8') };
}
/** An ISO time `days` days and `seconds` seconds from now: logs written after a short-lived certificate expired. */
const isoIn = (days: number, seconds = 0) => new Date(Date.now() + days * 86_400_000 + seconds * 1000).toISOString();
/** The base64 body lines of a PEM block, which must never appear in a diagnosis. */
const pemBody = (pem: string) => pem.split('\n').filter((l) => l.length > 16 && !l.startsWith('-----'));

test('clients see an expired certificate that nginx is configured to serve: the certificate file is the cause, the key is never read', { skip }, async () => {
  const { cert, key } = certificate('api.example.test', 1);
  const { d, h, ranking } = await run({
    'api-gw-01/etc/nginx/nginx.conf': `events {}
http {
  server {
    listen 443 ssl;
    server_name api.example.test;
    ssl_certificate     /etc/nginx/ssl/api.crt;
    ssl_certificate_key /etc/nginx/ssl/api.key;
    location / { proxy_pass http://127.0.0.1:8080; }
  }
}
`,
    'api-gw-01/etc/nginx/ssl/api.crt': cert,
    'api-gw-01/etc/nginx/ssl/api.key': key,
    'batch-02/log/invoice-sync.log': Array.from({ length: 20 }, (_, i) => `${isoIn(5, i * 30)} ERROR invoice-sync push failed: Post "https://api.example.test/v1/invoices": tls: failed to verify certificate: x509: certificate has expired or is not yet valid`).join('\n'),
  });
  assert.equal(h.fault, 'tls_failure', ranking);
  assert.equal(h.component, 'nginx');
  assert.deepEqual(h.rca, { system_level: 'Application', fault_type: 'Misconfiguration' });
  assert.equal(at(causeOf(d)), 'api-gw-01/etc/nginx/ssl/api.crt:1');
  assert.match(causeOf(d)!.note ?? '', /expired/);
  assert.ok(h.evidence.some((e) => at(e) === 'api-gw-01/etc/nginx/nginx.conf:6' && e.role === 'context'), 'the ssl_certificate line that serves it');
  assert.ok(h.evidence.some((e) => e.file === 'batch-02/log/invoice-sync.log'));
  assert.deepEqual(d.notes.filter((n) => n.file.endsWith('api.key')), [{ file: 'api-gw-01/etc/nginx/ssl/api.key', message: 'skipped: private key: never read' }]);
  const json = JSON.stringify(d);
  assert.ok(!json.includes('PRIVATE KEY') && pemBody(key).every((l) => !json.includes(l)), 'no key material in the diagnosis');
});

/** A PostgreSQL host whose server certificate expired; `confPath` is where its postgresql.conf lies. */
const expiredPostgres = (confPath: string) => {
  const { cert } = certificate('pg-01.internal', 1);
  return {
    [confPath]: "listen_addresses = '*'\nport = 5432\nssl = on\nssl_cert_file = '/etc/ssl/certs/pg-01.crt'\nssl_key_file = '/etc/ssl/private/pg-01.key'\n",
    'pg-01/etc/ssl/certs/pg-01.crt': cert,
    'pg-01/log/postgresql-16-main.log': Array.from({ length: 15 }, (_, i) => `${isoIn(4, i * 60 + 1).replace('T', ' ').slice(0, 23)} UTC [${700 + i}] LOG:  could not accept SSL connection: sslv3 alert certificate expired`).join('\n'),
    'app-01/log/billing.log': Array.from({ length: 15 }, (_, i) => `${isoIn(4, i * 60).replace('T', ' ').slice(0, 23)} ERROR billing.db: psycopg2.OperationalError: connection to server at "pg-01.internal" (10.0.4.11), port 5432 failed: SSL error: certificate verify failed: certificate has expired`).join('\n'),
  };
};

test('postgresql.conf, its ssl_cert_file and the client’s errors in three places: the database is blamed', { skip }, async () => {
  const { d, h, ranking } = await run(expiredPostgres('pg-01/etc/postgresql/postgresql.conf'));
  assert.equal(h.fault, 'tls_failure', ranking);
  assert.equal(h.component, 'postgresql');
  assert.equal(at(causeOf(d)), 'pg-01/etc/ssl/certs/pg-01.crt:1');
  assert.ok(h.evidence.some((e) => at(e) === 'pg-01/etc/postgresql/postgresql.conf:4'), 'the ssl_cert_file line');
});

test(
  'the same with Debian’s /etc/postgresql/16/main layout',
  async () => {
    const { d, h, ranking } = await run(expiredPostgres('pg-01/etc/postgresql/16/main/postgresql.conf'));
    assert.equal(h.fault, 'tls_failure', ranking);
    assert.equal(h.component, 'postgresql');
    assert.equal(at(causeOf(d)), 'pg-01/etc/ssl/certs/pg-01.crt:1');
  },
);

test('"unknown authority" from a client that verifies with its own CA file, the served certificate valid: the client is blamed', { skip }, async () => {
  const { cert } = certificate('search.internal', 365);
  const { d, h, ranking } = await run({
    'docker-compose.yml': `services:
  indexer:
    image: acme/indexer:2
    environment:
      SEARCH_URL: https://search.internal:9200
      SEARCH_CA_FILE: /certs/corp-root-2019.pem
  search:
    image: opensearchproject/opensearch:2.13.0
    environment:
      plugins.security.ssl.http.pemcert_filepath: /certs/search.internal.crt
`,
    'certs/search.internal.crt': cert,
    'logs/indexer.log': Array.from({ length: 25 }, (_, i) => `${isoIn(1, i)} ERROR indexer bulk failed: Post "https://search.internal:9200/_bulk": tls: failed to verify certificate: x509: certificate signed by unknown authority`).join('\n'),
  });
  assert.equal(h.fault, 'tls_failure', ranking);
  assert.equal(h.component, 'indexer');
  assert.equal(at(causeOf(d)), 'docker-compose.yml:6');
});

test('a valid certificate and one handshake error from a scanner among healthy traffic is not a TLS incident', { skip }, async () => {
  const { cert } = certificate('shop.internal', 365);
  const { h, ranking } = await run({
    'etc/nginx/nginx.conf': 'events {}\nhttp {\n  server {\n    listen 443 ssl;\n    server_name shop.internal;\n    ssl_certificate /etc/nginx/certs/shop.internal.crt;\n    ssl_certificate_key /etc/nginx/certs/shop.internal.key;\n  }\n}\n',
    'etc/nginx/certs/shop.internal.crt': cert,
    'log/nginx/error.log': `${isoIn(0, 60).slice(0, 19).replace(/-/g, '/').replace('T', ' ')} [info] 81#81: *1 SSL_do_handshake() failed (SSL: error:0A00010B:SSL routines::wrong version number) while SSL handshaking, client: 45.83.64.9, server: 0.0.0.0:443\n`,
    'log/nginx/access.log': Array.from({ length: 200 }, (_, i) => `10.0.0.${i % 20} - - [10/Mar/2026:09:${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')} +0000] "GET /search?q=a HTTP/1.1" 200 512 "-" "curl/8.5"`).join('\n'),
  });
  assert.ok(h.fault !== 'tls_failure' || h.confidence < 0.5, ranking);
});
