/**
 * Facts of the Kubernetes objects that route traffic: Services (selectors, ports, target ports), Ingresses
 * (host and path rules to a Service port, both the networking.k8s.io/v1 and the older v1beta1 shapes) and
 * NetworkPolicies (which pods they select and which sources and ports their ingress rules admit).
 */
import { at, items, stringRecord, text, type PNode } from './yaml-tree';
import type { ConfigFacts, IngressBackendFact, NetworkPolicyFact, ServicePortFact } from './facts';
import type { SourceText } from './source-text';
import type { Evidence } from '../../protocol';

/** Adds a Service: its ports as listeners of the Service and a ServiceFact. */
export function addService(obj: PNode, name: string, namespace: string, objEvidence: Evidence, src: SourceText, facts: ConfigFacts): void {
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
  const clusterIP = text(at(obj, 'spec', 'clusterIP'));
  facts.services.push({
    name,
    namespace,
    selector: stringRecord(at(obj, 'spec', 'selector')),
    ports,
    ...(clusterIP && clusterIP !== 'None' ? { clusterIP } : {}),
    evidence: objEvidence,
  });
  facts.components.push({ name, aliases: [], origin: 'kubernetes', evidence: objEvidence });
}

/**
 * Adds an Ingress: one IngressBackendFact per rule path and default backend (evidence at the backend's
 * port), and an EndpointReference from the ingress to `service:port` for numeric ports.
 */
export function addIngress(obj: PNode, name: string, namespace: string, src: SourceText, facts: ConfigFacts): void {
  const spec = at(obj, 'spec');
  const tls = items(at(spec, 'tls')).map((t) => ({
    hosts: items(at(t, 'hosts')).map((h) => text(h)).filter((h): h is string => !!h),
    secret: text(at(t, 'secretName')),
  }));
  const add = (backend: PNode | undefined, host: string | undefined, path: string | undefined): void => {
    // networking.k8s.io/v1: backend.service.{name, port.{number|name}}; v1beta1: backend.{serviceName, servicePort}
    const serviceNode = at(backend, 'service', 'name') ?? at(backend, 'serviceName');
    const portNode = at(backend, 'service', 'port', 'number') ?? at(backend, 'service', 'port', 'name') ?? at(backend, 'servicePort');
    const service = text(serviceNode);
    const portText = text(portNode);
    if (!service || portText === undefined || !portNode) return;
    const port = /^\d+$/.test(portText) ? Number(portText) : portText;
    const evidence = src.evidence(portNode.line, portNode.column);
    const fact: IngressBackendFact = { ingress: name, namespace, service, port, evidence };
    if (host) fact.host = host;
    if (path) fact.path = path;
    const tlsSecret = tls.find((t) => t.secret && (t.hosts.length === 0 || (host !== undefined && t.hosts.includes(host))))?.secret;
    if (tlsSecret) fact.tlsSecret = tlsSecret;
    facts.ingresses.push(fact);
    if (typeof port === 'number') facts.references.push({ from: name, host: service, port, explicitPort: true, via: `ingress ${name}`, evidence });
  };
  add(at(spec, 'defaultBackend') ?? at(spec, 'backend'), undefined, undefined);
  for (const rule of items(at(spec, 'rules'))) {
    const host = text(at(rule, 'host'));
    for (const p of items(at(rule, 'http', 'paths'))) add(at(p, 'backend'), host, text(at(p, 'path')));
  }
}

/** Adds a NetworkPolicy. Peers selected only by namespace or IP block are not pod selectors and are left out. */
export function addNetworkPolicy(obj: PNode, name: string, namespace: string, objEvidence: Evidence, facts: ConfigFacts): void {
  const spec = at(obj, 'spec');
  const written = items(at(spec, 'policyTypes')).map((t) => text(t)).filter((t): t is string => !!t);
  // Unwritten policyTypes default to Ingress, plus Egress when egress rules exist.
  const policyTypes = written.length > 0 ? written : ['Ingress', ...(at(spec, 'egress') ? ['Egress'] : [])];
  const rules = items(at(spec, 'ingress'));
  const fact: NetworkPolicyFact = {
    name,
    namespace,
    podSelector: stringRecord(at(spec, 'podSelector', 'matchLabels')),
    policyTypes,
    ingressFrom: rules.flatMap((r) =>
      items(at(r, 'from')).flatMap((peer) => {
        const selector = at(peer, 'podSelector');
        return selector ? [stringRecord(at(selector, 'matchLabels'))] : [];
      }),
    ),
    ingressAll: rules.some((r) => items(at(r, 'from')).length === 0),
    ingressPorts: rules.flatMap((r) =>
      items(at(r, 'ports'))
        .map((p) => text(at(p, 'port')))
        .filter((p): p is string => p !== undefined)
        .map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
    ),
    evidence: objEvidence,
  };
  facts.networkPolicies.push(fact);
}
