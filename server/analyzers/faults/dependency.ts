/**
 * Shared checks for faults on the path to a dependency: whether the dependency's own logs are free of
 * errors, the probes that measure the path, and the fault injectors (with their fixes) aimed at it.
 */
import type { Finding, ProbeIdea } from '../finding';
import type { Incident } from '../incident';
import { proposals } from '../probe-target';
import { trafficFaultFixes } from '../fixes/traffic-fault-fix';

/** Support of one declared fault injector aimed at the dependency. */
const INJECTOR_STRENGTH = 0.3;

/** True when `component` wrote logs and none of its templates is an error or a symptom. */
export function quietOwnLogs(incident: Incident, component: string): boolean {
  const own = incident.logs.templates.filter((t) => t.owner && incident.topology.componentFor(t.owner) === component);
  if (own.length === 0) return false;
  const symptomatic = new Set(incident.hits.filter((h) => h.owner === component).map((h) => h.template));
  return own.every((t) => t.severityNumber < 17 && !symptomatic.has(t));
}

/** Probes that measure the path to `component`. */
export function dependencyProbes(incident: Incident, component: string, what: 'latency' | 'loss'): ProbeIdea[] {
  return proposals(incident, what === 'latency' ? 'network_delay' : 'network_loss', component);
}

/**
 * Findings of the fault injectors aimed at `component` (fixes/traffic-fault-fix.ts), each carrying the fix
 * that removes it; an injector counts once as evidence, however many fixes it has.
 */
export function injectorFindings(incident: Incident, component: string, fault: 'network_delay' | 'network_loss', effect: 'delay' | 'loss'): Finding[] {
  const counted = new Set<string>();
  return trafficFaultFixes(incident, component, effect).map((i) => {
    const key = `${i.evidence.file}:${i.evidence.line}`;
    const strength = counted.has(key) || !i.effectKnown ? 0 : INJECTOR_STRENGTH;
    counted.add(key);
    return { fault, component, strength, summary: i.summary, evidence: [i.evidence], fix: i.fix };
  });
}
