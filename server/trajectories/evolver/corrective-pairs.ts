/**
 * Corrective pairs: a failed attempt turned into a preference pair on the state it failed in. The prompt is
 * the episode's (the exports' `promptOf`); `chosen` is the right answer (or the accepted fix, for a fix that
 * was rejected or did not clear); `rejected` is what the agent did. Each pair says why and where: the reason
 * people gave, the session and step of the wrong attempt, and who judged it. `aoi export --format dpo` adds
 * them to its rows with kind `corrective`.
 */
import { isCorrect, type Episode } from '../exports/episodes';
import { fixMessage, promptOf, submitMessage, type ChatMessage } from '../exports/prompt';
import { acceptedFixes, type WrongAttempt } from './failed-attempts';

/** One corrective pair, as a line of `STORE/evolved/corrective-pairs.jsonl`. */
export interface CorrectivePair {
  prompt: ChatMessage[];
  chosen: ChatMessage[];
  rejected: ChatMessage[];
  kind: 'corrective';
  /** What the pair contrasts: two diagnoses, or a fix and what should have been done instead. */
  contrast: 'diagnosis' | 'fix';
  /** Why the rejected one was wrong, as the reviewer (or the truth, or the verification) said. */
  reason: string;
  /** The episode's incident digest. */
  incident: string;
  provenance: { sessions: string[]; session: string; seq: number; by: string };
}

/** The corrective pair of attempt `a` of `e`, or undefined when nothing right is known to prefer. */
export function correctivePair(e: Episode, a: WrongAttempt): CorrectivePair | undefined {
  const chosen = chosenFor(e, a);
  if (!chosen) return undefined;
  const rejected = a.fix ? fixMessage(a.fix, 'call_fix') : submitMessage(a.answer, 'call_submit');
  return {
    prompt: promptOf(e),
    chosen: [chosen],
    rejected: [rejected],
    kind: 'corrective',
    contrast: a.fix ? 'fix' : 'diagnosis',
    reason: a.reason,
    incident: e.digest,
    provenance: { sessions: e.sessions, session: a.session, seq: a.seq, by: a.by },
  };
}

/** What to prefer over `a`: the right answer to a wrong diagnosis; the accepted fix, else the right diagnosis, to a wrong fix. */
function chosenFor(e: Episode, a: WrongAttempt): ChatMessage | undefined {
  if (!a.fix) return e.correct ? submitMessage(e.correct, 'call_submit') : undefined;
  const better = acceptedFixes(e).find((f) => f.hash !== a.fix!.hash);
  if (better) return fixMessage(better, 'call_fix');
  // A right diagnosis with a bad fix has no better answer to prefer; a fix for a wrong one does.
  return e.correct && !isCorrect(e, a.answer) ? submitMessage(e.correct, 'call_submit') : undefined;
}

/** Pairs in a stable order: by session, step, then content. */
export function sortPairs(pairs: CorrectivePair[]): CorrectivePair[] {
  const key = (p: CorrectivePair): string => JSON.stringify([p.provenance.session, String(p.provenance.seq).padStart(8, '0'), p.contrast, p.rejected, p.chosen]);
  return [...pairs].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
