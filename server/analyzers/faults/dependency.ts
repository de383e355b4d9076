/**
 * Shared checks for faults on the path to a dependency: whether the dependency's own logs are free of
 * errors, and the probes that measure the path.
 */
import type { ProbeIdea } from '../finding';
import type { Incident } from '../incident';
import { proposals } from '../probe-target';

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
