/**
 * `aoi fix list|show|save|approve|reject|apply|undo` from the built CLI (dist/cli.js) on a copy of an example
 * bundle, as spec/cli.md says: the JSON shape of `list`, exit 3 with the reason when the gate refuses, the
 * file written only after an approval, verified on re-diagnosis, and one-line errors (exit 2) for bad input.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tempDir } from '../helpers/tree';

const CLI = resolve('dist/cli.js');
const aoi = (args: string[]) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
const copy = (example: string): string => {
  const dir = join(tempDir('aoi-fix-cli-'), example);
  cpSync(join('examples', example), dir, { recursive: true });
  return dir;
};

test('fix list --json prints the proposals with id, file, diff, why, status and hash', () => {
  const dir = copy('k8s-cart-targetport');
  const r = aoi(['fix', 'list', dir, '--json']);
  assert.equal(r.code, 0, r.stderr);
  const fixes = JSON.parse(r.stdout) as Record<string, unknown>[];
  assert.equal(fixes.length, 1);
  const f = fixes[0]!;
  for (const key of ['id', 'file', 'diff', 'why', 'status', 'hash']) assert.equal(typeof f[key], 'string', key);
  assert.equal(f['file'], 'k8s/cart-service.yaml');
  assert.equal(f['status'], 'proposed');
  assert.match(f['hash'] as string, /^[0-9a-f]{64}$/);
  assert.match(f['diff'] as string, /\n\+ +targetPort: 8080\n/);
});

test('apply without an approval exits 3 with the reason and writes nothing; after approval it writes and verifies', () => {
  const dir = copy('k8s-cart-targetport');
  const file = join(dir, 'k8s/cart-service.yaml');
  const before = readFileSync(file, 'utf8');
  const id = (JSON.parse(aoi(['fix', 'list', dir, '--json']).stdout) as { id: string }[])[0]!.id;
  const refused = aoi(['fix', 'apply', dir, id]);
  assert.equal(refused.code, 3);
  assert.match(refused.stderr, /^aoi: refused \(no-approval\): fix [0-9a-f]{12} has no approval/);
  assert.equal(readFileSync(file, 'utf8'), before);

  const approved = aoi(['fix', 'approve', dir, id, '--by', 'alice', '--comment', 'matches the container port']);
  assert.equal(approved.code, 0, approved.stderr);
  assert.equal(readFileSync(file, 'utf8'), before, 'an approval writes nothing');
  const applied = aoi(['fix', 'apply', dir, id, '--by', 'bob']);
  assert.equal(applied.code, 0, applied.stderr);
  assert.match(applied.stdout, /applied [0-9a-f]{12}: wrote k8s\/cart-service\.yaml\nverification: cleared: port_misconfig cart \d+% -> absent/);
  assert.match(readFileSync(file, 'utf8'), /targetPort: 8080/);

  const again = aoi(['fix', 'apply', dir, id]);
  assert.equal(again.code, 3);
  assert.match(again.stderr, /already-applied/);
  const listed = JSON.parse(aoi(['fix', 'list', dir, '--json']).stdout) as { id: string; status: string }[];
  assert.deepEqual(listed.map((f) => [f.id, f.status]), [[id, 'verified']]);
  const shown = aoi(['fix', 'show', dir, id]);
  assert.match(shown.stdout, /approved by alice at .*: matches the container port/);

  const undone = aoi(['fix', 'undo', dir, id]);
  assert.equal(undone.code, 0, undone.stderr);
  assert.equal(readFileSync(file, 'utf8'), before);
});

test('a rejection is recorded with its reason in the review file and blocks the apply', () => {
  const dir = copy('compose-api-redis-port');
  const id = (JSON.parse(aoi(['fix', 'list', dir, '--json']).stdout) as { id: string }[])[0]!.id;
  assert.equal(aoi(['fix', 'reject', dir, id, '--by', 'carol']).code, 2, '--reason is required');
  const r = aoi(['fix', 'reject', dir, id, '--by', 'carol', '--reason', 'cache moves to 6380 tonight']);
  assert.equal(r.code, 0, r.stderr);
  const record = JSON.parse(readFileSync(join(dir, '.aoi/reviews', `${id}.json`), 'utf8'));
  assert.equal(record.verdicts[0].verdict, 'rejected');
  assert.equal(record.verdicts[0].comment, 'cache moves to 6380 tonight');
  const applied = aoi(['fix', 'apply', dir, id]);
  assert.equal(applied.code, 3);
  assert.match(applied.stderr, /rejected by carol: cache moves to 6380 tonight/);
});

test('a team review: saved by one person, refused when they approve it, applied after another approves', () => {
  const dir = copy('vm-billing-env-port');
  const id = (JSON.parse(aoi(['fix', 'list', dir, '--json']).stdout) as { id: string }[])[0]!.id;
  assert.equal(aoi(['fix', 'save', dir, id, '--by', 'dana', '--distinct-reviewer']).code, 0);
  const self = aoi(['fix', 'approve', dir, id, '--by', 'dana']);
  assert.equal(self.code, 3);
  assert.match(self.stderr, /self-approval/);
  assert.equal(aoi(['fix', 'approve', dir, id, '--by', 'erin']).code, 0);
  assert.equal(aoi(['fix', 'apply', dir, id, '--by', 'dana']).code, 0);
});

test('bad input: an unknown id, a malformed id, a missing folder: exit 2 with one line', () => {
  const dir = copy('k8s-cart-targetport');
  const unknown = aoi(['fix', 'approve', dir, '0123456789ab', '--by', 'x']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /^aoi: no fix 0123456789ab in .*\n$/);
  const malformed = aoi(['fix', 'show', dir, 'xyz']);
  assert.equal(malformed.code, 2);
  assert.equal(malformed.stderr, 'aoi: not a fix id: "xyz" (expected 12 hex digits, as aoi fix list shows)\n');
  const missing = aoi(['fix', 'list', '/nonexistent/incident']);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /^aoi: no such folder: \/nonexistent\/incident/);
});
