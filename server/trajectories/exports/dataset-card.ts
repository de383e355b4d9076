/**
 * The dataset card (README.md) of an export: a YAML header that `datasets.load_dataset(DIR)` reads (one
 * `train` split, the JSONL file), and the counts a team checks before training: rows, episodes, rows per fault
 * label of the right answer, verdicts accepted and rejected. Deterministic: no export time, no paths.
 */
import type { Episode } from './episodes';

/** What the card describes. */
export interface CardInput {
  format: 'sft' | 'dpo' | 'kto' | 'grpo';
  file: string;
  rows: number;
  episodes: readonly Episode[];
  sessions: number;
  /** Rows per fault label of the right answer ("unknown" when it is not known). */
  perLabel: Map<string, number>;
}

const TRAINERS: Record<CardInput['format'], string> = {
  sft: 'TRL SFTTrainer or OpenAI fine-tuning: `messages` (system, user, assistant tool calls, tool results) and `tools`.',
  dpo: 'TRL DPOTrainer, conversational: `prompt`, `chosen`, `rejected` (message lists).',
  kto: 'TRL KTOTrainer, conversational: `prompt`, `completion`, `label` (true for an accepted verdict).',
  grpo: 'TRL GRPOTrainer: `prompt` and the reward columns `truth_fault`, `truth_components`, `verified`, `probe_cost`, `refused_probes`.',
};

/** The card's text. */
export function datasetCard(c: CardInput): string {
  const verdicts = { accepted: 0, rejected: 0 };
  for (const e of c.episodes) {
    for (const v of [...e.fixVerdicts, ...e.hypothesisVerdicts]) verdicts[v.accepted ? 'accepted' : 'rejected']++;
  }
  const labels = [...c.perLabel].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return [
    '---',
    'configs:',
    '- config_name: default',
    '  data_files:',
    '  - split: train',
    `    path: ${c.file}`,
    'license: other',
    'tags:',
    '- aoi',
    '- incident-diagnosis',
    `- ${c.format}`,
    '---',
    '',
    `# AOI trajectories: ${c.format.toUpperCase()}`,
    '',
    `Exported by \`aoi export --format ${c.format}\` from a trajectory store: ${c.sessions} session(s), ${c.episodes.length} episode(s) (sessions of the same incident state read together). Every string was redacted before it was recorded and again on export.`,
    '',
    `For ${TRAINERS[c.format]}`,
    '',
    '```python',
    'from datasets import load_dataset',
    `ds = load_dataset("json", data_files="${c.file}", split="train")`,
    '```',
    '',
    '| | count |',
    '| --- | --- |',
    `| rows | ${c.rows} |`,
    `| verdicts accepted | ${verdicts.accepted} |`,
    `| verdicts rejected | ${verdicts.rejected} |`,
    '',
    '| fault label (right answer) | rows |',
    '| --- | --- |',
    ...(labels.length > 0 ? labels.map(([l, n]) => `| ${l} | ${n} |`) : ['| (none) | 0 |']),
    '',
  ].join('\n');
}
