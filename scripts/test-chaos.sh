#!/usr/bin/env bash
# The reliability suite's long variants (GZ_CHAOS=long): 50 customers through injected faults and
# through a killed `pulumi up`, a 2500-hash blocklist with 40 entries and 40 policy assignments at
# GravityZone's budgets, 40 emulator kills mid-write; the bad-input, hostile-server and secret scans
# as in the default run. On success it writes bench/reliability-results.json and the figures of
# docs/reliability.md from this run (scripts/reliability-report.mjs).
source "$(dirname "$0")/lib.sh"
gz_setup
source "$GZ_ROOT/scripts/pulumi-cli.sh"
gz_ensure_pulumi
cd "$GZ_ROOT"
export GZ_CHAOS=long
rm -f bench/tmp/reliability/*.long.json
npx --no-install vitest run test/reliability "$@"
if [ "$#" -eq 0 ]; then
  node scripts/reliability-report.mjs --mode long --write
else
  gz_log "a subset was run: the figures in docs/reliability.md are left as they are (node scripts/reliability-report.mjs --mode long prints what there is)"
fi
