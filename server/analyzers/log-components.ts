/**
 * Components known from the logs alone: every component that wrote logs is one, even when no config in the
 * inputs declares it (a VM's PostgreSQL, a systemd unit). A host folder (`pg-orders-01/...`) names the
 * component that wrote most of its log records, so `pg-orders-01.prod.internal` in a client's error
 * resolves to it.
 */
import type { ComponentDecl } from '../ingest/config/facts';
import type { LogEvidence } from '../ingest/log-evidence';
import { isHostName } from '../ingest/owners';

/** Writers that are not components of the incident. */
const SYSTEM = new Set(['kernel', 'systemd', 'kubelet', 'containerd', 'dockerd', 'sshd', 'sudo', 'cron', 'crond', 'cron.daily', 'logrotate', 'systemd-logind', 'rsyslogd', 'audit', 'auditd', 'dbus-daemon', 'polkitd', 'snapd']);

/** Declarations for the components the logs name. */
export function logComponents(logs: LogEvidence): ComponentDecl[] {
  const byHost = new Map<string, Set<string>>();
  const first = new Map<string, ComponentDecl>();
  for (const t of logs.templates) {
    if (!t.owner || SYSTEM.has(t.owner.toLowerCase()) || !t.examples[0]) continue;
    if (!first.has(t.owner)) first.set(t.owner, { name: t.owner, aliases: [], origin: 'log', evidence: t.examples[0] });
    for (const file of t.sources) {
      const host = file.split('/').slice(0, -1).find(isHostName);
      if (host) byHost.set(host, (byHost.get(host) ?? new Set()).add(t.owner));
    }
  }
  for (const [host, owners] of byHost) {
    // The host's main component: the one that wrote most of its records.
    const named = [...owners].filter((o) => o !== host).sort((a, b) => (logs.activity.get(b)?.records ?? 0) - (logs.activity.get(a)?.records ?? 0));
    if (named[0] && !first.has(host)) first.get(named[0])?.aliases.push(host);
  }
  return [...first.values()];
}
