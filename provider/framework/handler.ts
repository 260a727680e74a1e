/**
 * The behaviour every resource shares, built once from a small per-resource definition:
 *
 * - `check` validates inputs with the resource's zod schema before any API call and names the field;
 *   values unknown during preview pass through.
 * - `diff` names each changed input, replaces exactly on the fields the API cannot update, and
 *   reports `changes: false` for a no-op.
 * - `update` calls the API only when an API-backed field changed.
 * - `read` returns what the API says now (drift), an empty id when the object is gone, and the
 *   refreshed inputs.
 * - `delete` treats "already gone" as success.
 *
 * Each create, read, update and delete runs as one operation ({@link inOperation}): its API calls are
 * served before those of operations that started later.
 */
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { inOperation, mayMeanNotFound, type OperationOptions } from "../client";

import { UNKNOWN, containsUnknown } from "./unknown";

/** What a resource file defines; {@link defineHandler} turns it into a dynamic provider handler. */
export interface ResourceDefinition<I extends Record<string, unknown>, O extends I> {
  /** The resource class name, e.g. `CustomGroup`. */
  readonly type: string;
  /** Validates inputs and fills defaults. A strict object schema: unknown fields are rejected. */
  readonly schema: z.ZodType<I>;
  /** Input fields the API cannot change in place: a change replaces the object. */
  readonly replaceOn: readonly (keyof I & string)[];
  /**
   * Input fields GravityZone cannot change on an existing object, where a replacement would delete a
   * customer's data: a change is refused in preview with the text given here (what to do instead).
   */
  readonly fixed?: Readonly<Partial<Record<keyof I & string, string>>>;
  /**
   * A change GravityZone cannot make in place that depends on the values (e.g. a licence going back to
   * trial): the reason and what to do, or undefined. Refused in preview like {@link fixed} fields.
   */
  refuse?(olds: O, news: I): string | undefined;
  /** Input fields that only steer this provider (e.g. `adopt`): changing them makes no API call. */
  readonly local?: readonly (keyof I & string)[];
  /** Delete the old object before creating the replacement (names unique in the API). */
  readonly deleteBeforeReplace?: boolean;
  /**
   * Creates, updates and deletes take a per-minute budget's slot: they are served ahead of other
   * operations ({@link OperationOptions.scarce}). @default false
   */
  readonly scarceWrites?: boolean;
  /** Creates (or adopts) the object; returns its id and outputs. */
  create(inputs: I): Promise<{ id: string; outs: O }>;
  /** Reads the object; `undefined` when it no longer exists. Local fields are carried over for you. */
  read(id: string, olds: O): Promise<O | undefined>;
  /** Applies the changed API-backed fields in place; returns the new outputs. */
  update(id: string, olds: O, news: I, changed: readonly (keyof I & string)[]): Promise<O>;
  /**
   * Deletes the object. An error that may mean "not found" is success only when
   * {@link ResourceDefinition.confirmAbsent} confirms the object is gone.
   */
  delete(id: string, olds: O): Promise<void>;
  /**
   * Looks the object up in its parent's listing after a read or delete failed with an error that may
   * mean "not found" (kind `not-found` or `invalid-params`): true when the listing shows it is gone.
   * GravityZone's reference documents no error text for a missing object, so such an error alone never
   * makes the provider report an object gone; without this, the error is reported as it is.
   */
  confirmAbsent?(id: string, olds: O): Promise<boolean>;
}

/** The object the serialized shim forwards to. */
export type ResourceHandler = Required<Omit<pulumi.dynamic.ResourceProvider, "configure">>;

/** The key under which Pulumi keeps the serialized provider in every resource's inputs and outputs. */
export const PROVIDER_KEY = "__provider";

/**
 * What a resource does when an input changes, as its definition declares it: read-only, for the
 * reference documentation and the test that keeps it in step with the code.
 */
export interface HandlerRules {
  /** The resource class name, e.g. `CustomGroup`. */
  readonly type: string;
  /** Every input field, in schema order. */
  readonly fields: readonly string[];
  /** Fields whose change replaces the object. */
  readonly replaceOn: readonly string[];
  /** Fields whose change is refused in preview, whatever the values. */
  readonly fixed: readonly string[];
  /** Fields that only steer the provider: a change makes no API call. */
  readonly local: readonly string[];
  /** True when some changes are refused depending on the values ({@link ResourceDefinition.refuse}). */
  readonly refusesByValue: boolean;
}

/**
 * The rules of each handler, keyed by its `diff` function: wrappers that spread a handler and replace
 * other methods (partial failures) keep the same `diff`, so the rules stay reachable through them; a
 * wrapper that replaces `diff` passes them on with {@link keepRules}.
 */
const rulesByDiff = new WeakMap<object, HandlerRules>();

/** The rules a handler was defined with, or undefined for an object {@link defineHandler} did not build. */
export function handlerRules(handler: ResourceHandler): HandlerRules | undefined {
  return rulesByDiff.get(handler.diff);
}

/** Makes the rules of `inner` reachable from `outer`, a wrapper that replaces `diff`. Returns `outer`. */
export function keepRules(inner: ResourceHandler, outer: ResourceHandler): ResourceHandler {
  const rules = handlerRules(inner);
  if (rules !== undefined) rulesByDiff.set(outer.diff, rules);
  return outer;
}

/** Builds the handler for a resource definition. */
export function defineHandler<I extends Record<string, unknown>, O extends I>(
  def: ResourceDefinition<I, O>,
): ResourceHandler {
  const fields = inputFields(def.schema);
  const local = new Set<string>(def.local ?? []);
  const writes: OperationOptions = { scarce: def.scarceWrites === true };
  const handler: ResourceHandler = {
    async check(_olds, news) {
      return checkInputs(def.schema, stripProvider(news));
    },

    async diff(id, olds, news) {
      const changed = changedFields(fields, olds, news);
      refuseFixedChanges(def, id, olds, news, changed);
      const replaces = changed.filter((f) => (def.replaceOn as readonly string[]).includes(f));
      return {
        changes: changed.length > 0,
        replaces,
        deleteBeforeReplace: replaces.length > 0 && (def.deleteBeforeReplace ?? false),
      };
    },

    async create(inputs) {
      const { id, outs } = await inOperation(() => def.create(stripProvider(inputs) as I), writes);
      return { id, outs: wireSafe(outs) };
    },

    async read(id, props) {
      const olds = stripProvider(props) as O;
      const now = await inOperation(async () => {
        try {
          return await def.read(id, olds);
        } catch (e) {
          if (await confirmedGone(def, id, olds, e)) return undefined;
          throw e;
        }
      });
      if (now === undefined) return { id: "", props: {} };
      const outs: Record<string, unknown> = { ...now };
      for (const f of local) if (f in olds) outs[f] = olds[f];
      const inputs: Record<string, unknown> = {};
      for (const f of fields) if (outs[f] !== undefined) inputs[f] = outs[f];
      return { id, props: wireSafe(outs), inputs: wireSafe(inputs) };
    },

    async update(id, olds, news) {
      const o = stripProvider(olds) as O;
      const n = stripProvider(news) as I;
      const changed = changedFields(fields, o, n) as (keyof I & string)[];
      refuseFixedChanges(def, id, o, n, changed);
      const apiChanged = changed.filter((f) => !local.has(f));
      const outs =
        apiChanged.length > 0 ? await inOperation(() => def.update(id, o, n, apiChanged), writes) : ({ ...o } as O);
      const merged: Record<string, unknown> = { ...outs };
      for (const f of local) merged[f] = n[f];
      return { outs: wireSafe(merged) };
    },

    async delete(id, props) {
      const olds = stripProvider(props) as O;
      await inOperation(async () => {
        try {
          await def.delete(id, olds);
        } catch (e) {
          if (await confirmedGone(def, id, olds, e)) return;
          throw e;
        }
      }, writes);
    },
  };
  rulesByDiff.set(
    handler.diff,
    Object.freeze({
      type: def.type,
      fields: Object.freeze([...fields]),
      replaceOn: Object.freeze([...def.replaceOn]),
      fixed: Object.freeze(Object.keys(def.fixed ?? {})),
      local: Object.freeze([...local]),
      refusesByValue: def.refuse !== undefined,
    }),
  );
  return handler;
}

/** Throws when a known new value changes a {@link ResourceDefinition.fixed} field (unknowns are checked again at update). */
function refuseFixedChanges<I extends Record<string, unknown>, O extends I>(
  def: ResourceDefinition<I, O>,
  id: string,
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
  changed: readonly string[],
): void {
  const fixed = (def.fixed ?? {}) as Readonly<Record<string, string | undefined>>;
  for (const f of changed) {
    const why = fixed[f];
    if (why === undefined || containsUnknown(news[f])) continue;
    throw new Error(`${def.type} ${id}: ${f} cannot change from ${shown(olds[f])} to ${shown(news[f])}. ${why}`);
  }
  if (def.refuse === undefined || changed.length === 0 || containsUnknown(news)) return;
  const why = def.refuse(olds as O, news as I);
  if (why !== undefined) throw new Error(`${def.type} ${id}: ${why}`);
}

/** A fixed field's value for a message: ids, booleans and numbers as JSON, anything else left out. */
function shown(v: unknown): string {
  if (v === undefined || v === null) return "(not set)";
  return typeof v === "object" ? "another value" : JSON.stringify(v);
}

/**
 * True when `error` may mean "the object is not there" and the resource's listing confirms it. An
 * error of any other kind, or one the listing contradicts, is never taken as "gone".
 */
async function confirmedGone<I extends Record<string, unknown>, O extends I>(
  def: ResourceDefinition<I, O>,
  id: string,
  olds: O,
  error: unknown,
): Promise<boolean> {
  if (!mayMeanNotFound(error) || def.confirmAbsent === undefined) return false;
  return def.confirmAbsent(id, olds);
}

/** The top-level field names of an object schema. */
export function inputFields(schema: z.ZodType): string[] {
  const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape;
  if (!shape) throw new Error("resource schemas must be zod object schemas");
  return Object.keys(shape);
}

/**
 * Validates `news`. Fields holding preview-time unknowns are not validated (their issues are
 * dropped) and pass through as they are.
 */
export function checkInputs(schema: z.ZodType, news: Record<string, unknown>): pulumi.dynamic.CheckResult {
  const parsed = schema.safeParse(news);
  if (parsed.success) return { inputs: parsed.data as Record<string, unknown> };
  const unknownFields = new Set(Object.keys(news).filter((k) => containsUnknown(news[k])));
  const failures = parsed.error.issues
    .filter((i) => !(i.path.length > 0 && unknownFields.has(String(i.path[0]))))
    .filter((i) => !(i.code === "unrecognized_keys" && i.keys.every((k) => unknownFields.has(k))))
    .map((i) => failureOf(i));
  if (failures.length === 0) return { inputs: news };
  return { inputs: news, failures };
}

function failureOf(issue: z.core.$ZodIssue): pulumi.dynamic.CheckFailure {
  if (issue.code === "unrecognized_keys") {
    const parent = issue.path.map(String);
    const names = issue.keys.map((k) => [...parent, k].join("."));
    return {
      property: parent[0] ?? String(issue.keys[0] ?? ""),
      reason: `${names.join(", ")}: not a known input (check the spelling)`,
    };
  }
  const path = issue.path.map(String);
  const property = path[0] ?? "";
  return { property, reason: `${path.join(".") || "inputs"}: ${issue.message}` };
}

/** The input fields whose values differ between the old outputs and the new inputs. */
export function changedFields(
  fields: readonly string[],
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
): string[] {
  return fields.filter((f) => news[f] === UNKNOWN || containsUnknown(news[f]) || !sameValue(olds[f], news[f]));
}

/** Deep equality on JSON values where `undefined`, a missing key and `null` are the same. */
export function sameValue(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(v: unknown): string {
  return JSON.stringify(normalize(v)) ?? "null";
}

function normalize(v: unknown): unknown {
  if (v === undefined || v === null) return null;
  if (Array.isArray(v)) return v.map(normalize);
  if (typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v as object).sort()) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined && x !== null) out[k] = normalize(x);
    }
    return out;
  }
  return v;
}

/**
 * Drops `undefined` values at any depth: the engine's wire format (protobuf Struct) has no
 * undefined and refuses it ("Unexpected struct type").
 */
export function wireSafe<T>(v: T): T {
  if (Array.isArray(v)) return v.filter((x) => x !== undefined).map(wireSafe) as T;
  if (v && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = wireSafe(x);
    return out as T;
  }
  return v;
}

function stripProvider<T extends Record<string, unknown>>(props: T): T {
  if (!props || !(PROVIDER_KEY in props)) return props;
  const { [PROVIDER_KEY]: _omit, ...rest } = props;
  return rest as T;
}
