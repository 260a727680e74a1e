#!/usr/bin/env node
/**
 * The fleet benchmark: many customer stacks sharing one GravityZone key, against the embedded
 * emulator with its real budgets time-scaled by --factor. Writes the `fleet` key of
 * bench/results.json (the other keys are kept).
 *
 *  1. providers: each stack's provider work (company, 2 groups, package, account: the same handlers
 *     and client a dynamic provider process runs) in its own Node process, K processes at once, with
 *     the fleet's shared budget service and without it (every process keeping the key's whole budget
 *     to itself, as K independent `pulumi up` runs do). Measures API time over the rate-limit lower
 *     bound (bench/calls.mjs), 429 answers and wall time. This isolates the budget from the Pulumi
 *     CLI's own cost per stack. `--start warm` loads every process before the clock starts (the
 *     budget's own figure); `cold` starts each when its turn comes (on 2 cores, loading the provider
 *     costs more CPU than a stack's calls, so this measures the machine as well).
 *  2. cli: `pulumi-gravityzone fleet up` of examples/fleet through the real CLI at each concurrency
 *     (shared budget), plus the same stacks with --no-shared-budget; then `fleet drift` after console
 *     edits in 3 stacks, checking that exactly those are reported with their resources and properties.
 *
 * Usage: node bench/fleet.mjs [--stacks 50] [--concurrency 1,8,50] [--start warm,cold] [--factor 1]
 *          [--cli-stacks 12] [--cli-concurrency 1,4,12] [--cli-unshared 4] [--only providers,cli]
 *          [--out bench/results.json]
 * Needs the build and, for `cli`, the Pulumi CLI on PATH (scripts/bench.sh puts it there:
 * `scripts/bench.sh` runs bench.mjs; run this one as `bash -c 'source scripts/lib.sh && gz_setup &&
 * source scripts/pulumi-cli.sh && gz_ensure_pulumi && node bench/fleet.mjs'`).
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { BUDGETS, burstSeconds, lowerBound, tally } from "./calls.mjs";
import { ROOT, cliEnv, emulatorModule, scaffoldProgram } from "./harness.mjs";

/** @typedef {import("../emulator/index.js").CallRecord} CallRecord */
/** @typedef {import("../emulator/index.js").RunningEmulator} RunningEmulator */
/** @typedef {import("../emulator/index.js").CompanyRecord} CompanyRecord */
/** @typedef {import("../emulator/index.js").PackageRecord} PackageRecord */
/** @typedef {import("../emulator/index.js").AccountRecord} AccountRecord */
/** @typedef {import("../provider/framework/handler.js").ResourceHandler} ResourceHandler */
/** @typedef {import("../provider/cli/fleet/report.js").FleetReport} FleetReport */
/** @typedef {{code: number | null, out: string, err: string}} ProcessResult What one child process gave. */
/** @typedef {ReturnType<typeof figures>} Figures API time, bound, ratio and 429s of one run. */
/**
 * One row of the providers section: K stack processes at once, with or without the shared budget.
 * @typedef {{start: string, stacks: number, concurrency: number, sharedBudget: boolean, failed: number, failures?: string[]} & Figures} ProvidersRow
 */
/** @typedef {{stacks: number, concurrency: number, sharedBudget: boolean, exit: number | null, failed: number | null} & Figures} CliUpRow */
/** @typedef {{stack: string, expect: string}} DriftEdit A console edit and the drift line it should cause. */
/** @typedef {{stack: string, resources: string[]}} DriftReported A drifted stack as `fleet drift` reported it. */
/**
 * `fleet drift` after console edits in 3 stacks.
 * @typedef {{stacks: number, concurrency: number, exit: number | null, edited: DriftEdit[], reported: DriftReported[], exactlyTheEdited: boolean} & Figures} CliDrift
 */
/** @typedef {{root: string, dir: string, emu: RunningEmulator, env: NodeJS.ProcessEnv}} CliSetup One fleet program with its backend and emulator. */
/**
 * The `fleet` key of bench/results.json; the sections are there only when they were run.
 * @typedef {object} Fleet
 * @property {string} date
 * @property {{cpu: string, cores: number, memoryGB: number}} machine
 * @property {number} factor
 * @property {number[]} loadAverageStart
 * @property {string} command
 * @property {ProvidersRow[]} [providers]
 * @property {{up: CliUpRow[], drift: CliDrift | undefined}} [cli]
 * @property {number} [durationS]
 * @property {number[]} [loadAverageEnd]
 */

const require = createRequire(import.meta.url);
const { values: args } = parseArgs({
  options: {
    stacks: { type: "string", default: "50" },
    concurrency: { type: "string", default: "1,8,50" },
    factor: { type: "string", default: "1" },
    "cli-stacks": { type: "string", default: "12" },
    "cli-concurrency": { type: "string", default: "1,4,12" },
    "cli-unshared": { type: "string", default: "4" },
    only: { type: "string", default: "providers,cli" },
    out: { type: "string", default: path.join(ROOT, "bench/results.json") },
    // Internal: run one stack's provider work in this process (a child of the providers section).
    "one-stack": { type: "string" },
    // Internal: load and configure, say "ready" on stdout, then wait for a line on stdin before the work.
    "wait-go": { type: "boolean", default: false },
    start: { type: "string", default: "warm,cold" },
  },
});
const FACTOR = Number(args.factor);
const log = (/** @type {string} */ line) => process.stderr.write(`${line}\n`);

if (args["one-stack"] !== undefined) {
  await oneStack(args["one-stack"]);
  process.exit(0);
}

/**
 * The provider work of one customer stack, as its dynamic provider process does it.
 * @param {string} name
 */
async function oneStack(name) {
  /** @type {typeof import("../provider/settings.js")} */
  const { configureProvider } = require(path.join(ROOT, "dist/provider/settings.js"));
  /** @returns {ResourceHandler} */
  const res = (/** @type {string} */ f) => require(path.join(ROOT, "dist/provider/resources", f)).handler;
  const handlers = {
    company: res("company.js"),
    group: res("custom-group.js"),
    pkg: res("installation-package.js"),
    account: res("account.js"),
  };
  configureProvider(
    (k) =>
      /** @type {Record<string, string | undefined>} */ ({
        "gravityzone:accessUrl": process.env.BENCH_ACCESS_URL,
        "gravityzone:apiKey": process.env.BENCH_API_KEY,
        "gravityzone:rateLimitScale": String(FACTOR),
      })[k],
  );
  /**
   * @param {ResourceHandler} handler
   * @param {Record<string, unknown>} inputs
   */
  const create = async (handler, inputs) => {
    const { inputs: checked, failures } = await handler.check({}, inputs);
    if (failures?.length) throw new Error(JSON.stringify(failures));
    return handler.create(checked);
  };
  if (args["wait-go"]) {
    // Warm start: everything is loaded and configured before the parent starts the clock.
    process.stdout.write("ready\n");
    await new Promise((resolve) => process.stdin.once("data", resolve));
    process.stdin.pause();
  }
  const company = await create(handlers.company, {
    name: `Fleet ${name}`,
    type: "customer",
    enforce2FA: true,
    deletionProtection: false,
  });
  const companyId = company.id;
  // The engine starts every resource whose inputs are known at once.
  await Promise.all([
    create(handlers.group, { name: "Servers", parentId: companyId }),
    create(handlers.group, { name: "Workstations", parentId: companyId }),
    create(handlers.pkg, {
      packageName: `Fleet ${name} agent`,
      companyId,
      description: "fleet benchmark",
      language: "en_US",
      modules: { advancedThreatControl: true, edrSensor: true, firewall: true },
    }),
    create(handlers.account, {
      email: `it@${name}.example`,
      companyId,
      role: "companyAdministrator",
      profile: { fullName: `${name} IT` },
    }),
  ]);
  /** @type {typeof import("../provider/client/index.js")} */
  const { closeTransport } = require(path.join(ROOT, "dist/provider/client/index.js"));
  await closeTransport();
}

/**
 * One stack's process, started now. `go()` lets it begin its work (at once for a cold start; a warm
 * process has loaded and configured everything first and waits for it); `done` is its end.
 * @param {string} name
 * @param {NodeJS.ProcessEnv} env
 * @param {boolean} warm
 */
function stackProcess(name, env, warm) {
  const argv = [path.join(ROOT, "bench/fleet.mjs"), "--one-stack", name, "--factor", String(FACTOR)];
  const { child, output, done } = launch(process.execPath, warm ? [...argv, "--wait-go"] : argv, env, "pipe");
  /** @type {Promise<void>} */
  const ready = warm
    ? new Promise((resolve, reject) => {
        child.stdout?.on("data", () => output.out.includes("ready\n") && resolve());
        void done.then((r) => reject(new Error(`${name} ended before it was ready: ${r.err.slice(-400)}`)));
      })
    : Promise.resolve();
  const go = () => {
    if (warm) child.stdin?.write("go\n");
    child.stdin?.end();
    return done;
  };
  return { ready, go, done };
}

/**
 * Runs `count` jobs, `k` at a time.
 * @param {number} count
 * @param {number} k
 * @param {(i: number) => Promise<void>} job
 */
async function pool(count, k, job) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(k, count) }, async () => {
      while (next < count) await job(next++);
    }),
  );
}

/**
 * Starts a command in the repository, collecting its output (`output`, as far as it came); `done`
 * is its end.
 * @param {string} cmd
 * @param {string[]} argv
 * @param {NodeJS.ProcessEnv} env
 * @param {"pipe" | "ignore"} [stdin] "pipe" to write to the process
 */
function launch(cmd, argv, env, stdin = "ignore") {
  const child = spawn(cmd, argv, { cwd: ROOT, env, stdio: [stdin, "pipe", "pipe"] });
  const output = { out: "", err: "" };
  child.stdout?.on("data", (d) => (output.out += d));
  child.stderr?.on("data", (d) => (output.err += d));
  /** @type {Promise<ProcessResult>} */
  const done = new Promise((resolve) => child.on("close", (code) => resolve({ code, ...output })));
  return { child, output, done };
}

/**
 * Runs a command to its end, collecting its output.
 * @param {string} cmd
 * @param {string[]} argv
 * @param {NodeJS.ProcessEnv} env
 * @returns {Promise<ProcessResult>}
 */
function run(cmd, argv, env) {
  return launch(cmd, argv, env).done;
}

/**
 * The least API time the budgets allow for `stacks` stacks of this benchmark's program run `k` at a
 * time, given its order: each stack's account write needs its company (the company calls first) and a
 * stack starts only when one of the `k` before it has ended. With a = 30 account writes a minute and
 * n stacks, the (a + j)-th account write comes at least a window after the j-th, and the j-th (j = n − a)
 * comes no sooner than
 *  - the companies class allows j companies (`companyCalls` each), and
 *  - the key-wide budget allows the calls of the j − k stacks that must have ended before the j-th
 *    stack started (`stackCalls` each).
 * So the bound is a window plus the larger of those two, or the per-class bound when that is larger.
 * Seconds from the first call, at the benchmark's --factor.
 * @param {{stacks: number, k: number, stackCalls: number, companyCalls: number, classBound: number}} w
 */
function orderedBound(w) {
  const accounts = BUDGETS["per-minute-30"];
  const j = w.stacks - accounts.limit;
  if (j <= 0) return w.classBound;
  const companiesReady = burstSeconds("companies", j * w.companyCalls, FACTOR);
  const stacksEnded = burstSeconds("default", Math.max(0, j - w.k) * w.stackCalls, FACTOR);
  return Math.max(w.classBound, Math.max(companiesReady, stacksEnded) + accounts.windowMs / 1000 / FACTOR);
}

/**
 * API time, bounds, ratios and 429s from the emulator's call log.
 * @param {CallRecord[]} calls
 * @param {number} wallS
 * @param {{stacks: number, k: number}} [run] the fleet's shape, for the bound with the program's order
 */
function figures(calls, wallS, run) {
  const t = tally(calls);
  const admitted = calls.filter((c) => c.status !== 429);
  const bound = lowerBound(admitted, FACTOR);
  const apiS = t.firstAt === undefined ? 0 : (Math.max(...calls.map((c) => c.at)) - t.firstAt) / 1000;
  const ordered =
    run && bound.bottleneck === "per-minute-30"
      ? orderedBound({
          ...run,
          stackCalls: Math.round(admitted.length / run.stacks),
          companyCalls: Math.round(admitted.filter((c) => c.module === "companies").length / run.stacks),
          classBound: bound.burst,
        })
      : undefined;
  return {
    calls: t.calls,
    rateLimited: t.rateLimited,
    wallS: +wallS.toFixed(1),
    apiS: +apiS.toFixed(1),
    boundS: +bound.burst.toFixed(1),
    steadyBoundS: +bound.steady.toFixed(1),
    bottleneck: bound.bottleneck,
    ratioApi: bound.burst > 0 ? +(apiS / bound.burst).toFixed(2) : null,
    ...(ordered !== undefined
      ? { orderedBoundS: +ordered.toFixed(1), ratioOrdered: +(apiS / ordered).toFixed(2) }
      : {}),
  };
}

/**
 * Why a stack's process failed, in one line from its stderr.
 * @param {string} err
 */
function failureOf(err) {
  const lines = err.split("\n");
  const why =
    [lines.find((l) => /^\s*kind:/.test(l)), lines.find((l) => /^\s*(method|details):/.test(l))]
      .filter(Boolean)
      .map((l) => /** @type {string} */ (l).trim())
      .join(" ") || lines.filter(Boolean).at(-1);
  return why?.trim();
}

/**
 * Each stack's provider work in its own process, K at once. Warm: every process is started and has
 * loaded the provider before the clock starts (what the budget allows when start-up is not the limit,
 * as on a machine with a core per running stack); cold: each process starts when its turn comes (on
 * 2 cores, loading the provider costs more than the stack's calls).
 */
async function providersSection() {
  const stacks = Number(args.stacks);
  /** @type {ProvidersRow[]} */
  const out = [];
  for (const start of args.start.split(",")) {
    const warm = start === "warm";
    for (const shared of [true, false]) {
      for (const k of args.concurrency.split(",").map(Number)) {
        if (!shared && k === 1) continue; // one at a time has nothing to share
        const emu = await emulatorModule.startEmulator({ rateLimits: FACTOR, seed: "default" });
        /** @type {typeof import("../provider/client/budget-service.js")} */
        const { startBudgetService } = require(path.join(ROOT, "dist/provider/client/budget-service.js"));
        const service = shared ? await startBudgetService() : undefined;
        const names = Array.from({ length: stacks }, (_, i) => `c${String(i).padStart(3, "0")}`);
        const launch = (/** @type {string} */ name) =>
          stackProcess(
            name,
            {
              ...process.env,
              BENCH_ACCESS_URL: emu.url,
              BENCH_API_KEY: emu.keys[0].key,
              ...(service
                ? {
                    GRAVITYZONE_BUDGET_URL: service.url,
                    GRAVITYZONE_BUDGET_TOKEN: service.token,
                    GRAVITYZONE_BUDGET_CLIENT: name,
                    GRAVITYZONE_BUDGET_FALLBACK_SHARE: String(1 / k),
                  }
                : {}),
            },
            warm,
          );
        /** @type {ReturnType<typeof stackProcess>[]} */
        const started = [];
        if (warm) {
          // Two at a time, one per core, so loading does not thrash.
          await pool(stacks, 2, async (i) => {
            started[i] = launch(names[i]);
            await started[i].ready;
          });
        }
        /** @type {string[]} */
        const failures = [];
        const t0 = performance.now();
        await pool(stacks, k, async (i) => {
          const r = await (started[i] ?? launch(names[i])).go();
          if (r.code !== 0) failures.push(`${names[i]}: ${failureOf(r.err)}`);
        });
        const wallS = (performance.now() - t0) / 1000;
        // With failed stacks the program's order says nothing about the calls that were made.
        const f = figures(emu.calls(), wallS, failures.length === 0 ? { stacks, k } : undefined);
        /** @type {ProvidersRow} */
        const row = { start, stacks, concurrency: k, sharedBudget: shared, failed: failures.length, ...f };
        if (failures.length) row.failures = failures.slice(0, 5);
        log(`providers ${start} ${shared ? "shared " : "separate"} K=${k}: ${JSON.stringify(row)}`);
        out.push(row);
        await service?.close();
        await emu.close();
      }
    }
  }
  return out;
}

async function cliSection() {
  const stacks = Number(args["cli-stacks"]);
  /** @type {CliUpRow[]} */
  const runs = [];
  /**
   * @param {CliSetup} setup
   * @param {string} op
   * @param {string[]} extra
   */
  const fleetRun = async (setup, op, extra) => {
    const json = path.join(setup.root, `report-${runs.length}-${op}.json`);
    const t0 = performance.now();
    setup.emu.resetCalls();
    const r = await run(
      process.execPath,
      [
        path.join(ROOT, "dist/provider/cli/main.js"),
        "fleet",
        op,
        "--dir",
        setup.dir,
        "--json",
        json,
        "--quiet",
        ...extra,
      ],
      setup.env,
    );
    const wallS = (performance.now() - t0) / 1000;
    /** @type {FleetReport | undefined} */
    const report = fs.existsSync(json) ? JSON.parse(fs.readFileSync(json, "utf8")) : undefined;
    if (!report) log(r.out + r.err);
    return { code: r.code, report, wallS, calls: setup.emu.calls() };
  };
  /** @returns {Promise<CliSetup>} */
  const fresh = async () => {
    const { root, dir } = scaffoldProgram(path.join(ROOT, "examples/fleet"), "gz-bench-fleet-");
    const emu = await emulatorModule.startEmulator({ rateLimits: FACTOR, seed: "default" });
    /** @type {Record<string, Record<string, string>>} */
    const entries = {};
    for (let i = 0; i < stacks; i++) {
      const n = `c${String(i).padStart(3, "0")}`;
      entries[n] = { "customer:name": `Fleet ${n}`, "customer:adminEmail": `it@${n}.example` };
    }
    fs.writeFileSync(
      path.join(dir, "customers.json"),
      JSON.stringify({
        config: {
          "gravityzone:accessUrl": emu.url,
          "gravityzone:rateLimitScale": FACTOR,
          "gravityzone:apiKey": { secretFromEnv: "BENCH_API_KEY" },
          "customer:deletionProtection": false,
        },
        stacks: entries,
      }),
    );
    const env = cliEnv(root, { PULUMI_NODEJS_TRANSPILE_ONLY: "true", BENCH_API_KEY: emu.keys[0].key });
    return { root, dir, emu, env };
  };
  const variants = [
    ...args["cli-concurrency"].split(",").map((k) => ({ k: Number(k), shared: true })),
    ...args["cli-unshared"]
      .split(",")
      .filter(Boolean)
      .map((k) => ({ k: Number(k), shared: false })),
  ];
  /** @type {CliDrift | undefined} */
  let drift;
  for (const v of variants) {
    const setup = await fresh();
    const up = await fleetRun(setup, "up", ["--concurrency", String(v.k), ...(v.shared ? [] : ["--no-shared-budget"])]);
    /** @type {CliUpRow} */
    const row = {
      stacks,
      concurrency: v.k,
      sharedBudget: v.shared,
      exit: up.code,
      failed: up.report?.summary.failed ?? null,
      ...figures(up.calls, up.wallS, up.report?.summary.failed === 0 ? { stacks, k: v.k } : undefined),
    };
    log(`cli up ${v.shared ? "shared " : "separate"} K=${v.k}: ${JSON.stringify(row)}`);
    runs.push(row);
    if (!drift && v.shared && up.code === 0) {
      // Console edits in 3 stacks, then fleet drift.
      const pick = [1, Math.floor(stacks / 2), stacks - 1].map((i) => `c${String(i).padStart(3, "0")}`);
      const companies = Object.values(setup.emu.state.companies);
      /** @type {DriftEdit[]} */
      const edits = [];
      const consoleEdit = async (/** @type {Record<string, unknown>} */ action) => {
        const r = await fetch(`${setup.emu.adminUrl}/console`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(action),
        });
        if (!r.ok) throw new Error(`console edit failed: ${r.status} ${await r.text()}`);
      };
      /** The stack's company (every stack's `up` created one). */
      const companyOf = (/** @type {string} */ n) =>
        /** @type {CompanyRecord} */ (companies.find((c) => c.name === `Fleet ${n}`));
      await consoleEdit({
        action: "renameCompany",
        companyId: companyOf(pick[0]).id,
        name: `Fleet ${pick[0]} (renamed)`,
      });
      edits.push({ stack: pick[0], expect: "Company::company (name)" });
      const pkg = /** @type {PackageRecord} */ (
        Object.values(setup.emu.state.packages).find((p) => p.companyId === companyOf(pick[1]).id)
      );
      await consoleEdit({ action: "updatePackage", packageId: pkg.id, description: "edited in the console" });
      edits.push({ stack: pick[1], expect: "InstallationPackage::agent (description)" });
      const acc = /** @type {AccountRecord} */ (
        Object.values(setup.emu.state.accounts).find((a) => a.companyId === companyOf(pick[2]).id)
      );
      await consoleEdit({ action: "updateAccount", accountId: acc.id, fullName: "Someone Else" });
      edits.push({ stack: pick[2], expect: "Account::admin (profile)" });
      const d = await fleetRun(setup, "drift", ["--concurrency", String(v.k)]);
      const reported = (d.report?.stacks ?? [])
        .filter((s) => s.result === "drifted")
        .map((s) => ({
          stack: s.stack,
          resources: s.resources.map((r) => `${r.resource} (${r.properties.join(", ")})`),
        }));
      drift = {
        stacks,
        concurrency: v.k,
        exit: d.code,
        edited: edits,
        reported,
        exactlyTheEdited:
          JSON.stringify(reported.map((r) => [r.stack, r.resources.join("; ")])) ===
          JSON.stringify(edits.map((e) => [e.stack, e.expect])),
        ...figures(d.calls, d.wallS),
      };
      log(`cli drift: ${JSON.stringify(drift)}`);
    }
    await setup.emu.close();
    fs.rmSync(setup.root, { recursive: true, force: true });
  }
  return { up: runs, drift };
}

const started = performance.now();
const only = new Set(args.only.split(","));
/** @type {Fleet} */
const fleet = {
  date: new Date().toISOString(),
  machine: {
    cpu: os.cpus()[0]?.model ?? "unknown",
    cores: os.availableParallelism(),
    memoryGB: Math.round(os.totalmem() / 2 ** 30),
  },
  factor: FACTOR,
  loadAverageStart: os.loadavg().map((x) => +x.toFixed(2)),
  command: `node bench/fleet.mjs ${process.argv.slice(2).join(" ")}`.trim(),
};
if (only.has("providers")) fleet.providers = await providersSection();
if (only.has("cli")) fleet.cli = await cliSection();
fleet.durationS = Math.round((performance.now() - started) / 1000);
fleet.loadAverageEnd = os.loadavg().map((x) => +x.toFixed(2));
const results = fs.existsSync(args.out) ? JSON.parse(fs.readFileSync(args.out, "utf8")) : {};
results.fleet = fleet;
fs.writeFileSync(args.out, `${JSON.stringify(results, null, 2)}\n`);
log(`fleet benchmark written to ${args.out} (${fleet.durationS} s)`);
