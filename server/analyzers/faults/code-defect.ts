/**
 * code_defect: the application fails on valid input because of a bug. The same exception or panic, again
 * and again, in one service's logs names the service; a stack trace that is new since the logs began
 * (often right after a deploy) weighs more than one that was always there. The fix rolls back to the
 * previous version where the inputs show one (fixes/rollback-fix.ts), else switches off the enabled feature
 * flag whose feature the failing stack frames name (fixes/feature-flag-fix.ts).
 */
import type { Finding } from '../finding';
import type { Incident } from '../incident';
import { groupFinding, groupHits, times } from '../symptom-findings';
import { lineSubject } from '../workloads';
import { proposals } from '../probe-target';
import { rollbackFix } from '../fixes/rollback-fix';
import { featureFlagFix } from '../fixes/feature-flag-fix';

/** Faults of a dependency that make a caller's code throw without a bug in it. */
const DEPENDENCY_FAULTS = new Set(['auth_failure', 'dns_failure', 'network_delay', 'network_loss', 'tls_failure', 'resource_exhaustion', 'service_down', 'disk_full', 'oom']);

/** Findings of code_defect. */
export function analyzeCodeDefect(incident: Incident): Finding[] {
  const findings: Finding[] = [];
  // An exception whose own text shows a failing dependency (a refused login, a timeout) is that failure's.
  const dependencyTemplates = new Set(incident.hits.filter((h) => DEPENDENCY_FAULTS.has(h.symptom.fault)).map((h) => h.template));
  const bug = (h: { template: unknown; owner: string | undefined; text: string }): string | undefined => (dependencyTemplates.has(h.template as never) ? undefined : lineSubject(incident, h.owner, h.text));
  for (const group of groupHits(incident, 'code_defect', bug)) {
    const fresh = group.hits.some((h) => h.template.newSince !== undefined);
    const repeated = group.count >= 3;
    // Exceptions a service throws because a dependency fails are that failure's symptom, not a bug.
    const dependencyErrors = incident.hits.filter((h) => DEPENDENCY_FAULTS.has(h.symptom.fault) && h.owner === group.component).reduce((n, h) => n + h.template.count, 0) + refusedBy(incident, group.component);
    const consequence = dependencyErrors >= group.count / 2 ? 0.5 : 1;
    const strength = consequence * Math.min(0.95, group.strength + (fresh ? 0.1 : 0) + (repeated ? 0.05 : -0.1));
    const first = group.hits[0]!;
    const since = fresh ? ` since ${first.template.newSince ?? first.template.firstTime}` : '';
    const finding = groupFinding('code_defect', group, `${group.component} fails with the same ${first.symptom.note} ${times(group.count)}${since}.`, proposals(incident, 'code_defect', group.component), strength);
    // The code is the real fix; where a previous version is evidenced, going back to it is the one a config can make.
    const fix = rollbackFix(incident, group.component, fresh) ?? featureFlagFix(incident, group.component, group.hits);
    findings.push(fix ? { ...finding, fix } : finding);
  }
  return findings;
}

/** Refused connections logged by `component`. */
function refusedBy(incident: Incident, component: string): number {
  return incident.refused.filter((r) => r.owner && incident.topology.componentFor(r.owner) === component).reduce((n, r) => n + r.count, 0);
}
