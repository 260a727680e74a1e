/**
 * The Pulumi CLI for end-to-end tests: runs scripts/pulumi-cli.sh's gz_ensure_pulumi once per test
 * process (a cache hit takes well under a second; on a machine without the CLI it builds it, which
 * takes minutes, so scripts/test.sh does that before vitest starts) and returns the environment to
 * run `pulumi` with: PATH with the CLI, its Node.js language host and the dynamic provider plugin,
 * plus the offline settings. Callers add PULUMI_HOME / PULUMI_BACKEND_URL / a passphrase per test.
 */
import { execFileSync } from "node:child_process";
import * as path from "node:path";

export const REPO_ROOT = path.resolve(__dirname, "../..");

export interface PulumiCli {
  /** Absolute path of the `pulumi` executable. */
  pulumiPath: string;
  /** Environment for child processes running the CLI (a copy: safe to extend). */
  env: NodeJS.ProcessEnv;
}

let cached: { pulumiPath: string; env: NodeJS.ProcessEnv } | undefined;

/** Finds (or builds) the CLI; throws with the script's message when it cannot. */
export function pulumiCli(): PulumiCli {
  if (process.env.GZ_TEST_TIER === "unit") {
    throw new Error(
      "this test drives the Pulumi CLI: list its file in CLI_TESTS (vitest.config.ts), not in the unit tier",
    );
  }
  if (!cached) {
    const script = [
      "source scripts/lib.sh",
      "gz_ensure_node",
      "source scripts/pulumi-cli.sh",
      "gz_ensure_pulumi",
      'node -e "process.stdout.write(JSON.stringify(process.env))"',
    ].join(" && ");
    const out = execFileSync("bash", ["-c", script], {
      cwd: REPO_ROOT,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
      maxBuffer: 16 * 1024 * 1024,
    });
    const shellEnv = JSON.parse(out) as NodeJS.ProcessEnv;
    const keep = [
      "PATH",
      "PULUMI_SKIP_UPDATE_CHECK",
      "PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION",
      "PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK",
    ];
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const k of keep) env[k] = shellEnv[k];
    const pulumiPath = execFileSync("bash", ["-c", "command -v pulumi"], { env, encoding: "utf8" }).trim();
    cached = { pulumiPath, env };
  }
  return { pulumiPath: cached.pulumiPath, env: { ...cached.env } };
}
