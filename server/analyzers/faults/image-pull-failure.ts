/**
 * image_pull_failure: an image cannot be pulled (wrong name or tag, missing registry credentials). Pull
 * errors in events and pod states name the workload; the `image:` line of its manifest is the cause, and
 * for "access denied" errors the missing imagePullSecrets is said. That finding carries the fix
 * (fixes/image-fixes.ts): the tag that exists for a "not found", the namespace's pull secret for a denial.
 */
import type { Finding } from '../finding';
import type { Incident } from '../incident';
import { cause, groupFinding, groupHits, times } from '../symptom-findings';
import { lineSubject, workloadOf } from '../workloads';
import { proposals } from '../probe-target';
import { imageTagFix, pullSecretFix } from '../fixes/image-fixes';
import type { ContainerFact, WorkloadFact } from '../../ingest/config/facts';
import type { FixIdea } from '../finding';

const CREDENTIALS = /pull access denied|unauthorized|authentication required|no basic auth credentials|denied: /i;
/** The registry answered, and has no such tag or manifest. */
const NOT_FOUND = /manifest unknown|manifest for \S+ not found|: not found\b|code = NotFound|\bnot found: manifest/i;

/** Findings of image_pull_failure. */
export function analyzeImagePullFailure(incident: Incident): Finding[] {
  const findings: Finding[] = [];
  for (const group of groupHits(incident, 'image_pull_failure', (h) => byImage(incident, h.text) ?? lineSubject(incident, h.owner, h.text))) {
    const text = group.hits.map((h) => h.text).join('\n');
    const image = /image "([^"]+)"|pull(?:ing)? image "?([^"\s]+)"?/i.exec(text);
    const pulled = image?.[1] ?? image?.[2];
    const credentials = CREDENTIALS.test(text);
    // Pods of the workload that run now, with no pod stuck on a pull, mean a pull that failed once and then worked.
    const pods = incident.runtime.pods.filter((p) => incident.topology.componentFor(p.workload) === group.component);
    const recovered = pods.length > 0 && pods.every((p) => /^Running$/i.test(p.status)) && /Successfully pulled|Pulled/.test(incident.runtime.events.map((e) => e.reason + ' ' + e.message).join('\n'));
    findings.push(groupFinding('image_pull_failure', group, `${group.component}'s image${pulled ? ` ${pulled}` : ''} cannot be pulled${credentials ? ': the registry denies access' : ''} (${times(group.count)}).`, proposals(incident, 'image_pull_failure', group.component), recovered ? group.strength * 0.4 : group.strength));
    if (recovered) continue;
    const workload = workloadOf(incident, group.component);
    const container = workload?.containers.find((c) => c.imageEvidence && (!pulled || c.image === pulled)) ?? workload?.containers.find((c) => c.imageEvidence);
    if (container?.imageEvidence) {
      const secrets = workload?.imagePullSecrets ?? [];
      const note = credentials && secrets.length === 0 ? `image ${container.image} from a registry that needs credentials; no imagePullSecrets` : `image ${container.image} cannot be pulled`;
      const fix = credentials ? pullSecretFix(workload!, incident.facts.workloads) : NOT_FOUND.test(text) ? tagFix(incident, group.component, container) : undefined;
      findings.push({ fault: 'image_pull_failure', component: group.component, strength: 0.3, summary: credentials && secrets.length === 0 ? `Its pod template has no imagePullSecrets for ${container.image}.` : `Its manifest asks for ${container.image}.`, evidence: [cause(container.imageEvidence, note)], ...(fix ? { fix } : {}) });
    }
  }
  return findings;
}

/** The workload whose container image the pull error names (`image "registry/x:tag"`, `pull access denied for x`). */
function byImage(incident: Incident, text: string): string | undefined {
  const named = /image "([^"]+)"|pull access denied for ([^\s,]+)|manifest for ([^\s]+) not found|Failed to pull image "?([^"\s]+)/i.exec(text);
  const ref = named?.slice(1).find((x) => x !== undefined);
  if (!ref) return undefined;
  const repo = (image: string): string => image.replace(/@.*$/, '').replace(/:[^:/]+$/, '');
  const w = incident.facts.workloads.find((x) => x.containers.some((c) => c.image && (c.image === ref || repo(c.image) === repo(ref))));
  return w && w.kind !== 'Dockerfile' ? incident.topology.componentFor(w.name) : undefined;
}

/** Images that pull: those of running pods and containers, `Pulled` events, and workloads whose pods run. */
function tagFix(incident: Incident, component: string, container: ContainerFact): FixIdea | undefined {
  const runningPods = (of: string) => incident.runtime.pods.filter((p) => incident.topology.componentFor(p.workload) === of && /^Running$/i.test(p.status));
  const running = (of: string): string[] =>
    runningPods(of)
      .flatMap((p) => [p.image, ...(p.containers ?? []).filter((c) => !c.state || /^Running$/i.test(c.state)).map((c) => c.image)])
      .filter((i): i is string => !!i);
  const pulled = incident.runtime.events.filter((e) => e.reason === 'Pulled').map((e) => /(?:Successfully pulled image|Container image) "([^"]+)"/.exec(e.message)?.[1]).filter((i): i is string => !!i);
  const others = incident.facts.workloads.filter((w: WorkloadFact) => w.kind !== 'Dockerfile' && incident.topology.componentFor(w.name) !== component && runningPods(incident.topology.componentFor(w.name)).length > 0);
  const declared = others.flatMap((w) => w.containers.map((c) => c.image).filter((i): i is string => !!i));
  const own = running(component);
  return imageTagFix(container, [...own, ...pulled, ...declared], own);
}
