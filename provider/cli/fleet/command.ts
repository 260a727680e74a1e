/**
 * `pulumi-gravityzone fleet <up|preview|drift|refresh|destroy>`: one Pulumi program, one stack per
 * customer, many stacks at once through the Automation API, one shared rate-limit budget, one report.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { startBudgetService, type RunningBudgetService } from "../../client/budget-service";
import { CustomersFileError, loadCustomers, selectStacks, shardStacks } from "./customers";
import { FleetProgress } from "./progress";
import { exitCodeOf, formatTable, type FleetReport, type StackReport } from "./report";
import { FLEET_OPERATIONS, runStack, type FleetOperation, type StackOutcome } from "./runner";

/** The fleet command's help. */
export const FLEET_HELP = `Usage: pulumi-gravityzone fleet <up|preview|drift|refresh|destroy> [options]

Runs one Pulumi program (the project directory) on one stack per customer, several stacks at once,
through the Pulumi Automation API and the pulumi CLI. Every stack's provider takes its API calls from
one rate-limit budget per GravityZone key, so K stacks at once never send more than the key allows.

Operations:
  up        create or update every stack (creates missing stacks); no confirmation prompt
  preview   show what up would change
  drift     preview with refresh: which customers' resources and properties differ from GravityZone
            (exit code 1 when any did)
  refresh   update every stack's state from GravityZone
  destroy   delete every stack's resources (needs --yes)

Options:
  --customers <file>      stack name → config values (default: customers.json in the project)
  --dir <path>            the Pulumi project directory (default: the current directory)
  --stacks <list>         only these stacks: names or globs (* and ?), comma-separated
  --shard <i>/<N>         only every N-th stack from the i-th on (job i of N in a CI matrix; give
                          each job gravityzone:rateLimitShare 1/N, e.g. GRAVITYZONE_RATE_LIMIT_SHARE)
  --concurrency <K>       stacks run at once (default: 4)
  --json <file>           write the report as JSON too ("-" for standard output)
  --no-shared-budget      let every stack keep its own budget (only for comparisons: K stacks then
                          send up to K times the key's budget)
  --quiet                 no live progress
  --yes                   confirm destroy
  -h, --help              this help

customers.json:
  { "config": { "gravityzone:apiKey": { "secretFromEnv": "GRAVITYZONE_API_KEY" } },
    "stacks": { "contoso": { "customer:name": "Contoso Ltd" }, "fabrikam": { … } } }
  A value is a string, number, boolean, { "value": <JSON> }, { "secret": "…" } or
  { "secretFromEnv": "NAME" }; "config" applies to every stack.

Exit codes: 0 nothing to do or all applied, 1 drift found (drift), 2 a stack failed (the others
still run to the end) or a usage error.
`;

/** A mistake on the command line. */
export class FleetUsageError extends Error {}

/** Options of {@link runFleet}. */
export interface FleetOptions {
  /** The operation. */
  operation: FleetOperation;
  /** The project directory. */
  workDir: string;
  /** The customers file. */
  customersFile: string;
  /** Stack selection ({@link selectStacks}). */
  stacks?: string;
  /** This job's part, `i/N` ({@link shardStacks}). */
  shard?: string;
  /** Stacks at once. */
  concurrency: number;
  /** Share one budget through a budget service. @default true */
  sharedBudget?: boolean;
  /** Where progress goes. @default process.stderr */
  progressOut?: NodeJS.WriteStream;
  /** No live progress. */
  quiet?: boolean;
  /** Environment for the stacks. @default process.env */
  env?: NodeJS.ProcessEnv;
}

/** Runs the fleet; returns the report (never throws for a stack's failure). */
export async function runFleet(options: FleetOptions): Promise<FleetReport> {
  const env = options.env ?? process.env;
  const stacks = shardStacks(selectStacks(loadCustomers(options.customersFile, env), options.stacks), options.shard);
  const concurrency = Math.max(1, Math.min(options.concurrency, stacks.length));
  const shared = options.sharedBudget !== false;
  const startedAt = new Date();
  let service: RunningBudgetService | undefined;
  if (shared) service = await startBudgetService();
  const progress = options.quiet
    ? undefined
    : new FleetProgress(
        stacks.map((s) => s.name),
        options.progressOut ?? process.stderr,
      );
  const outcomes: StackOutcome[] = new Array<StackOutcome>(stacks.length);
  try {
    let next = 0;
    const worker = async () => {
      while (next < stacks.length) {
        const i = next++;
        const stack = stacks[i]!;
        const envVars: Record<string, string> = {
          PULUMI_SKIP_UPDATE_CHECK: "true",
          ...(service
            ? {
                GRAVITYZONE_BUDGET_URL: service.url,
                GRAVITYZONE_BUDGET_TOKEN: service.token,
                GRAVITYZONE_BUDGET_CLIENT: stack.name,
                GRAVITYZONE_BUDGET_FALLBACK_SHARE: String(1 / concurrency),
              }
            : {}),
        };
        progress?.start(stack.name);
        const outcome = await runStack({
          operation: options.operation,
          workDir: options.workDir,
          stack,
          envVars,
          onProgress: (p) => progress?.progress(stack.name, p.resourcesDone),
        });
        outcomes[i] = outcome;
        progress?.finish(outcome);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    progress?.stop();
  }
  const stats = service?.stats() ?? {};
  await service?.close();
  const reports: StackReport[] = outcomes.map((o) => ({
    ...o,
    apiCalls: shared ? (stats[o.stack]?.granted ?? 0) : null,
    rateLimited: shared ? (stats[o.stack]?.rateLimited ?? 0) : null,
  }));
  const sum = (f: (s: StackReport) => number | null) => (shared ? reports.reduce((a, s) => a + (f(s) ?? 0), 0) : null);
  return {
    operation: options.operation,
    startedAt: startedAt.toISOString(),
    seconds: Math.round((Date.now() - startedAt.getTime()) / 100) / 10,
    concurrency,
    sharedBudget: shared,
    exitCode: exitCodeOf(options.operation, outcomes),
    summary: {
      stacks: reports.length,
      failed: reports.filter((s) => s.result === "failed").length,
      drifted: reports.filter((s) => s.result === "drifted").length,
      apiCalls: sum((s) => s.apiCalls),
      rateLimited: sum((s) => s.rateLimited),
    },
    stacks: reports,
  };
}

/** Runs `fleet <args>` from the command line; returns the exit code. */
export async function fleetMain(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args,
      strict: true,
      allowPositionals: true,
      options: {
        customers: { type: "string" },
        dir: { type: "string" },
        stacks: { type: "string" },
        shard: { type: "string" },
        concurrency: { type: "string" },
        json: { type: "string" },
        "no-shared-budget": { type: "boolean" },
        quiet: { type: "boolean" },
        yes: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
    if (values.help) {
      process.stdout.write(FLEET_HELP);
      return 0;
    }
    const [op, ...extra] = positionals;
    if (op === undefined) throw new FleetUsageError("which operation? up, preview, drift, refresh or destroy");
    if (!(FLEET_OPERATIONS as readonly string[]).includes(op))
      throw new FleetUsageError(`unknown operation "${op}"; allowed: ${FLEET_OPERATIONS.join(", ")}`);
    if (extra.length > 0) throw new FleetUsageError(`unexpected argument "${extra[0]}"`);
    if (op === "destroy" && !values.yes)
      throw new FleetUsageError("destroy deletes every selected customer's resources: add --yes to confirm");
    const concurrency = Number(values.concurrency ?? "4");
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 256)
      throw new FleetUsageError("--concurrency: must be a whole number from 1 to 256");
    const workDir = path.resolve(values.dir ?? ".");
    if (!fs.existsSync(path.join(workDir, "Pulumi.yaml")) && !fs.existsSync(path.join(workDir, "Pulumi.yml")))
      throw new FleetUsageError(`${workDir} is not a Pulumi project (no Pulumi.yaml): give it with --dir`);
    const report = await runFleet({
      operation: op as FleetOperation,
      workDir,
      customersFile: path.resolve(workDir, values.customers ?? "customers.json"),
      stacks: values.stacks,
      shard: values.shard,
      concurrency,
      sharedBudget: !values["no-shared-budget"],
      quiet: values.quiet ?? false,
      env,
    });
    const json = `${JSON.stringify(report, null, 2)}\n`;
    if (values.json === "-") process.stdout.write(json);
    else {
      if (values.json !== undefined) fs.writeFileSync(path.resolve(values.json), json);
      process.stdout.write(formatTable(report));
    }
    return report.exitCode;
  } catch (e) {
    if (
      e instanceof FleetUsageError ||
      e instanceof CustomersFileError ||
      (e as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")
    ) {
      process.stderr.write(
        `pulumi-gravityzone fleet: ${(e as Error).message}\nRun \`pulumi-gravityzone fleet --help\` for the options.\n`,
      );
      return 2;
    }
    process.stderr.write(`pulumi-gravityzone fleet: ${(e as Error).stack ?? String(e)}\n`);
    return 2;
  }
}
