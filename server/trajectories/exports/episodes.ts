/**
 * Episodes: the sessions of one incident state read together. A diagnosis recorded by `aoi diagnose`, a
 * rejection recorded later by `aoi fix reject` and an approval in the editor are separate sessions of the same
 * incident; they share the incident digest, so an episode gathers them in time order. From an episode the
 * exports and the Evolver read what the agent saw, what it did, what people said of it, and which answer was
 * right when that is known.
 */
import type { FaultLabel } from '../../protocol';
import type { Observation, SessionHeader, Step, StepAction } from '../schema';
import type { SessionRead } from '../store';

/** A diagnosis as an answer: label and component. */
export interface Answer {
  fault: FaultLabel;
  component: string;
}

/** A fix as recorded in a step. */
export type RecordedFix = Extract<StepAction, { type: 'fix' }>['fix'];

/** One incident state and everything recorded about it. */
export interface Episode {
  digest: string;
  /** Session ids, oldest first. */
  sessions: string[];
  incident: string;
  observation: Observation;
  /** The first ranking's hypotheses. */
  hypotheses: NonNullable<Step['hypotheses']>;
  /** Probes asked, in order, with their results. */
  probes: { argv: string[]; why?: string; status: string; output?: string; effect?: string; session: string; seq: number }[];
  /** The agent's submitted answer (the last submission of the episode). */
  submission?: Answer & { confidence: number; session: string; seq: number };
  /** Fixes proposed, by hash. */
  fixes: Map<string, RecordedFix>;
  /** Verdicts on fixes (by hash) and on hypotheses, in order. */
  fixVerdicts: { hash: string; accepted: boolean; by: string; reason?: string; session: string; seq: number }[];
  hypothesisVerdicts: (Answer & { accepted: boolean; by: string; reason?: string; session: string; seq: number })[];
  /** Fixes applied and whether they cleared the symptom, by hash. */
  applied: Map<string, { cleared?: boolean }>;
  /** Ground truth from a session header (lab, labelled bundles). */
  truth?: NonNullable<SessionHeader['truth']>;
  /** The right answer when known: the truth, else an accepted hypothesis, else the hypothesis of a verified (or accepted) fix. */
  correct?: Answer;
  /** Acceptable components of the right answer. */
  components: string[];
  resolved?: boolean;
}

/** Groups sessions into episodes by incident digest, each with its steps in time order. Deterministic. */
export function episodesOf(sessions: readonly SessionRead[]): Episode[] {
  const byDigest = new Map<string, SessionRead[]>();
  for (const s of [...sessions].sort((a, b) => a.header.id.localeCompare(b.header.id))) {
    const d = s.header.incident.digest;
    byDigest.set(d, [...(byDigest.get(d) ?? []), s]);
  }
  const out: Episode[] = [];
  for (const [digest, group] of byDigest) {
    const episode = build(digest, group);
    if (episode) out.push(episode);
  }
  return out.sort((a, b) => a.sessions[0]!.localeCompare(b.sessions[0]!));
}

function build(digest: string, group: SessionRead[]): Episode | undefined {
  const steps = group.flatMap((s) => s.steps);
  const first = steps.find((s) => s.kind === 'diagnosis' && s.observation);
  if (!first) return undefined;
  const e: Episode = {
    digest,
    sessions: group.map((s) => s.header.id),
    incident: group[0]!.header.incident.name,
    observation: first.observation!,
    hypotheses: first.hypotheses ?? [],
    probes: [],
    fixes: new Map(),
    fixVerdicts: [],
    hypothesisVerdicts: [],
    applied: new Map(),
    components: [],
  };
  const truth = group.map((s) => s.header.truth).find((t) => t);
  if (truth) e.truth = truth;
  for (const s of steps) {
    const a = s.action;
    if (s.kind === 'probe' && a?.type === 'probe') e.probes.push({ argv: a.argv, ...(a.why ? { why: a.why } : {}), status: s.result?.status ?? 'unknown', ...(s.result?.output !== undefined ? { output: s.result.output } : {}), ...(s.result?.effect ? { effect: s.result.effect } : {}), session: s.session, seq: s.seq });
    if (a?.type === 'fix') e.fixes.set(a.fix.hash, a.fix);
    if (s.kind === 'submission' && a?.type === 'submit') e.submission = { fault: a.fault, component: a.component, confidence: a.confidence, session: s.session, seq: s.seq };
    const v = s.verdict;
    if (v && 'fix' in v.subject) e.fixVerdicts.push({ hash: v.subject.hash, accepted: v.verdict === 'accepted', by: v.by, ...(v.reason ? { reason: v.reason } : {}), session: s.session, seq: s.seq });
    if (v && 'hypothesis' in v.subject) e.hypothesisVerdicts.push({ ...v.subject.hypothesis, accepted: v.verdict === 'accepted', by: v.by, ...(v.reason ? { reason: v.reason } : {}), session: s.session, seq: s.seq });
    if (s.kind === 'apply' && a?.type === 'fix' && s.result?.status !== 'undone') e.applied.set(a.fix.hash, s.result?.verification ? { cleared: s.result.verification.cleared } : {});
    if (s.kind === 'outcome' && s.outcome) e.resolved = s.outcome.resolved;
  }
  const answer = correctAnswer(e);
  if (answer) {
    e.correct = answer.answer;
    e.components = answer.components;
  }
  return e;
}

function correctAnswer(e: Episode): { answer: Answer; components: string[] } | undefined {
  if (e.truth) return { answer: { fault: e.truth.fault, component: e.truth.component }, components: e.truth.components ?? (e.truth.component ? [e.truth.component] : []) };
  const accepted = e.hypothesisVerdicts.filter((v) => v.accepted).at(-1);
  if (accepted) return { answer: { fault: accepted.fault, component: accepted.component }, components: [accepted.component] };
  const fixes = [...e.fixes.values()];
  const verified = fixes.find((f) => e.applied.get(f.hash)?.cleared === true);
  const approved = verified ?? fixes.find((f) => e.fixVerdicts.filter((v) => v.hash === f.hash).at(-1)?.accepted);
  return approved ? { answer: { fault: approved.fault, component: approved.component }, components: [approved.component] } : undefined;
}

/** True when `a` is the episode's right answer (fault and an acceptable component). */
export function isCorrect(e: Episode, a: Answer): boolean {
  if (!e.correct || a.fault !== e.correct.fault) return false;
  return a.fault === 'none' || e.components.includes(a.component) || a.component === e.correct.component;
}
