/**
 * `aoi lab run [--tasks all|smoke|ID,...] [--runs K] [--json] [--reviewer auto] [--save-bundles DIR]`: the
 * agent benchmark on a running lab (started by `aoi lab up`). Every episode is recorded as a trajectory in
 * `--store` (default ROOT/trajectories).
 */
import { join, resolve } from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { openStore } from '../../server/trajectories/open-store';
import { BadInputError } from '../../server/errors';
import { labAction, labOf } from '../lab-command';
import { labStatus } from '../lab-control';
import { runBenchmark } from './benchmark';
import { renderScoreTable } from './score-table';
import { selectTasks } from './tasks';

function positive(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`expected a whole number above 0, got "${value}"`);
  return n;
}

interface RunOptions {
  dir?: string;
  basePort: number;
  tasks: string;
  runs: number;
  json?: boolean;
  reviewer: string;
  saveBundles?: string;
  store?: string;
  window: number;
  maxProbes: number;
}

export function addLabRunCommand(cmd: Command, write: (text: string) => void): void {
  cmd
    .option('--tasks <SPEC>', 'all, smoke, or task ids, fault ids or task types, comma-separated', 'all')
    .option('--runs <K>', 'runs of every task', positive, 1)
    .option('--json', 'print the results as JSON (spec/cli.md)')
    .addOption(new Option('--reviewer <WHO>', 'who reviews the proposed fixes').choices(['auto']).default('auto'))
    .option('--save-bundles <DIR>', 'save every incident as a bundle with its recorded probes and truth')
    .option('--store <DIR>', 'trajectory store the runs are recorded in (default ROOT/trajectories)')
    .option('--window <SECONDS>', 'seconds of traffic into the fault and after the fix', positive, 4)
    .option('--max-probes <N>', 'live probes the observer may run per episode', positive, 4)
    .action(async (opts: RunOptions) => {
      const l = labOf(opts);
      const tasks = await labAction(async () => selectTasks(opts.tasks, process.getuid?.() === 0));
      const state = await labAction(() => labStatus(l));
      if (!state.running || state.status?.phase !== 'ready') throw new BadInputError(`the lab at ${l.paths.root} is not running: start it with aoi lab up${opts.dir ? ` --dir ${opts.dir}` : ''}`);
      const store = openStore(resolve(opts.store ?? join(l.paths.root, 'trajectories')));
      const result = await labAction(() =>
        runBenchmark(l, tasks, {
          runs: opts.runs,
          windowMs: opts.window * 1000,
          maxProbes: opts.maxProbes,
          store,
          ...(opts.saveBundles ? { saveBundles: resolve(opts.saveBundles) } : {}),
          onEpisode: (e, done, total) => void process.stderr.write(`aoi lab: [${done}/${total}] ${e.fault} run ${e.run + 1}: top ${e.top.fault} in ${e.top.component || '-'} (${Math.round(e.top.confidence * 100)}%); ${Object.entries(e.success).map(([t, ok]) => `${t} ${ok ? 'ok' : 'FAIL'}`).join(', ')}; ${(e.wallMs / 1000).toFixed(1)} s\n`),
        }),
      );
      if (opts.json) {
        const { runs, tasks: scores, summary } = result;
        write(`${JSON.stringify({ runs, tasks: scores, summary, baseline: result.baseline, byType: result.byType, byFault: result.byFault }, null, 2)}\n`);
      } else write(renderScoreTable(result));
    });
}
