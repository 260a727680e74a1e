/**
 * The `packages` API: createPackage, updatePackage, getPackagesList, getPackageDetails,
 * deletePackage, getInstallationLinks.
 *
 * Choices where the reference is silent: package names are ≤255 characters, without HTML, unique
 * case-insensitively within a company; installation links are derived from the package id and ring
 * (the same package always has the same links); packages are listed by name.
 */
import { createHash } from "node:crypto";
import { isoUtc } from "../clock";
import { invalidParams } from "../errors";
import { newObjectId } from "../ids";
import { anyObject, flags, id, int, obj, pagingShape, readParams, req, str } from "../params";
import { requireCompany, requirePackage } from "../scope";
import type { PackageRecord, TenantState } from "../state";
import { isCompanyWithin, nameKey } from "../tree";
import { packageLanguageRule } from "./accounts-rules";
import { pageOf, read, write, type MethodContext, type ModuleMethods } from "./registry";
import { compareCodes, compareNames } from "../collation";

/**
 * The module switches a package stores (each 0 or 1): the createPackage/updatePackage keys of
 * 77211-135298 / 77211-532512 except contentControl, which only sets userControl, antiphishing and
 * trafficScan.
 */
export const STORED_MODULES = [
  "advancedThreatControl",
  "firewall",
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
 * The `modules` keys createPackage/updatePackage accept (77211-135298): the stored switches plus the
 * deprecated contentControl and atc ("The atc module is deprecated. It is recommended to use
 * advancedThreatControl instead.": still accepted, as an alias of advancedThreatControl).
 */
export const PACKAGE_MODULES = ["contentControl", "atc", ...STORED_MODULES] as const;

/** The longest package name accepted. */
export const PACKAGE_NAME_MAX = 255;

const zeroOne = () => int({ oneOf: [0, 1] });

/** Scan engine codes (77209-135301): 1 Central Scanning (Security Server), 2 Hybrid Scanning, 3 Local Scanning. */
export const SCAN_ENGINES = [1, 2, 3] as const;

/** `scanMode.type` codes: 1 automatic, 2 custom (77211-135298). */
export const SCAN_MODE_TYPES = [1, 2] as const;

/** `productType` codes (77209-532512): 0 detection and prevention, 3 EDR (report only), 5 PHASR standalone. */
export const PRODUCT_TYPES = [0, 3, 5] as const;

const engineShape = obj({ main: int({ oneOf: SCAN_ENGINES }), fallback: int({ oneOf: SCAN_ENGINES }) });

const packageFields = {
  description: str({ nonEmpty: false, max: 1024, noHtml: true }),
  language: packageLanguageRule(), // 77211-135298: en_US, es_ES, de_DE, fr_FR, ro_RO, pl_PL, pt_BR, it_IT, ru_RU
  modules: flags(zeroOne(), PACKAGE_MODULES), // 77211-135298: "The values can be 1 (enabled) or 0 (disabled)."
  // 77211-135298: "The accepted keys are: type, vms, computers, and ec2 if the AWS integration is set up."
  scanMode: obj({ type: int({ oneOf: SCAN_MODE_TYPES }), computers: engineShape, vms: engineShape, ec2: engineShape }),
  settings: anyObject(),
  // assumed: the role members are not readable; "roles to be enabled or disabled" takes the modules' 1/0 convention.
  roles: flags(zeroOne()),
  deploymentOptions: anyObject(),
  productType: int({ oneOf: PRODUCT_TYPES }),
};

/** Refuses a package name the company already uses (other than `selfId`). */
export function assertPackageNameFree(state: TenantState, companyId: string, name: string, selfId?: string): void {
  const key = nameKey(name);
  for (const p of Object.values(state.packages)) {
    if (p.companyId === companyId && p.id !== selfId && nameKey(p.name) === key)
      throw invalidParams(`A package with the name "${name}" already exists.`);
  }
}

/**
 * The stored module switches from the `modules` sent, over `base` (an update from the console keeps
 * the switches it does not name; the API starts from all disabled).
 * - 77211-135298: "If the module is not sent, it will be considered disabled."
 * - 77211-135298: contentControl's value "will automatically be assigned to the userControl, antiphishing,
 *   and trafficScan. Trying to assign a different value to any of the three keys will result in an error."
 * - assumed: atc is the deprecated name of advancedThreatControl; both with different values is refused
 *   the same way.
 */
export function normalizeModules(
  sent: Readonly<Record<string, number>> | undefined,
  base?: Readonly<Record<string, number>>,
): Record<string, number> {
  const out: Record<string, number> = Object.fromEntries(STORED_MODULES.map((m) => [m, base?.[m] === 1 ? 1 : 0]));
  if (sent === undefined) return out;
  for (const m of STORED_MODULES) if (sent[m] !== undefined) out[m] = sent[m]!;
  if (sent.atc !== undefined) {
    if (sent.advancedThreatControl !== undefined && sent.advancedThreatControl !== sent.atc) {
      throw invalidParams(
        "Invalid value for 'modules.atc' parameter. It must have the same value as 'modules.advancedThreatControl' when both are sent.",
      );
    }
    out.advancedThreatControl = sent.atc;
  }
  if (sent.contentControl !== undefined) {
    for (const m of ["userControl", "antiphishing", "trafficScan"]) {
      if (sent[m] !== undefined && sent[m] !== sent.contentControl) {
        throw invalidParams(
          `Invalid value for 'modules.${m}' parameter. It must have the same value as 'modules.contentControl' when both are sent.`,
        );
      }
      out[m] = sent.contentControl;
    }
  }
  return out;
}

/** The modules an EDR (Report only) package must have (77211-135298). */
const EDR_REPORT_ONLY_ON = [
  "edrSensor",
  "userControl",
  "antiphishing",
  "trafficScan",
  "networkAttackDefense",
  "advancedThreatControl",
];

/**
 * 77211-135298: "For EDR (Report only), the modules parameter must have the default configuration:
 * edrSensor, contentControl, networkAttackDefense and advancedThreatControl are set to 1 (enabled). All
 * other modules are set to 0." Assumed: a different configuration (including none sent, which reads as
 * all disabled) is refused, the reading a client can rely on whether the server refuses or overrides.
 */
function checkProductModules(productType: number, modules: Readonly<Record<string, number>>): void {
  if (productType !== 3) return;
  const wrong = STORED_MODULES.filter((m) => modules[m] !== (EDR_REPORT_ONLY_ON.includes(m) ? 1 : 0));
  if (wrong.length > 0) {
    throw invalidParams(
      "Invalid value for 'modules' parameter. EDR (Report only) packages (productType 3) need edrSensor, contentControl, networkAttackDefense and " +
        `advancedThreatControl set to 1 and every other module set to 0 (different: ${wrong.join(", ")}).`,
    );
  }
}

/** The scanMode parameter as read. */
interface ScanModeParams {
  type?: number;
  computers?: Record<string, unknown>;
  vms?: Record<string, unknown>;
  ec2?: unknown;
}

/**
 * The stored scan mode (77211-135298). Type defaults to 1 (automatic; assumed: the page does not mark it
 * mandatory). With type 2 "the computers, vms and ec2 keys and values need to be sent, otherwise the
 * default values will be filled by the system": assumed default Local Scanning (3) as the main engine.
 * ec2 only "if the AWS integration is set up": the emulator has no AWS integration, so ec2 is refused.
 */
function normalizeScanMode(sent: ScanModeParams | undefined): Record<string, unknown> {
  if (sent?.ec2 !== undefined)
    throw invalidParams("Invalid value for 'scanMode.ec2' parameter. The AWS integration is not set up.");
  const type = sent?.type ?? 1;
  const out: Record<string, unknown> = { type };
  if (sent?.computers !== undefined) out.computers = sent.computers;
  if (sent?.vms !== undefined) out.vms = sent.vms;
  if (type === 2) {
    out.computers ??= { main: 3 };
    out.vms ??= { main: 3 };
  }
  return out;
}

/** The package parameters createPackage and updatePackage share. */
interface PackageParams {
  description?: string;
  language?: string;
  modules?: Record<string, number>;
  scanMode?: ScanModeParams;
  settings?: Record<string, unknown>;
  roles?: Record<string, number>;
  deploymentOptions?: Record<string, unknown>;
  productType?: number;
}

/**
 * A whole package configuration from createPackage/updatePackage parameters: what is not sent takes
 * its default, on create and on update alike.
 * - description: "If no value is passed, the description will be an empty string." (77211-135298, 77209-532512)
 * - language: "If not specified, the default value is en_US." (same pages)
 * - modules: "If the module is not sent, it will be considered disabled." (same pages)
 * - assumed: scanMode ({type: 1}), settings ({}), roles ({}), deploymentOptions ({}) and productType (0,
 *   Detection and prevention) are reset the same way when not sent; the pages say nothing, and a client
 *   that sends the whole configuration is right under every reading.
 */
type PackageConfig = Pick<
  PackageRecord,
  "description" | "language" | "modules" | "scanMode" | "settings" | "roles" | "deploymentOptions" | "productType"
>;

function packageConfig(p: PackageParams): PackageConfig {
  const modules = normalizeModules(p.modules);
  const productType = p.productType ?? 0;
  checkProductModules(productType, modules);
  return {
    description: p.description ?? "",
    language: p.language ?? "en_US",
    modules,
    scanMode: normalizeScanMode(p.scanMode),
    settings: p.settings ?? {},
    roles: p.roles ?? {},
    deploymentOptions: p.deploymentOptions ?? {},
    productType,
  };
}

function createPackage(raw: unknown, ctx: MethodContext): string {
  const p = readParams(raw, {
    packageName: req(str({ max: PACKAGE_NAME_MAX, noHtml: true })),
    companyId: id(),
    ...packageFields,
  });
  // 77211-135298: companyId defaults to "the ID of the company linked to the user who generated the API key".
  const company = requireCompany(ctx.state, ctx.caller, p.companyId);
  const config = packageConfig(p);
  assertPackageNameFree(ctx.state, company.id, p.packageName);
  const pid = newObjectId(ctx.now.getTime());
  ctx.state.packages[pid] = {
    id: pid,
    companyId: company.id,
    name: p.packageName,
    ...config,
    type: 4,
    createdAt: isoUtc(ctx.now),
  };
  return pid; // assumed: the new package's id (see the catalogue entry)
}

/** A console edit of a package: only the fields given change (modules and roles merge into the current ones). */
export interface PackageEdit {
  packageName?: string;
  description?: string;
  language?: string;
  modules?: Record<string, number>;
  scanMode?: Record<string, unknown>;
  settings?: Record<string, unknown>;
  roles?: Record<string, number>;
  deploymentOptions?: Record<string, unknown>;
  productType?: number;
}

/** Applies a console-style partial edit to a package (the API's updatePackage replaces the whole configuration instead). */
export function applyPackageUpdate(state: TenantState, pkg: PackageRecord, p: PackageEdit): void {
  const modules = p.modules !== undefined ? normalizeModules(p.modules, pkg.modules) : pkg.modules;
  if (p.packageName !== undefined) assertPackageNameFree(state, pkg.companyId, p.packageName, pkg.id);
  if (p.packageName !== undefined) pkg.name = p.packageName;
  if (p.description !== undefined) pkg.description = p.description;
  if (p.language !== undefined) pkg.language = p.language;
  pkg.modules = modules;
  if (p.scanMode !== undefined) pkg.scanMode = p.scanMode;
  if (p.settings !== undefined) pkg.settings = p.settings;
  if (p.roles !== undefined) pkg.roles = { ...pkg.roles, ...p.roles };
  if (p.deploymentOptions !== undefined) pkg.deploymentOptions = p.deploymentOptions;
  if (p.productType !== undefined) pkg.productType = p.productType;
}

function updatePackage(raw: unknown, ctx: MethodContext): boolean {
  // 77209-532512: packageId and packageName are mandatory; companyId is on the partners page (77211-532512) only.
  const p = readParams(raw, {
    packageId: req(id()),
    packageName: req(str({ max: PACKAGE_NAME_MAX, noHtml: true })),
    companyId: id(),
    ...packageFields,
  });
  const pkg = requirePackage(ctx.state, ctx.caller, p.packageId);
  // assumed: companyId names the package's company (it cannot move a package); another visible company is refused.
  if (p.companyId !== undefined && requireCompany(ctx.state, ctx.caller, p.companyId).id !== pkg.companyId) {
    throw invalidParams(
      `Invalid value for 'companyId' parameter. The package "${pkg.name}" does not belong to the company "${p.companyId}".`,
    );
  }
  const config = packageConfig(p);
  assertPackageNameFree(ctx.state, pkg.companyId, p.packageName, pkg.id);
  Object.assign(pkg, { name: p.packageName, ...config });
  return true; // assumed: the page is cut before its return value (see the catalogue entry)
}

function getPackagesList(raw: unknown, ctx: MethodContext) {
  const p = readParams(raw, { companyId: id(), ...pagingShape(100) });
  const company = requireCompany(ctx.state, ctx.caller, p.companyId);
  const list = Object.values(ctx.state.packages)
    .filter((k) => k.companyId === company.id)
    .sort((a, b) => compareNames(a.name, b.name) || compareCodes(a.id, b.id));
  const page = pageOf(list, p.page, p.perPage);
  return { ...page, items: page.items.map((k) => ({ id: k.id, name: k.name, type: k.type })) };
}

/** The modules getPackageDetails reports, in the page's order (77211-135301). */
export const DETAIL_MODULES = [
  "antimalware",
  "advancedThreatControl",
  "atc",
  "firewall",
  "contentControl",
  "userControl",
  "antiphishing",
  "trafficScan",
  "deviceControl",
  "powerUser",
  "containerProtection",
  "advancedAntiExploit",
  "encryption",
  "patchManagement",
  "edrSensor",
  "networkAttackDefense",
  "integrityMonitoring",
] as const;

/**
 * getPackageDetails' modules (77211-135301): every documented member, 1 or 0.
 * - contentControl: "It will show as enabled if userControl, antiphishing, and trafficScan are all set as
 *   enabled, otherwise it will show disabled."
 * - atc: the deprecated name, shown with advancedThreatControl's value (the page lists "advancedThreatControl and atc").
 * - antimalware has no createPackage/updatePackage switch: assumed on (1) in Detection and prevention
 *   packages (productType 0) and off (0) in EDR (Report only) and PHASR Standalone packages.
 */
export function detailModules(k: PackageRecord): Record<string, number> {
  const on = (m: string) => (k.modules[m] === 1 ? 1 : 0);
  const derived: Record<string, number> = {
    antimalware: k.productType === 0 ? 1 : 0,
    atc: on("advancedThreatControl"),
    contentControl: on("userControl") && on("antiphishing") && on("trafficScan") ? 1 : 0,
  };
  return Object.fromEntries(DETAIL_MODULES.map((m) => [m, derived[m] ?? on(m)]));
}

/**
 * getPackageDetails' answer (77209-135301): packageName, description, language, modules, scanMode,
 * settings, then (assumed: the stored page is cut inside settings) roles, deploymentOptions and
 * productType, the remaining createPackage parameters in the same order. No id, companyId or type:
 * the readable part of the page has none.
 */
export function packageDetails(k: PackageRecord): Record<string, unknown> {
  return {
    packageName: k.name,
    description: k.description,
    language: k.language,
    modules: detailModules(k),
    scanMode: k.scanMode,
    settings: k.settings,
    roles: k.roles,
    deploymentOptions: k.deploymentOptions,
    productType: k.productType,
  };
}

function getPackageDetails(raw: unknown, ctx: MethodContext) {
  const p = readParams(raw, { packageId: req(id()) });
  return packageDetails(requirePackage(ctx.state, ctx.caller, p.packageId));
}

function deletePackage(raw: unknown, ctx: MethodContext): null {
  // assumed: {packageId} as Bitdefender's n8n node sends it; the page is not stored (see the catalogue entry).
  const p = readParams(raw, { packageId: req(id()) });
  delete ctx.state.packages[requirePackage(ctx.state, ctx.caller, p.packageId).id];
  return null;
}

/** The staging rings getInstallationLinks accepts: 0 Slow, 3 Production, 4 Test 1, 5 Test 2 (Bitdefender's n8n node). */
export const RINGS = [0, 3, 4, 5] as const;

/**
 * The download links of a package in a staging ring: deterministic per package id and ring. Assumed:
 * without ringId the links are the Production ring's (3). Entry members: packageName, companyName and
 * the download links (77209-135297, as Bitdefender's n8n node links it); no companyId.
 */
export function installationLinks(k: PackageRecord, companyName: string, ringId = 3): Record<string, string> {
  const seed = ringId === 3 ? `package:${k.id}` : `package:${k.id}:ring:${ringId}`;
  const token = Buffer.from(createHash("sha256").update(seed).digest()).toString("base64url");
  const base = "https://cloudgz.gravityzone.bitdefender.com/Packages";
  return {
    packageName: k.name,
    companyName,
    installLinkWindows: `${base}/BSTWIN/0/setupdownloader_[${token}].exe`,
    installLinkMac: `${base}/MAC/0/${token}/Bitdefender_for_MAC.pkg`,
    installLinkMacArm: `${base}/MAC/0/${token}/Bitdefender_for_MAC_ARM.pkg`,
    installLinkLinux: `${base}/BSTNIX/0/${token}/installer`,
    fullKitWindowsX32: `${base}/BSTWIN/0/${token}/Bitdefender_GravityZone_Full_Kit_x86.exe`,
    fullKitWindowsX64: `${base}/BSTWIN/0/${token}/Bitdefender_GravityZone_Full_Kit_x64.exe`,
    fullKitWindowsArm64: `${base}/BSTWIN/0/${token}/Bitdefender_GravityZone_Full_Kit_arm64.exe`,
    fullKitLinuxX64: `${base}/BSTNIX/0/${token}/Bitdefender_GravityZone_Full_Kit_x64.tar`,
    fullKitLinuxArm64: `${base}/BSTNIX/0/${token}/Bitdefender_GravityZone_Full_Kit_arm64.tar`,
  };
}

function getInstallationLinks(raw: unknown, ctx: MethodContext) {
  const p = readParams(raw, {
    companyId: id(),
    packageName: str({ max: PACKAGE_NAME_MAX }),
    ringId: int({ oneOf: RINGS }),
  });
  // n8n (77209-135297): companyId "If not included, the installation links available for all managed companies will be returned".
  const companyIds =
    p.companyId !== undefined
      ? new Set([requireCompany(ctx.state, ctx.caller, p.companyId).id])
      : new Set(Object.keys(ctx.state.companies).filter((c) => isCompanyWithin(ctx.state, c, ctx.caller.companyId)));
  let list = Object.values(ctx.state.packages).filter((k) => companyIds.has(k.companyId));
  // n8n (77209-135297): packageName "If not included, all packages will be returned"; assumed: no match answers [] (nothing documents an error).
  if (p.packageName !== undefined) list = list.filter((k) => nameKey(k.name) === nameKey(p.packageName!));
  return list
    .sort((a, b) => compareNames(a.name, b.name) || compareCodes(a.id, b.id))
    .map((k) => installationLinks(k, ctx.state.companies[k.companyId]?.name ?? "", p.ringId));
}

/** The packages module. */
export const packagesMethods: ModuleMethods = {
  createPackage: write(createPackage),
  updatePackage: write(updatePackage),
  getPackagesList: read(getPackagesList),
  getPackageDetails: read(getPackageDetails),
  deletePackage: write(deletePackage),
  getInstallationLinks: read(getInstallationLinks),
};
