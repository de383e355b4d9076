/**
 * Team guidance at diagnosis time. An entry (trajectories/evolver/) says: when an incident looked like this
 * and the agent concluded fault X, people found fault Y instead. It applies to the incident at hand when its
 * wrong fault is among the current top hypotheses and its signature is close to what the incident shows: each
 * signature template and note is compared with the incident's templates and top evidence notes, masked the
 * same way, as sets of words (Jaccard), and the mean of the best matches must reach MATCH. Its conclusion is
 * then placed in this incident (the same component as the wrong hypothesis, the caller that logged about it,
 * the target it called, or a component of that name) and becomes two findings: support for the conclusion and
 * a discount (`refutes`) of the wrong hypothesis, both pointing at the line of the matching template. Pure.
 */
import type { AppliedGuidance, Evidence, Hypothesis } from '../../protocol';
import type { Finding } from '../../analyzers/finding';
import type { GuidanceEntry } from '../../trajectories/evolver/guidance-entry';
import { jaccard, maskText, mentions, nameSet, namesIn, tokenSet } from '../../trajectories/evolver/symptom-signature';
import { rankFindings, type RankedFindings } from './rank';

/** Mean best similarity of a signature's items from which an entry applies. */
const MATCH = 0.5;
/** A signature template matches an incident template from this similarity: the line the guidance points at. */
const ANCHOR = 0.4;
/** The hypotheses (above `none`) a wrong fault must be among. */
const TOP = 3;
/** Incident templates compared, the most severe and frequent first. */
const TEMPLATES = 200;
/** Hypotheses whose evidence notes are compared (the recorder keeps those of the first five). */
const NOTE_HYPOTHESES = 5;

/** A log template of the incident, as the log reader gives it. */
export interface IncidentTemplate {
  template: string;
  count: number;
  owner?: string | undefined;
  severityNumber: number;
  examples: Evidence[];
}

/** What guidance is matched against: the incident's templates, the unguided ranking, its components. */
export interface GuidanceIncident {
  templates: readonly IncidentTemplate[];
  hypotheses: readonly Hypothesis[];
  components: readonly string[];
}

/** An entry that applies, placed in the incident. */
export interface GuidanceMatch {
  entry: GuidanceEntry;
  similarity: number;
  wrong: { fault: Hypothesis['fault']; component: string };
  concluded: { fault: Hypothesis['fault']; component: string };
  /** The line of the incident template that matched the signature best. */
  evidence: Evidence;
}

/** The entries of `entries` that apply to `incident`, by id. */
export function matchGuidance(entries: readonly GuidanceEntry[], incident: GuidanceIncident): GuidanceMatch[] {
  const noneAt = incident.hypotheses.findIndex((h) => h.fault === 'none');
  const top = incident.hypotheses.slice(0, noneAt < 0 ? undefined : noneAt).slice(0, TOP);
  const known = new Map<string, string>();
  for (const c of [...incident.templates.map((t) => t.owner ?? ''), ...incident.hypotheses.map((h) => h.component), ...incident.components]) if (c) known.set(c.toLowerCase(), c);
  const names = nameSet(known.keys());
  const templates = [...incident.templates]
    .filter((t) => t.examples.length > 0)
    .sort((a, b) => b.severityNumber - a.severityNumber || b.count - a.count)
    .slice(0, TEMPLATES)
    .map((t) => ({ t, words: tokenSet(maskText(t.template, names)) }));
  const notes = [...new Set(incident.hypotheses.filter((h) => h.fault !== 'none').slice(0, NOTE_HYPOTHESES).flatMap((h) => h.evidence.map((e) => e.note ?? '')))]
    .filter((n) => n !== '')
    .map((n) => tokenSet(maskText(n, names)));
  const out: GuidanceMatch[] = [];
  for (const entry of [...entries].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const wrong = top.find((h) => h.fault === entry.signature.fault);
    if (!wrong) continue;
    const anchors = entry.signature.templates.map((s) => best(tokenSet(s), templates));
    const scores = [...anchors.map((a) => a.score), ...entry.signature.notes.map((s) => Math.max(0, ...notes.map((n) => jaccard(tokenSet(s), n))))];
    const similarity = scores.reduce((a, b) => a + b, 0) / Math.max(1, scores.length);
    const matched = anchors.filter((a) => a.score >= ANCHOR && a.template).map((a) => a.template!);
    if (similarity < MATCH || (entry.signature.templates.length > 0 && matched.length === 0)) continue;
    const component = place(entry, wrong, matched, incident.templates, known);
    if (component === undefined || (component === wrong.component && entry.conclusion.fault === wrong.fault)) continue;
    const evidence = matched[0]?.examples[0] ?? wrong.evidence[0];
    if (!evidence) continue;
    out.push({ entry, similarity: round(similarity), wrong: { fault: wrong.fault, component: wrong.component }, concluded: { fault: entry.conclusion.fault, component }, evidence });
  }
  return out;
}

/** The findings of a match: support for its conclusion, a discount of the wrong hypothesis. */
export function guidanceFindings(m: GuidanceMatch): Finding[] {
  const { entry } = m;
  const agreement = entry.support / (entry.support + entry.dissent);
  const more = 0.05 * Math.log2(entry.support);
  const who = [...new Set(entry.provenance.map((p) => p.by))].join(', ');
  const evidence: Evidence = { ...m.evidence, note: `looks like the incidents of team guidance ${entry.id} (${entry.support} episode${entry.support === 1 ? '' : 's'})`, role: 'symptom' };
  return [
    { fault: m.concluded.fault, component: m.concluded.component, strength: round(agreement * Math.min(0.9, 0.45 + 0.4 * m.similarity + more)), summary: `Team guidance: ${entry.text}`, evidence: [evidence] },
    { fault: m.wrong.fault, component: m.wrong.component, strength: round(agreement * Math.min(0.8, 0.2 + 0.5 * m.similarity + more)), summary: `Team guidance: ${m.wrong.fault} of ${m.wrong.component} was ruled out in similar incidents (${who}).`, evidence: [evidence], refutes: true },
  ];
}

/**
 * Ranks `findings` with the guidance that applies: the unguided ranking decides which entries match, their
 * findings join the others, and `guidance` says what each applied entry changed.
 */
export function rankWithGuidance(findings: Finding[], entries: readonly GuidanceEntry[], incident: Omit<GuidanceIncident, 'hypotheses'>, options: { raw?: boolean } = {}): RankedFindings {
  const plain = rankFindings(findings, options);
  const matches = matchGuidance(entries, { ...incident, hypotheses: plain.hypotheses });
  if (matches.length === 0) return { ...plain, guidance: [] };
  const guided = rankFindings([...findings, ...matches.flatMap(guidanceFindings)], options);
  return { ...guided, guidance: matches.map((m) => applied(m, plain.hypotheses, guided.hypotheses)) };
}

/** What the diagnosis reports of an applied entry. */
function applied(m: GuidanceMatch, before: readonly Hypothesis[], after: readonly Hypothesis[]): AppliedGuidance {
  const conf = (list: readonly Hypothesis[], h: { fault: string; component: string }): string => {
    const found = list.find((x) => x.fault === h.fault && x.component === h.component);
    return found ? `${Math.round(found.confidence * 100)}%` : 'absent';
  };
  const effect = [m.concluded, m.wrong].map((h) => `${h.fault} ${h.component} ${conf(before, h)} -> ${conf(after, h)}`).join('; ');
  const p = m.entry.provenance;
  const who = [...new Set(p.map((x) => x.by))].join(', ');
  const source = `${who} in ${m.entry.support} episode${m.entry.support === 1 ? '' : 's'} (first: session ${p[0]?.session ?? '?'} step ${p[0]?.seq ?? '?'}), signature similarity ${Math.round(m.similarity * 100)}%`;
  return { id: m.entry.id, text: m.entry.text, source, effect };
}

/** Where the conclusion's component is in this incident, or undefined when it cannot be placed. */
function place(entry: GuidanceEntry, wrong: Hypothesis, matched: readonly IncidentTemplate[], templates: readonly IncidentTemplate[], known: ReadonlyMap<string, string>): string | undefined {
  const w = wrong.component;
  const c = entry.conclusion;
  if (c.relation === 'same') return w;
  if (c.relation === 'named') return known.get((c.component ?? '').toLowerCase());
  if (c.relation === 'caller') {
    // The component whose log holds the wrong hypothesis' evidence, else a matched template's that names it.
    const lines = new Set(wrong.evidence.map((e) => `${e.file}:${e.line}`));
    const logged = templates.filter((t) => t.owner && t.owner !== w && t.examples.some((e) => lines.has(`${e.file}:${e.line}`)));
    const naming = matched.filter((t) => t.owner && t.owner !== w && mentions(t.template, w));
    return [...logged, ...naming][0]?.owner;
  }
  // target: a component the wrong one's matched templates (or its evidence) name.
  const names = new Set([...known.keys()].filter((n) => n !== w.toLowerCase()));
  const texts = [...matched.filter((t) => t.owner === w).map((t) => t.template), ...wrong.evidence.map((e) => e.text)];
  const named = texts.flatMap((t) => namesIn(t, names))[0];
  return named === undefined ? undefined : known.get(named);
}

/** The incident template closest to a signature template. */
function best(words: Set<string>, templates: readonly { t: IncidentTemplate; words: Set<string> }[]): { score: number; template?: IncidentTemplate } {
  let top: { score: number; template?: IncidentTemplate } = { score: 0 };
  for (const x of templates) {
    const score = jaccard(words, x.words);
    if (score > top.score) top = { score, template: x.t };
  }
  return top;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
