/**
 * `kubectl rollout history deployment/x` output: the `REVISION  CHANGE-CAUSE` table under the workload's
 * name (`deployment.apps/pricing`). Each row becomes a `RevisionState`; the highest revision is the one
 * running, the one before it is what `kubectl rollout undo` goes back to.
 */
import type { ReadContext } from './read-context';

const KIND: Record<string, string> = { deployment: 'Deployment', statefulset: 'StatefulSet', daemonset: 'DaemonSet' };

/** True when the section's command is `kubectl rollout history` and line `text` is the table's header. */
export function isRolloutHistoryHeader(ctx: ReadContext, text: string): boolean {
  return ctx.command?.tool === 'kubectl' && ctx.command.flags.has('rollout=history') && /^REVISION\s+CHANGE-CAUSE\s*$/.test(text.trim());
}

/** Reads the history table whose header is at 0-based `index`; returns the index after it. */
export function readRolloutHistory(ctx: ReadContext, index: number): number {
  const lines = ctx.src.lines;
  const cmd = ctx.command!;
  // The workload's name: the line above the header (`deployment.apps/pricing`), else the command's.
  const above = /^(deployment|statefulset|daemonset)(?:\.apps)?\/(\S+)\s*$/.exec((lines[index - 1] ?? '').trim());
  const kind = KIND[above?.[1] ?? cmd.resources[0] ?? 'deployment'] ?? 'Deployment';
  const name = above?.[2] ?? cmd.names[0];
  let i = index + 1;
  for (; i < lines.length; i++) {
    const row = /^(\d+)\s*(.*)$/.exec(lines[i]!.trim());
    if (!row || ctx.isBoundary(i)) break;
    if (!name) continue;
    const cause = row[2]!.trim();
    ctx.state.revisions.push({
      kind,
      name,
      ...(cmd.namespace ? { namespace: cmd.namespace } : {}),
      revision: Number(row[1]),
      ...(cause && cause !== '<none>' ? { cause } : {}),
      evidence: ctx.src.evidence(i + 1, undefined, `${kind} ${name} revision ${row[1]}${cause && cause !== '<none>' ? `: ${cause}` : ''}`),
    });
  }
  return i;
}
