/**
 * oom: memory is exhausted or the memory limit is too low. Kill records (OOMKilled, exit 137, the kernel's
 * OOM killer, heap exhaustion) name the component; its memory limit and measured usage, when the inputs
 * hold them, corroborate and point at the value to change. The limit's finding carries the fix that raises
 * it (fixes/memory-fixes.ts) when the evidence tells by how much.
 */
import { formatBytes, parseByteSize, parseQuantity } from '../../ingest/config/quantity';
import type { Evidence } from '../../protocol';
import type { Finding } from '../finding';
import type { Incident } from '../incident';
import { cause, context, groupFinding, groupHits, reporters, times } from '../symptom-findings';
import { lineSubject, workloadOf } from '../workloads';
import { proposals } from '../probe-target';
import { heapCapIn, heapFilled, killedAtCap, raiseMemoryCap, type HeapCap, type MemoryCap } from '../fixes/memory-fixes';
import type { FixIdea } from '../finding';

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
    if (limit) {
      const fix = limitFix(incident, group.component, group.hits.map((h) => h.text));
      findings.push({ fault: 'oom', component: group.component, strength: 0.25, summary: `Its memory limit is ${limit.text}.`, evidence: [cause(limit.evidence, `memory limit ${limit.text}`)], ...(fix ? { fix } : {}) });
    }
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

/** Settings that cap a process's memory from outside it (systemd, Compose), read as byte sizes. */
const CAP_SETTING = /(^|\.)(MemoryMax|MemoryLimit|mem_limit)$/;

/**
 * The fix that raises `component`'s memory cap: the container limit, else the one cap setting (a systemd
 * drop-in's wins over the unit file it extends), with the heap cap its runtime is given and the room the
 * machine has.
 */
function limitFix(incident: Incident, component: string, killLines: string[]): FixIdea | undefined {
  const workload = workloadOf(incident, component);
  const all = (workload?.containers ?? []).filter((c) => !c.init && c.limits?.memory && Number.isFinite(c.limits.memory.value));
  // With several limited containers, the one a pod's status shows OOMKilled is the one to raise.
  const killed = new Set(
    incident.runtime.pods
      .filter((p) => incident.topology.componentFor(p.workload) === component)
      .flatMap((p) => p.containers ?? [])
      .filter((c) => c.reason === 'OOMKilled' || c.lastTermination?.reason === 'OOMKilled')
      .map((c) => c.name),
  );
  const limited = all.length > 1 ? all.filter((c) => killed.has(c.name)) : all;
  let cap: MemoryCap;
  // A Compose service's or a unit's cap comes out of its host's memory; a pod's out of a node's.
  let host = workload?.kind === 'ComposeService';
  if (all.length > 0 && limited.length !== 1) return undefined;
  if (limited.length === 1) {
    const m = limited[0]!.limits!.memory!;
    cap = { text: m.text, bytes: m.value, name: host ? 'the memory limit' : 'limits.memory', evidence: m.evidence };
  } else {
    const settings = incident.facts.settings.filter((s) => s.owner && incident.topology.componentFor(s.owner) === component && CAP_SETTING.test(s.key));
    const dropIns = settings.filter((s) => /\.d\//.test(s.evidence.file));
    const chosen = dropIns.length > 0 ? dropIns : settings;
    if (chosen.length !== 1) return undefined;
    const s = chosen[0]!;
    cap = { text: s.value, bytes: parseByteSize(s.value), name: s.key.replace(/^.*\./, ''), evidence: s.evidence };
    host = true;
  }
  const heap = heapOf(incident, component);
  return raiseMemoryCap(cap, { ...(heap ? { heap } : {}), killedAtCap: killedAtCap(killLines), heapFilledUnderCap: heapFilled(killLines), ...ceilingOf(incident, cap.bytes, host) });
}

/** The largest heap cap the component's runtime is given in its settings or command line. */
function heapOf(incident: Incident, component: string): HeapCap | undefined {
  const caps: HeapCap[] = [];
  for (const s of incident.facts.settings) {
    if (!s.owner || incident.topology.componentFor(s.owner) !== component) continue;
    const cap = heapCapIn(s.value, s.evidence);
    if (cap) caps.push(cap);
  }
  for (const c of workloadOf(incident, component)?.containers ?? []) {
    const cap = c.command && c.commandEvidence ? heapCapIn(c.command.join(' '), c.commandEvidence) : undefined;
    if (cap) caps.push(cap);
  }
  return caps.sort((a, b) => b.bytes - a.bytes)[0];
}

/** A container's cap may reach the largest node's allocatable memory; a host cap, what the host has free on top of it. */
function ceilingOf(incident: Incident, current: number, host: boolean): { ceiling?: number } {
  if (!host) {
    const largest = Math.max(0, ...incident.runtime.nodes.map((n) => n.allocatable?.memoryBytes ?? 0));
    return largest > 0 ? { ceiling: largest } : {};
  }
  const free = incident.runtime.memory.map((m) => m.availableBytes).filter((b): b is number => b !== undefined);
  return free.length > 0 ? { ceiling: current + Math.min(...free) } : {};
}
