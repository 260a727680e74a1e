/**
 * Runs one fleet operation on one stack through the Pulumi Automation API: a local workspace on the
 * user's project directory, the real `pulumi` CLI underneath, the stack's config from the customers
 * file, and the fleet's budget service in the environment of every process the CLI starts.
 */
import type * as Automation from "@pulumi/pulumi/automation";
import type { EngineEvent, OpMap, Stack } from "@pulumi/pulumi/automation";
import { EventTally, type ResourceChange } from "./drift";
import type { FleetStack } from "./customers";

/** The fleet's operations. */
export const FLEET_OPERATIONS = ["up", "preview", "drift", "refresh", "destroy"] as const;
/** One fleet operation. */
export type FleetOperation = (typeof FLEET_OPERATIONS)[number];

/** How one stack's run ended. */
export type StackResult = "succeeded" | "no changes" | "drifted" | "in sync" | "failed";

/** Counts of resource operations. */
export interface ChangeCounts {
  /** Resources created. */
  create: number;
  /** Resources updated. */
  update: number;
  /** Resources deleted. */
  delete: number;
  /** Resources replaced. */
  replace: number;
  /** Resources unchanged. */
  same: number;
}

/** The outcome of one stack. */
export interface StackOutcome {
  /** The stack name. */
  stack: string;
  /** How it ended. */
  result: StackResult;
  /** Resource operations (done, or planned for preview and drift). */
  changes: ChangeCounts;
  /** The resources that changed or would, with their properties (the drift, for `drift`). */
  resources: ResourceChange[];
  /** Wall time in seconds. */
  seconds: number;
  /** Why it failed (the engine's error lines; never a secret, which the CLI masks). */
  error?: string;
}

/** Live state of a stack's run, for the progress display. */
export interface StackProgress {
  /** Resources whose step finished so far. */
  resourcesDone: number;
}

/** What {@link runStack} needs. */
export interface RunStackOptions {
  /** The operation. */
  operation: FleetOperation;
  /** The project directory (with Pulumi.yaml). */
  workDir: string;
  /** The stack. */
  stack: FleetStack;
  /** Environment for the CLI (and so the program and provider processes). */
  envVars: Record<string, string>;
  /** Called on every engine event (progress). */
  onProgress?: (p: StackProgress) => void;
}

/**
 * The Automation API, loaded on first use: loading it takes seconds, which `import` and `--help`
 * need not pay.
 */
function automation(): typeof Automation {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load (see above)
  return require("@pulumi/pulumi/automation") as typeof Automation;
}

const emptyCounts = (): ChangeCounts => ({ create: 0, update: 0, delete: 0, replace: 0, same: 0 });

function countsOf(map: OpMap | undefined): ChangeCounts {
  const m = (map ?? {}) as Record<string, number | undefined>;
  return {
    create: m.create ?? 0,
    update: m.update ?? 0,
    delete: m.delete ?? 0,
    replace: m.replace ?? 0,
    same: m.same ?? 0,
  };
}

/** Runs the operation on the stack; never throws (a failure is an outcome). */
export async function runStack(options: RunStackOptions): Promise<StackOutcome> {
  const started = Date.now();
  const tally = new EventTally();
  const onEvent = (e: EngineEvent) => {
    tally.onEvent(e);
    options.onProgress?.({ resourcesDone: tally.resourcesDone });
  };
  const name = options.stack.name;
  const seconds = () => Math.round((Date.now() - started) / 100) / 10;
  try {
    const auto = automation();
    const args = { stackName: name, workDir: options.workDir };
    const wsOpts = { envVars: options.envVars };
    // Only up and preview create a missing stack: drift, refresh and destroy of one is an error.
    const stack: Stack =
      options.operation === "up" || options.operation === "preview"
        ? await auto.LocalWorkspace.createOrSelectStack(args, wsOpts)
        : await auto.LocalWorkspace.selectStack(args, wsOpts);
    if (Object.keys(options.stack.config).length > 0) await stack.setAllConfig(options.stack.config);
    let changes: ChangeCounts;
    let result: StackResult;
    switch (options.operation) {
      case "up": {
        const r = await stack.up({ onEvent, color: "never" });
        changes = countsOf(r.summary.resourceChanges);
        result = changed(changes) ? "succeeded" : "no changes";
        break;
      }
      case "preview": {
        const r = await stack.preview({ onEvent, color: "never" });
        changes = countsOf(r.changeSummary);
        result = changed(changes) ? "succeeded" : "no changes";
        break;
      }
      case "drift": {
        const r = await stack.preview({ onEvent, color: "never", refresh: true });
        changes = countsOf(r.changeSummary);
        result = tally.changes().length > 0 || changed(changes) ? "drifted" : "in sync";
        break;
      }
      case "refresh": {
        const r = await stack.refresh({ onEvent, color: "never" });
        changes = countsOf(r.summary.resourceChanges);
        result = changed(changes) ? "succeeded" : "no changes";
        break;
      }
      case "destroy": {
        const r = await stack.destroy({ onEvent, color: "never" });
        changes = countsOf(r.summary.resourceChanges);
        result = changed(changes) ? "succeeded" : "no changes";
        break;
      }
    }
    return { stack: name, result, changes, resources: tally.changes(), seconds: seconds() };
  } catch (e) {
    return {
      stack: name,
      result: "failed",
      changes: emptyCounts(),
      resources: tally.changes(),
      seconds: seconds(),
      error: failureText(e, tally.errors),
    };
  }
}

function changed(c: ChangeCounts): boolean {
  return c.create + c.update + c.delete + c.replace > 0;
}

/** The engine's error lines, else the error's own, cut to a readable length. */
function failureText(e: unknown, engineErrors: readonly string[]): string {
  const lines = engineErrors.length > 0 ? engineErrors : [String((e as Error)?.message ?? e)];
  const text = lines
    .join("\n")
    .split("\n")
    .map((l) => l.trim())
    // Stack frames say nothing to the reader of a fleet report.
    .filter((l) => l !== "" && !/^at /.test(l) && !/^(stdout|stderr|code|err\?):?\s*$/.test(l))
    .join(" | ");
  return text.length > 600 ? `${text.slice(0, 597)}...` : text;
}
