/**
 * Reading resource properties that may not be known yet.
 *
 * During `pulumi preview`, a property computed from another resource's output (a new company's id,
 * say) is unknown. @pulumi/policy hands props to policies through a proxy that throws an
 * `UnknownValueError` when such a property is read; uncaught, the engine turns it into an advisory
 * "can't run policy during preview" note. Resource rules let that happen (the rule runs again on
 * `pulumi up`, when the value is known); rules that join resources use {@link peek} to skip only the
 * unknown part.
 */

/** Stands for a value that is not known until the update runs. */
export const UNKNOWN: unique symbol = Symbol("unknown until the update runs");

/** A value read with {@link peek}. */
export type Peeked<T> = T | typeof UNKNOWN;

/** The error @pulumi/policy's proxy throws for an unknown value (matched by shape: the class is internal). */
export function isUnknownValueError(e: unknown): boolean {
  return e instanceof Error && "unknownTypeSentinel" in e && "props" in e;
}

/** Reads a value, or returns {@link UNKNOWN} when it is not known yet. */
export function peek<T>(read: () => T): Peeked<T> {
  try {
    return read();
  } catch (e) {
    if (isUnknownValueError(e)) return UNKNOWN;
    throw e;
  }
}

/** True when the value is known. */
export function known<T>(v: Peeked<T>): v is T {
  return v !== UNKNOWN;
}

/** The known strings of a string-or-list property (unknown elements and non-strings are skipped). */
export function knownStrings(read: () => unknown): string[] {
  const v = peek(read);
  if (!known(v) || v === undefined || v === null) return [];
  if (typeof v === "string") return [v];
  if (!Array.isArray(v)) return [];
  const out: string[] = [];
  for (let i = 0; i < v.length; i++) {
    const item = peek(() => v[i] as unknown);
    if (typeof item === "string") out.push(item);
  }
  return out;
}

/** A readable name: the value when it is a known, non-empty string, otherwise the fallback. */
export function labelOf(read: () => unknown, fallback: string): string {
  const v = peek(read);
  return typeof v === "string" && v !== "" ? v : fallback;
}
