/**
 * Lookups shared by analyzers: the declared workload behind a component name, and the subject a system log
 * line is about (`kernel: Killed process 4312 (gunicorn)`, `orders.service: Main process exited`).
 */
import type { WorkloadFact } from '../ingest/config/facts';
import type { Incident } from './incident';
import { mentionedComponents } from './symptoms/targets';

/** The workload (Kubernetes object, compose service, Dockerfile) declared for `component`, preferring real deployables. */
export function workloadOf(incident: Incident, component: string): WorkloadFact | undefined {
  const all = incident.facts.workloads.filter((w) => w.name === component || incident.topology.componentFor(w.name) === component);
  return all.find((w) => w.kind !== 'Dockerfile') ?? all[0];
}

/** Writers whose lines are about another component. */
const SYSTEM_WRITERS = new Set(['kernel', 'systemd', 'kubelet', 'containerd', 'dockerd', 'docker', 'init', 'supervisord', 'pm2', 'journal']);

/**
 * The component a line is about: for lines of system writers (kernel, systemd, kubelet), the unit, process
 * or component the line names; otherwise the line's owner.
 */
export function lineSubject(incident: Incident, owner: string | undefined, text: string): string | undefined {
  if (owner && !SYSTEM_WRITERS.has(owner.toLowerCase())) return owner;
  const unit = /([\w@.-]+?)\.service\b/.exec(text)?.[1];
  if (unit) return incident.topology.componentFor(unit.replace(/@.*$/, ''));
  const process = /Killed process \d+ \(([^)]+)\)|process \d+ \(([^)]+)\)/.exec(text);
  const name = process?.[1] ?? process?.[2];
  if (name) {
    const r = incident.topology.resolve(name);
    if (r) return r.component;
  }
  const mentioned = mentionedComponents(text, incident.topology);
  if (mentioned.length > 0) return mentioned[0];
  return name ?? owner;
}
