/**
 * The `packages` API: createPackage, updatePackage, getPackagesList, getPackageDetails,
 * deletePackage, getInstallationLinks.
 *
 * Choices where the reference is silent: package names are ≤255 characters, without HTML, unique
 * case-insensitively within a company; installation links are derived from the package id (the same
 * package always has the same links); packages are listed by name.
 */
import { createHash } from "node:crypto";
import { isoUtc } from "../clock";
import { invalidParams } from "../errors";
import { newObjectId } from "../ids";
import { anyObject, flags, id, int, obj, pagingShape, readParams, req, str } from "../params";
import { requireCompany, requirePackage } from "../scope";
import type { PackageRecord, TenantState } from "../state";
import { nameKey } from "../tree";
import { LANGUAGES } from "./accounts-rules";
import { pageOf, read, write, type MethodContext, type ModuleMethods } from "./registry";
import { compareCodes, compareNames } from "../collation";

/** Module switches a package may set (each 0 or 1). */
export const PACKAGE_MODULES = [
  "antimalware",
  "advancedThreatControl",
  "hyperDetect",
  "firewall",
  "networkAttackDefense",
  "contentControl",
  "deviceControl",
  "powerUser",
  "edrSensor",
  "sandboxAnalyzer",
  "encryption",
  "patchManagement",
  "exchange",
  "integrityMonitoring",
  "containerProtection",
  "riskManagement",
  "applicationControl",
  "advancedAntiExploit",
] as const;

/** Role switches a package may set (each 0 or 1). */
export const PACKAGE_ROLES = ["relay", "exchange", "patchCachingServer"] as const;

/** The longest package name accepted. */
export const PACKAGE_NAME_MAX = 255;

const zeroOne = () => int({ oneOf: [0, 1] });

const engineShape = obj({ main: int({ oneOf: [1, 2, 3, 4] }), fallback: int({ oneOf: [1, 2, 3, 4] }) });

const packageFields = {
  description: str({ nonEmpty: false, max: 1024, noHtml: true }),
  language: str({ oneOf: LANGUAGES }),
  modules: flags(zeroOne(), PACKAGE_MODULES),
  scanMode: obj({ type: req(int({ oneOf: [1, 2] })), computers: engineShape, vms: engineShape, ec2: engineShape }),
  settings: anyObject(),
  roles: flags(zeroOne(), PACKAGE_ROLES),
  deploymentOptions: anyObject(),
  productType: int({ oneOf: [0, 3, 5] }),
};

/** Refuses a package name the company already uses (other than `selfId`). */
export function assertPackageNameFree(state: TenantState, companyId: string, name: string, selfId?: string): void {
  const key = nameKey(name);
  for (const p of Object.values(state.packages)) {
    if (p.companyId === companyId && p.id !== selfId && nameKey(p.name) === key) throw invalidParams(`A package with the name "${name}" already exists.`);
  }
}

function defaultModules(): Record<string, number> {
  return { antimalware: 1, advancedThreatControl: 1, hyperDetect: 0, firewall: 1, networkAttackDefense: 1, contentControl: 0, deviceControl: 0, powerUser: 0, edrSensor: 1, advancedAntiExploit: 1 };
}

function createPackage(raw: unknown, ctx: MethodContext): string {
  const p = readParams(raw, { packageName: req(str({ max: PACKAGE_NAME_MAX, noHtml: true })), companyId: id(), ...packageFields });
  const company = requireCompany(ctx.state, ctx.caller, p.companyId);
  assertPackageNameFree(ctx.state, company.id, p.packageName);
  const pid = newObjectId(ctx.now.getTime());
  ctx.state.packages[pid] = {
    id: pid,
    companyId: company.id,
    name: p.packageName,
    description: p.description ?? "",
    language: p.language ?? "en_US",
    modules: { ...defaultModules(), ...p.modules },
    scanMode: p.scanMode ?? { type: 1 },
    settings: p.settings ?? {},
    roles: { relay: 0, exchange: 0, ...p.roles },
    deploymentOptions: p.deploymentOptions ?? { type: 1 },
    productType: p.productType ?? 0,
    type: 4,
    createdAt: isoUtc(ctx.now),
  };
  return pid;
}

/** Applies updatePackage-style fields to a package (shared with the console action). */
export function applyPackageUpdate(state: TenantState, pkg: PackageRecord, p: { packageName?: string; description?: string; language?: string; modules?: Record<string, number>; scanMode?: Record<string, unknown>; settings?: Record<string, unknown>; roles?: Record<string, number>; deploymentOptions?: Record<string, unknown>; productType?: number }): void {
  if (p.packageName !== undefined) {
    assertPackageNameFree(state, pkg.companyId, p.packageName, pkg.id);
    pkg.name = p.packageName;
  }
  if (p.description !== undefined) pkg.description = p.description;
  if (p.language !== undefined) pkg.language = p.language;
  if (p.modules !== undefined) pkg.modules = { ...defaultModules(), ...p.modules };
  if (p.scanMode !== undefined) pkg.scanMode = p.scanMode;
  if (p.settings !== undefined) pkg.settings = p.settings;
  if (p.roles !== undefined) pkg.roles = { relay: 0, exchange: 0, ...p.roles };
  if (p.deploymentOptions !== undefined) pkg.deploymentOptions = p.deploymentOptions;
  if (p.productType !== undefined) pkg.productType = p.productType;
}

function updatePackage(raw: unknown, ctx: MethodContext): boolean {
  const p = readParams(raw, { packageId: req(id()), packageName: req(str({ max: PACKAGE_NAME_MAX, noHtml: true })), ...packageFields });
  applyPackageUpdate(ctx.state, requirePackage(ctx.state, ctx.caller, p.packageId), p);
  return true;
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

/** getPackageDetails' answer. */
export function packageDetails(k: PackageRecord): Record<string, unknown> {
  return {
    id: k.id,
    packageName: k.name,
    companyId: k.companyId,
    description: k.description,
    language: k.language,
    modules: k.modules,
    scanMode: k.scanMode,
    settings: k.settings,
    roles: k.roles,
    deploymentOptions: k.deploymentOptions,
    productType: k.productType,
    type: k.type,
  };
}

function getPackageDetails(raw: unknown, ctx: MethodContext) {
  const p = readParams(raw, { packageId: req(id()) });
  return packageDetails(requirePackage(ctx.state, ctx.caller, p.packageId));
}

function deletePackage(raw: unknown, ctx: MethodContext): null {
  const p = readParams(raw, { packageId: req(id()) });
  delete ctx.state.packages[requirePackage(ctx.state, ctx.caller, p.packageId).id];
  return null;
}

/** The download links of a package: deterministic per package id. */
export function installationLinks(k: PackageRecord, companyName: string): Record<string, string> {
  const token = Buffer.from(createHash("sha256").update(`package:${k.id}`).digest()).toString("base64url");
  const base = "https://cloudgz.gravityzone.bitdefender.com/Packages";
  return {
    packageName: k.name,
    companyName,
    companyId: k.companyId,
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
  const p = readParams(raw, { companyId: id(), packageName: str({ max: PACKAGE_NAME_MAX }) });
  const company = requireCompany(ctx.state, ctx.caller, p.companyId);
  let list = Object.values(ctx.state.packages).filter((k) => k.companyId === company.id);
  if (p.packageName !== undefined) {
    list = list.filter((k) => nameKey(k.name) === nameKey(p.packageName!));
    if (list.length === 0) throw invalidParams(`The package "${p.packageName}" was not found.`);
  }
  return list.sort((a, b) => compareNames(a.name, b.name)).map((k) => installationLinks(k, company.name));
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
