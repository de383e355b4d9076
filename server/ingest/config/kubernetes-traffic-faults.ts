/**
 * Network faults that Kubernetes objects inject on purpose: the `fault` of an Istio VirtualService's HTTP
 * routes (a fixed delay or an abort for a share of requests) and Chaos Mesh `NetworkChaos` experiments
 * (delay, loss, partition, ... for the pods a selector picks). Each becomes a `TrafficFaultFact` with the
 * lines of the block that injects it, so a fix can remove exactly that block.
 */
import { at, items, lastLineOf, text, type PNode } from './yaml-tree';
import type { ConfigFacts, TrafficFaultFact } from './facts';
import type { Evidence } from '../../protocol';
import type { SourceText } from './source-text';

/** Kinds this module reads. */
export function isTrafficFaultKind(kind: string): boolean {
  return kind === 'VirtualService' || kind === 'NetworkChaos';
}

/** Adds the traffic faults that `obj` (a VirtualService or a NetworkChaos) declares. */
export function addTrafficFaults(obj: PNode, kind: string, name: string, namespace: string, evidence: Evidence, src: SourceText, facts: ConfigFacts): void {
  if (kind === 'VirtualService') addRouteFaults(obj, name, namespace, src, facts);
  else addNetworkChaos(obj, name, namespace, evidence, src, facts);
}

function addRouteFaults(obj: PNode, name: string, namespace: string, src: SourceText, facts: ConfigFacts): void {
  const spec = at(obj, 'spec');
  const hosts = items(at(spec, 'hosts')).map(text).filter((h): h is string => !!h);
  for (const route of items(at(spec, 'http'))) {
    const fault = at(route, 'fault');
    const keyPos = route.kind === 'map' ? route.keys.get('fault') : undefined;
    if (fault?.kind !== 'map' || !keyPos) continue;
    const effect: TrafficFaultFact['effect'] = at(fault, 'delay') ? 'delay' : at(fault, 'abort') ? 'abort' : 'other';
    const destinations = items(at(route, 'route')).map((r) => text(at(r, 'destination', 'host'))).filter((h): h is string => !!h);
    facts.trafficFaults.push({
      kind: 'VirtualService',
      name,
      namespace,
      effect,
      hosts: [...new Set([...hosts, ...destinations])],
      selector: {},
      targetNamespaces: [],
      block: { fromLine: keyPos.line, toLine: lastLineOf(fault) },
      evidence: src.evidence(keyPos.line, keyPos.column),
    });
  }
}

/** Chaos Mesh actions by what they do to traffic. */
const CHAOS_EFFECT: Record<string, TrafficFaultFact['effect']> = { delay: 'delay', bandwidth: 'delay', loss: 'loss', partition: 'loss', corrupt: 'loss', duplicate: 'other' };

function addNetworkChaos(obj: PNode, name: string, namespace: string, evidence: Evidence, src: SourceText, facts: ConfigFacts): void {
  const spec = at(obj, 'spec');
  const action = text(at(spec, 'action')) ?? '';
  const selector: Record<string, string> = {};
  const labels = at(spec, 'selector', 'labelSelectors');
  if (labels?.kind === 'map') for (const [k, v] of labels.entries) if (text(v) !== undefined) selector[k] = text(v)!;
  const namespaces = items(at(spec, 'selector', 'namespaces')).map(text).filter((n): n is string => !!n);
  facts.trafficFaults.push({
    kind: 'NetworkChaos',
    name,
    namespace,
    effect: CHAOS_EFFECT[action] ?? 'other',
    hosts: [],
    selector,
    targetNamespaces: namespaces,
    block: documentBlock(obj, src),
    evidence,
  });
}

/**
 * The lines of the document `obj` is the root of: from its `---` separator (when one opens it) to its last
 * line, so deleting them leaves the other documents of the file as they were.
 */
function documentBlock(obj: PNode, src: SourceText): { fromLine: number; toLine: number } {
  let from = obj.line;
  while (from > 1 && /^\s*(#.*)?$/.test(src.lines[from - 2] ?? '')) from--;
  if (from > 1 && /^---\s*$/.test(src.lines[from - 2] ?? '')) from--;
  else from = obj.line;
  return { fromLine: from, toLine: lastLineOf(obj) };
}
