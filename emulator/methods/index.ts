/**
 * The method catalogue: every API module GravityZone exposes, the methods the emulator implements in
 * each, and the service sub-paths some modules take. Anything not listed answers -32601 "Method not
 * found" ("The selected API is not available."): methods that do not exist (companies.updateCompany,
 * companies.getCompaniesList, licensing.getMonthlyUsagePerCompany, …), methods gated off on the
 * seed's tenant (incidents.getIncidentsList), and the modules found dead there (patchmanagement,
 * phasr, maintenanceWindows).
 */
import { accountsMethods } from "./accounts";
import { companiesMethods } from "./companies";
import { generalMethods } from "./general";
import { incidentsMethods } from "./incidents";
import { integrationsMethods } from "./integrations";
import { licensingMethods } from "./licensing";
import { networkMethods } from "./network";
import { packagesMethods } from "./packages";
import { policiesMethods } from "./policies";
import { pushMethods } from "./push";
import { quarantineMethods } from "./quarantine";
import type { ApiVersion, Handler, MethodSpec, ModuleMethods } from "./registry";
import { reportsMethods } from "./reports";

/** Every module by its path name. */
export const MODULES: Readonly<Record<string, ModuleMethods>> = {
  companies: companiesMethods,
  licensing: licensingMethods,
  accounts: accountsMethods,
  network: networkMethods,
  packages: packagesMethods,
  policies: policiesMethods,
  integrations: integrationsMethods,
  reports: reportsMethods,
  push: pushMethods,
  incidents: incidentsMethods,
  quarantine: quarantineMethods,
  general: generalMethods,
  maintenanceWindows: {},
  patchmanagement: {},
  phasr: {},
};

/** The module names, in documentation order. */
export const MODULE_NAMES: readonly string[] = Object.keys(MODULES);

const ALIASES: Readonly<Record<string, string>> = { maintenancewindows: "maintenanceWindows" };

/** Service sub-paths a module accepts (`/jsonrpc/<module>/<service>`); "" = no service. */
export const MODULE_SERVICES: Readonly<Record<string, readonly string[]>> = {
  network: ["", "computers", "virtualmachines"],
  quarantine: ["computers", "exchange"],
};

/** The canonical name of a module path segment, or undefined when there is no such API. */
export function canonicalModule(name: string): string | undefined {
  if (Object.hasOwn(MODULES, name)) return name;
  return ALIASES[name];
}

/** True when `service` is a valid sub-path for the module. */
export function serviceAllowed(module: string, service: string): boolean {
  return (MODULE_SERVICES[module] ?? [""]).includes(service);
}

/** A method's spec, or undefined when the module has no such method. */
export function findMethod(module: string, method: string): MethodSpec | undefined {
  const m = MODULES[module];
  return m && Object.hasOwn(m, method) ? m[method] : undefined;
}

/** The handler of a method in a version, or undefined when it does not exist there. */
export function handlerFor(spec: MethodSpec, version: ApiVersion): Handler | undefined {
  return spec.versions[version];
}
