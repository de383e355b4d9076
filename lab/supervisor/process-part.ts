/**
 * One supervised process: started with its output appended to a log file, restarted with back-off when it
 * exits unasked (as systemd's Restart=on-failure does), and stopped with a signal and a grace period.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import type { Journal } from './journal';

export interface Launch {
  argv: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Log file the process's stdout and stderr are appended to (undefined: discarded). */
  log?: string;
  /** The signal that stops it cleanly. */
  stopSignal?: NodeJS.Signals;
  /** Runs it as this user (root only). */
  uid?: number;
  gid?: number;
}

export type PartState = 'stopped' | 'starting' | 'running' | 'restarting' | 'failed';

export class ProcessPart {
  state: PartState = 'stopped';
  restarts = 0;
  lastExit: string | undefined;
  private child: ChildProcess | undefined;
  private wanted = false;
  private timer: NodeJS.Timeout | undefined;
  private launch: Launch | undefined;

  constructor(
    readonly unit: string,
    private readonly journal: Journal,
  ) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  start(launch: Launch): void {
    this.launch = launch;
    this.wanted = true;
    this.spawn();
  }

  /** Stops the process (SIGKILL after `graceMs`), leaving it stopped. */
  async stop(graceMs = 5000): Promise<void> {
    this.wanted = false;
    clearTimeout(this.timer);
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) {
      this.state = 'stopped';
      return;
    }
    await new Promise<void>((resolve) => {
      const kill = setTimeout(() => child.kill('SIGKILL'), graceMs);
      child.once('exit', () => {
        clearTimeout(kill);
        resolve();
      });
      child.kill(this.launch?.stopSignal ?? 'SIGTERM');
    });
    this.state = 'stopped';
  }

  /** Stops and starts again with `launch` (a changed configuration). */
  async restart(launch: Launch): Promise<void> {
    await this.stop();
    this.restarts = 0;
    this.start(launch);
  }

  private spawn(): void {
    const l = this.launch!;
    const fd = l.log ? openSync(l.log, 'a') : 'ignore';
    let child: ChildProcess;
    try {
      child = spawn(l.argv[0]!, l.argv.slice(1), { cwd: l.cwd, env: l.env, stdio: ['ignore', fd, fd], ...(l.uid !== undefined ? { uid: l.uid, gid: l.gid } : {}) });
    } finally {
      if (typeof fd === 'number') closeSync(fd);
    }
    this.child = child;
    this.state = 'starting';
    child.once('spawn', () => {
      if (this.child === child) this.state = 'running';
      this.journal.line(this.unit, `Started ${this.unit} (pid ${child.pid}).`);
    });
    child.once('error', (err) => {
      this.journal.line(this.unit, `Failed to start: ${err.message}`);
    });
    child.once('exit', (code, signal) => {
      if (this.child !== child) return;
      this.child = undefined;
      if (!this.wanted) return;
      const how = signal ? `code=killed, status=${signal}` : code === 134 ? 'code=dumped, status=6/ABRT' : `code=exited, status=${code}/${code === 0 ? 'SUCCESS' : 'FAILURE'}`;
      this.lastExit = how;
      this.journal.line(this.unit, `Main process exited, ${how}`);
      this.journal.line(this.unit, `Failed with result '${signal ? 'signal' : code === 134 ? 'core-dump' : 'exit-code'}'.`);
      this.restarts++;
      this.state = 'restarting';
      const delay = Math.min(1000 * 2 ** Math.min(this.restarts - 1, 3), 8000);
      this.timer = setTimeout(() => {
        if (!this.wanted) return;
        this.journal.line(this.unit, `Scheduled restart job, restart counter is at ${this.restarts}.`);
        this.spawn();
      }, delay);
    });
  }
}
