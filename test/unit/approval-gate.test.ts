/**
 * The approval gate and the executor: nothing is written without an approval of the exact change. Each way
 * an apply can be wrong (no approval, an approval of another proposal, a tampered approval or proposal, a file
 * edited after the proposal, a second apply, concurrent applies, self-approval under a team policy) is
 * refused with its own code, and the file's bytes stay as they were.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { makeTree } from '../helpers/tree';
import { proposeFixes, type Proposal } from '../../server/agents/executor/proposal';
import { Executor, FixRefusedError } from '../../server/agents/executor/executor';
import { ApprovalGate } from '../../server/agents/executor/approval-gate';
import { sealVerdict, statusOf } from '../../server/agents/executor/review-record';
import { replaceValue } from '../../server/agents/executor/fix-idea';
import type { RankedFixIdea } from '../../server/agents/observer/rank';

const SERVICE = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: cart\nspec:\n  ports:\n    - port: 80\n      targetPort: 8081\n';

/** A folder with one Service file and the proposal that changes its targetPort to `to`. */
async function setup(to = '8080'): Promise<{ dir: string; file: string; proposal: Proposal; before: Buffer }> {
  const dir = makeTree({ 'k8s/svc.yaml': SERVICE });
  const idea: RankedFixIdea = { idea: replaceValue({ file: 'k8s/svc.yaml', line: 8, column: 19, text: 'targetPort: 8081' }, '8081', to, 'pods listen on 8080'), fault: 'port_misconfig', component: 'cart', confidence: 0.9, evidence: [] };
  const { proposals } = await proposeFixes(dir, [idea]);
  const file = join(dir, 'k8s/svc.yaml');
  return { dir, file, proposal: proposals[0]!, before: readFileSync(file) };
}

async function refused(p: Promise<unknown>, code: string): Promise<string> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof FixRefusedError, String(err));
    assert.equal(err.code, code, err.message);
    return err.message;
  }
  assert.fail(`expected a refusal ${code}`);
}

test('a proposal is a unified diff bound by its hash; the id is the hash’s start', async () => {
  const { proposal } = await setup();
  assert.match(proposal.hash, /^[0-9a-f]{64}$/);
  assert.equal(proposal.id, proposal.hash.slice(0, 12));
  assert.match(proposal.diff, /^--- a\/k8s\/svc\.yaml\n\+\+\+ b\/k8s\/svc\.yaml\n@@ /);
  assert.match(proposal.diff, /\n-      targetPort: 8081\n\+      targetPort: 8080\n/);
});

test('no approval: refused, file untouched', async () => {
  const { dir, file, proposal, before } = await setup();
  const ex = new Executor(dir);
  await ex.save(proposal, 'dev');
  const why = await refused(ex.apply(proposal.id, 'dev'), 'no-approval');
  assert.match(why, /has no approval/);
  assert.deepEqual(readFileSync(file), before);
});

test('an approval of another proposal is refused', async () => {
  const { dir, file, proposal, before } = await setup();
  const other = await setup('9090');
  const ex = new Executor(dir);
  const record = await ex.save(proposal, 'dev');
  // The reviewer's sealed approval names the other proposal's hash.
  record.verdicts.push(sealVerdict({ verdict: 'approved', by: 'rev', at: '2026-12-01T00:00:00.000Z', proposalHash: other.proposal.hash }));
  await ex.store.put(record);
  assert.match(await refused(ex.apply(proposal.id, 'dev'), 'approval-mismatch'), /for another change/);
  assert.deepEqual(readFileSync(file), before);
});

test('a tampered approval (its reviewer edited after the fact) is refused', async () => {
  const { dir, file, proposal, before } = await setup();
  const ex = new Executor(dir);
  await ex.approve(proposal.id, 'rev', undefined, proposal);
  const path = ex.store.pathOf(proposal.id);
  const record = JSON.parse(readFileSync(path, 'utf8'));
  record.verdicts[0].by = 'cto';
  writeFileSync(path, JSON.stringify(record));
  assert.match(await refused(ex.apply(proposal.id, 'dev'), 'tampered-approval'), /altered after it was given/);
  assert.deepEqual(readFileSync(file), before);
});

test('a tampered proposal (its diff edited after approval) is refused', async () => {
  const { dir, file, proposal, before } = await setup();
  const ex = new Executor(dir);
  await ex.approve(proposal.id, 'rev', undefined, proposal);
  const path = ex.store.pathOf(proposal.id);
  const record = JSON.parse(readFileSync(path, 'utf8'));
  record.proposal.diff = record.proposal.diff.replace('+      targetPort: 8080', '+      targetPort: 6666');
  writeFileSync(path, JSON.stringify(record));
  assert.match(await refused(ex.apply(proposal.id, 'dev'), 'tampered-proposal'), /diff no longer yields/);
  assert.deepEqual(readFileSync(file), before);
});

test('a file edited after the proposal is refused as stale, at approval and at apply', async () => {
  const { dir, file, proposal } = await setup();
  const ex = new Executor(dir);
  await ex.approve(proposal.id, 'rev', undefined, proposal);
  writeFileSync(file, `${SERVICE}# edited\n`);
  const edited = readFileSync(file);
  assert.match(await refused(ex.apply(proposal.id, 'dev'), 'stale-file'), /changed since fix .* was proposed/);
  assert.deepEqual(readFileSync(file), edited);
  const fresh = await setup();
  writeFileSync(fresh.file, `${SERVICE}# edited\n`);
  await refused(new Executor(fresh.dir).approve(fresh.proposal.id, 'rev', undefined, fresh.proposal), 'stale-file');
});

test('a second apply of the same approval is refused; the first wrote exactly the approved content', async () => {
  const { dir, file, proposal } = await setup();
  chmodSync(file, 0o640);
  const ex = new Executor(dir);
  await ex.approve(proposal.id, 'rev', 'ok', proposal);
  const { record } = await ex.apply(proposal.id, 'dev');
  assert.equal(readFileSync(file, 'utf8'), proposal.newContent);
  assert.equal(statSync(file).mode & 0o777, 0o640, 'permissions kept');
  assert.equal(statusOf(record), 'applied');
  const after = readFileSync(file);
  assert.match(await refused(ex.apply(proposal.id, 'dev'), 'already-applied'), /already spent/);
  assert.deepEqual(readFileSync(file), after);
});

test('concurrent applies: one writes, the other is refused as busy or already applied', async () => {
  const { dir, file, proposal } = await setup();
  const ex = new Executor(dir);
  await ex.approve(proposal.id, 'rev', undefined, proposal);
  const results = await Promise.allSettled([ex.apply(proposal.id, 'a'), new Executor(dir).apply(proposal.id, 'b'), new Executor(dir).apply(proposal.id, 'c')]);
  assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
  for (const r of results) if (r.status === 'rejected') assert.ok(r.reason instanceof FixRefusedError && ['busy', 'already-applied'].includes(r.reason.code), String(r.reason));
  assert.equal(readFileSync(file, 'utf8'), proposal.newContent);
  const record = (await ex.store.get(proposal.id))!;
  assert.equal(record.applications.length, 1);
});

test('a rejection is recorded with its reason and blocks the apply', async () => {
  const { dir, file, proposal, before } = await setup();
  const ex = new Executor(dir);
  await refused(ex.reject(proposal.id, 'rev', '  ', proposal), 'no-approval');
  const record = await ex.reject(proposal.id, 'rev', 'the pods are moving to 8081 next week', proposal);
  assert.equal(statusOf(record), 'rejected');
  assert.equal(record.verdicts[0]!.comment, 'the pods are moving to 8081 next week');
  assert.match(await refused(ex.apply(proposal.id, 'dev'), 'rejected'), /rejected by rev: the pods are moving/);
  assert.deepEqual(readFileSync(file), before);
});

test('a team policy refuses self-approval and approvals of unsaved proposals; another reviewer may approve', async () => {
  const { dir, file, proposal, before } = await setup();
  const team = new Executor(dir, { policy: 'distinct-reviewer' });
  await refused(team.approve(proposal.id, 'dev', undefined, proposal), 'self-approval');
  await team.save(proposal, 'dev');
  assert.match(await refused(team.approve(proposal.id, 'DEV ', undefined), 'self-approval'), /dev asked for/i);
  assert.deepEqual(readFileSync(file), before);
  // Saved under the team policy: an executor with the default setting still requires a distinct reviewer.
  await refused(new Executor(dir).approve(proposal.id, 'dev', undefined), 'self-approval');
  await team.approve(proposal.id, 'rev', 'looks right');
  await team.apply(proposal.id, 'dev');
  assert.equal(readFileSync(file, 'utf8'), proposal.newContent);
});

test('undo restores the previous bytes unless the file changed since the apply', async () => {
  const { dir, file, proposal, before } = await setup();
  const ex = new Executor(dir);
  await ex.approve(proposal.id, 'rev', undefined, proposal);
  await ex.apply(proposal.id, 'dev');
  const record = await ex.undo(proposal.id, 'dev');
  assert.deepEqual(readFileSync(file), before);
  assert.equal(statusOf(record), 'proposed', 'the approval is spent: a new apply needs a new approval');
  await refused(ex.apply(proposal.id, 'dev'), 'already-applied');
  await ex.approve(proposal.id, 'rev', 'again', proposal);
  await ex.apply(proposal.id, 'dev');
  writeFileSync(file, 'changed by hand\n');
  await refused(ex.undo(proposal.id, 'dev'), 'stale-file');
  assert.equal(readFileSync(file, 'utf8'), 'changed by hand\n');
});

test('an applied fix is verified and the result recorded', async () => {
  const { dir, proposal } = await setup();
  const ex = new Executor(dir, { verify: async () => ({ at: '2026-12-01T00:00:00.000Z', cleared: true, detail: 'port_misconfig cart 90% -> absent' }) });
  await ex.approve(proposal.id, 'rev', undefined, proposal);
  const { record } = await ex.apply(proposal.id, 'dev');
  assert.equal(statusOf(record), 'verified');
  assert.equal((await ex.store.get(proposal.id))!.applications[0]!.verification?.cleared, true);
});

test('a command fix runs only its approved argv, through the gate', async () => {
  const dir = makeTree({ 'a.txt': 'x\n' });
  const ran: string[][] = [];
  const ex = new Executor(dir, { runCommand: async (argv) => (ran.push([...argv]), { exitCode: 0, output: 'deployment.apps/cart scaled' }) });
  const { proposals } = await proposeFixes(dir, [{ idea: { kind: 'command', argv: ['kubectl', 'scale', 'deployment', 'cart', '--replicas=2', '-n', 'shop'], why: 'scaled to zero' }, fault: 'service_down', component: 'cart', confidence: 0.9, evidence: [] }]);
  const p = proposals[0]!;
  assert.equal(p.diff, '$ kubectl scale deployment cart --replicas=2 -n shop');
  await ex.save(p, 'dev');
  await refused(ex.apply(p.id, 'dev'), 'no-approval');
  assert.deepEqual(ran, []);
  await ex.approve(p.id, 'rev', undefined);
  const path = ex.store.pathOf(p.id);
  const record = JSON.parse(readFileSync(path, 'utf8'));
  record.proposal.argv = ['kubectl', 'delete', 'deployment', 'cart', '-n', 'shop'];
  writeFileSync(path, JSON.stringify(record));
  await refused(ex.apply(p.id, 'dev'), 'tampered-proposal');
  assert.deepEqual(ran, []);
  record.proposal.argv = p.argv;
  writeFileSync(path, JSON.stringify(record));
  await ex.apply(p.id, 'dev');
  assert.deepEqual(ran, [p.argv]);
});

test('property: no write happens without an approval of exactly the proposal’s hash', async () => {
  const { dir, file, proposal, before } = await setup();
  const hashes = fc.oneof(fc.constant(proposal.hash), fc.stringMatching(/^[0-9a-f]{64}$/));
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.record({ verdict: fc.constantFrom('approved' as const, 'rejected' as const), by: fc.constantFrom('dev', 'rev'), proposalHash: hashes, sealed: fc.boolean() }), { maxLength: 3 }),
      async (verdicts) => {
        writeFileSync(file, before);
        const ex = new Executor(dir);
        const record = await ex.save(proposal, 'dev');
        record.verdicts = verdicts.map((v, i) => {
          const sealed = sealVerdict({ verdict: v.verdict, by: v.by, at: `2026-12-01T00:00:0${i}.000Z`, proposalHash: v.proposalHash });
          return v.sealed ? sealed : { ...sealed, digest: '0'.repeat(64) };
        });
        record.applications = [];
        await ex.store.put(record);
        const last = verdicts.at(-1);
        const matching = last !== undefined && last.verdict === 'approved' && last.proposalHash === proposal.hash && last.sealed;
        const decision = new ApprovalGate().check({ record, currentContent: before.toString('utf8') });
        assert.equal(decision.allowed, matching);
        try {
          await ex.apply(proposal.id, 'dev');
          assert.ok(matching, 'wrote without a matching approval');
          assert.equal(readFileSync(file, 'utf8'), proposal.newContent);
        } catch (err) {
          assert.ok(err instanceof FixRefusedError, String(err));
          assert.ok(!matching, `refused a matching approval: ${err.message}`);
          assert.deepEqual(readFileSync(file), before);
        }
      },
    ),
    { numRuns: 60 },
  );
});
