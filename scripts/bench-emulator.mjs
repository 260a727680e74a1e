#!/usr/bin/env node
/**
 * Measures the GravityZone emulator: requests per second for cheap reads with rate limits off
 * (N concurrent keep-alive connections, a fixed number of requests, the server in its own process),
 * and the memory of the seeded default tenant.
 *
 * Usage: node scripts/bench-emulator.mjs [--requests 20000] [--concurrency 16]
 * Needs the build (`npx tsc -p tsconfig.json`): it runs dist/emulator.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const cli = path.join(root, "dist/emulator/cli.js");
const index = path.join(root, "dist/emulator/index.js");
if (!existsSync(cli)) {
  console.error("dist/emulator is missing: run `npx tsc -p tsconfig.json` first");
  process.exit(1);
}
const require = createRequire(import.meta.url);
/** @type {typeof import("undici")} */
const { Pool } = require("undici");

/**
 * A numeric `--name value` option, or `fallback`.
 * @param {string} name
 * @param {number} fallback
 */
function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}
const REQUESTS = arg("requests", 20000);
const CONCURRENCY = arg("concurrency", 16);
const KEY = "bench0000000000000000000000000000000000000";

/** @param {number | undefined} pid */
function rssOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

async function startServer() {
  const child = spawn(process.execPath, [cli, "--port", "0", "--rate-limits", "off", "--api-key", KEY], {
    stdio: ["ignore", "pipe", "ignore"],
  });
  const rl = createInterface({ input: child.stdout });
  const first = await new Promise((resolve) => rl.once("line", resolve));
  const url = first.replace("GravityZone emulator listening on ", "");
  return { child, url };
}

/**
 * Sends REQUESTS calls of one method over CONCURRENCY connections.
 * @param {string} url
 * @param {string} module
 * @param {string} method
 * @param {object} params
 */
async function run(url, module, method, params) {
  const origin = new URL(url).origin;
  const pool = new Pool(origin, { connections: CONCURRENCY, pipelining: 1, keepAliveTimeout: 30_000 });
  const headers = {
    "content-type": "application/json",
    authorization: `Basic ${Buffer.from(`${KEY}:`).toString("base64")}`,
  };
  const reqPath = `${new URL(url).pathname}/v1.0/jsonrpc/${module}`;
  let next = 0;
  /** @type {number[]} */
  const latencies = [];
  /** @param {number} i */
  const one = async (i) => {
    const t = performance.now();
    const res = await pool.request({
      method: "POST",
      path: reqPath,
      headers,
      body: JSON.stringify({ id: i, jsonrpc: "2.0", method, params }),
    });
    const text = await res.body.text();
    if (res.statusCode !== 200 || !text.includes('"result"'))
      throw new Error(`unexpected answer ${res.statusCode}: ${text.slice(0, 200)}`);
    latencies.push(performance.now() - t);
  };
  // Warm-up: open the connections and let the JIT settle.
  for (let w = 0; w < 2000; w += CONCURRENCY)
    await Promise.all(Array.from({ length: CONCURRENCY }, (_, i) => one(-w - i - 1)));
  latencies.length = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < REQUESTS) await one(next++);
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  await pool.close();
  latencies.sort((a, b) => a - b);
  /** @param {number} p */
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))].toFixed(2);
  return { rps: Math.round(REQUESTS / seconds), seconds: seconds.toFixed(2), p50: pct(50), p99: pct(99) };
}

async function memoryOfSeededTenant() {
  const script = `
    const { startEmulator } = require(${JSON.stringify(index)});
    const mb = (n) => +(n / 1048576).toFixed(1);
    (async () => {
      global.gc(); const before = process.memoryUsage();
      const emu = await startEmulator({ rateLimits: "off" });
      global.gc(); const after = process.memoryUsage();
      const bytes = Buffer.byteLength(JSON.stringify(emu.state));
      console.log(JSON.stringify({ rssMB: mb(after.rss), heapUsedMB: mb(after.heapUsed), tenantHeapMB: mb(after.heapUsed - before.heapUsed), stateJsonKB: Math.round(bytes / 1024),
        endpoints: Object.keys(emu.state.endpoints).length, companies: Object.keys(emu.state.companies).length }));
      await emu.close();
    })();`;
  const child = spawn(process.execPath, ["--expose-gc", "-e", script], { stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  await new Promise((r) => child.once("exit", r));
  return JSON.parse(out);
}

const mem = await memoryOfSeededTenant();
const { child, url } = await startServer();
const idleRss = rssOf(child.pid);
/** @type {Array<[string, Awaited<ReturnType<typeof run>>]>} */
const results = [];
try {
  results.push(["general.getApiKeyDetails", await run(url, "general", "getApiKeyDetails", {})]);
  results.push(["network.getCustomGroupsList", await run(url, "network", "getCustomGroupsList", {})]);
  results.push([
    "network.getNetworkInventoryItems (recursive, perPage 100)",
    await run(url, "network", "getNetworkInventoryItems", {
      perPage: 100,
      filters: { depth: { allItemsRecursively: true } },
    }),
  ]);
} finally {
  const busyRss = rssOf(child.pid);
  child.kill("SIGTERM");
  await new Promise((r) => child.once("exit", r));
  console.log(
    `GravityZone emulator benchmark — Node ${process.version}, ${REQUESTS} requests per method, ${CONCURRENCY} keep-alive connections, rate limits off`,
  );
  for (const [name, r] of results)
    console.log(`  ${name}: ${r.rps} req/s (${r.seconds} s; latency p50 ${r.p50} ms, p99 ${r.p99} ms)`);
  console.log(
    `Seeded default tenant (${mem.companies} companies, ${mem.endpoints} endpoints): heap ${mem.tenantHeapMB} MB for the tenant, process heap ${mem.heapUsedMB} MB, RSS ${mem.rssMB} MB; state file ${mem.stateJsonKB} KB`,
  );
  console.log(`Emulator server process RSS: ${idleRss.toFixed(1)} MB idle, ${busyRss.toFixed(1)} MB after the run`);
}
