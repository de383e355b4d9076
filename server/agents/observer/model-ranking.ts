/**
 * Combines the model's scores with the expert rules' ranking. Each hypothesis `(fault, component)` gets the
 * model's joint probability `p(fault) * p(component)` (the component distribution is the items' localization
 * scores, the highest per component, normalised; `none` needs no component), and its combined confidence is
 * the weighted geometric mean `rule^(1-w) * model^w` with both floored at FLOOR, so neither side can veto.
 * The model's two most likely faults join as hypotheses on its most likely component when the rules lack
 * them. Proposed probes are reordered by the model's next-probe policy. Pure: no I/O.
 */
import { RCA_BY_FAULT, type Evidence, type FaultLabel, type Hypothesis } from '../../protocol';
import type { EvidenceItem } from '../../model/evidence-items';
import type { ModelScores } from '../../model/observer-model';
import type { Ranking } from './probe-loop';

/** Lowest probability either side contributes: a rule's silence or a model's doubt discounts, never zeroes. */
const FLOOR = 0.01;
/** Model-made hypotheses keep at most this many evidence items. */
const MAX_EVIDENCE = 4;

/** `ranking` rescored with `scores` of `items` at weight `w` (0: the rules' ranking unchanged, 1: the model's). */
export function combineWithModel(ranking: Ranking, items: readonly EvidenceItem[], scores: ModelScores, w: number): Ranking {
  const loc = componentDistribution(items, scores.items);
  const joint = (fault: FaultLabel, component: string): number => (scores.faults.get(fault) ?? 0) * (fault === 'none' ? 1 : (loc.get(component) ?? 0));
  const pool = (rule: number, model: number): number => round(Math.pow(Math.max(rule, FLOOR), 1 - w) * Math.pow(Math.max(model, FLOOR), w));
  const hypotheses: Hypothesis[] = ranking.hypotheses.map((h) => ({ ...h, confidence: pool(h.confidence, joint(h.fault, h.component)) }));
  const topComponent = [...loc.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const modelFaults = [...scores.faults.entries()].sort((a, b) => b[1] - a[1]).slice(0, 2);
  for (const [fault, p] of modelFaults) {
    const component = fault === 'none' ? '' : topComponent;
    if (component === undefined || hypotheses.some((h) => h.fault === fault && h.component === component)) continue;
    hypotheses.push({
      fault,
      component,
      confidence: pool(0, joint(fault, component)),
      rca: RCA_BY_FAULT[fault],
      explanation: `The model ranks ${fault}${component ? ` of ${component}` : ''} at ${Math.round(p * 100)}% from the evidence below; no expert rule matched it.`,
      evidence: evidenceOf(items, scores.items, component),
    });
  }
  hypotheses.sort((a, b) => b.confidence - a.confidence || a.component.localeCompare(b.component));
  const noneAt = hypotheses.findIndex((h) => h.fault === 'none');
  const above = new Set(hypotheses.slice(0, noneAt < 0 ? hypotheses.length : noneAt).map((h) => `${h.fault}\u0000${h.component}`));
  const policy = (id: string | undefined): number => (id ? (scores.actions.get(id) ?? 0) : 0);
  const order = ranking.probes.map((p, i) => ({ p, i }));
  order.sort((a, b) => Number(b.p.status === 'proposed') - Number(a.p.status === 'proposed') || (a.p.status === 'proposed' && b.p.status === 'proposed' ? policy(b.p.id) - policy(a.p.id) : 0) || a.i - b.i);
  return {
    ...ranking,
    hypotheses,
    probes: order.map((x) => x.p),
    fixIdeas: ranking.fixIdeas.filter((f) => above.has(`${f.fault}\u0000${f.component}`)),
  };
}

/** p(component): each component's highest item score, normalised over the components the items name. */
export function componentDistribution(items: readonly EvidenceItem[], itemScores: readonly number[]): Map<string, number> {
  const best = new Map<string, number>();
  items.forEach((item, i) => {
    if (item.component === '' || i >= itemScores.length) return;
    best.set(item.component, Math.max(best.get(item.component) ?? 0, itemScores[i]!));
  });
  const sum = [...best.values()].reduce((a, b) => a + b, 0);
  return new Map([...best].map(([c, s]) => [c, sum > 0 ? s / sum : 0]));
}

/** The file lines of `component`'s highest-scored items. */
function evidenceOf(items: readonly EvidenceItem[], itemScores: readonly number[], component: string): Evidence[] {
  return items
    .map((item, i) => ({ item, s: itemScores[i] ?? 0 }))
    .filter((x) => x.item.component === component && x.item.evidence)
    .sort((a, b) => b.s - a.s)
    .slice(0, MAX_EVIDENCE)
    .map((x) => x.item.evidence!);
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
