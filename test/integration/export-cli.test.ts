/**
 * Recording and exporting from the built CLI: `aoi diagnose DIR --record --store STORE --truth FILE` and
 * `aoi fix reject|approve|apply --record --store STORE` write sessions of the same incident; `aoi export`
 * writes each format with its dataset card, and Python's json module reads every file the way TRL does
 * (test/fixtures/read_dataset.py). Usage errors exit 2 with one line.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tempDir } from '../helpers/tree';

const CLI = resolve('dist/cli.js');
const aoi = (args: string[]) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
const python = ['/usr/bin/python3', 'python3'].find((p) => spawnSync(p, ['--version']).status === 0);

test('a recorded diagnosis, a rejection and an approval export to files Python reads the way TRL does', () => {
  const dir = join(tempDir(), 'shop');
  cpSync('examples/compose-api-redis-port', dir, { recursive: true });
  const store = join(tempDir(), 'store');
  const d = aoi(['diagnose', dir, '--replay', '--record', '--store', store, '--truth', 'examples/compose-api-redis-port.truth.json', '--json']);
  assert.equal(d.code, 0, d.stderr);
  assert.doesNotThrow(() => JSON.parse(d.stdout), 'stdout stays one JSON document');
  assert.match(d.stderr, /^aoi: recorded session \d{8}T\d{6}Z-[0-9a-f]{8} in /);
  const id = (JSON.parse(aoi(['fix', 'list', dir, '--json']).stdout) as { id: string }[])[0]!.id;
  assert.equal(aoi(['fix', 'reject', dir, id, '--by', 'carol', '--reason', 'check the cache first', '--record', '--store', store]).code, 0);
  assert.equal(aoi(['fix', 'approve', dir, id, '--by', 'dave', '--record', '--store', store]).code, 0);
  assert.equal(aoi(['fix', 'apply', dir, id, '--record', '--store', store]).code, 0);
  assert.equal(readdirSync(store).filter((f) => f.endsWith('.jsonl')).length, 4);
  for (const format of ['sft', 'dpo', 'kto', 'grpo']) {
    const out = join(tempDir(), format);
    const r = aoi(['export', '--store', store, '--format', format, '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`^${format}: \\d+ row\\(s\\) from 4 session\\(s\\), 1 episode\\(s\\)`));
    assert.ok(existsSync(join(out, 'README.md')));
    if (python) {
      const py = spawnSync(python, ['test/fixtures/read_dataset.py', format, join(out, `${format}.jsonl`)], { encoding: 'utf8' });
      assert.equal(py.status, 0, py.stderr);
      assert.match(py.stdout, /^ok \d+\n$/);
    }
  }
});

test('recording and export usage errors exit 2 with one line', () => {
  const r1 = aoi(['diagnose', 'examples/k8s-cart-targetport', '--record']);
  assert.equal(r1.code, 2);
  assert.equal(r1.stderr, 'aoi: --record needs --store STORE\n');
  const r2 = aoi(['export', '--store', join(tempDir(), 'empty'), '--format', 'sft', '--out', tempDir()]);
  assert.equal(r2.code, 2);
  assert.match(r2.stderr, /^aoi: no sessions in .*\n$/);
  const r3 = aoi(['export', '--store', tempDir(), '--format', 'xml', '--out', tempDir()]);
  assert.equal(r3.code, 2);
  assert.match(r3.stderr, /unknown export format "xml"/);
});
