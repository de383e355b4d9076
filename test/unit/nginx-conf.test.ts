import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nginxFacts, parseNginxConfig } from '../../server/ingest/config/nginx-conf';
import { SourceText } from '../../server/ingest/config/source-text';

const CONF = `# gateway
events { worker_connections 1024; }
http {
  upstream orders_backend {
    server orders:9000 max_fails=3 fail_timeout=10s;
    keepalive 16;
  }
  server {
    listen 80;
    listen [::]:8443 ssl;
    server_name shop.local;
    location /api/orders/ { proxy_pass http://orders_backend; }
    location /api/inventory/ { proxy_pass http://inventory:8000/; }
    location /static/ { root "/usr/share/nginx/html; not a terminator"; }
  }
}
`;

test('parses directives with positions', () => {
  const config = parseNginxConfig(CONF);
  assert.deepEqual(config.problems, []);
  const http = config.directives.find((d) => d.name.value === 'http')!;
  const upstream = http.block!.find((d) => d.name.value === 'upstream')!;
  const server = upstream.block![0]!;
  assert.equal(server.args[0]!.value, 'orders:9000');
  assert.equal(server.args[0]!.line, 5);
  assert.equal(server.args[0]!.column, 12);
});

test('extracts listeners and references; proxy_pass to an upstream name is not a host', () => {
  const facts = nginxFacts(parseNginxConfig(CONF), new SourceText('nginx/nginx.conf', CONF), 'gateway');
  assert.deepEqual(facts.listeners.map((l) => [l.component, l.port, l.evidence.line]), [['gateway', 80, 9], ['gateway', 8443, 10]]);
  assert.deepEqual(
    facts.references.map((r) => [r.from, r.host, r.port, r.via, r.evidence.line]),
    [
      ['gateway', 'orders', 9000, 'nginx upstream orders_backend', 5],
      ['gateway', 'inventory', 8000, 'nginx proxy_pass', 13],
    ],
  );
});

test('reports unterminated directives and braces without throwing', () => {
  const config = parseNginxConfig('http {\n  server {\n    listen 80\n  }\n');
  assert.deepEqual(config.problems.map((p) => p.message), ['directive "listen" is not terminated by ";"', 'unexpected end of file, expecting "}"']);
  assert.equal(parseNginxConfig('}').problems[0]!.message, 'unexpected "}"');
});
