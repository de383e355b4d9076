/**
 * Shared checks for faults on the path to a dependency: whether the dependency's own logs are free of
 * errors, and the probes that measure the path.
 */
import type { ProbeIdea } from '../finding';
import type { Incident } from '../incident';

/** True when `component` wrote logs and none of its templates is an error or a symptom. */
export function quietOwnLogs(incident: Incident, component: string): boolean {
  const own = incident.logs.templates.filter((t) => t.owner && incident.topology.componentFor(t.owner) === component);
  if (own.length === 0) return false;
  const symptomatic = new Set(incident.hits.filter((h) => h.owner === component).map((h) => h.template));
  return own.every((t) => t.severityNumber < 17 && !symptomatic.has(t));
}

/** Probes that measure the path to `component`. */
export function dependencyProbes(incident: Incident, component: string, what: 'latency' | 'loss'): ProbeIdea[] {
  const ref = incident.topology.references.find((r) => incident.topology.resolve(r.host)?.component === component);
  const host = ref?.host ?? component;
  const url = ref ? `http://${ref.host}:${ref.port}/` : `http://${component}/`;
  const probes: ProbeIdea[] = [{ argv: ['curl', '-sS', '-I', '-m', '10', '-w', '%{time_connect} %{time_starttransfer}\\n', url], why: `measures how long ${component} takes to accept and answer` }];
  probes.push(what === 'latency'
    ? { argv: ['ping', '-c', '5', host], why: `shows the round-trip time to ${component}` }
    : { argv: ['ping', '-c', '20', host], why: `shows packet loss on the path to ${component}` });
  return probes;
}
