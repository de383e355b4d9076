/**
 * The engine's fix workflow, shared by the CLI (`aoi fix ...`) and the language server: the fixes of a
 * folder (stored review records and the current diagnosis's proposals), and verdicts, applies and undos
 * through the executor, which verifies an applied fix by diagnosing the folder again.
 */
import { diagnose, type DiagnoseOptions } from './diagnose';
import { Executor, FixRefusedError, type ExecutorOptions } from './agents/executor/executor';
import { toFixProposal, type ReviewPolicy, type ReviewRecord } from './agents/executor/review-record';
import { verification } from './agents/executor/verify';
import { checkedId } from './agents/executor/review-store';
import type { Diagnosis, FixProposal } from './protocol';

/** How the fix workflow runs in one folder. */
export interface FixWorkflowOptions {
  policy?: ReviewPolicy;
  /** Options of the diagnoses it runs (to list proposals and to verify). */
  diagnose?: DiagnoseOptions;
  /** Options of the verification's diagnosis (live probes, when the caller allows them). */
  verifyWith?: DiagnoseOptions;
  onEvent?: ExecutorOptions['onEvent'];
  now?: () => Date;
}

/** The fixes of one folder. */
export class FixWorkflow {
  readonly executor: Executor;
  private diagnosis: Diagnosis | undefined;

  constructor(
    readonly folder: string,
    private readonly options: FixWorkflowOptions = {},
  ) {
    this.executor = new Executor(folder, {
      ...(options.policy ? { policy: options.policy } : {}),
      ...(options.onEvent ? { onEvent: options.onEvent } : {}),
      ...(options.now ? { now: options.now } : {}),
      verify: async (p) => verification(p, await diagnose(folder, options.verifyWith ?? options.diagnose ?? {}), options.now?.()),
    });
  }

  /**
   * Every fix: the stored review records (their status derived from verdicts and applications), then the
   * current diagnosis's proposals that no record holds yet. `problems` names malformed record files.
   */
  async list(diagnosis?: Diagnosis): Promise<{ fixes: FixProposal[]; problems: string[] }> {
    const { records, problems } = await this.executor.store.all();
    const current = diagnosis ?? (await this.current());
    const stored = new Set(records.map((r) => r.proposal.id));
    return { fixes: [...records.map(toFixProposal), ...current.fixes.filter((f) => !stored.has(f.id))], problems };
  }

  /** One fix by id. Throws FixRefusedError `unknown-fix` when neither a record nor the diagnosis has it. */
  async get(id: string): Promise<FixProposal> {
    checkedId(id);
    const record = await this.executor.store.get(id);
    if (record) return toFixProposal(record);
    return this.proposal(id);
  }

  /** Saves fix `id` as a review record asked for by `by`, for another person to judge. */
  async save(id: string, by: string): Promise<ReviewRecord> {
    const record = await this.executor.store.get(checkedId(id));
    return record ?? this.executor.save(await this.proposal(id), by);
  }

  async approve(id: string, by: string, comment?: string): Promise<ReviewRecord> {
    return this.executor.approve(checkedId(id), by, comment, await this.proposalIfUnstored(id));
  }

  async reject(id: string, by: string, reason: string): Promise<ReviewRecord> {
    return this.executor.reject(checkedId(id), by, reason, await this.proposalIfUnstored(id));
  }

  async apply(id: string, by: string): Promise<ReviewRecord> {
    return (await this.executor.apply(checkedId(id), by)).record;
  }

  async undo(id: string, by: string): Promise<ReviewRecord> {
    return this.executor.undo(checkedId(id), by);
  }

  private async proposalIfUnstored(id: string): Promise<FixProposal | undefined> {
    return (await this.executor.store.get(checkedId(id))) ? undefined : this.proposal(id);
  }

  private async proposal(id: string): Promise<FixProposal> {
    const found = (await this.current()).fixes.find((f) => f.id === id);
    if (!found) throw new FixRefusedError('unknown-fix', `no fix ${id} in ${this.folder}: the files changed or it was never proposed (aoi fix list shows the current ones)`);
    return found;
  }

  /** The folder's diagnosis as it stands (made once per workflow). */
  async current(): Promise<Diagnosis> {
    this.diagnosis ??= await diagnose(this.folder, this.options.diagnose ?? {});
    return this.diagnosis;
  }
}
