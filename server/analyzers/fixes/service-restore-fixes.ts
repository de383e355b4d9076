/**
 * Fixes of service_down: bringing back a service that is not running, by the means the evidence shows.
 *
 * A workload scaled to zero: the replica count to restore is the most it ran with before (`Scaled down
 * replica set x-5d8f to 0 from 2`), kept inside its autoscaler's range; else the autoscaler's minimum; else
 * 1. Where a manifest in the inputs writes `replicas: 0`, that line is changed; where none does (someone ran
 * `kubectl scale`), the fix is the `kubectl scale` command back.
 *
 * A service stopped and not started again: the command that starts it.
 * - a systemd unit shown `inactive (dead)` (stopped cleanly) gets `systemctl start <unit>`; one shown
 *   `failed` without a restart loop gets `systemctl restart <unit>`;
 * - with no unit state in the inputs, a unit the journal shows stopped (`Stopped catalog-api.service`) gets
 *   `systemctl start`, when the lines name one unit only;
 * - a Compose service whose container exited cleanly gets `docker compose up -d <service>`.
 * Only a unit or service the evidence names is started; a unit in a restart loop is crash_loop's, not this.
 */
import type { Incident } from '../incident';
import type { SymptomHit } from '../symptoms/match';
import { command, replaceValue, type FixIdea } from '../../agents/executor/fix-idea';
import { workloadOf } from '../workloads';

/** Kinds `kubectl scale` takes, by the kind as written. */
const SCALABLE: Record<string, string> = { Deployment: 'deployment', StatefulSet: 'statefulset', ReplicaSet: 'replicaset' };

/** The replicas of a workload scaled to zero brought back, in its manifest or by command. */
export function replicaFix(incident: Incident, component: string): FixIdea | undefined {
  const workload = workloadOf(incident, component);
  const state = incident.runtime.workloads.find((w) => incident.topology.componentFor(w.name) === component && SCALABLE[w.kind] && w.ready?.total === 0);
  const kind = workload && SCALABLE[workload.kind] ? workload.kind : state?.kind;
  const name = workload && SCALABLE[workload.kind] ? workload.name : state?.name;
  if (!kind || !name) return undefined;
  const namespace = state?.namespace ?? (workload && SCALABLE[workload.kind] ? workload.namespace : undefined);
  const written = workload && SCALABLE[workload.kind] ? workload.replicas : undefined;
  if (written?.value === 0) {
    const { count, from } = restoredCount(incident, name, namespace);
    return replaceValue(written.evidence, '0', String(count), `${kind} ${name} is scaled to 0 replicas, so nothing serves it; ${count} ${from}.`);
  }
  if (!state) return undefined;
  // The manifest asks for replicas the cluster does not run: scaled down by hand, so scaled back by command.
  const { count, from } = written ? { count: written.value, from: 'is what its manifest declares' } : restoredCount(incident, name, namespace);
  const argv = ['kubectl', 'scale', `${SCALABLE[kind]}/${name}`, `--replicas=${count}`, ...(namespace ? ['-n', namespace] : [])];
  return command(argv, `${kind} ${name} runs 0 replicas and no manifest in the inputs sets that; ${count} ${from}.`);
}

/** How many replicas to restore, and where the number comes from. */
function restoredCount(incident: Incident, name: string, namespace: string | undefined): { count: number; from: string } {
  const hpa = incident.facts.autoscalers.find((a) => a.target === name && (!namespace || a.namespace === namespace) && (!a.targetKind || SCALABLE[a.targetKind]));
  const min = hpa ? (hpa.minReplicas ?? 1) : undefined;
  const previous = previousCount(incident, name);
  if (previous !== undefined) {
    const clamped = Math.min(Math.max(previous, min ?? 1), hpa?.maxReplicas ?? Infinity);
    return { count: clamped, from: clamped === previous ? `is how many it ran before it was scaled down` : `is the nearest to the ${previous} it ran before that its autoscaler allows` };
  }
  if (min !== undefined) return { count: min, from: `is its autoscaler's minimum (HorizontalPodAutoscaler ${hpa!.name})` };
  return { count: 1, from: 'brings one copy back' };
}

/**
 * The most replicas a replica set of the workload had in the events (`Scaled down replica set x-5d8f to 0
 * from 2`, `Scaled up replica set x-7c9b to 3`): the count it ran with before (a rollout's steps count less).
 */
function previousCount(incident: Incident, name: string): number | undefined {
  let count: number | undefined;
  for (const e of incident.runtime.events) {
    const m = /Scaled (?:down replica set (\S+) to \d+ from (\d+)|up replica set (\S+) to (\d+))/.exec(e.message);
    const set = m?.[1] ?? m?.[3];
    const n = Number(m?.[2] ?? m?.[4]);
    if (set && (set === name || isReplicaSetOf(set, name)) && n > 0) count = Math.max(count ?? 0, n);
  }
  return count;
}

/** True when `set` is a replica set of workload `name`: the name and one pod-template hash (`cart-5d8f7b9c6`). */
export function isReplicaSetOf(set: string, name: string): boolean {
  return set.startsWith(`${name}-`) && /^[a-z0-9]{5,10}$/.test(set.slice(name.length + 1));
}

/** The command that starts `component` again, when the evidence shows how it runs and that it was stopped. */
export function serviceStartFix(incident: Incident, component: string, hits: readonly SymptomHit[]): FixIdea | undefined {
  const { topology } = incident;
  const units = incident.runtime.units.filter((u) => topology.componentFor(u.name.replace(/\.service$/, '')) === component);
  const unit = units.find((u) => /^(inactive|failed)$/.test(u.active) && !u.restarts);
  if (unit) {
    const verb = unit.active === 'failed' ? 'restart' : 'start';
    return command(['systemctl', verb, unit.name], `Unit ${unit.name} is ${unit.active}${unit.sub ? ` (${unit.sub})` : ''}, so nothing serves ${component}; ${verb}ing it brings it back.`);
  }
  if (units.length > 0) return undefined; // the unit runs, or restarts on its own: starting it changes nothing
  const stopped = new Set(hits.filter((h) => h.symptom.id === 'stopped').flatMap((h) => [...h.text.matchAll(/([\w@.-]+\.service)\b/g)].map((m) => m[1]!)));
  const named = [...stopped].filter((u) => topology.componentFor(u.replace(/\.service$/, '').replace(/@.*$/, '')) === component);
  if (named.length === 1) return command(['systemctl', 'start', named[0]!], `The journal shows ${named[0]} stopped and nothing started it again; starting it brings ${component} back.`);
  const workload = workloadOf(incident, component);
  const exited = incident.runtime.pods.find((p) => topology.componentFor(p.workload) === component && /^Exited/i.test(p.status) && (p.lastTermination?.exitCode ?? 0) === 0);
  if (workload?.kind === 'ComposeService' && exited) {
    return command(['docker', 'compose', 'up', '-d', workload.name], `The container ${exited.name} of ${workload.name} exited cleanly (${exited.status}) and was not started again.`);
  }
  return undefined;
}
