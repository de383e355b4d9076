/**
 * The trajectory schema, version 1: what AOI records of every diagnosis so that accepted, rejected and
 * failed attempts become training data (DESIGN.md, learning loop). A session is one incident worked on by
 * one front (the CLI, the editor, the lab); it is a header record followed by steps, one JSON record per
 * line (store.ts frames and checks them). Every record is validated before it is written; every string in it
 * has been redacted (redaction/) before it reaches this module's callers' disk writes.
 *
 * Steps, by `kind`:
 * - `diagnosis`: an observation (evidence digest) and the ranked hypotheses, with the model that ranked them;
 * - `probe`: a probe asked (`action.argv`) and its result (status, exit code, output, what it changed);
 * - `fix`: a fix proposed (`action.fix`: id, hash, file or argv, diff);
 * - `verdict`: a person's (or the lab's scripted reviewer's) verdict on a fix or a hypothesis;
 * - `apply`: an approved fix applied, with the verification;
 * - `submission`: the diagnosis the session ends on (fault, component), as an AIOpsLab agent submits;
 * - `outcome`: how the incident ended: resolved or not, and the ground truth when it is known (the lab).
 */
import { FAULT_LABELS, type FaultLabel } from '../protocol';

/** Version of the record format. */
export const TRAJECTORY_VERSION = 1;

/** Where a session was recorded. */
export type SessionSource = 'cli' | 'editor' | 'lab';

/** The model and execution provider that ranked, as in `Diagnosis.model`. */
export interface ModelStamp {
  name: string;
  version: string;
  executionProvider: string;
}

/** The first record of a session file. */
export interface SessionHeader {
  type: 'session';
  version: typeof TRAJECTORY_VERSION;
  /** `YYYYMMDDTHHMMSSZ-<8 hex>`: sorts by start time. */
  id: string;
  startedAt: string;
  source: SessionSource;
  /** The incident: the folder's name and a digest of what was read (the same inputs give the same digest). */
  incident: { name: string; digest: string };
  /** Ground truth when known (lab tasks, evaluation bundles). */
  truth?: { fault: FaultLabel; component: string; components?: string[]; fix?: string };
  /** Free labels (lab task id, run number). */
  tags?: Record<string, string>;
}

/** A hypothesis as recorded: label, component, score. */
export interface RecordedHypothesis {
  fault: FaultLabel;
  component: string;
  confidence: number;
}

/** What the observer saw: a digest and the evidence items it ranked on (redacted, capped). */
export interface Observation {
  /** sha256 of the evidence items: equal states share it, so steps of different sessions can be compared. */
  digest: string;
  /** The evidence lines of the top hypotheses and their notes, as text the model would read. */
  evidence: { file: string; line: number; text: string; note?: string; role?: string }[];
  /** Log templates seen, most frequent first (capped). */
  templates?: { template: string; count: number; owner?: string }[];
}

/** What a step did. */
export type StepAction =
  | { type: 'probe'; argv: string[]; why?: string }
  | { type: 'fix'; fix: { id: string; hash: string; kind: 'edit' | 'command'; file: string; argv?: string[]; diff: string; why: string; fault: FaultLabel; component: string } }
  | { type: 'submit'; fault: FaultLabel; component: string; confidence: number };

/** A verdict on a fix or a hypothesis. */
export interface StepVerdict {
  /** `accepted` for an approval or a confirmed hypothesis, `rejected` otherwise. */
  verdict: 'accepted' | 'rejected';
  /** What was judged: a fix (by id and hash) or a hypothesis. */
  subject: { fix: string; hash: string } | { hypothesis: { fault: FaultLabel; component: string } };
  by: string;
  reason?: string;
}

/** One step of a session. */
export interface Step {
  type: 'step';
  version: typeof TRAJECTORY_VERSION;
  session: string;
  /** 1-based, in the order recorded. */
  seq: number;
  at: string;
  kind: 'diagnosis' | 'probe' | 'fix' | 'verdict' | 'apply' | 'submission' | 'outcome';
  observation?: Observation;
  hypotheses?: RecordedHypothesis[];
  action?: StepAction;
  result?: { status: string; exitCode?: number; output?: string; effect?: string; verification?: { cleared: boolean; detail: string } };
  verdict?: StepVerdict;
  outcome?: { resolved: boolean; detail?: string };
  model?: ModelStamp;
  timings?: { ms: number };
}

/** Any record of a session file. */
export type TrajectoryRecord = SessionHeader | Step;

/** Why a record is not valid, or undefined when it is. */
export function recordProblem(r: unknown): string | undefined {
  if (!isObject(r)) return 'expected an object';
  if (r['version'] !== TRAJECTORY_VERSION) return `version: expected ${TRAJECTORY_VERSION}, got ${JSON.stringify(r['version'])}`;
  if (r['type'] === 'session') return headerProblem(r);
  if (r['type'] === 'step') return stepProblem(r);
  return `type: expected "session" or "step", got ${JSON.stringify(r['type'])}`;
}

const ID = /^\d{8}T\d{6}Z-[0-9a-f]{8}$/;
const STEP_KINDS = new Set(['diagnosis', 'probe', 'fix', 'verdict', 'apply', 'submission', 'outcome']);
const FAULTS = new Set<string>(FAULT_LABELS);

function headerProblem(r: Record<string, unknown>): string | undefined {
  if (typeof r['id'] !== 'string' || !ID.test(r['id'])) return `id: expected YYYYMMDDTHHMMSSZ-xxxxxxxx, got ${JSON.stringify(r['id'])}`;
  if (!isTime(r['startedAt'])) return 'startedAt: expected an ISO 8601 time';
  if (!['cli', 'editor', 'lab'].includes(r['source'] as string)) return `source: expected cli, editor or lab, got ${JSON.stringify(r['source'])}`;
  const incident = r['incident'];
  if (!isObject(incident) || typeof incident['name'] !== 'string' || typeof incident['digest'] !== 'string') return 'incident: expected {name, digest}';
  const truth = r['truth'];
  if (truth !== undefined && (!isObject(truth) || !FAULTS.has(truth['fault'] as string) || typeof truth['component'] !== 'string')) return 'truth: expected {fault: a taxonomy label, component}';
  return undefined;
}

function stepProblem(r: Record<string, unknown>): string | undefined {
  if (typeof r['session'] !== 'string' || !ID.test(r['session'])) return 'session: expected a session id';
  if (!Number.isInteger(r['seq']) || (r['seq'] as number) < 1) return `seq: expected a positive integer, got ${JSON.stringify(r['seq'])}`;
  if (!isTime(r['at'])) return 'at: expected an ISO 8601 time';
  if (!STEP_KINDS.has(r['kind'] as string)) return `kind: expected one of ${[...STEP_KINDS].join(', ')}, got ${JSON.stringify(r['kind'])}`;
  const hyps = r['hypotheses'];
  if (hyps !== undefined) {
    if (!Array.isArray(hyps)) return 'hypotheses: expected an array';
    for (const [i, h] of hyps.entries()) {
      if (!isObject(h) || !FAULTS.has(h['fault'] as string) || typeof h['component'] !== 'string' || typeof h['confidence'] !== 'number' || h['confidence'] < 0 || h['confidence'] > 1) return `hypotheses[${i}]: expected {fault: a taxonomy label, component, confidence in 0..1}`;
    }
  }
  const action = r['action'];
  if (action !== undefined) {
    if (!isObject(action)) return 'action: expected an object';
    if (action['type'] === 'probe' && !(Array.isArray(action['argv']) && action['argv'].every((a) => typeof a === 'string') && action['argv'].length > 0)) return 'action.argv: expected a non-empty array of strings';
    if (action['type'] === 'fix' && !(isObject(action['fix']) && typeof action['fix']['hash'] === 'string' && typeof action['fix']['diff'] === 'string')) return 'action.fix: expected {id, hash, diff, ...}';
    if (action['type'] === 'submit' && !FAULTS.has(action['fault'] as string)) return 'action.fault: expected a taxonomy label';
    if (!['probe', 'fix', 'submit'].includes(action['type'] as string)) return `action.type: expected probe, fix or submit, got ${JSON.stringify(action['type'])}`;
  }
  const verdict = r['verdict'];
  if (verdict !== undefined && (!isObject(verdict) || (verdict['verdict'] !== 'accepted' && verdict['verdict'] !== 'rejected') || typeof verdict['by'] !== 'string' || !isObject(verdict['subject']))) return 'verdict: expected {verdict: accepted|rejected, subject, by}';
  const observation = r['observation'];
  if (observation !== undefined && (!isObject(observation) || typeof observation['digest'] !== 'string' || !Array.isArray(observation['evidence']))) return 'observation: expected {digest, evidence[]}';
  const outcome = r['outcome'];
  if (outcome !== undefined && (!isObject(outcome) || typeof outcome['resolved'] !== 'boolean')) return 'outcome: expected {resolved: boolean}';
  return undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isTime(v: unknown): boolean {
  return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(v);
}
