/**
 * `aoi diagnose DIR --replay|--live [--max-probes N]` from the built CLI: replay answers from the bundle's
 * recordings; live runs the policy-allowed probes for real (here `ss -ltnp`, which every Linux host has),
 * and nothing runs without one of the two flags.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import type { Diagnosis } from '../../server/protocol';
import { makeTree } from '../helpers/tree';

const CLI = resolve('dist/cli.js');
const aoi = (args: string[]) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

const PORT_MISMATCH = {
  'docker-compose.yml': 'services:\n  worker:\n    image: example/worker:1\n    env_file: ./worker/worker.env\n  db:\n    image: postgres:16\n',
  'worker/worker.env': 'DB_HOST=db\nDB_PORT=5433\n',
};

test('without --replay or --live every probe stays proposed', () => {
  const r = aoi(['diagnose', makeTree(PORT_MISMATCH), '--json']);
  assert.equal(r.code, 0, r.stderr);
  const d = JSON.parse(r.stdout) as Diagnosis;
  assert.ok(d.probes.length > 0);
  assert.ok(d.probes.every((p) => p.status === 'proposed'));
});

test('--replay answers from recordings and says "not recorded" for the rest', () => {
  const r = aoi(['diagnose', 'examples/k8s-cart-targetport', '--json', '--replay', '--max-probes', '3']);
  assert.equal(r.code, 0, r.stderr);
  const d = JSON.parse(r.stdout) as Diagnosis;
  const asked = d.probes.filter((p) => p.status !== 'proposed');
  assert.ok(asked.length >= 1 && asked.length <= 3, JSON.stringify(asked));
  assert.ok(asked.some((p) => p.status === 'replayed' && typeof p.output === 'string' && p.output.length > 0));
  assert.ok(asked.every((p) => ['replayed', 'not recorded', 'refused'].includes(p.status)));
});

test('--live runs the allowed probes for real, without a shell, and reports their exit codes', () => {
  const r = aoi(['diagnose', makeTree(PORT_MISMATCH), '--json', '--live', '--max-probes', '1']);
  assert.equal(r.code, 0, r.stderr);
  const d = JSON.parse(r.stdout) as Diagnosis;
  const ran = d.probes.find((p) => p.status !== 'proposed');
  assert.deepEqual(ran?.argv, ['ss', '-ltnp']);
  assert.equal(ran?.status, 'ran');
  assert.equal(ran?.exitCode, 0);
  assert.match(ran!.output!, /Local Address:Port/);
});

test('bad probing flags are usage errors (exit 2, one line)', () => {
  const both = aoi(['diagnose', 'examples/k8s-cart-targetport', '--replay', '--live']);
  assert.equal(both.code, 2);
  assert.match(both.stderr, /^aoi: --replay and --live exclude each other\n$/);
  const alone = aoi(['diagnose', 'examples/k8s-cart-targetport', '--max-probes', '2']);
  assert.equal(alone.code, 2);
  assert.match(alone.stderr, /--max-probes needs --replay or --live/);
});
