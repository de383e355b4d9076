/**
 * The agent benchmark: every selected task's fault is run K times (one episode scores all of a fault's
 * selected tasks), then scored per task type and per fault: avg@1 (the first run), best@K (any run
 * succeeded), avg@K (all runs), the standard deviation across runs, probes used and wall time.
 */
import type { Lab } from '../lab-control';
import type { TrajectoryStore } from '../../server/trajectories/store';
import { runWorkload } from '../workload';
import { resetLab, runEpisode, TASK_TYPES, type EpisodeResult, type TaskType } from './episode';
import type { LabTask } from './tasks';

export interface BenchmarkOptions {
  runs: number;
  windowMs: number;
  maxProbes: number;
  store?: TrajectoryStore;
  saveBundles?: string;
  /** Called after each episode. */
  onEpisode?: (e: EpisodeResult, done: number, total: number) => void;
}

/** One task's outcome over the runs (the JSON of spec/cli.md, with the extra figures after `success`). */
export interface TaskScore {
  id: string;
  type: TaskType;
  fault: string;
  success: boolean[];
  avg1: number;
  bestK: number;
  avgK: number;
  probes: number;
  wallMs: number;
}

export interface Aggregate {
  tasks: number;
  avg1: number;
  bestK: number;
  avgK: number;
  /** Standard deviation across runs of the run's success rate. */
  std: number;
}

export interface BenchmarkResult {
  runs: number;
  baseline: { successRate: number; p50Ms: number; p95Ms: number };
  tasks: TaskScore[];
  summary: Partial<Record<TaskType, number>> & { avg1: number; bestK: number; std: number };
  byType: Partial<Record<TaskType, Aggregate>>;
  byFault: Record<string, Aggregate & { label: string; probes: number; wallMs: number }>;
  episodes: EpisodeResult[];
}

const mean = (xs: readonly number[]): number => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);
const std = (xs: readonly number[]): number => {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1));
};

export function aggregate(scores: readonly TaskScore[], runs: number): Aggregate {
  const perRun = Array.from({ length: runs }, (_, k) => mean(scores.map((s) => (s.success[k] ? 1 : 0))));
  return { tasks: scores.length, avg1: mean(scores.map((s) => (s.success[0] ? 1 : 0))), bestK: mean(scores.map((s) => (s.success.some(Boolean) ? 1 : 0))), avgK: mean(perRun), std: std(perRun) };
}

export async function runBenchmark(lab: Lab, tasks: readonly LabTask[], o: BenchmarkOptions): Promise<BenchmarkResult> {
  await resetLab(lab);
  const baseline = await runWorkload({ gatewayPort: lab.ports.gateway, durationMs: o.windowMs });
  if (baseline.successRate < 0.95) throw new Error(`the healthy shop serves only ${(baseline.successRate * 100).toFixed(1)}% of requests; fix the lab before benchmarking (aoi lab status)`);
  const faults = [...new Map(tasks.map((t) => [t.fault.id, t.fault])).values()];
  const episodes: EpisodeResult[] = [];
  const total = faults.length * o.runs;
  for (let run = 0; run < o.runs; run++) {
    for (const fault of faults) {
      const e = await runEpisode(lab, fault, { run, baseline: baseline.successRate, windowMs: o.windowMs, maxProbes: o.maxProbes, ...(o.store ? { store: o.store } : {}), ...(o.saveBundles ? { saveBundles: o.saveBundles } : {}) });
      episodes.push(e);
      o.onEpisode?.(e, episodes.length, total);
    }
  }
  const scores: TaskScore[] = tasks.map((t) => {
    const mine = episodes.filter((e) => e.fault === t.fault.id).sort((a, b) => a.run - b.run);
    const success = mine.map((e) => e.success[t.type] === true);
    return { id: t.id, type: t.type, fault: t.fault.truth.label, success, avg1: success[0] ? 1 : 0, bestK: success.some(Boolean) ? 1 : 0, avgK: mean(success.map((s) => (s ? 1 : 0))), probes: mean(mine.map((e) => e.probes)), wallMs: mean(mine.map((e) => e.wallMs)) };
  });
  const byType: BenchmarkResult['byType'] = {};
  for (const type of TASK_TYPES) {
    const of = scores.filter((s) => s.type === type);
    if (of.length > 0) byType[type] = aggregate(of, o.runs);
  }
  const byFault: BenchmarkResult['byFault'] = {};
  for (const fault of faults) {
    const of = scores.filter((s) => s.id.startsWith(`${fault.id}/`));
    const mine = episodes.filter((e) => e.fault === fault.id);
    byFault[fault.id] = { ...aggregate(of, o.runs), label: fault.truth.label, probes: mean(mine.map((e) => e.probes)), wallMs: mean(mine.map((e) => e.wallMs)) };
  }
  const all = aggregate(scores, o.runs);
  const summary: BenchmarkResult['summary'] = { avg1: all.avg1, bestK: all.bestK, std: all.std };
  for (const [type, a] of Object.entries(byType)) summary[type as TaskType] = a.avgK;
  return { runs: o.runs, baseline: { successRate: baseline.successRate, p50Ms: baseline.p50Ms, p95Ms: baseline.p95Ms }, tasks: scores, summary, byType, byFault, episodes };
}
