/**
 * Settings passed on a container's command line: `postgres -c max_connections=100`, `--pool-size=20`,
 * `redis-server --maxclients 50`. They are settings of the workload like its env vars, so checks that look
 * for a limit or a URL find them where they are written.
 */
import type { SettingFact, WorkloadFact } from './facts';

/** Flags whose value is a `key=value` setting: postgres `-c`, helm-style `--set`. */
const ASSIGNING_FLAGS = new Set(['-c', '--set', '--conf', '-o']);

/** Settings of the command lines of `workloads`' containers. */
export function commandSettings(workloads: WorkloadFact[]): SettingFact[] {
  const out: SettingFact[] = [];
  for (const w of workloads) {
    for (const c of w.containers) {
      if (!c.commandEvidence || !c.command?.length) continue;
      // Shell forms (`sh -c "..."`) carry the command line in one word: split it again.
      const tokens = c.command.flatMap((word) => word.split(/\s+/)).filter((t) => t !== '');
      for (let i = 0; i < tokens.length; i++) {
        const pair = settingAt(tokens, i);
        if (!pair) continue;
        i += pair.used - 1;
        out.push({ owner: w.name, key: pair.key, value: pair.value.replace(/^["']|["']$/g, ''), evidence: c.commandEvidence });
      }
    }
  }
  return out;
}

/** The setting that starts at token `i`, and how many tokens it takes. */
function settingAt(tokens: string[], i: number): { key: string; value: string; used: number } | undefined {
  const t = tokens[i]!;
  const next = tokens[i + 1];
  const inline = /^--?([A-Za-z][\w.-]*)=(.+)$/.exec(t);
  if (inline) return { key: inline[1]!, value: inline[2]!, used: 1 };
  const assigned = ASSIGNING_FLAGS.has(t) && next !== undefined ? /^([A-Za-z][\w.-]*)=(.+)$/.exec(next) : null;
  if (assigned) return { key: assigned[1]!, value: assigned[2]!, used: 2 };
  if (/^--[a-z][\w-]+$/.test(t) && next !== undefined && !next.startsWith('-')) return { key: t.slice(2), value: next, used: 2 };
  return undefined;
}
