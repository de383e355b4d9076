/**
 * Runtime state from Kubernetes objects that carry a status, as `kubectl get -o yaml|json` dumps them:
 * Pods, Nodes, Events, PersistentVolumeClaims / PersistentVolumes, Deployments / StatefulSets /
 * DaemonSets, Endpoints, alone or in a `kind: List`. Objects without a status (plain manifests) add nothing.
 */
import type { SourceText } from '../config/source-text';
import { at, items, stringRecord, text, type PNode } from '../config/yaml-tree';
import { stripPodSuffix } from '../owners';
import { workloadOfObject } from './kubectl-events';
import { TERMINATED_REASONS } from './kubectl-get';
import { emptyRuntimeState, type ContainerState, type NodeState, type PodState, type RuntimeState, type WorkloadState } from './state';
import { kubeCpuMilli, kubeMemoryBytes } from './units';

/** The runtime state that the status-bearing objects of `docs` (parsed with yaml-tree) show. */
export function runtimeStateFromObjects(docs: PNode[], src: SourceText): RuntimeState {
  const state = emptyRuntimeState();
  const ev = (node: PNode, note?: string) => src.evidence(node.line, node.column, note);
  const visit = (doc: PNode, depth: number): void => {
    if (doc.kind !== 'map' || depth > 4) return;
    const kind = text(at(doc, 'kind')) ?? '';
    if (/List$/.test(kind)) {
      for (const item of items(at(doc, 'items'))) visit(item, depth + 1);
      return;
    }
    const status = at(doc, 'status');
    if (kind === 'Pod' && status?.kind === 'map') state.pods.push(podOf(doc, ev));
    else if (kind === 'Node') state.nodes.push(nodeOf(doc, ev));
    else if (kind === 'Event') eventOf(doc, state, ev);
    else if ((kind === 'PersistentVolumeClaim' || kind === 'PersistentVolume') && at(status, 'phase')) claimOf(doc, kind, state, ev);
    else if ((kind === 'Deployment' || kind === 'StatefulSet' || kind === 'DaemonSet') && status?.kind === 'map') state.workloads.push(workloadOf(doc, kind, ev));
    else if (kind === 'Endpoints') endpointsOf(doc, state, ev);
  };
  for (const doc of docs) visit(doc, 0);
  return state;
}

type Ev = (node: PNode, note?: string) => PodState['evidence'];

function resourcesOf(node: PNode | undefined): { memoryBytes?: number; cpuMilli?: number } | undefined {
  if (!node) return undefined;
  const out: { memoryBytes?: number; cpuMilli?: number } = {};
  const memory = kubeMemoryBytes(text(at(node, 'memory')) ?? '');
  if (memory !== undefined) out.memoryBytes = memory;
  const cpu = kubeCpuMilli(text(at(node, 'cpu')) ?? '');
  if (cpu !== undefined) out.cpuMilli = cpu;
  return Object.keys(out).length > 0 ? out : undefined;
}

function containerOf(cs: PNode, spec: PNode | undefined, ev: Ev): ContainerState {
  const name = text(at(cs, 'name')) ?? '';
  const stateNode = at(cs, 'state');
  const stateName = stateNode?.kind === 'map' ? [...stateNode.entries.keys()][0] : undefined;
  const reasonNode = stateName ? at(stateNode, stateName, 'reason') : undefined;
  const lastNode = at(cs, 'lastState', 'terminated') ?? (stateName === 'terminated' ? at(stateNode, 'terminated') : undefined);
  const lastReason = at(lastNode, 'reason');
  const telling = lastReason ?? reasonNode ?? at(cs, 'name') ?? cs;
  const c: ContainerState = { name, evidence: ev(telling, `container ${name}`) };
  const image = text(at(cs, 'image'));
  if (image) c.image = image;
  if (stateName) c.state = stateName.charAt(0).toUpperCase() + stateName.slice(1);
  const reason = text(reasonNode);
  if (reason) c.reason = reason;
  const ready = at(cs, 'ready');
  if (ready?.kind === 'scalar' && typeof ready.value === 'boolean') c.ready = ready.value;
  const restarts = Number(text(at(cs, 'restartCount')));
  if (Number.isInteger(restarts)) c.restarts = restarts;
  if (lastNode) {
    const t: { reason?: string; exitCode?: number; at?: string } = {};
    const r = text(lastReason);
    if (r) t.reason = r;
    const code = Number(text(at(lastNode, 'exitCode')));
    if (Number.isInteger(code)) t.exitCode = code;
    const finished = text(at(lastNode, 'finishedAt'));
    if (finished) t.at = finished;
    c.lastTermination = t;
  }
  const declared = items(spec).find((s) => text(at(s, 'name')) === name);
  const limits = resourcesOf(at(declared, 'resources', 'limits'));
  if (limits) c.limits = limits;
  const requests = resourcesOf(at(declared, 'resources', 'requests'));
  if (requests) c.requests = requests;
  return c;
}

function podOf(doc: PNode, ev: Ev): PodState {
  const name = text(at(doc, 'metadata', 'name')) ?? '';
  const status = at(doc, 'status');
  const inits = items(at(status, 'initContainerStatuses')).map((cs) => containerOf(cs, at(doc, 'spec', 'initContainers'), ev));
  const containers = items(at(status, 'containerStatuses')).map((cs) => containerOf(cs, at(doc, 'spec', 'containers'), ev));
  const phase = text(at(status, 'phase')) ?? 'Unknown';
  const failingInit = inits.find((c) => (c.state === 'Waiting' && c.reason && c.reason !== 'PodInitializing') || (c.state === 'Terminated' && c.reason && c.reason !== 'Completed'));
  const waiting = containers.find((c) => c.state === 'Waiting' && c.reason);
  const terminated = containers.find((c) => c.state === 'Terminated' && c.reason && TERMINATED_REASONS.has(c.reason));
  const podReason = text(at(status, 'reason'));
  const shown = podReason ?? (failingInit ? `Init:${failingInit.reason}` : (waiting?.reason ?? terminated?.reason ?? (at(doc, 'metadata', 'deletionTimestamp') ? 'Terminating' : phase)));
  const focus = failingInit ?? waiting ?? terminated ?? containers.find((c) => c.lastTermination || (c.restarts ?? 0) > 0) ?? containers[0];
  const phaseNode = at(status, 'reason') ?? at(status, 'phase') ?? at(doc, 'metadata', 'name') ?? doc;
  const evidence = focus && (focus.lastTermination || focus.reason) ? focus.evidence : ev(phaseNode);
  const pod: PodState = { name, workload: stripPodSuffix(name), status: shown, evidence: { ...evidence, note: `pod ${name}: ${shown}` }, containers: [...inits, ...containers] };
  const namespace = text(at(doc, 'metadata', 'namespace'));
  if (namespace) pod.namespace = namespace;
  if (containers.length > 0 && containers.every((c) => c.ready !== undefined)) pod.ready = { ready: containers.filter((c) => c.ready).length, total: containers.length };
  if (containers.some((c) => c.restarts !== undefined)) pod.restarts = containers.reduce((s, c) => s + (c.restarts ?? 0), 0);
  const node = text(at(doc, 'spec', 'nodeName'));
  if (node) pod.node = node;
  if (focus?.state === 'Waiting' && focus.reason) pod.waitingReason = focus.reason;
  if (focus?.lastTermination) pod.lastTermination = focus.lastTermination;
  const message = text(at(status, 'message')) ?? (focus?.state === 'Waiting' ? text(at(items(at(status, 'containerStatuses')).find((cs) => text(at(cs, 'name')) === focus.name), 'state', 'waiting', 'message')) : undefined);
  if (message) pod.message = message;
  if (focus?.limits) pod.limits = focus.limits;
  if (focus?.image) pod.image = focus.image;
  return pod;
}

function nodeOf(doc: PNode, ev: Ev): NodeState {
  const name = text(at(doc, 'metadata', 'name')) ?? '';
  const conditions = items(at(doc, 'status', 'conditions')).map((c) => ({ type: text(at(c, 'type')) ?? '', status: text(at(c, 'status')) ?? '', node: at(c, 'type') ?? c }));
  const ready = conditions.find((c) => c.type === 'Ready');
  const pressure = conditions.find((c) => c.type !== 'Ready' && c.status === 'True');
  const telling = pressure?.node ?? (ready && ready.status !== 'True' ? ready.node : undefined) ?? at(doc, 'spec', 'taints') ?? at(doc, 'metadata', 'name') ?? doc;
  const node: NodeState = {
    name,
    labels: stringRecord(at(doc, 'metadata', 'labels')),
    taints: items(at(doc, 'spec', 'taints')).map((t) => {
      const value = text(at(t, 'value'));
      return { key: text(at(t, 'key')) ?? '', ...(value !== undefined ? { value } : {}), effect: text(at(t, 'effect')) ?? '' };
    }),
    conditions: conditions.filter((c) => c.status === 'True').map((c) => c.type),
    evidence: ev(telling, `node ${name}`),
  };
  if (ready) node.ready = ready.status === 'True';
  const unschedulable = at(doc, 'spec', 'unschedulable');
  if (unschedulable?.kind === 'scalar') node.unschedulable = unschedulable.value === true || unschedulable.value === 'true';
  const allocatable = resourcesOf(at(doc, 'status', 'allocatable'));
  if (allocatable) node.allocatable = allocatable;
  const capacity = resourcesOf(at(doc, 'status', 'capacity'));
  if (capacity) node.capacity = capacity;
  return node;
}

function eventOf(doc: PNode, state: RuntimeState, ev: Ev): void {
  const reasonNode = at(doc, 'reason');
  const reason = text(reasonNode) ?? '';
  const involved = at(doc, 'involvedObject') ?? at(doc, 'regarding');
  const count = Number(text(at(doc, 'count')) ?? text(at(doc, 'series', 'count')) ?? text(at(doc, 'deprecatedCount')) ?? 1);
  const type = text(at(doc, 'type'));
  const event: RuntimeState['events'][number] = {
    reason,
    message: text(at(doc, 'message')) ?? text(at(doc, 'note')) ?? '',
    count: Number.isInteger(count) && count > 0 ? count : 1,
    evidence: ev(reasonNode ?? doc, `${type ? `${type} ` : ''}${reason}`),
  };
  if (type) event.type = type;
  const kind = text(at(involved, 'kind'));
  const name = text(at(involved, 'name'));
  if (kind && name) {
    event.object = { kind: kind.toLowerCase(), name };
    const workload = workloadOfObject(kind.toLowerCase(), name);
    if (workload) event.workload = workload;
  }
  const namespace = text(at(involved, 'namespace')) ?? text(at(doc, 'metadata', 'namespace'));
  if (namespace) event.namespace = namespace;
  const age = text(at(doc, 'lastTimestamp')) ?? text(at(doc, 'eventTime')) ?? text(at(doc, 'metadata', 'creationTimestamp'));
  if (age) event.age = age;
  state.events.push(event);
}

function claimOf(doc: PNode, kind: 'PersistentVolumeClaim' | 'PersistentVolume', state: RuntimeState, ev: Ev): void {
  const name = text(at(doc, 'metadata', 'name')) ?? '';
  const phaseNode = at(doc, 'status', 'phase')!;
  const status = text(phaseNode) ?? '';
  const claim: RuntimeState['claims'][number] = { name, status, evidence: ev(phaseNode, `${kind === 'PersistentVolume' ? 'volume' : 'claim'} ${name}: ${status}`) };
  const namespace = text(at(doc, 'metadata', 'namespace'));
  if (namespace && kind === 'PersistentVolumeClaim') claim.namespace = namespace;
  const volume = kind === 'PersistentVolume' ? name : text(at(doc, 'spec', 'volumeName'));
  if (volume) claim.volume = volume;
  const capacity = kubeMemoryBytes(text(at(doc, kind === 'PersistentVolume' ? 'spec' : 'status', 'capacity', 'storage')) ?? '');
  if (capacity !== undefined) claim.capacityBytes = capacity;
  const storageClass = text(at(doc, 'spec', 'storageClassName'));
  if (storageClass) claim.storageClass = storageClass;
  if (kind === 'PersistentVolume') {
    claim.kind = 'PersistentVolume';
    const ref = at(doc, 'spec', 'claimRef');
    const refName = text(at(ref, 'name'));
    if (refName) claim.claim = [text(at(ref, 'namespace')), refName].filter(Boolean).join('/');
  }
  state.claims.push(claim);
}

function workloadOf(doc: PNode, kind: string, ev: Ev): WorkloadState {
  const name = text(at(doc, 'metadata', 'name')) ?? '';
  const status = at(doc, 'status');
  const num = (node: PNode | undefined): number | undefined => {
    const n = Number(text(node));
    return text(node) !== undefined && Number.isInteger(n) ? n : undefined;
  };
  const daemon = kind === 'DaemonSet';
  const desired = daemon ? num(at(status, 'desiredNumberScheduled')) : (num(at(doc, 'spec', 'replicas')) ?? num(at(status, 'replicas')) ?? 1);
  const ready = num(at(status, daemon ? 'numberReady' : 'readyReplicas')) ?? 0;
  const w: WorkloadState = { kind, name, evidence: ev(at(status, daemon ? 'numberReady' : 'readyReplicas') ?? status ?? doc, `${kind} ${name}: ${ready}/${desired ?? '?'} ready`) };
  const namespace = text(at(doc, 'metadata', 'namespace'));
  if (namespace) w.namespace = namespace;
  if (desired !== undefined) w.ready = { ready, total: desired };
  const upToDate = num(at(status, daemon ? 'updatedNumberScheduled' : 'updatedReplicas'));
  if (upToDate !== undefined) w.upToDate = upToDate;
  const available = num(at(status, daemon ? 'numberAvailable' : 'availableReplicas'));
  if (available !== undefined) w.available = available;
  const stalled = items(at(status, 'conditions')).find((c) => text(at(c, 'reason')) === 'ProgressDeadlineExceeded' || (text(at(c, 'type')) === 'Progressing' && text(at(c, 'status')) === 'False'));
  if (stalled) {
    w.stalled = true;
    w.rollout = text(at(stalled, 'message')) ?? text(at(stalled, 'reason')) ?? 'Progressing=False';
    w.evidence = ev(at(stalled, 'reason') ?? stalled, `${kind} ${name}: ${text(at(stalled, 'reason')) ?? 'not progressing'}`);
  }
  const image = text(at(items(at(doc, 'spec', 'template', 'spec', 'containers'))[0], 'image'));
  if (image) w.image = image;
  return w;
}

function endpointsOf(doc: PNode, state: RuntimeState, ev: Ev): void {
  const service = text(at(doc, 'metadata', 'name')) ?? '';
  const addresses: string[] = [];
  for (const subset of items(at(doc, 'subsets'))) {
    const ports = items(at(subset, 'ports')).map((p) => text(at(p, 'port'))).filter((p): p is string => p !== undefined);
    for (const a of items(at(subset, 'addresses'))) {
      const ip = text(at(a, 'ip'));
      if (ip) addresses.push(...(ports.length > 0 ? ports.map((p) => `${ip}:${p}`) : [ip]));
    }
  }
  const namespace = text(at(doc, 'metadata', 'namespace'));
  state.endpoints.push({
    service,
    addresses,
    ...(namespace ? { namespace } : {}),
    evidence: ev(at(doc, 'subsets') ?? at(doc, 'metadata', 'name') ?? doc, addresses.length === 0 ? `service ${service} has no endpoints` : undefined),
  });
}
