/**
 * The shape of a catalog probe: a read-only argv with its why, and what each kind of answer would say about
 * the hypotheses: which it supports and which it rules out. Answers are classified by the probe's reader
 * (answers.ts) and turned into evidence for and against hypotheses by verdicts.ts.
 */
import type { FaultLabel } from '../../../protocol';
import type { AnswerKind, AnswerReader } from './answers';

/** What one kind of answer says: the faults of the probe's subject it supports and those it rules out. */
export interface AnswerMeaning {
  supports?: FaultLabel[];
  rulesOut?: FaultLabel[];
}

/** One probe proposed from the catalog. */
export interface ProbeIdea {
  /** The catalog template it was made from, e.g. `redis.ping`. */
  id: string;
  argv: string[];
  /** Why it is worth running, in a few words: "shows whether redis answers on 6379". */
  why: string;
  /** The component whose hypotheses its answer bears on. */
  subject: string;
  /** How its answer is classified; absent when the output is only read as evidence (logs, tables). */
  reader?: AnswerReader;
  /** What each kind of answer says about `subject`'s hypotheses. */
  meaning?: Partial<Record<AnswerKind, AnswerMeaning>>;
}

/** Builds an idea; `meaning` keys must be answers `reader` can give. */
export function idea(id: string, subject: string, argv: string[], why: string, reading?: { reader: AnswerReader; meaning: Partial<Record<AnswerKind, AnswerMeaning>> }): ProbeIdea {
  const out: ProbeIdea = { id, argv, why, subject };
  if (reading) {
    out.reader = reading.reader;
    out.meaning = reading.meaning;
  }
  return out;
}
