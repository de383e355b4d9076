/**
 * Preference rows. DPO: `prompt` / `chosen` / `rejected` where, in the same state, a wrong answer (a submitted
 * diagnosis that was not the right one, a hypothesis a person ruled out) or a rejected fix was followed by an
 * accepted one. KTO: `prompt` / `completion` / `label` for every single verdict (a fix approved or rejected, a
 * hypothesis confirmed or ruled out, a submission scored against the truth). Conversational format, as TRL's
 * DPOTrainer and KTOTrainer read it.
 */
import { isCorrect, type Answer, type Episode } from './episodes';
import { fixMessage, promptOf, submitMessage, type ChatMessage } from './prompt';

/** One DPO row. */
export interface DpoRow {
  prompt: ChatMessage[];
  chosen: ChatMessage[];
  rejected: ChatMessage[];
  /** What the pair contrasts: two diagnoses, or two fixes. */
  kind: 'diagnosis' | 'fix';
  /** Why the rejected one was wrong, as the reviewer said (empty when the truth said it). */
  reason: string;
  sessions: string[];
  incident: string;
}

/** One KTO row. */
export interface KtoRow {
  prompt: ChatMessage[];
  completion: ChatMessage[];
  label: boolean;
  kind: 'diagnosis' | 'fix';
  reason: string;
  sessions: string[];
  incident: string;
}

/** The DPO rows of `episodes`. */
export function dpoRows(episodes: readonly Episode[]): DpoRow[] {
  const rows: DpoRow[] = [];
  for (const e of episodes) {
    const prompt = promptOf(e);
    const base = { sessions: e.sessions, incident: e.digest };
    if (e.correct) {
      for (const wrong of wrongAnswers(e)) rows.push({ prompt, chosen: [submitMessage(e.correct, 'call_submit')], rejected: [submitMessage(wrong.answer, 'call_submit')], kind: 'diagnosis', reason: wrong.reason, ...base });
    }
    const accepted = [...e.fixes.values()].filter((f) => lastVerdict(e, f.hash)?.accepted);
    for (const v of e.fixVerdicts.filter((x) => !x.accepted)) {
      const bad = e.fixes.get(v.hash);
      const good = accepted.find((f) => f.hash !== v.hash);
      if (bad && good) rows.push({ prompt, chosen: [fixMessage(good, 'call_fix')], rejected: [fixMessage(bad, 'call_fix')], kind: 'fix', reason: v.reason ?? '', ...base });
    }
  }
  return rows;
}

/** The KTO rows of `episodes`. */
export function ktoRows(episodes: readonly Episode[]): KtoRow[] {
  const rows: KtoRow[] = [];
  for (const e of episodes) {
    const prompt = promptOf(e);
    const base = { sessions: e.sessions, incident: e.digest };
    for (const v of e.fixVerdicts) {
      const fix = e.fixes.get(v.hash);
      if (fix) rows.push({ prompt, completion: [fixMessage(fix, 'call_fix')], label: v.accepted, kind: 'fix', reason: v.reason ?? '', ...base });
    }
    for (const v of e.hypothesisVerdicts) rows.push({ prompt, completion: [submitMessage(v, 'call_submit')], label: v.accepted, kind: 'diagnosis', reason: v.reason ?? '', ...base });
    if (e.submission && e.truth) rows.push({ prompt, completion: [submitMessage(e.submission, 'call_submit')], label: isCorrect(e, e.submission), kind: 'diagnosis', reason: '', ...base });
  }
  return rows;
}

/** Wrong answers of an episode: a submission that was not right, hypotheses people ruled out. Each once. */
function wrongAnswers(e: Episode): { answer: Answer; reason: string }[] {
  const out: { answer: Answer; reason: string }[] = [];
  const seen = new Set<string>();
  const add = (a: Answer, reason: string): void => {
    const key = `${a.fault}\u0000${a.component}`;
    if (seen.has(key) || isCorrect(e, a)) return;
    seen.add(key);
    out.push({ answer: { fault: a.fault, component: a.component }, reason });
  };
  for (const v of e.hypothesisVerdicts.filter((x) => !x.accepted)) add(v, v.reason ?? '');
  if (e.submission) add(e.submission, '');
  return out;
}

function lastVerdict(e: Episode, hash: string): Episode['fixVerdicts'][number] | undefined {
  return e.fixVerdicts.filter((v) => v.hash === hash).at(-1);
}
