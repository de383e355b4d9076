/**
 * Matches the symptom catalog against the templates of the logs: each template is tested once, on its first
 * example line, and yields at most one hit per fault, with the component it is about.
 */
import type { Evidence } from '../../protocol';
import type { OwnedTemplate } from '../../ingest/log-evidence';
import type { Topology } from '../topology';
import { SYMPTOMS, type Symptom } from './catalog';
import { targetOf, type LineTarget } from './targets';

/** A template that shows a symptom. */
export interface SymptomHit {
  symptom: Symptom;
  template: OwnedTemplate;
  /** The component whose logs show it (canonical name), when known. */
  owner: string | undefined;
  /** The text the symptom matched: the example line, or a runtime row's description. */
  text: string;
  /** The dependency the line names, for symptoms about a target. */
  target?: LineTarget;
  /** Strength of this template's support: the symptom's, more for repeats, less for info-level lines. */
  strength: number;
  /** The first example, as symptom evidence with its count. */
  evidence: Evidence;
}

/** Every symptom hit in `templates`. */
export function matchSymptoms(templates: OwnedTemplate[], topology: Topology): SymptomHit[] {
  const hits: SymptomHit[] = [];
  for (const template of templates) {
    const example = template.examples[0];
    if (!example) continue;
    const text = template.described ?? template.sample ?? example.text;
    const faults = new Set<string>();
    for (const symptom of SYMPTOMS) {
      if (faults.has(symptom.fault) || !symptom.pattern.test(text) || symptom.unless?.test(text)) continue;
      faults.add(symptom.fault);
      const owner = template.owner ? topology.componentFor(template.owner) : undefined;
      const hit: SymptomHit = {
        symptom,
        template,
        owner,
        text,
        strength: strengthOf(symptom, template),
        evidence: evidenceOf(symptom, template, example),
      };
      if (symptom.subject === 'target') {
        const target = targetOf(text, topology, template.owner);
        if (target) hit.target = target;
      }
      hits.push(hit);
    }
  }
  return hits;
}

/** The component a hit is about: its target for dependency symptoms (when named), else the log's owner. */
export function subjectOf(hit: SymptomHit): string | undefined {
  if (hit.symptom.subject === 'target') return hit.target?.component ?? hit.target?.name ?? hit.owner;
  return hit.owner;
}

/**
 * A template's support: the symptom's strength, a little more for repeats, less for info-level lines. Trouble
 * with a dependency seen once or twice (a timeout, a reset, a refused login) is what healthy systems log
 * too, so such symptoms count fully only when they repeat; a component's own trouble seen once counts a
 * little less than when it repeats.
 */
function strengthOf(symptom: Symptom, t: OwnedTemplate): number {
  const repeats = Math.min(0.2, 0.07 * Math.log10(t.count));
  const quiet = t.severityNumber > 0 && t.severityNumber < 13 && symptom.fault !== 'service_down' ? 0.75 : 1;
  const repeat = Math.min(1, Math.log10(t.count) / 1.3);
  const fatal = t.severityNumber >= 21;
  const transient = symptom.subject === 'target' ? 0.6 + 0.4 * repeat : fatal ? 1 : 0.8 + 0.2 * repeat;
  return Math.min(0.9, (symptom.strength + repeats) * quiet * transient);
}

function evidenceOf(symptom: Symptom, t: OwnedTemplate, example: Evidence): Evidence {
  const span = t.firstTime && t.lastTime && t.count > 1 ? ` from ${t.firstTime} to ${t.lastTime}` : '';
  const times = t.count === 1 ? 'once' : `${t.count} times`;
  return { ...example, count: t.count, note: `${symptom.note}: ${times}${span}`, role: 'symptom' };
}
