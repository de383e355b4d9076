/**
 * Benchmark worker: iterates the lines of the given files with node:readline (the baseline) and prints
 * one JSON line: lines, milliseconds, peak resident memory in MiB.
 */
import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

async function main(): Promise<void> {
  const started = performance.now();
  let lines = 0;
  for (const file of process.argv.slice(2)) {
    const rl = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
    for await (const line of rl) if (line.length >= 0) lines++;
  }
  const ms = performance.now() - started;
  console.log(JSON.stringify({ lines, ms, peakRssMiB: peakRssMiB() }));
}

/** Peak resident set size of this process (VmHWM), in MiB. */
export function peakRssMiB(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) / 1024 : process.memoryUsage().rss / (1 << 20);
}

if (require.main === module) void main();
