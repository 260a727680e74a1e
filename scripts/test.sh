#!/usr/bin/env bash
# The whole test suite, on a fresh clone or a used one: Node >= 22, npm packages, the Pulumi CLI, build,
# the static checks (types of everything, lint, format), then vitest's two tiers (unit and cli).
source "$(dirname "$0")/lib.sh"
gz_setup
# The policy pack's end-to-end test runs policypack/ with the real CLI: link its node_modules, compile bin/.
source "$GZ_ROOT/policypack/setup.sh"
gz_policypack_setup
cd "$GZ_ROOT"
# Static checks first: they take seconds and name the line; vitest itself only strips types.
gz_log "type-checking the tests and the scripts (npm run typecheck)"
npm run --silent typecheck
gz_log "linting (npm run lint)"
npm run --silent lint
gz_log "checking the formatting (npm run format:check)"
npm run --silent format:check
source "$GZ_ROOT/scripts/pulumi-cli.sh"
gz_ensure_pulumi
exec npx --no-install vitest run "$@"
