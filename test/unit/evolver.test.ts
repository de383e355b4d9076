/**
 * The Evolver: a diagnosis the rules got wrong, then corrected by a reviewer, becomes a corrective pair (the
 * right answer preferred over the wrong one, on the state it was made in, with the reviewer's reason and the
 * step that went wrong) and a guidance entry (masked signature, relation of the components, text,
 * provenance, stable id). Rejected and uncleared fixes become fix pairs; entries of the same signature merge;
 * the output does not depend on the order of the sessions; `aoi evolve` writes both files and `aoi export
 * --format dpo` adds the pairs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evolve } from '../../server/trajectories/evolver/evolve';
import { guidanceId } from '../../server/trajectories/evolver/guidance-entry';
import { SessionRecorder } from '../../server/trajectories/recorder';
import { runCli } from '../../server/cli';
import { tempDir } from '../helpers/tree';
import { CACHE_REFUSED, readSessions, recordCorrected, recordDiagnosis, SIMILAR_REFUSED, testStore } from '../helpers/failed-session';

/** CACHE_REFUSED with the API pointed at another port: another incident state, the same signature. */
const portMoved = (port: number): Record<string, string> => Object.fromEntries(Object.entries(CACHE_REFUSED).map(([f, text]) => [f, text.replace(/6380/g, String(port))]));

const args = (m: { tool_calls?: { function: { arguments: string } }[] }) => JSON.parse(m.tool_calls![0]!.function.arguments) as Record<string, string>;

test('the rules rank the wrong fault first in the scripted incident', async () => {
  const store = testStore();
  const { first } = await recordDiagnosis(store, CACHE_REFUSED);
  assert.equal(`${first.hypotheses[0]!.fault} ${first.hypotheses[0]!.component}`, 'service_down redis');
  assert.ok(!first.hypotheses.some((h) => h.fault === 'port_misconfig'));
});

test('a failed-then-corrected session yields a corrective pair at the wrong step', async () => {
  const store = testStore();
  const sessions = await recordCorrected(store);
  const { pairs, episodes, failed } = evolve(sessions);
  assert.equal(episodes, 1);
  assert.equal(failed, 1);
  assert.equal(pairs.length, 1, 'the rejected hypothesis and the submission are the same wrong answer: one pair');
  const p = pairs[0]!;
  assert.equal(p.kind, 'corrective');
  assert.equal(p.contrast, 'diagnosis');
  assert.deepEqual([args(p.chosen[0]!).fault, args(p.chosen[0]!).component], ['port_misconfig', 'api']);
  assert.deepEqual([args(p.rejected[0]!).fault, args(p.rejected[0]!).component], ['service_down', 'redis']);
  assert.equal(p.reason, 'redis was up');
  // The wrong step: the first one with service_down redis on top, the diagnosis step of the first session.
  const diagnosisSession = sessions[0]!;
  assert.deepEqual(p.provenance, { sessions: sessions.map((s) => s.header.id), session: diagnosisSession.header.id, seq: 1, by: 'alice' });
  assert.equal(diagnosisSession.steps[0]!.kind, 'diagnosis');
  assert.match(p.prompt[1]!.content, /ECONNREFUSED redis/);
});

test('a failed-then-corrected session yields a guidance entry with a masked signature and a relative conclusion', async () => {
  const sessions = await recordCorrected(testStore());
  const { guidance } = evolve(sessions);
  assert.equal(guidance.length, 1);
  const g = guidance[0]!;
  assert.deepEqual(g.signature, {
    fault: 'service_down',
    templates: ['<component> cache lookup failed: Error: connect ECONNREFUSED <component>:<*>'],
    notes: ['connection to <component>:<*> refused <*> times'],
  });
  assert.deepEqual(g.conclusion, { fault: 'port_misconfig', relation: 'caller' });
  assert.equal(g.id, guidanceId(g.signature));
  assert.match(g.id, /^[0-9a-f]{16}$/);
  assert.equal(g.text, `When the logs show "api cache lookup failed: Error: connect ECONNREFUSED redis:<*>" (connection to redis:6380 refused 35 times), it was port_misconfig of the caller, not service_down of the target — rejected by alice: 'redis was up'`);
  assert.deepEqual([g.support, g.dissent], [1, 0]);
  assert.deepEqual(g.provenance, [{ sessions: sessions.map((s) => s.header.id), session: sessions[0]!.header.id, seq: 1, by: 'alice', reason: 'redis was up', incident: sessions[0]!.header.incident.digest }]);
});

test('the output is deterministic: the same sessions in any order give the same bytes', async () => {
  const store = testStore();
  await recordCorrected(store);
  await recordDiagnosis(store, SIMILAR_REFUSED);
  const sessions = await readSessions(store);
  const once = JSON.stringify(evolve(sessions));
  assert.equal(JSON.stringify(evolve([...sessions].reverse())), once);
  assert.equal(JSON.stringify(evolve([sessions[2]!, sessions[0]!, sessions[1]!])), once);
});

test('episodes with the same signature merge into one entry, counting support; another conclusion counts as dissent', async () => {
  const store = testStore();
  await recordCorrected(store);
  await recordCorrected(store);
  let merged = evolve(await readSessions(store)).guidance;
  // Two recordings of the same incident state are one episode (the digest is the same), its wrong answer one attempt.
  assert.deepEqual(merged.map((g) => [g.support, g.provenance.length]), [[1, 1]]);
  const other = testStore();
  await recordCorrected(other);
  const { folder, first } = await recordDiagnosis(other, portMoved(6390));
  const review = await SessionRecorder.start(other, { source: 'editor', folder }, first.hypotheses);
  await review.hypothesisVerdict({ fault: 'service_down', component: 'redis' }, false, 'bob', 'redis answers PING');
  await review.hypothesisVerdict({ fault: 'port_misconfig', component: 'api' }, true, 'bob');
  merged = evolve(await readSessions(other)).guidance;
  assert.equal(merged.length, 1);
  assert.deepEqual([merged[0]!.support, merged[0]!.dissent, merged[0]!.provenance.map((p) => p.by)], [2, 0, ['alice', 'bob']]);
  const third = await recordDiagnosis(other, portMoved(6391));
  const dissenting = await SessionRecorder.start(other, { source: 'editor', folder: third.folder }, third.first.hypotheses);
  await dissenting.hypothesisVerdict({ fault: 'service_down', component: 'redis' }, false, 'carol');
  await dissenting.hypothesisVerdict({ fault: 'network_loss', component: 'redis' }, true, 'carol');
  merged = evolve(await readSessions(other)).guidance;
  assert.deepEqual([merged[0]!.conclusion.fault, merged[0]!.support, merged[0]!.dissent], ['port_misconfig', 2, 1]);
});

test('a rejected fix and an applied fix that did not clear become fix pairs at the step that proposed them', async () => {
  const store = testStore();
  const { folder, first } = await recordDiagnosis(store, CACHE_REFUSED);
  const { writer } = await SessionRecorder.start(store, { source: 'editor', folder }, first.hypotheses);
  const fix = (id: string, fault: 'service_down' | 'port_misconfig', component: string) => ({ id, hash: id.repeat(4), kind: 'command' as const, file: '', argv: ['systemctl', 'start', component], diff: `$ systemctl start ${component}`, why: 'start it', fault, component });
  const bad = fix('aaaaaaaaaaaa', 'service_down', 'redis');
  const good = fix('bbbbbbbbbbbb', 'port_misconfig', 'api');
  const proposed = await writer.append({ kind: 'fix', action: { type: 'fix', fix: bad } });
  await writer.append({ kind: 'verdict', verdict: { verdict: 'rejected', subject: { fix: bad.id, hash: bad.hash }, by: 'alice', reason: 'redis is running' }, action: { type: 'fix', fix: bad } });
  await writer.append({ kind: 'fix', action: { type: 'fix', fix: good } });
  await writer.append({ kind: 'verdict', verdict: { verdict: 'accepted', subject: { fix: good.id, hash: good.hash }, by: 'alice' }, action: { type: 'fix', fix: good } });
  const { pairs } = evolve(await readSessions(store));
  const fixPair = pairs.find((p) => p.contrast === 'fix')!;
  assert.deepEqual(args(fixPair.rejected[0]!).argv, ['systemctl', 'start', 'redis'] as never);
  assert.deepEqual(args(fixPair.chosen[0]!).argv, ['systemctl', 'start', 'api'] as never);
  assert.deepEqual([fixPair.reason, fixPair.provenance.seq, fixPair.provenance.session], ['redis is running', proposed.seq, proposed.session]);

  const uncleared = testStore();
  const again = await recordDiagnosis(uncleared, CACHE_REFUSED);
  const w = (await SessionRecorder.start(uncleared, { source: 'editor', folder: again.folder }, again.first.hypotheses)).writer;
  await w.append({ kind: 'fix', action: { type: 'fix', fix: bad } });
  await w.append({ kind: 'verdict', verdict: { verdict: 'accepted', subject: { fix: bad.id, hash: bad.hash }, by: 'alice' }, action: { type: 'fix', fix: bad } });
  await w.append({ kind: 'apply', action: { type: 'fix', fix: bad }, result: { status: 'ran', verification: { cleared: false, detail: 'service_down redis 35% -> 35%' } } });
  await w.append({ kind: 'verdict', verdict: { verdict: 'accepted', subject: { hypothesis: { fault: 'port_misconfig', component: 'api' } }, by: 'bob' } });
  const evolved = evolve(await readSessions(uncleared));
  const p = evolved.pairs.find((x) => x.contrast === 'fix')!;
  assert.deepEqual([p.reason, p.provenance.by, args(p.chosen[0]!).fault], ['applied, did not clear: service_down redis 35% -> 35%', 'verification', 'port_misconfig']);
  assert.match(evolved.guidance[0]!.text, /not service_down of the target — corrected by bob/);
});

test('a session that went right yields nothing', async () => {
  const store = testStore();
  const { folder, first } = await recordDiagnosis(store, CACHE_REFUSED);
  const review = await SessionRecorder.start(store, { source: 'editor', folder }, first.hypotheses);
  await review.hypothesisVerdict({ fault: 'service_down', component: 'redis' }, true, 'alice');
  assert.deepEqual(evolve(await readSessions(store)), { pairs: [], guidance: [], episodes: 1, failed: 0 });
});

test('aoi evolve writes the pairs and the guidance under STORE/evolved and aoi export --format dpo adds the pairs', async () => {
  const store = testStore();
  await recordCorrected(store);
  let out = '';
  assert.equal(await runCli(['evolve', '--store', store.root], (s) => (out += s)), 0);
  assert.match(out, /^evolved: 1 corrective pair\(s\), 1 guidance entry from 1 failed of 1 episode\(s\), 2 session\(s\)\n/);
  const folder = join(store.root, 'evolved');
  assert.deepEqual(readdirSync(folder).sort(), ['corrective-pairs.jsonl', 'guidance.jsonl'], 'no temporary file is left behind');
  const guidance = readFileSync(join(folder, 'guidance.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string });
  assert.deepEqual(guidance.map((g) => g.id), evolve(await readSessions(store)).guidance.map((g) => g.id));
  const before = readFileSync(join(folder, 'corrective-pairs.jsonl'), 'utf8');
  assert.equal(await runCli(['evolve', '--store', store.root], () => undefined), 0);
  assert.equal(readFileSync(join(folder, 'corrective-pairs.jsonl'), 'utf8'), before, 'the same store gives the same bytes');

  const dataset = tempDir();
  assert.equal(await runCli(['export', '--store', store.root, '--format', 'dpo', '--out', dataset], () => undefined), 0);
  const rows = readFileSync(join(dataset, 'dpo.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { kind: string; reason: string; sessions: string[] });
  const corrective = rows.filter((r) => r.kind === 'corrective');
  assert.equal(corrective.length, 1);
  assert.deepEqual(Object.keys(corrective[0]!).sort(), Object.keys(rows.find((r) => r.kind !== 'corrective')!).sort(), 'the same columns as the other rows');
  assert.equal(corrective[0]!.reason, 'redis was up');
});
