/**
 * `pulumi-gravityzone import` end to end on the emulator's seeded tenant: the bin writes a program,
 * the real Pulumi CLI runs it, and the first `pulumi up` adopts every object with no create call and
 * no other write to the tenant; `pulumi preview --expect-no-changes` passes right after (and with
 * `--refresh`, so the declared inputs are exactly what each resource reads back).
 *
 * The import runs against one emulator whose state is saved to a file; the project's emulator starts
 * from that file with the same key, so the program meets the tenant it was read from.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type EmulatorKey } from "../../emulator";
import { GravityZoneClient, trueResult } from "../../provider/client";
import { PulumiProject } from "../helpers/pulumi-project";
import { REPO_ROOT } from "../helpers/pulumi-cli";

const CLI = path.join(REPO_ROOT, "dist/provider/cli/main.js");
const SIEM_TOKEN = "Splunk 9d2c4b6a-1e3f-4a5b-8c7d-0e1f2a3b4c5d";
/** Method names that change the tenant (creates included). */
const WRITE = /^(create|update|delete|set|add|remove|move|assign|suspend|activate|configure|send)/;

interface Imported {
  project: PulumiProject;
  /** Resources the generated program declares (not commented out). */
  declared: number;
  importStderr: string;
  /** Removes the project and the tenant file its emulator saves to. */
  dispose(): Promise<void>;
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/**
 * Seeds a tenant (with event push configured), runs the import bin on it with `scope` flags, and
 * creates a project from the generated directory on the same tenant.
 */
async function importSeeded(
  scope: (state: { companies: Record<string, { id: string; name: string }> }) => string[],
): Promise<Imported> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "gz-import-"));
  const statePath = path.join(root, "tenant.json");
  const out = path.join(root, "program");
  const emu = await startEmulator({ rateLimits: "off", statePath });
  let keys: EmulatorKey[];
  let result: Awaited<ReturnType<typeof run>>;
  try {
    keys = emu.keys;
    const client = new GravityZoneClient({ accessUrl: emu.url, apiKey: keys[0]!.key, rateLimitScale: 1000 });
    await client.call(
      "push",
      "setPushEventSettings",
      {
        status: 1,
        serviceType: "splunk",
        serviceSettings: { url: "https://siem.example.com:8088/services/collector", splunkAuthorization: SIEM_TOKEN },
        subscribeToEventTypes: { av: true, fw: true, "new-incident": true },
      },
      trueResult,
    );
    result = await run(
      ["import", "--access-url", emu.url, "--rate-limit-scale", "1000", "--out", out, ...scope(emu.state)],
      { ...process.env, GRAVITYZONE_API_KEY: keys[0]!.key, GRAVITYZONE_ACCESS_URL: "" },
    );
  } finally {
    await emu.close();
  }
  expect(result.code, result.stderr).toBe(0);
  expect(fs.readdirSync(out).sort()).toEqual(["Pulumi.yaml", "index.ts", "package.json", "tsconfig.json"]);
  const program = fs.readFileSync(path.join(out, "index.ts"), "utf8");
  // Secrets stay out of files, whatever GravityZone returns.
  for (const f of fs.readdirSync(out)) expect(fs.readFileSync(path.join(out, f), "utf8")).not.toContain("9d2c4b6a");
  expect(result.stderr).not.toContain("9d2c4b6a");
  const declared = (program.match(/^ {2}adopt: true,$/gm) ?? []).length;
  const project = await PulumiProject.create({
    source: out,
    emulator: { statePath, keys },
    secrets: { "push-authorization": SIEM_TOKEN },
  });
  return {
    project,
    declared,
    importStderr: result.stderr,
    dispose: async () => {
      await project.dispose();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

/** The stack's GravityZone resources, by type. */
async function stackResources(p: PulumiProject): Promise<Record<string, number>> {
  const state = JSON.parse(await p.exportState());
  const out: Record<string, number> = {};
  for (const r of state.deployment.resources as { type: string }[]) {
    if (!r.type.includes("gravityzone:")) continue;
    const t = r.type.split(":").pop()!;
    out[t] = (out[t] ?? 0) + 1;
  }
  return out;
}

function writesIn(p: PulumiProject): string[] {
  return p.emu
    .calls()
    .filter((c) => WRITE.test(c.method))
    .map((c) => `${c.module}.${c.method}`);
}

describe("import of two customer companies, then pulumi up with the real CLI", () => {
  let imp: Imported;

  beforeAll(async () => {
    imp = await importSeeded((st) => {
      const idOf = (name: string) => Object.values(st.companies).find((c) => c.name === name)!.id;
      return ["--company", idOf("Contoso Dental Group"), "--company", idOf("Fabrikam Logistics")];
    });
  }, 120_000);
  afterAll(async () => imp?.dispose());

  it("the import reports what it declares per kind", () => {
    expect(imp.importStderr).toMatch(/^companies +2 +0$/m);
    expect(imp.importStderr).toMatch(/^push +1 +0$/m);
    expect(imp.importStderr).toMatch(/^assignments +1 +0$/m);
    expect(imp.importStderr).toContain("pulumi config set --secret push-authorization <value>");
    expect(imp.declared).toBeGreaterThan(50);
  });

  it("pulumi up adopts every object with no create call and no write to the tenant", async () => {
    imp.project.emu.resetCalls();
    await imp.project.up();
    expect(writesIn(imp.project)).toEqual([]);
    const byType = await stackResources(imp.project);
    expect(Object.values(byType).reduce((a, b) => a + b, 0)).toBe(imp.declared);
    expect(byType).toMatchObject({
      Company: 2,
      CustomGroup: 11,
      PushEventSettings: 1,
      PolicyAssignment: 1,
      Blocklist: 3,
    });
  }, 300_000);

  it("an immediate pulumi preview --expect-no-changes passes, and so does one with --refresh", async () => {
    const plain = await imp.project.run(["preview", "--expect-no-changes"]);
    expect(plain.code, plain.stdout + plain.stderr).toBe(0);
    const refreshed = await imp.project.run(["preview", "--refresh", "--expect-no-changes"]);
    expect(refreshed.code, refreshed.stdout + refreshed.stderr).toBe(0);
    expect(writesIn(imp.project)).toEqual([]);
  }, 300_000);

  it("the state holds the push authorization only as a secret", async () => {
    expect(await imp.project.exportState()).not.toContain("9d2c4b6a");
  }, 60_000);
});

describe("import of every company under the key's company, then pulumi up", () => {
  let imp: Imported;

  beforeAll(async () => {
    imp = await importSeeded(() => []);
  }, 120_000);
  afterAll(async () => imp?.dispose());

  it("adopts the whole tenant below the key's company with no write, and preview --expect-no-changes passes", async () => {
    expect(imp.importStderr).toMatch(/^companies +10 +0$/m);
    expect(imp.importStderr).toMatch(/^total +\d+ +0$/m);
    imp.project.emu.resetCalls();
    await imp.project.up();
    expect(writesIn(imp.project)).toEqual([]);
    const byType = await stackResources(imp.project);
    expect(Object.values(byType).reduce((a, b) => a + b, 0)).toBe(imp.declared);
    expect(byType.Company).toBe(10);
    const preview = await imp.project.run(["preview", "--expect-no-changes"]);
    expect(preview.code, preview.stdout + preview.stderr).toBe(0);
  }, 300_000);
});
