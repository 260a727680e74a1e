/**
 * InstallationPackage: an installation package (the BEST agent installer settings) of a company.
 *
 * | operation | GravityZone call |
 * |---|---|
 * | create | `packages.createPackage {packageName, companyId, …}` after a lookup by name in `packages.getPackagesList` (every page) of the company, one for the packages created together |
 * | read | `packages.getPackageDetails {packageId}`, then `packages.getInstallationLinks {companyId}` (one per company in a refresh; without a companyId, the key's company from `companies.getCompanyDetails {}`); an error that may mean "not found" counts as gone only when `getPackagesList` no longer lists the id |
 * | update | `packages.getPackageDetails`, then `packages.updatePackage` with the whole package (77209-532512: what is not sent is reset) |
 * | refused | `companyId` (a package cannot move to another company) |
 * | delete | `packages.deletePackage {packageId}` |
 *
 * `modules` follows GravityZone's rule: a module not sent is disabled, so the program's named `true`
 * switches are the package's modules. `roles`, `scanMode`, `settings` and `deploymentOptions` are
 * managed only when the program sets them (an update sends them as GravityZone reports them).
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { newIdResult, okResult, type GravityZoneClient } from "../client";
import { nameOfCode, PRODUCT_TYPE_CODES, SCAN_ENGINE_CODES, SCAN_MODE_CODES } from "../client/wire-codes";
import { createOrAdopt } from "../framework/create-or-adopt";
import { dynamicProvider } from "../framework/dynamic";
import { defineHandler, sameValue, wireSafe } from "../framework/handler";
import { providerClient } from "../settings";
import { type ListingOptions, listingWrite, sharedListing } from "../framework/shared-listing";
import {
  displayName,
  flagsOf,
  idRef,
  languageCode,
  plainText,
  withoutPrototypeKeys,
  type LANGUAGES,
} from "../framework/validation";

/**
 * Protection modules a package can switch on or off (sent as 1/0): the keys createPackage and
 * updatePackage document (77211-135298, 77209-532512). A module not sent is disabled.
 * `contentControl` is deprecated there: it sets `userControl`, `antiphishing` and `trafficScan` together.
 */
export const PACKAGE_MODULES = [
  "advancedThreatControl",
  "firewall",
  "contentControl",
  "userControl",
  "antiphishing",
  "trafficScan",
  "deviceControl",
  "powerUser",
  "edrSensor",
  "advancedAntiExploit",
  "containerProtection",
  "encryption",
  "patchManagement",
  "networkAttackDefense",
  "integrityMonitoring",
] as const;

/**
 * The modules an EDR (Report only) package must have on, all others off: "the modules parameter must
 * have the default configuration: edrSensor, contentControl, networkAttackDefense and
 * advancedThreatControl are set to 1" (77211-135298). Sent for such a package when the program names none.
 */
const EDR_REPORT_ONLY_MODULES: readonly string[] = [
  "edrSensor",
  "contentControl",
  "networkAttackDefense",
  "advancedThreatControl",
];

/** What the deprecated `contentControl` switch stands for (77211-135298). */
const CONTENT_CONTROL_PARTS = ["userControl", "antiphishing", "trafficScan"] as const;

/** A protection module name. */
export type PackageModule = (typeof PACKAGE_MODULES)[number];

/** Roles a package can give the endpoint (sent as 1/0). */
export const PACKAGE_ROLES = ["relay", "exchange", "patchCachingServer"] as const;

/** A role name. */
export type PackageRole = (typeof PACKAGE_ROLES)[number];

/** An installer or console language code. */
export type Language = (typeof LANGUAGES)[number];

/**
 * Which product the package installs: `detectionAndPrevention` (0 on the wire, the full agent),
 * `edrReportOnly` (3, EDR sensor reporting alongside another antivirus), `phasrStandalone` (5).
 */
export type ProductType = "detectionAndPrevention" | "edrReportOnly" | "phasrStandalone";

/** Where an endpoint's scanning runs: `central` (1, a Security Server), `hybrid` (2, light engines), `local` (3, full engines). */
export type ScanEngine = "central" | "hybrid" | "local";

/** The scanning engines for one kind of machine. */
export interface ScanEnginesArgs {
  /** The primary scanning engine. */
  main: pulumi.Input<ScanEngine>;
  /** The engine used when the primary one is unavailable. */
  fallback?: pulumi.Input<ScanEngine>;
}

/** Scan mode: `automatic` (1, GravityZone picks per machine) or `custom` (2) with engines per machine kind. */
export interface ScanModeArgs {
  /** `automatic` or `custom`. */
  type: pulumi.Input<"automatic" | "custom">;
  /** Engines for physical computers (custom mode only). */
  computers?: pulumi.Input<ScanEnginesArgs>;
  /** Engines for virtual machines (custom mode only). */
  vms?: pulumi.Input<ScanEnginesArgs>;
  /** Engines for Amazon EC2 instances (custom mode only). */
  ec2?: pulumi.Input<ScanEnginesArgs>;
}

/** Inputs of {@link InstallationPackage}. */
export interface InstallationPackageArgs {
  /** The package name: 1–255 characters, no HTML, unique in its company (regardless of case). Renamed in place. */
  packageName: pulumi.Input<string>;
  /**
   * The company that owns the package.
   * Caution: a package cannot move between companies, and this provider never deletes a package to
   * recreate it (its installation links would change): a change is refused in preview.
   * @default the API key's own company
   */
  companyId?: pulumi.Input<string>;
  /** Free text: at most 1024 characters, no HTML. Left out = empty. */
  description?: pulumi.Input<string>;
  /** Installer language: en_US, fr_FR, de_DE, it_IT, pl_PL, pt_BR, ro_RO, ru_RU or es_ES. @default "en_US" */
  language?: pulumi.Input<Language>;
  /**
   * Modules to install (`true`), by name. As GravityZone documents it, **a module not named (or
   * `false`) is not installed**; a module switched on by hand in Control Center shows as drift.
   * Names: advancedThreatControl, firewall, contentControl (deprecated by GravityZone: userControl,
   * antiphishing and trafficScan together), userControl, antiphishing, trafficScan, deviceControl,
   * powerUser, edrSensor, advancedAntiExploit, containerProtection, encryption, patchManagement,
   * networkAttackDefense, integrityMonitoring. The antimalware engine is part of every package.
   * Left out: the package's modules are not managed (an update keeps them as they are).
   * @example { advancedThreatControl: true, firewall: true, edrSensor: true }
   */
  modules?: pulumi.Input<Partial<Record<PackageModule, pulumi.Input<boolean>>>>;
  /** How endpoints installed from the package scan. @default GravityZone's automatic mode */
  scanMode?: pulumi.Input<ScanModeArgs>;
  /** Roles to give endpoints installed from the package: relay, exchange, patchCachingServer. */
  roles?: pulumi.Input<Partial<Record<PackageRole, pulumi.Input<boolean>>>>;
  /** Package settings, passed to GravityZone as given (a JSON object). */
  settings?: pulumi.Input<Record<string, unknown>>;
  /** Deployment options, passed to GravityZone as given (a JSON object, e.g. `{ type: 1 }`). */
  deploymentOptions?: pulumi.Input<Record<string, unknown>>;
  /** The product the package installs. @default "detectionAndPrevention" */
  productType?: pulumi.Input<ProductType>;
  /**
   * Take over an existing package with the same name in the company instead of failing. Its settings
   * are then brought in line with the program.
   * @default false
   */
  adopt?: pulumi.Input<boolean>;
}

/** The download links of a package. */
export interface InstallLinks {
  /** Windows downloader. */
  windows?: string;
  /** macOS (Intel) package. */
  mac?: string;
  /** macOS (Apple silicon) package. */
  macArm?: string;
  /** Linux installer. */
  linux?: string;
  /** Any other links GravityZone gives (full kits, …), under their API names. */
  [other: string]: string | undefined;
}

const PRODUCT_CODES = PRODUCT_TYPE_CODES satisfies Record<ProductType, number>;
const ENGINE_CODES = SCAN_ENGINE_CODES satisfies Record<ScanEngine, number>;
const SCAN_TYPE_CODES = SCAN_MODE_CODES;

const engines = z.strictObject({
  main: z.enum(["central", "hybrid", "local"], { error: "must be central, hybrid or local" }),
  fallback: z.enum(["central", "hybrid", "local"], { error: "must be central, hybrid or local" }).optional(),
});

const scanModeSchema = z
  .strictObject({
    type: z.enum(["automatic", "custom"], { error: "must be automatic or custom" }),
    computers: engines.optional(),
    vms: engines.optional(),
    ec2: engines.optional(),
  })
  .superRefine((m, ctx) => {
    if (m.type === "automatic") {
      for (const k of ["computers", "vms", "ec2"] as const) {
        if (m[k] !== undefined)
          ctx.addIssue({ code: "custom", path: [k], message: 'is only allowed with type "custom"' });
      }
    }
  });

const jsonObject = z.record(z.string(), z.unknown());
/** A JSON object given by the user: prototype keys are refused at any depth. */
const userJsonObject = withoutPrototypeKeys(jsonObject);

const schema = z
  .strictObject({
    packageName: displayName(255).refine((s) => !/[<>]/.test(s), "must not contain HTML (< or >)"),
    companyId: idRef.optional(),
    description: plainText(1024).optional(),
    language: languageCode.default("en_US"),
    modules: flagsOf(PACKAGE_MODULES, "module")
      .superRefine((m, ctx) => {
        if (m.contentControl === undefined) return;
        for (const p of CONTENT_CONTROL_PARTS) {
          if (m[p] !== undefined && m[p] !== m.contentControl)
            ctx.addIssue({
              code: "custom",
              path: [p],
              message: `must equal contentControl (${m.contentControl}) when both are set: GravityZone copies contentControl to ${CONTENT_CONTROL_PARTS.join(", ")}`,
            });
        }
      })
      .optional(),
    scanMode: scanModeSchema.optional(),
    roles: flagsOf(PACKAGE_ROLES, "role").optional(),
    settings: userJsonObject.optional(),
    deploymentOptions: userJsonObject.optional(),
    productType: z
      .enum(["detectionAndPrevention", "edrReportOnly", "phasrStandalone"], {
        error: "must be detectionAndPrevention, edrReportOnly or phasrStandalone",
      })
      .default("detectionAndPrevention"),
    adopt: z.boolean().default(false),
  })
  .superRefine((p, ctx) => {
    if (p.productType !== "edrReportOnly" || p.modules === undefined) return;
    const wrong = PACKAGE_MODULES.filter(
      (m) =>
        (p.modules![m] === true) !== EDR_REPORT_ONLY_MODULES.includes(m) &&
        !(CONTENT_CONTROL_PARTS as readonly string[]).includes(m),
    );
    if (wrong.length > 0) {
      ctx.addIssue({
        code: "custom",
        path: ["modules"],
        message: `with productType edrReportOnly must switch on exactly ${EDR_REPORT_ONLY_MODULES.join(", ")} (GravityZone's rule; differs on ${wrong.join(", ")}), or be left out`,
      });
    }
  });

/** Resolved inputs of {@link InstallationPackage}. */
export type InstallationPackageInputs = z.infer<typeof schema>;

/** Outputs of {@link InstallationPackage}. */
export interface InstallationPackageOutputs extends InstallationPackageInputs {
  /** The package's id. */
  packageId: string;
  /** The package's download links. */
  installLinks: InstallLinks;
  /** True when an existing package was adopted rather than created. */
  adopted: boolean;
  /**
   * True for a package created or adopted since 0.1.0: a module the program does not name is off.
   * Absent in state written by 0.1.0, where a module the program did not name was left as GravityZone
   * had it; such a package keeps that rule, so an upgrade changes nothing.
   * @internal
   */
  unnamedModulesOff?: boolean;
}

const packageItem = z.object({ id: z.string(), name: z.string() }).loose();
const engineDetails = z.object({ main: z.number().nullish(), fallback: z.number().nullish() }).loose();
/** The answer of `packages.getPackageDetails`, as the resource and the import read it. @internal */
export const packageDetails = z
  .object({
    id: z.string().optional(),
    packageName: z.string(),
    companyId: z.string().nullish(),
    description: z.string().nullish(),
    language: z.string().nullish(),
    modules: z.record(z.string(), z.number()).nullish(),
    scanMode: z
      .object({
        type: z.number(),
        computers: engineDetails.nullish(),
        vms: engineDetails.nullish(),
        ec2: engineDetails.nullish(),
      })
      .loose()
      .nullish(),
    settings: jsonObject.nullish(),
    roles: z.record(z.string(), z.number()).nullish(),
    deploymentOptions: jsonObject.nullish(),
    productType: z.number().nullish(),
  })
  .loose();
type PackageDetails = z.infer<typeof packageDetails>;
const linksResult = z.array(z.record(z.string(), z.unknown()));

/** Fields sent to `updatePackage` when they change. */
const UPDATE_FIELDS = [
  "description",
  "language",
  "modules",
  "scanMode",
  "roles",
  "settings",
  "deploymentOptions",
  "productType",
] as const;

const flagsWire = (f: Record<string, boolean> | undefined) =>
  f === undefined ? undefined : Object.fromEntries(Object.entries(f).map(([k, v]) => [k, v ? 1 : 0]));

function scanModeWire(m: InstallationPackageInputs["scanMode"]) {
  if (m === undefined) return undefined;
  const eng = (e: z.infer<typeof engines> | undefined) =>
    e === undefined
      ? undefined
      : { main: ENGINE_CODES[e.main], fallback: e.fallback === undefined ? undefined : ENGINE_CODES[e.fallback] };
  return { type: SCAN_TYPE_CODES[m.type], computers: eng(m.computers), vms: eng(m.vms), ec2: eng(m.ec2) };
}

/** The wire form of one field. */
function wire(field: (typeof UPDATE_FIELDS)[number], i: InstallationPackageInputs): unknown {
  switch (field) {
    case "modules":
      if (i.modules === undefined && i.productType === "edrReportOnly")
        return modulesWire(Object.fromEntries(EDR_REPORT_ONLY_MODULES.map((m) => [m, true])));
      return i.modules === undefined ? undefined : modulesWire(i.modules);
    case "roles":
      return flagsWire(i.roles);
    case "scanMode":
      return scanModeWire(i.scanMode);
    case "productType":
      return PRODUCT_CODES[i.productType];
    case "description":
      return i.description ?? "";
    default:
      return i[field];
  }
}

const nameOf = nameOfCode;

/** The program's view (`base`) updated with what GravityZone reports now. */
function reflect(base: InstallationPackageOutputs, d: PackageDetails): InstallationPackageOutputs {
  const out: InstallationPackageOutputs = {
    ...base,
    packageName: d.packageName,
    description: d.description ? d.description : undefined,
    language: (d.language as Language | null | undefined) ?? base.language,
    productType: nameOf(PRODUCT_CODES, d.productType) ?? base.productType,
  };
  if (base.companyId !== undefined && d.companyId) out.companyId = d.companyId;
  // Modules: the switches the program names, and any other module switched on (a module the program
  // does not name is off, so one switched on by hand is drift).
  if (base.modules !== undefined && d.modules)
    out.modules = modulesAsRead(base.modules, d.modules, base.unnamedModulesOff === true);
  // Roles: only the switches the program names.
  const mine = base.roles;
  const theirs = d.roles;
  if (mine !== undefined && theirs) out.roles = Object.fromEntries(Object.keys(mine).map((n) => [n, theirs[n] === 1]));
  if (base.scanMode !== undefined && d.scanMode) {
    const eng = (e: z.infer<typeof engineDetails> | null | undefined, was: z.infer<typeof engines> | undefined) => {
      if (!e || was === undefined) return was === undefined ? undefined : was;
      return {
        main: nameOf(ENGINE_CODES, e.main) ?? was.main,
        fallback:
          was.fallback === undefined && e.fallback == null
            ? undefined
            : (nameOf(ENGINE_CODES, e.fallback) ?? was.fallback),
      };
    };
    const type = nameOf(SCAN_TYPE_CODES, d.scanMode.type) ?? base.scanMode.type;
    out.scanMode = {
      type,
      computers: eng(d.scanMode.computers, base.scanMode.computers),
      vms: eng(d.scanMode.vms, base.scanMode.vms),
      ec2: eng(d.scanMode.ec2, base.scanMode.ec2),
    };
  }
  if (base.settings !== undefined && d.settings) out.settings = d.settings;
  if (base.deploymentOptions !== undefined && d.deploymentOptions) out.deploymentOptions = d.deploymentOptions;
  return out;
}

/**
 * The module switches as GravityZone reports them, in the program's terms: every module the program
 * names, with its state, and every other module that is on. `contentControl` stands for its three
 * parts (77211-135298): it reads as on when they all are, and is not reported on its own when the
 * program names the three parts instead (nor are they when the program names `contentControl`).
 * For a package from 0.1.0 (`unnamedOff` false), only the modules the program names.
 */
function modulesAsRead(
  mine: Partial<Record<PackageModule, boolean>>,
  theirs: Record<string, number>,
  unnamedOff: boolean,
): Partial<Record<PackageModule, boolean>> {
  const partsOn = CONTENT_CONTROL_PARTS.every((p) => theirs[p] === 1);
  const on = (m: string) => theirs[m] === 1 || (m === "contentControl" && theirs[m] === undefined && partsOn);
  const covered = new Set<string>();
  if (mine.contentControl !== undefined) for (const p of CONTENT_CONTROL_PARTS) covered.add(p);
  if (CONTENT_CONTROL_PARTS.some((p) => mine[p] !== undefined)) covered.add("contentControl");
  const out: Partial<Record<PackageModule, boolean>> = {};
  for (const m of PACKAGE_MODULES) {
    if (m in mine) out[m] = on(m);
    else if (unnamedOff && on(m) && !covered.has(m)) out[m] = true;
  }
  return out;
}

/** The company's package with this name, if any. Packages created together share one listing ({@link sharedListing}). */
async function findByName(c: GravityZoneClient, companyId: string | undefined, name: string) {
  const key = name.trim().toLowerCase();
  const all = await sharedListing(c, "packages", companyId ?? "", {}, (onSend) =>
    c.listAll("packages", "getPackagesList", { companyId }, packageItem, { onSend }),
  );
  return all.find((p) => p.name.trim().toLowerCase() === key);
}

function packageDetailsOf(c: GravityZoneClient, id: string): Promise<PackageDetails> {
  return c.call("packages", "getPackageDetails", { packageId: id }, packageDetails);
}

/** True when the company's package list (every page) has no package with this id. */
async function packageUnlisted(c: GravityZoneClient, companyId: string | undefined, id: string): Promise<boolean> {
  const all = await c.listAll("packages", "getPackagesList", { companyId }, packageItem);
  return !all.some((p) => p.id === id);
}

/** Maps `getInstallationLinks`' answer to {@link InstallLinks}. */
export function installLinksOf(entry: Record<string, unknown> | undefined): InstallLinks {
  const names: Record<string, string> = {
    installLinkWindows: "windows",
    installLinkMac: "mac",
    installLinkMacArm: "macArm",
    installLinkLinux: "linux",
  };
  const out: InstallLinks = {};
  for (const [k, v] of Object.entries(entry ?? {})) {
    if (typeof v !== "string" || ["packageName", "companyName", "companyId"].includes(k)) continue;
    out[names[k] ?? k] = v;
  }
  return out;
}

/**
 * The install links of a package, from the company's `getInstallationLinks` (every package's links
 * in one answer): the packages of a company created or refreshed together share one call
 * ({@link sharedListing}); package writes go through {@link packageWrite}.
 */
async function linksOf(
  c: GravityZoneClient,
  companyId: string | undefined,
  packageName: string,
  options: ListingOptions = {},
): Promise<InstallLinks> {
  const key = packageName.trim().toLowerCase();
  const company = companyId ?? (await ownCompanyId(c));
  const all = await sharedListing(c, "package-links", company, options, (onSend) =>
    c.call("packages", "getInstallationLinks", { companyId: company }, linksResult, { onSend }),
  );
  return installLinksOf(
    all.find((l) => typeof l.packageName === "string" && l.packageName.trim().toLowerCase() === key),
  );
}

const ownCompany = z.object({ id: z.string() }).loose();

/**
 * The id of the API key's own company, for a package whose `companyId` is left out:
 * `getInstallationLinks` without a companyId answers the links of every managed company, where another
 * company may have a package of the same name. `companies.getCompanyDetails {}`, shared by the
 * packages that ask within {@link sharedListing}'s reuse window.
 */
async function ownCompanyId(c: GravityZoneClient): Promise<string> {
  const own = await sharedListing(c, "own-company", "", { reuse: true }, (onSend) =>
    c.call("companies", "getCompanyDetails", {}, ownCompany, { onSend }),
  );
  return own.id;
}

/** Runs a write that changes a company's packages, so that no later read of the links misses it. */
const packageWrite = <T>(c: GravityZoneClient, write: () => Promise<T>) => listingWrite(c, "package-links", write);

/**
 * The whole `updatePackage` request for `news` (77209-532512): `packageId` and `packageName` are
 * required, a description not sent becomes empty and a module not sent is disabled, and the page does
 * not say what happens to the other fields when they are left out. So every documented field is sent:
 * the program's value where it manages the field, otherwise the value GravityZone reports now. For a
 * package from 0.1.0 (`unnamedOff` false), the modules the program does not name are sent as they are now.
 */
function updateParams(
  id: string,
  now: PackageDetails,
  news: InstallationPackageInputs,
  unnamedOff: boolean,
): Record<string, unknown> {
  const params: Record<string, unknown> = {
    packageId: id,
    packageName: news.packageName,
    description: news.description ?? "",
    language: news.language,
    productType: PRODUCT_CODES[news.productType],
  };
  for (const f of ["modules", "scanMode", "roles", "settings", "deploymentOptions"] as const)
    params[f] = news[f] !== undefined ? wire(f, news) : wireSafe(now[f] ?? undefined);
  // Modules not managed by the program: sent back as read, documented switches only (getPackageDetails
  // also reports `antimalware` and the deprecated `atc` and `contentControl`, which an update refuses or derives).
  if (news.modules === undefined && now.modules) {
    params.modules = news.productType === "edrReportOnly" ? wire("modules", news) : switchesNow(now);
  } else if (news.modules !== undefined && !unnamedOff && news.productType !== "edrReportOnly") {
    const mine = news.modules;
    const named = (m: string) =>
      m in mine || (mine.contentControl !== undefined && (CONTENT_CONTROL_PARTS as readonly string[]).includes(m));
    params.modules = {
      ...switchesNow(now),
      ...Object.fromEntries(Object.entries(modulesWire(mine)).filter(([m]) => named(m))),
    };
  }
  return params;
}

/** The documented module switches as GravityZone reports them now (`contentControl` is derived from its parts). */
function switchesNow(now: PackageDetails): Record<string, number> {
  return Object.fromEntries(
    PACKAGE_MODULES.filter((m) => m !== "contentControl" && m in (now.modules ?? {})).map((m) => [m, now.modules![m]!]),
  );
}

/**
 * Every documented module, 1 for the ones the program switches on and 0 for the others.
 * `contentControl` is sent only when the program names it, and then its three parts carry the same
 * value: GravityZone copies it to them and refuses a different value for any of them (77211-135298).
 */
function modulesWire(m: Partial<Record<PackageModule, boolean>>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of PACKAGE_MODULES) {
    if (k === "contentControl" && m.contentControl === undefined) continue;
    const partOf =
      (CONTENT_CONTROL_PARTS as readonly string[]).includes(k) && m[k] === undefined ? m.contentControl : undefined;
    out[k] = (m[k] ?? partOf) === true ? 1 : 0;
  }
  return out;
}

/** True when the package GravityZone reports differs from `news` in anything the program manages. */
function differs(now: PackageDetails, news: InstallationPackageInputs, base: InstallationPackageOutputs): boolean {
  const actual = reflect(base, now);
  return (["packageName", ...UPDATE_FIELDS] as const).some((f) => !sameValue(actual[f], news[f]));
}

/** Sends the whole desired package (see {@link updateParams}), given the package as read now. */
async function updatePackage(
  c: GravityZoneClient,
  id: string,
  now: PackageDetails,
  news: InstallationPackageInputs,
  unnamedOff = true,
): Promise<void> {
  await packageWrite(c, () => c.call("packages", "updatePackage", updateParams(id, now, news, unnamedOff), okResult));
}

/** @internal */
export const handler = defineHandler<InstallationPackageInputs, InstallationPackageOutputs>({
  type: "InstallationPackage",
  schema,
  replaceOn: [],
  fixed: {
    companyId:
      "A package cannot move to another company, and this provider never deletes a package to recreate it (its installation links would change). " +
      "Declare a new InstallationPackage for the other company instead.",
  },
  local: ["adopt"],

  async create(inputs) {
    const c = providerClient();
    const { id, adopted } = await createOrAdopt({
      what: `installation package "${inputs.packageName}"`,
      adopt: inputs.adopt,
      find: () => findByName(c, inputs.companyId, inputs.packageName),
      idOf: (p) => p.id,
      create: () =>
        packageWrite(c, () =>
          c.call(
            "packages",
            "createPackage",
            {
              packageName: inputs.packageName,
              companyId: inputs.companyId,
              description: inputs.description,
              language: inputs.language,
              modules: wire("modules", inputs),
              scanMode: scanModeWire(inputs.scanMode),
              roles: flagsWire(inputs.roles),
              settings: inputs.settings,
              deploymentOptions: inputs.deploymentOptions,
              productType: PRODUCT_CODES[inputs.productType],
            },
            newIdResult,
          ),
        ),
    });
    const outs: InstallationPackageOutputs = {
      ...inputs,
      packageId: id,
      installLinks: {},
      adopted,
      unnamedModulesOff: true,
    };
    if (adopted) {
      const now = await packageDetailsOf(c, id);
      if (differs(now, inputs, outs)) await updatePackage(c, id, now, inputs);
    }
    outs.installLinks = await linksOf(c, inputs.companyId, inputs.packageName);
    return { id, outs };
  },

  async read(id, olds) {
    const c = providerClient();
    const now = await packageDetailsOf(c, id);
    const out = reflect({ ...olds, packageId: id }, now);
    out.installLinks = await linksOf(c, now.companyId ?? olds.companyId, now.packageName, { reuse: true });
    return out;
  },

  async update(id, olds, news) {
    const c = providerClient();
    // updatePackage resets what it is not sent: read the package first and send all of it.
    await updatePackage(c, id, await packageDetailsOf(c, id), news, olds.unnamedModulesOff === true);
    const installLinks =
      olds.packageName === news.packageName ? olds.installLinks : await linksOf(c, news.companyId, news.packageName);
    return { ...olds, ...news, packageId: id, installLinks, adopted: olds.adopted };
  },

  async delete(id) {
    const c = providerClient();
    await packageWrite(c, () => c.call("packages", "deletePackage", { packageId: id }, okResult));
  },

  confirmAbsent: (id, olds) => packageUnlisted(providerClient(), olds.companyId, id),
});

const provider = dynamicProvider("installation-package");

/**
 * An installation package of a GravityZone company: the settings of the agent installer, and its
 * download links.
 *
 * @example
 * ```ts
 * const pkg = new gravityzone.InstallationPackage("servers", {
 *   packageName: "Servers",
 *   companyId: acme.companyId,
 *   language: "en_US",
 *   modules: { firewall: false, edrSensor: true },
 *   scanMode: { type: "custom", computers: { main: "local" } },
 * });
 * export const windowsInstaller = pkg.installLinks.windows;
 * ```
 */
export class InstallationPackage extends pulumi.dynamic.Resource {
  /** The Pulumi type token (used by policy packs' `validateResourceOfType`). */
  static readonly __pulumiType = "pulumi-nodejs:dynamic/gravityzone:InstallationPackage";
  /** The package name. */
  declare readonly packageName: pulumi.Output<string>;
  /** The owning company's id, when one was given. */
  declare readonly companyId: pulumi.Output<string | undefined>;
  /** The description. */
  declare readonly description: pulumi.Output<string | undefined>;
  /** The installer language. */
  declare readonly language: pulumi.Output<Language>;
  /** The module switches the program manages. */
  declare readonly modules: pulumi.Output<Partial<Record<PackageModule, boolean>> | undefined>;
  /** The scan mode, when managed. */
  declare readonly scanMode: pulumi.Output<
    | {
        type: "automatic" | "custom";
        computers?: { main: ScanEngine; fallback?: ScanEngine };
        vms?: { main: ScanEngine; fallback?: ScanEngine };
        ec2?: { main: ScanEngine; fallback?: ScanEngine };
      }
    | undefined
  >;
  /** The role switches the program manages. */
  declare readonly roles: pulumi.Output<Partial<Record<PackageRole, boolean>> | undefined>;
  /** The package settings, when managed. */
  declare readonly settings: pulumi.Output<Record<string, unknown> | undefined>;
  /** The deployment options, when managed. */
  declare readonly deploymentOptions: pulumi.Output<Record<string, unknown> | undefined>;
  /** The product the package installs. */
  declare readonly productType: pulumi.Output<ProductType>;
  /** The package's id (also `id`). */
  declare readonly packageId: pulumi.Output<string>;
  /** The download links (windows, mac, macArm, linux, full kits). */
  declare readonly installLinks: pulumi.Output<InstallLinks>;
  /** True when an existing package was adopted. */
  declare readonly adopted: pulumi.Output<boolean>;

  /** Declares an installation package. */
  constructor(name: string, args: InstallationPackageArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      provider,
      name,
      { packageId: undefined, installLinks: undefined, adopted: undefined, ...args },
      opts,
      "gravityzone",
      "InstallationPackage",
    );
  }
}
