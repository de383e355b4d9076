/**
 * The Debian packages the lab runs: nginx, Redis, PostgreSQL, openssl, and the tools its probes use (curl,
 * iproute2's ss, procps' ps). Run as root, missing ones are installed (without starting Debian's own services);
 * otherwise the error says exactly what to install.
 */
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { postgresBin } from './supervisor/datastores';

const NEEDED: { pkg: string; present: () => boolean }[] = [
  { pkg: 'nginx', present: () => existsSync('/usr/sbin/nginx') },
  { pkg: 'redis-server', present: () => existsSync('/usr/bin/redis-server') },
  { pkg: 'redis-tools', present: () => existsSync('/usr/bin/redis-cli') },
  { pkg: 'postgresql', present: () => postgresBin() !== undefined && existsSync('/usr/bin/psql') },
  { pkg: 'openssl', present: () => existsSync('/usr/bin/openssl') },
  { pkg: 'curl', present: () => existsSync('/usr/bin/curl') },
  { pkg: 'iproute2', present: () => existsSync('/usr/bin/ss') || existsSync('/bin/ss') },
  { pkg: 'procps', present: () => existsSync('/usr/bin/ps') || existsSync('/bin/ps') },
];

/** Packages the lab needs that are not installed. */
export function missingPackages(): string[] {
  return NEEDED.filter((n) => !n.present()).map((n) => n.pkg);
}

/** Installs what is missing (as root) or throws naming the apt-get command to run. `say` reports progress. */
export function ensurePackages(say: (line: string) => void): void {
  const missing = missingPackages();
  if (missing.length === 0) return;
  const command = `apt-get update && apt-get install -y ${missing.join(' ')}`;
  if (process.getuid?.() !== 0) throw new Error(`the lab needs Debian packages that are not installed: ${missing.join(', ')}; as root run: ${command}`);
  say(`installing ${missing.join(', ')} (apt-get)`);
  // Debian's install scripts would start nginx, redis and postgres on their default ports: policy-rc.d exit 101
  // ("action forbidden") stops that for this install, unless the machine already has a policy.
  const policy = '/usr/sbin/policy-rc.d';
  const script = `set -e; created=0; if [ ! -e ${policy} ]; then printf '#!/bin/sh\\nexit 101\\n' > ${policy}; chmod +x ${policy}; created=1; fi; trap '[ $created = 1 ] && rm -f ${policy}' EXIT; export DEBIAN_FRONTEND=noninteractive; apt-get update -qq && apt-get install -y -qq ${missing.join(' ')}`;
  const r = spawnSync('bash', ['-c', script], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`installing ${missing.join(', ')} failed: ${(r.stderr ?? '').trim().split('\n').pop() ?? `exit ${r.status}`}`);
  const still = missingPackages();
  if (still.length > 0) throw new Error(`still missing after apt-get install: ${still.join(', ')}`);
}
