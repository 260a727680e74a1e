/**
 * scripts/pulumi-cli.sh's choice of CLI: the version comes from the script's pin
 * (GZ_PULUMI_CLI_VERSION), not from the installed @pulumi/pulumi package; the cache directory is
 * named after it; a Go older than the pinned CLI's go.mod needs is refused with a clear error
 * before anything is built. Runs the script with a temporary cache, fake CLIs and a fake `go`.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../helpers/pulumi-cli";

const SCRIPT = fs.readFileSync(path.join(REPO_ROOT, "scripts/pulumi-cli.sh"), "utf8");

/** A `NAME=value` assignment at the start of a line of the script. */
function scriptSetting(name: string): string {
  const m = new RegExp(`^${name}=([^\\s#]+)`, "m").exec(SCRIPT);
  if (!m) throw new Error(`scripts/pulumi-cli.sh sets no ${name}`);
  return m[1];
}

const PINNED = scriptSetting("GZ_PULUMI_CLI_VERSION");
const GO_MIN = scriptSetting("GZ_PULUMI_GO_MIN");

let tmp: string;
let cache: string;
let fakeBin: string;

function writeExecutable(file: string, body: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
}

/** A cached CLI at `version` whose `pulumi version` prints `v<version>`. */
function fakeCachedCli(version: string): void {
  const bin = path.join(cache, `pulumi-v${version}`, "bin");
  writeExecutable(path.join(bin, "pulumi"), `echo v${version}`);
  writeExecutable(path.join(bin, "pulumi-language-nodejs"), "exit 0");
}

/** Runs `source lib.sh; source pulumi-cli.sh; gz_ensure_pulumi; <after>` with no CLI on PATH. */
function ensurePulumi(extraEnv: Record<string, string> = {}, after = "command -v pulumi && pulumi version") {
  const r = spawnSync(
    "bash",
    ["-c", `source scripts/lib.sh && source scripts/pulumi-cli.sh && gz_ensure_pulumi && ${after}`],
    {
      cwd: REPO_ROOT,
      encoding: "utf8",
      timeout: 60_000,
      // stdin must not be a socket (node's default pipe): bash would then read ~/.bashrc, whose PATH may hold a real `go`.
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        HOME: os.homedir(),
        // Only node, the fake `go` and the system tools: no pulumi, no real Go (nothing may be built).
        PATH: [fakeBin, path.dirname(process.execPath), "/usr/bin", "/bin"].join(path.delimiter),
        PULUMI_GRAVITYZONE_CACHE: cache,
        PULUMI_GRAVITYZONE_NO_DOWNLOAD: "1",
        ...extraEnv,
      },
    },
  );
  return { status: r.status, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
}

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "gz-pulumi-cli-script-"));
  cache = path.join(tmp, "cache");
  fakeBin = path.join(tmp, "fake-bin");
  fs.mkdirSync(cache);
  // A Go too old to build the pinned CLI: reaching the Go build route ends in the error at once.
  writeExecutable(path.join(fakeBin, "go"), 'if [ "$1 $2" = "env GOVERSION" ]; then echo go1.25.11; else exit 1; fi');
});

afterEach(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("scripts/pulumi-cli.sh", () => {
  it("pins a CLI version and the Go it needs", () => {
    expect(PINNED).toMatch(/^\d+\.\d+\.\d+$/);
    expect(GO_MIN).toMatch(/^1\.\d+\.\d+$/);
  });

  it("uses the cached CLI of the pinned version, whatever @pulumi/pulumi version is installed", () => {
    const sdk = JSON.parse(
      fs.readFileSync(path.join(REPO_ROOT, "node_modules/@pulumi/pulumi/package.json"), "utf8"),
    ).version;
    if (sdk !== PINNED) fakeCachedCli(sdk); // a cache of the SDK's version must not be picked
    fakeCachedCli(PINNED);
    const r = ensurePulumi();
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim().split("\n")).toEqual([path.join(cache, `pulumi-v${PINNED}`, "bin", "pulumi"), `v${PINNED}`]);
    // The dynamic provider plugin is put next to the cached CLI.
    expect(fs.existsSync(path.join(cache, `pulumi-v${PINNED}`, "bin", "pulumi-resource-pulumi-nodejs"))).toBe(true);
  });

  it("PULUMI_GRAVITYZONE_PULUMI_VERSION picks another cached version", () => {
    fakeCachedCli(PINNED);
    fakeCachedCli("3.1.2");
    const r = ensurePulumi({ PULUMI_GRAVITYZONE_PULUMI_VERSION: "v3.1.2" });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim().split("\n")).toEqual([path.join(cache, "pulumi-v3.1.2", "bin", "pulumi"), "v3.1.2"]);
  });

  it("prefers a pulumi already on PATH that has a language host", () => {
    fakeCachedCli(PINNED);
    writeExecutable(path.join(fakeBin, "pulumi"), "echo v3.0.0-on-path");
    writeExecutable(path.join(fakeBin, "pulumi-language-nodejs"), "exit 0");
    const r = ensurePulumi();
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim().split("\n")).toEqual([path.join(fakeBin, "pulumi"), "v3.0.0-on-path"]);
  });

  it("without a CLI and with a Go older than the pinned CLI needs, stops with what to install", () => {
    const r = ensurePulumi();
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      `the Pulumi CLI v${PINNED} with its Node.js language host is not available and cannot be built here`,
    );
    expect(r.stderr).toContain(`Install either Go >= ${GO_MIN}`);
    expect(r.stderr).toContain("or the Pulumi CLI (https://www.pulumi.com/docs/install/)");
    expect(fs.readdirSync(cache)).toEqual([]); // nothing half-built
  });

  it("compares Go versions down to the patch level", () => {
    const cases: [string, string, boolean][] = [
      ["1.26.8", "1.26.6", true],
      ["1.26.6", "1.26.6", true],
      ["1.26.5", "1.26.6", false],
      ["1.26", "1.26.6", false],
      ["1.27rc1", "1.26.6", true],
      ["1.25.11", "1.26.6", false],
      ["2.0", "1.26.6", true],
    ];
    const script = cases.map(([a, b]) => `gz__pulumi_version_ge ${a} ${b} && echo yes || echo no`).join("; ");
    const r = spawnSync("bash", ["-c", `source scripts/pulumi-cli.sh; ${script}`], {
      cwd: REPO_ROOT,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    expect(r.stdout.trim().split("\n")).toEqual(cases.map(([, , want]) => (want ? "yes" : "no")));
  });
});
