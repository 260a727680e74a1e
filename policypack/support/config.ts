/**
 * Policy settings: each policy declares a JSON-schema `configSchema` whose `default`s are the
 * documented behaviour. The Pulumi CLI fills those defaults in before the pack runs; {@link settingsOf}
 * fills them in again, so a policy behaves the same when it is called directly (tests, other tools).
 */
import type { PolicyConfigSchema } from "@pulumi/policy";

/** Anything that carries a policy's configuration (resource and stack validation args). */
export interface HasConfig {
  getConfig<T extends object>(): T;
}

/** The schema's defaults overlaid with the configuration the user gave. */
export function settingsOf<T extends object>(args: HasConfig, schema: PolicyConfigSchema): T {
  const defaults: Record<string, unknown> = {};
  for (const [key, property] of Object.entries(schema.properties)) {
    if (typeof property === "object" && property.default !== undefined)
      defaults[key] = structuredClone(property.default);
  }
  const given: Record<string, unknown> = { ...args.getConfig<Record<string, unknown>>() };
  for (const key of Object.keys(given)) if (given[key] === undefined) delete given[key];
  return { ...defaults, ...given } as T;
}

/** A string list for messages: `a, b, c`. */
export function listOf(items: readonly string[]): string {
  return items.join(", ");
}
