#!/usr/bin/env bash
# Idempotent installer for the end-to-end test tools (code-server = real VS Code 1.100.3, driven by
# Chromium through playwright-core). Offline-safe: only Debian packages and the npm registry are used.
# When everything is present it only checks and prints the path (well under a second).
#
#   AOI_TOOLS_DIR  where tools go (default: $HOME/.cache/aoi-tools)
#
# Last line of output: "code-server: PATH".
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
RIPGREP_CACHE_VERSION=1.15.11   # the @vscode/ripgrep version code-server 4.100.3 pins (lib/vscode/npm-shrinkwrap.json)
RIPGREP_ARCHIVE=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz
# Dependencies of code-server's own nested installs (lib/vscode, lib/vscode/extensions) whose install
# scripts must run (native modules, rg). npm >= 11.19 blocks dependency install scripts unless allowed.
NESTED_ALLOWED_SCRIPTS=(@parcel/watcher @vscode/deviceid @vscode/ripgrep @vscode/spdlog kerberos native-watchdog node-pty)
APT_PACKAGES=(chromium libkrb5-dev ripgrep)

TOOLS_DIR="${AOI_TOOLS_DIR:-$HOME/.cache/aoi-tools}"
CS_DIR="$TOOLS_DIR/code-server-$CODE_SERVER_VERSION"
CS_BIN="$CS_DIR/node_modules/.bin/code-server"
DONE_MARKER="$CS_DIR/.install-complete"

log() { echo "setup-e2e: $*" >&2; }

# 1. Debian packages: Chromium for Playwright, rg for @vscode/ripgrep, krb5 headers for the kerberos native build.
if [[ ! -x /usr/bin/chromium ]] || ! command -v rg >/dev/null || ! command -v krb5-config >/dev/null; then
  if [[ $(id -u) -ne 0 ]]; then
    echo "setup-e2e: missing Debian packages; as root run:" >&2
    echo "  apt-get update && apt-get install -y ${APT_PACKAGES[*]}" >&2
    exit 1
  fi
  log "installing Debian packages: ${APT_PACKAGES[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update && apt-get install -y "${APT_PACKAGES[@]}"
fi

# 2. code-server from npm into its own tools dir. Every npm command runs with cwd there, so the repo's
#    .npmrc does not apply. npm_config_yes: node-pty's postinstall runs `npx node-gyp` (root's ~/.npmrc
#    says yes=false); npm_config_unsafe_perm: code-server's postinstall refuses to run as root otherwise.
if [[ ! -f "$DONE_MARKER" || ! -x "$CS_BIN" ]]; then
  # @vscode/ripgrep downloads rg from GitHub unless its cache holds the archive: build it from Debian's rg.
  cache="${TMPDIR:-/tmp}/vscode-ripgrep-cache-$RIPGREP_CACHE_VERSION"
  if [[ ! -s "$cache/$RIPGREP_ARCHIVE" ]]; then
    log "building $cache/$RIPGREP_ARCHIVE from $(command -v rg)"
    tmp=$(mktemp -d)
    cp "$(command -v rg)" "$tmp/rg"
    mkdir -p "$cache"
    tar czf "$cache/$RIPGREP_ARCHIVE" -C "$tmp" rg
    rm -rf "$tmp"
  fi

  log "installing code-server@$CODE_SERVER_VERSION into $CS_DIR (about 40 s)"
  rm -rf "$CS_DIR"
  mkdir -p "$CS_DIR"
  # The tools dir is its own npm project; allowScripts lets code-server's and argon2's scripts run.
  echo '{"name":"aoi-e2e-tools","private":true,"allowScripts":{"code-server":true,"argon2":true}}' >"$CS_DIR/package.json"
  export npm_config_yes=true npm_config_unsafe_perm=true
  cd "$CS_DIR"
  # Two phases: code-server's postinstall runs nested `npm install`s in lib/vscode and lib/vscode/extensions,
  # which only honour an allow-list from their own project .npmrc (an allow-scripts env var is refused there),
  # so unpack first, write those .npmrc files, then run the install scripts with `npm rebuild`.
  npm install --prefix "$CS_DIR" --no-save --no-package-lock --no-audit --no-fund --ignore-scripts \
    "code-server@$CODE_SERVER_VERSION"
  for d in "$CS_DIR/node_modules/code-server/lib/vscode" "$CS_DIR/node_modules/code-server/lib/vscode/extensions"; do
    printf 'allow-scripts[]=%s\n' "${NESTED_ALLOWED_SCRIPTS[@]}" >"$d/.npmrc"
  done
  npm rebuild --prefix "$CS_DIR" --no-audit --no-fund
  [[ -x "$CS_BIN" && -d "$CS_DIR/node_modules/code-server/lib/vscode/node_modules" ]] \
    || { echo "setup-e2e: code-server install incomplete in $CS_DIR" >&2; exit 1; }
  XDG_CONFIG_HOME="$CS_DIR/.config" "$CS_BIN" --version >&2
  touch "$DONE_MARKER"
fi

echo "code-server: $CS_BIN"
