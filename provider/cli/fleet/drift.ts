/**
 * What a stack's run changed or would change, from the engine's events: per resource the operation
 * and the properties whose declared value differs from what GravityZone holds now.
 *
 * The dynamic provider host sends no per-property diff to the engine, so the properties are worked
 * out from each step's states: the inputs the program declares against the (refreshed) outputs. For
 * `fleet drift` (a preview with refresh) that is exactly the drift: what someone changed in the
 * console, and what `fleet up` would put back.
 */
import type { EngineEvent, StepEventMetadata } from "@pulumi/pulumi/automation";

/** One resource that changed (or would). */
export interface ResourceChange {
  /** `<Type>::<name>`, e.g. `Company::contoso-company`. */
  resource: string;
  /** The engine's operation: update, create, delete, replace, … */
  op: string;
  /** The properties whose declared value differs (empty for creates and deletes). */
  properties: string[];
}

/** Operations that change nothing by themselves. */
const STRUCTURAL_OPS = new Set([
  "same",
  "refresh",
  "read",
  "create-replacement",
  "delete-replaced",
  "read-replacement",
  "discard",
  "discard-replaced",
  "remove-pending-replace",
]);

/** Properties that are machinery, never drift. */
const HIDDEN_PROPS = new Set(["__provider", "__pulumiType"]);

/** `Type::name` of a URN, without the dynamic-provider prefix. */
export function resourceLabel(urn: string): string {
  return urn
    .split("::")
    .slice(-2)
    .join("::")
    .replace(/^pulumi-nodejs:dynamic\/gravityzone:/, "")
    .replace(/^.*\$/, "");
}

/** The change a step makes, or undefined when it changes nothing. */
export function changeOf(step: StepEventMetadata): ResourceChange | undefined {
  if (STRUCTURAL_OPS.has(step.op) || step.type === "pulumi:pulumi:Stack") return undefined;
  const olds = (step.old?.outputs ?? {}) as Record<string, unknown>;
  const news = (step.new?.inputs ?? {}) as Record<string, unknown>;
  const properties =
    step.op === "create" || step.op === "delete"
      ? []
      : Object.keys(news)
          .filter((k) => !HIDDEN_PROPS.has(k) && JSON.stringify(olds[k]) !== JSON.stringify(news[k]))
          .sort();
  return { resource: resourceLabel(step.urn), op: step.op, properties };
}

/** Gathers a run's events: changes, resources done, and the error diagnostics. */
export class EventTally {
  /** Changed resources, by URN (the last step of a resource wins). */
  private readonly byUrn = new Map<string, ResourceChange>();
  /** Resources whose step finished. */
  resourcesDone = 0;
  /** Error messages the engine reported. */
  readonly errors: string[] = [];

  /** Takes one engine event. */
  readonly onEvent = (e: EngineEvent): void => {
    const pre = e.resourcePreEvent?.metadata;
    if (pre) {
      const c = changeOf(pre);
      if (c) this.byUrn.set(pre.urn, c);
    }
    if (e.resOutputsEvent) this.resourcesDone++;
    const d = e.diagnosticEvent;
    if (d && d.severity === "error" && !d.ephemeral) this.errors.push(d.message.trim());
  };

  /** The changes, sorted by resource. */
  changes(): ResourceChange[] {
    return [...this.byUrn.values()].sort((a, b) => a.resource.localeCompare(b.resource));
  }
}
