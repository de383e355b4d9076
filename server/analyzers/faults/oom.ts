/**
 * oom: memory is exhausted or the memory limit is too low. Kill records (OOMKilled, exit 137, the kernel's
 * OOM killer, heap exhaustion) name the component; its memory limit and measured usage, when the inputs
 * hold them, corroborate and point at the value to change.
 */
import { formatBytes, parseQuantity } from '../../ingest/config/quantity';
import type { Evidence } from '../../protocol';
import type { Finding } from '../finding';
import type { Incident } from '../incident';
import { cause, context, groupFinding, groupHits, reporters, times } from '../symptom-findings';
import { lineSubject, workloadOf } from '../workloads';
import { proposals } from '../probe-target';

/** Usage at or above this share of the limit corroborates an OOM. */
const NEAR_LIMIT = 0.85;

/** Findings of oom. */
export function analyzeOom(incident: Incident): Finding[] {
  const findings: Finding[] = [];
  for (const group of groupHits(incident, 'oom', (h) => lineSubject(incident, h.owner, h.text), true)) {
    const onlyExitCode = group.hits.every((h) => h.symptom.id === 'exit-137');
    const strength = onlyExitCode ? group.strength * 0.6 : group.strength;
    findings.push(groupFinding('oom', group, `${group.component} ran out of memory (${group.hits[0]!.symptom.note}, ${times(group.count)} in ${reporters(group)}).`, proposals(incident, 'oom', group.component), strength));
    const limit = memoryLimit(incident, group.component);
    if (limit) findings.push({ fault: 'oom', component: group.component, strength: 0.25, summary: `Its memory limit is ${limit.text}.`, evidence: [cause(limit.evidence, `memory limit ${limit.text}`)] });
    const usage = nearLimitUsage(incident, group.component, limit?.bytes);
    if (usage) findings.push({ fault: 'oom', component: group.component, strength: 0.2, summary: usage.summary, evidence: [usage.evidence] });
  }
  return findings;
}

function memoryLimit(incident: Incident, component: string): { text: string; bytes: number; evidence: Evidence } | undefined {
  const workload = workloadOf(incident, component);
  for (const c of workload?.containers ?? []) {
    const m = c.limits?.memory;
    if (m && Number.isFinite(m.value)) return { text: m.text, bytes: m.value, evidence: m.evidence };
  }
  const setting = incident.facts.settings.find((s) => s.owner && incident.topology.componentFor(s.owner) === component && /(^|\.)(MemoryMax|MemoryLimit|mem_limit|max[-_]?old[-_]?space[-_]?size|Xmx|maxmemory)$/i.test(s.key));
  if (setting) return { text: setting.value, bytes: parseQuantity(setting.value.replace(/^-?Xmx/i, ''), 'memory'), evidence: setting.evidence };
  // Only the running unit's status shows it: point there when no config file in the inputs sets it.
  const unit = incident.runtime.units.find((u) => incident.topology.componentFor(u.name.replace(/\.service$/, '')) === component && u.memoryMaxBytes);
  return unit?.memoryMaxBytes ? { text: formatBytes(unit.memoryMaxBytes), bytes: unit.memoryMaxBytes, evidence: unit.evidence } : undefined;
}

function nearLimitUsage(incident: Incident, component: string, limitBytes: number | undefined): { summary: string; evidence: Evidence } | undefined {
  for (const u of incident.runtime.usage) {
    const name = u.workload ?? u.name;
    if (incident.topology.componentFor(name) !== component || u.memoryBytes === undefined) continue;
    const share = u.memoryPercent !== undefined ? u.memoryPercent / 100 : limitBytes ? u.memoryBytes / limitBytes : undefined;
    if (share !== undefined && share >= NEAR_LIMIT) {
      const pct = Math.round(share * 100);
      return { summary: `It was measured at ${formatBytes(u.memoryBytes)}, ${pct}% of its limit.`, evidence: context(u.evidence, `memory ${formatBytes(u.memoryBytes)} (${pct}% of the limit)`) };
    }
  }
  return undefined;
}
