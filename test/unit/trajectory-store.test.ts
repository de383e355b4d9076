/**
 * The trajectory store: sessions as self-checking JSONL, records validated before they are written (nothing
 * written for an invalid one), redaction applied to every record, rotation of large sessions into parts, the
 * folder's size cap, resume after a torn line, listing and deleting.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/tree';
import { TrajectoryStore } from '../../server/trajectories/store';
import { frame, unframe } from '../../server/trajectories/framing';

const identity = { redactDeep: <T>(v: T): T => v };
const upper = { redactDeep: <T>(v: T): T => JSON.parse(JSON.stringify(v).replace(/hunter2/g, '<secret:password>')) as T };

test('framing: a line checks itself; any change or truncation is detected', () => {
  const line = frame({ type: 'step', n: { '1': 'a', b: 2 } }).trimEnd();
  assert.deepEqual(unframe(line), { ok: true, record: { type: 'step', n: { '1': 'a', b: 2 } } });
  assert.equal(unframe(line.replace('"b":2', '"b":3')).ok, false);
  assert.match((unframe(line.slice(0, -5)) as { problem: string }).problem, /incomplete line/);
  assert.deepEqual(unframe(frame({}).trimEnd()), { ok: true, record: {} });
});

test('a session is a header and its steps, read back in order; every string redacted before writing', async () => {
  const root = join(tempDir(), 'store');
  const store = new TrajectoryStore(root, upper);
  const w = await store.start({ source: 'cli', incident: { name: 'cart', digest: 'abc' } });
  await w.append({ kind: 'diagnosis', hypotheses: [{ fault: 'port_misconfig', component: 'cart', confidence: 0.9 }], observation: { digest: 'abc', evidence: [{ file: 'a.env', line: 1, text: 'DB_PASSWORD=hunter2' }] } });
  await w.append({ kind: 'probe', action: { type: 'probe', argv: ['redis-cli', '-a', 'hunter2', 'PING'] }, result: { status: 'ran', exitCode: 0, output: 'PONG' } });
  const read = await store.read(w.id);
  assert.equal(read.header.incident.name, 'cart');
  assert.deepEqual(read.steps.map((s) => [s.seq, s.kind]), [[1, 'diagnosis'], [2, 'probe']]);
  assert.deepEqual(read.problems, []);
  const raw = readdirSync(root).map((f) => readFileSync(join(root, f), 'utf8')).join('');
  assert.ok(!raw.includes('hunter2'));
  assert.match(raw, /<secret:password>/);
});

test('an invalid record is refused with what was expected, and nothing is written', async () => {
  const root = join(tempDir(), 'store');
  const store = new TrajectoryStore(root, identity);
  const w = await store.start({ source: 'cli', incident: { name: 'x', digest: 'd' } });
  const before = readFileSync(store.partPath(w.id, 0), 'utf8');
  await assert.rejects(w.append({ kind: 'diagnosis', hypotheses: [{ fault: 'bad_label' as never, component: 'x', confidence: 2 }] }), /hypotheses\[0\]: expected \{fault: a taxonomy label/);
  await assert.rejects(w.append({ kind: 'nap' as never }), /kind: expected one of diagnosis/);
  assert.equal(readFileSync(store.partPath(w.id, 0), 'utf8'), before);
  const next = await w.append({ kind: 'outcome', outcome: { resolved: true } });
  assert.equal(next.seq, 1, 'refused records take no sequence number');
  await assert.rejects(store.start({ source: 'robot' as never, incident: { name: 'x', digest: 'd' } }), /source: expected cli, editor or lab/);
});

test('a large session rotates into parts that read back as one', async () => {
  const root = join(tempDir(), 'store');
  const store = new TrajectoryStore(root, identity, { maxSessionBytes: 4096 });
  const w = await store.start({ source: 'lab', incident: { name: 'x', digest: 'd' } });
  for (let i = 0; i < 40; i++) await w.append({ kind: 'probe', action: { type: 'probe', argv: ['echo', 'y'.repeat(300)] } });
  const parts = await store.partsOf(w.id);
  assert.ok(parts.length >= 3, parts.join(', '));
  const read = await store.read(w.id);
  assert.deepEqual(read.steps.map((s) => s.seq), Array.from({ length: 40 }, (_, i) => i + 1));
});

test('past the folder cap the oldest sessions are removed, never the new one', async () => {
  const root = join(tempDir(), 'store');
  let t = Date.parse('2026-12-01T00:00:00Z');
  const store = new TrajectoryStore(root, identity, { maxStoreBytes: 6000, now: () => new Date((t += 60_000)) });
  const ids: string[] = [];
  for (let i = 0; i < 5; i++) {
    const w = await store.start({ source: 'cli', incident: { name: `s${i}`, digest: 'd' } });
    for (let j = 0; j < 5; j++) await w.append({ kind: 'probe', action: { type: 'probe', argv: ['echo', 'z'.repeat(200)] } });
    ids.push(w.id);
  }
  await store.start({ source: 'cli', incident: { name: 'last', digest: 'd' } });
  const left = await store.ids();
  assert.ok(!left.includes(ids[0]!), 'the oldest went');
  assert.equal((await store.list())[0]!.header.incident.name, 'last', 'newest first, and kept');
});

test('resume after a torn last line: the torn line is reported, the next step starts on a fresh line', async () => {
  const root = join(tempDir(), 'store');
  const store = new TrajectoryStore(root, identity);
  const w = await store.start({ source: 'editor', incident: { name: 'x', digest: 'd' } });
  await w.append({ kind: 'outcome', outcome: { resolved: false } });
  appendFileSync(store.partPath(w.id, 0), '{"type":"step","version":1,"ses');
  const again = await store.resume(w.id);
  const s = await again.append({ kind: 'outcome', outcome: { resolved: true } });
  assert.equal(s.seq, 2);
  const read = await store.read(w.id);
  assert.deepEqual(read.steps.map((x) => x.seq), [1, 2]);
  assert.equal(read.problems.length, 1);
  assert.match(read.problems[0]!, /\.jsonl:3: incomplete line/);
});

test('delete removes every part; bad ids are refused with a one-line error', async () => {
  const root = join(tempDir(), 'store');
  const store = new TrajectoryStore(root, identity, { maxSessionBytes: 2048 });
  const w = await store.start({ source: 'cli', incident: { name: 'x', digest: 'd' } });
  for (let i = 0; i < 20; i++) await w.append({ kind: 'probe', action: { type: 'probe', argv: ['echo', 'q'.repeat(200)] } });
  await store.delete(w.id);
  assert.deepEqual(readdirSync(root), []);
  await assert.rejects(store.read('../../etc/passwd'), /not a session id/);
  await assert.rejects(store.read('20261201T000000Z-00000000'), /no session 20261201T000000Z-00000000/);
  assert.ok(!existsSync(join(root, '..', 'etc')));
});
