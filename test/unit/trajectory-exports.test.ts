/**
 * Dataset exports from recorded sessions: a scripted session where the engine's top hypothesis was ruled out
 * by a person and another confirmed, and a state where one fix was rejected and another approved. SFT teaches
 * the corrected answer with the probes asked, DPO pairs the wrong answer (or fix) with the right one, KTO has
 * a row per verdict, GRPO carries the reward metadata; rows follow the chat format (roles, tool calls with JSON
 * arguments) with the same column types in every row; the card counts labels and verdicts; output is
 * deterministic.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/tree';
import { writeRedisIncident } from '../helpers/redis-incident';
import { diagnose, type InitialObservation } from '../../server/diagnose';
import { TrajectoryStore } from '../../server/trajectories/store';
import { SessionRecorder } from '../../server/trajectories/recorder';
import { exportDataset } from '../../server/trajectories/exports/export-dataset';

const identity = { redactDeep: <T>(v: T): T => v };

/** A store holding the scripted sessions; returns its root. */
async function scriptedStore(): Promise<string> {
  const root = join(tempDir(), 'store');
  const store = new TrajectoryStore(root, identity);
  const folder = join(tempDir(), 'shop');
  writeRedisIncident(folder, 6390);
  let first: InitialObservation | undefined;
  const d = await diagnose(folder, { observe: (o) => (first = o) });
  assert.equal(d.hypotheses[0]!.fault, 'service_down', 'the engine blames the Redis first');
  const rec = await SessionRecorder.start(store, { source: 'editor', folder }, first!.hypotheses);
  await rec.diagnosis(d, first);
  await rec.probe({ argv: ['redis-cli', '-h', '127.0.0.1', '-p', '6390', 'PING'], why: 'does redis answer', status: 'ran', exitCode: 0, output: 'PONG', effect: 'service_down redis 60% -> 5%' });
  await rec.hypothesisVerdict({ fault: 'service_down', component: 'redis' }, false, 'alice', 'redis answers PING; the api dials the wrong port');
  await rec.hypothesisVerdict({ fault: 'port_misconfig', component: 'api' }, true, 'alice');
  // Another state: two fixes proposed, one rejected, the other approved and verified.
  const fix = (hash: string, file: string, diff: string) => ({ id: hash.slice(0, 12), hash, kind: 'edit' as const, file, diff, why: 'w', fault: 'port_misconfig' as const, component: 'api' });
  const bad = fix('a'.repeat(64), 'etc/redis/redis.conf', '--- a/etc/redis/redis.conf\n+++ b/etc/redis/redis.conf\n@@ -2 +2 @@\n-port 6390\n+port 6379\n');
  const good = fix('b'.repeat(64), 'etc/api/api.env', '--- a/etc/api/api.env\n+++ b/etc/api/api.env\n@@ -2 +2 @@\n-REDIS_PORT=6390\n+REDIS_PORT=6379\n');
  await rec.writer.append({ kind: 'fix', action: { type: 'fix', fix: bad } });
  await rec.writer.append({ kind: 'fix', action: { type: 'fix', fix: good } });
  await rec.writer.append({ kind: 'verdict', verdict: { verdict: 'rejected', subject: { fix: bad.id, hash: bad.hash }, by: 'bob', reason: 'other clients use 6390' } });
  await rec.writer.append({ kind: 'verdict', verdict: { verdict: 'accepted', subject: { fix: good.id, hash: good.hash }, by: 'bob' } });
  await rec.writer.append({ kind: 'apply', action: { type: 'fix', fix: good }, result: { status: 'written', verification: { cleared: true, detail: 'port_misconfig api 80% -> absent' } } });
  return root;
}

const rowsOf = (dir: string, f: string): Record<string, unknown>[] => readFileSync(join(dir, `${f}.jsonl`), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

/** Checks a list of chat messages: roles, string contents, tool calls with JSON arguments, tool answers tied to calls. */
function checkMessages(messages: unknown): void {
  assert.ok(Array.isArray(messages) && messages.length > 0);
  const calls = new Set<string>();
  for (const m of messages as Record<string, unknown>[]) {
    assert.ok(['system', 'user', 'assistant', 'tool'].includes(m['role'] as string), String(m['role']));
    assert.equal(typeof m['content'], 'string');
    for (const c of (m['tool_calls'] as { id: string; type: string; function: { name: string; arguments: string } }[] | undefined) ?? []) {
      assert.equal(c.type, 'function');
      assert.ok(['run_probe', 'propose_fix', 'submit_diagnosis'].includes(c.function.name));
      assert.equal(typeof JSON.parse(c.function.arguments), 'object');
      calls.add(c.id);
    }
    if (m['role'] === 'tool') assert.ok(calls.has(m['tool_call_id'] as string), 'a tool answer follows its call');
  }
}

test('SFT, DPO, KTO and GRPO rows from a failed-then-corrected session', async () => {
  const root = await scriptedStore();
  const store = new TrajectoryStore(root, identity);
  const out = tempDir();
  for (const f of ['sft', 'dpo', 'kto', 'grpo']) await exportDataset(store, f, join(out, f));

  const sft = rowsOf(join(out, 'sft'), 'sft');
  assert.equal(sft.length, 1);
  checkMessages(sft[0]!['messages']);
  const msgs = sft[0]!['messages'] as { role: string; tool_calls?: { function: { name: string; arguments: string } }[] }[];
  assert.deepEqual(msgs.slice(0, 2).map((m) => m.role), ['system', 'user']);
  const calls = msgs.flatMap((m) => m.tool_calls ?? []).map((c) => c.function.name);
  assert.deepEqual(calls, ['run_probe', 'propose_fix', 'submit_diagnosis']);
  assert.deepEqual(JSON.parse(msgs.at(-1)!.tool_calls![0]!.function.arguments), { fault: 'port_misconfig', component: 'api', system_level: 'Virtualization', fault_type: 'Misconfiguration' });
  assert.equal(sft[0]!['agent_correct'], false, 'the engine’s own answer was the ruled-out one');
  assert.ok(Array.isArray(sft[0]!['tools']) && (sft[0]!['tools'] as unknown[]).length === 3);

  const dpo = rowsOf(join(out, 'dpo'), 'dpo');
  const diagnosisPair = dpo.find((r) => r['kind'] === 'diagnosis')!;
  const answer = (ms: unknown): unknown => JSON.parse((ms as { tool_calls: { function: { arguments: string } }[] }[])[0]!.tool_calls[0]!.function.arguments);
  assert.deepEqual([(answer(diagnosisPair['chosen']) as { fault: string }).fault, (answer(diagnosisPair['rejected']) as { fault: string }).fault], ['port_misconfig', 'service_down']);
  assert.equal(diagnosisPair['reason'], 'redis answers PING; the api dials the wrong port');
  const fixPair = dpo.find((r) => r['kind'] === 'fix')!;
  assert.equal((answer(fixPair['chosen']) as { file: string }).file, 'etc/api/api.env');
  assert.equal((answer(fixPair['rejected']) as { file: string }).file, 'etc/redis/redis.conf');
  for (const r of dpo) for (const k of ['prompt', 'chosen', 'rejected']) checkMessages(r[k]);

  const kto = rowsOf(join(out, 'kto'), 'kto');
  assert.deepEqual(kto.map((r) => [r['kind'], r['label']]).sort(), [['diagnosis', false], ['diagnosis', true], ['fix', false], ['fix', true]]);

  const grpo = rowsOf(join(out, 'grpo'), 'grpo');
  assert.equal(grpo.length, 1);
  assert.deepEqual([grpo[0]!['truth_fault'], grpo[0]!['truth_component'], grpo[0]!['verified'], grpo[0]!['probe_cost'], grpo[0]!['agent_answer']], ['port_misconfig', 'api', true, 1, 'service_down/redis']);

  const card = readFileSync(join(out, 'kto', 'README.md'), 'utf8');
  assert.match(card, /^---\nconfigs:\n- config_name: default\n {2}data_files:\n {2}- split: train\n {4}path: kto\.jsonl\n/);
  assert.match(card, /\| verdicts accepted \| 2 \|\n\| verdicts rejected \| 2 \|/);
  assert.match(card, /\| port_misconfig \| 4 \|/);
});

test('the same store exports the same bytes; an unknown format or an empty store is a clear error', async () => {
  const root = await scriptedStore();
  const store = new TrajectoryStore(root, identity);
  const a = tempDir();
  const b = tempDir();
  await exportDataset(store, 'dpo', a);
  await exportDataset(store, 'dpo', b);
  assert.equal(readFileSync(join(a, 'dpo.jsonl'), 'utf8'), readFileSync(join(b, 'dpo.jsonl'), 'utf8'));
  assert.equal(readFileSync(join(a, 'README.md'), 'utf8'), readFileSync(join(b, 'README.md'), 'utf8'));
  await assert.rejects(exportDataset(store, 'ppo', a), /unknown export format "ppo" \(expected one of sft, dpo, kto, grpo\)/);
  await assert.rejects(exportDataset(new TrajectoryStore(join(tempDir(), 'none'), identity), 'sft', a), /no sessions in /);
});
