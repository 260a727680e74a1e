#!/usr/bin/env bash
# Apply a pulumi-gravityzone program from CI, and detect drift in the GravityZone tenant.
#
#   pulumi-ci.sh deploy   pulumi up --refresh: apply the program (and put back anything changed by
#                         hand in the console)
#   pulumi-ci.sh drift    pulumi preview --refresh --expect-no-changes: exit 0 when the tenant matches
#                         the program; otherwise print one "<Type>::<name>: <properties>" line per
#                         drifted resource and exit 1 (exit 2 when the preview itself failed)
#
# Environment:
#   PULUMI_STACK              the stack (e.g. "prod", or "org/project/prod" on Pulumi Cloud);
#                             default: the stack selected in the working directory
#   PULUMI_CWD                the program's directory (holding Pulumi.yaml); default: .
#   PULUMI_BACKEND_URL        where the state lives (file://…, s3://…, azblob://…, gs://…);
#                             unset = Pulumi Cloud, with PULUMI_ACCESS_TOKEN
#   PULUMI_CONFIG_PASSPHRASE  the stack's secrets passphrase (self-managed backends)
#   GRAVITYZONE_API_KEY, GRAVITYZONE_ACCESS_URL
#                             used when the stack config has no gravityzone:apiKey / accessUrl
#   PULUMI_CI_SKIP_INSTALL=1  do not run npm ci / npm install when node_modules is missing
#
# Needs bash, node (the program's runtime) and the pulumi CLI on PATH. Secrets are never printed:
# drift lines name properties, not their values.
set -euo pipefail

usage() {
  sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 64
}

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'pulumi-ci: %s\n' "$*" >&2; exit 2; }

[ $# -eq 1 ] || usage
command_name="$1"
case "$command_name" in deploy | drift) ;; *) usage ;; esac

# CI systems often pass unset settings as empty strings; the CLI takes an empty PULUMI_STACK for "no
# stack", so drop empty ones.
for v in PULUMI_STACK PULUMI_BACKEND_URL PULUMI_ACCESS_TOKEN; do
  if [ -z "${!v:-}" ]; then unset "$v"; fi
done

command -v pulumi >/dev/null 2>&1 || die "the pulumi CLI is not on PATH (https://www.pulumi.com/docs/install/)"
command -v node >/dev/null 2>&1 || die "node is not on PATH"
cd "${PULUMI_CWD:-.}"
[ -f Pulumi.yaml ] || [ -f Pulumi.yml ] || die "no Pulumi.yaml in $(pwd) (set PULUMI_CWD to the program's directory)"

if [ -z "${PULUMI_BACKEND_URL:-}" ] && [ -z "${PULUMI_ACCESS_TOKEN:-}" ]; then
  # Either is fine once `pulumi login` was run on this machine; CI machines usually have neither.
  pulumi whoami --non-interactive >/dev/null 2>&1 || die "not logged in: set PULUMI_BACKEND_URL (self-managed state) or PULUMI_ACCESS_TOKEN (Pulumi Cloud)"
fi

if [ ! -e node_modules ] && [ "${PULUMI_CI_SKIP_INSTALL:-}" != "1" ]; then
  if [ -f package-lock.json ]; then
    log "npm ci"
    npm ci --no-audit --no-fund
  else
    log "npm install"
    npm install --no-audit --no-fund
  fi
fi

stack_args=()
if [ -n "${PULUMI_STACK:-}" ]; then stack_args=(--stack "$PULUMI_STACK"); fi

if [ "$command_name" = deploy ]; then
  log "pulumi up --refresh${PULUMI_STACK:+ (stack $PULUMI_STACK)}"
  exec pulumi up --yes --refresh --diff --non-interactive ${stack_args[@]+"${stack_args[@]}"}
fi

# drift
log "pulumi preview --refresh --expect-no-changes${PULUMI_STACK:+ (stack $PULUMI_STACK)}"
out="$(mktemp)"
err="$(mktemp)"
trap 'rm -f "$out" "$err"' EXIT
set +e
pulumi preview --refresh --expect-no-changes --json --non-interactive ${stack_args[@]+"${stack_args[@]}"} >"$out" 2>"$err"
status=$?
set -e

# Reads the preview's JSON: prints "<Type>::<name>: <properties>" per changed resource and the
# preview's errors, and exits 0 (no drift), 1 (drift) or 2 (the preview failed without showing drift).
rc=0
node - "$out" "$status" <<'NODE' || rc=$?
const fs = require("fs");
const [file, status] = process.argv.slice(2); // argv: node, "-", file, status
let preview;
try {
  preview = JSON.parse(fs.readFileSync(file, "utf8"));
} catch {
  process.exit(2);
}
// Steps that only look (refresh, read) or that carry no change of their own (same, the second half
// of a replacement) are not drift.
const quiet = new Set(["same", "refresh", "read", "create-replacement", "delete-replaced", "discard", "discard-replaced"]);
const lines = [];
for (const step of preview.steps ?? []) {
  if (quiet.has(step.op) || step.urn.includes("::pulumi:pulumi:Stack::")) continue;
  const parts = step.urn.split("::");
  const type = parts[parts.length - 2].split("$").pop().replace(/^pulumi-nodejs:dynamic\//, "").replace(/^gravityzone:/, "");
  const resource = `${type}::${parts[parts.length - 1]}`;
  let props = step.diffReasons?.length ? step.diffReasons : Object.keys(step.detailedDiff ?? {});
  if (props.length === 0) {
    // Dynamic providers report no per-property diff: compare the declared inputs with what the
    // refresh read back.
    const olds = step.oldState?.outputs ?? {};
    const news = step.newState?.inputs ?? {};
    props = Object.keys(news).filter((k) => k !== "__provider" && JSON.stringify(olds[k]) !== JSON.stringify(news[k]));
  }
  props = [...new Set(props.map((p) => String(p).split(/[.[]/)[0]))].sort();
  const what =
    step.op === "create" ? "missing (deleted outside Pulumi; the next deploy creates it)"
    : step.op === "delete" ? "no longer in the program (the next deploy deletes it)"
    : props.join(", ") || "(changed)";
  lines.push(`${resource}: ${what}${step.op === "replace" ? " [replace]" : ""}`);
}
const errors = (preview.diagnostics ?? []).filter((d) => d.severity === "error").map((d) => d.message.replace(/\x1b\[[0-9;]*m/g, "").trim());
for (const e of errors) console.error(e);
if (lines.length === 0) {
  if (status !== "0") process.exit(2);
  console.log("no drift: the tenant matches the program");
  process.exit(0);
}
console.log(`drift: ${lines.length} resource(s) differ from the program`);
for (const l of lines) console.log(l);
if (process.env.GITHUB_STEP_SUMMARY) {
  fs.appendFileSync(process.env.GITHUB_STEP_SUMMARY, `### GravityZone drift\n\n${lines.map((l) => `- \`${l.replace(/`/g, "'")}\``).join("\n")}\n`);
}
if (process.env.GITHUB_ACTIONS === "true") console.log(`::error title=GravityZone drift::${lines.length} resource(s) changed outside Pulumi`);
process.exit(1);
NODE
if [ "$rc" -eq 2 ]; then
  cat "$err" >&2
  die "pulumi preview failed (exit $status) before drift could be checked"
fi
exit "$rc"
