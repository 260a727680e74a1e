#!/usr/bin/env bash
# Shared set-up for every entry point (test, demo, emulator, bench).
# Source it; it makes sure that:
#   - a Node.js >= 22 is first on PATH (installs Node 24 from the npm registry into the cache if needed),
#   - node_modules is installed and current (npm ci),
#   - the package can require itself by name (node_modules/pulumi-gravityzone -> repo root),
#   - dist/ is built.
# The Pulumi CLI is made available separately by scripts/pulumi-cli.sh (only the commands that need it).
set -euo pipefail

GZ_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
GZ_CACHE="${PULUMI_GRAVITYZONE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-gravityzone}"
GZ_NODE_VERSION="${PULUMI_GRAVITYZONE_NODE_VERSION:-24.21.0}"
export GZ_ROOT GZ_CACHE

gz_log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
gz_die() { printf 'error: %s\n' "$*" >&2; exit 1; }

gz_node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

gz_ensure_node() {
  if command -v node >/dev/null 2>&1 && [ "$(gz_node_major)" -ge 22 ]; then return 0; fi
  local os arch pkg dir
  case "$(uname -s)" in Linux) os=linux ;; Darwin) os=darwin ;; *) gz_die "Node.js >= 22 is required; install it from https://nodejs.org and re-run." ;; esac
  case "$(uname -m)" in x86_64|amd64) arch=x64 ;; aarch64|arm64) arch=arm64 ;; *) gz_die "Node.js >= 22 is required for $(uname -m); install it and re-run." ;; esac
  pkg="node-${os}-${arch}"
  dir="$GZ_CACHE/node-$GZ_NODE_VERSION-$os-$arch"
  if [ ! -x "$dir/bin/node" ]; then
    command -v npm >/dev/null 2>&1 || gz_die "Node.js >= 22 is required and npm is not available to fetch it; install Node.js 22+ and re-run."
    gz_log "Node.js on PATH is $(node --version 2>/dev/null || echo missing); fetching Node $GZ_NODE_VERSION ($pkg) from the npm registry into $dir"
    mkdir -p "$GZ_CACHE"
    local tmp; tmp="$(mktemp -d "$GZ_CACHE/node.XXXXXX")"
    (cd "$tmp" && npm pack "$pkg@$GZ_NODE_VERSION" --silent >/dev/null 2>&1) || gz_die "could not fetch $pkg@$GZ_NODE_VERSION from the npm registry; install Node.js 22+ and re-run."
    mkdir -p "$tmp/x" && tar xzf "$tmp"/*.tgz -C "$tmp/x" --strip-components=1
    rm -rf "$dir" && mv "$tmp/x" "$dir" && rm -rf "$tmp"
  fi
  export PATH="$dir/bin:$PATH"
  [ "$(gz_node_major)" -ge 22 ] || gz_die "Node $GZ_NODE_VERSION in $dir does not run on this machine"
}

gz_ensure_deps() {
  local stamp="$GZ_ROOT/node_modules/.package-lock.json"
  if [ ! -f "$stamp" ] || [ "$GZ_ROOT/package-lock.json" -nt "$stamp" ]; then
    gz_log "installing npm dependencies (npm ci)"
    (cd "$GZ_ROOT" && npm ci --no-audit --no-fund --loglevel=error)
  fi
  # The dynamic provider's serialized code requires "pulumi-gravityzone/dist/..." from the program's
  # directory; the demo program lives in this repository, so the package must resolve itself by name.
  if [ ! -e "$GZ_ROOT/node_modules/pulumi-gravityzone" ]; then
    ln -s .. "$GZ_ROOT/node_modules/pulumi-gravityzone"
  fi
}

gz_build() {
  gz_log "building (tsc)"
  (cd "$GZ_ROOT" && npx --no-install tsc -p tsconfig.json)
}

gz_setup() {
  gz_ensure_node
  gz_ensure_deps
  gz_build
}
