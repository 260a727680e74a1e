#!/usr/bin/env bash
# The fast tier: everything that needs no Pulumi CLI (client, emulator, framework, resources and data
# sources over real HTTP, import, policy rules). Node, npm packages and a build, then vitest's `unit` project.
source "$(dirname "$0")/lib.sh"
gz_setup
cd "$GZ_ROOT"
exec npx --no-install vitest run --project unit "$@"
