/**
 * Lookups shared by analyzers: the declared workload behind a component name, and the subject a system log
 * line is about (`kernel: Killed process 4312 (gunicorn)`, `orders.service: Main process exited`).
 */
import type { WorkloadFact } from '../ingest/config/facts';
import type { Incident } from './incident';
import { mentionedComponents, soleDependency } from './symptoms/targets';

/** A datastore's own error, passed on by a client's driver: `ERROR: could not extend file`, a SQLSTATE. */
const CLIENT_SIDE = /pool|Connection is not available|acquir/i;
const RELAYED = /\b(ERROR|FATAL|PANIC):\s|SQLSTATE|SQLState|SqlExceptionHelper|PSQLException|psycopg2?\.|\bMISCONF\b|\(5[0-9A-Z]{4}\)/;
/** A runtime's report of its own process's end (V8's `FATAL ERROR: ... heap out of memory`): never relayed. */
const OWN_PROCESS = /FATAL ERROR:|heap out of memory|Reached heap limit|OutOfMemoryError/i;
/** A supervisor's journal line about one of its units: `orders.service: Main process exited, ...`. */
const UNIT_PREFIX = /^\s*([\w@.-]+?)\.service:\s/;

/** The workload (Kubernetes object, compose service, Dockerfile) declared for `component`, preferring real deployables. */
export function workloadOf(incident: Incident, component: string): WorkloadFact | undefined {
  const all = incident.facts.workloads.filter((w) => w.name === component || incident.topology.componentFor(w.name) === component);
  return all.find((w) => w.kind !== 'Dockerfile') ?? all[0];
}

/** Writers whose lines are about another component. */
const SYSTEM_WRITERS = new Set(['kernel', 'systemd', 'kubelet', 'containerd', 'dockerd', 'docker', 'init', 'supervisord', 'pm2', 'journal']);

/**
 * The component a line is about: the datastore whose own error a client relays; for lines of system writers
 * (kernel, systemd, kubelet), the unit, process or component the line names; otherwise the line's owner.
 */
export function lineSubject(incident: Incident, owner: string | undefined, text: string): string | undefined {
  if (owner && RELAYED.test(text) && !CLIENT_SIDE.test(text) && !OWN_PROCESS.test(text)) {
    const source = soleDependency(text, incident.topology, incident.topology.componentFor(owner));
    if (source?.component) return source.component;
  }
  // A line that opens with a unit's name is the supervisor's (whatever its program is called) about that unit.
  const prefixed = UNIT_PREFIX.exec(text)?.[1];
  if (prefixed && incident.topology.resolve(prefixed.replace(/@.*$/, ''))) return incident.topology.componentFor(prefixed.replace(/@.*$/, ''));
  // An owner the inputs declare, or that wrote logs of its own, speaks for itself; a file named after a
  // command (`compose-up.txt`) speaks about the component its line names.
  if (owner && !SYSTEM_WRITERS.has(owner.toLowerCase()) && incident.topology.resolve(owner)) return owner;
  if (owner && !SYSTEM_WRITERS.has(owner.toLowerCase())) return mentionedComponents(text, incident.topology)[0] ?? owner;
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
