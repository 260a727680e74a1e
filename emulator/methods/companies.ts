/**
 * The `companies` API: createCompany, getCompanyDetails, updateCompanyDetails, suspendCompany,
 * activateCompany, deleteCompany, getCompanyDetailsByUser, findCompaniesByName.
 * (`updateCompany` and `getCompaniesList` do not exist here and answer "Method not found".)
 */
import { isoUtc } from "../clock";
import { isCountryCode, SUBDIVISION_CODE } from "../countries";
import { invalidParams } from "../errors";
import { newObjectId } from "../ids";
import { addCompany, defaultLicense, removeCompany } from "../lifecycle";
import { bool, flags, id, int, obj, readParams, refine, req, str, anyObject } from "../params";
import { hashPassword, passwordProblem } from "../password";
import { requireCompany, type Caller } from "../scope";
import type { CompanyRecord, LicenseSubscription, TenantState } from "../state";
import { descendantCompanies, childCompanies, nameKey } from "../tree";
import { emailRule, languageRule, timezoneRule } from "./accounts-rules";
import { read, write, type MethodContext, type ModuleMethods } from "./registry";

const LICENSE_ADDONS = ["manageExchange", "manageEncryption", "manageRemoteEnginesScanning", "manageHyperDetect", "manageSandboxAnalyzer", "managePatchManagement", "manageEventCorrelator", "manageEmailSecurity"] as const;

/** True for a GravityZone industry code: 0–34, or a sub-industry `<industry>01`–`<industry>99`. */
function isIndustry(v: number): boolean {
  if (v >= 0 && v <= 34) return true;
  const base = Math.floor(v / 100);
  return base >= 1 && base <= 34 && v % 100 >= 1;
}

const countryRule = () => refine(str({ nonEmpty: false, max: 2 }), (v) => (v === "" || isCountryCode(v) ? undefined : "The value should be an ISO 3166-1 alpha-2 country code (e.g. US)."));
const stateRule = () =>
  refine(str({ nonEmpty: false, max: 6 }), (v) => {
    if (v === "") return undefined;
    const m = SUBDIVISION_CODE.exec(v);
    return m && isCountryCode(m[1]!) ? undefined : "The value should be an ISO 3166-2 subdivision code (e.g. US-CA).";
  });

const licenseShape = obj({
  type: int({ oneOf: [1, 2, 3, 4, 5, 6] }),
  licenseKey: str({ max: 64 }),
  reservedSlots: int({ min: 0, max: 1_000_000 }),
  endSubscription: refine(str({ nonEmpty: false, max: 32 }), (v) => (v === "" || !Number.isNaN(Date.parse(v)) ? undefined : "The value should be a date (e.g. 2026-12-31).")),
  autoRenewPeriod: int({ min: 0, max: 120 }),
  assignedProductType: int({ min: 0, max: 10 }),
  manageExchange: bool(),
  manageEncryption: bool(),
  manageRemoteEnginesScanning: bool(),
  manageHyperDetect: bool(),
  manageSandboxAnalyzer: bool(),
  managePatchManagement: bool(),
  manageEventCorrelator: bool(),
  manageEmailSecurity: bool(),
  ownUse: flags(bool(), [...LICENSE_ADDONS]),
  minimumUsage: anyObject(),
});

type LicenseInput = NonNullable<ReturnType<typeof licenseShape.check>>;

function licenseFrom(input: LicenseInput | undefined): LicenseSubscription {
  const lic = defaultLicense();
  if (!input) return lic;
  lic.type = input.type ?? 1;
  if (lic.type === 2 && input.licenseKey === undefined) throw invalidParams("Missing required parameter 'licenseSubscription.licenseKey'. A license key is required for the licensed subscription type (2).");
  if (input.licenseKey !== undefined && lic.type !== 2 && lic.type !== 1) throw invalidParams("Parameter 'licenseSubscription.licenseKey' is only allowed with subscription types 1 and 2.");
  if ((input.endSubscription !== undefined || input.autoRenewPeriod !== undefined) && lic.type !== 3) {
    throw invalidParams(`Parameter 'licenseSubscription.${input.endSubscription !== undefined ? "endSubscription" : "autoRenewPeriod"}' can only be set with the monthly subscription type (3).`);
  }
  lic.licenseKey = input.licenseKey ?? null;
  lic.reservedSlots = input.reservedSlots ?? null;
  lic.endSubscription = input.endSubscription ? input.endSubscription : null;
  lic.autoRenewPeriod = input.autoRenewPeriod ?? (lic.endSubscription ? 12 : null);
  lic.assignedProductType = input.assignedProductType ?? null;
  for (const k of LICENSE_ADDONS) if (input[k] !== undefined) lic.addons[k] = input[k];
  lic.ownUse = input.ownUse ?? null;
  return lic;
}

/** The licenseSubscription member of company details (unset fields left out). */
export function licenseView(l: LicenseSubscription): Record<string, unknown> {
  const out: Record<string, unknown> = { type: l.type };
  if (l.licenseKey !== null) out.licenseKey = l.licenseKey;
  if (l.reservedSlots !== null) out.reservedSlots = l.reservedSlots;
  if (l.endSubscription !== null) out.endSubscription = l.endSubscription;
  if (l.autoRenewPeriod !== null) out.autoRenewPeriod = l.autoRenewPeriod;
  if (l.assignedProductType !== null) out.assignedProductType = l.assignedProductType;
  Object.assign(out, l.addons);
  if (l.ownUse !== null) out.ownUse = l.ownUse;
  return out;
}

/** getCompanyDetails' answer for a company. */
export function companyDetails(c: CompanyRecord): Record<string, unknown> {
  return {
    id: c.id,
    type: c.type,
    name: c.name,
    address: c.address,
    phone: c.phone,
    country: c.country,
    state: c.state,
    industry: c.industry,
    canBeManagedByAbove: c.canBeManagedByAbove,
    enforce2FA: c.enforce2FA,
    skip2FAPeriod: c.skip2FAPeriod,
    isSuspended: c.isSuspended,
    createdAt: c.createdAt,
    parentId: c.parentId,
    assignedProductType: c.assignedProductType,
    licenseSubscription: licenseView(c.licenseSubscription),
    contactPerson: c.contactPerson,
  };
}

/** Refuses a name another company (other than `selfId`) already has, case-insensitively. */
export function assertCompanyNameFree(state: TenantState, name: string, selfId?: string): void {
  const key = nameKey(name);
  for (const c of Object.values(state.companies)) {
    if (c.id !== selfId && nameKey(c.name) === key) throw invalidParams(`A company with the name "${name}" already exists.`);
  }
}

function checkStateMatchesCountry(country: string | null, subdivision: string | null): void {
  if (country && subdivision && !subdivision.startsWith(`${country}-`)) {
    throw invalidParams(`Invalid value for 'state' parameter. The subdivision ${subdivision} is not in country ${country}.`);
  }
}

const nameRule = () => str({ max: 64 });
const addressRule = () => str({ nonEmpty: false, max: 128, noHtml: true });
const phoneRule = () => str({ nonEmpty: false, max: 32 });

/** The detail fields createCompany and updateCompanyDetails both take, with the same rules. */
const detailShape = {
  address: addressRule(),
  country: countryRule(),
  state: stateRule(),
  phone: phoneRule(),
  industry: refine(int({ min: 0 }), (v) => (isIndustry(v) ? undefined : "The value should be a valid industry code.")),
  canBeManagedByAbove: bool(),
  enforce2FA: bool(),
  skip2FAPeriod: int({ oneOf: [0, 1, 3, 7, 14, 30, 90] }),
};

const createShape = {
  type: req(int({ oneOf: [0, 1] })),
  name: req(nameRule()),
  parentId: id(),
  ...detailShape,
  assignedProductType: int({ min: 0, max: 10 }),
  licenseSubscription: licenseShape,
  accountEmail: emailRule(),
  accountFullName: str({ max: 128, noHtml: true }),
  accountTimezone: timezoneRule(),
  accountLanguage: languageRule(),
  accountPassword: str({ max: 128 }),
};

function createCompany(raw: unknown, ctx: MethodContext): string {
  const p = readParams(raw, createShape);
  const { state, caller, now } = ctx;
  const parent = requireCompany(state, caller, p.parentId);
  if (parent.type !== 0) throw invalidParams(`Invalid value for 'parentId' parameter. The company "${parent.name}" is not a partner company.`);
  const accountParams = [p.accountFullName, p.accountTimezone, p.accountLanguage, p.accountPassword];
  if (p.accountEmail === undefined && accountParams.some((v) => v !== undefined)) throw invalidParams("Missing required parameter 'accountEmail'. It is required when other account parameters are given.");
  if (p.accountEmail !== undefined && p.accountFullName === undefined) throw invalidParams("Missing required parameter 'accountFullName'. It is required when 'accountEmail' is given.");
  if (p.accountPassword !== undefined) {
    const why = passwordProblem(p.accountPassword);
    if (why) throw invalidParams(`Invalid value for 'accountPassword' parameter. ${why}`);
  }
  if (p.accountEmail !== undefined) assertEmailFree(state, p.accountEmail);
  const country = p.country ? p.country : null;
  const subdivision = p.state ? p.state : null;
  checkStateMatchesCountry(country, subdivision);
  assertCompanyNameFree(state, p.name);
  const license = licenseFrom(p.licenseSubscription);
  const companyId = newObjectId(now.getTime());
  const company = addCompany(
    state,
    {
      type: p.type as 0 | 1,
      name: p.name,
      parentId: parent.id,
      address: p.address ? p.address : null,
      phone: p.phone ? p.phone : null,
      country,
      state: subdivision,
      industry: p.industry ?? 0,
      canBeManagedByAbove: p.canBeManagedByAbove ?? true,
      enforce2FA: p.enforce2FA ?? false,
      skip2FAPeriod: p.skip2FAPeriod ?? null,
      assignedProductType: p.assignedProductType ?? 0,
      licenseSubscription: license,
      contactPerson: p.accountEmail ? { fullName: p.accountFullName!, email: p.accountEmail, phone: null } : null,
    },
    { companyId, policyId: newObjectId(now.getTime()) },
    now,
  );
  if (p.accountEmail !== undefined) {
    const accountId = newObjectId(now.getTime());
    state.accounts[accountId] = {
      id: accountId,
      email: p.accountEmail,
      userName: p.accountEmail,
      companyId: company.id,
      fullName: p.accountFullName!,
      timezone: p.accountTimezone ?? "UTC",
      language: p.accountLanguage ?? "en_US",
      role: company.type === 0 ? 4 : 1,
      rights: {},
      targetIds: [],
      phoneNumber: null,
      passwordHash: p.accountPassword ? hashPassword(p.accountPassword) : null,
      createdAt: isoUtc(now),
    };
  }
  return company.id;
}

/** Refuses an email another account (other than `selfId`) already uses, case-insensitively. */
export function assertEmailFree(state: TenantState, email: string, selfId?: string): void {
  const key = email.toLowerCase();
  for (const a of Object.values(state.accounts)) {
    if (a.id !== selfId && (a.email.toLowerCase() === key || a.userName.toLowerCase() === key)) throw invalidParams(`An account with the email "${email}" already exists.`);
  }
}

function getCompanyDetails(raw: unknown, ctx: MethodContext) {
  const p = readParams(raw, { companyId: id() });
  return companyDetails(requireCompany(ctx.state, ctx.caller, p.companyId));
}

const updateShape = {
  id: id(),
  name: nameRule(),
  type: int({ oneOf: [0, 1] }),
  ...detailShape,
};

function updateCompanyDetails(raw: unknown, ctx: MethodContext): null {
  const p = readParams(raw, updateShape);
  const { state, caller } = ctx;
  const c = requireCompany(state, caller, p.id);
  if (p.name !== undefined) assertCompanyNameFree(state, p.name, c.id);
  if (p.type !== undefined && p.type !== c.type) {
    if (c.id === caller.companyId) throw invalidParams("The type of your own company cannot be changed.");
    if (p.type === 1 && childCompanies(state, c.id).length > 0) throw invalidParams(`The company "${c.name}" manages other companies and cannot become a customer company.`);
  }
  const country = p.country !== undefined ? p.country || null : c.country;
  const subdivision = p.state !== undefined ? p.state || null : c.state;
  checkStateMatchesCountry(country, subdivision);
  if (p.name !== undefined) c.name = p.name;
  if (p.type !== undefined) c.type = p.type as 0 | 1;
  if (p.address !== undefined) c.address = p.address || null;
  if (p.phone !== undefined) c.phone = p.phone || null;
  c.country = country;
  c.state = subdivision;
  if (p.industry !== undefined) c.industry = p.industry;
  if (p.canBeManagedByAbove !== undefined) c.canBeManagedByAbove = p.canBeManagedByAbove;
  if (p.enforce2FA !== undefined) c.enforce2FA = p.enforce2FA;
  if (p.skip2FAPeriod !== undefined) c.skip2FAPeriod = p.skip2FAPeriod;
  return null;
}

/** Sets `isSuspended` on a company (and, with `recursive`, on every company below it). */
export function setSuspended(state: TenantState, caller: Caller, companyId: string, suspended: boolean, recursive: boolean): void {
  const c = requireCompany(state, caller, companyId);
  if (c.id === caller.companyId) throw invalidParams(`Your own company cannot be ${suspended ? "suspended" : "activated"}.`);
  c.isSuspended = suspended;
  if (recursive) for (const d of descendantCompanies(state, c.id)) d.isSuspended = suspended;
}

const suspendShape = { companyId: req(id()), recursive: bool() };

function suspendCompany(raw: unknown, ctx: MethodContext): null {
  const p = readParams(raw, suspendShape);
  setSuspended(ctx.state, ctx.caller, p.companyId, true, p.recursive ?? false);
  return null;
}

function activateCompany(raw: unknown, ctx: MethodContext): null {
  const p = readParams(raw, suspendShape);
  setSuspended(ctx.state, ctx.caller, p.companyId, false, p.recursive ?? false);
  return null;
}

function deleteCompany(raw: unknown, ctx: MethodContext): null {
  const p = readParams(raw, { companyId: req(id()) });
  const { state, caller } = ctx;
  const c = requireCompany(state, caller, p.companyId);
  if (c.id === caller.companyId) throw invalidParams("Your own company cannot be deleted.");
  const children = childCompanies(state, c.id);
  if (children.length > 0) throw invalidParams(`The partner company "${c.name}" cannot be deleted because it manages ${children.length} other ${children.length === 1 ? "company" : "companies"}. Delete or move them first.`);
  removeCompany(state, c.id);
  return null;
}

function getCompanyDetailsByUser(raw: unknown, ctx: MethodContext) {
  const p = readParams(raw, { username: req(str({ max: 254 })) });
  const key = p.username.toLowerCase();
  const account = Object.values(ctx.state.accounts).find((a) => a.userName.toLowerCase() === key || a.email.toLowerCase() === key);
  if (!account) throw invalidParams(`The user "${p.username}" was not found.`);
  try {
    return companyDetails(requireCompany(ctx.state, ctx.caller, account.companyId));
  } catch {
    throw invalidParams(`The user "${p.username}" was not found.`);
  }
}

function findCompaniesByName(raw: unknown, ctx: MethodContext) {
  const p = readParams(raw, { nameFilter: req(str({ max: 64 })) });
  const needle = p.nameFilter.toLowerCase();
  const visible = [ctx.state.companies[ctx.caller.companyId]!, ...descendantCompanies(ctx.state, ctx.caller.companyId)];
  return visible.filter((c) => c.name.toLowerCase().includes(needle)).map((c) => ({ id: c.id, name: c.name, type: c.type, parentId: c.parentId }));
}

/** The companies module. */
export const companiesMethods: ModuleMethods = {
  createCompany: write(createCompany),
  getCompanyDetails: read(getCompanyDetails),
  updateCompanyDetails: write(updateCompanyDetails),
  suspendCompany: write(suspendCompany),
  activateCompany: write(activateCompany),
  deleteCompany: write(deleteCompany),
  getCompanyDetailsByUser: read(getCompanyDetailsByUser),
  findCompaniesByName: read(findCompaniesByName),
};
