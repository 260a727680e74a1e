#!/usr/bin/env bash
# The performance benchmark: real Pulumi CLI runs against the embedded emulator with its real rate
# budgets, time-scaled (see bench/bench.mjs and docs/performance.md). Prints a table
# and writes bench/results.json. Arguments go to bench/bench.mjs, e.g.
#   scripts/bench.sh --factor 2 --only kinds,throughput
source "$(dirname "$0")/lib.sh"
gz_setup
source "$GZ_ROOT/scripts/pulumi-cli.sh"
gz_ensure_pulumi
cd "$GZ_ROOT"
exec node bench/bench.mjs "$@"
