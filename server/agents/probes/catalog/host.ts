/**
 * Probes of a host: listening sockets, processes, disk and memory, systemd units and the journal, nginx's
 * effective configuration.
 */
import { idea, type ProbeIdea } from './probe';
import type { ProbeTarget } from './target';

/** Listening TCP sockets with their processes. */
export function listeningSockets(t: ProbeTarget, why: string): ProbeIdea {
  return idea('ss.listening', t.component, ['ss', '-ltnp'], why);
}

/** Processes with state, memory and age. */
export function processes(t: ProbeTarget): ProbeIdea {
  return idea('ps.processes', t.component, ['ps', '-eo', 'pid,ppid,stat,rss,etime,args'], `shows whether ${t.component}'s process runs, since when, and its memory`);
}

/** Filesystem use. */
export function diskUse(t: ProbeTarget): ProbeIdea {
  return idea('df', t.component, ['df', '-h'], `shows which filesystem of ${t.component}'s host is full`);
}

/** Memory left on the host. */
export function memory(t: ProbeTarget): ProbeIdea {
  return idea('free', t.component, ['free', '-m'], 'shows how much memory the host has left');
}

/** A unit's state, main PID and last lines. */
export function unitStatus(t: ProbeTarget, why = `shows whether ${t.unit ?? t.component} is running`): ProbeIdea {
  return idea('systemctl.status', t.component, ['systemctl', 'status', t.unit ?? t.component, '--no-pager'], why);
}

/** A unit's journal of the last hour. */
export function unitJournal(t: ProbeTarget, why: string): ProbeIdea {
  return idea('journalctl.unit', t.component, ['journalctl', '-u', t.unit ?? t.component, '--no-pager', '--since', '-1h', '-n', '200'], why);
}

/** Kernel messages of the OOM killer. */
export function kernelOom(t: ProbeTarget): ProbeIdea {
  return idea('journalctl.kernel-oom', t.component, ['journalctl', '-k', '--no-pager', '-g', 'Out of memory|oom-kill'], `shows whether the kernel OOM killer ended ${t.component}`);
}

/** nginx's whole effective configuration, includes resolved. */
export function nginxConfig(t: ProbeTarget): ProbeIdea {
  return idea('nginx.dump', t.component, ['nginx', '-T'], `prints the configuration ${t.component} really runs with, includes resolved`);
}

