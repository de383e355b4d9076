/**
 * Turns what the engine did into trajectory steps: a diagnosis (observation, hypotheses, the probes asked and
 * what they changed, the fixes proposed, the submission), a person's verdict on a fix or a hypothesis, an
 * applied fix with its verification, the outcome. The CLI, the language server and the lab record through
 * it; the store redacts and validates every record.
 */
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { InitialObservation } from '../diagnose';
import type { ExecutorEvent } from '../agents/executor/executor';
import type { Diagnosis, FaultLabel, Hypothesis, ProbeSuggestion } from '../protocol';
import type { Observation, RecordedHypothesis, SessionHeader, SessionSource, StepAction } from './schema';
import type { SessionWriter, TrajectoryStore } from './store';

/** Hypotheses recorded per step. */
const HYPOTHESES = 8;
/** Characters of a probe's output recorded. */
const OUTPUT_CHARS = 4000;

/** What a new session is about. */
export interface SessionSubject {
  source: SessionSource;
  /** The diagnosed folder (its name is recorded, not its path). */
  folder: string;
  truth?: SessionHeader['truth'];
  tags?: Record<string, string>;
}

/** The digest of an incident state: the evidence its first ranking stood on. Equal inputs give equal digests. */
export function incidentDigest(hypotheses: readonly Hypothesis[]): string {
  const lines = hypotheses.flatMap((h) => h.evidence.map((e) => `${e.file}:${e.line}:${e.text}`)).sort();
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}

/** Records one session. */
export class SessionRecorder {
  /** Hashes of the fixes already recorded in this session: a re-diagnosis proposes them again. */
  private readonly fixesRecorded = new Set<string>();

  private constructor(
    readonly writer: SessionWriter,
    readonly digest: string,
  ) {}

  /** Starts a session about `subject`, whose state is the first ranking `first` (or the diagnosis's). */
  static async start(store: TrajectoryStore, subject: SessionSubject, first: Hypothesis[]): Promise<SessionRecorder> {
    const digest = incidentDigest(first);
    const writer = await store.start({
      source: subject.source,
      incident: { name: basename(subject.folder), digest },
      ...(subject.truth ? { truth: subject.truth } : {}),
      ...(subject.tags ? { tags: subject.tags } : {}),
    });
    return new SessionRecorder(writer, digest);
  }

  /** Continues an existing session. */
  static async resume(store: TrajectoryStore, id: string): Promise<SessionRecorder> {
    const read = await store.read(id);
    return new SessionRecorder(await store.resume(id), read.header.incident.digest);
  }

  get id(): string {
    return this.writer.id;
  }

  /**
   * Records a diagnosis: what the observer saw first and ranked, each probe it asked with its answer and
   * effect (unless `probes` is false: the editor records probes as they run), each fix it proposed that this
   * session has not recorded yet, and the diagnosis it submits.
   */
  async diagnosis(d: Diagnosis, first?: InitialObservation, options: { probes?: boolean } = {}): Promise<void> {
    const model = { name: d.model.name, version: d.model.version, executionProvider: d.model.executionProvider };
    const initial = first?.hypotheses ?? d.hypotheses;
    await this.writer.append({ kind: 'diagnosis', observation: observation(this.digest, initial, first), hypotheses: recorded(initial), model, timings: { ms: d.timings.totalMs } });
    if (options.probes !== false) for (const p of d.probes.filter((x) => x.status !== 'proposed' && x.status !== 'refused')) await this.probe(p);
    for (const f of d.fixes.filter((x) => x.status === 'proposed' && !this.fixesRecorded.has(x.hash))) {
      this.fixesRecorded.add(f.hash);
      const fix = { id: f.id, hash: f.hash, kind: f.kind, file: f.file, diff: f.diff, why: f.why, fault: f.fault, component: f.component, ...(f.argv ? { argv: f.argv } : {}) };
      await this.writer.append({ kind: 'fix', action: { type: 'fix', fix }, model });
    }
    const top = d.hypotheses[0]!;
    await this.writer.append({ kind: 'submission', action: { type: 'submit', fault: top.fault, component: top.component, confidence: top.confidence }, hypotheses: recorded(d.hypotheses), model });
  }

  /** Records a probe asked (replayed, run from the editor or by the observer) and its answer. */
  async probe(p: ProbeSuggestion, after?: Hypothesis[]): Promise<void> {
    const action: StepAction = { type: 'probe', argv: p.argv, why: p.why };
    const result = { status: p.status, ...(p.exitCode !== undefined ? { exitCode: p.exitCode } : {}), ...(p.output !== undefined ? { output: p.output.slice(0, OUTPUT_CHARS) } : {}), ...(p.effect ? { effect: p.effect } : {}) };
    await this.writer.append({ kind: 'probe', action, result, ...(after ? { hypotheses: recorded(after) } : {}) });
  }

  /** Records a verdict, an apply or an undo of the executor. */
  async executor(e: ExecutorEvent): Promise<void> {
    const p = e.record.proposal;
    if (e.type === 'verdict') {
      const v = e.record.verdicts.at(-1)!;
      await this.writer.append({ kind: 'verdict', verdict: { verdict: v.verdict === 'approved' ? 'accepted' : 'rejected', subject: { fix: p.id, hash: p.hash }, by: v.by, ...(v.comment ? { reason: v.comment } : {}) }, action: fixAction(e) });
      return;
    }
    if (e.type === 'applied') {
      const a = e.application;
      const status = a.command ? (a.command.ok ? 'ran' : 'failed') : 'written';
      const result = { status, ...(a.command?.exitCode !== undefined && a.command.exitCode !== null ? { exitCode: a.command.exitCode } : {}), ...(a.command ? { output: a.command.output.slice(0, OUTPUT_CHARS) } : {}), ...(a.verification ? { verification: { cleared: a.verification.cleared, detail: a.verification.detail } } : {}) };
      await this.writer.append({ kind: 'apply', action: fixAction(e), result });
      if (a.verification) await this.outcome(a.verification.cleared, `fix ${p.id}: ${a.verification.detail}`);
      return;
    }
    await this.writer.append({ kind: 'apply', action: fixAction(e), result: { status: 'undone' } });
  }

  /** Records a person's verdict on a hypothesis (confirmed or ruled out, with why). */
  async hypothesisVerdict(h: { fault: FaultLabel; component: string }, accepted: boolean, by: string, reason?: string): Promise<void> {
    await this.writer.append({ kind: 'verdict', verdict: { verdict: accepted ? 'accepted' : 'rejected', subject: { hypothesis: { fault: h.fault, component: h.component } }, by, ...(reason ? { reason } : {}) } });
  }

  /** Records how the incident ended. */
  async outcome(resolved: boolean, detail?: string): Promise<void> {
    await this.writer.append({ kind: 'outcome', outcome: { resolved, ...(detail ? { detail } : {}) } });
  }
}

function fixAction(e: ExecutorEvent): StepAction {
  const p = e.record.proposal;
  return { type: 'fix', fix: { id: p.id, hash: p.hash, kind: p.kind, file: p.file, diff: p.diff, why: p.why, fault: p.fault, component: p.component, ...(p.argv ? { argv: p.argv } : {}) } };
}

function recorded(hypotheses: readonly Hypothesis[]): RecordedHypothesis[] {
  return hypotheses.slice(0, HYPOTHESES).map((h) => ({ fault: h.fault, component: h.component, confidence: h.confidence }));
}

function observation(digest: string, hypotheses: readonly Hypothesis[], first: InitialObservation | undefined): Observation {
  const seen = new Set<string>();
  const evidence: Observation['evidence'] = [];
  for (const h of hypotheses.slice(0, 5)) {
    for (const e of h.evidence) {
      const key = `${e.file}:${e.line}`;
      if (seen.has(key)) continue;
      seen.add(key);
      evidence.push({ file: e.file, line: e.line, text: e.text, ...(e.note ? { note: e.note } : {}), ...(e.role ? { role: e.role } : {}) });
    }
  }
  const templates = first?.templates.slice(0, 40).map((t) => ({ template: t.template, count: t.count, ...(t.owner ? { owner: t.owner } : {}) }));
  return { digest, evidence, ...(templates && templates.length > 0 ? { templates } : {}) };
}
