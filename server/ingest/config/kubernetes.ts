/**
 * Facts from Kubernetes manifests (multi-document YAML, Helm-rendered output, `kubectl get -o yaml|json`,
 * `kind: List`): Services, workloads and their pod templates, volume claims, ConfigMaps, Secrets (keys
 * only), Ingresses, autoscalers, NetworkPolicies and injected traffic faults (Istio route faults,
 * NetworkChaos). Each kind is read by its own module; this one dispatches on `kind`, resolves ConfigMap
 * references and keeps Secret values out of the result.
 */
import { at, items, text, type PNode } from './yaml-tree';
import { emptyFacts, type ConfigFacts } from './facts';
import { addWorkload, isWorkloadKind } from './kubernetes-workload';
import { addIngress, addNetworkPolicy, addService } from './kubernetes-network';
import { addAutoscaler, addConfigMap, addSecret, addVolumeClaim } from './kubernetes-objects';
import { configMapSettings } from './kubernetes-config-refs';
import { SecretRedactor } from './kubernetes-secrets';
import { addTrafficFaults, isTrafficFaultKind } from './kubernetes-traffic-faults';
import type { SourceText } from './source-text';

/** True when the document is a Kubernetes object or a `List` of them. */
export function isKubernetesDocument(doc: PNode | null): boolean {
  return !!doc && text(at(doc, 'apiVersion')) !== undefined && text(at(doc, 'kind')) !== undefined;
}

/** Extracts the facts of every Kubernetes object in `docs` (documents of one file). */
export function kubernetesFacts(docs: (PNode | null)[], src: SourceText): ConfigFacts {
  const collector = new KubernetesFactCollector(src);
  for (const doc of docs) collector.add(doc);
  return collector.finish();
}

/**
 * Collects the facts of one file's Kubernetes objects a document at a time, so a large manifest can be
 * parsed and dropped document by document; `finish` then adds the settings workloads read from ConfigMaps
 * and scrubs Secret values from every fact.
 */
export class KubernetesFactCollector {
  private readonly facts = emptyFacts();
  private readonly secrets = new SecretRedactor();

  constructor(private readonly src: SourceText) {}

  /** Adds the objects of one document (a `List` adds its items); anything else is ignored. */
  add(doc: PNode | null): void {
    if (doc) this.visit(doc, 0);
  }

  /** The facts collected, with ConfigMap settings resolved and Secret values redacted; call it once, last. */
  finish(): ConfigFacts {
    const { facts } = this;
    facts.settings.push(...configMapSettings(facts.workloads, facts.configObjects, facts.settings));
    this.secrets.redact(facts, this.src);
    return facts;
  }

  private visit(obj: PNode, depth: number): void {
    const kind = text(at(obj, 'kind'));
    if (!kind || depth > 8) return;
    if (kind === 'List' || kind.endsWith('List')) {
      for (const item of items(at(obj, 'items'))) this.visit(item, depth + 1);
      return;
    }
    const nameNode = at(obj, 'metadata', 'name');
    const name = text(nameNode);
    if (!name || !nameNode) return;
    const namespace = text(at(obj, 'metadata', 'namespace')) ?? 'default';
    const { src, facts } = this;
    const evidence = src.evidence(nameNode.line, nameNode.column);
    if (isWorkloadKind(kind)) addWorkload(obj, kind, name, namespace, evidence, src, facts);
    else if (kind === 'Service') addService(obj, name, namespace, evidence, src, facts);
    else if (kind === 'Ingress') addIngress(obj, name, namespace, src, facts);
    else if (kind === 'NetworkPolicy') addNetworkPolicy(obj, name, namespace, evidence, facts);
    else if (kind === 'PersistentVolumeClaim' || kind === 'PersistentVolume') addVolumeClaim(obj, kind, name, namespace, evidence, src, facts);
    else if (kind === 'ConfigMap') addConfigMap(obj, name, namespace, evidence, src, facts);
    else if (kind === 'Secret') addSecret(obj, name, namespace, evidence, src, facts, this.secrets);
    else if (kind === 'HorizontalPodAutoscaler') addAutoscaler(obj, name, namespace, evidence, src, facts);
    else if (isTrafficFaultKind(kind)) addTrafficFaults(obj, kind, name, namespace, evidence, src, facts);
  }
}
