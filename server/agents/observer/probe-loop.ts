/**
 * The observer's probe loop: take the next probe the ranked hypotheses suggest, have it answered (replayed
 * from a recording, or run by the runner), add its output to the evidence, rank again, and say what changed;
 * up to a number of probes. The observer itself never runs anything: `answer` does, and it goes through
 * the read-only policy.
 */
import type { Hypothesis, ProbeSuggestion } from '../../protocol';
import type { ProbeOutcome } from '../probes/outcome';
import type { RankedFindings } from './rank';

/** A ranking: hypotheses, the probes they suggest and the fixes worth proposing. */
export type Ranking = RankedFindings;

/** Most characters of a probe's output kept in the diagnosis. */
const OUTPUT_CHARS = 4000;

/**
 * Runs up to `max` probes. `rank` ranks the incident with the outcomes so far; `answer` answers one argv.
 * Returns the last ranking, with every probe's status, output and effect filled in.
 */
export async function probeLoop(first: Ranking, rank: (outcomes: ProbeOutcome[]) => Ranking, answer: (argv: string[]) => Promise<ProbeOutcome> | ProbeOutcome, max: number): Promise<Ranking> {
  let current = first;
  const outcomes: ProbeOutcome[] = [];
  const done = new Map<string, ProbeSuggestion>();
  for (let i = 0; i < max; i++) {
    const next = current.probes.find((p) => !done.has(key(p.argv)) && p.status === 'proposed');
    if (!next) break;
    const outcome = await answer(next.argv);
    outcomes.push(outcome);
    const before = current.hypotheses;
    if (outcome.status === 'replayed' || outcome.status === 'ran') current = rank(outcomes);
    done.set(key(next.argv), toSuggestion(next, outcome, effectOf(before, current.hypotheses)));
  }
  return merged(current, done);
}

/**
 * The ranking after answers already obtained (probes an engineer ran from the editor), in the order they were
 * run, each with what it changed. Answers to probes no hypothesis proposes still count as evidence.
 */
export function withAnswers(first: Ranking, rank: (outcomes: ProbeOutcome[]) => Ranking, outcomes: readonly ProbeOutcome[]): Ranking {
  let current = first;
  const done = new Map<string, ProbeSuggestion>();
  outcomes.forEach((outcome, i) => {
    const proposed = current.probes.find((p) => key(p.argv) === key(outcome.argv)) ?? { argv: outcome.argv, why: 'run from the editor', status: 'proposed' as const };
    const before = current.hypotheses;
    if (outcome.status === 'replayed' || outcome.status === 'ran') current = rank(outcomes.slice(0, i + 1));
    done.set(key(outcome.argv), toSuggestion(proposed, outcome, effectOf(before, current.hypotheses)));
  });
  return merged(current, done);
}

/** `current`'s probes with the asked ones replaced by their answers, the asked ones first in the order asked. */
function merged(current: Ranking, done: Map<string, ProbeSuggestion>): Ranking {
  const probes = current.probes.map((p) => done.get(key(p.argv)) ?? p);
  for (const [k, s] of done) if (!current.probes.some((p) => key(p.argv) === k)) probes.push(s);
  const asked = [...done.values()];
  const askedKeys = new Set(done.keys());
  return { ...current, probes: [...asked, ...probes.filter((p) => !askedKeys.has(key(p.argv)))] };
}

function toSuggestion(p: ProbeSuggestion, o: ProbeOutcome, effect: string): ProbeSuggestion {
  const out: ProbeSuggestion = { argv: p.argv, why: p.why, status: o.status };
  if (p.id) out.id = p.id;
  if (p.supports) out.supports = p.supports;
  if (p.rulesOut) out.rulesOut = p.rulesOut;
  if (o.exitCode !== undefined) out.exitCode = o.exitCode;
  const text = `${o.stdout}${o.stderr}`;
  if (text !== '') out.output = text.length > OUTPUT_CHARS ? `${text.slice(0, OUTPUT_CHARS)}\n… (${text.length - OUTPUT_CHARS} more characters)` : text;
  if (o.status === 'refused' || o.status === 'not recorded') out.output = o.reason;
  else if (o.status !== 'ran' && o.status !== 'replayed') out.output = `${o.reason}${text ? `\n${out.output ?? ''}` : ''}`;
  if (effect) out.effect = effect;
  return out;
}

/** "port_misconfig cart 84% -> 93%; service_down cart 30% -> 5%": the hypotheses whose confidence moved by 5 points or more. */
export function effectOf(before: Hypothesis[], after: Hypothesis[]): string {
  const id = (h: Hypothesis): string => `${h.fault} ${h.component}`.trim();
  const old = new Map(before.map((h) => [id(h), h.confidence]));
  const moved: string[] = [];
  for (const h of after) {
    const was = old.get(id(h)) ?? 0;
    if (Math.abs(h.confidence - was) >= 0.05) moved.push(`${id(h)} ${pct(was)} -> ${pct(h.confidence)}`);
  }
  for (const [name, was] of old) if (!after.some((h) => id(h) === name) && was >= 0.05) moved.push(`${name} ${pct(was)} -> 0%`);
  return moved.slice(0, 4).join('; ');
}

function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}

function key(argv: string[]): string {
  return argv.join('\u0000');
}
