/**
 * `npm run bench:lab [-- --runs K] [--tasks SPEC] [--dir ROOT] [--base-port N] [--window S]`: the agent
 * benchmark on the live lab, as `aoi lab` runs it. Builds the CLI, brings a lab up (its own folder, default a
 * fresh one in the temp directory), runs every task K times (default 5) with the scripted reviewer, prints the
 * results table (per task type, then per fault) and writes the JSON to test-output/lab-bench.json, then tears
 * the lab down. Needs root for the Debian packages it installs and the size-limited volume of the disk fault.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { renderScoreTable } from '../lab/agent/score-table';
import type { BenchmarkResult } from '../lab/agent/benchmark';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, tasks: { type: 'string', default: 'all' }, dir: { type: 'string' }, 'base-port': { type: 'string', default: '47600' }, window: { type: 'string', default: '4' } } });
const cli = resolve('dist/cli.js');
const step = (args: string[], capture = false): string => {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', stdio: ['ignore', capture ? 'pipe' : 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error(`aoi ${args.slice(0, 2).join(' ')} failed (exit ${r.status})`);
  return r.stdout ?? '';
};

const build = spawnSync(process.execPath, ['esbuild.mjs', '--quiet'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(1);
const created = !values.dir;
const root = values.dir ? resolve(values.dir) : mkdtempSync(join(tmpdir(), 'aoi-lab-bench-'));
const lab = ['--dir', root, '--base-port', values['base-port']!];
let code = 0;
try {
  step(['lab', 'up', ...lab]);
  const started = Date.now();
  const out = step(['lab', 'run', '--tasks', values.tasks!, '--runs', values.runs!, '--window', values.window!, '--reviewer', 'auto', '--json', ...lab], true);
  const result = JSON.parse(out) as BenchmarkResult;
  process.stdout.write(`\n${renderScoreTable(result)}`);
  process.stdout.write(`\nwall time ${((Date.now() - started) / 60000).toFixed(1)} min; trajectories in ${join(root, 'trajectories')}\n`);
  mkdirSync('test-output', { recursive: true });
  writeFileSync('test-output/lab-bench.json', `${JSON.stringify(result, null, 2)}\n`);
} catch (err) {
  console.error(`bench:lab: ${(err as Error).message}`);
  code = 1;
} finally {
  try {
    step(['lab', 'down', ...lab]);
  } catch (err) {
    console.error(`bench:lab: ${(err as Error).message}`);
    code = 1;
  }
  if (created) rmSync(root, { recursive: true, force: true });
}
process.exit(code);
