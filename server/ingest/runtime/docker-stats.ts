/**
 * `docker stats --no-stream` (and `docker compose stats`): CPU % of one core, memory usage and limit
 * (`8.5MiB / 7.667GiB`), MEM %.
 */
import { composeServiceOf } from './docker-ps';
import type { ReadContext } from './read-context';
import type { UsageSample } from './state';
import { cell, cellColumn, readTable } from './table';
import { parseHumanBytes, parsePercent } from './units';

/** Reads the `docker stats` table whose header is at 0-based `index`; returns the index after it. */
export function readDockerStats(ctx: ReadContext, index: number): number {
  const { rows, end } = readTable(ctx, index, {
    title: 'docker stats',
    fits: (r) => /^(\d+(?:\.\d+)?%|--)$/.test(cell(r, 'CPU %')),
    optional: ['NET I/O', 'BLOCK I/O', 'PIDS'],
  });
  const names = rows.map((r) => cell(r, 'NAME') || cell(r, 'CONTAINER'));
  rows.forEach((row, k) => {
    const name = names[k]!;
    const sample: UsageSample = {
      kind: 'container',
      name,
      workload: composeServiceOf(name, names),
      evidence: ctx.src.evidence(row.line, cellColumn(row, 'MEM USAGE / LIMIT'), `${name}: ${cell(row, 'CPU %')} CPU, ${cell(row, 'MEM USAGE / LIMIT')} memory`),
    };
    const cpu = parsePercent(cell(row, 'CPU %'));
    if (cpu !== undefined) {
      sample.cpuPercent = cpu;
      sample.cpuMilli = Math.round(cpu * 10);
    }
    const [usage = '', limit = ''] = cell(row, 'MEM USAGE / LIMIT').split('/');
    const used = parseHumanBytes(usage);
    if (used !== undefined) sample.memoryBytes = used;
    const max = parseHumanBytes(limit);
    if (max !== undefined) sample.memoryLimitBytes = max;
    const memPercent = parsePercent(cell(row, 'MEM %'));
    if (memPercent !== undefined) sample.memoryPercent = memPercent;
    ctx.state.usage.push(sample);
  });
  return end;
}
