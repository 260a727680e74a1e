/**
 * Preview-time unknown values. During `pulumi preview`, inputs that depend on resources not yet
 * created reach `check` and `diff` as this sentinel string.
 */

/** The sentinel Pulumi's dynamic provider passes for a value not known until apply. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** True when `v` is, or contains, an unknown value. */
export function containsUnknown(v: unknown): boolean {
  if (v === UNKNOWN) return true;
  if (Array.isArray(v)) return v.some(containsUnknown);
  if (v && typeof v === "object") return Object.values(v).some(containsUnknown);
  return false;
}
