/**
 * Merges findings into ranked hypotheses: findings with the same fault and component combine as
 * independent evidence (noisy-or), evidence is de-duplicated, and a `none` hypothesis carries the
 * probability that nothing is wrong.
 */
import { RCA_BY_FAULT, type AppliedGuidance, type Evidence, type Hypothesis, type ProbeSuggestion } from '../../protocol';
import type { Finding } from '../../analyzers/finding';
import { calibrate } from './calibration';
import { redactQuote } from './quote-redaction';
import { readings } from '../probes/catalog/verdicts';
import type { FixIdea } from '../executor/fix-idea';

/** Most evidence items kept per hypothesis. */
const MAX_EVIDENCE = 8;
/** Confidence of `none` when no analyzer found anything in readable input. */
const HEALTHY_CONFIDENCE = 0.85;
/** Hypotheses below the top one get fixes proposed only from this calibrated confidence up. */
const FIX_CONFIDENCE = 0.5;

/** A fix idea of a hypothesis worth fixing, with the hypothesis it removes. */
export interface RankedFixIdea {
  idea: FixIdea;
  fault: Hypothesis['fault'];
  component: string;
  confidence: number;
  evidence: Evidence[];
}

/** Ranked hypotheses, the probes they suggest and the fixes of the ones confident enough to fix. */
export interface RankedFindings {
  hypotheses: Hypothesis[];
  probes: ProbeSuggestion[];
  fixIdeas: RankedFixIdea[];
  /** The team guidance that applied (guidance.ts), when guidance was given. */
  guidance?: AppliedGuidance[];
}

/**
 * Ranked hypotheses (highest confidence first) and the probes their findings suggest. Confidences are
 * calibrated (calibration.ts) unless `raw` is set, which gives the analyzers' combined strengths.
 */
export function rankFindings(findings: Finding[], options: { raw?: boolean } = {}): RankedFindings {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = `${f.fault}\u0000${f.component}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  // Evidence against a hypothesis discounts it; on its own it makes none.
  for (const [key, group] of groups) if (group.every((f) => f.refutes)) groups.delete(key);
  const hypotheses: Hypothesis[] = [];
  const probes: ProbeSuggestion[] = [];
  const probeKeys = new Set<string>();
  for (const group of groups.values()) {
    const sorted = [...group].sort((a, b) => Number(a.refutes ?? false) - Number(b.refutes ?? false) || b.strength - a.strength);
    const support = 1 - sorted.filter((f) => !f.refutes).reduce((p, f) => p * (1 - f.strength), 1);
    const confidence = sorted.filter((f) => f.refutes).reduce((c, f) => c * (1 - f.strength), support);
    hypotheses.push({
      fault: sorted[0]!.fault,
      component: sorted[0]!.component,
      confidence: round(Math.min(confidence, 0.99)),
      rca: RCA_BY_FAULT[sorted[0]!.fault],
      explanation: [...[...new Set(causesFirst(sorted.filter((f) => !f.refutes)).map((f) => named(f.summary, f.component)))].slice(0, 2), ...sorted.filter((f) => f.refutes).slice(0, 1).map((f) => f.summary)].join(' '),
      evidence: byRole(dedupe(sorted.flatMap((f) => f.evidence))).slice(0, MAX_EVIDENCE),
    });
  }
  hypotheses.sort((a, b) => b.confidence - a.confidence || a.component.localeCompare(b.component));
  for (const h of hypotheses) {
    for (const f of groups.get(`${h.fault}\u0000${h.component}`)!) {
      for (const p of f.probes ?? []) {
        const key = p.argv.join('\u0000');
        if (probeKeys.has(key)) continue;
        probeKeys.add(key);
        const { supports, rulesOut } = readings(p);
        probes.push({ argv: p.argv, why: p.why, status: 'proposed', id: p.id, ...(supports.length ? { supports } : {}), ...(rulesOut.length ? { rulesOut } : {}) });
      }
    }
  }
  const top = hypotheses[0]?.confidence ?? 0;
  const none: Hypothesis = {
    fault: 'none',
    component: '',
    confidence: round(hypotheses.length === 0 ? HEALTHY_CONFIDENCE : Math.max(0.01, 1 - top)),
    rca: RCA_BY_FAULT.none,
    explanation:
      hypotheses.length === 0
        ? 'No analyzer found evidence of a fault: configs are consistent and the logs show no failure they recognise.'
        : 'The evidence for a fault may have another, harmless explanation.',
    evidence: [],
  };
  const ranked = [...hypotheses, none].sort((a, b) => b.confidence - a.confidence);
  if (!options.raw) for (const h of ranked) h.confidence = round(calibrate(h.confidence));
  return { hypotheses: ranked, probes, fixIdeas: fixIdeasOf(ranked, groups) };
}

/**
 * The fix ideas of the hypotheses worth fixing: the top one (unless it is `none`) and the others above `none`
 * from FIX_CONFIDENCE up. Ideas of stronger findings first; the same change is proposed once.
 */
function fixIdeasOf(ranked: Hypothesis[], groups: Map<string, Finding[]>): RankedFixIdea[] {
  const noneAt = ranked.findIndex((h) => h.fault === 'none');
  const worth = ranked.filter((h, i) => h.fault !== 'none' && (i === 0 || (i < noneAt && h.confidence >= FIX_CONFIDENCE)));
  const out: RankedFixIdea[] = [];
  const seen = new Set<string>();
  for (const h of worth) {
    const group = [...(groups.get(`${h.fault}\u0000${h.component}`) ?? [])].filter((f) => f.fix && !f.refutes).sort((a, b) => b.strength - a.strength);
    for (const f of group) {
      const key = JSON.stringify(f.fix);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ idea: f.fix!, fault: h.fault, component: h.component, confidence: h.confidence, evidence: h.evidence });
    }
  }
  return out;
}

/** A finding's sentence that starts "Its ..." or "It ..." (it reads after another one) names its component instead. */
function named(summary: string, component: string): string {
  return summary.replace(/^Its\b/, `${component}'s`).replace(/^It\b/, component);
}

function dedupe(evidence: Evidence[]): Evidence[] {
  const seen = new Map<string, Evidence>();
  for (const e of evidence) {
    const key = `${e.file}:${e.line}`;
    if (!seen.has(key)) seen.set(key, { ...e, text: redactQuote(e.text) });
  }
  return [...seen.values()];
}

/** Findings that name the wrong value explain best: they come first, then the rest by strength. */
function causesFirst(findings: Finding[]): Finding[] {
  const hasCause = (f: Finding): number => (f.evidence.some((e) => e.role === 'cause') ? 0 : 1);
  return [...findings].sort((a, b) => hasCause(a) - hasCause(b) || b.strength - a.strength);
}

const ROLE_ORDER = { cause: 0, symptom: 1, context: 2 } as const;

/** The wrong values first, then what they caused, then the other side (stable within a role). */
function byRole(evidence: Evidence[]): Evidence[] {
  return [...evidence].sort((a, b) => ROLE_ORDER[a.role ?? 'context'] - ROLE_ORDER[b.role ?? 'context']);
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
