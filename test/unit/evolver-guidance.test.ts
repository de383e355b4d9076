/**
 * Team guidance at diagnosis time: guidance mined from one corrected incident changes the ranking of a similar
 * one (other names, messages and counts) — the right fault rises to the top and the ruled-out one is
 * discounted, with evidence at the matching line and the effect reported — and leaves an unrelated incident
 * alone. Conclusions are placed by relation (same component, caller, target, named). Guidance files are
 * checked line by line, and a missing one is a one-line error of `aoi diagnose --guidance`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { diagnose } from '../../server/diagnose';
import { runCli } from '../../server/cli';
import { renderTextReport } from '../../server/report/text-report';
import { matchGuidance, type IncidentTemplate } from '../../server/agents/observer/guidance';
import { evolve } from '../../server/trajectories/evolver/evolve';
import { readGuidance, writeEvolved } from '../../server/trajectories/evolver/evolved-files';
import { GUIDANCE_VERSION, guidanceId, type ComponentRelation, type GuidanceEntry } from '../../server/trajectories/evolver/guidance-entry';
import { RCA_BY_FAULT, type FaultLabel, type Hypothesis } from '../../server/protocol';
import { makeTree, tempDir } from '../helpers/tree';
import { SessionRecorder } from '../../server/trajectories/recorder';
import { CACHE_REFUSED, DISK_FULL, lines, rankOf, readSessions, recordCorrected, recordDiagnosis, SIMILAR_REFUSED, testStore } from '../helpers/failed-session';

const mined = async (): Promise<GuidanceEntry[]> => evolve(await recordCorrected(testStore())).guidance;

test('guidance from a corrected incident puts the right fault first on a similar one', async () => {
  const guidance = await mined();
  const folder = makeTree(SIMILAR_REFUSED);
  const plain = await diagnose(folder);
  const guided = await diagnose(folder, { guidance });
  const before = rankOf(plain.hypotheses, 'port_misconfig', 'worker');
  const after = rankOf(guided.hypotheses, 'port_misconfig', 'worker');
  assert.equal(`${plain.hypotheses[0]!.fault} ${plain.hypotheses[0]!.component}`, 'service_down kv', 'without guidance the rules repeat the mistake');
  assert.equal(before, Infinity, 'without guidance the right fault is not ranked at all');
  assert.equal(after, 1);
  const right = guided.hypotheses[0]!;
  assert.ok(right.confidence >= 0.6, `${right.confidence}`);
  assert.match(right.explanation, /^Team guidance: When the logs show /);
  assert.deepEqual([right.evidence[0]!.file, right.evidence[0]!.line], ['logs/worker.log', 5], 'the first refused line of the matching template');
  const wrongBefore = plain.hypotheses.find((h) => h.fault === 'service_down')!.confidence;
  const wrongAfter = guided.hypotheses.find((h) => h.fault === 'service_down')!.confidence;
  assert.ok(wrongAfter < wrongBefore / 4, `${wrongBefore} -> ${wrongAfter}`);
  assert.equal(guided.guidance?.length, 1);
  const g = guided.guidance![0]!;
  assert.equal(g.id, guidance[0]!.id);
  assert.equal(g.effect, `port_misconfig worker absent -> ${pct(right.confidence)}; service_down kv ${pct(wrongBefore)} -> ${pct(wrongAfter)}`);
  assert.match(g.source, /^alice in 1 episode \(first: session \S+ step 1\), signature similarity \d+%$/);
  assert.equal(plain.guidance, undefined, 'no guidance field unless guidance was given');
  const report = renderTextReport('similar', guided);
  assert.match(report, new RegExp(`\\nTeam guidance\\n  ${g.id}  When the logs show .*\\n      from alice .*\\n      changed: port_misconfig worker absent -> `));
});

test('guidance lifts a right fault the rules ranked second above the one people ruled out', async () => {
  const store = testStore();
  const warned = (files: Record<string, string>, log: string, line: string) => ({ ...files, [log]: files[log]! + lines(3, () => line) });
  const { folder, first } = await recordDiagnosis(store, warned(CACHE_REFUSED, 'logs/api.log', 'WARN api unknown config option REDIS_TLS, ignoring'));
  assert.equal(rankOf(first.hypotheses, 'app_misconfig', 'api'), 2);
  const review = await SessionRecorder.start(store, { source: 'editor', folder }, first.hypotheses);
  await review.hypothesisVerdict({ fault: 'service_down', component: 'redis' }, false, 'alice', 'redis was up');
  await review.hypothesisVerdict({ fault: 'app_misconfig', component: 'api' }, true, 'alice', 'the cache needs TLS');
  const { guidance } = evolve(await readSessions(store));
  const similar = makeTree(warned(SIMILAR_REFUSED, 'logs/worker.log', 'WARN worker unknown config option CACHE_TLS, ignoring'));
  const plain = await diagnose(similar);
  const guided = await diagnose(similar, { guidance });
  assert.deepEqual([rankOf(plain.hypotheses, 'app_misconfig', 'worker'), rankOf(guided.hypotheses, 'app_misconfig', 'worker')], [2, 1]);
  assert.match(guided.guidance![0]!.effect, /^app_misconfig worker \d+% -> \d+%; service_down kv \d+% -> \d+%$/);
});

test('guidance leaves an unrelated incident alone', async () => {
  const guidance = await mined();
  const folder = makeTree(DISK_FULL);
  const plain = await diagnose(folder);
  const guided = await diagnose(folder, { guidance });
  assert.deepEqual(guided.guidance, []);
  assert.deepEqual(guided.hypotheses, plain.hypotheses);
  assert.match(renderTextReport('disk', guided), /\nTeam guidance\n  none applied\n/);
});

test('guidance needs the wrong fault among the top hypotheses, not just similar logs', async () => {
  const [entry] = await mined();
  const templates = [template('worker session fetch failed: Error: connect ECONNREFUSED kv:<*>', 'worker', 'logs/worker.log', 5)];
  const hypotheses = [hyp('network_loss', 'kv', 0.7, ['logs/worker.log', 5, 'connection to kv:7001 refused 80 times']), hyp('none', '', 0.3)];
  assert.deepEqual(matchGuidance([entry!], { templates, hypotheses, components: ['worker', 'kv'] }), []);
  const matched = matchGuidance([entry!], { templates, hypotheses: [hyp('service_down', 'kv', 0.35, ['logs/worker.log', 5, 'connection to kv:7001 refused 80 times']), ...hypotheses], components: ['worker', 'kv'] });
  assert.deepEqual(matched.map((m) => [m.concluded, m.wrong]), [[{ fault: 'port_misconfig', component: 'worker' }, { fault: 'service_down', component: 'kv' }]]);
});

test('conclusions are placed by relation: the same component, the target it calls, a component of that name', () => {
  const templates = [template('orders request to payments failed: upstream timed out', 'orders', 'logs/orders.log', 3)];
  const hypotheses = [hyp('network_delay', 'orders', 0.5, ['logs/orders.log', 3, 'timed out waiting for a dependency']), hyp('none', '', 0.5)];
  const place = (relation: ComponentRelation, component?: string) => matchGuidance([entry('network_delay', ['<component> request to <component> failed: upstream timed out'], { fault: 'resource_exhaustion', relation, ...(component ? { component } : {}) })], { templates, hypotheses, components: ['orders', 'payments', 'ledger'] }).map((m) => m.concluded.component);
  assert.deepEqual(place('same'), ['orders']);
  assert.deepEqual(place('target'), ['payments']);
  assert.deepEqual(place('named', 'ledger'), ['ledger']);
  assert.deepEqual(place('named', 'billing'), [], 'a component this incident does not have: no match');
  assert.deepEqual(place('caller'), [], 'nobody else logged about orders');
});

test('a guidance file is checked line by line; a missing one says how to make it', async () => {
  const guidance = await mined();
  const dir = tempDir();
  await writeEvolved(dir, { pairs: [], guidance });
  assert.deepEqual(await readGuidance(join(dir, 'evolved', 'guidance.jsonl')), guidance);
  const bad = join(dir, 'bad.jsonl');
  writeFileSync(bad, `${JSON.stringify(guidance[0])}\n{"version":1,"id":"zz"\n`);
  // The parser's own words vary with the Node version; what the line held and where it is do not.
  await assert.rejects(readGuidance(bad), (err: Error) => err.name === 'BadInputError' && err.message.startsWith(`${bad}:2: expected one JSON value a line, got "{\\"version\\":1,\\"id\\":\\"zz\\"" (`));
  writeFileSync(bad, `\n${JSON.stringify({ ...guidance[0], conclusion: { fault: 'port_misconfig', relation: 'sideways' } })}\n`);
  await assert.rejects(readGuidance(bad), { message: `${bad}:2: not a guidance entry: conclusion: expected {fault: a taxonomy label, relation: same|caller|target|named}` });
  writeFileSync(bad, `${JSON.stringify({ ...guidance[0], support: 0 })}\n`);
  await assert.rejects(readGuidance(bad), /bad\.jsonl:1: not a guidance entry: support, dissent: expected whole numbers, support at least 1/);
  await assert.rejects(readGuidance(join(dir, 'none.jsonl')), { message: `no guidance file at ${join(dir, 'none.jsonl')} (run 'aoi evolve --store STORE' to make one)` });
});

test('aoi diagnose --guidance STORE applies the store’s guidance; a store without any is a one-line error', async () => {
  const store = testStore();
  await recordCorrected(store);
  assert.equal(await runCli(['evolve', '--store', store.root], () => undefined), 0);
  const folder = makeTree(SIMILAR_REFUSED);
  let out = '';
  assert.equal(await runCli(['diagnose', folder, '--json', '--guidance', store.root], (s) => (out += s)), 0);
  const d = JSON.parse(out) as { hypotheses: Hypothesis[]; guidance: { id: string }[] };
  assert.equal(`${d.hypotheses[0]!.fault} ${d.hypotheses[0]!.component}`, 'port_misconfig worker');
  assert.equal(d.guidance.length, 1);
  const empty = tempDir();
  mkdirSync(join(empty, 'evolved'));
  const err = await stderrOf(() => runCli(['diagnose', makeTree(CACHE_REFUSED), '--guidance', empty], () => undefined));
  assert.deepEqual([err.code, err.text], [2, `aoi: no guidance file at ${join(empty, 'evolved', 'guidance.jsonl')} (run 'aoi evolve --store STORE' to make one)\n`]);
});

function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}

function template(text: string, owner: string, file: string, line: number): IncidentTemplate {
  return { template: text, count: 10, owner, severityNumber: 17, examples: [{ file, line, text: text.replace(/<\*>/g, '7001') }] };
}

function hyp(fault: FaultLabel, component: string, confidence: number, evidence?: [string, number, string]): Hypothesis {
  return { fault, component, confidence, rca: RCA_BY_FAULT[fault], explanation: '', evidence: evidence ? [{ file: evidence[0], line: evidence[1], text: '', note: evidence[2] }] : [] };
}

function entry(fault: FaultLabel, templates: string[], conclusion: GuidanceEntry['conclusion']): GuidanceEntry {
  const signature = { fault, templates, notes: [] };
  return { version: GUIDANCE_VERSION, id: guidanceId(signature), signature, conclusion, text: 'a rule', support: 1, dissent: 0, provenance: [] };
}

/** Runs `f` with stderr captured. */
async function stderrOf(f: () => Promise<number>): Promise<{ code: number; text: string }> {
  const original = process.stderr.write.bind(process.stderr);
  let text = '';
  process.stderr.write = ((chunk: string) => ((text += chunk), true)) as typeof process.stderr.write;
  try {
    return { code: await f(), text };
  } finally {
    process.stderr.write = original;
  }
}
