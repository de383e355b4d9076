/**
 * network_delay: a dependency answers, but slowly. Timeouts that callers log against one dependency point
 * at it; the dependency's own logs showing no errors of their own make the network path the likelier cause.
 */
import type { Finding } from '../finding';
import type { Incident } from '../incident';
import { groupFinding, groupHits, reporters, times } from '../symptom-findings';
import { dependencyProbes, injectorFindings, quietOwnLogs } from './dependency';

/** Findings of network_delay. */
export function analyzeNetworkDelay(incident: Incident): Finding[] {
  return groupHits(incident, 'network_delay').flatMap((group) => {
    const healthy = quietOwnLogs(incident, group.component);
    const who = reporters(group);
    const summary = who === group.component
      ? `${group.component} logs timeouts waiting for a dependency (${times(group.count)}).`
      : `Calls from ${who} to ${group.component} time out (${times(group.count)})${healthy ? `, while ${group.component}'s own logs show no errors` : ''}.`;
    const finding = groupFinding('network_delay', group, summary, dependencyProbes(incident, group.component, 'latency'), healthy ? Math.min(0.95, group.strength + 0.1) : group.strength);
    return [finding, ...injectorFindings(incident, group.component, 'network_delay', 'delay')];
  });
}
