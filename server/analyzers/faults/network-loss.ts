/**
 * network_loss: packets are lost or connections reset between healthy services. Resets, broken pipes and
 * unreachable hosts that callers log against one dependency point at it; successes mixed in and a quiet
 * dependency make loss on the path likelier than a dead service.
 */
import type { Finding } from '../finding';
import type { Incident } from '../incident';
import { groupFinding, groupHits, reporters, times } from '../symptom-findings';
import { dependencyProbes, injectorFindings, quietOwnLogs } from './dependency';

/** Findings of network_loss. */
export function analyzeNetworkLoss(incident: Incident): Finding[] {
  return groupHits(incident, 'network_loss').flatMap((group) => {
    const healthy = quietOwnLogs(incident, group.component);
    const who = reporters(group);
    const summary = who === group.component
      ? `${group.component} logs connections reset or cut (${times(group.count)}).`
      : `Connections from ${who} to ${group.component} are reset or cut (${times(group.count)})${healthy ? `, while ${group.component} itself logs no errors` : ''}.`;
    const finding = groupFinding('network_loss', group, summary, dependencyProbes(incident, group.component, 'loss'), healthy ? Math.min(0.95, group.strength + 0.1) : group.strength);
    return [finding, ...injectorFindings(incident, group.component, 'network_loss', 'loss')];
  });
}
