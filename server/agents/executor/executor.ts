/**
 * The executor: the only part of AOI that changes a user's files or runs a mutating command, and only what
 * a reviewer approved. Verdicts are appended to the proposal's review record; an apply takes the per-file
 * lock, asks the approval gate, keeps the previous content for undo, writes atomically, records the
 * application and then verifies whether the symptom cleared.
 */
import { lstat, open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { FixProposal, FixVerification } from '../../protocol';
import { ApprovalGate, type GateRefusalCode } from './approval-gate';
import { writeFileAtomic } from './atomic-write';
import { runApprovedCommand, type CommandResult } from './command-runner';
import { folderFile } from './folder-file';
import { sha256 } from './hashes';
import { sealVerdict, spent, statusOf, type ApplicationRecord, type ReviewPolicy, type ReviewRecord, REVIEW_RECORD_VERSION } from './review-record';
import { ReviewStore } from './review-store';

/** Checks, after an apply, whether the hypothesis the fix was for is gone. */
export type Verifier = (proposal: ReviewRecord['proposal']) => Promise<FixVerification>;

/** Runs an approved command in the folder. */
export type CommandExecutor = (argv: readonly string[], cwd: string) => Promise<CommandResult>;

/** Something the executor did, for the trajectory store. */
export type ExecutorEvent =
  | { type: 'verdict'; record: ReviewRecord }
  | { type: 'applied'; record: ReviewRecord; application: ApplicationRecord }
  | { type: 'undone'; record: ReviewRecord };

/** How the executor works in one folder. */
export interface ExecutorOptions {
  /** Review policy of the current settings. Default `self-approval-allowed`. */
  policy?: ReviewPolicy;
  verify?: Verifier;
  runCommand?: CommandExecutor;
  now?: () => Date;
  onEvent?: (event: ExecutorEvent) => void;
}

/** The gate (or the executor's own checks) refused: `code` says why, the message says it to a person. */
export class FixRefusedError extends Error {
  override readonly name = 'FixRefusedError';
  constructor(
    readonly code: GateRefusalCode | 'unknown-fix' | 'not-undoable' | 'not-applied',
    message: string,
  ) {
    super(message);
  }
}

/** The result of an apply. */
export interface ApplyOutcome {
  record: ReviewRecord;
  application: ApplicationRecord;
}

/** The executor of one folder. */
export class Executor {
  readonly store: ReviewStore;
  private readonly gate: ApprovalGate;

  constructor(
    readonly folder: string,
    private readonly options: ExecutorOptions = {},
  ) {
    this.store = new ReviewStore(folder);
    this.gate = new ApprovalGate(options.policy);
  }

  /** Saves `proposal` as a review record asked for by `by` (kept as it is when one exists). */
  async save(proposal: FixProposal, by: string): Promise<ReviewRecord> {
    const existing = await this.store.get(proposal.id);
    if (existing) return existing;
    const record = this.newRecord(proposal, by);
    await this.store.put(record);
    return record;
  }

  /** Approves the record of `id` (made from `proposal` when none is stored yet). */
  async approve(id: string, by: string, comment: string | undefined, proposal?: FixProposal): Promise<ReviewRecord> {
    const record = await this.recordFor(id, proposal);
    const refusal = this.gate.approvalRefusal(record, by);
    if (refusal) throw new FixRefusedError(refusal.code, refusal.reason);
    if (record.proposal.kind === 'edit') {
      const current = await this.currentContent(record.proposal.file);
      if (current === undefined) throw new FixRefusedError('missing-file', `${record.proposal.file} does not exist any more`);
      if (sha256(current) !== record.proposal.baseHash) throw new FixRefusedError('stale-file', `${record.proposal.file} changed since fix ${id} was proposed: diagnose again for a new proposal`);
    }
    return this.addVerdict(record, { verdict: 'approved', by, at: this.now(), ...(comment ? { comment } : {}), proposalHash: record.proposal.hash });
  }

  /** Rejects the record of `id` with a reason (required: it is what the Evolver learns from). */
  async reject(id: string, by: string, reason: string, proposal?: FixProposal): Promise<ReviewRecord> {
    if (reason.trim() === '') throw new FixRefusedError('no-approval', 'a rejection needs a reason');
    const record = await this.recordFor(id, proposal);
    return this.addVerdict(record, { verdict: 'rejected', by, at: this.now(), comment: reason.trim(), proposalHash: record.proposal.hash });
  }

  /** Applies the approved record of `id`, then verifies. Throws FixRefusedError when the gate refuses. */
  async apply(id: string, by: string): Promise<ApplyOutcome> {
    const first = await this.store.get(id);
    if (!first) throw new FixRefusedError('no-approval', `fix ${id} has no approval (no review record in ${this.store.root})`);
    const release = await this.lock(first.proposal.kind === 'edit' ? first.proposal.file : `command-${id}`);
    let outcome: ApplyOutcome;
    try {
      // Read again under the lock: a concurrent apply may have spent the approval meanwhile.
      const record = (await this.store.get(id))!;
      const p = record.proposal;
      const decision = this.gate.check(p.kind === 'edit' ? { record, currentContent: await this.currentContent(p.file) } : { record });
      if (!decision.allowed) throw new FixRefusedError(decision.code, decision.reason);
      const application: ApplicationRecord = { at: this.now(), by, approvalDigest: decision.approval.digest };
      if (p.kind === 'edit') {
        const path = this.pathOf(p.file);
        const before = await readFile(path);
        const mode = (await lstat(path)).mode & 0o7777;
        const undoDir = await this.store.ensure('undo');
        await writeFileAtomic(join(undoDir, `${id}-${record.applications.length + 1}.json`), JSON.stringify({ file: p.file, mode, content: before.toString('base64'), appliedHash: sha256(decision.newContent!) }));
        await writeFileAtomic(path, decision.newContent!, mode);
        application.appliedHash = sha256(decision.newContent!);
      } else {
        const result = await (this.options.runCommand ?? runApprovedCommand)(p.argv!, this.folder);
        application.command = { exitCode: result.exitCode, output: result.output, ok: result.exitCode === 0 };
      }
      record.applications.push(application);
      await this.store.put(record);
      outcome = { record, application };
    } finally {
      await release();
    }
    this.options.onEvent?.({ type: 'applied', record: outcome.record, application: outcome.application });
    if (spent(outcome.application) && this.options.verify) {
      outcome.application.verification = await this.options.verify(outcome.record.proposal).catch((err: unknown) => ({ at: this.now(), cleared: false, detail: `verification failed: ${String(err)}` }));
      await this.store.put(outcome.record);
    }
    return outcome;
  }

  /** Restores the content from before the last application of `id`, if the file still holds what was written. */
  async undo(id: string, by: string): Promise<ReviewRecord> {
    const record = await this.store.get(id);
    const index = record ? record.applications.findLastIndex(spent) : -1;
    const last = record?.applications[index];
    if (!record || !last || last.undone) throw new FixRefusedError('not-applied', `fix ${id} is not applied`);
    if (record.proposal.kind !== 'edit') throw new FixRefusedError('not-undoable', `fix ${id} ran a command; a command cannot be undone by AOI`);
    const release = await this.lock(record.proposal.file);
    try {
      const saved = JSON.parse(await readFile(join(this.store.root, 'undo', `${id}-${index + 1}.json`), 'utf8')) as { mode: number; content: string; appliedHash: string };
      const current = await this.currentContent(record.proposal.file);
      if (current === undefined || sha256(current) !== saved.appliedHash) throw new FixRefusedError('stale-file', `${record.proposal.file} changed since fix ${id} was applied; undo would overwrite those changes`);
      await writeFileAtomic(this.pathOf(record.proposal.file), Buffer.from(saved.content, 'base64'), saved.mode);
      last.undone = { at: this.now(), by };
      await this.store.put(record);
    } finally {
      await release();
    }
    this.options.onEvent?.({ type: 'undone', record });
    return record;
  }

  private async recordFor(id: string, proposal: FixProposal | undefined): Promise<ReviewRecord> {
    const stored = await this.store.get(id);
    if (stored) return stored;
    if (!proposal || proposal.id !== id) throw new FixRefusedError('unknown-fix', `no fix ${id} in ${this.folder}: run aoi fix list to see the current proposals`);
    return this.newRecord(proposal, 'aoi');
  }

  private newRecord(proposal: FixProposal, by: string): ReviewRecord {
    const { status, review, verification, undone, ...fixed } = proposal;
    return { version: REVIEW_RECORD_VERSION, proposal: { ...fixed, proposedBy: by, proposedAt: this.now(), policy: this.options.policy ?? 'self-approval-allowed' }, verdicts: [], applications: [] };
  }

  private async addVerdict(record: ReviewRecord, verdict: Parameters<typeof sealVerdict>[0]): Promise<ReviewRecord> {
    if (statusOf(record) === 'applied' || statusOf(record) === 'verified') throw new FixRefusedError('already-applied', `fix ${record.proposal.id} is applied; undo it before judging it again`);
    record.verdicts.push(sealVerdict(verdict));
    await this.store.put(record);
    this.options.onEvent?.({ type: 'verdict', record });
    return record;
  }

  private pathOf(file: string): string {
    const target = folderFile(this.folder, file);
    if ('error' in target) throw new FixRefusedError('tampered-proposal', target.error);
    return target.path;
  }

  private async currentContent(file: string): Promise<string | undefined> {
    try {
      return await readFile(this.pathOf(file), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  /** Takes the lock of `key` (one apply or undo at a time per file), or refuses as busy. */
  private async lock(key: string): Promise<() => Promise<void>> {
    const dir = await this.store.ensure('locks');
    const path = join(dir, `${sha256(key).slice(0, 16)}.lock`);
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const handle = await open(path, 'wx');
        await handle.writeFile(String(process.pid));
        await handle.close();
        return () => rm(path, { force: true });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        const holder = Number(await readFile(path, 'utf8').catch(() => ''));
        if (attempt === 0 && holder > 0 && !alive(holder)) {
          await rm(path, { force: true });
          continue;
        }
        break;
      }
    }
    throw new FixRefusedError('busy', `another apply of ${key.startsWith('command-') ? 'this command' : key} is in progress; try again when it has finished`);
  }

  private now(): string {
    return (this.options.now?.() ?? new Date()).toISOString();
  }
}

/** True when a process with this pid exists. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
