/**
 * service_down: a service is not running at all (stopped, scaled to zero, killed, not started). Callers
 * refused on the port the service is configured to listen on, proxies with no live upstream, and the
 * service's own stop messages name it; zero replicas in its manifest, 0/0 ready, an inactive unit or an
 * exited container, and its logs falling silent long before the others' are the cause evidence. The fix
 * scales it back or starts it again (fixes/service-restore-fixes.ts).
 */
import type { Evidence } from '../../protocol';
import { isLoopback } from '../../ingest/config/endpoints';
import { analyzePorts } from '../port-misconfig';
import type { Finding } from '../finding';
import type { Incident } from '../incident';
import { cause, groupFinding, groupHits, reporters, times } from '../symptom-findings';
import { lineSubject, workloadOf } from '../workloads';
import { proposals } from '../probe-target';
import { replicaFix, serviceStartFix } from '../fixes/service-restore-fixes';

/** A component whose logs end this share of the window before the others' is silent. */
const SILENT_SHARE = 0.2;

/** Findings of service_down. */
export function analyzeServiceDown(incident: Incident): Finding[] {
  const findings: Finding[] = [];
  const { topology } = incident;
  // Refusals that a wrong port in the configs explains belong to port_misconfig, not to a dead service.
  const misconfigured = new Set(
    analyzePorts({ topology, services: incident.facts.services, workloads: incident.facts.workloads, refused: [] })
      .filter((f) => f.evidence.some((e) => e.role === 'cause'))
      .map((f) => f.component),
  );
  for (const signal of incident.refused) {
    if (!signal.host) continue;
    const byPort = signal.port !== undefined && (isLoopback(signal.host) || /^[\d.]+$|:/.test(signal.host)) ? topology.componentOnPort(signal.port) : undefined;
    const target = topology.resolve(signal.host) ?? (byPort ? topology.resolve(byPort) ?? { component: byPort } : undefined);
    if (!target) continue;
    const { ports } = topology.reachablePorts(target);
    if (signal.port !== undefined && ports.size > 0 && !ports.has(signal.port)) continue; // a port mismatch, not a dead service
    const caller = signal.owner ? topology.componentFor(signal.owner) : 'a caller';
    if (misconfigured.has(target.component) || misconfigured.has(caller)) continue;
    findings.push({
      fault: 'service_down',
      component: target.component,
      strength: Math.min(0.6, 0.3 + 0.06 * Math.log2(signal.count + 1)),
      summary: `${caller} is refused by ${target.component}${signal.port ? ` on its configured port ${signal.port}` : ''} (${times(signal.count)}): nothing is listening there.`,
      evidence: [{ ...signal.first, count: signal.count, note: `connection to ${signal.host}:${signal.port ?? '?'} refused ${times(signal.count)}`, role: 'symptom' }],
      probes: proposals(incident, 'service_down', target.component),
    });
  }
  for (const group of groupHits(incident, 'service_down', (h) => (h.symptom.subject === 'owner' ? lineSubject(incident, h.owner, h.text) : h.target?.component ?? h.target?.name))) {
    const stopped = group.hits.every((h) => h.symptom.id === 'stopped');
    findings.push(groupFinding('service_down', group, stopped ? `${group.component} was stopped (${times(group.count)}).` : `${reporters(group)} find nothing serving ${group.component} (${times(group.count)}).`, proposals(incident, 'service_down', group.component), stopped ? group.strength * 0.7 : group.strength));
  }
  const candidates = new Set(findings.map((f) => f.component));
  for (const component of candidates) {
    const state = stateFindings(incident, component);
    // Only a service whose state shows it not running is started or scaled back; the fix rides on that evidence.
    const strongest = state.reduce<Finding | undefined>((best, f) => (!best || f.strength > best.strength ? f : best), undefined);
    const fix = strongest ? (replicaFix(incident, component) ?? serviceStartFix(incident, component, incident.hits.filter((h) => h.symptom.fault === 'service_down' && h.symptom.subject === 'owner' && lineSubject(incident, h.owner, h.text) === component))) : undefined;
    findings.push(...state.map((f) => (f === strongest && fix ? { ...f, fix } : f)));
  }
  return findings;
}

/** Evidence that `component` is not running: zero replicas, 0 ready, an inactive unit, an exited container, silence. */
function stateFindings(incident: Incident, component: string): Finding[] {
  const out: Finding[] = [];
  const add = (strength: number, summary: string, evidence: Evidence): void => void out.push({ fault: 'service_down', component, strength, summary, evidence: [evidence] });
  const workload = workloadOf(incident, component);
  if (workload?.replicas?.value === 0) add(0.45, `Its manifest sets replicas: 0.`, cause(workload.replicas.evidence, 'replicas: 0'));
  const state = incident.runtime.workloads.find((w) => incident.topology.componentFor(w.name) === component);
  if (state?.ready && state.ready.total === 0) add(0.4, `${state.kind} ${state.name} has 0 desired replicas.`, cause(state.evidence, `${state.name} ${state.ready.ready}/${state.ready.total} ready`));
  else if (state?.ready && state.ready.ready === 0) add(0.25, `${state.kind} ${state.name} has no ready replica.`, cause(state.evidence, `${state.name} 0/${state.ready.total} ready`));
  const unit = incident.runtime.units.find((u) => incident.topology.componentFor(u.name.replace(/\.service$/, '')) === component);
  if (unit && /inactive|failed/.test(unit.active) && !unit.restarts) add(0.4, `Unit ${unit.name} is ${unit.active}${unit.sub ? ` (${unit.sub})` : ''}.`, cause(unit.evidence, `${unit.name} ${unit.active}`));
  const container = incident.runtime.pods.find((p) => incident.topology.componentFor(p.workload) === component && /^Exited/i.test(p.status));
  if (container && (container.lastTermination?.exitCode ?? 0) === 0) add(0.35, `Its container ${container.name} has exited.`, cause(container.evidence, `${container.name} ${container.status}`));
  const silent = silence(incident, component);
  if (silent) add(0.2, silent.summary, silent.evidence);
  return out;
}

/** The component's logs end well before the incident's other logs do. */
function silence(incident: Incident, component: string): { summary: string; evidence: Evidence } | undefined {
  const window = incident.logs.window;
  const act = incident.logs.activity.get(component);
  if (!window || !act?.last || window.end <= window.start) return undefined;
  if ((window.end - act.last) / (window.end - window.start) < SILENT_SHARE) return undefined;
  const last = incident.logs.templates.filter((t) => t.owner === component && t.lastTime).sort((a, b) => (a.lastTime! < b.lastTime! ? 1 : -1))[0];
  if (!last?.examples[0]) return undefined;
  const ex = last.examples.at(-1)!;
  return { summary: `Its logs stop at ${new Date(act.last).toISOString()}, ${Math.round((window.end - act.last) / 60000)} minutes before the others'.`, evidence: { ...ex, note: `last log line of ${component}`, role: 'symptom' } };
}
