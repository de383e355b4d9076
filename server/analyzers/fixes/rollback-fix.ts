/**
 * Fixes of code_defect: going back to the version that ran before, only where the inputs show one.
 * - Kubernetes: `kubectl rollout history` lists an earlier revision and the events show a rollout of the
 *   workload: `kubectl rollout undo <kind>/<name> --to-revision=<previous>`;
 * - Compose: lines that name the service's container show it running an older tag of the same image
 *   (`docker events`: `image=ghcr.io/x/rates:1.13.2, name=shop-rates-1`): the tag set back where it is
 *   written (the image line, or the `.env` variable it interpolates).
 * The code itself is the real fix; the rollback stops the failures until it is made.
 */
import type { SettingFact } from '../../ingest/config/facts';
import type { Incident } from '../incident';
import { command, replaceValue, type FixIdea } from '../../agents/executor/fix-idea';
import { workloadOf } from '../workloads';
import { isReplicaSetOf } from './service-restore-fixes';
import { literalSetting } from './setting-values';

const ROLLABLE: Record<string, string> = { Deployment: 'deployment', StatefulSet: 'statefulset', DaemonSet: 'daemonset' };

/** The rollback to the previous version of `component`, when the inputs evidence one. */
export function rollbackFix(incident: Incident, component: string, fresh: boolean): FixIdea | undefined {
  return kubernetesRollback(incident, component, fresh) ?? composeRollback(incident, component);
}

function kubernetesRollback(incident: Incident, component: string, fresh: boolean): FixIdea | undefined {
  const workload = workloadOf(incident, component);
  const revisions = incident.runtime.revisions.filter((r) => (workload ? r.name === workload.name : incident.topology.componentFor(r.name) === component) && (!workload || !r.namespace || r.namespace === workload.namespace));
  const numbers = [...new Set(revisions.map((r) => r.revision))].sort((a, b) => b - a);
  const kinds = new Set(revisions.map((r) => r.kind));
  if (numbers.length < 2 || kinds.size !== 1) return undefined;
  const name = revisions[0]!.name;
  const kind = ROLLABLE[[...kinds][0]!];
  // The failures came with the last rollout: the events show it replacing the pods, or they are new in the logs.
  const rolledOut = incident.runtime.events.some((e) => /Scaled (up|down) replica set (\S+)/.test(e.message) && isReplicaSetOf(/replica set (\S+)/.exec(e.message)![1]!, name));
  if (!kind || (!rolledOut && !fresh)) return undefined;
  const [current, previous] = numbers as [number, number];
  const before = revisions.find((r) => r.revision === previous)!;
  const namespace = revisions.find((r) => r.namespace)?.namespace ?? workload?.namespace;
  const argv = ['kubectl', 'rollout', 'undo', `${kind}/${name}`, `--to-revision=${previous}`, ...(namespace ? ['-n', namespace] : [])];
  return command(argv, `${component} fails since revision ${current} was rolled out; revision ${previous}${before.cause ? ` (${before.cause})` : ''} ran before it. Rolling back stops the failures until the code is fixed.`);
}

function composeRollback(incident: Incident, component: string): FixIdea | undefined {
  const workload = workloadOf(incident, component);
  const container = workload?.kind === 'ComposeService' ? workload.containers[0] : undefined;
  const image = container?.image;
  const m = image ? /^(.+?):([^:/]+)$/.exec(image) : undefined;
  if (!container?.imageEvidence || !m) return undefined;
  const [, repo, written] = m as unknown as [string, string, string];
  const tagSetting = written.includes('$') ? literalSetting(incident, { owner: component, key: 'image', value: written, evidence: container.imageEvidence } satisfies SettingFact) : undefined;
  const current = tagSetting ? tagSetting.value.trim() : written;
  if (current.includes('$') || (written.includes('$') && !tagSetting)) return undefined;
  const older = new Set<string>();
  const tagRe = new RegExp(`${escape(repo)}:([\\w.-]+)`, 'g');
  for (const t of incident.logs.templates) {
    for (const e of t.examples) {
      if (!namesContainerOf(incident, e.text, component)) continue;
      for (const hit of e.text.matchAll(tagRe)) if (hit[1] !== current && (compareVersions(hit[1]!, current) ?? 0) < 0) older.add(hit[1]!);
    }
  }
  if (older.size !== 1) return undefined;
  const previous = [...older][0]!;
  const why = `${component} fails on ${repo}:${current}; its container ran ${previous} before. Going back to it stops the failures until the code is fixed.`;
  return tagSetting ? replaceValue(tagSetting.evidence, current, previous, why) : replaceValue(container.imageEvidence, `${repo}:${current}`, `${repo}:${previous}`, why);
}

/** True when `text` names a container of `component` (`name=shop-rates-1`, a compose ps row). */
function namesContainerOf(incident: Incident, text: string, component: string): boolean {
  return [...text.matchAll(/[\w.-]+[-_]\d+\b/g)].some((m) => incident.topology.resolve(m[0])?.component === component);
}

/** Compares dotted versions (`1.13.2` < `1.14.0`); undefined when either has no number to compare. */
export function compareVersions(a: string, b: string): number | undefined {
  const pa = a.match(/\d+/g)?.map(Number);
  const pb = b.match(/\d+/g)?.map(Number);
  if (!pa || !pb) return undefined;
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
