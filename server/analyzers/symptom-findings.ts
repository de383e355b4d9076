/**
 * Turns symptom hits into findings: hits are grouped by the component they are about, and the templates of
 * one group combine with diminishing weight (ten shapes of the same timeout are not ten independent proofs).
 */
import type { Evidence, FaultLabel } from '../protocol';
import type { Finding, ProbeIdea } from './finding';
import { hitsOf, type Incident } from './incident';
import { subjectOf, type SymptomHit } from './symptoms/match';

/** Hits grouped by subject component. */
export interface HitGroup {
  component: string;
  hits: SymptomHit[];
  /** Combined strength of the group's hits. */
  strength: number;
  /** Total occurrences over the group's templates. */
  count: number;
}

/** Each further template of a group counts this much less than the one before. */
const DECAY = 0.5;

/**
 * The hits of `fault`, grouped by `subject` (default: the hit's own subject), strongest group first. With
 * `foldUnknown`, hits about something the topology does not know (a node, a bare process name like `java`)
 * join the strongest group about a known component: they are the same event seen from the host's side.
 */
export function groupHits(incident: Incident, fault: FaultLabel, subject: (h: SymptomHit) => string | undefined = subjectOf, foldUnknown = false): HitGroup[] {
  const groups = new Map<string, SymptomHit[]>();
  for (const hit of hitsOf(incident, fault)) {
    const component = subject(hit);
    if (!component) continue;
    groups.set(component, [...(groups.get(component) ?? []), hit]);
  }
  if (foldUnknown) {
    const known = (c: string): boolean => incident.topology.resolve(c) !== undefined;
    const strongest = [...groups].filter(([c]) => known(c)).sort((a, b) => combine(b[1].map((h) => h.strength)) - combine(a[1].map((h) => h.strength)))[0];
    if (strongest) {
      for (const [c, hits] of [...groups]) {
        if (known(c)) continue;
        strongest[1].push(...hits);
        groups.delete(c);
      }
    }
  }
  return [...groups].map(([component, hits]) => ({ component, hits: sortHits(hits), strength: combine(hits.map((h) => h.strength)), count: hits.reduce((n, h) => n + h.template.count, 0) })).sort((a, b) => b.strength - a.strength);
}

/** Strengths combined with diminishing weight: the strongest counts fully, the next half, ... */
export function combine(strengths: number[]): number {
  const sorted = [...strengths].sort((a, b) => b - a);
  let miss = 1;
  sorted.forEach((s, i) => (miss *= 1 - s * DECAY ** i));
  return 1 - miss;
}

/** A finding from a group of hits, with its evidence (most frequent templates first). */
export function groupFinding(fault: FaultLabel, group: HitGroup, summary: string, probes: ProbeIdea[] = [], strength = group.strength): Finding {
  const finding: Finding = { fault, component: group.component, strength, summary, evidence: group.hits.slice(0, 4).map((h) => h.evidence) };
  if (probes.length > 0) finding.probes = probes;
  return finding;
}

/** "3 times" / "once". */
export function times(n: number): string {
  return n === 1 ? 'once' : `${n} times`;
}

/** Who logged the group's hits: "orders and web" or "the logs". */
export function reporters(group: HitGroup): string {
  const names = [...new Set(group.hits.map((h) => h.owner).filter((o): o is string => !!o && o !== group.component))];
  return names.length === 0 ? group.component : names.slice(0, 3).join(', ');
}

/** Config evidence with a role and a note. */
export function cause(evidence: Evidence, note: string): Evidence {
  return { ...evidence, note, role: 'cause' };
}

/** Context evidence (the other side of a cross-file check). */
export function context(evidence: Evidence, note: string): Evidence {
  return { ...evidence, note, role: 'context' };
}

function sortHits(hits: SymptomHit[]): SymptomHit[] {
  return [...hits].sort((a, b) => b.strength - a.strength || b.template.count - a.template.count);
}
