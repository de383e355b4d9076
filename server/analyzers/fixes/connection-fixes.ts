/**
 * Fixes of resource_exhaustion for connection pools, from the connection budget (connection-budget.ts):
 * - a datastore refusing clients: its connection limit raised above what its clients' pools may open
 *   (pool size × replicas, overflow and reserved slots included), rounded up to a round number; proposed only
 *   when the pools written in the inputs already exceed the limit;
 * - a client whose own pool runs dry while the datastore has room: the pool raised to the peak its logs show
 *   (connections in use plus requests waiting), rounded up, and kept inside the datastore's limit.
 */
import type { Incident } from '../incident';
import { replaceValue, type FixIdea } from '../../agents/executor/fix-idea';
import { callersOf, clientDemand, connectionBudget, connectionsOf, describeClients, poolSize, replicasOf } from './connection-budget';
import { roundUp } from './setting-values';

/** The server's connection limit raised above its clients' demand, when their pools alone exceed it. */
export function serverLimitFix(incident: Incident, server: string): FixIdea | undefined {
  const budget = connectionBudget(incident, server);
  if (!budget) return undefined;
  const known = budget.clients.filter((c) => c.pool);
  const written = known.reduce((n, c) => n + connectionsOf(c), 0);
  if (known.length === 0 || written + budget.reserved <= budget.limit.value) return undefined;
  const demand = budget.clients.reduce((n, c) => n + connectionsOf(c), 0) + budget.reserved;
  const target = roundUp(demand);
  const { at, value } = budget.limit;
  const reserved = budget.reserved > 0 ? ` plus ${budget.reserved} reserved` : '';
  return replaceValue(
    at.evidence,
    String(value),
    String(target),
    `${server} accepts ${value} connections (${at.key}), but its clients may open ${demand - budget.reserved} (${describeClients(budget.clients)})${reserved}; ${target} leaves them room.`,
  );
}

/** Pool statistics in a log line: connections in use and requests waiting for one. */
const IN_USE = /\b(?:active|busy|in[_-]?use|used)[=:]\s*(\d+)/i;
const WAITING = /\b(?:waiting|pending|queued|waitingCount|threadsAwaitingConnection)[=:]\s*(\d+)/i;

/** The client's own pool raised to the peak demand its logs show, inside what its datastore accepts. */
export function clientPoolFix(incident: Incident, component: string): FixIdea | undefined {
  const pool = poolSize(incident, component);
  const peak = peakDemand(incident, component);
  if (!pool || peak === undefined || peak <= pool.value) return undefined;
  let target = roundUp(peak);
  const servers = [...new Set(incident.topology.references.filter((r) => incident.topology.componentFor(r.from) === component).map((r) => incident.topology.resolve(r.host)?.component))]
    .filter((s): s is string => !!s)
    .map((s) => ({ server: s, budget: connectionBudget(incident, s) }))
    .filter((s) => s.budget);
  let room = '';
  if (servers.length === 1) {
    const { server, budget } = servers[0]!;
    const others = callersOf(incident, server).filter((c) => c !== component).reduce((n, c) => n + connectionsOf(clientDemand(incident, c)), 0);
    const replicas = replicasOf(incident, component);
    const perReplica = Math.floor((budget!.limit.value - budget!.reserved - others) / replicas);
    if (perReplica <= pool.value) return undefined; // the datastore has no room: its limit is the fix, not the pool
    // Capped by the room left, rounded down to a multiple of 5 when that still raises the pool.
    const capped = perReplica >= 10 && Math.floor(perReplica / 5) * 5 > pool.value ? Math.floor(perReplica / 5) * 5 : perReplica;
    target = Math.min(target, capped);
    room = `; ${replicas > 1 ? `${replicas} replicas × ${target}` : String(target)} still fits ${server}'s ${budget!.limit.at.key} = ${budget!.limit.value}`;
  } else if (servers.length > 1) {
    return undefined; // which datastore the pool serves cannot be told
  }
  return replaceValue(pool.at.evidence, String(pool.value), String(target), `${component}'s pool (${pool.at.key}) holds ${pool.value} connections while up to ${peak} were in use or waiting${room}.`);
}

/** The most connections in use plus waiting that one pool-statistics line of `component` reports. */
function peakDemand(incident: Incident, component: string): number | undefined {
  let peak: number | undefined;
  for (const t of incident.logs.templates) {
    if (!t.owner || incident.topology.componentFor(t.owner) !== component) continue;
    for (const line of [t.sample ?? '', ...t.examples.map((e) => e.text)]) {
      const waiting = WAITING.exec(line);
      const inUse = IN_USE.exec(line);
      if (!waiting || !inUse || Number(waiting[1]) === 0) continue;
      peak = Math.max(peak ?? 0, Number(inUse[1]) + Number(waiting[1]));
    }
  }
  return peak;
}
