/**
 * Facts of a Kubernetes workload (Deployment, StatefulSet, DaemonSet, Job, CronJob, Pod, ...) and its pod
 * template: containers with ports, env, resources, command, envFrom and mounts; replicas, scheduling
 * constraints, volumes, pull secrets and service account.
 */
import { at, items, stringRecord, text, type PNode } from './yaml-tree';
import { parseQuantity } from './quantity';
import type { ConfigFacts, ContainerFact, ContainerPortFact, NodeAffinityTerm, QuantityFact, ResourceFacts, TolerationFact, VolumeFact, WorkloadFact } from './facts';
import type { SourceText } from './source-text';
import type { Evidence } from '../../protocol';

/** Where the pod template sits in each workload kind (a Pod is its own template). */
const WORKLOAD_TEMPLATE: Record<string, string[]> = {
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
  Pod: [],
};

/** True when `kind` is a workload kind this module reads. */
export function isWorkloadKind(kind: string): boolean {
  return WORKLOAD_TEMPLATE[kind] !== undefined;
}

/**
 * Adds the workload `obj` (of a kind for which `isWorkloadKind` holds) to `facts`: a component, a
 * WorkloadFact, container ports as listeners and literal env vars as settings owned by the workload.
 */
export function addWorkload(obj: PNode, kind: string, name: string, namespace: string, objEvidence: Evidence, src: SourceText, facts: ConfigFacts): void {
  const template = at(obj, ...WORKLOAD_TEMPLATE[kind]!);
  if (!template) return;
  const podSpec = at(template, 'spec');
  const podLabels = stringRecord(at(template, 'metadata', 'labels'));
  const aliases = [podLabels['app'], podLabels['app.kubernetes.io/name']].filter((a): a is string => !!a && a !== name);
  facts.components.push({ name, aliases, origin: 'kubernetes', evidence: objEvidence });
  const containers = [
    ...items(at(podSpec, 'containers')).map((c) => containerFact(c, name, false, src, facts)),
    ...items(at(podSpec, 'initContainers')).map((c) => containerFact(c, name, true, src, facts)),
  ];
  const workload: WorkloadFact = { kind, name, namespace, podLabels, containers, evidence: objEvidence };
  const ev = (node: PNode): Evidence => src.evidence(node.line, node.column);

  const replicasNode = kind === 'Pod' ? undefined : at(obj, 'spec', 'replicas');
  const replicas = Number(text(replicasNode));
  if (replicasNode && text(replicasNode) !== undefined && Number.isInteger(replicas)) workload.replicas = { value: replicas, evidence: ev(replicasNode) };
  const nodeSelector = at(podSpec, 'nodeSelector');
  if (nodeSelector?.kind === 'map' && podSpec?.kind === 'map') {
    const key = podSpec.keys.get('nodeSelector')!;
    const values: Record<string, Evidence> = {};
    for (const [k, v] of nodeSelector.entries) if (text(v) !== undefined) values[k] = ev(v);
    workload.nodeSelector = { labels: stringRecord(nodeSelector), evidence: src.evidence(key.line, key.column), values };
  }
  const affinity = nodeAffinityTerms(podSpec, src);
  if (affinity.length > 0) workload.nodeAffinity = affinity;
  const tolerations = items(at(podSpec, 'tolerations')).map(toleration);
  if (tolerations.length > 0) workload.tolerations = tolerations;
  const volumes = items(at(podSpec, 'volumes')).map((v) => volumeFact(v, src)).filter((v): v is VolumeFact => !!v);
  // A StatefulSet's volumeClaimTemplates give each pod a claim of its own, mounted under the template's name.
  for (const t of items(at(obj, 'spec', 'volumeClaimTemplates'))) {
    const nameNode = at(t, 'metadata', 'name');
    const claimName = text(nameNode);
    if (!claimName || !nameNode) continue;
    const sizeNode = at(t, 'spec', 'resources', 'requests', 'storage');
    const sizeText = text(sizeNode);
    const size = sizeText !== undefined && sizeNode ? { text: sizeText, value: parseQuantity(sizeText, 'memory'), evidence: ev(sizeNode) } : undefined;
    const storageClass = text(at(t, 'spec', 'storageClassName'));
    facts.claims.push({ kind: 'PersistentVolumeClaim', name: claimName, namespace, ...(storageClass ? { storageClass } : {}), ...(size ? { size } : {}), evidence: ev(nameNode) });
    volumes.push({ name: claimName, source: { kind: 'pvc', ref: claimName }, evidence: ev(nameNode) });
  }
  if (volumes.length > 0) workload.volumes = volumes;
  const pullSecrets = items(at(podSpec, 'imagePullSecrets')).map((s) => text(at(s, 'name')) ?? text(s)).filter((s): s is string => !!s);
  if (pullSecrets.length > 0) workload.imagePullSecrets = pullSecrets;
  const pullSecretRefs = items(at(podSpec, 'imagePullSecrets')).flatMap((s) => {
    const node = at(s, 'name') ?? s;
    const secret = text(node);
    return secret ? [{ name: secret, evidence: ev(node) }] : [];
  });
  if (pullSecretRefs.length > 0) workload.imagePullSecretRefs = pullSecretRefs;
  const containersKey = podSpec?.kind === 'map' ? podSpec.keys.get('containers') : undefined;
  if (containersKey) workload.containersKey = src.evidence(containersKey.line, containersKey.column);
  const serviceAccount = text(at(podSpec, 'serviceAccountName')) ?? text(at(podSpec, 'serviceAccount'));
  if (serviceAccount) workload.serviceAccount = serviceAccount;
  facts.workloads.push(workload);
}

function containerFact(c: PNode, owner: string, init: boolean, src: SourceText, facts: ConfigFacts): ContainerFact {
  const ev = (node: PNode): Evidence => src.evidence(node.line, node.column);
  const ports: ContainerPortFact[] = [];
  for (const p of items(at(c, 'ports'))) {
    const node = at(p, 'containerPort');
    const port = Number(text(node));
    if (!node || !Number.isInteger(port)) continue;
    const fact: ContainerPortFact = { port, evidence: ev(node) };
    const portName = text(at(p, 'name'));
    if (portName) fact.name = portName;
    ports.push(fact);
    facts.listeners.push({ component: owner, port, source: 'container-port', evidence: fact.evidence });
  }
  const container: ContainerFact = { name: text(at(c, 'name')) ?? owner, ports };
  const imageNode = at(c, 'image');
  const image = text(imageNode);
  if (image && imageNode) {
    container.image = image;
    container.imageEvidence = ev(imageNode);
  }
  const envRefs: NonNullable<ContainerFact['envRefs']> = [];
  for (const env of items(at(c, 'env'))) {
    const nameNode = at(env, 'name');
    const envName = text(nameNode);
    if (!envName || !nameNode) continue;
    const valueNode = at(env, 'value');
    const value = text(valueNode);
    if (value !== undefined && valueNode) {
      facts.settings.push({ owner, key: envName, value, evidence: ev(valueNode) });
      continue;
    }
    for (const [refKey, kind] of [['configMapKeyRef', 'ConfigMap'], ['secretKeyRef', 'Secret']] as const) {
      const ref = at(env, 'valueFrom', refKey);
      const refName = text(at(ref, 'name'));
      const key = text(at(ref, 'key'));
      if (refName && key) envRefs.push({ variable: envName, kind, name: refName, key, evidence: ev(nameNode) });
    }
  }
  if (envRefs.length > 0) container.envRefs = envRefs;
  const limits = resourceFacts(at(c, 'resources', 'limits'), src);
  if (limits) container.limits = limits;
  const requests = resourceFacts(at(c, 'resources', 'requests'), src);
  if (requests) container.requests = requests;
  const command = at(c, 'command');
  const args = at(c, 'args');
  const words = [...commandWords(command), ...commandWords(args)];
  if (words.length > 0) {
    container.command = words;
    container.commandEvidence = ev((command ?? args)!);
    const wordNodes = [command, args].flatMap((n) => (n?.kind === 'seq' ? n.items : n ? [n] : []));
    if (wordNodes.length === words.length) container.commandWordEvidence = wordNodes.map(ev);
  }
  const envFrom: NonNullable<ContainerFact['envFrom']> = [];
  for (const source of items(at(c, 'envFrom'))) {
    for (const [refKey, kind] of [['configMapRef', 'ConfigMap'], ['secretRef', 'Secret']] as const) {
      const nameNode = at(source, refKey, 'name');
      const refName = text(nameNode);
      if (!refName || !nameNode) continue;
      const prefix = text(at(source, 'prefix'));
      envFrom.push({ kind, name: refName, evidence: ev(nameNode), ...(prefix ? { prefix } : {}) });
    }
  }
  if (envFrom.length > 0) container.envFrom = envFrom;
  const mounts = items(at(c, 'volumeMounts')).flatMap((m) => {
    const volume = text(at(m, 'name'));
    const pathNode = at(m, 'mountPath');
    const path = text(pathNode);
    return volume && path && pathNode ? [{ volume, path, evidence: ev(pathNode) }] : [];
  });
  if (mounts.length > 0) container.mounts = mounts;
  if (init) container.init = true;
  return container;
}

/** The words of a `command` / `args` node: a list, or one string written as a scalar. */
function commandWords(node: PNode | undefined): string[] {
  if (node?.kind === 'seq') return node.items.map((i) => text(i) ?? '');
  const single = text(node);
  return single !== undefined ? [single] : [];
}

/** `resources.limits` / `requests` as quantities, or undefined when none is written. */
function resourceFacts(node: PNode | undefined, src: SourceText): ResourceFacts | undefined {
  if (node?.kind !== 'map') return undefined;
  const out: ResourceFacts = {};
  const quantity = (key: string, kind: 'memory' | 'cpu'): QuantityFact | undefined => {
    const valueNode = node.entries.get(key);
    const value = text(valueNode);
    if (value === undefined || !valueNode) return undefined;
    return { text: value, value: parseQuantity(value, kind), evidence: src.evidence(valueNode.line, valueNode.column) };
  };
  const memory = quantity('memory', 'memory');
  if (memory) out.memory = memory;
  const cpu = quantity('cpu', 'cpu');
  if (cpu) out.cpu = cpu;
  const storage = quantity('ephemeral-storage', 'memory');
  if (storage) out.ephemeralStorage = storage;
  return Object.keys(out).length > 0 ? out : undefined;
}

function nodeAffinityTerms(podSpec: PNode | undefined, src: SourceText): NodeAffinityTerm[] {
  const terms = items(at(podSpec, 'affinity', 'nodeAffinity', 'requiredDuringSchedulingIgnoredDuringExecution', 'nodeSelectorTerms'));
  return terms.flatMap((term, index) =>
    [...items(at(term, 'matchExpressions')), ...items(at(term, 'matchFields'))].flatMap((expr): NodeAffinityTerm[] => {
      const keyNode = at(expr, 'key');
      const key = text(keyNode);
      const operator = text(at(expr, 'operator'));
      if (!key || !operator || !keyNode) return [];
      const values = items(at(expr, 'values')).map((v) => text(v)).filter((v): v is string => v !== undefined);
      const fact: NodeAffinityTerm = { key, operator, values, evidence: src.evidence(keyNode.line, keyNode.column) };
      if (terms.length > 1) fact.alternative = index;
      return [fact];
    }),
  );
}

function toleration(node: PNode): TolerationFact {
  const out: TolerationFact = {};
  for (const key of ['key', 'operator', 'value', 'effect'] as const) {
    const v = text(at(node, key));
    if (v !== undefined) out[key] = v;
  }
  return out;
}

function volumeFact(v: PNode, src: SourceText): VolumeFact | undefined {
  const nameNode = at(v, 'name');
  const name = text(nameNode);
  if (!name || !nameNode) return undefined;
  const evidence = src.evidence(nameNode.line, nameNode.column);
  const ref = (...path: string[]): string | undefined => text(at(v, ...path));
  let source: VolumeFact['source'];
  if (at(v, 'persistentVolumeClaim')) source = { kind: 'pvc', ...opt(ref('persistentVolumeClaim', 'claimName')) };
  else if (at(v, 'configMap')) source = { kind: 'configMap', ...opt(ref('configMap', 'name')) };
  else if (at(v, 'secret')) source = { kind: 'secret', ...opt(ref('secret', 'secretName')) };
  else if (at(v, 'hostPath')) source = { kind: 'hostPath', ...opt(ref('hostPath', 'path')) };
  else if (at(v, 'emptyDir')) {
    source = { kind: 'emptyDir' };
    const sizeNode = at(v, 'emptyDir', 'sizeLimit');
    const size = text(sizeNode);
    if (size !== undefined && sizeNode) source.sizeLimit = { text: size, value: parseQuantity(size, 'memory'), evidence: src.evidence(sizeNode.line, sizeNode.column) };
  } else source = { kind: 'other' };
  return { name, source, evidence };
}

function opt(ref: string | undefined): { ref?: string } {
  return ref !== undefined ? { ref } : {};
}
