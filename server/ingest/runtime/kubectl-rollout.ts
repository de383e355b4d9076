/**
 * `kubectl rollout status` lines: `Waiting for deployment "cart" rollout to finish: 1 old replicas are
 * pending termination...`, `error: deployment "cart" exceeded its progress deadline`, `deployment "cart"
 * successfully rolled out`, and their statefulset and daemon set forms.
 */
import { isRolloutLine } from './headers';
import type { ReadContext } from './read-context';
import type { WorkloadState } from './state';

const KIND: Record<string, string> = { deployment: 'Deployment', 'daemon set': 'DaemonSet', daemonset: 'DaemonSet', statefulset: 'StatefulSet' };

/** Reads the run of rollout status lines that starts at 0-based `index`; returns the index after it. */
export function readRolloutStatus(ctx: ReadContext, index: number): number {
  const lines = ctx.src.lines;
  const byName = new Map<string, WorkloadState>();
  const asked = ctx.command?.verb === 'rollout' ? ctx.command : undefined;
  let i = index;
  for (; i < lines.length; i++) {
    const text = lines[i]!.trim();
    const timedOut = /^error: timed out waiting for the condition/.test(text);
    if (i > index && !isRolloutLine(text) && (ctx.isBoundary(i) || !timedOut)) break;
    const named = /(deployment|daemon set|statefulset)(?:\.apps)? "([^"]+)"/.exec(text);
    const kind = KIND[named?.[1] ?? asked?.resources[0] ?? ''] ?? (/pods? to be ready|partitioned|statefulset/.test(text) ? 'StatefulSet' : 'Deployment');
    const name = named?.[2] ?? asked?.names[0] ?? [...byName.values()].at(-1)?.name;
    if (!name) continue;
    const key = `${kind}/${name}`;
    let w = byName.get(key);
    if (!w) {
      w = { kind, name, evidence: ctx.src.evidence(i + 1) };
      if (asked?.namespace) w.namespace = asked.namespace;
      byName.set(key, w);
      ctx.state.workloads.push(w);
    }
    w.rollout = text;
    w.evidence = ctx.src.evidence(i + 1, undefined, `${kind} ${name}: rollout ${/successfully rolled out|complete/.test(text) ? 'finished' : /exceeded its progress deadline/.test(text) ? 'stalled' : timedOut ? 'timed out' : 'in progress'}`);
    if (/exceeded its progress deadline/.test(text)) w.stalled = true;
    else if (/successfully rolled out|rolling update complete|roll out complete/.test(text)) w.stalled = false;
  }
  return i;
}
