/**
 * `npm run bench:ingest`: the ingest benchmark. Generates a mixed-format log set (1 GiB by default: JSON
 * lines, logfmt, klog, nginx access, syslog, Java with stack traces) and, in one run, measures lines per
 * second and peak memory of
 *   (a) iterating the same files' lines with node:readline (the baseline), and
 *   (b) AOI's ingest: format detection, record parsing, multi-line folding and template mining,
 * each in its own process on one core. Targets: (b) >= 1,000,000 lines/s, >= 30% of (a)'s rate, peak RSS
 * under 300 MB. Prints a table and exits 0.
 *
 *   npm run bench:ingest -- [--size-mb 1024] [--keep]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { build } from 'esbuild';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeMixedLogs } from './bench/mixed-logs';

interface PassResult {
  lines: number;
  ms: number;
  peakRssMiB: number;
  records?: number;
  templates?: number;
}

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

/** Bundles a worker the way the product ships (one esbuild bundle), so the figures are the product's. */
async function bundle(worker: string, outDir: string): Promise<string> {
  const outfile = join(outDir, worker.replace(/\.ts$/, '.js'));
  await build({ entryPoints: [join(__dirname, 'bench', worker)], bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile, logLevel: 'warning' });
  return outfile;
}

function runPass(bundled: string, files: string[]): PassResult {
  // taskset pins the worker to one core where it exists, so the figure is a one-core figure.
  const node = [process.execPath, bundled, ...files];
  let out: string;
  try {
    out = execFileSync('taskset', ['-c', '0', ...node], { encoding: 'utf8', maxBuffer: 1 << 20 });
  } catch {
    out = execFileSync(node[0]!, node.slice(1), { encoding: 'utf8', maxBuffer: 1 << 20 });
  }
  return JSON.parse(out.trim().split('\n').pop()!) as PassResult;
}

async function main(): Promise<void> {
  const sizeMiB = arg('--size-mb', 1024);
  const dir = mkdtempSync(join(tmpdir(), 'aoi-bench-ingest-'));
  try {
    const t0 = performance.now();
    const files = await writeMixedLogs(dir, sizeMiB * (1 << 20));
    console.log(`generated ${sizeMiB} MiB of mixed-format logs in ${((performance.now() - t0) / 1000).toFixed(1)} s (${files.length} files in ${dir})`);
    const readline = runPass(await bundle('readline-pass.ts', dir), files);
    const ingest = runPass(await bundle('ingest-pass.ts', dir), files);
    const rate = (r: PassResult): number => r.lines / (r.ms / 1000);
    const rows = [
      ['pass', 'lines', 'seconds', 'lines/s', 'peak RSS MiB', 'vs readline'],
      ['(a) node:readline', String(readline.lines), (readline.ms / 1000).toFixed(2), Math.round(rate(readline)).toLocaleString('en-US'), readline.peakRssMiB.toFixed(0), '100%'],
      ['(b) ingest + mining', String(ingest.lines), (ingest.ms / 1000).toFixed(2), Math.round(rate(ingest)).toLocaleString('en-US'), ingest.peakRssMiB.toFixed(0), `${Math.round((100 * rate(ingest)) / rate(readline))}%`],
    ];
    const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
    for (const r of rows) console.log(r.map((cell, c) => cell.padStart(widths[c]!)).join('  '));
    console.log(`(b) produced ${ingest.records?.toLocaleString('en-US')} records in ${ingest.templates} templates`);
    const verdict = (ok: boolean): string => (ok ? 'met' : 'MISSED');
    console.log(`target >= 1,000,000 lines/s for (b): ${verdict(rate(ingest) >= 1e6)}`);
    console.log(`target >= 30% of readline's rate: ${verdict(rate(ingest) >= 0.3 * rate(readline))}`);
    console.log(`target peak RSS < 300 MB for (b): ${verdict(ingest.peakRssMiB * 1.048576 < 300)}`);
  } finally {
    if (!process.argv.includes('--keep')) rmSync(dir, { recursive: true, force: true });
  }
}

void main();
