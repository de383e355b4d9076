/**
 * disk_full: storage is exhausted or the volume a service needs is missing. ENOSPC-style errors and volume
 * mount failures name the component; a full filesystem in `df`, a Pending or missing claim, or a volume the
 * workload mounts but nothing declares corroborate. A full filesystem on a claim the workload mounts gets the
 * fix that grows the claim (fixes/volume-fixes.ts).
 */
import type { Finding } from '../finding';
import type { Incident } from '../incident';
import { cause, context, groupFinding, groupHits, reporters, times } from '../symptom-findings';
import { lineSubject, workloadOf } from '../workloads';
import { proposals } from '../probe-target';
import { growFullClaim, growNamedClaim } from '../fixes/volume-fixes';

/** A filesystem this full is out of space for practical purposes. */
const FULL_PERCENT = 95;

/** Findings of disk_full. */
export function analyzeDiskFull(incident: Incident): Finding[] {
  const findings: Finding[] = [];
  const full = incident.runtime.disks.filter((d) => d.usePercent >= FULL_PERCENT);
  const groups = groupHits(incident, 'disk_full', (h) => lineSubject(incident, h.owner, h.text), true);
  // A full filesystem belongs to the host its output was saved from: when the inputs keep one folder per
  // host, it corroborates only the components whose logs sit in the same host folder.
  const hostOf = (file: string): string | undefined => (file.includes('/') ? file.split('/')[0] : undefined);
  const colocated = (group: (typeof groups)[number], disk: (typeof full)[number]): boolean => group.hits.some((h) => hostOf(h.evidence.file) === hostOf(disk.evidence.file));
  const anyColocated = full.some((d) => groups.some((g) => colocated(g, d)));
  for (const group of groups) {
    const missingVolume = group.hits.some((h) => h.symptom.id === 'volume-missing');
    const finding = groupFinding('disk_full', group, `${group.component} ${missingVolume ? 'cannot mount a volume it needs' : 'cannot write: no space left'} (${times(group.count)} in ${reporters(group)}).`, proposals(incident, 'disk_full', group.component));
    const workload = missingVolume ? undefined : workloadOf(incident, group.component);
    const inputs = { workloads: incident.facts.workloads, claims: incident.facts.claims, runtimeClaims: incident.runtime.claims, disks: incident.runtime.disks };
    const lines = group.hits.flatMap((h) => [h.text, ...h.template.examples.map((e) => e.text)]);
    const fix = workload ? growFullClaim(workload, inputs) ?? (full.length === 0 ? growNamedClaim(workload, inputs, lines) : undefined) : undefined;
    findings.push(fix ? { ...finding, fix } : finding);
    for (const d of full.filter((x) => !anyColocated || colocated(group, x)).slice(0, 2)) {
      findings.push({ fault: 'disk_full', component: group.component, strength: 0.3, summary: `${d.mount} is ${d.usePercent}% full.`, evidence: [cause(d.evidence, `${d.mount} ${d.usePercent}% used${d.inodes ? ' (inodes)' : ''}`)] });
    }
    findings.push(...claimFindings(incident, group.component));
  }
  return findings;
}

/** The claims a component's workload mounts that are Pending, Lost or declared nowhere. */
function claimFindings(incident: Incident, component: string): Finding[] {
  const workload = workloadOf(incident, component);
  const out: Finding[] = [];
  for (const v of workload?.volumes ?? []) {
    if (v.source.kind !== 'pvc' || !v.source.ref) continue;
    const claim = incident.runtime.claims.find((c) => c.name === v.source.ref || c.name.startsWith(`${v.source.ref}-${workload!.name}-`));
    const declaredClaim = incident.facts.claims.find((c) => c.name === v.source.ref);
    const declared = declaredClaim !== undefined;
    if (declaredClaim?.size && (!claim || claim.status === 'Bound')) {
      out.push({ fault: 'disk_full', component, strength: 0.25, summary: `Its volume ${v.name} is a claim of ${declaredClaim.size.text}.`, evidence: [cause(declaredClaim.size.evidence, `claim ${declaredClaim.name} requests ${declaredClaim.size.text}`)] });
    }
    if (claim && claim.status !== 'Bound') {
      out.push({ fault: 'disk_full', component, strength: 0.35, summary: `Its claim ${claim.name} is ${claim.status}.`, evidence: [cause(v.evidence, `volume ${v.name} uses claim ${v.source.ref}`), context(claim.evidence, `claim ${claim.name} is ${claim.status}`)] });
    } else if (!claim && !declared && incident.runtime.claims.length > 0) {
      out.push({ fault: 'disk_full', component, strength: 0.3, summary: `It mounts claim ${v.source.ref}, which does not exist.`, evidence: [cause(v.evidence, `claim ${v.source.ref} is not among the cluster's claims`)] });
    }
  }
  return out;
}
