/**
 * The connection budget of a datastore: the limit it enforces (`max_connections`, `maxclients`), the slots it
 * reserves, and what its clients may open (each client's pool size, plus overflow, times its replicas). Fixes
 * of resource_exhaustion size limits and pools from it; every number comes from a setting in the inputs.
 */
import type { SettingFact } from '../../ingest/config/facts';
import type { Incident } from '../incident';
import { workloadOf } from '../workloads';
import { numericSetting, settingsOf } from './setting-values';

/** Server-side settings that cap the number of client connections. */
const CONNECTION_LIMIT = /(^|[._-])(max[_-]?connections|maxclients|max[_-]?clients|maxconn|max[_-]?user[_-]?connections)$/i;
/** Server-side settings that hold connections back from ordinary clients. */
const RESERVED = /(^|[._-])(superuser[_-]?reserved[_-]?connections|reserved[_-]?connections)$/i;
/** Client-side settings that size a connection pool (not its idle floor). */
const POOL_SIZE = /(pool[_.-]?(size|max|max[_-]?size|limit)|max(imum)?[_-]?pool[_-]?size|maximumPoolSize|max[_-]?pool|connection[_-]?limit|connectionLimit|POOL_MAX|max[_-]?open[_-]?conns|MaxOpenConns|pool_max_size)$/i;
/** Connections a pool may open beyond its size (SQLAlchemy's `max_overflow`). */
const OVERFLOW = /max[_-]?overflow$/i;

/** A number and the setting whose literal holds it. */
export interface SettingNumber {
  value: number;
  at: SettingFact;
}

/** What one client may hold open: its pool (plus overflow) per replica, or unknown. */
export interface ClientDemand {
  component: string;
  /** Pool size per replica, overflow included; undefined when no single pool size is written. */
  pool?: SettingNumber;
  overflow?: number;
  replicas: number;
}

/** A server's connection budget. */
export interface ConnectionBudget {
  limit: SettingNumber;
  reserved: number;
  clients: ClientDemand[];
}

/** The one connection limit `server` sets (undefined when none, or several that disagree). */
export function connectionLimit(incident: Incident, server: string): SettingNumber | undefined {
  const found = settingsOf(incident, server)
    .filter((s) => CONNECTION_LIMIT.test(s.key))
    .map((s) => numericSetting(incident, s))
    .filter((n): n is SettingNumber => n !== undefined);
  return new Set(found.map((n) => n.value)).size === 1 ? found[0] : undefined;
}

/** The budget of `server`, when it sets a connection limit. */
export function connectionBudget(incident: Incident, server: string): ConnectionBudget | undefined {
  const limit = connectionLimit(incident, server);
  if (!limit) return undefined;
  const reserved = settingsOf(incident, server)
    .filter((s) => RESERVED.test(s.key))
    .map((s) => numericSetting(incident, s)?.value ?? 0)
    .reduce((a, b) => a + b, 0);
  return { limit, reserved, clients: callersOf(incident, server).map((c) => clientDemand(incident, c)) };
}

/** The one pool size `component` configures (the same value wherever written), with the setting holding it. */
export function poolSize(incident: Incident, component: string): SettingNumber | undefined {
  const found = settingsOf(incident, component)
    .filter((s) => POOL_SIZE.test(s.key) && !OVERFLOW.test(s.key))
    .map((s) => numericSetting(incident, s))
    .filter((n): n is SettingNumber => n !== undefined);
  return new Set(found.map((n) => n.value)).size === 1 ? found[0] : undefined;
}

/** What `component` may open: its pool and overflow, times its replicas (the autoscaler's maximum when higher). */
export function clientDemand(incident: Incident, component: string): ClientDemand {
  const pool = poolSize(incident, component);
  const overflows = new Set(settingsOf(incident, component).filter((s) => OVERFLOW.test(s.key)).map((s) => numericSetting(incident, s)?.value).filter((v): v is number => v !== undefined));
  const demand: ClientDemand = { component, replicas: replicasOf(incident, component) };
  if (pool) demand.pool = pool;
  if (pool && overflows.size === 1) demand.overflow = [...overflows][0]!;
  return demand;
}

/** Connections of one client: pool + overflow per replica, times replicas; 1 per replica when no pool is written. */
export function connectionsOf(c: ClientDemand): number {
  return ((c.pool?.value ?? 1) + (c.overflow ?? 0)) * c.replicas;
}

/** How many copies of `component` run: its declared replicas, or its autoscaler's maximum when higher; 1 when unsaid. */
export function replicasOf(incident: Incident, component: string): number {
  const declared = workloadOf(incident, component)?.replicas?.value ?? 1;
  const scaled = incident.facts.autoscalers.filter((a) => incident.topology.componentFor(a.target) === component).map((a) => a.maxReplicas ?? 0);
  return Math.max(declared, ...scaled, 1);
}

/** The components whose configs call `server`. */
export function callersOf(incident: Incident, server: string): string[] {
  const { topology } = incident;
  const callers = topology.references.filter((r) => topology.resolve(r.host)?.component === server).map((r) => topology.componentFor(r.from));
  return [...new Set(callers)].filter((c) => c !== server);
}

/** "orders-api 4 × 20, kitchen-worker 8 + 2, pg-exporter 1": what each client may open, for a reviewer. */
export function describeClients(clients: readonly ClientDemand[]): string {
  return clients
    .map((c) => {
      const per = c.pool ? `${c.pool.value}${c.overflow ? ` + ${c.overflow}` : ''}` : '1 (no pool size set)';
      return `${c.component} ${c.replicas > 1 ? `${c.replicas} × ` : ''}${per}`;
    })
    .join(', ');
}
