/**
 * Docker probes: containers and their states, a container's last log lines, and its recorded state
 * (exit code, OOM kill, restarts, health).
 */
import { idea, type ProbeIdea } from './probe';
import type { ProbeTarget } from './target';

const name = (t: ProbeTarget): string => t.container ?? t.component;

/** Every container, running or not. */
export function containers(t: ProbeTarget): ProbeIdea {
  return idea('docker.ps', t.component, ['docker', 'ps', '-a'], `shows whether ${name(t)} is up, exited or restarting`);
}

/** A container's last lines. */
export function containerLogs(t: ProbeTarget, tail: number, why: string): ProbeIdea {
  return idea('docker.logs', t.component, ['docker', 'logs', '--tail', String(tail), name(t)], why);
}

/** The state Docker keeps of a container: status, exit code, OOMKilled, restarts, health. */
export function containerState(t: ProbeTarget): ProbeIdea {
  return idea('docker.inspect-state', t.component, ['docker', 'inspect', '--format', '{{json .State}} restarts={{.RestartCount}}', name(t)], `shows ${name(t)}'s status, exit code, OOMKilled flag and restart count`);
}
