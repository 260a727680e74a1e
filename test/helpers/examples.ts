/**
 * Helpers for the end-to-end tests of examples/: a stack's resources read from `pulumi stack
 * export` (without printing it), and a check that the state holds none of the given plaintext
 * secrets (it only says which *kind* of secret leaked, never the value).
 */
import { expect } from "vitest";
import type { PulumiProject } from "./pulumi-project";

/** The outputs of each stack resource by its name (the last URN segment). */
export async function resourceOutputs(p: PulumiProject): Promise<Record<string, Record<string, any>>> {
  const state = JSON.parse(await p.exportState());
  const out: Record<string, Record<string, any>> = {};
  for (const r of state.deployment.resources ?? []) out[r.urn.split("::").pop()] = r.outputs ?? {};
  return out;
}

/** How many resources of each GravityZone type the stack holds. */
export async function resourceCounts(p: PulumiProject): Promise<Record<string, number>> {
  const state = JSON.parse(await p.exportState());
  const out: Record<string, number> = {};
  for (const r of state.deployment.resources ?? []) {
    const m = /gravityzone:(\w+)$/.exec(r.type);
    if (m) out[m[1]!] = (out[m[1]!] ?? 0) + 1;
  }
  return out;
}

/** Fails (naming only the kind) when `pulumi stack export` contains any of the plaintext secrets. */
export async function expectNoPlaintextSecrets(p: PulumiProject, secrets: Record<string, string>): Promise<void> {
  const state = await p.exportState();
  const leaked = Object.entries({ "API key": p.apiKey, ...secrets })
    .filter(([, value]) => value.length > 0 && state.includes(value))
    .map(([kind]) => kind);
  expect(leaked, "plaintext secrets in `pulumi stack export`").toEqual([]);
}
