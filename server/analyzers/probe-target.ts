/**
 * The probe target of a component, from the incident's evidence: where it runs (a Kubernetes workload, a
 * Compose service, a systemd unit), the names to address it by there, where callers reach it and what kind
 * of server it is. The probe catalog fills its templates from this.
 */
import type { FaultLabel } from '../protocol';
import { technologyOf, type ProbeTarget } from '../agents/probes/catalog/target';
import type { ProbeIdea } from '../agents/probes/catalog/probe';
import { familyProbes, type FamilyDetails } from '../agents/probes/catalog/families';
import type { Incident } from './incident';
import { workloadOf } from './workloads';

const HTTP_VIA = /url|upstream|proxy_pass|http|traefik|caddy|endpoint|base/i;
/** Label keys that name an app, most specific first. */
const APP_LABELS = ['app.kubernetes.io/name', 'app', 'k8s-app', 'name', 'component'];

/** The probe target of `component`. */
export function probeTarget(incident: Incident, component: string): ProbeTarget {
  const { topology } = incident;
  const workload = workloadOf(incident, component);
  const target: ProbeTarget = { component, platform: 'host' };
  if (workload && workload.kind !== 'ComposeService' && workload.kind !== 'Dockerfile') {
    target.platform = 'kubernetes';
    target.namespace = workload.namespace;
    target.workload = { kind: workload.kind, name: workload.name };
    const key = APP_LABELS.find((k) => workload.podLabels[k] !== undefined);
    if (key) target.selector = `${key}=${workload.podLabels[key]}`;
  } else if (workload?.kind === 'ComposeService') {
    target.platform = 'compose';
    const container = incident.runtime.pods.find((p) => !p.namespace && topology.componentFor(p.workload) === component);
    target.container = container?.name ?? component;
  } else {
    const service = incident.facts.services.find((s) => s.name === component);
    const unit = incident.runtime.units.find((u) => topology.componentFor(u.name.replace(/\.service$/, '')) === component);
    if (service) {
      target.platform = 'kubernetes';
      target.namespace = service.namespace;
      const [key, value] = Object.entries(service.selector)[0] ?? [];
      if (key) target.selector = `${key}=${value}`;
    } else if (unit) {
      target.platform = 'systemd';
      target.unit = unit.name.replace(/\.service$/, '');
    }
  }
  const reference = topology.references.find((r) => topology.resolve(r.host)?.component === component && topology.componentFor(r.from) !== component);
  const listener = topology.listenersOf(component)[0];
  // The address callers were refused at is the one to try again.
  const refused = incident.refused.find((r) => r.host && r.port !== undefined && (topology.resolve(r.host)?.component === component || topology.componentOnPort(r.port) === component));
  if (reference) target.endpoint = { host: reference.host, port: reference.port };
  else if (refused) target.endpoint = { host: refused.host!, port: refused.port! };
  else if (listener) target.endpoint = { host: component, port: listener.port };
  const images = workload?.containers.map((c) => c.image ?? '') ?? [];
  const technology = technologyOf([component, ...images], target.endpoint?.port) ?? (reference && HTTP_VIA.test(reference.via) ? 'http' : undefined);
  if (technology) target.technology = technology;
  return target;
}

/** The catalog's probes for a hypothesis of `fault` about `component`. */
export function proposals(incident: Incident, fault: FaultLabel, component: string, details: FamilyDetails = {}): ProbeIdea[] {
  return familyProbes(fault, probeTarget(incident, component), details);
}
