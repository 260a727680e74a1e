/**
 * templates/gravityzone-typescript through the real `pulumi new`, as a user runs it: the project and
 * its stack are generated, the CLI asks for the API key (template config marked secret) and stores
 * it encrypted, npm installs the dependencies, and the generated program compiles, previews, applies
 * against the emulator and is destroyed the way its quickstart says.
 *
 * Two things differ from a user's run, both in a copy of the template: `pulumi-gravityzone` is this
 * repository packed with `npm pack` (what npm would download once it is published), and
 * `@pulumi/pulumi` is the version the repository's own tests run with (in the npm cache already),
 * where a user gets the newest in the range. The first test checks that the shipped template's
 * ranges accept both.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { installedCopies, packPackage, toolEnv } from "../helpers/installed-package";
import { REPO_ROOT } from "../helpers/pulumi-cli";
import type { CliResult } from "../helpers/pulumi-project";

const TEMPLATE = path.join(REPO_ROOT, "templates/gravityzone-typescript");
const PROJECT = "fabrikam-onboarding";
// Quotes and a colon: the description must come out as valid YAML in Pulumi.yaml.
const DESCRIPTION = 'Onboarding: "Fabrikam Health" from the template';
const COMPANY = "Fabrikam Health";

let root: string;
let dir: string;
let emu: RunningEmulator;
let env: NodeJS.ProcessEnv;
let tarball: string;

const readJson = (file: string): any => JSON.parse(fs.readFileSync(file, "utf8"));
const repoVersion = (): string => readJson(path.join(REPO_ROOT, "package.json")).version;
const sdkVersion = (): string => readJson(path.join(REPO_ROOT, "node_modules/@pulumi/pulumi/package.json")).version;
const apiKey = (): string => emu.keys[0]!.key;
const st = () => emu.state as any;

/** Runs a command without blocking the event loop (the emulator answers from this process). */
function exec(
  cmd: string,
  args: string[],
  opts: { cwd?: string; input?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: opts.cwd ?? dir,
      env: { ...env, ...opts.env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), opts.timeoutMs ?? 240_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
    child.stdin.end(opts.input ?? "");
  });
}

/** `pulumi <args> --non-interactive` in the generated project, failing on a non-zero exit. */
async function pulumi(args: string[]): Promise<CliResult> {
  const r = await exec("pulumi", [...args, "--non-interactive"]);
  if (r.code !== 0) throw new Error(`pulumi ${args.join(" ")} exited ${r.code}\n${r.stdout}\n${r.stderr}`);
  return r;
}

/** Whether `version` (X.Y.Z) satisfies the caret range `^X.Y.Z`, by npm's rules. */
function caretAccepts(range: string, version: string): boolean {
  const m = /^\^(\d+)\.(\d+)\.(\d+)$/.exec(range);
  const v = /^(\d+)\.(\d+)\.(\d+)$/.exec(version);
  if (!m || !v) return false;
  const [a, b, c] = m.slice(1).map(Number) as [number, number, number];
  const [x, y, z] = v.slice(1).map(Number) as [number, number, number];
  const atLeast = x > a || (x === a && (y > b || (y === b && z >= c)));
  const below = a > 0 ? x === a : b > 0 ? x === 0 && y === b : x === 0 && y === 0 && z === c;
  return atLeast && below;
}

/** The resources of the stack, by type and name, from `pulumi stack export`. */
async function stackResources(): Promise<string[]> {
  const state = JSON.parse((await pulumi(["stack", "export"])).stdout);
  return (state.deployment.resources ?? [])
    .map(
      (r: { type: string; urn: string }) =>
        `${r.type.replace("pulumi-nodejs:dynamic/gravityzone:", "")}::${r.urn.split("::").pop()}`,
    )
    .filter((s: string) => !s.startsWith("pulumi:"))
    .sort();
}

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "gz-template-"));
  dir = path.join(root, "project");
  fs.mkdirSync(path.join(root, "backend"));
  emu = await startEmulator({ rateLimits: "off" });
  env = {
    ...toolEnv(),
    PULUMI_HOME: path.join(root, "home"),
    PULUMI_BACKEND_URL: `file://${path.join(root, "backend")}`,
    PULUMI_CONFIG_PASSPHRASE: "template-passphrase",
    // The key must come from the stack config written by `pulumi new`, never from the environment.
    GRAVITYZONE_API_KEY: "",
    GRAVITYZONE_ACCESS_URL: "",
    NO_COLOR: "1",
    // npm (run by `pulumi new`): packages from its cache when it has them.
    npm_config_prefer_offline: "true",
  };
  tarball = await packPackage(root);
}, 120_000);

afterAll(async () => {
  await emu?.close();
  // Asynchronous: the project's node_modules holds thousands of files.
  if (root) await fs.promises.rm(root, { recursive: true, force: true });
});

describe("pulumi new ./templates/gravityzone-typescript", () => {
  it("the template asks for the access URL and a secret API key, and depends on this package's release line", () => {
    const yaml = fs.readFileSync(path.join(TEMPLATE, "Pulumi.yaml"), "utf8");
    expect(yaml).toMatch(/^name: \$\{PROJECT\}$/m);
    expect(yaml).toMatch(/^description: \$\{DESCRIPTION\}$/m);
    expect(yaml).toMatch(
      /\n {4}gravityzone:accessUrl:\n(?: {6}.*\n)*? {6}default: https:\/\/cloud\.gravityzone\.bitdefender\.com\/api\n/,
    );
    expect(yaml).toMatch(/\n {4}gravityzone:apiKey:\n(?: {6}.*\n)*? {6}secret: true\n/);
    const pkg = readJson(path.join(TEMPLATE, "package.json"));
    expect(pkg.name).toBe("${PROJECT}");
    // A release that leaves these ranges behind breaks every project made from the template.
    const own = pkg.dependencies["pulumi-gravityzone"];
    const sdk = pkg.dependencies["@pulumi/pulumi"];
    expect(caretAccepts(own, repoVersion()), `pulumi-gravityzone ${own} vs ${repoVersion()}`).toBe(true);
    expect(caretAccepts(sdk, sdkVersion()), `@pulumi/pulumi ${sdk} vs ${sdkVersion()}`).toBe(true);
  });

  it("creates the project and the dev stack, stores the API key typed at the prompt encrypted, and installs the package", async () => {
    const template = path.join(root, "template");
    fs.cpSync(TEMPLATE, template, { recursive: true });
    const pkgFile = path.join(template, "package.json");
    const pkg = readJson(pkgFile);
    pkg.dependencies["pulumi-gravityzone"] = `file:${tarball}`;
    pkg.dependencies["@pulumi/pulumi"] = sdkVersion();
    fs.writeFileSync(pkgFile, JSON.stringify(pkg, null, 2) + "\n");

    // Everything but the API key is given as a flag; the CLI asks for the key, as it does a user, and
    // reads the answer from stdin (PULUMI_TEST_INTERACTIVE: prompts without a terminal).
    // `--config gravityzone:apiKey=…` would be stored as given, in plain text, whatever the template says.
    const args = ["new", template, "--dir", dir, "--stack", "dev", "--name", PROJECT, "--description", DESCRIPTION];
    // rateLimitScale: the emulator runs without rate limits, so the client's own pacing is sped up too.
    for (const c of [`gravityzone:accessUrl=${emu.url}`, `companyName=${COMPANY}`, "gravityzone:rateLimitScale=1000"])
      args.push("--config", c);
    const r = await exec("pulumi", args, {
      cwd: root,
      input: `${apiKey()}\n`,
      env: { PULUMI_TEST_INTERACTIVE: "1" },
      timeoutMs: 300_000,
    });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain("(gravityzone:apiKey)");

    const files = fs
      .readdirSync(dir)
      .filter((f) => f !== "node_modules" && f !== "package-lock.json")
      .sort();
    expect(files).toEqual([
      ".gitignore",
      "Pulumi.dev.yaml",
      "Pulumi.yaml",
      "index.ts",
      "package.json",
      "tsconfig.json",
    ]);
    for (const f of files)
      expect(fs.readFileSync(path.join(dir, f), "utf8"), f).not.toMatch(/\$\{(PROJECT|DESCRIPTION)\}/);
    const project = fs.readFileSync(path.join(dir, "Pulumi.yaml"), "utf8");
    expect(project).toMatch(new RegExp(`^name: ${PROJECT}$`, "m"));
    expect(project).toContain(`description: '${DESCRIPTION}'`);
    expect(project).not.toMatch(/^template:/m);
    expect(readJson(path.join(dir, "package.json")).name).toBe(PROJECT);
    expect(fs.readFileSync(path.join(dir, "index.ts"), "utf8")).toBe(
      fs.readFileSync(path.join(TEMPLATE, "index.ts"), "utf8"),
    );

    const stackFile = fs.readFileSync(path.join(dir, "Pulumi.dev.yaml"), "utf8");
    // Booleans only: a failure message must not print the file (it would hold the key).
    expect(stackFile.includes(apiKey()), "plaintext API key in Pulumi.dev.yaml").toBe(false);
    expect(
      /\n {2}gravityzone:apiKey:\n {4}secure: v1:\S+\n/.test(stackFile),
      "gravityzone:apiKey stored as `secure:` in Pulumi.dev.yaml",
    ).toBe(true);
    const config = JSON.parse((await pulumi(["config", "--json"])).stdout);
    expect(config["gravityzone:apiKey"]).toMatchObject({ secret: true });
    expect(config["gravityzone:accessUrl"]).toMatchObject({ value: emu.url, secret: false });
    expect(config[`${PROJECT}:companyName`]).toMatchObject({ value: COMPANY });
    const stored = JSON.parse((await pulumi(["config", "get", "gravityzone:apiKey", "--json"])).stdout);
    expect(stored.value === apiKey(), "the stored key decrypts to the key typed at the prompt").toBe(true);

    // npm installed the packed package (not a link to the repository) and one copy of the SDK, shared
    // by the program and the package (its peer dependency).
    const installed = path.join(dir, "node_modules/pulumi-gravityzone");
    expect(fs.lstatSync(installed).isSymbolicLink()).toBe(false);
    expect(readJson(path.join(installed, "package.json")).version).toBe(repoVersion());
    expect(installedCopies(dir, "@pulumi/pulumi")).toEqual([path.join(dir, "node_modules/@pulumi/pulumi")]);
  }, 300_000);

  it("the generated program compiles with the package's types (tsc --noEmit, strict)", async () => {
    const r = await exec(process.execPath, [path.join(dir, "node_modules/typescript/bin/tsc"), "--noEmit", "-p", "."]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
  }, 120_000);

  it("pulumi preview shows the onboarding, and pulumi up makes it in GravityZone", async () => {
    const preview = JSON.parse((await pulumi(["preview", "--json"])).stdout);
    const creates = (preview.steps ?? [])
      .filter((s: { op: string; urn: string }) => s.op === "create" && s.urn.includes("gravityzone:"))
      .map((s: { urn: string }) =>
        s.urn.split("::").slice(-2).join("::").replace("pulumi-nodejs:dynamic/gravityzone:", ""),
      )
      .sort();
    expect(creates).toEqual(["Company::company", "CustomGroup::servers", "InstallationPackage::agent"]);
    expect(Object.values(st().companies).filter((c: any) => c.name === COMPANY)).toEqual([]);

    await pulumi(["up", "--yes", "--skip-preview"]);
    const outs = JSON.parse((await pulumi(["stack", "output", "--json"])).stdout);
    expect(st().companies[outs.companyId]).toMatchObject({ name: COMPANY, enforce2FA: true });
    const rootGroup = Object.values(st().groups).find(
      (g: any) => g.parentId === outs.companyId && g.name === "Computers and Groups",
    ) as any;
    expect(st().groups[outs.serversGroupId]).toMatchObject({ name: "Servers", parentId: rootGroup.id });
    expect(st().packages[outs.packageId]).toMatchObject({
      name: `${COMPANY} endpoint agent`,
      companyId: outs.companyId,
    });
    expect(outs.installLinks.windows).toMatch(/^https:\/\//);

    const state = (await pulumi(["stack", "export"])).stdout;
    expect(state.includes(apiKey()), "plaintext API key in `pulumi stack export`").toBe(false);
  }, 300_000);

  it("destroy refuses while deletionProtection is on; after the quickstart's steps it removes everything", async () => {
    const outs = JSON.parse((await pulumi(["stack", "output", "--json"])).stdout);
    const refused = await exec("pulumi", ["destroy", "--yes", "--non-interactive"]);
    expect(refused.code).not.toBe(0);
    expect(refused.stdout + refused.stderr).toMatch(/protect/i);
    expect(st().companies[outs.companyId]).toBeDefined();

    await pulumi(["config", "set", "deletionProtection", "false"]);
    await pulumi(["up", "--yes", "--skip-preview"]);
    await pulumi(["destroy", "--yes", "--skip-preview"]);
    expect(st().companies[outs.companyId]).toBeUndefined();
    expect(st().groups[outs.serversGroupId]).toBeUndefined();
    expect(st().packages[outs.packageId]).toBeUndefined();
    expect(await stackResources()).toEqual([]);
  }, 300_000);
});
