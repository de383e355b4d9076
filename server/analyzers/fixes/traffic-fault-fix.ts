/**
 * Fixes of network_delay and network_loss that someone injected on purpose, found in the inputs:
 * - an Istio VirtualService route `fault` (delay) on the dependency's host: the fault block deleted from the
 *   manifest (to be re-applied);
 * - a Chaos Mesh NetworkChaos selecting the dependency's pods (declared in a manifest, or seen applying chaos
 *   to them in the events): `kubectl delete networkchaos <name> -n <namespace>`, and when a manifest declares
 *   it, that object's document deleted from the manifest as well;
 * - a chaos sidecar in a Compose file (pumba, or a container running `tc ... netem`) naming the dependency's
 *   container: the service removed from the Compose file, and its container stopped (SIGTERM lets the tool
 *   take its netem rules off the target; a kill would leave them).
 * Loss that no declared injector explains (a failing link, a bad optic) has no fix here.
 */
import type { Evidence } from '../../protocol';
import type { TrafficFaultFact, WorkloadFact } from '../../ingest/config/facts';
import { stripPodSuffix } from '../../ingest/owners';
import type { Incident } from '../incident';
import { command, deleteLines, type FixIdea } from '../../agents/executor/fix-idea';

/** A fault injector that explains the symptom, the fix that removes it and the evidence of it. */
export interface InjectorFix {
  summary: string;
  /** False when the inputs do not say what the injector does (chaos seen only in events): no support then. */
  effectKnown: boolean;
  evidence: Evidence;
  fix: FixIdea;
}

/** Images of network chaos tools run as a sidecar. */
const CHAOS_IMAGE = /(^|\/)pumba(:|@|$)/i;
const DELAY_WORDS = new Set(['delay', 'rate']);
const LOSS_WORDS = new Set(['loss', 'loss-state', 'loss-gemodel', 'corrupt', 'duplicate']);

/** The injectors of `effect` aimed at `component`, each with its fix. */
export function trafficFaultFixes(incident: Incident, component: string, effect: 'delay' | 'loss'): InjectorFix[] {
  const out: InjectorFix[] = [];
  const seen = new Set<string>();
  for (const f of incident.facts.trafficFaults) {
    if (f.effect !== effect || !aimsAt(incident, f, component)) continue;
    seen.add(`${f.kind.toLowerCase()}/${f.namespace}/${f.name}`);
    const what = `${f.kind} ${f.name} injects ${effect === 'delay' ? 'a delay' : 'packet loss'} into traffic to ${component}`;
    const evidence: Evidence = { ...f.evidence, note: what, role: 'cause' };
    if (f.kind === 'VirtualService') {
      out.push({ summary: `${what}.`, effectKnown: true, evidence, fix: deleteLines(f.evidence.file, f.block.fromLine, f.block.toLine, `${what}; without the fault block (then \`kubectl apply -f ${f.evidence.file}\`) requests reach ${component} undelayed.`) });
    } else {
      // The manifest is the source of truth (GitOps): without the document, a sync does not bring it back.
      out.push({ summary: `${what}.`, effectKnown: true, evidence, fix: deleteLines(f.evidence.file, f.block.fromLine, f.block.toLine, `${what}; removed from ${f.evidence.file}, the experiment is not applied again (delete the live object too).`) });
      out.push({ summary: `${what}.`, effectKnown: true, evidence, fix: deleteChaos(f.kind.toLowerCase(), f.name, f.namespace, what) });
    }
  }
  for (const e of chaosEvents(incident, component)) {
    const key = `${e.kind}/${e.namespace ?? ''}/${e.name}`;
    if ([...seen].some((s) => s === key || (e.namespace === undefined && s.startsWith(`${e.kind}/`) && s.endsWith(`/${e.name}`)))) continue;
    seen.add(key);
    const what = `${e.kind} ${e.name} applies network chaos to ${component}'s pods`;
    out.push({ summary: `${what}.`, effectKnown: false, evidence: { ...e.evidence, note: what, role: 'cause' }, fix: deleteChaos(e.kind, e.name, e.namespace, what) });
  }
  for (const w of incident.facts.workloads) {
    const sidecar = chaosSidecar(incident, w, component);
    if (sidecar !== effect) continue;
    const what = `Compose service ${w.name} (${w.containers[0]?.image ?? 'a chaos tool'}) injects ${effect === 'delay' ? 'a delay' : 'packet loss'} into ${component}'s network`;
    const evidence: Evidence = { ...(w.containers[0]?.commandEvidence ?? w.evidence), note: what, role: 'cause' };
    if (w.lastLine !== undefined && w.lastLine > w.evidence.line) {
      out.push({ summary: `${what}.`, effectKnown: true, evidence, fix: deleteLines(w.evidence.file, w.evidence.line, w.lastLine, `${what}; removed from ${w.evidence.file}, it is not started again.`) });
    }
    const container = incident.runtime.pods.filter((p) => !p.namespace && incident.topology.componentFor(p.workload) === incident.topology.componentFor(w.name)).map((p) => p.name);
    const argv = container.length === 1 ? ['docker', 'stop', container[0]!] : ['docker', 'compose', 'stop', w.name];
    out.push({ summary: `${what}.`, effectKnown: true, evidence, fix: command(argv, `${what}; stopping it (not killing it) lets it take its netem rules off ${component}'s interface.`) });
  }
  return out;
}

function deleteChaos(kind: string, name: string, namespace: string | undefined, what: string): FixIdea {
  return command(['kubectl', 'delete', kind, name, ...(namespace ? ['-n', namespace] : [])], `${what}; deleting the experiment removes the injected fault.`);
}

/** True when a declared fault applies to `component`: a host that resolves to it, or a selector its pods match. */
function aimsAt(incident: Incident, f: TrafficFaultFact, component: string): boolean {
  if (f.hosts.some((h) => incident.topology.resolve(h)?.component === component)) return true;
  const labels = Object.entries(f.selector);
  if (labels.length === 0) return false;
  return incident.facts.workloads.some((w) => incident.topology.componentFor(w.name) === component && (!w.namespace || (f.targetNamespaces.length > 0 ? f.targetNamespaces.includes(w.namespace) : w.namespace === f.namespace)) && labels.every(([k, v]) => w.podLabels[k] === v));
}

/** Network chaos objects the events show applying chaos to pods of `component`. */
function chaosEvents(incident: Incident, component: string): { kind: string; name: string; namespace?: string; evidence: Evidence }[] {
  const out = new Map<string, { kind: string; name: string; namespace?: string; evidence: Evidence }>();
  for (const e of incident.runtime.events) {
    if (!e.object || e.object.kind !== 'networkchaos') continue;
    const pods = [...e.message.matchAll(/\bfor (?:([\w.-]+)\/)?([\w.-]+)/g)].map((m) => m[2]!);
    if (!pods.some((p) => incident.topology.componentFor(stripPodSuffix(p)) === component)) continue;
    const key = `${e.namespace ?? ''}/${e.object.name}`;
    if (!out.has(key)) out.set(key, { kind: e.object.kind, name: e.object.name, ...(e.namespace ? { namespace: e.namespace } : {}), evidence: e.evidence });
  }
  return [...out.values()];
}

/** The effect of a Compose chaos sidecar aimed at `component`'s container, or undefined when `w` is none. */
function chaosSidecar(incident: Incident, w: WorkloadFact, component: string): 'delay' | 'loss' | undefined {
  if (w.kind !== 'ComposeService') return undefined;
  const c = w.containers[0];
  const words = c?.command ?? [];
  if (!c || !(CHAOS_IMAGE.test(c.image ?? '') || words.includes('netem')) || !words.includes('netem')) return undefined;
  const self = incident.topology.componentFor(w.name);
  const targets = words.filter((x) => !x.startsWith('-') && !/^\d/.test(x) && incident.topology.resolve(x)?.component === component && component !== self);
  if (targets.length === 0) return undefined;
  if (words.some((x) => DELAY_WORDS.has(x))) return 'delay';
  if (words.some((x) => LOSS_WORDS.has(x))) return 'loss';
  return undefined;
}
