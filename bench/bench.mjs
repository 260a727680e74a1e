#!/usr/bin/env node
/**
 * The performance benchmark (`npm run bench`, which runs scripts/bench.sh): real Pulumi CLI runs
 * against the embedded GravityZone emulator with its real rate budgets, time-scaled by a factor
 * (the emulator's `rateLimits: <factor>` and the stack's `gravityzone:rateLimitScale <factor>`).
 * Prints a table and writes bench/results.json:
 *
 *  1. API calls per operation for each resource kind (create, no-op preview and up, refresh, update,
 *     delete), against the minimum the API allows and a naive baseline (bench/model.mjs);
 *  2. throughput: `pulumi up` and `pulumi preview --refresh` of 200 companies × 2 groups and of 1000
 *     blocklisted hashes, as API time over the rate-limit lower bound (bench/calls.mjs), with 429s;
 *  3. parallelism: the 200-company up with several `--parallel` values (`default` = the CLI's own,
 *     4 × the cores; `all` = as many as the stack has resources);
 *  4. state size: bytes per resource in `pulumi stack export` and the `__provider` share;
 *  5. the emulator's own throughput for cheap reads (scripts/bench-emulator.mjs).
 *
 * Usage: node bench/bench.mjs [--factor 2] [--counts-factor 60] [--companies 200] [--groups 2]
 *          [--hashes 1000] [--parallel default,64,all,2400] [--throughput-parallel all]
 *          [--kinds-count 3] [--skip-checkpoints]
 *          [--only kinds,throughput,parallel,emulator] [--out bench/results.json] [--merge] [--report-only]
 * (--merge replaces only the sections run in an existing results file; --report-only prints the
 * table of the --out file without running anything.)
 * Needs the build and the Pulumi CLI on PATH (scripts/bench.sh sees to both).
 */
import { execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { lowerBound, tally } from "./calls.mjs";
import { Project, ROOT, emulatorModule } from "./harness.mjs";
import { countCliErrors, KIND_LABELS, measureKinds, seedContext } from "./kinds.mjs";
import { MODEL, NOOP, pages } from "./model.mjs";

/** @typedef {import("./calls.mjs").ClassBound} ClassBound */
/** @typedef {import("./kinds.mjs").ItemCounts} ItemCounts */
/**
 * What bench/results.json holds; every section but `meta` is there only when it was run (or merged).
 * @typedef {object} Results
 * @property {Meta} meta
 * @property {KindRow[]} [kinds] calls per operation for each kind
 * @property {Record<string, KindRunRow>} [kindRuns] the CLI runs of the kinds stack, per operation
 * @property {Record<string, Record<string, number>>} [unattributed] per operation, calls of no kind by method
 * @property {TimeRow[]} [throughput]
 * @property {StateRow[]} [state]
 * @property {Array<TimeRow & {parallel: string}>} [parallel]
 * @property {{lines: string[], methods: EmulatorRow[]}} [emulator]
 */
/**
 * The machine and settings of a run; `merged` lists the later runs whose sections replaced this one's.
 * @typedef {object} Meta
 * @property {string} date
 * @property {{cpu: string, cores: number, memoryGB: number, os: string}} machine
 * @property {string} node
 * @property {string} pulumi
 * @property {number} factor
 * @property {number} countsFactor
 * @property {string} checkpoints
 * @property {number[]} loadAverageStart
 * @property {number} [durationS]
 * @property {number[]} [loadAverageEnd]
 * @property {Array<Meta & {sections: string[]}>} [merged]
 */
/**
 * One kind's calls per operation, against the model's minimum and naive counts.
 * @typedef {{kind: string, label: string, count: number, ops: Record<string, OpRow>}} KindRow
 */
/**
 * @typedef {object} OpRow
 * @property {number} calls
 * @property {number} writes
 * @property {number} rateLimited
 * @property {number} min
 * @property {number} naive
 * @property {Record<string, number>} byMethod
 * @property {{i0: number, i1: number}} [listed] blocklist items the listings saw before and after
 */
/** @typedef {{seconds: number, exit: number, calls: number, writes: number, rateLimited: number, cliErrors: number}} KindRunRow */
/**
 * One CLI run measured at the emulator (bound: the rate-limit lower bound, see bench/calls.mjs).
 * @typedef {object} TimeRow
 * @property {string} name
 * @property {string} command
 * @property {number} exit
 * @property {number} calls
 * @property {number} writes
 * @property {number} rateLimited
 * @property {number} cliErrors
 * @property {number} wallS
 * @property {number} apiS
 * @property {number} boundS
 * @property {number} steadyBoundS
 * @property {string} bottleneck
 * @property {Record<string, ClassBound>} classes
 * @property {number} serialBoundS
 * @property {number | null} ratioSerial
 * @property {number | null} ratioApi
 * @property {number | null} ratioWall
 * @property {Record<string, number>} byMethod
 * @property {number} min
 * @property {number} naive
 */
/**
 * @typedef {object} StateRow
 * @property {string} name
 * @property {number} resources
 * @property {number} bytes
 * @property {number} bytesPerResource
 * @property {number} providerBytesPerResource
 * @property {number} providerShare
 */
/** @typedef {{method: string, rps: number, p50ms: number, p99ms: number}} EmulatorRow */
/** @typedef {{type: string, [key: string]: any}} ExportedResource A resource of `pulumi stack export`. */

const { values: args } = parseArgs({
  options: {
    factor: { type: "string", default: "2" },
    "counts-factor": { type: "string", default: "60" },
    companies: { type: "string", default: "200" },
    groups: { type: "string", default: "2" },
    hashes: { type: "string", default: "1000" },
    parallel: { type: "string", default: "default,64,all,2400" },
    "throughput-parallel": { type: "string", default: "all" },
    "kinds-count": { type: "string", default: "3" },
    "skip-checkpoints": { type: "boolean", default: false },
    only: { type: "string", default: "kinds,throughput,parallel,emulator" },
    out: { type: "string", default: path.join(ROOT, "bench/results.json") },
    merge: { type: "boolean", default: false },
    "report-only": { type: "boolean", default: false },
  },
});
const FACTOR = Number(args.factor);
const COUNTS_FACTOR = Number(args["counts-factor"]);
const COMPANIES = Number(args.companies);
const GROUPS = Number(args.groups);
const HASHES = Number(args.hashes);
const RESOURCES = COMPANIES * (1 + GROUPS);
/** `--parallel` flags for a value: `default` = none (the CLI's 4 × cores), `all` = one per resource. */
const parallelArgs = (/** @type {string} */ v) =>
  v === "default" ? [] : ["--parallel", String(v === "all" ? RESOURCES : Number(v))];
const parallelLabel = (/** @type {string} */ v) =>
  v === "default" ? `default (${4 * os.availableParallelism()})` : String(v === "all" ? RESOURCES : Number(v));
const PARALLEL = args.parallel.split(",").filter(Boolean);
const UP_PARALLEL = args["throughput-parallel"];
const ONLY = new Set(args.only.split(","));
const log = (/** @type {string} */ line) => process.stderr.write(`${line}\n`);
const started = performance.now();

/** Below this bound (seconds) a run is a burst the CLI's own start-up dominates: no ratio is given. */
const MIN_BOUND_S = 5;

if (args["report-only"]) {
  // Print the table of an earlier run (the --out file) and stop.
  process.stdout.write(report(JSON.parse(fs.readFileSync(args.out, "utf8"))));
  process.exit(0);
}

/** @type {Results} */
const results = {
  meta: {
    date: new Date().toISOString(),
    machine: machine(),
    node: process.version,
    pulumi: execFileSync("pulumi", ["version"], { encoding: "utf8" }).trim(),
    factor: FACTOR,
    countsFactor: COUNTS_FACTOR,
    checkpoints: args["skip-checkpoints"]
      ? "skipped (PULUMI_SKIP_CHECKPOINTS=true)"
      : "on (the default: the whole state written after every step)",
    loadAverageStart: os.loadavg().map((x) => +x.toFixed(2)),
  },
};

function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? "unknown",
    cores: cpus.length,
    memoryGB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
  };
}

/**
 * Engine settings for the throughput runs: checkpoints are the file backend's whole-state write after every step.
 * @param {Project} p
 */
function engineEnv(p) {
  if (args["skip-checkpoints"]) p.env.PULUMI_SKIP_CHECKPOINTS = "true";
}

// ---------------------------------------------------------------------------------------------
// 1. Calls per operation
// ---------------------------------------------------------------------------------------------
if (ONLY.has("kinds")) {
  log(`[kinds] every kind in one stack, factor ${COUNTS_FACTOR}`);
  const r = await measureKinds(Number(args["kinds-count"]), COUNTS_FACTOR, log);
  /** @type {Record<string, keyof ItemCounts>} */
  const itemsKey = { BlocklistEntry: "entriesItems", BlocklistEntryAdopted: "adoptedItems", Blocklist: "listItems" };
  const order = ["create", "preview", "noop-up", "refresh", "update", "delete"];
  /** @type {Record<string, string>} */
  const next = {
    create: "preview",
    preview: "noop-up",
    "noop-up": "refresh",
    refresh: "update",
    update: "delete",
    delete: "end",
  };
  results.kinds = Object.entries(r.perKind).map(([kind, ops]) => ({
    kind,
    label: KIND_LABELS[kind] ?? kind,
    count: r.counts[kind],
    ops: Object.fromEntries(
      order.map(
        /** @returns {[string, OpRow]} */ (op) => {
          const t = ops[op];
          const key = itemsKey[kind];
          const ctx = { i0: key ? r.context[op][key] : 0, i1: key ? r.context[next[op]][key] : 0 };
          const ref = op === "preview" || op === "noop-up" ? NOOP : MODEL[kind][op](r.counts[kind], ctx);
          return [
            op,
            {
              calls: t.calls,
              writes: t.writes,
              rateLimited: t.rateLimited,
              ...ref,
              byMethod: t.byMethod,
              listed: key ? ctx : undefined,
            },
          ];
        },
      ),
    ),
  }));
  results.kindRuns = Object.fromEntries(
    Object.entries(r.runs).map(
      /** @returns {[string, KindRunRow]} */ ([op, x]) => [
        op,
        {
          seconds: +x.seconds.toFixed(1),
          exit: x.exit,
          calls: x.calls,
          writes: x.writes,
          rateLimited: x.rateLimited,
          cliErrors: x.cliErrors,
        },
      ],
    ),
  );
  results.unattributed = r.unattributed;
}

// ---------------------------------------------------------------------------------------------
// 2 and 3. Throughput and parallelism
// ---------------------------------------------------------------------------------------------

/**
 * One CLI run measured at the emulator.
 * @param {Project} p
 * @param {string} name
 * @param {string[]} cliArgs
 * @param {{min: number, naive: number}} reference
 * @returns {Promise<TimeRow>}
 */
async function measured(p, name, cliArgs, reference) {
  p.emu.resetCalls();
  const r = await p.run(cliArgs);
  const calls = p.emu.calls();
  const t = tally(calls);
  const lb = lowerBound(calls, FACTOR);
  // The engine dispatches steps in the order the program registers them, a few at a time: every
  // company before any of their groups. The bound for that order is the companies' bound plus the
  // groups' (each API module's calls bound on their own, one after the other).
  const modules = [...new Set(calls.map((c) => c.module))];
  const serialS = modules.reduce(
    (sum, mod) =>
      sum +
      lowerBound(
        calls.filter((c) => c.module === mod),
        FACTOR,
      ).burst,
    0,
  );
  // firstAt and lastAt are numbers whenever there were calls (Number() only tells the type checker so).
  const apiS = t.calls > 0 ? (Number(t.lastAt) - Number(t.firstAt)) / 1000 : 0;
  const row = {
    name,
    command: `pulumi ${cliArgs.join(" ")}`,
    exit: r.code,
    calls: t.calls,
    writes: t.writes,
    rateLimited: t.rateLimited,
    cliErrors: countCliErrors(r),
    wallS: +r.seconds.toFixed(1),
    apiS: +apiS.toFixed(1),
    boundS: +lb.burst.toFixed(1),
    steadyBoundS: +lb.steady.toFixed(1),
    bottleneck: lb.bottleneck,
    classes: lb.classes,
    serialBoundS: +serialS.toFixed(1),
    ratioSerial: serialS >= MIN_BOUND_S ? +(apiS / serialS).toFixed(2) : null,
    ratioApi: lb.burst >= MIN_BOUND_S ? +(apiS / lb.burst).toFixed(2) : null,
    ratioWall: lb.burst >= MIN_BOUND_S ? +(r.seconds / lb.burst).toFixed(2) : null,
    byMethod: t.byMethod,
    ...reference,
  };
  if (r.code !== 0)
    log(`  ${name}: pulumi exited ${r.code}\n${(r.stdout + r.stderr).split("\n").slice(-25).join("\n")}`);
  log(
    `  ${name}: ${row.calls} calls, ${row.rateLimited} × 429, wall ${row.wallS} s, API ${row.apiS} s, bound ${row.boundS} s (${row.bottleneck})`,
  );
  return row;
}

/**
 * Bytes of `pulumi stack export` per dynamic resource, and how much of it `__provider` takes.
 * @param {Project} p
 * @param {string} name
 * @returns {Promise<StateRow>}
 */
async function stateSize(p, name) {
  const text = (await p.run(["stack", "export"], { check: true })).stdout;
  /** @type {{deployment: {resources: ExportedResource[]}}} */
  const state = JSON.parse(text);
  const resources = state.deployment.resources.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic"));
  let provider = 0;
  for (const r of state.deployment.resources) {
    for (const side of ["inputs", "outputs"]) {
      const v = r[side]?.__provider;
      if (typeof v === "string") {
        provider += JSON.stringify(v).length;
        r[side].__provider = "";
      }
    }
  }
  // Measured the way `stack export` prints it (indented), then with every __provider emptied.
  const without = JSON.stringify(state, null, 4).length;
  return {
    name,
    resources: resources.length,
    bytes: text.length,
    bytesPerResource: Math.round(text.length / resources.length),
    providerBytesPerResource: Math.round(provider / resources.length),
    providerShare: +((text.length - without) / text.length).toFixed(3),
  };
}

const companyCalls = { min: 2 * COMPANIES + COMPANIES * (GROUPS + 1), naive: 2 * COMPANIES + 2 * COMPANIES * GROUPS };
const companyReads = { min: 2 * COMPANIES, naive: COMPANIES * (1 + GROUPS) };

if (ONLY.has("throughput")) {
  results.throughput = [];
  results.state = [];
  log(`[throughput] ${COMPANIES} companies × ${GROUPS} groups, factor ${FACTOR}`);
  const p = await Project.create({
    source: "companies",
    scale: FACTOR,
    config: { "bench:companies": String(COMPANIES), "bench:groupsPerCompany": String(GROUPS) },
  });
  try {
    engineEnv(p);
    const par = parallelArgs(UP_PARALLEL);
    const parNote = par.length > 0 ? ` (--parallel ${parallelLabel(UP_PARALLEL)})` : "";
    results.throughput.push(
      await measured(
        p,
        `up: ${COMPANIES} companies + ${COMPANIES * GROUPS} groups${parNote}`,
        ["up", "--yes", "--skip-preview", ...par],
        companyCalls,
      ),
    );
    results.throughput.push(
      await measured(
        p,
        `preview --refresh: the same ${RESOURCES} resources${parNote}`,
        ["preview", "--refresh", ...par],
        companyReads,
      ),
    );
    // What the CLI and the program cost without any API call: the part of wall time the budget does not explain.
    results.throughput.push(
      await measured(p, `preview, no refresh: the CLI and program alone`, ["preview", ...par], { min: 0, naive: 0 }),
    );
    results.state.push(await stateSize(p, `${COMPANIES} companies + ${COMPANIES * GROUPS} groups`));
  } finally {
    await p.dispose();
  }

  log(`[throughput] ${HASHES} hashes in one Blocklist, factor ${FACTOR}`);
  const boot = await emulatorModule.startEmulator({ rateLimits: "off" });
  const listCompany = seedContext(boot.state).ids.listCompany;
  await boot.close();
  const h = await Project.create({
    source: "hashes",
    scale: FACTOR,
    config: { "bench:hashes": String(HASHES), "bench:lists": "1", "bench:companyId": listCompany },
  });
  try {
    engineEnv(h);
    results.throughput.push(
      await measured(h, `up: ${HASHES} hashes, one Blocklist`, ["up", "--yes", "--skip-preview"], {
        min: Math.ceil(HASHES / 1000) + 1 + pages(HASHES),
        naive: 3 * HASHES,
      }),
    );
    results.throughput.push(
      await measured(h, `preview --refresh: the ${HASHES} hashes`, ["preview", "--refresh"], {
        min: pages(HASHES),
        naive: HASHES,
      }),
    );
    results.state.push(await stateSize(h, `one Blocklist of ${HASHES} hashes`));
  } finally {
    await h.dispose();
  }
}

if (ONLY.has("parallel")) {
  results.parallel = [];
  for (const value of PARALLEL) {
    const parallel = parallelLabel(value);
    log(`[parallel] ${COMPANIES} companies × ${GROUPS} groups, --parallel ${parallel}, factor ${FACTOR}`);
    const p = await Project.create({
      source: "companies",
      scale: FACTOR,
      config: { "bench:companies": String(COMPANIES), "bench:groupsPerCompany": String(GROUPS) },
    });
    try {
      engineEnv(p);
      results.parallel.push({
        parallel,
        ...(await measured(
          p,
          `up --parallel ${parallel}`,
          ["up", "--yes", "--skip-preview", ...parallelArgs(value)],
          companyCalls,
        )),
      });
    } finally {
      await p.dispose();
    }
  }
}

// ---------------------------------------------------------------------------------------------
// 5. The emulator
// ---------------------------------------------------------------------------------------------
if (ONLY.has("emulator")) {
  log("[emulator] cheap reads, rate limits off");
  /** @type {string} */
  const out = await new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [path.join(ROOT, "scripts/bench-emulator.mjs"), "--requests", "5000", "--concurrency", "16"],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    let text = "";
    child.stdout.on("data", (d) => (text += d));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(text) : reject(new Error(`bench-emulator exited ${code}`))));
  });
  results.emulator = {
    lines: out.trim().split("\n"),
    methods: [...out.matchAll(/^\s+([\w.]+)( \([^)]*\))?: (\d+) req\/s \(.*p50 ([\d.]+) ms, p99 ([\d.]+) ms\)/gm)].map(
      (m) => ({ method: m[1] + (m[2] ?? ""), rps: Number(m[3]), p50ms: Number(m[4]), p99ms: Number(m[5]) }),
    ),
  };
}

results.meta.durationS = Math.round((performance.now() - started) / 1000);
results.meta.loadAverageEnd = os.loadavg().map((x) => +x.toFixed(2));
let written = results;
if (args.merge && fs.existsSync(args.out)) {
  // Replace only the sections run now; the earlier run's machine and settings stay, and the merge is noted.
  const earlier = JSON.parse(fs.readFileSync(args.out, "utf8"));
  const { meta, ...sections } = results;
  written = {
    ...earlier,
    ...sections,
    meta: { ...earlier.meta, merged: [...(earlier.meta.merged ?? []), { sections: [...ONLY], ...meta }] },
  };
}
fs.writeFileSync(args.out, `${JSON.stringify(written, null, 2)}\n`);
process.stdout.write(report(written));
log(`\nwritten: ${path.relative(process.cwd(), args.out) || args.out} (${results.meta.durationS} s in all)`);

// ---------------------------------------------------------------------------------------------
// The table
// ---------------------------------------------------------------------------------------------
/** @param {Results} r */
function report(r) {
  const out = [];
  const m = r.meta;
  out.push(`## Benchmark — ${m.date.slice(0, 10)}`);
  out.push("");
  out.push(
    `${m.machine.cores} × ${m.machine.cpu}, ${m.machine.memoryGB} GB, ${m.machine.os}; Node ${m.node}, Pulumi ${m.pulumi}; load average ${m.loadAverageStart.join(" ")} at start.`,
  );
  out.push(
    `Rate budgets time-scaled ×${m.factor} for throughput (×${m.countsFactor} for the call counts, which do not depend on time); engine checkpoints ${m.checkpoints}.`,
  );
  for (const x of m.merged ?? [])
    out.push(
      `Section(s) ${x.sections.join(", ")} re-run ${x.date.slice(0, 16).replace("T", " ")} UTC (load average ${x.loadAverageStart.join(" ")}).`,
    );
  if (r.kinds) {
    out.push("");
    out.push("### API calls per operation (ours / minimum the API allows / naive: one call per item, page 1 only)");
    out.push("");
    out.push("| kind | N | create | no-op preview | no-op up | refresh | update | delete |");
    out.push("|---|---:|---|---|---|---|---|---|");
    for (const k of r.kinds) {
      const cell = (/** @type {string} */ op) => {
        const o = k.ops[op];
        const w =
          o.writes > 0 && op !== "preview" && op !== "noop-up" ? "" : op === "noop-up" ? ` (${o.writes} writes)` : "";
        const flag = o.calls > o.min ? " ▲" : "";
        return `${o.calls} / ${o.min} / ${o.naive}${w}${flag}${o.rateLimited ? ` (${o.rateLimited}×429)` : ""}`;
      };
      out.push(
        `| ${k.label} | ${k.count} | ${["create", "preview", "noop-up", "refresh", "update", "delete"].map(cell).join(" | ")} |`,
      );
    }
    out.push("");
    out.push(
      "▲ = above the minimum (see docs/performance.md). N is resources, or hashes for Blocklist; update of a BlocklistEntry is a replacement.",
    );
    const un = Object.entries(r.unattributed ?? {}).filter(([, v]) => Object.keys(v).length > 0);
    if (un.length > 0) out.push(`Calls not attributed to a kind: ${JSON.stringify(Object.fromEntries(un))}`);
  }
  const timeRows = [...(r.throughput ?? []), ...(r.parallel ?? [])];
  if (timeRows.length > 0) {
    out.push("");
    out.push(
      `### Throughput (budgets ×${m.factor}; bound = least time the budgets allow for the calls made; API time = first to last call)`,
    );
    out.push("");
    out.push(
      "| run | calls (min / naive) | 429s | CLI errors | wall s | API s | bound s (class) | API / bound | wall / bound | serial bound s | API / serial bound |",
    );
    out.push("|---|---|---:|---:|---:|---:|---|---:|---:|---:|---:|");
    for (const t of timeRows) {
      const ratio = (/** @type {number | null | undefined} */ x) =>
        x === null || x === undefined || t.boundS < MIN_BOUND_S ? "n/a" : x.toFixed(2);
      out.push(
        `| ${t.name} | ${t.calls} (${t.min} / ${t.naive}) | ${t.rateLimited} | ${t.cliErrors} | ${t.wallS} | ${t.apiS} | ${t.boundS} (${t.bottleneck}) | ${ratio(t.ratioApi)} | ${ratio(t.ratioWall)} | ${t.serialBoundS} | ${ratio(t.ratioSerial)} |`,
      );
    }
    out.push("");
    out.push(
      `Serial bound: each API module's calls bound on their own, one module after the other, which is what the engine's order allows when --parallel is below the number of resources (it starts every company before any group). n/a: the bound is under ${MIN_BOUND_S} s (a burst), so the run is bound by the CLI, not the budget.`,
    );
  }
  if (r.state) {
    out.push("");
    out.push("### State size (`pulumi stack export`)");
    out.push("");
    out.push("| stack | resources | bytes | bytes / resource | `__provider` bytes / resource | `__provider` share |");
    out.push("|---|---:|---:|---:|---:|---:|");
    for (const s of r.state)
      out.push(
        `| ${s.name} | ${s.resources} | ${s.bytes} | ${s.bytesPerResource} | ${s.providerBytesPerResource} | ${(s.providerShare * 100).toFixed(0)} % |`,
      );
  }
  if (r.emulator) {
    out.push("");
    out.push("### Emulator (rate limits off, 16 keep-alive connections)");
    out.push("");
    out.push("| method | req/s | p50 ms | p99 ms |");
    out.push("|---|---:|---:|---:|");
    for (const e of r.emulator.methods) out.push(`| ${e.method} | ${e.rps} | ${e.p50ms} | ${e.p99ms} |`);
  }
  out.push("");
  return out.join("\n");
}
