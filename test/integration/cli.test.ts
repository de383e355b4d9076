/**
 * The built `aoi` command (dist/cli.js) as a user runs it: JSON shape, exit codes, one-line errors on
 * stderr, bad input, and nothing written inside the diagnosed folder.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, closeSync, existsSync, openSync, readdirSync, statSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { makeTree } from '../helpers/tree';
import { FAULT_LABELS } from '../../server/protocol';

const CLI = resolve('dist/cli.js');
const aoi = (args: string[], opts: { asUser?: string } = {}) => {
  const cmd = opts.asUser ? 'setpriv' : process.execPath;
  const argv = opts.asUser ? ['--reuid', opts.asUser, '--regid', opts.asUser, '--clear-groups', process.execPath, CLI, ...args] : [CLI, ...args];
  const r = spawnSync(cmd, argv, { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
const oneLineError = (stderr: string, pattern: RegExp) => {
  assert.equal(stderr.trimEnd().split('\n').length, 1, `one line on stderr, got: ${stderr}`);
  assert.match(stderr, pattern);
  assert.doesNotMatch(stderr, /\n\s+at /);
};

test('diagnose --json prints exactly one document of the spec’s shape', () => {
  const r = aoi(['diagnose', 'examples/k8s-cart-targetport', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const d = JSON.parse(r.stdout);
  assert.equal(d.version, 1);
  assert.equal(typeof d.detected, 'boolean');
  assert.ok(Array.isArray(d.hypotheses) && d.hypotheses.length > 0);
  for (const h of d.hypotheses) {
    assert.ok((FAULT_LABELS as readonly string[]).includes(h.fault), h.fault);
    assert.equal(typeof h.component, 'string');
    assert.ok(h.confidence >= 0 && h.confidence <= 1);
    assert.deepEqual(Object.keys(h.rca).sort(), ['fault_type', 'system_level']);
    assert.equal(typeof h.explanation, 'string');
    for (const e of h.evidence) {
      assert.ok(!e.file.startsWith('/') && existsSync(join('examples/k8s-cart-targetport', e.file)), e.file);
      assert.ok(Number.isInteger(e.line) && e.line >= 1);
      assert.equal(typeof e.text, 'string');
    }
  }
  const confidences = d.hypotheses.map((h: { confidence: number }) => h.confidence);
  assert.deepEqual(confidences, [...confidences].sort((a, b) => b - a));
  assert.equal(d.detected, d.hypotheses[0].fault !== 'none');
  assert.ok(Array.isArray(d.probes) && Array.isArray(d.fixes));
  for (const p of d.probes) assert.ok(Array.isArray(p.argv) && typeof p.why === 'string' && p.status === 'proposed');
  assert.deepEqual(Object.keys(d.model).sort(), ['executionProvider', 'inferenceMs', 'name', 'version']);
  assert.equal(typeof d.timings.totalMs, 'number');
});

test('the human report names the fault, the component and evidence as file:line', () => {
  const r = aoi(['diagnose', 'examples/k8s-cart-targetport']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /FAULT: port_misconfig in cart/);
  assert.match(r.stdout, /k8s\/[\w.-]+\.yaml:\d+/);
});

test('bad usage exits 2 with a one-line error', () => {
  const none = aoi([]);
  assert.equal(none.code, 2);
  oneLineError(none.stderr, /^aoi: /);
  const unknown = aoi(['diagnose', 'examples/k8s-shop-healthy', '--frobnicate']);
  assert.equal(unknown.code, 2);
  oneLineError(unknown.stderr, /unknown option '--frobnicate'/);
  const badNumber = aoi(['diagnose', '.', '--max-file-size-mb', 'lots']);
  assert.equal(badNumber.code, 2);
  oneLineError(badNumber.stderr, /expected a positive number, got "lots"/);
});

test('a missing folder, a file, an empty folder: exit 2 and a one-line error naming the problem', () => {
  const missing = aoi(['diagnose', '/nonexistent/incident']);
  assert.equal(missing.code, 2);
  oneLineError(missing.stderr, /^aoi: no such folder: \/nonexistent\/incident$/m);
  const file = aoi(['diagnose', 'package.json']);
  assert.equal(file.code, 2);
  oneLineError(file.stderr, /^aoi: not a folder: .*package\.json/);
  const empty = aoi(['diagnose', makeTree({})]);
  assert.equal(empty.code, 2);
  oneLineError(empty.stderr, /^aoi: empty folder: .* holds no files to diagnose$/m);
});

test('a folder of only binary files: exit 2, the error says why', () => {
  const r = aoi(['diagnose', makeTree({ 'core.dump': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1, 2, 3]) })]);
  assert.equal(r.code, 2);
  oneLineError(r.stderr, /nothing to diagnose in .*: 1 file\(s\) skipped \(core\.dump: skipped: binary file\)/);
});

test('binary and unreadable files are skipped with a note; the rest is still diagnosed', { skip: process.getuid?.() !== 0 && 'needs root to drop to nobody' }, () => {
  const dir = makeTree({
    'docker-compose.yml': 'services:\n  web:\n    image: x/web:1\n    environment: { API_URL: "http://api:81" }\n  api:\n    image: x/api:1\n    expose: ["80"]\n',
    'blob.bin': Buffer.from([0, 1, 2, 3, 0, 0, 0]),
    'secret.log': 'hidden\n',
  });
  chmodSync(dir, 0o755);
  for (const f of readdirSync(dir)) chmodSync(join(dir, f), 0o644);
  chmodSync(join(dir, 'secret.log'), 0o000);
  const r = aoi(['diagnose', dir, '--json'], { asUser: '65534' });
  assert.equal(r.code, 0, r.stderr);
  const d = JSON.parse(r.stdout);
  assert.equal(d.hypotheses[0].fault, 'port_misconfig');
  assert.equal(d.hypotheses[0].component, 'web');
  assert.deepEqual(d.notes, [
    { file: 'blob.bin', message: 'skipped: binary file' },
    { file: 'secret.log', message: 'skipped: cannot read: permission denied' },
  ]);
});

test('a 200 MB log is streamed, not refused; with a lower cap it is skipped with a note', () => {
  const dir = makeTree({ 'nginx/nginx.conf': 'http { upstream catalog { server catalog:8081; } server { listen 80; location / { proxy_pass http://catalog; } } }\n', 'catalog/catalog.env': 'PORT=8080\n' });
  const fd = openSync(join(dir, 'nginx', 'access.log'), 'w');
  const line = '10.0.0.1 - - [20/Nov/2026:10:00:00 +0000] "GET /api/items?page=2 HTTP/1.1" 200 5123 "-" "Mozilla/5.0 (X11; Linux x86_64)"\n';
  const block = Buffer.from(line.repeat(Math.ceil((8 << 20) / line.length)));
  let written = 0;
  while (written < 200 << 20) written += writeSync(fd, block);
  writeSync(fd, '2026/11/20 10:00:01 [error] 7#7: *1 connect() failed (111: Connection refused) while connecting to upstream, client: 10.0.0.1, server: , request: "GET / HTTP/1.1", upstream: "http://10.1.0.5:8081/", host: "x"\n');
  closeSync(fd);
  const big = statSync(join(dir, 'nginx', 'access.log')).size;
  assert.ok(big >= 200 << 20);
  const full = aoi(['diagnose', dir, '--json']);
  assert.equal(full.code, 0, full.stderr);
  const d = JSON.parse(full.stdout);
  assert.equal(d.hypotheses[0].fault, 'port_misconfig');
  assert.equal(d.hypotheses[0].component, 'nginx');
  assert.ok(d.inputs.logLines > 1_000_000);
  assert.ok(d.hypotheses[0].evidence.some((e: { file: string }) => e.file === 'nginx/access.log'));
  const capped = aoi(['diagnose', dir, '--json', '--max-file-size-mb', '100']);
  assert.equal(capped.code, 0, capped.stderr);
  assert.deepEqual(JSON.parse(capped.stdout).notes, [{ file: 'nginx/access.log', message: 'skipped: too large: 200 MiB is over the 100 MiB cap (setting aoi.maxFileSizeMB)' }]);
});

test('nothing is written inside the diagnosed folder', () => {
  const dir = makeTree({ 'logs/app.log': 'INFO started\n', 'app/config.yaml': 'server:\n  port: 8080\n' });
  const snapshot = () => readdirSync(dir, { recursive: true, withFileTypes: true }).map((e) => `${e.parentPath ?? ''}/${e.name}:${statSync(join(e.parentPath ?? dir, e.name)).mtimeMs}`).sort();
  const before = snapshot();
  assert.equal(aoi(['diagnose', dir]).code, 0);
  assert.equal(aoi(['diagnose', dir, '--json']).code, 0);
  assert.deepEqual(snapshot(), before);
});

test('parse --jsonl prints one line per record in input order, folding stack traces into their record', () => {
  const dir = makeTree({
    'app.log': [
      '2026-11-20 10:00:00,001 INFO  [main] c.s.Orders - Order 17 placed by customer 4',
      '2026-11-20 10:00:01,002 INFO  [main] c.s.Orders - Order 18 placed by customer 9',
      '2026-11-20 10:00:02,003 ERROR [main] c.s.Pay - Payment call failed for order 18',
      'java.net.ConnectException: Connection refused',
      '\tat java.base/sun.nio.ch.Net.connect0(Native Method)',
      '2026-11-20 10:00:03,004 INFO  [main] c.s.Orders - Order 19 placed by customer 2',
      '',
    ].join('\n'),
  });
  const r = aoi(['parse', join(dir, 'app.log'), '--jsonl']);
  assert.equal(r.code, 0, r.stderr);
  const rows = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { line: number; template: string });
  assert.deepEqual(rows.map((x) => x.line), [1, 2, 3, 6]);
  assert.deepEqual(Object.keys(rows[0]!), ['line', 'template']);
  assert.equal(rows[0]!.template, rows[1]!.template);
  assert.equal(rows[0]!.template, rows[3]!.template);
  assert.match(rows[0]!.template, /<\*>/);
  assert.match(rows[2]!.template, /Payment call failed for order <\*>$/);
  assert.doesNotMatch(rows[2]!.template, /ConnectException|Native Method/, 'frames are not mined');
});

test('parse --log-format mines templates from <Content>, one record per line', () => {
  const dir = makeTree({
    'hdfs.log': [
      '081109 203615 148 INFO dfs.DataNode$PacketResponder: PacketResponder 1 for block blk_38865049064139660 terminating',
      '081109 203807 222 INFO dfs.DataNode$PacketResponder: PacketResponder 0 for block blk_-6952295868487656571 terminating',
      'a line that does not match the header',
      '',
    ].join('\n'),
  });
  const r = aoi(['parse', join(dir, 'hdfs.log'), '--log-format', '<Date> <Time> <Pid> <Level> <Component>: <Content>', '--jsonl']);
  assert.equal(r.code, 0, r.stderr);
  const rows = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { line: number; template: string });
  assert.deepEqual(rows.map((x) => x.line), [1, 2, 3]);
  assert.equal(rows[0]!.template, 'PacketResponder <*> for block <*> terminating');
  assert.equal(rows[1]!.template, rows[0]!.template);
  assert.equal(rows[2]!.template, 'a line that does not match the header');
});

test('parse without --jsonl prints a template table; bad input exits 2 with one line', () => {
  const table = aoi(['parse', 'examples/compose-nginx-upstream-port/logs/nginx/error.log']);
  assert.equal(table.code, 0, table.stderr);
  assert.match(table.stdout, /^examples\/compose-nginx-upstream-port\/logs\/nginx\/error\.log: \d+ lines, \d+ records \(nginx-error\), \d+ templates/);
  assert.match(table.stdout, /\n\s+\d+\s+error\s+\d+\s+connect\(\) failed/);
  const missing = aoi(['parse', '/nonexistent.log']);
  assert.equal(missing.code, 2);
  oneLineError(missing.stderr, /^aoi: no such file: \/nonexistent\.log$/m);
  const folder = aoi(['parse', 'examples']);
  assert.equal(folder.code, 2);
  oneLineError(folder.stderr, /^aoi: not a file: .*examples$/m);
  const badFormat = aoi(['parse', 'package.json', '--log-format', 'no fields here']);
  assert.equal(badFormat.code, 2);
  oneLineError(badFormat.stderr, /^aoi: log format: expected at least one <Field>/m);
});
