/**
 * Parameter validation for method handlers. Each method declares its parameters as a {@link Shape};
 * {@link readParams} checks the raw `params` member against it and returns typed values, or throws an
 * -32602 {@link RpcError} whose details name the offending parameter (nested ones with a dotted path,
 * array elements with `[i]`), e.g. `Invalid value for 'perPage' parameter. The value should be between 1 and 100.`
 *
 * Rules shared by every method (https://www.bitdefender.com/business/support/en/77209-125277-public-api.html):
 * - `null` counts as omitted, at any depth;
 * - a parameter the method does not know is refused: `Parameter 'endpointIds' is not expected.`;
 * - no type coercion: `"5"` is not an integer, `1` is not a boolean.
 */
import { invalidParams } from "./errors";
import { isObjectId } from "./ids";

/** One parameter's rule: validates a present (non-null) value or reports a missing one. */
export interface Rule<T> {
  /** True when the parameter may be omitted (or null). */
  readonly optional: boolean;
  /** Checks a present value; `path` names it in error details. */
  check(value: unknown, path: string): T;
}

/** A method's (or a nested object's) parameters: name → rule. */
export type Shape = Record<string, Rule<unknown>>;

/** The typed result of reading a {@link Shape}. */
export type Infer<S extends Shape> = { [K in keyof S]: S[K] extends Rule<infer T> ? T : never };

/** The details for a bad value: `Invalid value for '<path>' parameter. <why>` */
export function badValue(path: string, why: string): Error {
  return invalidParams(`Invalid value for '${path}' parameter. ${why}`);
}

/** Makes a rule mandatory: omitted or null values are refused with `Missing required parameter '<path>'.` */
export function req<T>(rule: Rule<T | undefined>): Rule<T> {
  return { optional: false, check: (v, p) => rule.check(v, p) as T };
}

function optional<T>(check: (v: unknown, path: string) => T): Rule<T | undefined> {
  return { optional: true, check };
}

/** Options for {@link str}. */
export interface StringOptions {
  /** Refuse strings that are empty after trimming. @default true */
  nonEmpty?: boolean;
  /** Maximum length in characters. */
  max?: number;
  /** Minimum length in characters. */
  min?: number;
  /** Allowed values. */
  oneOf?: readonly string[];
  /** A pattern the value must match, with a human description for the error. */
  pattern?: { re: RegExp; hint: string };
  /** Refuse HTML tags. */
  noHtml?: boolean;
}

const HTML_TAG = /<\s*\/?\s*[a-zA-Z!][^>]*>/;

/** True when `s` contains something that looks like an HTML tag. */
export function hasHtml(s: string): boolean {
  return HTML_TAG.test(s);
}

/** A string parameter. */
export function str(o: StringOptions = {}): Rule<string | undefined> {
  return optional((v, p) => {
    if (typeof v !== "string") throw badValue(p, "The value should be a string.");
    if ((o.nonEmpty ?? true) && v.trim() === "") throw badValue(p, "The value should not be empty.");
    if (o.min !== undefined && v.length < o.min)
      throw badValue(p, `The value should have at least ${o.min} characters.`);
    if (o.max !== undefined && v.length > o.max) throw badValue(p, `The value should not exceed ${o.max} characters.`);
    if (o.oneOf && !o.oneOf.includes(v)) throw badValue(p, `The value should be one of: ${o.oneOf.join(", ")}.`);
    if (o.noHtml && hasHtml(v)) throw badValue(p, "The value should not contain HTML tags.");
    if (o.pattern && !o.pattern.re.test(v)) throw badValue(p, `The value should be ${o.pattern.hint}.`);
    return v;
  });
}

/** Options for {@link int}. */
export interface IntOptions {
  /** Smallest allowed value. */
  min?: number;
  /** Largest allowed value. */
  max?: number;
  /** Allowed values. */
  oneOf?: readonly number[];
}

/** An integer parameter (no strings, no fractions). */
export function int(o: IntOptions = {}): Rule<number | undefined> {
  return optional((v, p) => {
    if (typeof v !== "number" || !Number.isInteger(v)) throw badValue(p, "The value should be an integer.");
    if (o.oneOf && !o.oneOf.includes(v)) throw badValue(p, `The value should be one of: ${o.oneOf.join(", ")}.`);
    if (o.min !== undefined && o.max !== undefined && (v < o.min || v > o.max))
      throw badValue(p, `The value should be between ${o.min} and ${o.max}.`);
    if (o.min !== undefined && v < o.min) throw badValue(p, `The value should be at least ${o.min}.`);
    if (o.max !== undefined && v > o.max) throw badValue(p, `The value should be at most ${o.max}.`);
    return v;
  });
}

/** A boolean parameter. */
export function bool(): Rule<boolean | undefined> {
  return optional((v, p) => {
    if (typeof v !== "boolean") throw badValue(p, "The value should be a boolean.");
    return v;
  });
}

/** An object id parameter (24 lowercase hex characters). */
export function id(): Rule<string | undefined> {
  return optional((v, p) => {
    if (!isObjectId(v)) throw badValue(p, "The value should be a valid ID (24 hexadecimal characters).");
    return v;
  });
}

/** Options for {@link arr}. */
export interface ArrayOptions {
  /** Fewest elements. */
  min?: number;
  /** Most elements. */
  max?: number;
}

/** An array parameter whose elements follow `item`. */
export function arr<T>(item: Rule<T | undefined>, o: ArrayOptions = {}): Rule<T[] | undefined> {
  return optional((v, p) => {
    if (!Array.isArray(v)) throw badValue(p, "The value should be an array.");
    if (o.min !== undefined && v.length < o.min)
      throw badValue(
        p,
        o.min === 1 ? "The value should not be an empty array." : `The value should have at least ${o.min} elements.`,
      );
    if (o.max !== undefined && v.length > o.max) throw badValue(p, `The value should have at most ${o.max} elements.`);
    return v.map((e, i) => {
      const path = `${p}[${i}]`;
      if (e === null || e === undefined) throw badValue(path, "The value should not be null.");
      return item.check(e, path) as T;
    });
  });
}

/** A nested object with known members (unknown members are refused like top-level parameters). */
export function obj<S extends Shape>(shape: S): Rule<Infer<S> | undefined> {
  return optional((v, p) => readShape(v, shape, `${p}.`));
}

/**
 * An object used as a set of named flags or values, e.g. `subscribeToEventTypes: {av: true}`:
 * keys must be in `keys` (when given), values follow `value`.
 */
export function flags<T>(value: Rule<T | undefined>, keys?: readonly string[]): Rule<Record<string, T> | undefined> {
  const known = keys ? new Set(keys) : undefined;
  return optional((v, p) => {
    if (!isPlainObject(v)) throw badValue(p, "The value should be an object.");
    const out: Record<string, T> = {};
    for (const [k, e] of Object.entries(v)) {
      if (known && !known.has(k)) throw invalidParams(`Parameter '${p}.${k}' is not expected.`);
      if (e === null || e === undefined) continue;
      out[k] = value.check(e, `${p}.${k}`) as T;
    }
    return out;
  });
}

/** An object the method stores as given (any members, JSON values only). */
export function anyObject(): Rule<Record<string, unknown> | undefined> {
  return optional((v, p) => {
    if (!isPlainObject(v)) throw badValue(p, "The value should be an object.");
    return v;
  });
}

/** A rule with an extra check after the base rule; `test` returns an error reason or undefined. */
export function refine<T>(
  rule: Rule<T | undefined>,
  test: (value: T, path: string) => string | undefined,
): Rule<T | undefined> {
  return optional((v, p) => {
    const value = rule.check(v, p) as T;
    const why = test(value, p);
    if (why !== undefined) throw badValue(p, why);
    return value;
  });
}

/** True for `{…}` (not arrays, not null). */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function readShape<S extends Shape>(raw: unknown, shape: S, prefix: string): Infer<S> {
  const where = prefix === "" ? "params" : prefix.slice(0, -1);
  if (!isPlainObject(raw)) throw badValue(where, "The value should be an object.");
  for (const key of Object.keys(raw)) {
    if (!Object.hasOwn(shape, key)) throw invalidParams(`Parameter '${prefix}${key}' is not expected.`);
  }
  const out: Record<string, unknown> = {};
  for (const [key, rule] of Object.entries(shape)) {
    const value = raw[key];
    if (value === null || value === undefined) {
      if (!rule.optional) throw invalidParams(`Missing required parameter '${prefix}${key}'.`);
      continue;
    }
    out[key] = rule.check(value, `${prefix}${key}`);
  }
  return out as Infer<S>;
}

/**
 * Reads a method's `params` member. A missing or null `params` is read as `{}` (so required
 * parameters are still reported by name); a non-object is refused.
 */
export function readParams<S extends Shape>(raw: unknown, shape: S): Infer<S> {
  return readShape(raw === undefined || raw === null ? {} : raw, shape, "");
}

/** The paging parameters of list methods, with the method's `perPage` range. */
export function pagingShape(maxPerPage: number, minPerPage = 1) {
  return {
    page: int({ min: 1 }),
    perPage: int({ min: minPerPage, max: maxPerPage }),
  };
}
