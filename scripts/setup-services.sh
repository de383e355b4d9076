#!/usr/bin/env bash
# Idempotent installer for the programs the real-service tests run (test/integration/probe-runner-redis.test.ts):
# Debian's redis-server and redis-cli. Offline-safe: only Debian packages are used. It starts no service (each
# test starts its own server on a free loopback port and stops it). When everything is present it only checks.
#
# Last line of output: "redis-server: PATH".
set -euo pipefail

APT_PACKAGES=(redis-server redis-tools)

log() { echo "setup-services: $*" >&2; }

# Debian packages: redis-server for the server the tests start, redis-tools for redis-cli (what the probes run).
# The probe policy looks tools up in fixed directories only, so redis-cli must be in one of them, not just on $PATH.
if [[ ! -x /usr/bin/redis-server ]] || [[ ! -x /usr/bin/redis-cli ]]; then
  if [[ $(id -u) -ne 0 ]]; then
    echo "setup-services: missing Debian packages; as root run:" >&2
    echo "  apt-get update && apt-get install -y ${APT_PACKAGES[*]}" >&2
    exit 1
  fi
  log "installing Debian packages: ${APT_PACKAGES[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # The package's install script would start redis on 6379 where an init system answers; a policy-rc.d that
  # exits 101 ("action forbidden") stops that for this install only, unless the machine already has one.
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod +x /usr/sbin/policy-rc.d
    trap 'rm -f /usr/sbin/policy-rc.d' EXIT
  fi
  apt-get update && apt-get install -y "${APT_PACKAGES[@]}"
  [[ -x /usr/bin/redis-server && -x /usr/bin/redis-cli ]] \
    || { echo "setup-services: redis-server or redis-cli still missing from /usr/bin after the install" >&2; exit 1; }
fi

echo "redis-server: /usr/bin/redis-server"
