/**
 * Facts of the Kubernetes objects around workloads: volume claims and volumes, ConfigMaps, Secrets (keys
 * only) and HorizontalPodAutoscalers.
 */
import { at, items, text, type PNode } from './yaml-tree';
import { parseQuantity } from './quantity';
import type { AutoscalerFact, ConfigFacts, ConfigObjectFact, VolumeClaimFact } from './facts';
import type { SourceText } from './source-text';
import type { SecretRedactor } from './kubernetes-secrets';
import type { Evidence } from '../../protocol';

/** Adds a PersistentVolumeClaim or a PersistentVolume (cluster-scoped: namespace ''). */
export function addVolumeClaim(obj: PNode, kind: VolumeClaimFact['kind'], name: string, namespace: string, objEvidence: Evidence, src: SourceText, facts: ConfigFacts): void {
  const fact: VolumeClaimFact = { kind, name, namespace: kind === 'PersistentVolume' ? '' : namespace, evidence: objEvidence };
  const storageClass = text(at(obj, 'spec', 'storageClassName'));
  if (storageClass !== undefined) fact.storageClass = storageClass;
  const sizeNode = kind === 'PersistentVolume' ? at(obj, 'spec', 'capacity', 'storage') : at(obj, 'spec', 'resources', 'requests', 'storage');
  const size = text(sizeNode);
  if (size !== undefined && sizeNode) fact.size = { text: size, value: parseQuantity(size, 'memory'), evidence: src.evidence(sizeNode.line, sizeNode.column) };
  facts.claims.push(fact);
}

/** Adds a ConfigMap with its `data` entries (key, value, evidence at the key) and its `binaryData` keys. */
export function addConfigMap(obj: PNode, name: string, namespace: string, objEvidence: Evidence, src: SourceText, facts: ConfigFacts): void {
  const entries: ConfigObjectFact['entries'] = [];
  for (const section of ['data', 'binaryData']) {
    const map = at(obj, section);
    if (map?.kind !== 'map') continue;
    for (const [key, node] of map.entries) {
      const pos = map.keys.get(key)!;
      const value = section === 'data' ? text(node) : undefined;
      entries.push({ key, ...(value !== undefined ? { value } : {}), evidence: src.evidence(pos.line, pos.column) });
    }
  }
  facts.configObjects.push({ kind: 'ConfigMap', name, namespace, entries, evidence: objEvidence });
}

/**
 * Adds a Secret's keys (`data` and `stringData`), never its values: each key's evidence quotes only
 * `key: <redacted>`, and the values go to `secrets` so they can be scrubbed from every other fact.
 */
export function addSecret(obj: PNode, name: string, namespace: string, objEvidence: Evidence, src: SourceText, facts: ConfigFacts, secrets: SecretRedactor): void {
  const entries: ConfigObjectFact['entries'] = [];
  for (const section of ['data', 'stringData']) {
    const map = at(obj, section);
    if (!map) continue;
    secrets.addValues(map, section === 'data');
    if (map.kind !== 'map') continue;
    for (const key of map.entries.keys()) {
      const pos = map.keys.get(key)!;
      entries.push({ key, evidence: secrets.keyEvidence(src, pos.line, pos.column, key) });
    }
  }
  const fact: ConfigObjectFact = { kind: 'Secret', name, namespace, entries, evidence: objEvidence };
  const type = text(at(obj, 'type'));
  if (type) fact.secretType = type;
  facts.configObjects.push(fact);
}

/** Adds a HorizontalPodAutoscaler (autoscaling/v1, v2beta*, v2); evidence at `maxReplicas` when written. */
export function addAutoscaler(obj: PNode, name: string, namespace: string, objEvidence: Evidence, src: SourceText, facts: ConfigFacts): void {
  const spec = at(obj, 'spec');
  const target = text(at(spec, 'scaleTargetRef', 'name'));
  if (!target) return;
  const maxNode = at(spec, 'maxReplicas');
  const fact: AutoscalerFact = { name, namespace, target, evidence: maxNode ? src.evidence(maxNode.line, maxNode.column) : objEvidence };
  const targetKind = text(at(spec, 'scaleTargetRef', 'kind'));
  if (targetKind) fact.targetKind = targetKind;
  const min = integer(at(spec, 'minReplicas'));
  if (min !== undefined) fact.minReplicas = min;
  const max = integer(maxNode);
  if (max !== undefined) fact.maxReplicas = max;
  const cpuMetric = items(at(spec, 'metrics')).find((m) => text(at(m, 'resource', 'name')) === 'cpu');
  const cpu =
    integer(at(spec, 'targetCPUUtilizationPercentage')) ??
    integer(at(cpuMetric, 'resource', 'target', 'averageUtilization')) ??
    integer(at(cpuMetric, 'resource', 'targetAverageUtilization'));
  if (cpu !== undefined) fact.targetCPUUtilization = cpu;
  facts.autoscalers.push(fact);
}

function integer(node: PNode | undefined): number | undefined {
  const value = text(node);
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
}
