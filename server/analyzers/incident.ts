/**
 * The incident as the analyzers see it: config facts, runtime state from saved command outputs, the
 * topology, the logs as templates per component, and the symptoms found in them. Runtime rows (events,
 * pod and unit states) are matched against the symptom catalog like log templates, so an `OOMKilled` in
 * `kubectl describe pod` and one in a log count the same way, each pointing at its own line.
 */
import type { Evidence } from '../protocol';
import type { ConfigFacts } from '../ingest/config/facts';
import type { LogEvidence, OwnedTemplate } from '../ingest/log-evidence';
import type { RuntimeState } from '../ingest/runtime/state';
import type { Finding } from './finding';
import type { RefusedSignal } from './log-signals';
import { matchSymptoms, type SymptomHit } from './symptoms/match';
import type { Topology } from './topology';

/** Everything an analyzer may look at. Analyzers are pure functions of it. */
export interface Incident {
  facts: ConfigFacts;
  runtime: RuntimeState;
  topology: Topology;
  logs: LogEvidence;
  /** Symptoms of the log templates and runtime rows. */
  hits: SymptomHit[];
  /** Refused connections by caller and endpoint. */
  refused: RefusedSignal[];
  /**
   * Paths of every file in the diagnosed folder (relative, `/` separators), whatever their kind: where a fix
   * looks for a file that does exist (a start script beside the missing one). Empty when not known.
   */
  files?: readonly string[];
}

/** An expert rule: the findings it draws from the incident. */
export type Analyzer = (incident: Incident) => Finding[];

/** Builds the incident, matching symptoms over log templates and runtime rows. */
export function buildIncident(parts: Omit<Incident, 'hits'>): Incident {
  const rows = runtimeTemplates(parts.runtime);
  return { ...parts, hits: matchSymptoms([...parts.logs.templates, ...rows], parts.topology) };
}

/** Runtime rows written as one-line templates: events, pods and containers, systemd units. */
export function runtimeTemplates(runtime: RuntimeState): OwnedTemplate[] {
  const out: OwnedTemplate[] = [];
  const row = (owner: string | undefined, text: string, evidence: Evidence, count: number, warning: boolean): void => {
    out.push({
      id: -1 - out.length,
      owner,
      template: text,
      count,
      severityNumber: warning ? 13 : 9,
      sources: [evidence.file],
      examples: [evidence],
      described: text,
      buckets: [],
      failureWords: [],
    });
  };
  for (const e of runtime.events) {
    const object = e.object ? `${e.object.kind}/${e.object.name}` : '';
    row(e.workload ?? e.object?.name, `${e.reason} ${object} ${e.message}`.trim(), e.evidence, Math.max(1, e.count), e.type !== 'Normal');
  }
  for (const p of runtime.pods) {
    const parts = [`pod ${p.name} ${p.status}`];
    if (p.waitingReason && p.waitingReason !== p.status) parts.push(`waiting ${p.waitingReason}`);
    if (p.lastTermination) parts.push(`last terminated ${p.lastTermination.reason ?? ''} exit code ${p.lastTermination.exitCode ?? '?'}`);
    if (p.restarts) parts.push(`restarts ${p.restarts}`);
    if (p.message) parts.push(p.message);
    const troubled = !/^(Running|Completed|Succeeded|Up)\b/i.test(p.status) || (p.restarts ?? 0) > 2;
    if (troubled || p.lastTermination) row(p.workload, parts.join(' '), p.evidence, Math.max(1, p.restarts ?? 1), troubled);
  }
  for (const u of runtime.units) {
    if (u.active === 'active' && !u.result && !u.restarts) continue;
    const parts = [`unit ${u.name} ${u.active}${u.sub ? ` (${u.sub})` : ''}`];
    if (u.result) parts.push(`Failed with result '${u.result}'`);
    if (u.exitCode !== undefined) parts.push(`exit code ${u.exitCode}`);
    if (u.restarts) parts.push(`restart counter is at ${u.restarts}`);
    row(u.name.replace(/\.service$/, ''), parts.join(' '), u.evidence, Math.max(1, u.restarts ?? 1), u.active !== 'active');
  }
  return out;
}

/** Hits of one fault. */
export function hitsOf(incident: Incident, fault: Finding['fault']): SymptomHit[] {
  return incident.hits.filter((h) => h.symptom.fault === fault);
}
