import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keyValueSettings } from '../../server/ingest/config/key-values';
import { SourceText } from '../../server/ingest/config/source-text';

const settings = (rel: string, text: string) => keyValueSettings(new SourceText(rel, text), 'db').map((s) => [s.key, s.value, s.evidence.line, s.evidence.column]);

test('redis.conf: space-separated directives with the value column', () => {
  const text = `# Redis configuration
bind 127.0.0.1 -::1
port 6379
maxclients 50
requirepass "s3cret pass"
  maxmemory 256mb
save 900 1
`;
  assert.deepEqual(settings('redis.conf', text), [
    ['bind', '127.0.0.1 -::1', 2, 6],
    ['port', '6379', 3, 6],
    ['maxclients', '50', 4, 12],
    ['requirepass', 's3cret pass', 5, 13],
    ['maxmemory', '256mb', 6, 13],
    ['save', '900 1', 7, 6],
  ]);
});

test('postgresql.conf: `key = value` with quotes and trailing comments', () => {
  const text = `# - Connection Settings -
listen_addresses = 'localhost'\t\t# what IP address(es) to listen on;
port = 5433\t\t\t\t# (change requires restart)
max_connections = 40
ssl_cert_file = '/etc/ssl/x.pem'
shared_buffers=128MB
#work_mem = 4MB
search_path = '"$user", public'\t# schema names
`;
  assert.deepEqual(settings('postgresql.conf', text), [
    ['listen_addresses', 'localhost', 2, 20],
    ['port', '5433', 3, 8],
    ['max_connections', '40', 4, 19],
    ['ssl_cert_file', '/etc/ssl/x.pem', 5, 17],
    ['shared_buffers', '128MB', 6, 16],
    ['search_path', '"$user", public', 8, 15],
  ]);
});

test('the value column is found by position, not by searching the text', () => {
  assert.deepEqual(settings('a.conf', 'port port\nname = name # same\n'), [['port', 'port', 1, 6], ['name', 'name', 2, 8]]);
});
