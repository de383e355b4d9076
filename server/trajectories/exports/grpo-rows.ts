/**
 * GRPO rows: one prompt per episode whose right answer is known, with the metadata a reward function needs
 * (TRL's GRPOTrainer passes extra columns to it): the true fault and acceptable components, whether an applied
 * fix was verified, and what the recorded agent spent (probes asked, probes refused). The training pipeline's
 * reward is correct fault and component minus a cost per probe and a penalty per refused probe.
 */
import type { Episode } from './episodes';
import { promptOf, TOOLS, type ChatMessage } from './prompt';

/** One GRPO row. */
export interface GrpoRow {
  prompt: ChatMessage[];
  tools: typeof TOOLS;
  truth_fault: string;
  truth_component: string;
  truth_components: string[];
  /** Whether an applied fix cleared the symptom; false when none was applied or it did not clear. */
  verified: boolean;
  probe_cost: number;
  refused_probes: number;
  /** The recorded agent's answer, for comparison: "fault/component" or "". */
  agent_answer: string;
  sessions: string[];
  incident: string;
}

/** The GRPO rows of `episodes`. */
export function grpoRows(episodes: readonly Episode[]): GrpoRow[] {
  return episodes
    .filter((e) => e.correct)
    .map((e) => ({
      prompt: promptOf(e),
      tools: TOOLS,
      truth_fault: e.correct!.fault,
      truth_component: e.correct!.component,
      truth_components: e.components,
      verified: [...e.applied.values()].some((a) => a.cleared === true),
      probe_cost: e.probes.filter((p) => p.status !== 'refused').length,
      refused_probes: e.probes.filter((p) => p.status === 'refused').length,
      agent_answer: e.submission ? `${e.submission.fault}/${e.submission.component}` : '',
      sessions: e.sessions,
      incident: e.digest,
    }));
}
