#!/usr/bin/env bash
# The fast tier: everything that needs no Pulumi CLI (client, emulator, framework, resources and data
# sources over real HTTP, import, policy rules). Node, npm packages and a build, then vitest's `unit` and `unit-own-process` projects.
source "$(dirname "$0")/lib.sh"
gz_setup
cd "$GZ_ROOT"
# Its tests mostly wait on sockets and scaled rate-limit windows, so more workers than cores pay off.
exec npx --no-install vitest run --project unit --project unit-own-process --maxWorkers=4 "$@"
