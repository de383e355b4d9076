/**
 * Fixes of port_misconfig: the wrong port replaced by the one the target really listens on, in the file that
 * holds the wrong one. A fix is proposed only when the right port is unambiguous (the target listens on one
 * port, or one of its ports carries the name the Service asks for).
 */
import type { EndpointReference, PortListener, ServicePortFact } from '../../ingest/config/facts';
import { replaceValue, type FixIdea } from '../../agents/executor/fix-idea';

/** A container port a Service's pods declare. */
export interface DeclaredPort {
  port: number;
  name?: string;
}

/** The Service's targetPort set to the port its pods listen on. */
export function targetPortFix(service: string, sp: ServicePortFact, pods: readonly DeclaredPort[], listening: readonly number[]): FixIdea | undefined {
  if (!sp.targetPortExplicit) return undefined;
  const right = rightTargetPort(sp, pods, listening);
  if (right === undefined) return undefined;
  return replaceValue(sp.evidence, String(sp.targetPort), String(right), `Service ${service} sends traffic to ${sp.targetPort}; its pods listen on ${right}, so the targetPort must be ${right}.`);
}

/**
 * The caller's reference pointed at the port the target listens on; or, when every caller agrees on a port
 * and the target declares a different one (`blameTarget`), the target's listener moved to the callers' port.
 * `peers` are the other callers' ports to the same target: when the target listens on several, the one that
 * the others use (or, failing that, the only one a digit away from the wrong one, a typo) is the right one.
 */
export function referenceFix(ref: EndpointReference, target: string, listeners: readonly PortListener[], blameTarget: boolean, peers: readonly number[]): FixIdea | undefined {
  const ports = [...new Set(listeners.map((l) => l.port))];
  if (blameTarget) {
    if (ports.length !== 1) return undefined;
    const real = ports[0]!;
    const own = listeners.find((l) => l.source !== 'service-port' && l.evidence.text.includes(String(real)));
    return own ? replaceValue(own.evidence, String(real), String(ref.port), `Every caller reaches ${target} on port ${ref.port}; ${target} is configured to listen on ${real}.`) : undefined;
  }
  const real = rightPort(ref.port, ports, peers);
  if (real === undefined) return undefined;
  const why = `${ref.via} calls ${ref.host}:${ref.port}, but ${target} listens on ${real}.`;
  if (!ref.explicitPort) return replaceValue(ref.evidence, ref.host, `${ref.host}:${real}`, why);
  return ref.evidence.text.includes(`${ref.host}:${ref.port}`) ? replaceValue(ref.evidence, `${ref.host}:${ref.port}`, `${ref.host}:${real}`, why) : replaceValue(ref.evidence, String(ref.port), String(real), why);
}

/** The one listening port a wrong reference should use, when it can be told. */
function rightPort(wrong: number, ports: readonly number[], peers: readonly number[]): number | undefined {
  if (ports.length === 1) return ports[0];
  const used = [...new Set(peers.filter((p) => ports.includes(p)))];
  if (used.length === 1) return used[0];
  const typo = ports.filter((p) => oneDigitApart(p, wrong));
  return typo.length === 1 ? typo[0] : undefined;
}

function oneDigitApart(a: number, b: number): boolean {
  const x = String(a);
  const y = String(b);
  if (x.length !== y.length) return false;
  let diff = 0;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) diff++;
  return diff === 1;
}

function rightTargetPort(sp: ServicePortFact, pods: readonly DeclaredPort[], listening: readonly number[]): number | string | undefined {
  if (typeof sp.targetPort === 'string') {
    const ports = [...new Set(pods.map((p) => p.port))];
    const named = pods.filter((p) => p.name);
    if (named.length === 1 && ports.length === 1) return named[0]!.name;
    return ports.length === 1 ? ports[0] : undefined;
  }
  const ports = [...new Set(listening)];
  if (ports.length === 1) return ports[0];
  // Several ports: the one a container names like the Service port.
  const byName = sp.name ? pods.filter((p) => p.name === sp.name) : [];
  return byName.length === 1 ? byName[0]!.port : undefined;
}
