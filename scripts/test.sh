#!/usr/bin/env bash
# The whole test suite, on a fresh clone or a used one: Node >= 22, npm packages, the Pulumi CLI, build, vitest.
source "$(dirname "$0")/lib.sh"
gz_setup
# The policy pack's end-to-end test runs policypack/ with the real CLI: link its node_modules, compile bin/.
source "$GZ_ROOT/policypack/setup.sh"
gz_policypack_setup
source "$GZ_ROOT/scripts/pulumi-cli.sh"
gz_ensure_pulumi
cd "$GZ_ROOT"
# Tests, benchmarks helpers and the emulator are type-checked too (vitest itself only strips types).
gz_log "type-checking the tests (tsconfig.test.json)"
npx --no-install tsc -p tsconfig.test.json
exec npx --no-install vitest run "$@"
