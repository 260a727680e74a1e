/**
 * Sort orders for list answers: names compare case- and accent-insensitively (one shared collator:
 * `String.prototype.localeCompare` with options builds a collator per call and is ~100× slower),
 * ids and timestamps compare by code unit.
 */

const collator = new Intl.Collator("en", { sensitivity: "base" });

/** Compares display names (case- and accent-insensitive). */
export function compareNames(a: string, b: string): number {
  return collator.compare(a, b);
}

/** Compares ids and ISO timestamps by code unit. */
export function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
