import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nginxFacts, nginxIncludes, parseNginxConfig } from '../../server/ingest/config/nginx-conf';
import { tlsFileReferences } from '../../server/ingest/config/tls-files';
import { keyValueSettings } from '../../server/ingest/config/key-values';
import { SourceText } from '../../server/ingest/config/source-text';
import type { SettingFact } from '../../server/ingest/config/facts';

const NGINX = `include /etc/nginx/modules-enabled/*.conf;
http {
  include mime.types;
  include conf.d/*.conf;
  server {
    listen 443 ssl;
    ssl_certificate     /etc/nginx/certs/shop.crt;
    ssl_certificate_key "/etc/nginx/certs/shop.key";
    ssl_trusted_certificate /etc/nginx/certs/chain.pem;
    ssl_client_certificate data:$client_ca_pem;
    location / {
      proxy_pass https://api:8443;
      proxy_ssl_trusted_certificate /etc/nginx/certs/internal-ca.pem;
    }
  }
}
`;

test('nginx ssl_* directives are TLS file references of the owner, with the value position', () => {
  const src = new SourceText('nginx/nginx.conf', NGINX);
  const facts = nginxFacts(parseNginxConfig(NGINX), src, 'gateway');
  assert.deepEqual(
    facts.tlsFiles.map((t) => [t.component, t.role, t.path, t.evidence.line, t.evidence.column]),
    [
      ['gateway', 'certificate', '/etc/nginx/certs/shop.crt', 7, 25],
      ['gateway', 'key', '/etc/nginx/certs/shop.key', 8, 25],
      ['gateway', 'ca', '/etc/nginx/certs/chain.pem', 9, 29],
      ['gateway', 'ca', '/etc/nginx/certs/internal-ca.pem', 13, 37],
    ],
  );
});

test('nginxIncludes lists include directives as written, in file order', () => {
  assert.deepEqual(nginxIncludes(parseNginxConfig(NGINX)), [
    { path: '/etc/nginx/modules-enabled/*.conf', line: 1, column: 9 },
    { path: 'mime.types', line: 3, column: 11 },
    { path: 'conf.d/*.conf', line: 4, column: 11 },
  ]);
  assert.deepEqual(nginxIncludes(parseNginxConfig('include;\nhttp { include')), []);
});

/** A setting of `owner` ('api' unless given; null for a file with no owner). */
const setting = (key: string, value: string, owner: string | null = 'api'): SettingFact => ({ owner: owner ?? undefined, key, value, evidence: { file: 'x', line: 1, text: `${key}=${value}` } });

test('env vars and config keys that name certificate, key and CA files', () => {
  const refs = tlsFileReferences([
    setting('SSL_CERT_FILE', '/etc/ssl/certs/ca-bundle.crt'),
    setting('NODE_EXTRA_CA_CERTS', '/certs/internal-ca.pem'),
    setting('REQUESTS_CA_BUNDLE', '"/certs/bundle.pem"'),
    setting('LEDGER_CA_FILE', '/certs/ledger-ca.pem'),
    setting('KAFKA_CA_CERT', '/certs/kafka.crt'),
    setting('tls.ca', 'certs/ca.pem'),
    setting('tls.cert', 'certs/tls.crt'),
    setting('tls.key', 'certs/tls.key'),
    setting('sslrootcert', '/root/.postgresql/root.crt'),
    setting('ssl_cert_file', '/etc/ssl/server.crt', null),
    setting('ssl_key_file', '/etc/ssl/server.key', null),
    setting('ssl_ca_file', '/etc/ssl/ca.crt', null),
    setting('tls-cert-file', '/tls/redis.crt', 'redis'),
    setting('tls-key-file', '/tls/redis.key', 'redis'),
    setting('tls-ca-cert-file', '/tls/ca.crt', 'redis'),
    setting('server.ssl.certificate', 'classpath:server.pem'),
    setting('UPSTREAM_BUNDLE', '/opt/certs/trust-bundle.pem'),
    setting('CLIENT_IDENTITY', '/opt/certs/client.crt'),
    setting('SIGNING_KEY_PATH', '/opt/certs/signing-key.pem'),
  ]);
  assert.deepEqual(
    refs.map((r) => [r.component, r.role, r.path]),
    [
      ['api', 'ca', '/etc/ssl/certs/ca-bundle.crt'],
      ['api', 'ca', '/certs/internal-ca.pem'],
      ['api', 'ca', '/certs/bundle.pem'],
      ['api', 'ca', '/certs/ledger-ca.pem'],
      ['api', 'ca', '/certs/kafka.crt'],
      ['api', 'ca', 'certs/ca.pem'],
      ['api', 'certificate', 'certs/tls.crt'],
      ['api', 'key', 'certs/tls.key'],
      ['api', 'ca', '/root/.postgresql/root.crt'],
      ['', 'certificate', '/etc/ssl/server.crt'],
      ['', 'key', '/etc/ssl/server.key'],
      ['', 'ca', '/etc/ssl/ca.crt'],
      ['redis', 'certificate', '/tls/redis.crt'],
      ['redis', 'key', '/tls/redis.key'],
      ['redis', 'ca', '/tls/ca.crt'],
      ['api', 'certificate', 'classpath:server.pem'],
      ['api', 'ca', '/opt/certs/trust-bundle.pem'],
      ['api', 'certificate', '/opt/certs/client.crt'],
      ['api', 'key', '/opt/certs/signing-key.pem'],
    ],
  );
});

test('settings that are not TLS files are left alone', () => {
  const refs = tlsFileReferences([
    setting('API_KEY', '/run/secrets/api'),
    setting('API_KEY', 'sk_live_abc'),
    setting('DOCUMENT_ROOT', '/var/www'),
    setting('CA_URL', 'https://ca.example.com/root.pem'),
    setting('TLS_CERT', '-----BEGIN CERTIFICATE-----'),
    setting('SSL_CERT_FILE', ''),
    setting('LOG_FILE', '/var/log/app.log'),
    setting('CERT_MODE', 'strict mode'),
  ]);
  assert.deepEqual(refs, []);
});

test('from a redis.conf and postgresql.conf read as settings', () => {
  const redis = keyValueSettings(new SourceText('redis.conf', 'port 0\ntls-port 6379\ntls-cert-file /tls/redis.crt\ntls-ca-cert-file /tls/ca.crt\n'), 'redis');
  const pg = keyValueSettings(new SourceText('postgresql.conf', "ssl = on\nssl_cert_file = '/etc/ssl/x.pem'\t# (change requires restart)\n"), 'postgres');
  assert.deepEqual(tlsFileReferences([...redis, ...pg]).map((r) => [r.component, r.role, r.path, r.evidence.line]), [
    ['redis', 'certificate', '/tls/redis.crt', 3],
    ['redis', 'ca', '/tls/ca.crt', 4],
    ['postgres', 'certificate', '/etc/ssl/x.pem', 2],
  ]);
});
