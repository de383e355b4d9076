/**
 * port_misconfig: a caller, proxy or Service points at a port nothing listens on.
 *
 * Three cross-checks, each with evidence on both sides:
 * - a Kubernetes Service whose targetPort matches no container port of the pods its selector picks;
 * - a reference (nginx upstream, proxy_pass, a URL or host/port setting) to a component on a port it does
 *   not listen on; the side whose port is the odd one out is blamed;
 * - refused connections in the logs to host:port, tied to the checks above, or on their own when the
 *   target's real port is known.
 */
import type { Evidence } from '../protocol';
import type { EndpointReference, PortListener, ServiceFact, WorkloadFact } from '../ingest/config/facts';
import type { Finding, ProbeIdea } from './finding';
import { technologyOf, type ProbeTarget } from '../agents/probes/catalog/target';
import { describeService, serviceEndpoints } from '../agents/probes/catalog/kubernetes';
import { listeningSockets } from '../agents/probes/catalog/host';
import { answersOnPort } from '../agents/probes/catalog/families';
import type { RefusedSignal } from './log-signals';
import type { ResolvedHost, Topology } from './topology';
import { referenceFix, targetPortFix } from './fixes/port-fixes';

/** What the port analyzer needs. */
export interface PortAnalysisInput {
  topology: Topology;
  services: ServiceFact[];
  workloads: WorkloadFact[];
  refused: RefusedSignal[];
}

/** A mismatch found in configs, with what a refused connection to it would look like. */
interface Mismatch {
  finding: Finding;
  /** A refusal at this port, to a host that resolves to `target` (or an address nothing resolves), is explained. */
  port: number;
  target: string;
}

/** Findings of port_misconfig. */
export function analyzePorts(input: PortAnalysisInput): Finding[] {
  const mismatches = [...serviceTargetPortMismatches(input), ...referenceMismatches(input.topology)];
  const findings = mismatches.map((m) => m.finding);
  for (const signal of input.refused) {
    if (signal.port === undefined || signal.host === undefined) continue;
    const target = input.topology.resolve(signal.host);
    const explained = mismatches.filter((m) => m.port === signal.port && (target ? target.component === m.target : true));
    if (explained.length > 0) {
      for (const m of explained) {
        findings.push({ fault: m.finding.fault, component: m.finding.component, strength: refusedStrength(signal), summary: refusedSummary(signal, input.topology), evidence: [refusedEvidence(signal)] });
      }
      continue;
    }
    if (!target) continue;
    const { ports, listeners } = input.topology.reachablePorts(target);
    if (ports.size === 0 || ports.has(signal.port)) continue;
    const caller = signal.owner ? input.topology.componentFor(signal.owner) : undefined;
    const component = caller && caller !== target.component ? caller : target.component;
    findings.push({
      fault: 'port_misconfig',
      component,
      strength: Math.min(0.8, 0.55 + 0.05 * Math.log2(signal.count + 1)),
      summary: `${caller ?? 'A caller'} connects to ${target.component} on port ${signal.port} and is refused ${times(signal.count)}, but ${target.component} listens on ${portList(ports)}.`,
      evidence: [refusedEvidence(signal), ...listeners.slice(0, 3).map((l) => listenerEvidence(l))],
    });
  }
  return findings;
}

function serviceTargetPortMismatches(input: PortAnalysisInput): Mismatch[] {
  const out: Mismatch[] = [];
  for (const svc of input.services) {
    if (Object.keys(svc.selector).length === 0) continue;
    const pods = input.workloads.filter((w) => w.namespace === svc.namespace && matches(svc.selector, w.podLabels));
    const containerPorts = pods.flatMap((w) => w.containers.flatMap((c) => c.ports.map((p) => ({ ...p, workload: w.name }))));
    const known: PortListener[] = pods.flatMap((w) => input.topology.listenersOf(w.name).filter((l) => l.source !== 'service-port'));
    for (const sp of svc.ports) {
      let ok: boolean;
      let real: Evidence[];
      if (typeof sp.targetPort === 'string') {
        if (containerPorts.length === 0) continue;
        ok = containerPorts.some((p) => p.name === sp.targetPort);
        real = containerPorts.map((p): Evidence => ({ ...p.evidence, note: `container port ${p.name ? `"${p.name}" = ` : ''}${p.port} (${p.workload})`, role: 'context' }));
      } else {
        const declared = known.length > 0 ? known : [];
        if (declared.length === 0) continue;
        ok = declared.some((l) => l.port === sp.targetPort);
        real = declared.slice(0, 3).map((l) => listenerEvidence(l));
      }
      if (ok) continue;
      const listening = [...new Set(known.map((l) => l.port))];
      const fix = targetPortFix(svc.name, sp, containerPorts, listening.length > 0 ? listening : containerPorts.map((p) => p.port));
      const targetText = typeof sp.targetPort === 'string' ? `named port "${sp.targetPort}"` : `port ${sp.targetPort}`;
      out.push({
        port: sp.port,
        target: svc.name,
        finding: {
          fault: 'port_misconfig',
          component: svc.name,
          strength: 0.75,
          summary: `Service ${svc.name} sends traffic to target ${targetText}, but its pods (${pods.map((p) => p.name).join(', ')}) listen on ${portList(new Set(listening))}.`,
          evidence: [{ ...sp.evidence, note: `targetPort ${sp.targetPort} matches no container port`, role: 'cause' }, ...real],
          probes: [serviceEndpoints({ component: svc.name, platform: 'kubernetes', namespace: svc.namespace }), describeService({ component: svc.name, platform: 'kubernetes', namespace: svc.namespace })],
          ...(fix ? { fix } : {}),
        },
      });
    }
  }
  return out;
}

function referenceMismatches(topology: Topology): Mismatch[] {
  const out: Mismatch[] = [];
  for (const ref of topology.references) {
    const target = topology.resolve(ref.host) ?? loopbackTarget(topology, ref);
    if (!target || target.component === topology.componentFor(ref.from)) continue;
    const { ports, listeners } = topology.reachablePorts(target);
    if (ports.size === 0 || ports.has(ref.port)) continue;
    const agreeing = topology.references.filter((r) => r !== ref && r.port === ref.port && topology.resolve(r.host)?.component === target.component && r.from !== ref.from);
    // Callers that agree against one declared port (however many places declare it) blame the target.
    const declaredPorts = new Set(listeners.map((l) => l.port));
    const blameTarget = agreeing.length >= 1 && declaredPorts.size <= 1;
    const component = blameTarget ? target.component : topology.componentFor(ref.configuredBy ?? ref.from);
    const peers = topology.references.filter((r) => r !== ref && r.from !== ref.from && topology.resolve(r.host)?.component === target.component).map((r) => r.port);
    const fix = referenceFix(ref, target.component, listeners, blameTarget, peers);
    const summary = blameTarget
      ? `${callers([ref, ...agreeing])} call ${target.component} on port ${ref.port}, but ${target.component} is configured to listen on ${portList(ports)}.`
      : `${topology.componentFor(ref.from)} calls ${ref.host}:${ref.port} (${ref.via}), but ${target.component} listens on ${portList(ports)}.`;
    out.push({
      port: ref.port,
      target: target.component,
      finding: {
        fault: 'port_misconfig',
        component,
        strength: ref.explicitPort ? 0.65 : 0.4,
        summary,
        evidence: [
          { ...ref.evidence, note: `${ref.via} points at ${ref.host}:${ref.port}`, role: 'cause' },
          ...listeners.slice(0, 3).map((l) => listenerEvidence(l)),
        ],
        probes: probesFor(ref, component, target.component, ports),
        ...(fix ? { fix } : {}),
      },
    });
  }
  return out;
}

/** Addresses of the caller's own host. */
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|::1|\[::1\])$/i;

/**
 * The component a loopback reference means, where every part listens on the same host and only ports tell
 * them apart: none when something declared listens on the port (then the port names it); otherwise the
 * component that the reference's upstream group is named after (`upstream web_api` for `web-api`), which is
 * reached through its Service when it has one.
 */
function loopbackTarget(topology: Topology, ref: EndpointReference): ResolvedHost | undefined {
  if (!LOOPBACK.test(ref.host) || topology.componentOnPort(ref.port) !== undefined) return undefined;
  const group = /^nginx upstream (\S+)$/.exec(ref.via)?.[1];
  if (!group) return undefined;
  const names = [...new Set([group, group.replace(/_/g, '-'), group.replace(/[-_](backend|backends|upstream|servers?|pool|svc|service)$/i, '').replace(/_/g, '-')])];
  const found = [...new Set(names.map((n) => topology.resolve(n)?.component).filter((c): c is string => !!c))];
  if (found.length !== 1) return undefined;
  const component = found[0]!;
  const viaService = topology.listenersOf(component).some((l) => l.source === 'service-port');
  const service = viaService ? topology.resolve(component)?.service : undefined;
  return service ? { component, service } : { component };
}

/** The ports really listening on the target's host, and an answer on the port believed right (which supports the finding). */
function probesFor(ref: EndpointReference, component: string, target: string, ports: Set<number>): ProbeIdea[] {
  const real = [...ports][0]!;
  const subject: ProbeTarget = { component, platform: 'host' };
  const technology = technologyOf([target, ref.host], real);
  return [
    listeningSockets(subject, `on ${target}'s host: lists the ports that are really listening (expect ${real}, not ${ref.port})`),
    answersOnPort(subject, { name: target, host: ref.host, port: real, ...(technology ? { technology } : {}) }),
  ];
}

function matches(selector: Record<string, string>, labels: Record<string, string>): boolean {
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

function listenerEvidence(l: PortListener): Evidence {
  return { ...l.evidence, note: l.evidence.note ?? `${l.component} listens on ${l.port} (${l.source.replace('-', ' ')})`, role: 'context' };
}

function refusedEvidence(s: RefusedSignal): Evidence {
  const span = s.firstTime && s.lastTime && s.firstTime !== s.lastTime ? ` from ${s.firstTime} to ${s.lastTime}` : '';
  return { ...s.first, count: s.count, note: `connection to ${s.host}:${s.port} refused ${times(s.count)}${span}`, role: 'symptom' };
}

function refusedStrength(s: RefusedSignal): number {
  return Math.min(0.6, 0.35 + 0.05 * Math.log2(s.count + 1));
}

function refusedSummary(s: RefusedSignal, topology: Topology): string {
  const n = s.count === 1 ? 'a connection' : `${s.count} connections`;
  return `${s.owner ? topology.componentFor(s.owner) : 'The logs'} had ${n} to ${s.host}:${s.port} refused.`;
}

function times(n: number): string {
  return n === 1 ? 'once' : `${n} times`;
}

function portList(ports: Set<number>): string {
  const list = [...ports].sort((a, b) => a - b);
  return list.length === 1 ? `port ${list[0]}` : `ports ${list.join(', ')}`;
}

function callers(refs: EndpointReference[]): string {
  return [...new Set(refs.map((r) => r.from))].join(' and ');
}
