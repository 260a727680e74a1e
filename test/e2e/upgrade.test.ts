/**
 * Upgrading keeps stacks: a stack deployed by pulumi-gravityzone 0.1.0 (test/fixtures/upgrade-0.1.0: a
 * Company, a CustomGroup under it, an InstallationPackage, an Account and a hash BlocklistEntry) is
 * imported with `pulumi stack import` into a project that uses the current package, against the current
 * emulator loading the 0.1.0 emulator's state file. With the program unchanged, refresh changes nothing
 * and preview proposes nothing; a small update and the destroy work.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { CliStack } from "../helpers/installed-package";
import { REPO_ROOT } from "../helpers/pulumi-cli";

const FIXTURE = path.join(REPO_ROOT, "test/fixtures/upgrade-0.1.0");
// The fixture's test values (see its make.sh): the stack passphrase, the emulator key and a made-up password.
const PASSPHRASE = "upgrade-fixture-passphrase";
const EMULATOR_KEY = "0123456789abcdef0123456789abcdef01234567";
const ADMIN_PASSWORD = "Fixture-Passw0rd!";

interface Resource {
  type: string;
  urn: string;
  id?: string;
  inputs?: Record<string, any>;
  outputs?: Record<string, any>;
}

const exported: { deployment: { resources: Resource[] } } = JSON.parse(
  fs.readFileSync(path.join(FIXTURE, "stack.json"), "utf8"),
);
const deployed = Object.fromEntries(
  exported.deployment.resources
    .filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/gravityzone:"))
    .map((r) => [r.type.split(":").pop()!, r]),
) as Record<"Company" | "CustomGroup" | "InstallationPackage" | "Account" | "BlocklistEntry", Resource>;

let root: string;
let emu: RunningEmulator;
let stack: CliStack;
const st = () => emu.state as any;
/** A secret value in `pulumi stack export` (its ciphertext differs between stacks). */
const isSecret = (v: unknown) => typeof v === "object" && v !== null && "4dabf18193072939515e22adb298388d" in v;

/** The gravityzone resources of the stack now, by type. */
async function resources(): Promise<Record<string, Resource>> {
  const state = JSON.parse((await stack.run(["stack", "export"], { check: true })).stdout) as typeof exported;
  return Object.fromEntries(
    state.deployment.resources
      .filter((r) => r.type.includes("/gravityzone:"))
      .map((r) => [r.type.split(":").pop()!, r]),
  );
}

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "gz-upgrade-"));
  const dir = path.join(root, "program");
  fs.cpSync(path.join(FIXTURE, "program"), dir, { recursive: true });
  // The current package, resolved by name from the program as in a user's project.
  fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(dir, "node_modules"));
  fs.copyFileSync(path.join(FIXTURE, "emulator-state.json"), path.join(root, "emulator-state.json"));
  emu = await startEmulator({
    statePath: path.join(root, "emulator-state.json"),
    keys: [{ key: EMULATOR_KEY }],
    rateLimits: "off",
  });
  stack = await CliStack.init({
    dir,
    stateDir: root,
    passphrase: PASSPHRASE,
    stack: "upgrade",
    config: { "gravityzone:accessUrl": emu.url, "gravityzone:rateLimitScale": "1000" },
    secrets: { "gravityzone:apiKey": EMULATOR_KEY, "upgrade:adminPassword": ADMIN_PASSWORD },
  });
  // The access URL is the user's and does not change on upgrade: the fixture's emulator listened on another port.
  const text = fs.readFileSync(path.join(FIXTURE, "stack.json"), "utf8");
  const recordedUrl = exported.deployment.resources.find((r) => r.type === "pulumi:providers:pulumi-nodejs")!.inputs![
    "gravityzone:accessUrl"
  ] as string;
  fs.writeFileSync(path.join(root, "stack.json"), text.split(recordedUrl).join(emu.url));
  await stack.run(["stack", "import", "--file", path.join(root, "stack.json")], { check: true });
}, 180_000);

afterAll(async () => {
  await emu?.close();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

describe("a stack deployed by 0.1.0, managed by the current package", () => {
  it("the fixture holds the five resources, every one known to the emulator, and no plaintext secret", () => {
    expect(Object.keys(deployed).sort()).toEqual([
      "Account",
      "BlocklistEntry",
      "Company",
      "CustomGroup",
      "InstallationPackage",
    ]);
    expect(st().companies[deployed.Company.id!]).toMatchObject({ name: "Upgrade Fixture Dental" });
    expect(st().groups[deployed.CustomGroup.id!]).toMatchObject({ name: "Servers", companyId: deployed.Company.id });
    expect(st().packages[deployed.InstallationPackage.id!]).toMatchObject({ name: "Upgrade Fixture agent" });
    expect(st().accounts[deployed.Account.id!]).toMatchObject({ email: "it@upgrade-fixture.example" });
    expect(st().blocklist[deployed.BlocklistEntry.id!]).toBeDefined();
    for (const f of ["stack.json", "emulator-state.json"]) {
      const text = fs.readFileSync(path.join(FIXTURE, f), "utf8");
      expect(text.includes(ADMIN_PASSWORD), f).toBe(false);
      expect(text.includes(EMULATOR_KEY), f).toBe(false);
    }
  });

  it("pulumi refresh reads every resource and changes no output the program sets", async () => {
    const r = await stack.run(["refresh", "--yes", "--skip-preview"], { check: true });
    expect(r.stdout).not.toMatch(/\bupdated\b|\bdeleted\b/);
    const now = await resources();
    expect(Object.keys(now).sort()).toEqual(Object.keys(deployed).sort());
    for (const [type, old] of Object.entries(deployed)) {
      // Inputs as the program declared them read back the same (installLinks and other outputs may be refreshed).
      for (const [k, v] of Object.entries(old.inputs!)) {
        if (k === "__provider" || isSecret(v)) continue;
        expect(now[type]!.outputs![k], `${type}.${k}`).toEqual(old.outputs![k] ?? v);
      }
    }
  }, 180_000);

  it("pulumi preview --expect-no-changes passes for the unchanged program", async () => {
    const r = await stack.run(["preview", "--expect-no-changes", "--diff"]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
  }, 180_000);

  it("a small update changes the package's description in place and leaves the modules the program does not name as they are", async () => {
    const pkg = () => st().packages[deployed.InstallationPackage.id!];
    const modulesBefore = { ...pkg().modules };
    await stack.run(["config", "set", "upgrade:packageDescription", "Changed after the upgrade"], { check: true });
    await stack.run(["up", "--yes", "--skip-preview"], { check: true });
    expect(pkg()).toMatchObject({ id: deployed.InstallationPackage.id, description: "Changed after the upgrade" });
    // 0.1.0 left the modules a program does not name as GravityZone had them; its packages keep that rule.
    for (const [m, on] of Object.entries(modulesBefore)) if (m in pkg().modules) expect(pkg().modules[m], m).toBe(on);
    expect(pkg().modules).toMatchObject({ advancedThreatControl: 1, firewall: 1, edrSensor: 1 });
    const again = await stack.run(["preview", "--refresh", "--expect-no-changes"]);
    expect(again.code, again.stdout + again.stderr).toBe(0);
  }, 240_000);

  it("pulumi destroy removes every resource once deletionProtection is off", async () => {
    await stack.run(["config", "set", "upgrade:deletionProtection", "false"], { check: true });
    await stack.run(["up", "--yes", "--skip-preview"], { check: true });
    await stack.run(["destroy", "--yes", "--skip-preview"], { check: true });
    expect(st().companies[deployed.Company.id!]).toBeUndefined();
    expect(st().groups[deployed.CustomGroup.id!]).toBeUndefined();
    expect(st().packages[deployed.InstallationPackage.id!]).toBeUndefined();
    expect(st().accounts[deployed.Account.id!]).toBeUndefined();
    expect(st().blocklist[deployed.BlocklistEntry.id!]).toBeUndefined();
  }, 240_000);
});
