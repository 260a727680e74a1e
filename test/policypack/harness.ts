/**
 * Runs the pack's policies the way the Pulumi engine does, without the CLI: resource props go through
 * @pulumi/policy's unknown-checking proxy, `notApplicable` throws, config comes from `getConfig`, and
 * stack resources carry their (property) dependencies.
 */
import type {
  PolicyResource,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import * as pulumi from "@pulumi/pulumi";
import * as policyProxy from "@pulumi/policy/proxy";

const { unknownCheckingProxy } = policyProxy as unknown as { unknownCheckingProxy<T>(o: T): T };

/** How the engine represents a string that is unknown during preview. */
export const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** A class with the Pulumi type token the pack matches on. */
export interface Typed {
  __pulumiType: string;
}

/** One reported violation. */
export interface Violation {
  message: string;
  urn?: string;
}

/** What running a policy produced. */
export interface Outcome {
  violations: Violation[];
  /** Set when the policy said it does not apply. */
  notApplicable?: string;
  /** Set when the policy could not run because of an unknown value (the engine's advisory note). */
  unknown?: string;
}

class NotApplicable extends Error {
  constructor(readonly reason?: string) {
    super(reason ?? "not applicable");
  }
}

const urnOf = (cls: Typed, name: string) => `urn:pulumi:test::gravityzone::${cls.__pulumiType}::${name}`;

function isTypeFn(type: string) {
  return (resourceClass: unknown) => (resourceClass as Partial<Typed>).__pulumiType === type;
}

function opts() {
  return {
    protect: false,
    ignoreChanges: [],
    aliases: [],
    customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
    additionalSecretOutputs: [],
  };
}

/** Runs each validation like the engine: on its own, an unknown value or "not applicable" ending only that one. */
async function run(calls: ((report: ReportViolation) => unknown)[]): Promise<Outcome> {
  const outcome: Outcome = { violations: [] };
  const report: ReportViolation = (message, urn) =>
    outcome.violations.push(urn === undefined ? { message } : { message, urn });
  for (const call of calls) {
    try {
      await call(report);
    } catch (e) {
      if (e instanceof NotApplicable) outcome.notApplicable = e.reason;
      else if (e instanceof Error && "unknownTypeSentinel" in e) outcome.unknown = e.message;
      else throw e;
    }
  }
  return outcome;
}

/** Validates one resource (its inputs `props`) against a resource policy. */
export function checkResource(
  policy: ResourceValidationPolicy,
  cls: Typed,
  props: Record<string, unknown>,
  config: Record<string, unknown> = {},
  name = "subject",
): Promise<Outcome> {
  const proxied = unknownCheckingProxy(structuredClone(props));
  const args: ResourceValidationArgs = {
    type: cls.__pulumiType,
    props: proxied,
    urn: urnOf(cls, name),
    name,
    opts: opts(),
    stackTags: new Map(),
    isType: isTypeFn(cls.__pulumiType) as ResourceValidationArgs["isType"],
    asType: ((c: unknown) => (isTypeFn(cls.__pulumiType)(c) ? proxied : undefined)) as ResourceValidationArgs["asType"],
    getConfig: <T extends object>() => structuredClone(config) as T,
    notApplicable: (reason?: string): never => {
      throw new NotApplicable(reason);
    },
  };
  const validations =
    policy.validateResource === undefined
      ? []
      : Array.isArray(policy.validateResource)
        ? policy.validateResource
        : [policy.validateResource];
  return run(validations.map((v) => (report: ReportViolation) => v(args, report)));
}

/** A resource of a stack, for {@link checkStack}. */
export interface StackEntry {
  cls: Typed;
  name: string;
  /** The resource's outputs. */
  props: Record<string, unknown>;
  /** Property name → names of the stack resources it was computed from. */
  deps?: Record<string, string[]>;
}

/** Builds a stack entry. */
export const res = (
  cls: Typed,
  name: string,
  props: Record<string, unknown>,
  deps?: Record<string, string[]>,
): StackEntry => ({ cls, name, props, deps });

/** The URN a stack entry gets. */
export const urn = (e: Pick<StackEntry, "cls" | "name">) => urnOf(e.cls, e.name);

/** Validates a whole stack against a stack policy. */
export function checkStack(
  policy: StackValidationPolicy,
  entries: StackEntry[],
  config: Record<string, unknown> = {},
): Promise<Outcome> {
  const byName = new Map<string, PolicyResource>();
  const resources: PolicyResource[] = entries.map((e) => {
    const proxied = unknownCheckingProxy(structuredClone(e.props));
    const r: PolicyResource = {
      type: e.cls.__pulumiType,
      props: proxied,
      urn: urnOf(e.cls, e.name),
      name: e.name,
      opts: opts(),
      dependencies: [],
      propertyDependencies: {},
      isType: isTypeFn(e.cls.__pulumiType) as PolicyResource["isType"],
      asType: ((c: unknown) => (isTypeFn(e.cls.__pulumiType)(c) ? proxied : undefined)) as PolicyResource["asType"],
    };
    if (byName.has(e.name)) throw new Error(`duplicate resource name ${e.name} in test stack`);
    byName.set(e.name, r);
    return r;
  });
  entries.forEach((e, i) => {
    const r = resources[i]!;
    for (const [prop, names] of Object.entries(e.deps ?? {})) {
      r.propertyDependencies[prop] = names.map((n) => {
        const d = byName.get(n);
        if (!d) throw new Error(`unknown dependency ${n} in test stack`);
        return d;
      });
      for (const d of r.propertyDependencies[prop]!) if (!r.dependencies.includes(d)) r.dependencies.push(d);
    }
  });
  const args: StackValidationArgs = {
    resources,
    stackTags: new Map(),
    getConfig: <T extends object>() => structuredClone(config) as T,
    notApplicable: (reason?: string): never => {
      throw new NotApplicable(reason);
    },
  };
  return run([(report) => policy.validateStack(args, report)]);
}

/** Runs `fn` with `pulumi.getStack()` answering `stack`. */
export async function inStack<T>(stack: string, fn: () => Promise<T>): Promise<T> {
  const runtime = pulumi.runtime as unknown as { _setStack(s: string): string };
  const before = pulumi.getStack();
  runtime._setStack(stack);
  try {
    return await fn();
  } finally {
    runtime._setStack(before);
  }
}
