/**
 * `aoi fix list|show|save|approve|reject|apply|undo` (spec/cli.md): the executor's gate from the command
 * line. A refusal of the gate exits 3 with its reason on stderr; nothing is written then.
 */
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { FixRefusedError } from '../agents/executor/executor';
import { BadInputError } from '../errors';
import type { ReviewPolicy } from '../agents/executor/review-record';
import { FixWorkflow } from '../fixes';
import { shellLine, type FixProposal } from '../protocol';
import { RefusedByPolicy } from './exit';
import { storeOf, type RecordOptions } from './record';
import type { ExecutorEvent } from '../agents/executor/executor';
import { SessionRecorder } from '../trajectories/recorder';
import { openStore } from '../trajectories/open-store';

/** Adds the `fix` subcommands to `program`; `write` receives stdout text. */
export function addFixCommands(program: Command, write: (text: string) => void): void {
  const fix = program.command('fix').description('review, approve and apply proposed fixes (nothing is written without a matching approval)');
  const policyOption = ['--distinct-reviewer', 'require a reviewer other than the person who saved the fix for review'] as const;

  fix
    .command('list')
    .description('the fixes of DIR: stored reviews and the current diagnosis’s proposals')
    .argument('<DIR>', 'the incident bundle or workspace folder')
    .option('--json', 'print a JSON array (spec/cli.md)')
    .action(async (dir: string, opts: { json?: boolean }) => {
      const { fixes, problems } = await new FixWorkflow(resolve(dir)).list();
      for (const p of problems) process.stderr.write(`aoi: skipped ${p}\n`);
      if (opts.json) write(`${JSON.stringify(fixes, null, 2)}\n`);
      else write(fixes.length === 0 ? 'no fixes proposed\n' : `${fixes.map((f) => `${f.id}  ${f.status.padEnd(8)}  ${target(f)}  (${f.fault} in ${f.component}) ${f.why}`).join('\n')}\n`);
    });

  fix
    .command('show')
    .description('one fix: its diff, why, evidence and review state')
    .argument('<DIR>')
    .argument('<ID>', 'the fix id (12 hex digits, from aoi fix list)')
    .option('--json', 'print the fix as JSON')
    .action(async (dir: string, id: string, opts: { json?: boolean }) => {
      const f = await refusals(() => new FixWorkflow(resolve(dir)).get(id));
      write(opts.json ? `${JSON.stringify(f, null, 2)}\n` : renderFix(f));
    });

  fix
    .command('save')
    .description('save a proposed fix as a review file (.aoi/reviews/ID.json) for another person to approve')
    .argument('<DIR>')
    .argument('<ID>')
    .option('--by <NAME>', 'who asks for the review (default: the user name)')
    .option(...policyOption)
    .action(async (dir: string, id: string, opts: { by?: string; distinctReviewer?: boolean }) => {
      const record = await withWorkflow(dir, opts, (w) => w.save(id, opts.by ?? whoami()));
      write(`saved ${record.proposal.id} for review in .aoi/reviews/${record.proposal.id}.json\n`);
    });

  const approve = fix
    .command('approve')
    .description('approve the exact change of fix ID')
    .argument('<DIR>')
    .argument('<ID>')
    .requiredOption('--by <NAME>', 'the reviewer')
    .option('--comment <C>', 'a comment kept with the approval')
    .option(...policyOption);
  recordable(approve).action(async (dir: string, id: string, opts: { by: string; comment?: string; distinctReviewer?: boolean } & RecordOptions) => {
    const record = await withWorkflow(dir, opts, (w) => w.approve(id, opts.by, opts.comment));
    write(`approved ${record.proposal.id} (sha256 ${record.proposal.hash}) by ${opts.by}\n`);
  });

  const reject = fix
    .command('reject')
    .description('reject fix ID with a reason')
    .argument('<DIR>')
    .argument('<ID>')
    .requiredOption('--by <NAME>', 'the reviewer')
    .requiredOption('--reason <R>', 'why it is wrong (the Evolver learns from it)');
  recordable(reject).action(async (dir: string, id: string, opts: { by: string; reason: string } & RecordOptions) => {
    const record = await withWorkflow(dir, opts, (w) => w.reject(id, opts.by, opts.reason));
    write(`rejected ${record.proposal.id} by ${opts.by}: ${opts.reason}\n`);
  });

  const apply = fix
    .command('apply')
    .description('apply fix ID if an approval of its exact hash exists and the file is unchanged, then verify')
    .argument('<DIR>')
    .argument('<ID>')
    .option('--by <NAME>', 'who applies (default: the user name)')
    .option(...policyOption);
  recordable(apply).action(async (dir: string, id: string, opts: { by?: string; distinctReviewer?: boolean } & RecordOptions) => {
    const record = await withWorkflow(dir, opts, (w) => w.apply(id, opts.by ?? whoami()));
    const last = record.applications.at(-1)!;
    const what = record.proposal.kind === 'edit' ? `wrote ${record.proposal.file}` : `ran ${shellLine(record.proposal.argv ?? [])} (exit ${last.command?.exitCode ?? 'none'})`;
    write(`applied ${record.proposal.id}: ${what}\n`);
    if (last.command && !last.command.ok) write(`${last.command.output}\n`);
    if (last.verification) write(`verification: ${last.verification.cleared ? 'cleared' : 'NOT cleared'}: ${last.verification.detail}\n`);
  });

  const undo = fix
    .command('undo')
    .description('restore the file as it was before fix ID was applied (if nobody changed it since)')
    .argument('<DIR>')
    .argument('<ID>')
    .option('--by <NAME>', 'who undoes (default: the user name)');
  recordable(undo).action(async (dir: string, id: string, opts: { by?: string } & RecordOptions) => {
    const record = await withWorkflow(dir, opts, (w) => w.undo(id, opts.by ?? whoami()));
    write(`undid ${record.proposal.id}: restored ${record.proposal.file}\n`);
  });
}

/** Adds `--record --store STORE [--session ID]` to a subcommand. */
function recordable(c: Command): Command {
  return c
    .option('--record', 'append the verdict or apply (redacted) to the trajectory store given by --store')
    .option('--store <STORE>', 'the trajectory store folder (with --record)')
    .option('--session <ID>', 'with --record: the session to continue (default: a new session for this incident)');
}

/**
 * Runs `act` on the folder's fix workflow; with `--record`, the executor's events go to the store, in a new
 * session about the incident as it stood before the action, or in `--session`.
 */
async function withWorkflow<T>(dir: string, opts: { distinctReviewer?: boolean } & RecordOptions, act: (w: FixWorkflow) => Promise<T>): Promise<T> {
  const policy: ReviewPolicy = opts.distinctReviewer ? 'distinct-reviewer' : 'self-approval-allowed';
  const store = storeOf(opts);
  const events: ExecutorEvent[] = [];
  const wf = new FixWorkflow(resolve(dir), { policy, onEvent: (e) => void events.push(e) });
  const before = store && !opts.session ? await wf.current() : undefined;
  const result = await refusals(() => act(wf));
  if (store) {
    const trajectories = openStore(store);
    const recorder = opts.session ? await SessionRecorder.resume(trajectories, opts.session) : await SessionRecorder.start(trajectories, { source: 'cli', folder: resolve(dir) }, before!.hypotheses);
    for (const e of events) await recorder.executor(e);
    process.stderr.write(`aoi: recorded ${events.length} step(s) in session ${recorder.id} of ${resolve(store)}\n`);
  }
  return result;
}

/** Runs `f`; a gate refusal is said on stderr and becomes exit 3, an unknown fix id is bad input (exit 2). */
async function refusals<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (err) {
    if (err instanceof FixRefusedError && err.code === 'unknown-fix') throw new BadInputError(err.message);
    if (err instanceof FixRefusedError) {
      process.stderr.write(`aoi: refused (${err.code}): ${err.message}\n`);
      throw new RefusedByPolicy(err.message);
    }
    throw err;
  }
}

function target(f: FixProposal): string {
  return f.kind === 'command' ? `$ ${shellLine(f.argv ?? [])}` : f.file;
}

function renderFix(f: FixProposal): string {
  const lines = [`fix ${f.id}  [${f.status}]  ${f.fault} in ${f.component} (${Math.round(f.confidence * 100)}%)`, `sha256 ${f.hash}`, '', f.why, '', f.diff.replace(/\n$/, ''), '', 'evidence'];
  for (const e of f.evidence) lines.push(`  ${e.file}:${e.line}  ${e.note ?? e.text}`);
  if (f.review) lines.push('', `${f.review.verdict} by ${f.review.by} at ${f.review.at}${f.review.comment ? `: ${f.review.comment}` : ''}`);
  if (f.undone) lines.push(`undone by ${f.undone.by} at ${f.undone.at}`);
  if (f.verification) lines.push(`verification: ${f.verification.cleared ? 'cleared' : 'not cleared'}: ${f.verification.detail}`);
  return `${lines.join('\n')}\n`;
}

function whoami(): string {
  return process.env['USER'] || userInfo().username;
}
