/**
 * The benchmark's harness: a Pulumi program copied into a temp directory with a file backend, an
 * in-process GravityZone emulator (dist/emulator) and the real `pulumi` CLI from PATH (scripts/bench.sh
 * puts it there). The JavaScript twin of test/helpers/pulumi-project.ts, so the benchmark runs on plain
 * Node without the test toolchain.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
/** The built emulator (`npx tsc -p tsconfig.json` first). @type {typeof import("../emulator/index.js")} */
export const emulatorModule = require(path.join(ROOT, "dist/emulator/index.js"));

/** @typedef {{code: number, stdout: string, stderr: string, seconds: number}} RunResult What one CLI run gave. */

/**
 * Copies a program into a new temporary directory beside an empty file backend, with the
 * repository's node_modules linked in.
 * @param {string} source the program's directory
 * @param {string} prefix the temporary directory's name prefix
 * @returns {{root: string, dir: string}} the temporary directory and the program's copy in it
 */
export function scaffoldProgram(source, prefix) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const dir = path.join(root, "program");
  fs.cpSync(source, dir, { recursive: true, filter: (s) => !s.includes("node_modules") });
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"));
  fs.mkdirSync(path.join(root, "backend"));
  return { root, dir };
}

/**
 * The environment for the CLI on a scaffolded program: its own PULUMI_HOME and file backend, no
 * update check, no colour, and no GravityZone settings inherited from the caller's shell.
 * @param {string} root the directory {@link scaffoldProgram} made
 * @param {Record<string, string>} [extra] more variables
 * @returns {NodeJS.ProcessEnv}
 */
export function cliEnv(root, extra = {}) {
  return {
    ...process.env,
    PULUMI_HOME: path.join(root, "home"),
    PULUMI_BACKEND_URL: `file://${path.join(root, "backend")}`,
    PULUMI_CONFIG_PASSPHRASE: "bench-passphrase",
    PULUMI_SKIP_UPDATE_CHECK: "1",
    GRAVITYZONE_API_KEY: "",
    GRAVITYZONE_ACCESS_URL: "",
    NO_COLOR: "1",
    ...extra,
  };
}

/** One program with its own backend, stack and emulator. */
export class Project {
  /**
   * The temporary directory of the program, its backend and PULUMI_HOME (set by {@link Project.create}).
   * @type {string}
   */
  root = "";

  /**
   * @param {string} dir
   * @param {import("../emulator/index.js").RunningEmulator} emu
   * @param {NodeJS.ProcessEnv} env
   */
  constructor(dir, emu, env) {
    this.dir = dir;
    this.emu = emu;
    this.env = env;
  }

  /**
   * @param {{source: string, config?: Record<string,string>, secrets?: Record<string,string>, emulator?: import("../emulator/index.js").EmulatorOptions, scale: number}} options
   *   source: a directory under bench/programs; scale: the emulator's rate-limit factor, also given to
   *   the provider as gravityzone:rateLimitScale.
   */
  static async create(options) {
    const { root, dir } = scaffoldProgram(path.join(ROOT, "bench/programs", options.source), "gz-bench-");
    const emu = await emulatorModule.startEmulator({ rateLimits: options.scale, seed: "default", ...options.emulator });
    const env = cliEnv(root);
    const p = new Project(dir, emu, env);
    p.root = root;
    await p.run(["stack", "init", "bench"], { check: true });
    const config = {
      "gravityzone:accessUrl": emu.url,
      "gravityzone:rateLimitScale": String(options.scale),
      ...options.config,
    };
    const args = ["config", "set-all"];
    for (const [k, v] of Object.entries(config)) args.push("--plaintext", `${k}=${v}`);
    args.push("--secret", `gravityzone:apiKey=${emu.keys[0].key}`);
    for (const [k, v] of Object.entries(options.secrets ?? {})) args.push("--secret", `${k}=${v}`);
    await p.run(args, { check: true });
    return p;
  }

  /**
   * Runs `pulumi <args>`; resolves with {code, stdout, stderr, seconds}.
   * @param {string[]} args
   * @param {{check?: boolean}} [opts] check: reject when the CLI exits non-zero.
   * @returns {Promise<RunResult>}
   */
  run(args, opts = {}) {
    const full = [...args, "--non-interactive"];
    const t0 = performance.now();
    return new Promise((resolve, reject) => {
      const child = spawn("pulumi", full, { cwd: this.dir, env: this.env, stdio: ["ignore", "pipe", "pipe"] });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d) => (stdout += d));
      child.stderr.on("data", (d) => (stderr += d));
      child.on("error", reject);
      child.on("close", (code) => {
        const r = { code: code ?? -1, stdout, stderr, seconds: (performance.now() - t0) / 1000 };
        if (opts.check && r.code !== 0)
          reject(new Error(`pulumi ${args[0]} ${args[1] ?? ""} exited ${r.code}:\n${tail(stdout)}\n${tail(stderr)}`));
        else resolve(r);
      });
    });
  }

  /**
   * Sets plain config values.
   * @param {Record<string, string>} values
   */
  async config(values) {
    const args = ["config", "set-all"];
    for (const [k, v] of Object.entries(values)) args.push("--plaintext", `${k}=${v}`);
    await this.run(args, { check: true });
  }

  async dispose() {
    await this.emu.close();
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}

/**
 * The last lines of CLI output (errors only; the CLI never prints secrets in plain text).
 * @param {string} text
 */
function tail(text, lines = 30) {
  return text.split("\n").slice(-lines).join("\n");
}
