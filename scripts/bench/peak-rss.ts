/** Peak resident memory of the running process, for the benchmark workers. */
import { readFileSync } from 'node:fs';

/** Peak resident set size of this process (VmHWM from /proc), in MiB; the current RSS where /proc is absent. */
export function peakRssMiB(): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]) / 1024;
  } catch {
    // no /proc: fall through
  }
  return process.memoryUsage().rss / (1 << 20);
}
