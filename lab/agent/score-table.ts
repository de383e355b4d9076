/** The benchmark's results as text tables: per task type, then per fault. */
import type { BenchmarkResult } from './benchmark';

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

export function renderScoreTable(r: BenchmarkResult): string {
  const k = r.runs;
  const lines: string[] = [];
  lines.push(`AOI lab benchmark: ${r.tasks.length} tasks, K=${k} run${k === 1 ? '' : 's'}; healthy baseline ${pct(r.baseline.successRate)} of requests succeed (p50 ${r.baseline.p50Ms} ms, p95 ${r.baseline.p95Ms} ms)`);
  lines.push('');
  lines.push(`${'task type'.padEnd(14)}${'tasks'.padStart(6)}${'avg@1'.padStart(9)}${`best@${k}`.padStart(9)}${`avg@${k}`.padStart(9)}${'std'.padStart(8)}`);
  for (const [type, a] of Object.entries(r.byType)) lines.push(`${type.padEnd(14)}${String(a.tasks).padStart(6)}${pct(a.avg1).padStart(9)}${pct(a.bestK).padStart(9)}${pct(a.avgK).padStart(9)}${a.std.toFixed(3).padStart(8)}`);
  lines.push(`${'all'.padEnd(14)}${String(r.tasks.length).padStart(6)}${pct(r.summary.avg1).padStart(9)}${pct(r.summary.bestK).padStart(9)}${pct(r.tasks.length ? r.tasks.reduce((a, t) => a + t.avgK, 0) / r.tasks.length : 0).padStart(9)}${r.summary.std.toFixed(3).padStart(8)}`);
  lines.push('');
  lines.push(`${'fault'.padEnd(32)}${'label'.padEnd(21)}${'success'.padStart(9)}${'avg@1'.padStart(8)}${`best@${k}`.padStart(8)}${`avg@${k}`.padStart(8)}${'std'.padStart(7)}${'probes'.padStart(7)}${'wall s'.padStart(8)}`);
  for (const [id, a] of Object.entries(r.byFault)) {
    const ok = r.tasks.filter((t) => t.id.startsWith(`${id}/`)).reduce((n, t) => n + t.success.filter(Boolean).length, 0);
    const all = r.tasks.filter((t) => t.id.startsWith(`${id}/`)).reduce((n, t) => n + t.success.length, 0);
    lines.push(`${id.padEnd(32)}${a.label.padEnd(21)}${`${ok}/${all}`.padStart(9)}${pct(a.avg1).padStart(8)}${pct(a.bestK).padStart(8)}${pct(a.avgK).padStart(8)}${a.std.toFixed(2).padStart(7)}${a.probes.toFixed(1).padStart(7)}${(a.wallMs / 1000).toFixed(1).padStart(8)}`);
  }
  return `${lines.join('\n')}\n`;
}
