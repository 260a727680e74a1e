/**
 * `pulumi-gravityzone fleet` through the real Pulumi CLI (Automation API, local workspaces) on
 * examples/fleet, against the emulator with its real budgets time-scaled: three customers and one
 * broken entry at concurrency 2. up applies the three and fails the broken one (exit 2, the others
 * run to the end); drift after a console edit in one customer reports exactly that one, with its
 * resource and property (exit 1); destroy removes them. No 429, no secret in the state or output.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator";
import type { FleetReport } from "../../provider/cli/fleet/report";
import { pulumiCli, REPO_ROOT } from "../helpers/pulumi-cli";

const SCALE = 20;
const CUSTOMERS = {
  alpha: { name: "Alpha Dental", email: "it@alpha-dental.example" },
  bravo: { name: "Bravo Logistics", email: "it@bravo-logistics.example" },
  charlie: { name: "Charlie Foods", email: "it@charlie-foods.example" },
};
const GOOD = "alpha,b?avo,ch*";

let root: string;
let dir: string;
let emu: RunningEmulator;
let env: NodeJS.ProcessEnv;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  report: FleetReport;
}

function fleet(args: string[]): Promise<Run> {
  const json = path.join(root, `report-${Date.now()}.json`);
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [path.join(REPO_ROOT, "dist/provider/cli/main.js"), "fleet", ...args, "--dir", dir, "--json", json],
      { env, stdio: ["ignore", "pipe", "pipe"] },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => {
      try {
        resolve({ code: code ?? -1, stdout, stderr, report: JSON.parse(fs.readFileSync(json, "utf8")) });
      } catch (e) {
        reject(new Error(`no report (exit ${code}): ${String(e)}\n${stdout}\n${stderr}`));
      }
    });
  });
}

const companyNamed = (name: string) => Object.values(emu.state.companies).find((c) => c.name === name);

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "gz-fleet-"));
  dir = path.join(root, "program");
  fs.cpSync(path.join(REPO_ROOT, "examples/fleet"), dir, {
    recursive: true,
    filter: (src) => !src.includes(`${path.sep}node_modules`),
  });
  fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(dir, "node_modules"));
  fs.mkdirSync(path.join(root, "backend"));
  emu = await startEmulator({ rateLimits: SCALE });
  let stacks: Record<string, Record<string, string>> = {};
  for (const [stack, c] of Object.entries(CUSTOMERS))
    stacks[stack] = { "customer:name": c.name, "customer:adminEmail": c.email };
  // Second, so that it runs beside the first.
  stacks = {
    alpha: stacks.alpha!,
    broken: { "customer:name": "Broken Entry", "customer:adminEmail": "not-an-email" },
    ...stacks,
  };
  fs.writeFileSync(
    path.join(dir, "customers.json"),
    JSON.stringify({
      config: {
        "gravityzone:accessUrl": emu.url,
        "gravityzone:rateLimitScale": SCALE,
        "gravityzone:apiKey": { secretFromEnv: "FLEET_TEST_KEY" },
        "customer:deletionProtection": false,
      },
      stacks,
    }),
  );
  env = {
    ...pulumiCli().env,
    PULUMI_HOME: path.join(root, "home"),
    PULUMI_BACKEND_URL: `file://${path.join(root, "backend")}`,
    PULUMI_CONFIG_PASSPHRASE: "e2e-passphrase",
    FLEET_TEST_KEY: emu.keys[0]!.key,
    GRAVITYZONE_API_KEY: "",
    GRAVITYZONE_ACCESS_URL: "",
    NO_COLOR: "1",
    // Type-checking the program again for every stack takes seconds each; this test is about the fleet.
    PULUMI_NODEJS_TRANSPILE_ONLY: "true",
  };
}, 60_000);

afterAll(async () => {
  await emu?.close();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

describe("pulumi-gravityzone fleet through the real CLI", () => {
  it("up applies every good customer and reports the broken one: exit 2, the others run to the end", async () => {
    const r = await fleet(["up", "--concurrency", "2"]);
    expect(r.code, r.stdout + r.stderr).toBe(2);
    const by = Object.fromEntries(r.report.stacks.map((s) => [s.stack, s]));
    for (const stack of Object.keys(CUSTOMERS)) {
      expect(by[stack]!.result, `${stack}: ${by[stack]!.error}`).toBe("succeeded");
      expect(by[stack]!.changes).toMatchObject({ create: 6, update: 0, delete: 0 });
      expect(by[stack]!.apiCalls).toBeGreaterThan(5);
    }
    expect(by.broken!.result).toBe("failed");
    expect(by.broken!.error).toMatch(/customer:adminEmail must be an e-mail address/);
    expect(r.report.summary).toMatchObject({ stacks: 4, failed: 1, rateLimited: 0 });
    for (const c of Object.values(CUSTOMERS)) expect(companyNamed(c.name), c.name).toBeDefined();
    expect(emu.calls().filter((c) => c.status === 429)).toEqual([]);
    // The table, and the progress lines (standard error is not a terminal here).
    expect(r.stdout).toMatch(/^stack\s+result\s+changes\s+API calls\s+429s\s+time/m);
    expect(r.stdout).toMatch(/^alpha\s+succeeded\s+\+6 ~0 -0/m);
    expect(r.stdout).toMatch(/broken failed: .*adminEmail/);
    expect(r.stderr).toMatch(/^\[0\/4\] 1 running, 0 done, 0 failed, \d+ s {2}alpha: running$/m);
    expect(r.stderr).toMatch(/^\[4\/4\] 0 running, 3 done, 1 failed, \d+ s {2}\w+: (succeeded|failed)/m);
    expect(by.broken!.error).not.toMatch(/ at /);
    // The key is a secret in each stack's config and state, never in plain text.
    const key = emu.keys[0]!.key;
    for (const stack of Object.keys(CUSTOMERS)) {
      const settings = fs.readFileSync(path.join(dir, `Pulumi.${stack}.yaml`), "utf8");
      expect(settings).toMatch(/gravityzone:apiKey:\s*\n\s*secure:/);
      expect(settings).not.toContain(key);
    }
    const stateFiles = fs.readdirSync(path.join(root, "backend"), { recursive: true, encoding: "utf8" });
    for (const f of stateFiles.filter((f) => f.endsWith(".json")))
      expect(fs.readFileSync(path.join(root, "backend", f), "utf8")).not.toContain(key);
    expect(r.stdout + r.stderr).not.toContain(key);
  }, 150_000);

  it("drift after a console edit in one customer reports exactly that one, with its resource and property", async () => {
    const bravo = companyNamed(CUSTOMERS.bravo.name)!;
    const res = await fetch(`${emu.adminUrl}/console`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ action: "renameCompany", companyId: bravo.id, name: "Bravo Logistics (renamed)" }),
    });
    expect(res.status).toBe(200);
    const r = await fleet(["drift", "--stacks", GOOD, "--concurrency", "3"]);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.report.stacks.map((s) => [s.stack, s.result])).toEqual([
      ["alpha", "in sync"],
      ["bravo", "drifted"],
      ["charlie", "in sync"],
    ]);
    const bravoReport = r.report.stacks.find((s) => s.stack === "bravo")!;
    expect(bravoReport.resources).toEqual([{ resource: "Company::company", op: "update", properties: ["name"] }]);
    expect(r.report.summary.drifted).toBe(1);
    expect(r.stdout).toMatch(/bravo: Company::company update \(name\)/);
  }, 120_000);

  it("destroy needs --yes, then removes every selected customer", async () => {
    const refused = await new Promise<number>((resolve) => {
      const child = spawn(
        process.execPath,
        [path.join(REPO_ROOT, "dist/provider/cli/main.js"), "fleet", "destroy", "--dir", dir],
        { env, stdio: "ignore" },
      );
      child.on("close", (code) => resolve(code ?? -1));
    });
    expect(refused).toBe(2);
    const r = await fleet(["destroy", "--yes", "--stacks", GOOD, "--concurrency", "3", "--quiet"]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.report.stacks.every((s) => s.result === "succeeded")).toBe(true);
    for (const c of Object.values(CUSTOMERS)) expect(companyNamed(c.name), c.name).toBeUndefined();
    expect(emu.calls().filter((c) => c.status === 429)).toEqual([]);
  }, 120_000);
});
