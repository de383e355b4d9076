/**
 * `kubectl top pods` (with `-A` and `--containers`) and `kubectl top nodes`: CPU in cores or millicores
 * (`250m`), memory as a Kubernetes quantity (`512Mi`, `1.5Gi`).
 */
import { stripPodSuffix } from '../owners';
import { namespaceOf, type ReadContext } from './read-context';
import type { UsageSample } from './state';
import { cell, cellColumn, readTable } from './table';
import { kubeCpuMilli, kubeMemoryBytes, parsePercent } from './units';

/** Reads the `kubectl top` table whose header is at 0-based `index`; returns the index after it. */
export function readKubectlTop(ctx: ReadContext, index: number, kind: 'top-pods' | 'top-containers' | 'top-nodes'): number {
  const { rows, end } = readTable(ctx, index, {
    title: `kubectl top ${kind === 'top-nodes' ? 'nodes' : 'pods'}`,
    fits: (r) => /^(\d+(\.\d+)?[num]?|<unknown>)$/.test(cell(r, 'CPU(cores)')),
  });
  for (const row of rows) {
    const name = cell(row, kind === 'top-containers' ? 'POD' : 'NAME');
    const sample: UsageSample = {
      kind: kind === 'top-nodes' ? 'node' : 'pod',
      name,
      evidence: ctx.src.evidence(row.line, cellColumn(row, 'MEMORY(bytes)'), `${name}: ${cell(row, 'CPU(cores)')} CPU, ${cell(row, 'MEMORY(bytes)')} memory`),
    };
    if (kind !== 'top-nodes') {
      sample.workload = stripPodSuffix(name);
      const namespace = namespaceOf(ctx, cell(row, 'NAMESPACE'));
      if (namespace) sample.namespace = namespace;
    }
    if (kind === 'top-containers') sample.container = cell(row, 'NAME');
    const cpu = kubeCpuMilli(cell(row, 'CPU(cores)'));
    if (cpu !== undefined) sample.cpuMilli = cpu;
    const memory = kubeMemoryBytes(cell(row, 'MEMORY(bytes)'));
    if (memory !== undefined) sample.memoryBytes = memory;
    const cpuPercent = parsePercent(cell(row, 'CPU%') || cell(row, 'CPU(%)'));
    if (cpuPercent !== undefined) sample.cpuPercent = cpuPercent;
    const memoryPercent = parsePercent(cell(row, 'MEMORY%') || cell(row, 'MEMORY(%)'));
    if (memoryPercent !== undefined) sample.memoryPercent = memoryPercent;
    ctx.state.usage.push(sample);
  }
  return end;
}
