/**
 * The `licensing` API: getLicenseInfo and getMonthlyUsage (read-only). Seat usage is the number of
 * managed endpoints of the company and the companies below it.
 */
import { bool, id, readParams, refine, str } from "../params";
import { requireCompany } from "../scope";
import type { CompanyRecord, TenantState } from "../state";
import { isCompanyWithin } from "../tree";
import { read, type MethodContext, type ModuleMethods } from "./registry";

function usedSlots(state: TenantState, companyId: string): number {
  let n = 0;
  for (const e of Object.values(state.endpoints)) if (e.isManaged && isCompanyWithin(state, e.companyId, companyId)) n++;
  return n;
}

function expiry(c: CompanyRecord): string {
  const created = new Date(c.createdAt);
  const months = c.licenseSubscription.type === 1 ? 1 : 12;
  return new Date(Date.UTC(created.getUTCFullYear(), created.getUTCMonth() + months, created.getUTCDate())).toISOString();
}

function getLicenseInfo(raw: unknown, ctx: MethodContext) {
  const p = readParams(raw, { companyId: id(), returnAllProducts: bool() });
  const c = requireCompany(ctx.state, ctx.caller, p.companyId);
  const l = c.licenseSubscription;
  const used = usedSlots(ctx.state, c.id);
  const info: Record<string, unknown> = {
    subscriptionType: l.type,
    isAddon: false,
    expiryDate: l.endSubscription ?? expiry(c),
    usedSlots: used,
    totalSlots: l.reservedSlots ?? (l.type === 3 ? 0 : Math.max(100, Math.ceil(used / 50) * 50)),
    licenseKey: l.licenseKey ?? (l.type === 1 || l.type === 2 ? `${c.id.slice(0, 6).toUpperCase()}` : null),
    manageExchange: l.addons.manageExchange ?? false,
    manageEncryption: l.addons.manageEncryption ?? false,
    manageRemoteEnginesScanning: l.addons.manageRemoteEnginesScanning ?? false,
    manageHyperDetect: l.addons.manageHyperDetect ?? true,
    manageSandboxAnalyzer: l.addons.manageSandboxAnalyzer ?? false,
    managePatchManagement: l.addons.managePatchManagement ?? false,
    manageEventCorrelator: l.addons.manageEventCorrelator ?? true,
    manageEmailSecurity: l.addons.manageEmailSecurity ?? false,
  };
  if (l.type === 3) {
    info.endSubscription = l.endSubscription;
    info.autoRenewPeriod = l.autoRenewPeriod;
  }
  if (p.returnAllProducts) {
    info.products = [{ productType: c.assignedProductType, subscriptionType: l.type, usedSlots: used, totalSlots: info.totalSlots, expiryDate: info.expiryDate, isAddon: false }];
  }
  return info;
}

function getMonthlyUsage(raw: unknown, ctx: MethodContext) {
  const p = readParams(raw, {
    companyId: id(),
    targetMonth: refine(str({ max: 7 }), (v) => (/^(0[1-9]|1[0-2])\/\d{4}$/.test(v) ? undefined : "The value should be a month in the format mm/yyyy.")),
  });
  const c = requireCompany(ctx.state, ctx.caller, p.companyId);
  const used = usedSlots(ctx.state, c.id);
  return {
    endpointMonthlyUsage: used,
    exchangeMonthlyUsage: 0,
    encryptionMonthlyUsage: 0,
    hyperDetectMonthlyUsage: used,
    sandboxAnalyzerMonthlyUsage: 0,
    patchManagementMonthlyUsage: 0,
    eventCorrelatorMonthlyUsage: Math.floor(used / 2),
    mobileMonthlyUsage: 0,
  };
}

/** The licensing module. */
export const licensingMethods: ModuleMethods = {
  getLicenseInfo: read(getLicenseInfo),
  getMonthlyUsage: read(getMonthlyUsage),
};
