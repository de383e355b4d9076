/**
 * Facts from Kubernetes manifests (multi-document YAML, `kubectl get -o yaml|json`, `kind: List`):
 * Services with their selectors and target ports, workloads with their pod labels and container ports,
 * and container env vars as settings of the workload.
 */
import { at, items, stringRecord, text, type PNode } from './yaml-tree';
import { emptyFacts, type ConfigFacts, type ContainerPortFact, type ServicePortFact } from './facts';
import type { SourceText } from './source-text';

const WORKLOAD_TEMPLATE: Record<string, string[]> = {
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

/** True when the document is a Kubernetes object or a `List` of them. */
export function isKubernetesDocument(doc: PNode | null): boolean {
  return !!doc && text(at(doc, 'apiVersion')) !== undefined && text(at(doc, 'kind')) !== undefined;
}

/** Extracts the facts of every Kubernetes object in `docs`. */
export function kubernetesFacts(docs: (PNode | null)[], src: SourceText): ConfigFacts {
  const facts = emptyFacts();
  const visit = (obj: PNode): void => {
    const kind = text(at(obj, 'kind'));
    if (!kind) return;
    if (kind === 'List' || kind.endsWith('List')) {
      for (const item of items(at(obj, 'items'))) visit(item);
      return;
    }
    const name = text(at(obj, 'metadata', 'name'));
    if (!name) return;
    const namespace = text(at(obj, 'metadata', 'namespace')) ?? 'default';
    const objEvidence = src.evidence(at(obj, 'metadata', 'name')!.line, at(obj, 'metadata', 'name')!.column);
    if (kind === 'Service') {
      serviceFacts(obj, name, namespace, src, facts);
      facts.components.push({ name, aliases: [], origin: 'kubernetes', evidence: objEvidence });
      return;
    }
    const template = kind === 'Pod' ? obj : WORKLOAD_TEMPLATE[kind] ? at(obj, ...WORKLOAD_TEMPLATE[kind]!) : undefined;
    if (!template) return;
    const podSpec = kind === 'Pod' ? at(obj, 'spec') : at(template, 'spec');
    const podLabels = stringRecord(at(template, 'metadata', 'labels'));
    const aliases = [podLabels['app'], podLabels['app.kubernetes.io/name']].filter((a): a is string => !!a && a !== name);
    facts.components.push({ name, aliases, origin: 'kubernetes', evidence: objEvidence });
    const containers = [...items(at(podSpec, 'containers')), ...items(at(podSpec, 'initContainers'))].map((c) => {
      const ports: ContainerPortFact[] = [];
      for (const p of items(at(c, 'ports'))) {
        const node = at(p, 'containerPort');
        const port = Number(text(node));
        if (!node || !Number.isInteger(port)) continue;
        const fact: ContainerPortFact = { port, evidence: src.evidence(node.line, node.column) };
        const portName = text(at(p, 'name'));
        if (portName) fact.name = portName;
        ports.push(fact);
        facts.listeners.push({ component: name, port, source: 'container-port', evidence: fact.evidence });
      }
      for (const env of items(at(c, 'env'))) {
        const envName = text(at(env, 'name'));
        const valueNode = at(env, 'value');
        const value = text(valueNode);
        if (!envName || value === undefined || !valueNode) continue;
        facts.settings.push({ owner: name, key: envName, value, evidence: src.evidence(valueNode.line, valueNode.column) });
      }
      const image = text(at(c, 'image'));
      return { name: text(at(c, 'name')) ?? name, ...(image ? { image } : {}), ports };
    });
    facts.workloads.push({ kind, name, namespace, podLabels, containers, evidence: objEvidence });
  };
  for (const doc of docs) if (doc) visit(doc);
  return facts;
}

function serviceFacts(obj: PNode, name: string, namespace: string, src: SourceText, facts: ConfigFacts): void {
  const ports: ServicePortFact[] = [];
  for (const p of items(at(obj, 'spec', 'ports'))) {
    const portNode = at(p, 'port');
    const port = Number(text(portNode));
    if (!portNode || !Number.isInteger(port)) continue;
    const targetNode = at(p, 'targetPort');
    const targetText = text(targetNode);
    const targetPort = targetText === undefined ? port : /^\d+$/.test(targetText) ? Number(targetText) : targetText;
    const where = targetNode ?? portNode;
    const fact: ServicePortFact = {
      port,
      targetPort,
      targetPortExplicit: targetNode !== undefined,
      evidence: src.evidence(where.line, where.column),
    };
    const portName = text(at(p, 'name'));
    if (portName) fact.name = portName;
    ports.push(fact);
    facts.listeners.push({ component: name, port, source: 'service-port', evidence: src.evidence(portNode.line, portNode.column) });
  }
  const selectorNode = at(obj, 'spec', 'selector');
  const clusterIP = text(at(obj, 'spec', 'clusterIP'));
  facts.services.push({
    name,
    namespace,
    selector: stringRecord(selectorNode),
    ports,
    ...(clusterIP && clusterIP !== 'None' ? { clusterIP } : {}),
    evidence: src.evidence(at(obj, 'metadata', 'name')!.line, at(obj, 'metadata', 'name')!.column),
  });
}
