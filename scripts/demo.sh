#!/usr/bin/env bash
# The demo: the root Pulumi program (Pulumi.yaml + index.ts) applied with the real Pulumi CLI against
# the embedded GravityZone emulator, then a change made "by hand in the console", shown as drift by
# `pulumi preview --refresh`, and repaired by `pulumi up`.
#
#   scripts/demo.sh            run the demo (idempotent: re-running converges the same stack)
#   scripts/demo.sh destroy    destroy the demo stack and stop
#
# Everything lives in $GZ_DEMO_DIR (default: .demo/ in the repository): the Pulumi file backend and the
# emulator's state file.
source "$(dirname "$0")/lib.sh"
gz_setup
source "$GZ_ROOT/scripts/pulumi-cli.sh"
gz_ensure_pulumi

DEMO_DIR="${GZ_DEMO_DIR:-$GZ_ROOT/.demo}"
STACK="${GZ_DEMO_STACK:-demo}"
mkdir -p "$DEMO_DIR/backend"
export PULUMI_CONFIG_PASSPHRASE="${PULUMI_CONFIG_PASSPHRASE:-demo-passphrase}"
export PULUMI_BACKEND_URL="file://$DEMO_DIR/backend"
cd "$GZ_ROOT"

# Posts a console-style edit to the emulator's admin route (what a person would do in the web console).
console_edit() {
  node -e 'fetch(process.argv[1], {method: "POST", headers: {"content-type": "application/json"}, body: process.argv[2]})
    .then(async (r) => { if (!r.ok) { console.error(await r.text()); process.exit(1); } })' "$ADMIN_URL/console" "$1"
}

step() { printf '\n\033[1;36m━━ %s\033[0m\n' "$*"; }

# A fixed key for the local emulator only (it is not a GravityZone key).
EMULATOR_KEY="${GZ_DEMO_EMULATOR_KEY:-demo$(printf '%s' "$DEMO_DIR" | sha256sum | cut -c1-36)}"

step "Starting the GravityZone emulator (state: $DEMO_DIR/emulator-state.json)"
node dist/emulator/cli.js --port 0 --api-key "$EMULATOR_KEY" --state "$DEMO_DIR/emulator-state.json" >"$DEMO_DIR/emulator.log" 2>&1 &
EMULATOR_PID=$!
trap 'kill $EMULATOR_PID 2>/dev/null; wait $EMULATOR_PID 2>/dev/null' EXIT
for _ in $(seq 1 100); do
  ACCESS_URL=$(head -n1 "$DEMO_DIR/emulator.log" 2>/dev/null | sed -n 's/^GravityZone emulator listening on //p')
  [ -n "$ACCESS_URL" ] && break
  kill -0 $EMULATOR_PID 2>/dev/null || { cat "$DEMO_DIR/emulator.log" >&2; gz_die "the emulator did not start"; }
  sleep 0.1
done
[ -n "$ACCESS_URL" ] || gz_die "the emulator did not print its URL"
ADMIN_URL="${ACCESS_URL%/api}/__admin"
echo "emulator: $ACCESS_URL"

step "Selecting stack '$STACK' in the local file backend"
pulumi stack select --create "$STACK" --non-interactive >/dev/null
pulumi config set gravityzone:accessUrl "$ACCESS_URL" >/dev/null
pulumi config set --secret gravityzone:apiKey "$EMULATOR_KEY" >/dev/null
# The program's own secrets: generated once per stack, stored encrypted in the stack config.
for secret in adminPassword siemToken; do
  if ! pulumi config get "demo:$secret" >/dev/null 2>&1; then
    pulumi config set --secret "demo:$secret" "$(node -p '"Gz-" + require("crypto").randomBytes(12).toString("base64url") + "-7a!"')" >/dev/null
  fi
done

if [ "${1:-}" = "destroy" ]; then
  step "Turning deletion protection off, then destroying"
  pulumi config set demo:deletionProtection false >/dev/null
  pulumi up --yes --skip-preview --non-interactive >/dev/null
  pulumi destroy --yes --non-interactive
  exit 0
fi

step "pulumi up: onboarding a customer (company, groups, package, account, policy, push, blocklist)"
pulumi up --yes --skip-preview --non-interactive

step "pulumi stack output"
pulumi stack output

step "Somebody edits the tenant by hand in the console: renames the company and push events get switched off"
COMPANY_ID=$(pulumi stack output companyId)
console_edit "{\"action\":\"renameCompany\",\"companyId\":\"$COMPANY_ID\",\"name\":\"Proseware Pediatrics (renamed by hand)\"}"
console_edit '{"action":"disablePush"}'
echo "done."

step "pulumi preview --refresh: the drift is reported"
pulumi preview --refresh --diff --non-interactive || true

step "pulumi up --refresh: the declared state is restored"
pulumi up --refresh --yes --skip-preview --non-interactive

step "pulumi preview --expect-no-changes: converged"
pulumi preview --expect-no-changes --non-interactive

cat <<EOF

Done. The stack state is in $DEMO_DIR/backend (a Pulumi file backend) and the emulator's
tenant in $DEMO_DIR/emulator-state.json.

  Destroy the demo:        scripts/demo.sh destroy
  Use a real tenant:       pulumi config set gravityzone:accessUrl https://cloud.gravityzone.bitdefender.com/api
                           pulumi config set --secret gravityzone:apiKey <your API key>
                           pulumi up
EOF
