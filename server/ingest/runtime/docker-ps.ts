/**
 * `docker ps`, `docker compose ps` (current and older column sets) and the old `docker-compose ps`
 * (Name / Command / State / Ports): each container becomes a PodState whose workload is its compose
 * service. Docker shows no restart count; an exit code comes from `Exited (137) 3 minutes ago`.
 */
import type { ReadContext } from './read-context';
import type { PodState } from './state';
import { cell, cellColumn, readTable, type TableRow } from './table';
import { parseCount } from './units';

const STATE_WORD = /^(Up|Exited|Exit|Restarting|Paused|Created|Dead|Removing|Removal In Progress|running|exited|restarting|paused|created|dead|removing)\b/;

/** What a docker STATUS (`Up 2 hours (healthy)`, `Exited (137) 3 minutes ago`, `exited (1)`, `Exit 137`) says. */
export function parseDockerStatus(text: string): { status: string; exitCode?: number; health?: 'healthy' | 'unhealthy' | 'starting' } {
  const t = text.trim();
  const word = STATE_WORD.exec(t)?.[1] ?? t.split(/\s/)[0] ?? '';
  const lower = word.toLowerCase();
  const status =
    lower === 'up' || lower === 'running'
      ? /\(Paused\)/i.test(t) ? 'Paused' : 'Running'
      : lower === 'exit' || lower === 'exited'
        ? 'Exited'
        : lower.startsWith('remov')
          ? 'Removing'
          : word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
  const out: { status: string; exitCode?: number; health?: 'healthy' | 'unhealthy' | 'starting' } = { status };
  const code = parseCount(/^(?:Exited|exited|Restarting|restarting)\s*\((\d+)\)/.exec(t)?.[1] ?? /^Exit (\d+)/.exec(t)?.[1]);
  if (code !== undefined) out.exitCode = code;
  const health = /\((healthy|unhealthy|health: starting)\)/.exec(t)?.[1];
  if (health) out.health = health === 'health: starting' ? 'starting' : (health as 'healthy' | 'unhealthy');
  return out;
}

/**
 * The compose service of a container name: `shop-redis-1` / `shop_redis_1` -> `redis`, the project being
 * the prefix that all indexed names of the listing share (or the first word when they share none); a name
 * without an index (`container_name:`) is its own service.
 */
export function composeServiceOf(name: string, all: readonly string[]): string {
  const indexed = /^(.+?)[-_]\d+$/.exec(name);
  if (!indexed) return name;
  const base = indexed[1]!;
  const bases = all.map((n) => /^(.+?)[-_]\d+$/.exec(n)?.[1]).filter((b): b is string => b !== undefined);
  if (bases.length > 1) {
    let prefix = bases.reduce((p, b) => {
      let k = 0;
      while (k < p.length && k < b.length && p[k] === b[k]) k++;
      return p.slice(0, k);
    });
    prefix = prefix.slice(0, Math.max(prefix.lastIndexOf('-'), prefix.lastIndexOf('_')) + 1);
    if (prefix && bases.every((b) => b.length > prefix.length)) return base.slice(prefix.length);
  }
  const sep = /[-_]/.exec(base);
  return sep ? base.slice(sep.index + 1) : base;
}

function podOf(ctx: ReadContext, line: number, column: number | undefined, name: string, workload: string, statusText: string, image?: string): PodState {
  const parsed = parseDockerStatus(statusText);
  const pod: PodState = {
    name,
    workload,
    status: parsed.status,
    message: statusText,
    evidence: ctx.src.evidence(line, column, `container ${name}: ${statusText}`),
  };
  if (parsed.health) {
    pod.health = parsed.health;
    pod.ready = { ready: parsed.health === 'healthy' ? 1 : 0, total: 1 };
  }
  if (parsed.exitCode !== undefined) pod.lastTermination = { exitCode: parsed.exitCode };
  if (image) pod.image = image;
  return pod;
}

/** Reads the `docker ps` or `docker compose ps` table whose header is at 0-based `index`; returns the index after it. */
export function readDockerPs(ctx: ReadContext, index: number, compose: boolean): number {
  const { rows, end } = readTable(ctx, index, {
    title: compose ? 'docker compose ps' : 'docker ps',
    optional: ['PORTS', 'COMMAND', 'CREATED', 'IMAGE'],
    fits: (r: TableRow) => STATE_WORD.test(cell(r, 'STATUS')) && (compose || /^[0-9a-f]{12,64}$/.test(cell(r, 'CONTAINER ID'))),
  });
  const names = rows.map((r) => cell(r, compose ? 'NAME' : 'NAMES'));
  rows.forEach((row, k) => {
    const name = names[k]!;
    const workload = cell(row, 'SERVICE') || composeServiceOf(name, names);
    ctx.state.pods.push(podOf(ctx, row.line, cellColumn(row, 'STATUS'), name, workload, cell(row, 'STATUS'), cell(row, 'IMAGE') || undefined));
  });
  return end;
}

/** Reads an old `docker-compose ps` table (centred `Name Command State Ports` header, a dashed rule); returns the index after it. */
export function readComposeV1(ctx: ReadContext, index: number): number {
  const lines = ctx.src.lines;
  let i = index + 1;
  if (/^-{5,}\s*$/.test(lines[i] ?? '')) i++;
  const rows: { line: number; name: string; state: string; column: number }[] = [];
  for (; i < lines.length; i++) {
    const text = lines[i]!;
    if (text.trim() === '' || ctx.isBoundary(i)) break;
    const cells = [...text.matchAll(/\S+(?: \S+)*/g)];
    const state = cells.findIndex((c, k) => k > 0 && STATE_WORD.test(c[0]));
    if (state < 0) {
      ctx.problems.push({ line: i + 1, message: i + 1 === lines.length || (lines[i + 1] ?? '').trim() === '' ? 'docker-compose ps output cut off mid-row: no State value' : 'docker-compose ps row has no State value: not read' });
      continue;
    }
    rows.push({ line: i + 1, name: cells[0]![0], state: cells[state]![0], column: cells[state]!.index + 1 });
  }
  const names = rows.map((r) => r.name);
  for (const r of rows) ctx.state.pods.push(podOf(ctx, r.line, r.column, r.name, composeServiceOf(r.name, names), r.state));
  return i;
}
