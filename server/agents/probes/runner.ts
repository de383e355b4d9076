/**
 * The probe runner: the only code of the engine that starts processes. It runs an argv only after the
 * read-only policy allowed it, by the absolute path the policy resolved, without a shell, with a minimal
 * environment (nothing of the parent's, so no credentials leak into a probe unless it declares them), in
 * a working directory inside the workspace, under a timeout, an output cap, cancellation and a limit on how
 * many probes run at once. It never writes a file.
 */
import { spawn } from 'node:child_process';
import type { ProbeOutcome } from './outcome';

/** What the runner needs of the policy: a decision on an argv, with the binary to run when allowed. */
export interface ArgvPolicy {
  check(argv: string[]): { allowed: true; reason: string; resolvedPath: string } | { allowed: false; reason: string };
}

/** Limits of one runner. */
export interface RunnerOptions {
  /** Working directory of every probe (the workspace or bundle folder). */
  cwd: string;
  /** Wall-clock limit per probe; the process is killed after it. Default 15 s. */
  timeoutMs?: number;
  /** Bytes kept of stdout and of stderr each; the rest is counted, not kept. Default 256 KiB. */
  maxOutputBytes?: number;
  /** Probes running at once; later ones wait. Default 2. */
  concurrency?: number;
  /** Environment variables a probe may see, by name, taken from `env` (e.g. KUBECONFIG when configured). */
  passEnv?: string[];
  /** Where `passEnv` values come from. Default: process.env. */
  env?: NodeJS.ProcessEnv;
}

/** Sees a probe's output as it arrives. */
export type OutputListener = (stream: 'stdout' | 'stderr', text: string) => void;

/** The fixed search path probes see: the directories the policy resolves binaries in. */
const PROBE_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
/** Time between SIGTERM and SIGKILL when a probe overstays. */
const KILL_GRACE_MS = 500;

/** Runs allowed probes. */
export class ProbeRunner {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly timeoutMs: number;
  private readonly maxOutputBytes: number;
  private readonly concurrency: number;

  constructor(
    private readonly policy: ArgvPolicy,
    private readonly options: RunnerOptions,
  ) {
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.maxOutputBytes = options.maxOutputBytes ?? 256 * 1024;
    this.concurrency = Math.max(1, options.concurrency ?? 2);
  }

  /**
   * Runs `argv` if the policy allows it; a refusal is an outcome, never an exception. `onOutput` sees the output
   * as it arrives (the kept part only, decoded), for showing it live.
   */
  async run(argv: string[], signal?: AbortSignal, onOutput?: OutputListener): Promise<ProbeOutcome> {
    const decision = this.policy.check(argv);
    if (!decision.allowed) return { argv, status: 'refused', reason: decision.reason, stdout: '', stderr: '', durationMs: 0 };
    await this.acquire(signal);
    try {
      return await this.spawnProbe(argv, decision.resolvedPath, signal, onOutput);
    } finally {
      this.release();
    }
  }

  private spawnProbe(argv: string[], binary: string, signal: AbortSignal | undefined, onOutput: OutputListener | undefined): Promise<ProbeOutcome> {
    const started = performance.now();
    return new Promise((resolve) => {
      const child = spawn(binary, argv.slice(1), {
        cwd: this.options.cwd,
        env: this.environment(),
        shell: false,
        stdio: ['ignore', 'pipe', 'pipe'],
        windowsHide: true,
      });
      const out = new CappedBuffer(this.maxOutputBytes);
      const err = new CappedBuffer(this.maxOutputBytes);
      const live = { stdout: new TextDecoder('utf-8'), stderr: new TextDecoder('utf-8') };
      const listen = (stream: 'stdout' | 'stderr', buffer: CappedBuffer) => (chunk: Buffer): void => {
        const kept = buffer.add(chunk);
        if (onOutput && kept.length > 0) onOutput(stream, live[stream].decode(kept, { stream: true }));
      };
      child.stdout.on('data', listen('stdout', out));
      child.stderr.on('data', listen('stderr', err));
      let stopped: 'timeout' | 'cancelled' | undefined;
      const stop = (why: 'timeout' | 'cancelled'): void => {
        if (stopped || child.exitCode !== null) return;
        stopped = why;
        child.kill('SIGTERM');
        setTimeout(() => child.exitCode === null && child.kill('SIGKILL'), KILL_GRACE_MS).unref();
      };
      const timer = setTimeout(() => stop('timeout'), this.timeoutMs);
      const onAbort = (): void => stop('cancelled');
      signal?.addEventListener('abort', onAbort, { once: true });
      const finish = (outcome: Omit<ProbeOutcome, 'argv' | 'stdout' | 'stderr' | 'durationMs'>): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        const result: ProbeOutcome = { argv, ...outcome, stdout: out.text(), stderr: err.text(), durationMs: Math.round(performance.now() - started) };
        const dropped = out.dropped + err.dropped;
        if (dropped > 0) result.truncatedBytes = dropped;
        resolve(result);
      };
      child.on('error', (e) => finish({ status: 'failed', reason: `could not start ${argv[0]}: ${e.message}` }));
      child.on('close', (code, sig) => {
        if (stopped === 'timeout') finish({ status: 'timed out', reason: `killed after ${this.timeoutMs} ms`, ...(code !== null ? { exitCode: code } : {}) });
        else if (stopped === 'cancelled') finish({ status: 'cancelled', reason: 'cancelled' });
        else finish({ status: 'ran', exitCode: code ?? 128 + signalNumber(sig), reason: 'ran' });
      });
    });
  }

  /** The probe's environment: a fixed PATH, a neutral locale, no rc files, and only the variables named by `passEnv`. */
  private environment(): NodeJS.ProcessEnv {
    // HOME points nowhere, and the rc files tools read are empty: a workspace's `.curlrc` or `.psqlrc` cannot
    // add options the policy never saw.
    const env: NodeJS.ProcessEnv = {
      PATH: PROBE_PATH,
      LANG: 'C.UTF-8',
      LC_ALL: 'C.UTF-8',
      HOME: '/nonexistent',
      XDG_CONFIG_HOME: '/nonexistent',
      CURL_HOME: '/nonexistent',
      WGETRC: '/dev/null',
      PSQLRC: '/dev/null',
      // psql's session is read-only and bounded, whatever the policy let through.
      PGOPTIONS: '-c default_transaction_read_only=on -c statement_timeout=10000',
      TERM: 'dumb',
      NO_COLOR: '1',
    };
    const source = this.options.env ?? process.env;
    for (const name of this.options.passEnv ?? []) if (source[name] !== undefined) env[name] = source[name];
    return env;
  }

  private async acquire(signal: AbortSignal | undefined): Promise<void> {
    signal?.throwIfAborted();
    if (this.running < this.concurrency) {
      this.running++;
      return;
    }
    await new Promise<void>((resolve, reject) => {
      const go = (): void => {
        signal?.removeEventListener('abort', cancel);
        this.running++;
        resolve();
      };
      const cancel = (): void => {
        const i = this.waiting.indexOf(go);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', cancel, { once: true });
      this.waiting.push(go);
    });
  }

  private release(): void {
    this.running--;
    this.waiting.shift()?.();
  }
}

/** Keeps the first `max` bytes of a stream and counts the rest. */
class CappedBuffer {
  private readonly chunks: Buffer[] = [];
  private kept = 0;
  dropped = 0;

  constructor(private readonly max: number) {}

  /** Adds a chunk; returns the part kept. */
  add(chunk: Buffer): Buffer {
    const room = this.max - this.kept;
    if (room <= 0) {
      this.dropped += chunk.length;
      return Buffer.alloc(0);
    }
    const part = chunk.length <= room ? chunk : chunk.subarray(0, room);
    this.chunks.push(part);
    this.kept += part.length;
    this.dropped += chunk.length - part.length;
    return part;
  }

  text(): string {
    return new TextDecoder('utf-8', { fatal: false }).decode(Buffer.concat(this.chunks));
  }
}

function signalNumber(sig: NodeJS.Signals | null): number {
  const numbers: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGSEGV: 11, SIGPIPE: 13, SIGTERM: 15 };
  return sig ? (numbers[sig] ?? 0) : 0;
}
