/**
 * The probe runner against real programs: output, exit codes, the scrubbed environment, the output cap,
 * the timeout, cancellation and the concurrency limit. The policy here is a stand-in that resolves names in
 * /usr/bin and refuses one word, so the runner's own behaviour is what is tested.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ProbeRunner, type ArgvPolicy } from '../../server/agents/probes/runner';
import { tempDir } from '../helpers/tree';

const policy: ArgvPolicy = {
  check(argv) {
    if (argv[0] === 'rm') return { allowed: false, reason: 'rm deletes files' };
    const path = ['/usr/bin', '/bin'].map((d) => join(d, argv[0]!)).find((p) => existsSync(p));
    return path ? { allowed: true, reason: 'test', resolvedPath: path } : { allowed: false, reason: `${argv[0]} is not installed` };
  },
};
const cwd = tempDir('aoi-runner-');

test('runs a real program without a shell and returns its output and exit code', async () => {
  writeFileSync(join(cwd, 'app.log'), 'a\nERROR b\nc\nERROR d\n');
  const r = await new ProbeRunner(policy, { cwd }).run(['grep', '-c', 'ERROR', 'app.log']);
  assert.equal(r.status, 'ran');
  assert.equal(r.exitCode, 0);
  assert.equal(r.stdout.trim(), '2');
  const none = await new ProbeRunner(policy, { cwd }).run(['grep', '-c', 'FATAL', 'app.log']);
  assert.equal(none.exitCode, 1, 'a non-zero exit is an outcome, not an error');
  const meta = await new ProbeRunner(policy, { cwd }).run(['echo', '$HOME; rm -rf / `id`']);
  assert.equal(meta.stdout, '$HOME; rm -rf / `id`\n', 'no shell interprets the words');
});

test('a refused probe never starts', async () => {
  const r = await new ProbeRunner(policy, { cwd }).run(['rm', '-rf', cwd]);
  assert.equal(r.status, 'refused');
  assert.equal(r.reason, 'rm deletes files');
  assert.ok(existsSync(cwd));
});

test('the environment is scrubbed: only a fixed PATH, the locale and the variables passed by name', async () => {
  const env = { AWS_SECRET_ACCESS_KEY: 'x', KUBECONFIG: '/etc/kube/view.yaml', PATH: '/tmp/evil:/usr/bin' };
  const r = await new ProbeRunner(policy, { cwd, env, passEnv: ['KUBECONFIG'] }).run(['env']);
  const vars = Object.fromEntries(r.stdout.trim().split('\n').map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
  assert.equal(vars['KUBECONFIG'], '/etc/kube/view.yaml');
  assert.equal(vars['AWS_SECRET_ACCESS_KEY'], undefined);
  assert.ok(!vars['PATH']!.includes('/tmp/evil'));
  assert.equal(vars['HOME'], '/nonexistent');
  assert.match(vars['PGOPTIONS']!, /default_transaction_read_only=on/);
});

test('output beyond the cap is counted and dropped; the listener sees exactly the kept output', async () => {
  let seen = '';
  const r = await new ProbeRunner(policy, { cwd, maxOutputBytes: 1000 }).run(['seq', '1', '100000'], undefined, (stream, text) => {
    assert.equal(stream, 'stdout');
    seen += text;
  });
  assert.equal(r.status, 'ran');
  assert.equal(seen, r.stdout);
  assert.equal(Buffer.byteLength(r.stdout), 1000);
  assert.equal(r.truncatedBytes, 588895 - 1000);
});

test('a probe past its timeout is killed; a cancelled one stops', async () => {
  const t0 = performance.now();
  const r = await new ProbeRunner(policy, { cwd, timeoutMs: 300 }).run(['sleep', '30']);
  assert.equal(r.status, 'timed out');
  assert.ok(performance.now() - t0 < 5000);
  const abort = new AbortController();
  setTimeout(() => abort.abort(), 200);
  const c = await new ProbeRunner(policy, { cwd }).run(['sleep', '30'], abort.signal);
  assert.equal(c.status, 'cancelled');
});

test('at most `concurrency` probes run at once', async () => {
  const runner = new ProbeRunner(policy, { cwd, concurrency: 1 });
  const t0 = performance.now();
  const [a, b] = await Promise.all([runner.run(['sleep', '0.3']), runner.run(['sleep', '0.3'])]);
  assert.equal(a.status, 'ran');
  assert.equal(b.status, 'ran');
  assert.ok(performance.now() - t0 >= 550, 'the second waited for the first');
});

test('a program that cannot start is a failed outcome', async () => {
  const broken: ArgvPolicy = { check: () => ({ allowed: true, reason: 'test', resolvedPath: join(cwd, 'missing-binary') }) };
  const r = await new ProbeRunner(broken, { cwd }).run(['missing-binary']);
  assert.equal(r.status, 'failed');
  assert.match(r.reason, /could not start missing-binary/);
});
