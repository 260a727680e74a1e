#!/usr/bin/env bash
# Makes this policy pack runnable from a checkout of pulumi-gravityzone, without a registry:
#   - policypack/node_modules -> ../node_modules, so @pulumi/policy, @pulumi/pulumi and
#     pulumi-gravityzone (the repository itself, linked by scripts/lib.sh) resolve from the
#     repository's own install;
#   - bin/ is compiled from the TypeScript sources (package.json "main" is bin/index.js).
# Source it and call gz_policypack_setup (after scripts/lib.sh's gz_setup, which installs the root
# packages and builds dist/), or run it: `bash policypack/setup.sh` does both.
# Outside this repository, install the pack's dependencies with `npm install` and run `npm run build`.

gz_policypack_setup() {
  local pack root
  pack="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
  root="$(cd "$pack/.." && pwd)"
  [ -d "$root/node_modules/@pulumi/policy" ] || { echo "error: $root/node_modules/@pulumi/policy is missing: run npm ci in $root" >&2; return 1; }
  [ -f "$root/dist/provider/index.js" ] || { echo "error: $root/dist is not built: run npm run build in $root" >&2; return 1; }
  if [ ! -e "$pack/node_modules" ]; then
    ln -s ../node_modules "$pack/node_modules"
  fi
  (cd "$pack" && "$root/node_modules/.bin/tsc" -p tsconfig.json)
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  source "$(dirname "$0")/../scripts/lib.sh"
  gz_setup
  gz_policypack_setup
  gz_log "policy pack ready: pulumi preview --policy-pack $GZ_ROOT/policypack"
fi
