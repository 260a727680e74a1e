/**
 * The package as a user installs it: packed once with `npm pack`, then installed into a fresh directory
 * outside the repository next to `@pulumi/pulumi` — once with the newest SDK in the package's peer
 * range (from the npm registry) and once with the oldest (the range's lower bound). Each install holds
 * two projects sharing its node_modules: a TypeScript program (`module: nodenext`, CommonJS package)
 * and an ES-module JavaScript program (`"type": "module"`). Each runs `pulumi up`, `pulumi preview
 * --expect-no-changes`, a console edit seen by `pulumi preview --refresh`, and `pulumi destroy`, against
 * an emulator started from the installed package's own `node_modules/.bin/gravityzone-emulator`.
 * The install has exactly one copy of `@pulumi/pulumi`, and no CLI run prints a warning.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CliStack,
  compareVersions,
  execOk,
  installedCopies,
  npmView,
  packPackage,
  startEmulatorProcess,
  toolEnv,
  type EmulatorProcess,
} from "../helpers/installed-package";
import { REPO_ROOT } from "../helpers/pulumi-cli";
import { changes, type CliResult, type PreviewStep } from "../helpers/pulumi-project";

const SDK = "@pulumi/pulumi";
const OWN = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as {
  peerDependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const PEER_RANGE = OWN.peerDependencies[SDK]!;
/** The lower bound of the peer range, which must have the form `>=X.Y.Z <4`. */
const OLDEST = /^>=(\d+\.\d+\.\d+) <4$/.exec(PEER_RANGE)?.[1];
const PROGRAMS = path.join(__dirname, "fixtures/user-project");
const PASSPHRASE = "user-project-test-passphrase";

let root: string;
let tarball: string;

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "gz-user-project-"));
  tarball = await packPackage(root);
}, 120_000);

afterAll(() => {
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

/** Fails on any warning line in a CLI run's output (the SDK's, the engine's or Node's). */
function expectNoWarnings(r: CliResult): void {
  const lines = `${r.stdout}\n${r.stderr}`.split("\n").filter((l) => /warn(ing)?\b/i.test(l));
  expect(lines, `${r.stdout}\n${r.stderr}`).toEqual([]);
}

/** The exact SDK version for `which`: the newest the registry has in the peer range, or the lower bound. */
async function sdkVersion(which: "newest" | "oldest"): Promise<string> {
  if (which === "oldest") return OLDEST!;
  const found = await npmView(`${SDK}@${PEER_RANGE}`, "version");
  const versions = (Array.isArray(found) ? found : [found]) as string[];
  return versions.sort(compareVersions).at(-1)!;
}

it("the peer range of @pulumi/pulumi is `>=X.Y.Z <4`, and the devDependency the tests use is inside it", () => {
  expect(OLDEST, PEER_RANGE).toBeDefined();
  expect(OWN.devDependencies[SDK]).toMatch(/^3\.\d+\.\d+$/);
  expect(compareVersions(OWN.devDependencies[SDK]!, OLDEST!)).toBeGreaterThanOrEqual(0);
});

describe.each(["newest", "oldest"] as const)("a user project with the %s @pulumi/pulumi of the peer range", (which) => {
  let dir: string;
  let version: string;
  let emu: EmulatorProcess;

  beforeAll(async () => {
    version = await sdkVersion(which);
    dir = path.join(root, `${which}-${version}`);
    fs.mkdirSync(dir);
    // typescript: the newest the SDK accepts (its optional peer), as a user's `npm install -D typescript` would pick.
    const peers = (await npmView(`${SDK}@${version}`, "peerDependencies")) as Record<string, string>;
    const pkg = {
      name: "gravityzone-user",
      private: true,
      dependencies: { [SDK]: version, "pulumi-gravityzone": `file:${tarball}` },
      devDependencies: {
        typescript: peers.typescript ?? OWN.devDependencies.typescript,
        "@types/node": OWN.devDependencies["@types/node"],
      },
    };
    fs.writeFileSync(path.join(dir, "package.json"), `${JSON.stringify(pkg, null, 2)}\n`);
    await execOk("npm", ["install", "--prefer-offline"], { cwd: dir, env: toolEnv(), timeoutMs: 600_000 });
    emu = await startEmulatorProcess(
      path.join(dir, "node_modules/.bin/gravityzone-emulator"),
      ["--rate-limits", "off"],
      toolEnv(),
    );
  }, 660_000);

  afterAll(async () => {
    await emu?.stop();
  });

  it("installs exactly one @pulumi/pulumi, the version asked for, with every peer satisfied", async () => {
    const copies = installedCopies(dir, SDK);
    expect(copies).toEqual([path.join(dir, "node_modules", SDK)]);
    expect(JSON.parse(fs.readFileSync(path.join(copies[0]!, "package.json"), "utf8")).version).toBe(version);
    // npm ls exits non-zero on a missing or invalid peer; every node it lists has the one version.
    const ls = await execOk("npm", ["ls", SDK, "--all", "--json"], { cwd: dir, env: toolEnv() });
    const versions = new Set<string>();
    const walk = (deps: Record<string, { version?: string; dependencies?: Record<string, unknown> }> | undefined) => {
      for (const [name, node] of Object.entries(deps ?? {})) {
        if (name === SDK && node.version) versions.add(node.version);
        walk(node.dependencies as never);
      }
    };
    walk(JSON.parse(ls.stdout).dependencies);
    expect([...versions]).toEqual([version]);
    expect(fs.realpathSync(path.join(dir, "node_modules/pulumi-gravityzone")).startsWith(REPO_ROOT)).toBe(false);
  });

  describe.each([
    { kind: "TypeScript", folder: "ts" },
    { kind: "ES-module JavaScript", folder: "esm" },
  ])("the $kind program", ({ folder }) => {
    let stack: CliStack;
    let outs: Record<string, any>;
    const prefix = `${folder.toUpperCase()} ${which}`;
    const state = async () =>
      (await emu.state()) as {
        companies: Record<string, any>;
        groups: Record<string, any>;
        packages: Record<string, any>;
      };

    beforeAll(async () => {
      const project = path.join(dir, folder);
      fs.cpSync(path.join(PROGRAMS, folder), project, { recursive: true });
      stack = await CliStack.init({
        dir: project,
        stateDir: path.join(dir, ".pulumi"),
        passphrase: PASSPHRASE,
        stack: "dev",
        config: { "gravityzone:accessUrl": emu.url, "gravityzone:rateLimitScale": "1000", prefix },
        secrets: { "gravityzone:apiKey": emu.apiKey },
      });
    }, 120_000);

    if (folder === "ts") {
      it("type-checks against the installed package's types (tsc --noEmit, strict, nodenext)", async () => {
        await execOk(process.execPath, [path.join(dir, "node_modules/typescript/bin/tsc"), "--noEmit", "-p", "."], {
          cwd: stack.dir,
          env: toolEnv(),
        });
      }, 120_000);
    }

    it("pulumi up creates the company, its group and package, and the data source reads the company", async () => {
      expectNoWarnings(await stack.run(["up", "--yes", "--skip-preview"], { check: true }));
      outs = await stack.outputs();
      const st = await state();
      expect(st.companies[outs.companyId]).toMatchObject({ name: `${prefix} Dental`, type: 1 });
      expect(st.groups[outs.groupId]).toMatchObject({ name: "Servers", companyId: outs.companyId });
      expect(st.packages[outs.packageId]).toMatchObject({ name: `${prefix} agent`, companyId: outs.companyId });
      expect(outs.companyName).toBe(`${prefix} Dental`);
      expect(outs.windowsInstaller).toMatch(/^https:\/\//);
    }, 300_000);

    it("pulumi preview --expect-no-changes passes right after", async () => {
      expectNoWarnings(await stack.run(["preview", "--expect-no-changes"], { check: true }));
    }, 180_000);

    it("a rename in the console shows as drift of the company's name in pulumi preview --refresh", async () => {
      await emu.console({
        action: "renameCompany",
        companyId: outs.companyId,
        name: `${prefix} Dental (renamed by hand)`,
      });
      const r = await stack.run(["preview", "--refresh", "--json"], { check: true });
      expectNoWarnings({ ...r, stdout: "" });
      const preview = JSON.parse(r.stdout) as {
        steps?: PreviewStep[];
        diagnostics?: { severity: string; message: string }[];
      };
      expect((preview.diagnostics ?? []).filter((d) => d.severity.startsWith("warn"))).toEqual([]);
      expect(changes(preview.steps ?? [])).toEqual([{ op: "update", resource: "Company::company", props: ["name"] }]);
    }, 180_000);

    it("pulumi destroy removes everything once deletionProtection is off", async () => {
      await stack.run(["config", "set", "deletionProtection", "false"], { check: true });
      expectNoWarnings(await stack.run(["up", "--yes", "--skip-preview"], { check: true }));
      expectNoWarnings(await stack.run(["destroy", "--yes", "--skip-preview"], { check: true }));
      const st = await state();
      expect(st.companies[outs.companyId]).toBeUndefined();
      expect(st.groups[outs.groupId]).toBeUndefined();
      expect(st.packages[outs.packageId]).toBeUndefined();
    }, 300_000);
  });
});
