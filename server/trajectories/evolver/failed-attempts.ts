/**
 * The failed attempts of an episode, each with the step where it went wrong: a hypothesis a person ruled out
 * and a submitted diagnosis that was not the right answer (both at the first step that had it on top), a fix
 * a reviewer rejected and an applied fix that did not clear the symptom (both at the step that proposed the
 * fix). The Evolver turns each into a corrective pair and, for wrong diagnoses, into team guidance.
 */
import { isCorrect, type Answer, type Episode, type RecordedFix } from '../exports/episodes';
import type { Step } from '../schema';

/** How an attempt was found wrong. */
export type AttemptFailure = 'rejected' | 'submitted' | 'fix-rejected' | 'not-cleared';

/** One failed attempt. */
export interface WrongAttempt {
  failure: AttemptFailure;
  /** The wrong diagnosis, or the hypothesis the wrong fix was for. */
  answer: Answer;
  /** The fix, for `fix-rejected` and `not-cleared`. */
  fix?: RecordedFix;
  /** Where it went wrong. */
  session: string;
  seq: number;
  /** Who or what said so: a reviewer, `truth`, `verification`. */
  by: string;
  /** Why, in their words (or what the check showed); empty when nobody said. */
  reason: string;
}

/** The failed attempts of `e`, whose steps (all its sessions', in time order) are `steps`; each attempt once. */
export function wrongAttempts(e: Episode, steps: readonly Step[]): WrongAttempt[] {
  const out: WrongAttempt[] = [];
  const answers = new Set<string>();
  const addAnswer = (a: Answer, failure: AttemptFailure, at: { session: string; seq: number }, by: string, reason: string): void => {
    const key = `${a.fault}\u0000${a.component}`;
    if (answers.has(key) || isCorrect(e, a)) return;
    answers.add(key);
    out.push({ failure, answer: { fault: a.fault, component: a.component }, ...(firstOnTop(steps, a) ?? place(at)), by, reason });
  };
  if (e.correct) {
    for (const v of e.hypothesisVerdicts.filter((x) => !x.accepted)) addAnswer(v, 'rejected', v, v.by, v.reason ?? '');
    if (e.submission) {
      const who = correctedBy(e);
      addAnswer(e.submission, 'submitted', e.submission, who.by, who.reason);
    }
  }
  const fixes = new Set<string>();
  const addFix = (fix: RecordedFix, failure: AttemptFailure, at: { session: string; seq: number }, by: string, reason: string): void => {
    if (fixes.has(fix.hash)) return;
    fixes.add(fix.hash);
    out.push({ failure, answer: { fault: fix.fault, component: fix.component }, fix, ...(proposedAt(steps, fix.hash) ?? place(at)), by, reason });
  };
  for (const [hash, fix] of e.fixes) {
    const last = e.fixVerdicts.filter((v) => v.hash === hash).at(-1);
    if (last && !last.accepted) addFix(fix, 'fix-rejected', last, last.by, last.reason ?? '');
  }
  for (const s of steps) {
    const a = s.action;
    const check = s.result?.verification;
    if (s.kind !== 'apply' || a?.type !== 'fix' || !check || check.cleared) continue;
    addFix(a.fix, 'not-cleared', s, 'verification', `applied, did not clear: ${check.detail}`);
  }
  return out;
}

/** The fixes of `e` that were accepted and not found wanting (latest verdict an approval, not applied without clearing), verified ones first. */
export function acceptedFixes(e: Episode): RecordedFix[] {
  const ok = [...e.fixes.values()].filter((f) => e.fixVerdicts.filter((v) => v.hash === f.hash).at(-1)?.accepted && e.applied.get(f.hash)?.cleared !== false);
  return ok.sort((a, b) => Number(e.applied.get(b.hash)?.cleared === true) - Number(e.applied.get(a.hash)?.cleared === true));
}

/** Who established the right answer of `e`, and how, for a submission that was not it. */
function correctedBy(e: Episode): { by: string; reason: string } {
  const c = e.correct!;
  if (e.truth) return { by: 'truth', reason: `the recorded truth is ${c.fault} ${c.component}`.trim() };
  const confirmed = e.hypothesisVerdicts.filter((v) => v.accepted).at(-1);
  if (confirmed) return { by: confirmed.by, reason: confirmed.reason ?? `${confirmed.by} confirmed ${c.fault} ${c.component}` };
  const fix = acceptedFixes(e)[0] ?? [...e.fixes.values()].find((f) => e.applied.get(f.hash)?.cleared === true);
  const approval = fix ? e.fixVerdicts.filter((v) => v.hash === fix.hash && v.accepted).at(-1) : undefined;
  if (approval) return { by: approval.by, reason: approval.reason ?? `${approval.by} approved fix ${fix!.id} for ${c.fault} ${c.component}` };
  return { by: 'verification', reason: `fix ${fix?.id ?? ''} for ${c.fault} ${c.component} cleared the symptom` };
}

/** Just the session and step of a record. */
function place(at: { session: string; seq: number }): { session: string; seq: number } {
  return { session: at.session, seq: at.seq };
}

/** The first step whose ranking had `a` on top. */
function firstOnTop(steps: readonly Step[], a: Answer): { session: string; seq: number } | undefined {
  const s = steps.find((x) => x.hypotheses?.[0]?.fault === a.fault && x.hypotheses[0].component === a.component);
  return s ? { session: s.session, seq: s.seq } : undefined;
}

/** The step that proposed the fix `hash`. */
function proposedAt(steps: readonly Step[], hash: string): { session: string; seq: number } | undefined {
  const s = steps.find((x) => x.kind === 'fix' && x.action?.type === 'fix' && x.action.fix.hash === hash);
  return s ? { session: s.session, seq: s.seq } : undefined;
}
