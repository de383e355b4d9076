import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { classifyFile, classifyText } from '../../server/ingest/classify';
import { tempDir } from '../helpers/tree';

const kind = (rel: string, head: string) => classifyText(rel, head, head.length);

test('decides by name and content', () => {
  assert.deepEqual(kind('k8s/cart.yaml', 'apiVersion: v1\n'), { kind: 'yaml' });
  assert.deepEqual(kind('dump/get-svc', 'apiVersion: v1\nkind: List\nitems: []\n'), { kind: 'yaml' });
  assert.deepEqual(kind('nginx/nginx.conf', 'events {}\n'), { kind: 'nginx' });
  assert.deepEqual(kind('gateway/default', 'upstream api {\n server api:80;\n}\n'), { kind: 'nginx' });
  assert.deepEqual(kind('.env', 'A=1\n'), { kind: 'env' });
  assert.deepEqual(kind('billing/prod.env', 'A=1\n'), { kind: 'env' });
  assert.deepEqual(kind('settings', '# comment\nDB_HOST=db\nexport DB_PORT=5432\n'), { kind: 'env' });
  assert.deepEqual(kind('redis/redis.conf', 'port 6379\n'), { kind: 'kv' });
  assert.deepEqual(kind('ledger.toml', '[server]\nport = 7070\n'), { kind: 'kv' });
  assert.deepEqual(kind('app/config.json', '{"port": 1}'), { kind: 'json' });
  assert.deepEqual(kind('logs/app.json', '{"a":1}\n{"a":2}\n{"a":3}\n'), { kind: 'log' });
  assert.deepEqual(kind('logs/frontend.log', 'apiVersion: v1'), { kind: 'log' });
  assert.deepEqual(kind('kubectl-logs-cart', '2026-11-20T10:00:00Z started\n'), { kind: 'log' });
  assert.deepEqual(kind('probes/endpoints.json', '{"argv": ["kubectl"]}'), { kind: 'probe-recording' });
  assert.ok('skip' in kind('README.md', '# hello'));
});

test('skips empty, oversized and binary files with a reason', async () => {
  const dir = tempDir('aoi-classify-');
  const mk = (name: string, content: Buffer | string) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return { path, rel: name, size: Buffer.byteLength(content) };
  };
  assert.deepEqual(await classifyFile(mk('empty.log', ''), 1e9), { skip: 'empty file' });
  assert.deepEqual(await classifyFile(mk('core', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1])), 1e9), { skip: 'binary file' });
  assert.deepEqual(await classifyFile(mk('app.log.1', Buffer.from([0x1f, 0x8b, 8, 0])), 1e9), { kind: 'log' });
  const big = mk('big.log', 'x'.repeat(2048));
  assert.deepEqual(await classifyFile(big, 1024), { skip: 'too large: 2.0 KiB is over the 1.0 KiB cap (setting aoi.maxFileSizeMB)' });
  assert.deepEqual(await classifyFile({ path: join(dir, 'gone.log'), rel: 'gone.log', size: 10 }, 1e9), { skip: 'cannot read: ENOENT: no such file or directory, open \'' + join(dir, 'gone.log') + '\'' });
});

test('reads gzip-compressed logs and skips other compressed files with a reason', async () => {
  const dir = tempDir('aoi-classify-gz-');
  const mk = (name: string, content: string | Buffer) => {
    const path = join(dir, name);
    const gz = gzipSync(content);
    writeFileSync(path, gz);
    return { path, rel: `logs/${name}`, size: gz.length };
  };
  assert.deepEqual(await classifyFile(mk('app.log.2.gz', '2026-11-20 10:00:00 INFO started\n'), 1e9), { kind: 'log' });
  assert.deepEqual(await classifyFile(mk('syslog.3.gz', 'Nov 20 10:00:00 node-1 sshd[7]: Accepted publickey\n'), 1e9), { kind: 'log' });
  assert.deepEqual(await classifyFile(mk('deploy.yaml.gz', 'apiVersion: v1\nkind: Service\n'), 1e9), { skip: 'compressed (gzip) yaml file: only logs are read compressed' });
  assert.deepEqual(await classifyFile(mk('bundle.tar.gz', 'x'), 1e9), { skip: 'not incident evidence (archive)' });
  assert.deepEqual(await classifyFile(mk('core.gz', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1])), 1e9), { skip: 'binary file (gzip)' });
  assert.deepEqual(await classifyFile(mk('notes.md.gz', '# notes\n'), 1e9), { skip: 'not incident evidence (document or archive)' });
});
