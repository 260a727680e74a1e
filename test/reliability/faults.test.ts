/**
 * Faults: examples/msp-onboarding with generated customers (10 by default, 50 under GZ_CHAOS=long),
 * applied with the real CLI against an emulator that injects, at a fixed seed, HTTP 500s before the
 * call is applied, dropped connections after a write is applied, latency spikes and 429 storms.
 * `pulumi up` is run until it succeeds (at most 3 runs; the runs after the first keep faults at a
 * quarter of the rate), then the emulator is checked: no duplicate, no orphan, nothing seeded deleted
 * or changed, and every stack resource present with its declared values.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FaultOptions, TenantState } from "../../emulator";
import { PulumiProject, type CliResult } from "../helpers/pulumi-project";
import {
  addCounts,
  checkInvariants,
  countCalls,
  expectedOnboardingResources,
  filesUnder,
  generateCustomers,
  parseExport,
  scanForSecrets,
  SCENARIO_TIMEOUT_MS,
  secretForms,
  size,
  snapshot,
  writeResults,
  type CallCounts,
  type Customer,
} from "./support";

const CUSTOMERS = size(10, 50);
const SEED = 8008;
/** The first run's faults. */
const FAULTS: FaultOptions = {
  seed: SEED,
  errorRate: 0.15,
  dropAfterWriteRate: 0.25,
  latencyMs: 0,
  latencyJitterMs: 400,
  stormRate: 0.05,
  stormRetryAfterSeconds: 1,
};
/** The convergence runs keep faults, at a quarter of the rates. */
const LOWER: FaultOptions = {
  ...FAULTS,
  seed: SEED + 1,
  errorRate: 0.0375,
  dropAfterWriteRate: 0.0625,
  stormRate: 0.0125,
  latencyJitterMs: 100,
};
const MAX_RUNS = 3;

/** "<Type>: <first error line>" for each resource the CLI's diagnostics report as failed. */
function resourceErrors(stdout: string): string[] {
  const out: string[] = [];
  const lines = stdout.split("\n");
  lines.forEach((l, i) => {
    const m = /^\s+pulumi-nodejs:dynamic\/gravityzone:(\w+) \([^)]+\):\s*$/.exec(l);
    const err = m ? /^\s+error: (.*)$/.exec(lines[i + 1] ?? "") : null;
    if (m && err) out.push(`${m[1]}: ${err[1]!.slice(0, 300)}`);
  });
  return out;
}

let p: PulumiProject;
let customers: Customer[];
let before: TenantState;
const outputs: Record<string, string> = {};

beforeAll(async () => {
  customers = generateCustomers(CUSTOMERS, SEED);
  p = await PulumiProject.create({
    source: "examples/msp-onboarding",
    config: { "onboarding:customersFile": "customers.reliability.json", "onboarding:deletionProtection": "true" },
  });
  fs.writeFileSync(path.join(p.dir, "customers.reliability.json"), JSON.stringify(customers, null, 2));
  before = snapshot(p.emu.state);
}, 120_000);
afterAll(async () => p?.dispose());

describe(`faults: ${CUSTOMERS} customers onboarded through 5xx, dropped connections, latency and 429 storms`, () => {
  it(
    "pulumi up converges within 3 runs, with no duplicate, orphan or wrongly deleted object, and state equal to the emulator",
    async () => {
      const started = Date.now();
      const runs: {
        faults: FaultOptions;
        exitCode: number;
        counts: CallCounts;
        failedResources: number;
        failures: string[];
        seconds: number;
      }[] = [];
      let injected: CallCounts | undefined;
      let last: CliResult | undefined;
      for (let run = 1; run <= MAX_RUNS; run++) {
        const faults = run === 1 ? FAULTS : LOWER;
        p.emu.resetCalls();
        p.emu.setFaults(faults);
        const t0 = Date.now();
        last = await p.run(["up", "--yes", "--skip-preview"], { timeoutMs: SCENARIO_TIMEOUT_MS });
        p.emu.setFaults(undefined);
        const counts = countCalls(p.emu.calls());
        injected = injected ? addCounts(injected, counts) : counts;
        const failures = resourceErrors(last.stdout);
        runs.push({
          faults,
          exitCode: last.code,
          counts,
          failedResources: failures.length,
          failures,
          seconds: Math.round((Date.now() - t0) / 1000),
        });
        outputs[`pulumi up #${run} stdout`] = last.stdout;
        outputs[`pulumi up #${run} stderr`] = last.stderr;
        if (last.code === 0) break;
      }
      expect(
        last!.code,
        `pulumi up did not converge in ${MAX_RUNS} runs:\n${last!.stdout.slice(-4000)}\n${last!.stderr.slice(-2000)}`,
      ).toBe(0);

      // Converged: with faults off, a refreshed preview finds nothing to change.
      const check = await p.run(["preview", "--refresh", "--expect-no-changes"], { timeoutMs: SCENARIO_TIMEOUT_MS });
      outputs["preview --refresh stdout"] = check.stdout;
      outputs["preview --refresh stderr"] = check.stderr;
      expect(check.code, check.stdout.slice(-4000)).toBe(0);

      const exported = await p.exportState();
      const stack = parseExport(exported);
      expect(stack.resources.filter((r) => r.kind !== "")).toHaveLength(expectedOnboardingResources(customers));
      const report = checkInvariants(before, p.emu.state, stack);
      expect(report.duplicates).toEqual([]);
      expect(report.orphans).toEqual([]);
      expect(report.wronglyDeleted).toEqual([]);
      expect(report.wronglyChanged).toEqual([]);
      expect(report.stateMismatches).toEqual([]);
      // Every customer's company is there exactly once, under its declared name.
      const names = Object.values(p.emu.state.companies).map((c) => c.name);
      for (const c of customers)
        expect(
          names.filter((n) => n === c.name),
          c.name,
        ).toHaveLength(1);

      // The faults really happened.
      expect(injected!.http500).toBeGreaterThan(0);
      expect(injected!.dropped).toBeGreaterThan(0);
      expect(injected!.http429).toBeGreaterThan(0);

      // Secrets: nothing the runs printed or stored holds the API key.
      const texts = {
        ...outputs,
        "stack export": exported,
        ...filesUnder(path.join(path.dirname(p.dir), "backend"), "backend"),
        ...filesUnder(path.join(path.dirname(p.dir), "home", "workspaces"), "workspaces"),
      };
      const hits = scanForSecrets(texts, secretForms({}, p.apiKey));
      expect(hits).toEqual([]);

      writeResults("faults", {
        customers: CUSTOMERS,
        stackResources: report.checked.stackResources,
        seed: SEED,
        faultProfile: { first: FAULTS, convergence: LOWER },
        faultsInjected: {
          http500BeforeApply: injected!.http500,
          droppedAfterWrite: injected!.dropped,
          http429Storm: injected!.http429,
          requestsWithAddedLatency: injected!.requests,
        },
        requests: injected!.requests,
        runsToConverge: runs.length,
        runs: runs.map((r) => ({
          exitCode: r.exitCode,
          requests: r.counts.requests,
          http500: r.counts.http500,
          dropped: r.counts.dropped,
          http429: r.counts.http429,
          failedResources: r.failedResources,
          failures: r.failures,
          seconds: r.seconds,
        })),
        duplicates: report.duplicates.length,
        orphans: report.orphans.length,
        wronglyDeleted: report.wronglyDeleted.length,
        wronglyChanged: report.wronglyChanged.length,
        stateMismatches: report.stateMismatches.length,
        emulatorObjectsChecked: report.checked.emulatorObjects,
        secretsFound: hits.length,
        textsScanned: Object.keys(texts).length,
        seconds: Math.round((Date.now() - started) / 1000),
      });
    },
    SCENARIO_TIMEOUT_MS,
  );
});
