/**
 * The method catalogue: every GravityZone method the emulator answers (and the provider calls), as
 * transcribed from the official reference, one file per module. See `types.ts` for the entry format
 * and `conformance.ts` for how the emulator checks requests against it.
 */
import { accountsCatalogue } from "./accounts";
import { companiesCatalogue } from "./companies";
import { generalCatalogue } from "./general";
import { incidentsCatalogue } from "./incidents";
import { integrationsCatalogue } from "./integrations";
import { licensingCatalogue } from "./licensing";
import { networkCatalogue } from "./network";
import { packagesCatalogue } from "./packages";
import { policiesCatalogue } from "./policies";
import { pushCatalogue } from "./push";
import { quarantineCatalogue } from "./quarantine";
import { reportsCatalogue } from "./reports";
import type { CatalogueVersion, MethodDoc } from "./types";

export type { CatalogueVersion, Fidelity, JsonType, MethodDoc, ParamDoc } from "./types";

/** Every catalogue entry, module by module. */
export const CATALOGUE: readonly MethodDoc[] = [
  ...companiesCatalogue,
  ...licensingCatalogue,
  ...generalCatalogue,
  ...accountsCatalogue,
  ...networkCatalogue,
  ...policiesCatalogue,
  ...packagesCatalogue,
  ...incidentsCatalogue,
  ...pushCatalogue,
  ...integrationsCatalogue,
  ...reportsCatalogue,
  ...quarantineCatalogue,
];

const byKey = new Map<string, MethodDoc>();
for (const entry of CATALOGUE) {
  for (const v of entry.versions) {
    const key = `${entry.module}.${entry.method}@${v}`;
    if (byKey.has(key)) throw new Error(`catalogue: ${key} is documented twice`);
    byKey.set(key, entry);
  }
}

/** The catalogue entry of a method in a version, or undefined when the catalogue has none. */
export function catalogueEntry(module: string, method: string, version: CatalogueVersion): MethodDoc | undefined {
  return byKey.get(`${module}.${method}@${version}`);
}
