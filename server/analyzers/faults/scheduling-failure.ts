/**
 * scheduling_failure: a workload cannot be placed. FailedScheduling events and Pending pods name the
 * workload; its nodeSelector or required node affinity matched against the labels of the nodes in the
 * inputs, and its requests against the nodes' allocatable resources, show which constraint fails. The
 * failing constraint's finding carries the fix that the nodes tell (fixes/scheduling-fixes.ts).
 */
import type { NodeState, UsageSample } from '../../ingest/runtime/state';
import type { WorkloadFact } from '../../ingest/config/facts';
import { formatBytes } from '../../ingest/config/quantity';
import type { Finding } from '../finding';
import type { Incident } from '../incident';
import { cause, context, groupFinding, groupHits, times } from '../symptom-findings';
import { workloadOf } from '../workloads';
import { proposals } from '../probe-target';
import { mergeNodes, nodeSelectorFix, requestFix } from '../fixes/scheduling-fixes';

/** Findings of scheduling_failure. */
export function analyzeSchedulingFailure(incident: Incident): Finding[] {
  const findings: Finding[] = [];
  const nodes = incident.runtime.nodes;
  const groups = groupHits(incident, 'scheduling_failure');
  const pending = incident.runtime.pods.filter((p) => /^Pending$/i.test(p.status));
  const components = new Set([...groups.map((g) => g.component), ...pending.map((p) => incident.topology.componentFor(p.workload))]);
  for (const component of components) {
    const group = groups.find((g) => g.component === component);
    if (group) findings.push(groupFinding('scheduling_failure', group, `${component}'s pods cannot be scheduled (${times(group.count)}).`, proposals(incident, 'scheduling_failure', component)));
    const pods = pending.filter((p) => incident.topology.componentFor(p.workload) === component);
    if (pods.length > 0) findings.push({ fault: 'scheduling_failure', component, strength: group ? 0.2 : 0.3, summary: `${pods.length} of its pods are Pending.`, evidence: pods.slice(0, 2).map((p) => ({ ...p.evidence, note: `pod ${p.name} Pending`, role: 'symptom' as const })) });
    const workload = workloadOf(incident, component);
    if (workload && nodes.length > 0) {
      const usage = incident.runtime.usage.filter((u) => u.kind !== 'node' && u.workload !== undefined && incident.topology.componentFor(u.workload) === component);
      findings.push(...constraintFindings(workload, nodes, component, usage));
    }
  }
  return findings;
}

/** The constraints of `w` that no node satisfies. */
function constraintFindings(w: WorkloadFact, nodes: NodeState[], component: string, usage: UsageSample[]): Finding[] {
  const out: Finding[] = [];
  const merged = mergeNodes(nodes);
  const withFix = (f: Finding, fix: Finding['fix']): Finding => (fix ? { ...f, fix } : f);
  const selector = w.nodeSelector;
  if (selector && !nodes.some((n) => Object.entries(selector.labels).every(([k, v]) => n.labels[k] === v))) {
    const [k, v] = Object.entries(selector.labels)[0] ?? ['', ''];
    const values = [...new Set(nodes.map((n) => n.labels[k]).filter((x): x is string => !!x))];
    out.push(withFix({ fault: 'scheduling_failure', component, strength: 0.45, summary: `Its nodeSelector ${Object.entries(selector.labels).map(([a, b]) => `${a}=${b}`).join(', ')} matches none of the ${nodes.length} nodes${values.length ? ` (they have ${k}=${values.join(', ')})` : ''}.`, evidence: [cause(selector.evidence, `nodeSelector ${k}=${v} matches no node`), ...nodes.slice(0, 2).map((n) => context(n.evidence, `node ${n.name}${n.labels[k] ? ` has ${k}=${n.labels[k]}` : ` has no label ${k}`}`))] }, nodeSelectorFix(w, merged)));
  }
  for (const term of w.nodeAffinity ?? []) {
    const ok = nodes.some((n) => affinityHolds(term.operator, n.labels[term.key], term.values));
    if (!ok) out.push({ fault: 'scheduling_failure', component, strength: 0.45, summary: `Its required node affinity ${term.key} ${term.operator} ${term.values.join(', ')} holds on no node.`, evidence: [cause(term.evidence, `affinity ${term.key} ${term.operator} ${term.values.join(',')} matches no node`)] });
  }
  const request = Math.max(0, ...w.containers.map((c) => c.requests?.memory?.value ?? 0).filter(Number.isFinite));
  const maxAlloc = Math.max(0, ...nodes.map((n) => n.allocatable?.memoryBytes ?? 0));
  if (request > 0 && maxAlloc > 0 && request > maxAlloc) {
    const c = w.containers.find((x) => x.requests?.memory?.value === request)!;
    out.push(withFix({ fault: 'scheduling_failure', component, strength: 0.45, summary: `It requests ${c.requests!.memory!.text} of memory; the largest node has ${formatBytes(maxAlloc)} allocatable.`, evidence: [cause(c.requests!.memory!.evidence, `requests ${c.requests!.memory!.text} > ${formatBytes(maxAlloc)} allocatable on any node`)] }, requestFix(w, merged, 'memory', usage)));
  }
  const cpu = Math.max(0, ...w.containers.map((c) => c.requests?.cpu?.value ?? 0).filter(Number.isFinite));
  const maxCpu = Math.max(0, ...nodes.map((n) => n.allocatable?.cpuMilli ?? 0));
  if (cpu > 0 && maxCpu > 0 && cpu > maxCpu) {
    const c = w.containers.find((x) => x.requests?.cpu?.value === cpu)!;
    out.push(withFix({ fault: 'scheduling_failure', component, strength: 0.45, summary: `It requests ${c.requests!.cpu!.text} CPU; the largest node has ${maxCpu}m allocatable.`, evidence: [cause(c.requests!.cpu!.evidence, `requests ${c.requests!.cpu!.text} CPU > ${maxCpu}m on any node`)] }, requestFix(w, merged, 'cpu', usage)));
  }
  const tolerated = (t: NodeState['taints'][number]): boolean => (w.tolerations ?? []).some((x) => x.operator === 'Exists' && !x.key ? true : x.key === t.key && (!x.effect || x.effect === t.effect));
  const schedulable = nodes.filter((n) => !n.unschedulable && n.taints.every((t) => t.effect === 'PreferNoSchedule' || tolerated(t)));
  if (schedulable.length === 0 && nodes.some((n) => n.taints.length > 0)) {
    const t = nodes.find((n) => n.taints.length > 0)!;
    out.push({ fault: 'scheduling_failure', component, strength: 0.35, summary: `Every node is tainted (e.g. ${t.taints[0]!.key}:${t.taints[0]!.effect}) and ${component} tolerates none of them.`, evidence: [context(t.evidence, `node ${t.name} taint ${t.taints[0]!.key}=${t.taints[0]!.value ?? ''}:${t.taints[0]!.effect}`)] });
  }
  return out;
}

function affinityHolds(operator: string, value: string | undefined, values: string[]): boolean {
  switch (operator) {
    case 'In':
      return value !== undefined && values.includes(value);
    case 'NotIn':
      return value === undefined || !values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    default:
      return true;
  }
}
