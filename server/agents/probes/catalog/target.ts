/**
 * What a probe is about: a component, where it runs (Kubernetes, Compose, a systemd unit, a plain host), the
 * names to address it by there, where callers reach it and what it is (a Redis, a PostgreSQL, an HTTP
 * service). Filled from the incident's evidence (analyzers/probe-target.ts); templates read only this.
 */

/** Where a component runs. */
export type Platform = 'kubernetes' | 'compose' | 'systemd' | 'host';

/** Datastores and protocols with probes of their own. */
export type Technology = 'redis' | 'postgres' | 'http';

/** The subject of a probe. */
export interface ProbeTarget {
  component: string;
  platform: Platform;
  /** Kubernetes: the namespace, the workload (`deployment`, `statefulset` ...) and a pod label selector. */
  namespace?: string;
  workload?: { kind: string; name: string };
  selector?: string;
  /** Compose/docker: the container name. */
  container?: string;
  /** systemd: the unit name, without `.service`. */
  unit?: string;
  /** Where callers reach it (the address the configs use). */
  endpoint?: { host: string; port: number };
  technology?: Technology;
}

/** `deploy/cart`, `statefulset/db` ... for kubectl logs. */
export function workloadRef(t: ProbeTarget): string {
  const kind = t.workload?.kind.toLowerCase() ?? 'deployment';
  const short: Record<string, string> = { deployment: 'deploy', statefulset: 'statefulset', daemonset: 'daemonset', replicaset: 'rs', pod: 'pod' };
  return `${short[kind] ?? kind}/${t.workload?.name ?? t.component}`;
}

const TECHNOLOGY_BY_NAME: [RegExp, Technology][] = [
  [/redis|valkey|keydb/i, 'redis'],
  [/postgres|\bpg\b|pgbouncer|timescale|postgis/i, 'postgres'],
];
const TECHNOLOGY_BY_PORT: Record<number, Technology> = { 6379: 'redis', 5432: 'postgres', 6432: 'postgres' };

/** What a server is, from its names or images (`redis`, `postgres:16`) or else its port; undefined when neither tells. */
export function technologyOf(names: string[], port?: number): Technology | undefined {
  return TECHNOLOGY_BY_NAME.find(([re]) => names.some((n) => re.test(n)))?.[1] ?? (port !== undefined ? TECHNOLOGY_BY_PORT[port] : undefined);
}
