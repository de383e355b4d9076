/**
 * SFT rows: one chat per accepted episode (its right answer is known: a truth, an accepted hypothesis, an
 * approved or verified fix). The assistant asks the probes that were asked, proposes the accepted fix, and
 * submits the right diagnosis; when the agent's own answer was wrong and a person corrected it, the row
 * teaches the corrected one. `messages` and `tools` as TRL's SFTTrainer and OpenAI fine-tuning read them.
 */
import { isCorrect, type Episode, type RecordedFix } from './episodes';
import { fixMessage, probeMessages, promptOf, submitMessage, TOOLS, type ChatMessage } from './prompt';

/** One SFT row. */
export interface SftRow {
  messages: ChatMessage[];
  tools: typeof TOOLS;
  /** Provenance: the sessions the episode joins, the incident digest, whether the agent's own answer was right. */
  sessions: string[];
  incident: string;
  agent_correct: boolean;
}

/** The SFT rows of `episodes`. */
export function sftRows(episodes: readonly Episode[]): SftRow[] {
  const rows: SftRow[] = [];
  for (const e of episodes) {
    if (!e.correct) continue;
    const messages: ChatMessage[] = promptOf(e);
    e.probes.filter((p) => p.status !== 'refused' && p.status !== 'not recorded').forEach((p, i) => messages.push(...probeMessages(p, `call_${i + 1}`)));
    const fix = acceptedFix(e);
    if (fix) messages.push(fixMessage(fix, 'call_fix'), { role: 'tool', tool_call_id: 'call_fix', content: e.applied.get(fix.hash)?.cleared ? '[approved, applied, verified]' : '[approved]' });
    messages.push(submitMessage(e.correct, 'call_submit'));
    rows.push({ messages, tools: TOOLS, sessions: e.sessions, incident: e.digest, agent_correct: e.submission ? isCorrect(e, e.submission) : false });
  }
  return rows;
}

/** The fix a reviewer accepted last (verified ones first), if any. */
function acceptedFix(e: Episode): RecordedFix | undefined {
  const accepted = [...e.fixes.values()].filter((f) => e.fixVerdicts.filter((v) => v.hash === f.hash).at(-1)?.accepted);
  return accepted.find((f) => e.applied.get(f.hash)?.cleared) ?? accepted[0];
}
