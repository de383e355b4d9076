/**
 * resource_exhaustion: a bounded pool runs out (connections, file descriptors, threads, rate limits).
 * The component whose limit is hit is named: the datastore that refuses clients beyond its
 * max_connections/maxclients, or the service whose own pool or descriptor limit runs dry. The limit
 * settings found in configs (and the pool sizes of its clients) are the cause evidence. Fixes size the limit
 * or the pool from the connection budget (fixes/connection-fixes.ts).
 */
import type { SettingFact } from '../../ingest/config/facts';
import type { Finding } from '../finding';
import type { Incident } from '../incident';
import type { SymptomHit } from '../symptoms/match';
import { cause, context, groupFinding, groupHits, reporters, times } from '../symptom-findings';
import { lineSubject } from '../workloads';
import { proposals } from '../probe-target';
import { clientPoolFix, serverLimitFix } from '../fixes/connection-fixes';

const SERVER_LIMIT = /(^|[._-])(max[_-]?connections|maxclients|max[_-]?clients|maxconn|max[_-]?conns|worker[_-]?connections|max[_-]?user[_-]?connections|LimitNOFILE|nofile|ulimits?\.nofile(\.(soft|hard))?)$/i;
const CLIENT_POOL = /(pool[_.-]?(size|max|max[_-]?size|limit)|max(imum)?[_-]?pool[_-]?size|maximumPoolSize|max[_-]?pool|connection[_-]?limit|connectionLimit|pool\.max|POOL_MAX|max[_-]?idle|max[_-]?open[_-]?conns|MaxOpenConns|max[_-]?connections[_-]?per|pool_max_size)$/i;

/** Findings of resource_exhaustion. */
export function analyzeResourceExhaustion(incident: Incident): Finding[] {
  const findings: Finding[] = [];
  for (const group of groupHits(incident, 'resource_exhaustion', (h) => subject(incident, h))) {
    const finding = groupFinding('resource_exhaustion', group, `${group.component} hits a bounded limit: ${group.hits[0]!.symptom.note} (${times(group.count)} in ${reporters(group)}).`, proposals(incident, 'resource_exhaustion', group.component));
    // A datastore's limit below its clients' pools, or a client's own pool below its peak demand.
    const fix = serverLimitFix(incident, group.component) ?? clientPoolFix(incident, group.component);
    findings.push(fix ? { ...finding, fix } : finding);
    const limits = incident.facts.settings.filter((s) => owns(incident, s, group.component) && (SERVER_LIMIT.test(s.key) || CLIENT_POOL.test(s.key)) && !s.value.includes('${'));
    for (const s of limits.slice(0, 2)) findings.push({ fault: 'resource_exhaustion', component: group.component, strength: 0.25, summary: `Its limit ${s.key} is ${s.value}.`, evidence: [cause(s.evidence, `${s.key} = ${s.value}`)] });
    const pools = clientPools(incident, group.component);
    if (pools.length > 0 && limits.length > 0) {
      findings.push({ fault: 'resource_exhaustion', component: group.component, strength: 0.15, summary: `Its clients open pools of ${pools.map((p) => p.value).join(' + ')} connections.`, evidence: pools.slice(0, 3).map((p) => context(p.evidence, `${p.owner}: ${p.key} = ${p.value}`)) });
    }
  }
  return findings;
}

/** A refusal the server logs, or a client reports about it, is about the server; a pool or fd error about its owner. */
function subject(incident: Incident, hit: SymptomHit): string | undefined {
  if (hit.symptom.subject === 'target') return hit.target?.component ?? hit.target?.name ?? hit.owner;
  return lineSubject(incident, hit.owner, hit.text);
}

function owns(incident: Incident, s: SettingFact, component: string): boolean {
  return !!s.owner && incident.topology.componentFor(s.owner) === component;
}

/** Pool-size settings of the components that call `component`. */
function clientPools(incident: Incident, component: string): SettingFact[] {
  const callers = new Set(incident.topology.references.filter((r) => incident.topology.resolve(r.host)?.component === component).map((r) => incident.topology.componentFor(r.from)));
  return incident.facts.settings.filter((s) => s.owner && callers.has(incident.topology.componentFor(s.owner)) && CLIENT_POOL.test(s.key));
}
