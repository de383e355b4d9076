/**
 * A session as a person reads it: a Markdown timeline of its steps (what the observer saw and ranked, the
 * probes and what they changed, fixes, verdicts with reasons, applies and verification, the outcome), and a
 * one-line summary per step for tree views.
 */
import { shellLine } from '../protocol';
import type { Step } from './schema';
import type { SessionRead } from './store';

/** One line about a step: "probe $ redis-cli PING -> ran, exit 0". */
export function stepSummary(s: Step): string {
  const a = s.action;
  const top = s.hypotheses?.[0];
  const ranked = top ? `${top.fault} ${top.component} ${pct(top.confidence)}` : '';
  switch (s.kind) {
    case 'diagnosis':
      return `diagnosis: ${ranked || 'no hypotheses'}`;
    case 'probe':
      return `probe $ ${a?.type === 'probe' ? shellLine(a.argv) : '?'} -> ${s.result?.status ?? '?'}${s.result?.exitCode !== undefined ? `, exit ${s.result.exitCode}` : ''}${s.result?.effect ? ` (${s.result.effect})` : ''}`;
    case 'fix':
      return `fix proposed: ${a?.type === 'fix' ? `${a.fix.kind === 'command' ? `$ ${shellLine(a.fix.argv ?? [])}` : a.fix.file} for ${a.fix.fault} ${a.fix.component}` : '?'}`;
    case 'verdict': {
      const v = s.verdict!;
      const what = 'fix' in v.subject ? `fix ${v.subject.fix}` : `${v.subject.hypothesis.fault} ${v.subject.hypothesis.component}`;
      return `${v.verdict} ${what} by ${v.by}${v.reason ? `: ${v.reason}` : ''}`;
    }
    case 'apply':
      return `${s.result?.status === 'undone' ? 'undone' : 'applied'} ${a?.type === 'fix' ? `fix ${a.fix.id}` : ''}${s.result?.verification ? ` -> ${s.result.verification.cleared ? 'cleared' : 'not cleared'}` : ''}`;
    case 'submission':
      return `submitted ${a?.type === 'submit' ? `${a.fault} ${a.component} ${pct(a.confidence)}` : ''}`;
    case 'outcome':
      return `outcome: ${s.outcome?.resolved ? 'resolved' : 'not resolved'}${s.outcome?.detail ? ` (${s.outcome.detail})` : ''}`;
  }
}

/** The whole session as Markdown. Strings from logs stay inside code spans or blocks. */
export function timeline(read: SessionRead): string {
  const h = read.header;
  const out = [`# ${h.incident.name}`, '', `Session \`${h.id}\`, recorded by the ${h.source} from ${h.startedAt}.`];
  if (h.truth) out.push(`Ground truth: ${h.truth.fault} in ${h.truth.component}.`);
  out.push('');
  for (const s of read.steps) {
    out.push(`## ${s.seq}. ${s.kind} · ${s.at}`, '', `- ${code(stepSummary(s))}`);
    if (s.kind === 'diagnosis' && s.hypotheses) for (const x of s.hypotheses.slice(0, 5)) out.push(`  - ${x.fault} ${code(x.component)} ${pct(x.confidence)}`);
    if (s.action?.type === 'fix' && s.kind === 'fix') out.push('', '```diff', s.action.fix.diff.replace(/```/g, '`\u200b``'), '```');
    if (s.result?.output) out.push('', '```text', s.result.output.slice(0, 2000).replace(/```/g, '`\u200b``'), '```');
    if (s.model) out.push(`- model: ${s.model.name} ${s.model.version} (${s.model.executionProvider})`);
    out.push('');
  }
  if (read.problems.length > 0) out.push('## Lines skipped', '', ...read.problems.map((p) => `- ${code(p)}`), '');
  return out.join('\n');
}

function code(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  return `${fence}${text.replace(/\n/g, ' ')}${fence}`;
}

function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}
