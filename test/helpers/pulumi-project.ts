/**
 * End-to-end harness: a Pulumi program copied into a temp directory, a file backend, an in-process
 * emulator, and the real `pulumi` CLI. Programs import the package by name (`pulumi-gravityzone`),
 * resolved through a node_modules link to the repository, the way a user's project resolves it.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "../../emulator";
import { pulumiCli, REPO_ROOT } from "./pulumi-cli";

/** The result of one CLI run. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Options for {@link PulumiProject.create}. */
export interface ProjectOptions {
  /** Files of the program, or a directory: relative to the repository (e.g. ["Pulumi.yaml", "index.ts"]) or absolute. */
  source: string[] | string;
  /** Stack name. @default "e2e" */
  stack?: string;
  /** Plain config values (`key` → value; keys without a namespace get the project's). */
  config?: Record<string, string>;
  /** Secret config values. */
  secrets?: Record<string, string>;
  /** Emulator options (rate limits off unless given). */
  emulator?: EmulatorOptions;
}

/** A program under test with its own backend and emulator. */
export class PulumiProject {
  private constructor(
    readonly dir: string,
    readonly stack: string,
    readonly emu: RunningEmulator,
    /** The environment `pulumi` runs with (CLI on PATH, this project's PULUMI_HOME, backend and passphrase), for other commands run against this stack. */
    readonly env: NodeJS.ProcessEnv,
  ) {}

  /** The emulator's API key (a local emulator key, never a real one). */
  get apiKey(): string {
    return this.emu.keys[0]!.key;
  }

  /** Copies the program, starts an emulator, logs in to a fresh file backend and configures the stack. */
  static async create(options: ProjectOptions): Promise<PulumiProject> {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "gz-e2e-"));
    const dir = path.join(root, "program");
    fs.mkdirSync(dir);
    if (typeof options.source === "string") {
      fs.cpSync(path.resolve(REPO_ROOT, options.source), dir, {
        recursive: true,
        filter: (src) => !src.includes(`${path.sep}node_modules`),
      });
    } else {
      for (const f of options.source)
        fs.cpSync(path.resolve(REPO_ROOT, f), path.join(dir, path.basename(f)), { recursive: true });
    }
    fs.rmSync(path.join(dir, "node_modules"), { recursive: true, force: true });
    fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(dir, "node_modules"));
    const emu = await startEmulator({ rateLimits: "off", ...options.emulator });
    const cli = pulumiCli();
    const env: NodeJS.ProcessEnv = {
      ...cli.env,
      PULUMI_HOME: path.join(root, "home"),
      PULUMI_BACKEND_URL: `file://${path.join(root, "backend")}`,
      PULUMI_CONFIG_PASSPHRASE: "e2e-passphrase",
      // Keys must come from stack config in these tests, never from the environment.
      GRAVITYZONE_API_KEY: "",
      GRAVITYZONE_ACCESS_URL: "",
      NO_COLOR: "1",
    };
    fs.mkdirSync(path.join(root, "backend"));
    const project = new PulumiProject(dir, options.stack ?? "e2e", emu, env);
    await project.run(["stack", "init", project.stack], { check: true });
    await project.run(["config", "set", "gravityzone:accessUrl", emu.url], { check: true });
    const scale = typeof options.emulator?.rateLimits === "number" ? options.emulator.rateLimits : 1000;
    await project.run(["config", "set", "gravityzone:rateLimitScale", String(scale)], { check: true });
    await project.run(["config", "set", "--secret", "gravityzone:apiKey", project.apiKey], { check: true });
    for (const [k, v] of Object.entries(options.config ?? {}))
      await project.run(["config", "set", k, v], { check: true });
    for (const [k, v] of Object.entries(options.secrets ?? {}))
      await project.run(["config", "set", "--secret", k, v], { check: true });
    return project;
  }

  /** Runs `pulumi <args>` in the program directory (non-interactive, this stack). */
  run(
    args: string[],
    opts: { check?: boolean; timeoutMs?: number; env?: NodeJS.ProcessEnv; onSpawn?: (pid: number) => void } = {},
  ): Promise<CliResult> {
    // Each project has its own PULUMI_HOME, so `stack init` leaves this stack selected.
    const full = [...args, "--non-interactive"];
    return new Promise((resolve, reject) => {
      const child = spawn("pulumi", full, {
        cwd: this.dir,
        env: { ...this.env, ...opts.env },
        stdio: ["ignore", "pipe", "pipe"],
      });
      // The CLI's pid, for a test that interrupts the run.
      if (opts.onSpawn && child.pid !== undefined) opts.onSpawn(child.pid);
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d) => (stdout += d));
      child.stderr.on("data", (d) => (stderr += d));
      const timer = setTimeout(() => child.kill("SIGKILL"), opts.timeoutMs ?? 300_000);
      child.on("error", reject);
      child.on("close", (code) => {
        clearTimeout(timer);
        const result = { code: code ?? -1, stdout, stderr };
        if (opts.check && result.code !== 0)
          reject(new Error(`pulumi ${args.join(" ")} exited ${result.code}\n${stdout}\n${stderr}`));
        else resolve(result);
      });
    });
  }

  /** `pulumi up --yes`, failing the test on error. */
  up(extra: string[] = []): Promise<CliResult> {
    return this.run(["up", "--yes", "--skip-preview", ...extra], { check: true });
  }

  /** `pulumi preview --json` (plus extra flags), parsed: the steps with their ops and changed properties. */
  async previewJson(
    extra: string[] = [],
  ): Promise<{ result: CliResult; steps: PreviewStep[]; changeSummary: Record<string, number> }> {
    const result = await this.run(["preview", "--json", ...extra]);
    let parsed: { steps?: PreviewStep[]; changeSummary?: Record<string, number> };
    try {
      parsed = JSON.parse(result.stdout);
    } catch {
      throw new Error(`preview --json did not print JSON (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
    }
    return { result, steps: parsed.steps ?? [], changeSummary: parsed.changeSummary ?? {} };
  }

  /** The stack outputs. */
  async outputs(): Promise<Record<string, any>> {
    return JSON.parse((await this.run(["stack", "output", "--json"], { check: true })).stdout);
  }

  /** `pulumi stack export` (secrets encrypted). */
  async exportState(): Promise<string> {
    return (await this.run(["stack", "export"], { check: true })).stdout;
  }

  /** A console-style out-of-band edit in the emulator. */
  async console(action: Record<string, unknown>): Promise<void> {
    const res = await fetch(`${this.emu.adminUrl}/console`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(action),
    });
    if (!res.ok) throw new Error(`console ${JSON.stringify(action)} failed: ${res.status} ${await res.text()}`);
  }

  /** Stops the emulator and removes the temp directory. */
  async dispose(): Promise<void> {
    await this.emu.close();
    fs.rmSync(path.dirname(this.dir), { recursive: true, force: true });
  }
}

/** One step of `pulumi preview --json`. */
export interface PreviewStep {
  op: string;
  urn: string;
  oldState?: { inputs?: Record<string, unknown>; outputs?: Record<string, unknown> };
  newState?: { inputs?: Record<string, unknown>; outputs?: Record<string, unknown> };
}

const STRUCTURAL_OPS = new Set(["same", "refresh", "create-replacement", "delete-replaced", "read"]);

/**
 * The steps that change something, as `{op, resource: "<Type>::<name>", props}` where props are the
 * inputs whose new value differs from the (refreshed) old outputs. The dynamic provider host sends
 * no per-property diff to the engine, so the properties are computed from the step's states.
 */
export function changes(steps: PreviewStep[]): { op: string; resource: string; props: string[] }[] {
  return steps
    .filter((s) => !STRUCTURAL_OPS.has(s.op) && !s.urn.includes("pulumi:pulumi:Stack"))
    .map((s) => {
      const olds = s.oldState?.outputs ?? {};
      const news = s.newState?.inputs ?? {};
      const props = Object.keys(news)
        .filter((k) => k !== "__provider" && JSON.stringify(olds[k]) !== JSON.stringify(news[k]))
        .sort();
      return {
        op: s.op,
        resource: s.urn.split("::").slice(-2).join("::").replace("pulumi-nodejs:dynamic/gravityzone:", ""),
        props,
      };
    });
}
