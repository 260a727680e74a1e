#!/usr/bin/env node
// Turns the reliability suite's result files (bench/tmp/reliability/<scenario>.<mode>.json, written
// by test/reliability/*.test.ts) into the figures table of docs/reliability.md.
//
//   node scripts/reliability-report.mjs [--mode long|default] [--write]
//
// Prints the table. With --write it also saves bench/reliability-results.json (every scenario's
// figures, with the run that produced them) and replaces the table between the
// <!-- reliability-figures:begin/end --> markers in docs/reliability.md. Fails when a scenario has no result.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * @typedef {object} ScenarioResult One scenario's result file (test/reliability/support.ts, writeResults).
 * @property {string} scenario
 * @property {string} mode
 * @property {string} finishedAt
 * @property {string} commit
 * @property {string} node
 * @property {any} figures The scenario's own figures, as its test wrote them (unchecked JSON).
 */
/** @typedef {{exitCode: number, failedResources: number}} FaultRun One `pulumi up` of the faults scenario. */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const mode = args.includes("--mode") ? args[args.indexOf("--mode") + 1] : "long";
const write = args.includes("--write");
const SCENARIOS = [
  "faults",
  "interrupted",
  "rate-limits",
  "bad-input",
  "hostile-server",
  "secrets",
  "emulator-persistence",
];

/** @type {Record<string, ScenarioResult>} */
const docs = {};
const missing = [];
for (const s of SCENARIOS) {
  const file = path.join(root, "bench", "tmp", "reliability", `${s}.${mode}.json`);
  if (existsSync(file)) docs[s] = JSON.parse(readFileSync(file, "utf8"));
  else missing.push(s);
}
if (missing.length > 0) {
  console.error(
    `no ${mode} results for: ${missing.join(", ")} (run ${mode === "long" ? "npm run test:chaos" : "npx vitest run test/reliability"} first)`,
  );
  process.exit(1);
}

/** @param {string} s */
const f = (s) => docs[s].figures;
/** @param {Record<string, {peak: number, limit: number}>} p busiest window per rate-limit class */
const peaks = (p) =>
  Object.entries(p)
    .filter(([, v]) => v.peak > 0)
    .map(([k, v]) => `${k} ${v.peak}/${v.limit}`)
    .join(", ");
const fl = f("faults");
const it = f("interrupted");
const rl = f("rate-limits");
const bi = f("bad-input");
const hs = f("hostile-server");
const se = f("secrets");
const pe = f("emulator-persistence");
const rows = [
  [
    "Faults",
    `${fl.customers} customers, ${fl.stackResources} resources; injected: ${fl.faultsInjected.http500BeforeApply} HTTP 500 before apply, ${fl.faultsInjected.droppedAfterWrite} connections dropped after the write, ${fl.faultsInjected.http429Storm} forced 429s, ${fl.faultsInjected.requestsWithAddedLatency} requests delayed 0–${fl.faultProfile.first.latencyJitterMs} ms (seed ${fl.seed})`,
    `converged in ${fl.runsToConverge} \`pulumi up\` run(s) (${fl.runs.map(/** @param {FaultRun} r @param {number} i */ (r, i) => `#${i + 1}: ${r.exitCode === 0 ? "succeeded" : `${r.failedResources} resource(s) failed`}`).join(", ")}); duplicates ${fl.duplicates}, orphans ${fl.orphans}, wrongly deleted ${fl.wronglyDeleted}, wrongly changed ${fl.wronglyChanged}, state ≠ emulator ${fl.stateMismatches}; ${fl.seconds} s`,
  ],
  [
    "Interrupted run",
    `${it.customers} customers; SIGKILL after ${it.createsAnsweredBeforeKill} creates; ${it.pendingCreates} pending creates (${it.pendingCreatesImported} happened and were recorded, ${it.pendingCreatesCleared} dropped); ${it.checkpointSidecarsTruncatedByKill} truncated checkpoint sidecar(s)`,
    `${it.upRunsAfterRepair} up run(s) after the repair; calls after the kill ${it.callsAfterKill}; duplicates ${it.duplicates}, orphans ${it.orphans}, wrongly deleted ${it.wronglyDeleted}, state ≠ emulator ${it.stateMismatches}; ${it.seconds} s`,
  ],
  [
    "Rate limits (×" + rl.rateLimitScale + ")",
    `Blocklist of ${rl.feedHashes} hashes, ${rl.blocklistEntries} BlocklistEntry, ${rl.policyAssignments} policy assignments; up ${rl.up.requests} requests (${rl.up.perMinute5Calls} in the 5/min class), destroy ${rl.destroy.requests} (${rl.destroy.perMinute5Calls})`,
    `429 answers ${rl.up.http429 + rl.destroy.http429}, errors shown ${rl.errorsShown}; busiest window per class (up): ${peaks(rl.up.peaks)}; destroy: ${peaks(rl.destroy.peaks)}; up ${rl.up.seconds} s, destroy ${rl.destroy.seconds} s`,
  ],
  [
    "Bad input",
    `${bi.inputsTried} inputs over ${Object.keys(bi.byResource).length} resources`,
    `${bi.refusedNamingTheField} refused in check naming the field; API calls ${bi.apiCalls}; prototypes polluted ${bi.prototypesPolluted}`,
  ],
  [
    "Hostile server",
    `${hs.casesFailedClearly} kinds of bad answer through the resource handlers (deadline ${hs.timeoutMs} ms × ${hs.attempts} attempts)`,
    `${hs.casesFailedClearly} failed with a clear error and no secret; none hung (slowest ${hs.slowestMs} ms)`,
  ],
  [
    "Secrets",
    `${se.textsScanned} texts, ${(se.bytesScanned / 1e6).toFixed(1)} MB (CLI output at -v=9 and -v=8, state, history, backups, config, emulator log)`,
    `secrets found ${se.secretsFound}; outside this package: ${se.pulumiEngineRpcTraceLinesWithSecretsAtV9} lines of the Pulumi engine's own -v=9 gRPC trace`,
  ],
  [
    "Emulator persistence",
    `${pe.rounds} SIGKILLs with ${pe.concurrentWriters} writers, ${pe.writesAcknowledged} acknowledged writes (${pe.killsDuringAStateSave} kills during a state save)`,
    `invalid state files ${pe.invalidStateFiles}, acknowledged writes missing ${pe.acknowledgedWritesMissing}`,
  ],
];
const run = docs.faults;
const table = [
  `Figures from the \`${mode}\` run${mode === "long" ? " (`npm run test:chaos`)" : ""} of ${run.finishedAt.slice(0, 10)} at commit ${run.commit}, Node ${run.node}; generated by \`scripts/reliability-report.mjs\` from \`bench/reliability-results.json\`.`,
  "",
  "| scenario | what ran | result |",
  "|---|---|---|",
  ...rows.map((r) => `| ${r.join(" | ")} |`),
].join("\n");
console.log(table);

if (write) {
  writeFileSync(
    path.join(root, "bench", "reliability-results.json"),
    `${JSON.stringify({ mode, generatedAt: new Date().toISOString(), scenarios: docs }, null, 2)}\n`,
  );
  const page = path.join(root, "docs", "reliability.md");
  const text = readFileSync(page, "utf8");
  const begin = "<!-- reliability-figures:begin -->";
  const end = "<!-- reliability-figures:end -->";
  const i = text.indexOf(begin);
  const j = text.indexOf(end);
  if (i < 0 || j < i) {
    console.error(`docs/reliability.md has no ${begin} … ${end} markers: figures not written there`);
    process.exit(1);
  }
  writeFileSync(page, `${text.slice(0, i + begin.length)}\n${table}\n${text.slice(j)}`);
  console.error("wrote bench/reliability-results.json and the figures in docs/reliability.md");
}
