/**
 * code_defect: the application fails on valid input because of a bug. The same exception or panic, again
 * and again, in one service's logs names the service; a stack trace that is new since the logs began
 * (often right after a deploy) weighs more than one that was always there.
 */
import type { Finding } from '../finding';
import type { Incident } from '../incident';
import { groupFinding, groupHits, times } from '../symptom-findings';
import { lineSubject } from '../workloads';

/** Findings of code_defect. */
export function analyzeCodeDefect(incident: Incident): Finding[] {
  const findings: Finding[] = [];
  for (const group of groupHits(incident, 'code_defect', (h) => lineSubject(incident, h.owner, h.text))) {
    const fresh = group.hits.some((h) => h.template.newSince !== undefined);
    const repeated = group.count >= 3;
    const strength = Math.min(0.95, group.strength + (fresh ? 0.1 : 0) + (repeated ? 0.05 : -0.1));
    const first = group.hits[0]!;
    const since = fresh ? ` since ${first.template.newSince ?? first.template.firstTime}` : '';
    findings.push(groupFinding('code_defect', group, `${group.component} fails with the same ${first.symptom.note} ${times(group.count)}${since}.`, [{ argv: ['kubectl', 'logs', `deploy/${group.component}`, '--since', '1h', '--tail', '500'], why: `shows the stack traces of ${group.component} and the requests that trigger them` }], strength));
  }
  return findings;
}
