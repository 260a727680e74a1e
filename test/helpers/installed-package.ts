/**
 * The package the way a user gets it: packed with `npm pack`, installed with npm into a project outside
 * the repository, its emulator started from the project's `node_modules/.bin`, and the real `pulumi`
 * CLI run against a stack of that project (file backend, fixed passphrase, offline settings).
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { pulumiCli, REPO_ROOT } from "./pulumi-cli";
import type { CliResult } from "./pulumi-project";

/** Runs a command without blocking the event loop; never rejects on a non-zero exit. */
export function exec(
  cmd: string,
  args: string[],
  opts: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), opts.timeoutMs ?? 300_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}

/** `exec`, failing with the command's output on a non-zero exit. */
export async function execOk(
  cmd: string,
  args: string[],
  opts: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<CliResult> {
  const r = await exec(cmd, args, opts);
  if (r.code !== 0) throw new Error(`${cmd} ${args.join(" ")} exited ${r.code}\n${r.stdout}\n${r.stderr}`);
  return r;
}

/** The environment for npm and the CLI: the PATH of scripts/pulumi-cli.sh (Node 22+, the CLI), no notices. */
export function toolEnv(): NodeJS.ProcessEnv {
  return {
    ...pulumiCli().env,
    npm_config_audit: "false",
    npm_config_fund: "false",
    npm_config_update_notifier: "false",
    npm_config_loglevel: "error",
  };
}

/**
 * Packs the repository as npm would publish it ("files" of package.json) into `dest` and returns the
 * tarball's path. `--ignore-scripts`: prepack would rebuild dist/ in the repository while other test
 * files load it; scripts/test.sh builds dist/ before any test runs.
 */
export async function packPackage(dest: string): Promise<string> {
  const r = await execOk("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", dest], {
    cwd: REPO_ROOT,
    env: toolEnv(),
  });
  return path.join(dest, (JSON.parse(r.stdout) as { filename: string }[])[0]!.filename);
}

/** `npm view <spec> <field> --json`, parsed (an array when several versions match). */
export async function npmView(spec: string, field: string): Promise<unknown> {
  const r = await execOk("npm", ["view", spec, field, "--json"], {
    cwd: REPO_ROOT,
    env: toolEnv(),
    timeoutMs: 120_000,
  });
  return JSON.parse(r.stdout);
}

/** Compares two X.Y.Z versions numerically. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

/** The directories of every installed copy of `name` under `dir`/node_modules, nested copies included. */
export function installedCopies(dir: string, name: string): string[] {
  const found: string[] = [];
  const walk = (modules: string) => {
    if (!fs.existsSync(modules)) return;
    for (const entry of fs.readdirSync(modules, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const names = entry.name.startsWith("@")
        ? fs.readdirSync(path.join(modules, entry.name)).map((n) => `${entry.name}/${n}`)
        : [entry.name];
      for (const n of names) {
        const pkg = path.join(modules, n);
        if (n === name && fs.existsSync(path.join(pkg, "package.json"))) found.push(pkg);
        walk(path.join(pkg, "node_modules"));
      }
    }
  };
  walk(path.join(dir, "node_modules"));
  return found;
}

/** An emulator running as its own process, started from a `gravityzone-emulator` executable. */
export interface EmulatorProcess {
  /** The API URL from the banner (`http://127.0.0.1:<port>/api`). */
  readonly url: string;
  /** The admin route from the banner. */
  readonly adminUrl: string;
  /** The first API key from the banner (a local emulator key). */
  readonly apiKey: string;
  /** A console-style out-of-band edit through the admin route. */
  console(action: Record<string, unknown>): Promise<void>;
  /** The whole emulator state, from the admin route. */
  state(): Promise<any>;
  /** SIGTERM (the emulator saves its state and exits); resolves when it has exited. */
  stop(): Promise<void>;
}

/**
 * Starts `bin` (e.g. a project's `node_modules/.bin/gravityzone-emulator`) with `args` and waits for its
 * banner: `GravityZone emulator listening on <url>`, `API key: <key> …`, `Admin route: <url> …`.
 */
export function startEmulatorProcess(bin: string, args: string[], env: NodeJS.ProcessEnv): Promise<EmulatorProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    const exited = new Promise<void>((done) => child.once("exit", () => done()));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`gravityzone-emulator printed no banner within 30 s\n${out}\n${err}`));
    }, 30_000);
    child.stderr.on("data", (d) => (err += d));
    child.once("error", reject);
    child.once("exit", (code) =>
      reject(new Error(`gravityzone-emulator exited ${code} before its banner\n${out}\n${err}`)),
    );
    child.stdout.on("data", (d) => {
      out += d;
      const url = /^GravityZone emulator listening on (\S+)$/m.exec(out)?.[1];
      const apiKey = /^API key: (\S+)/m.exec(out)?.[1];
      const adminUrl = /^Admin route: (\S+)/m.exec(out)?.[1];
      if (!url || !apiKey || !adminUrl) return;
      clearTimeout(timer);
      const admin = async (route: string, method: string, body?: unknown) => {
        const init: RequestInit = { method, headers: { "content-type": "application/json" } };
        if (body !== undefined) init.body = JSON.stringify(body);
        const res = await fetch(`${adminUrl}${route}`, init);
        if (!res.ok) throw new Error(`${method} ${route} failed: ${res.status} ${await res.text()}`);
        return res.json();
      };
      resolve({
        url,
        adminUrl,
        apiKey,
        console: async (action) => void (await admin("/console", "POST", action)),
        state: () => admin("/state", "GET"),
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
          await exited;
        },
      });
    });
  });
}

/** Options of {@link CliStack.init}. */
export interface CliStackOptions {
  /** The project directory (holding Pulumi.yaml). */
  dir: string;
  /** A directory for the file backend and PULUMI_HOME (shared by the projects of one install). */
  stateDir: string;
  /** The stack's passphrase (a fixed test value). */
  passphrase: string;
  /** The stack name. */
  stack: string;
  /** Plain config values. */
  config?: Record<string, string>;
  /** Secret config values. */
  secrets?: Record<string, string>;
}

/** A stack of a project, driven through the real `pulumi` CLI. */
export class CliStack {
  private constructor(
    /** The project directory. */
    readonly dir: string,
    /** The stack name. */
    readonly stack: string,
    /** The environment `pulumi` runs with (backend, PULUMI_HOME, passphrase, offline settings). */
    readonly env: NodeJS.ProcessEnv,
  ) {}

  /** Logs in to a file backend under `stateDir`, creates the stack and sets its config. */
  static async init(o: CliStackOptions): Promise<CliStack> {
    fs.mkdirSync(path.join(o.stateDir, "backend"), { recursive: true });
    const env: NodeJS.ProcessEnv = {
      ...toolEnv(),
      PULUMI_HOME: path.join(o.stateDir, "home"),
      PULUMI_BACKEND_URL: `file://${path.join(o.stateDir, "backend")}`,
      PULUMI_CONFIG_PASSPHRASE: o.passphrase,
      // Settings come from stack config only, never from the environment.
      GRAVITYZONE_API_KEY: "",
      GRAVITYZONE_ACCESS_URL: "",
      NO_COLOR: "1",
    };
    await execOk("pulumi", ["stack", "init", o.stack, "--non-interactive"], { cwd: o.dir, env });
    const s = new CliStack(o.dir, o.stack, env);
    for (const [k, v] of Object.entries(o.config ?? {})) await s.run(["config", "set", k, v], { check: true });
    for (const [k, v] of Object.entries(o.secrets ?? {}))
      await s.run(["config", "set", "--secret", k, v], { check: true });
    return s;
  }

  /** Runs `pulumi <args> --stack <stack> --non-interactive` in the project directory. */
  run(args: string[], opts: { check?: boolean; timeoutMs?: number } = {}): Promise<CliResult> {
    const full = [...args, "--stack", this.stack, "--non-interactive"];
    return (opts.check ? execOk : exec)("pulumi", full, { cwd: this.dir, env: this.env, timeoutMs: opts.timeoutMs });
  }

  /** The stack outputs. */
  async outputs(): Promise<Record<string, any>> {
    return JSON.parse((await this.run(["stack", "output", "--json"], { check: true })).stdout);
  }
}
