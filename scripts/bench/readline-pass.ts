/**
 * Benchmark worker: iterates the lines of the given files with node:readline (the baseline) and prints
 * one JSON line: lines, milliseconds, peak resident memory in MiB.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { peakRssMiB } from './peak-rss';

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

void main();
