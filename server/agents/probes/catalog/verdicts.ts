/**
 * A catalog probe's answer as evidence for and against hypotheses: the answer is classified by the probe's
 * reader, and the probe's meaning of that kind of answer names the faults of its subject it supports and
 * those it rules out. Supporting answers become findings; ruling-out answers become refuting findings that
 * discount the hypothesis.
 */
import type { Evidence } from '../../../protocol';
import type { Finding } from '../../../analyzers/finding';
import type { ProbeOutcome } from '../outcome';
import { classifyAnswer, type AnswerKind } from './answers';
import type { ProbeIdea } from './probe';

/** Strength of an answer that supports a hypothesis. */
const SUPPORTS = 0.5;
/** Share of a hypothesis's confidence an answer that rules it out takes away. */
const RULES_OUT = 0.8;

/** A key for an argv. */
export function argvKey(argv: readonly string[]): string {
  return argv.join('\u0000');
}

/** Findings from the answers of `outcomes` whose probe is one of `ideas` (by argv). */
export function verdictFindings(ideas: ReadonlyMap<string, ProbeIdea>, outcomes: readonly ProbeOutcome[]): Finding[] {
  const out: Finding[] = [];
  for (const o of outcomes) {
    if (o.status !== 'ran' && o.status !== 'replayed') continue;
    const idea = ideas.get(argvKey(o.argv));
    if (!idea?.reader || !idea.meaning) continue;
    const answer = classifyAnswer(idea.reader, { ...o, ...(o.recording?.at ? { at: o.recording.at } : {}) });
    const meaning = answer && idea.meaning[answer.kind];
    if (!answer || !meaning) continue;
    const command = o.argv.join(' ');
    const evidence = (role: Evidence['role']): Evidence => ({ file: o.recording?.file ?? `probe: ${command}`, line: 1, text: answer.line, note: `${answer.kind}: answer of ${command}`, role });
    for (const fault of meaning.supports ?? []) {
      out.push({ fault, component: idea.subject, strength: SUPPORTS, summary: `The probe \`${command}\` answered: ${answer.line}.`, evidence: [evidence('symptom')] });
    }
    for (const fault of meaning.rulesOut ?? []) {
      out.push({ fault, component: idea.subject, strength: RULES_OUT, refutes: true, summary: `The probe \`${command}\` answered: ${answer.line}, which rules this out.`, evidence: [evidence('context')] });
    }
  }
  return out;
}

/** "service_down cart if refused" lines for a proposal: what each answer would support or rule out. */
export function readings(idea: ProbeIdea): { supports: string[]; rulesOut: string[] } {
  const supports: string[] = [];
  const rulesOut: string[] = [];
  for (const [kind, meaning] of Object.entries(idea.meaning ?? {}) as [AnswerKind, { supports?: string[]; rulesOut?: string[] }][]) {
    for (const f of meaning.supports ?? []) supports.push(`${f} ${idea.subject} if ${kind}`);
    for (const f of meaning.rulesOut ?? []) rulesOut.push(`${f} ${idea.subject} if ${kind}`);
  }
  return { supports, rulesOut };
}
