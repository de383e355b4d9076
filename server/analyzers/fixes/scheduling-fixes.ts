/**
 * Fixes of scheduling_failure, from the nodes the inputs show:
 * - a nodeSelector value no node carries replaced by the value of that label key that the nodes do carry:
 *   the only one, or among several the one clearly closest to the wrong value by name, or the one on the only nodes
 *   whose taints the workload tolerates on purpose (both, when both tell, must agree);
 * - a memory or CPU request larger than any node can give lowered to fit: to the measured usage of the
 *   workload's pods plus headroom when that fits, else to the most that lets every replica be placed (what
 *   the nodes have left after the requests of the pods already on them).
 * The nodes a fix moves the pods to must match the rest of the workload's constraints; otherwise, or when
 * the value cannot be told, no fix.
 */
import type { WorkloadFact } from '../../ingest/config/facts';
import type { NodeState, UsageSample } from '../../ingest/runtime/state';
import { replaceValue, type FixIdea } from '../../agents/executor/fix-idea';
import { unitOf, writeLike } from './quantity-text';
import { editDistance } from './near-miss';

/** Measured usage is requested with this much headroom. */
const USAGE_HEADROOM = 1.25;

/** Below this similarity a label value is not a plausible slip for another. */
const MIN_SIMILARITY = 0.5;

/** The closest value must beat the next one by this much, or the choice is left open. */
const MARGIN = 0.15;

/** The nodes of the inputs with what each output said about them merged (labels, taints, allocatable). */
export function mergeNodes(nodes: readonly NodeState[]): NodeState[] {
  const byName = new Map<string, NodeState>();
  for (const n of nodes) {
    const seen = byName.get(n.name);
    if (!seen) {
      byName.set(n.name, { ...n, labels: { ...n.labels }, taints: [...n.taints] });
      continue;
    }
    Object.assign(seen.labels, n.labels);
    for (const t of n.taints) if (!seen.taints.some((x) => x.key === t.key && x.effect === t.effect)) seen.taints.push(t);
    seen.allocatable ??= n.allocatable;
    seen.allocated ??= n.allocated;
    seen.unschedulable ||= n.unschedulable;
  }
  return [...byName.values()];
}

/** True when `w` tolerates taint `t` (an `Exists` toleration without a key tolerates every taint). */
export function tolerates(w: WorkloadFact, t: NodeState['taints'][number]): boolean {
  return (w.tolerations ?? []).some((x) => (x.operator === 'Exists' && !x.key) || (x.key === t.key && (!x.effect || x.effect === t.effect) && (x.operator === 'Exists' || x.value === undefined || x.value === t.value)));
}

/** True when pods of `w` may be placed on `n` as far as taints and cordons go. */
function admits(w: WorkloadFact, n: NodeState): boolean {
  return !n.unschedulable && n.taints.every((t) => t.effect === 'PreferNoSchedule' || tolerates(w, t));
}

/** The nodeSelector entry that no node carries set to the value the nodes have for its key. */
export function nodeSelectorFix(w: WorkloadFact, nodes: readonly NodeState[]): FixIdea | undefined {
  const selector = w.nodeSelector;
  if (!selector) return undefined;
  const entries = Object.entries(selector.labels);
  const wrong = entries.filter(([k, v]) => !nodes.some((n) => n.labels[k] === v));
  if (wrong.length !== 1) return undefined;
  const [key, value] = wrong[0]!;
  const at = selector.values?.[key];
  if (!at) return undefined;
  // Only nodes that satisfy the rest of the selector can take the pods.
  const rest = nodes.filter((n) => entries.every(([k, v]) => k === key || n.labels[k] === v));
  const values = [...new Set(rest.map((n) => n.labels[key]).filter((v): v is string => v !== undefined))];
  let right: string | undefined;
  if (values.length === 1) right = values[0];
  else {
    const byName = closestName(value, values);
    const intended = values.filter((v) => rest.some((n) => n.labels[key] === v && n.taints.some((t) => t.effect !== 'PreferNoSchedule' && w.tolerations?.some((x) => x.key === t.key) && tolerates(w, t))));
    const byTaint = intended.length === 1 ? intended[0] : undefined;
    if (byName && byTaint && byName !== byTaint) return undefined;
    right = byName ?? byTaint;
  }
  if (right === undefined) return undefined;
  const targets = rest.filter((n) => n.labels[key] === right);
  if (!targets.some((n) => admits(w, n))) return undefined;
  return replaceValue(at, value, right, `No node carries ${key}=${value}; ${targets.length === 1 ? `node ${targets[0]!.name} carries` : `${targets.length} nodes carry`} ${key}=${right}, so the nodeSelector must ask for ${right}.`);
}

/** Which request a fix lowers. */
export type Resource = 'memory' | 'cpu';

/**
 * The request of `resource` that no node can give lowered to one that fits. `usage` are the measured
 * samples of the workload's own pods (older pods still running, say).
 */
export function requestFix(w: WorkloadFact, nodes: readonly NodeState[], resource: Resource, usage: readonly UsageSample[]): FixIdea | undefined {
  const of = (n: NodeState): { alloc?: number; used?: number } =>
    resource === 'memory' ? { alloc: n.allocatable?.memoryBytes, used: n.allocated?.requests.memoryBytes } : { alloc: n.allocatable?.cpuMilli, used: n.allocated?.requests.cpuMilli };
  const containers = w.containers.filter((c) => !c.init);
  const requested = containers.map((c) => c.requests?.[resource]).filter((q) => q !== undefined && Number.isFinite(q.value));
  const largest = Math.max(0, ...nodes.map((n) => of(n).alloc ?? 0));
  const over = requested.filter((q) => q!.value > largest);
  if (largest === 0 || over.length !== 1) return undefined;
  const request = over[0]!;
  const container = containers.find((c) => c.requests?.[resource] === request)!;
  const others = requested.filter((q) => q !== request).reduce((sum, q) => sum + q!.value, 0);
  // What each node that may take the pods has left; a node whose allocated requests are not shown does not count.
  const room = nodes
    .filter((n) => admits(w, n) && Object.entries(w.nodeSelector?.labels ?? {}).every(([k, v]) => n.labels[k] === v))
    .map((n) => of(n))
    .filter((r) => r.alloc !== undefined && r.used !== undefined)
    .map((r) => r.alloc! - r.used! - others)
    .sort((a, b) => b - a);
  if (room.length === 0) return undefined;
  const replicas = Math.max(1, w.replicas?.value ?? 1);
  const fits = room[Math.min(replicas, room.length) - 1]!;
  const measured = Math.max(0, ...usage.map((u) => (resource === 'memory' ? u.memoryBytes : u.cpuMilli) ?? 0));
  if (fits <= 0 || measured > fits) return undefined;
  const limit = container.limits?.[resource];
  let target = measured > 0 ? Math.min(measured * USAGE_HEADROOM, fits) : fits;
  if (limit && Number.isFinite(limit.value) && limit.value > 0) target = Math.min(target, limit.value);
  const unit = unitOf(request.text, request.value);
  const next = unit === undefined ? undefined : writeLike(request.text, unit, target, 'down');
  if (!next || next === request.text) return undefined;
  const basis = measured > 0 ? `its pods were measured at ${show(measured, resource)}` : `it is the most that lets ${replicas === 1 ? 'the pod' : `all ${replicas} replicas`} be placed beside what the nodes already run`;
  return replaceValue(request.evidence, request.text, next, `${container.name} requests ${request.text} of ${resource}, more than any node can give (the largest has ${show(largest, resource)} allocatable); ${next} fits: ${basis}.`);
}

function show(amount: number, resource: Resource): string {
  if (resource === 'cpu') return `${Math.round(amount)}m`;
  return `${Math.round((amount / 1024 ** 3) * 10) / 10}Gi`;
}

/**
 * The value that `wrong` is a slip for (`highcpu-pool` for `highcpu-c2`, `g5.2xlarge` for `g5.xlarge`): the
 * most similar candidate, when it is similar enough and clearly closer than every other. Similarity is the
 * share of characters that stay when one is edited into the other (1 - edit distance / longer length).
 */
export function closestName(wrong: string, candidates: readonly string[]): string | undefined {
  const scored = [...new Set(candidates)].map((c) => ({ c, s: similarity(wrong, c) })).sort((x, y) => y.s - x.s);
  const [best, next] = scored;
  if (!best || best.s < MIN_SIMILARITY) return undefined;
  return next && best.s - next.s < MARGIN ? undefined : best.c;
}

function similarity(a: string, b: string): number {
  const longer = Math.max(a.length, b.length);
  return longer === 0 ? 1 : 1 - editDistance(a.toLowerCase(), b.toLowerCase()) / longer;
}
