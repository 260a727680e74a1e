#!/usr/bin/env bash
# The whole test suite, on a fresh clone or a used one: Node >= 22, npm packages, the Pulumi CLI, build, vitest.
source "$(dirname "$0")/lib.sh"
gz_setup
source "$GZ_ROOT/scripts/pulumi-cli.sh"
gz_ensure_pulumi
cd "$GZ_ROOT"
exec npx --no-install vitest run "$@"
