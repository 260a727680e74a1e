/**
 * Timestamp formats GravityZone uses in answers.
 */

/** ISO 8601 with milliseconds and `Z` (createdAt fields). */
export function isoUtc(date: Date): string {
  return date.toISOString();
}

/** `YYYY-MM-DDTHH:MM:SS` without zone, as blocklist `created` and push stats show it. */
export function isoSecondsNoZone(date: Date): string {
  return date.toISOString().slice(0, 19);
}
