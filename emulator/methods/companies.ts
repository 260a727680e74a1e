/**
 * The `companies` API: createCompany, getCompanyDetails, updateCompanyDetails, suspendCompany,
 * activateCompany, deleteCompany, getCompanyDetailsByUser, findCompaniesByName.
 * (`updateCompany` and `getCompaniesList` do not exist here and answer "Method not found".)
 *
 * Reference pages are cited by id: 77211-… (partners), 77209-… (cloud); see `catalogue/companies.ts`.
 */
import { isoUtc } from "../clock";
import { isCountryCode, SUBDIVISION_CODE } from "../countries";
import { invalidParams } from "../errors";
import { newObjectId } from "../ids";
import { addCompany, defaultLicense, removeCompany } from "../lifecycle";
import {
  badValue,
  bool,
  flags,
  id,
  int,
  isPlainObject,
  obj,
  readParams,
  refine,
  req,
  str,
  anyObject,
  type Rule,
} from "../params";
import { verifyPassword } from "../password";
import { companyVisible, requireAccount, requireCompany, type Caller } from "../scope";
import type { CompanyRecord, ContactPerson, LicenseSubscription, TenantState } from "../state";
import { descendantCompanies, childCompanies, nameKey } from "../tree";
import { emailRule, languageRule, timezoneRule } from "./accounts-rules";
import { read, write, type MethodContext, type ModuleMethods } from "./registry";

/** The add-on switches of a licence (createCompany.licenseSubscription, setMonthlySubscription, getLicenseInfo). */
export const LICENSE_ADDONS = [
  "manageExchange",
  "manageEncryption",
  "manageRemoteEnginesScanning",
  "manageHyperDetect",
  "manageSandboxAnalyzer",
  "managePatchManagement",
  "manageEventCorrelator",
  "manageEmailSecurity",
] as const;

/** Each licence add-on switch is a boolean, in licenseSubscription and in setMonthlySubscription alike. */
export const ADDON_SWITCH_RULES = Object.fromEntries(LICENSE_ADDONS.map((k) => [k, bool()])) as Record<
  (typeof LICENSE_ADDONS)[number],
  ReturnType<typeof bool>
>;

/** True for a GravityZone industry code: 0–34, or a sub-industry `<industry>01`–`<industry>99`. */
function isIndustry(v: number): boolean {
  if (v >= 0 && v <= 34) return true;
  const base = Math.floor(v / 100);
  return base >= 1 && base <= 34 && v % 100 >= 1;
}

/** "N/A" is the documented default of country/state (77211-126236, older 77211-126238): it reads as "not set". */
const NOT_SET = "N/A";

const countryRule = () =>
  refine(str({ nonEmpty: false, max: 3 }), (v) =>
    v === "" || v === NOT_SET || isCountryCode(v)
      ? undefined
      : "The value should be an ISO 3166-1 alpha-2 country code (e.g. US).",
  );
const stateRule = () =>
  refine(str({ nonEmpty: false, max: 6 }), (v) => {
    if (v === "" || v === NOT_SET) return undefined;
    const m = SUBDIVISION_CODE.exec(v);
    return m && isCountryCode(m[1]!) ? undefined : "The value should be an ISO 3166-2 subdivision code (e.g. US-CA).";
  });

/** `''` or "N/A" (not set) → null; anything else as given. */
const codeOrNull = (v: string): string | null => (v === "" || v === NOT_SET ? null : v);

/** True for a UTC date (`YYYY-MM-DD`, optionally with a time) that exists in the calendar. */
export function isUtcDate(v: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?Z?)?$/.exec(v);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return false;
  return (
    (m[4] === undefined || Number(m[4]) < 24) &&
    (m[5] === undefined || Number(m[5]) < 60) &&
    (m[6] === undefined || Number(m[6]) < 60)
  );
}

/** endSubscription: a UTC date, or '' to unset it (77211-127106, 77211-126236). */
export const endSubscriptionRule = () =>
  refine(str({ nonEmpty: false, max: 32 }), (v) =>
    v === "" || isUtcDate(v) ? undefined : "The value should be a UTC date (e.g. 2026-12-31).",
  );

/** A rule that accepts an integer or a string (the two forms a page and its example give). */
function intOrString(test: (v: number | string) => string | undefined): Rule<number | string | undefined> {
  return {
    optional: true,
    check: (v, p) => {
      if (!(typeof v === "string" || (typeof v === "number" && Number.isInteger(v))))
        throw badValue(p, "The value should be an integer or a string.");
      const why = test(v);
      if (why !== undefined) throw badValue(p, why);
      return v;
    },
  };
}

/** Telephone prefixes shared by several countries, which need countryCode as well (77211-139613). */
const SHARED_PREFIXES = new Set(["1", "599", "39", "7"]);

/**
 * mdrContactInformation as 77209-127107 (setLicenseKey) and 77211-139613 (addProductKey) describe it; updateCompanyDetails
 * (77211-126238) names the same object. Unknown members are refused (assumed: only the documented ones exist).
 */
export function mdrContactRule(): Rule<Record<string, unknown> | undefined> {
  const shape = obj({
    phoneNumber: obj({
      countryPrefix: intOrString((v) =>
        /^\+?[1-9]\d{0,3}$/.test(String(v))
          ? undefined
          : 'The value should be a telephone country prefix (e.g. 40 or "+40").',
      ),
      countryCode: refine(str({ max: 2 }), (v) =>
        isCountryCode(v) ? undefined : "The value should be an ISO 3166-1 alpha-2 country code (e.g. US).",
      ),
      subscriberNumber: str({
        max: 32,
        pattern: { re: /^[0-9 ()-]+$/, hint: "the local part of a telephone number (digits)" },
      }),
    }),
    fullName: str({ max: 128, noHtml: true }),
    email: emailRule(),
    emailVerificationCode: intOrString((v) => (String(v).trim() === "" ? "The value should not be empty." : undefined)),
    useDataFromAccount: id(),
  });
  return {
    optional: true,
    check: (v, p) => {
      const m = shape.check(v, p)!;
      // 77211-139613: "This information must be valid". Assumed: without useDataFromAccount, the contact needs a name, an
      // email and a phone number (subscriberNumber with countryPrefix or countryCode); a shared prefix also needs countryCode.
      if (m.useDataFromAccount === undefined) {
        for (const k of ["fullName", "email", "phoneNumber"] as const)
          if (m[k] === undefined) throw invalidParams(`Missing required parameter '${p}.${k}'.`);
      }
      const phone = m.phoneNumber;
      if (phone) {
        if (phone.subscriberNumber === undefined)
          throw invalidParams(`Missing required parameter '${p}.phoneNumber.subscriberNumber'.`);
        if (phone.countryPrefix === undefined && phone.countryCode === undefined) {
          throw invalidParams(`Missing required parameter '${p}.phoneNumber.countryPrefix'.`);
        }
        const prefix = phone.countryPrefix === undefined ? undefined : String(phone.countryPrefix).replace(/^\+/, "");
        if (prefix !== undefined && SHARED_PREFIXES.has(prefix) && phone.countryCode === undefined) {
          throw invalidParams(
            `Missing required parameter '${p}.phoneNumber.countryCode'. The prefix +${prefix} is shared by several countries.`,
          );
        }
      }
      return m as Record<string, unknown>;
    },
  };
}

/** Checks an mdrContactInformation that refers to an account (it must be one the key can see) and returns it for storing. */
export function mdrContactFor(
  state: TenantState,
  caller: Caller,
  info: Record<string, unknown>,
): Record<string, unknown> {
  if (typeof info.useDataFromAccount === "string") requireAccount(state, caller, info.useDataFromAccount);
  return structuredClone(info);
}

/**
 * contactPerson: the members getCompanyDetails documents (77209-126239: fullName, email, phoneNumber, companyRole). The
 * createCompany/updateCompanyDetails pages name the object without listing its members in the parts read: assumed the
 * same four, other members refused; lengths assumed (name and role ≤128 without HTML, phone as the company phone ≤32).
 */
const contactPersonRule = () =>
  obj({
    fullName: str({ max: 128, noHtml: true }),
    email: emailRule(),
    phoneNumber: str({ nonEmpty: false, max: 32 }),
    companyRole: str({ max: 128, noHtml: true }),
  });

function contactFrom(input: {
  fullName?: string;
  email?: string;
  phoneNumber?: string;
  companyRole?: string;
}): ContactPerson {
  return {
    fullName: input.fullName ?? null,
    email: input.email ?? null,
    phoneNumber: input.phoneNumber || null,
    companyRole: input.companyRole ?? null,
  };
}

/** Company `type` codes: 0 partner, 1 customer (77211-126236). */
export const COMPANY_TYPES = [0, 1] as const;

/** `licenseSubscription.type` codes accepted (77211-126236: 1 trial, 2 licensed, 3 monthly, and further kinds). */
export const LICENSE_TYPES = [1, 2, 3, 4, 5, 6] as const;

const licenseShape = obj({
  type: int({ oneOf: LICENSE_TYPES }),
  licenseKey: str({ max: 64 }),
  // 77211-126236: "Valid values are between 1 and the number of free seats of the parent" (the upper bound is checked in createCompany).
  reservedSlots: int({ min: 1, max: 1_000_000 }),
  endSubscription: endSubscriptionRule(),
  autoRenewPeriod: int({ min: 0, max: 120 }),
  assignedProductType: int({ min: 0, max: 10 }),
  ...ADDON_SWITCH_RULES,
  ownUse: flags(bool(), [...LICENSE_ADDONS]),
  // assumed: named by the pages, members not read; switches keyed like ownUse.
  resell: flags(bool()),
  minimumUsage: anyObject(),
});

type LicenseInput = NonNullable<ReturnType<typeof licenseShape.check>>;

/**
 * The seats a partner can still reserve for a company (its reserved seats minus those reserved by its other
 * companies), or null when the partner has no fixed reservation itself (it draws from a shared pool: no limit known).
 * 77211-126236 bounds reservedSlots by "the number of free seats of the parent"; how free seats are counted is assumed.
 */
export function freeSeats(state: TenantState, parent: CompanyRecord, exceptId?: string): number | null {
  const own = parent.licenseSubscription.reservedSlots;
  if (own === null || own === 0) return null;
  let taken = 0;
  for (const c of childCompanies(state, parent.id))
    if (c.id !== exceptId) taken += c.licenseSubscription.reservedSlots ?? 0;
  return Math.max(0, own - taken);
}

function licenseFrom(state: TenantState, parent: CompanyRecord, input: LicenseInput | undefined): LicenseSubscription {
  const lic = defaultLicense();
  if (!input) return lic;
  lic.type = input.type ?? 1;
  if (lic.type === 2 && input.licenseKey === undefined) {
    throw invalidParams(
      "Missing required parameter 'licenseSubscription.licenseKey'. A license key is required for the licensed subscription type (2).",
    );
  }
  if (input.licenseKey !== undefined && lic.type !== 2 && lic.type !== 1) {
    throw invalidParams("Parameter 'licenseSubscription.licenseKey' is only allowed with subscription types 1 and 2.");
  }
  if ((input.endSubscription !== undefined || input.autoRenewPeriod !== undefined) && lic.type !== 3) {
    const which = input.endSubscription !== undefined ? "endSubscription" : "autoRenewPeriod";
    throw invalidParams(
      `Parameter 'licenseSubscription.${which}' can only be set with the monthly subscription type (3).`,
    );
  }
  if (input.reservedSlots !== undefined) {
    const free = freeSeats(state, parent);
    // 77211-126236: reservedSlots between 1 and the number of free seats of the parent.
    if (free !== null && input.reservedSlots > free) {
      throw badValue(
        "licenseSubscription.reservedSlots",
        `The value should be between 1 and ${free} (the free seats of the parent company "${parent.name}").`,
      );
    }
  }
  lic.licenseKey = input.licenseKey ?? null;
  lic.reservedSlots = input.reservedSlots ?? null;
  lic.endSubscription = input.endSubscription ? input.endSubscription : null;
  lic.autoRenewPeriod = input.autoRenewPeriod ?? (lic.endSubscription ? 12 : null);
  lic.assignedProductType = input.assignedProductType ?? null;
  for (const k of LICENSE_ADDONS) if (input[k] !== undefined) lic.addons[k] = input[k];
  lic.ownUse = input.ownUse ?? null;
  lic.addedKeys = [];
  return lic;
}

/** The contact person as getCompanyDetails shows it (a contact stored by an older emulator as `{phone}` is read too). */
function contactView(c: CompanyRecord): ContactPerson | null {
  const cp = c.contactPerson as (Partial<ContactPerson> & { phone?: string | null }) | null;
  if (!cp) return null;
  return {
    fullName: cp.fullName ?? null,
    email: cp.email ?? null,
    phoneNumber: cp.phoneNumber ?? cp.phone ?? null,
    companyRole: cp.companyRole ?? null,
  };
}

/**
 * riskScore (77209-126239): value (percent), impact (Low/Medium/High), misconfigurations (percent). The page's further
 * members were not read and are not sent. Assumed: the emulator derives the score from the company's managed endpoints
 * whose agent is out of date (misconfigurations), and uses it as the value.
 */
function riskScore(state: TenantState, c: CompanyRecord): { value: number; impact: string; misconfigurations: number } {
  let managed = 0;
  let outdated = 0;
  for (const e of Object.values(state.endpoints)) {
    if (e.companyId !== c.id || !e.isManaged) continue;
    managed++;
    if (e.agent && (e.agent.signatureOutdated || e.agent.productOutdated)) outdated++;
  }
  const misconfigurations = managed === 0 ? 0 : Math.round((100 * outdated) / managed);
  return {
    value: misconfigurations,
    impact: misconfigurations >= 67 ? "High" : misconfigurations >= 34 ? "Medium" : "Low",
    misconfigurations,
  };
}

/**
 * A company as getCompanyDetails (77209-126239, 77211-126239), getCompanyDetailsByUser (77211-126240) and
 * findCompaniesByName (77211-126241) document it: only the documented members. Unset country/state are "N/A";
 * industry is the Integer code (77209-126239; older 77211 text calls it a String).
 */
export function companyDetails(state: TenantState, c: CompanyRecord): Record<string, unknown> {
  return {
    type: c.type,
    name: c.name,
    id: c.id,
    address: c.address,
    phone: c.phone,
    canBeManagedByAbove: c.canBeManagedByAbove,
    enforce2FA: c.enforce2FA,
    skip2FAPeriod: c.skip2FAPeriod,
    isSuspended: c.isSuspended,
    createdAt: c.createdAt,
    country: c.country ?? NOT_SET,
    state: c.state ?? NOT_SET,
    industry: c.industry,
    contactPerson: contactView(c),
    riskScore: riskScore(state, c),
  };
}

/** Refuses a name another company (other than `selfId`) already has, case-insensitively. */
export function assertCompanyNameFree(state: TenantState, name: string, selfId?: string): void {
  const key = nameKey(name);
  for (const c of Object.values(state.companies)) {
    if (c.id !== selfId && nameKey(c.name) === key)
      throw invalidParams(`A company with the name "${name}" already exists.`);
  }
}

function checkStateMatchesCountry(country: string | null, subdivision: string | null): void {
  if (country && subdivision && !subdivision.startsWith(`${country}-`)) {
    throw invalidParams(
      `Invalid value for 'state' parameter. The subdivision ${subdivision} is not in country ${country}.`,
    );
  }
}

const nameRule = () => str({ max: 64 });
const addressRule = () => str({ nonEmpty: false, max: 128, noHtml: true });
const phoneRule = () => str({ nonEmpty: false, max: 32 });
// 77211-126236, 77211-126238: enforce2FA "The value is always true". Assumed: false is refused (a client that never sends
// false works under every reading of that sentence).
const enforce2FARule = () => refine(bool(), (v) => (v ? undefined : "The value is always true."));

/** The detail fields createCompany and updateCompanyDetails both take, with the same rules. */
const detailShape = {
  address: addressRule(),
  country: countryRule(),
  state: stateRule(),
  phone: phoneRule(),
  // 77209-126239 / newest 77211 pages: Integer codes (main industries and sub-industries).
  industry: refine(int({ min: 0 }), (v) => (isIndustry(v) ? undefined : "The value should be a valid industry code.")),
  enforce2FA: enforce2FARule(),
  skip2FAPeriod: int({ oneOf: [0, 1, 3, 7, 14, 30, 90] }),
  contactPerson: contactPersonRule(),
};

// 77211-126236: the parameters of createCompany as far as the page was read (no accountPassword, no top-level assignedProductType).
const createShape = {
  type: req(int({ oneOf: COMPANY_TYPES })),
  name: req(nameRule()),
  parentId: id(),
  ...detailShape,
  canBeManagedByAbove: bool(),
  licenseSubscription: licenseShape,
  accountEmail: emailRule(),
  accountFullName: str({ max: 128, noHtml: true }),
  accountTimezone: timezoneRule(),
  accountLanguage: languageRule(),
};

function createCompany(raw: unknown, ctx: MethodContext): string {
  const p = readParams(raw, createShape);
  const { state, caller, now } = ctx;
  const parent = requireCompany(state, caller, p.parentId);
  if (parent.type !== 0)
    throw invalidParams(
      `Invalid value for 'parentId' parameter. The company "${parent.name}" is not a partner company.`,
    );
  // 77211-126236: "If canBeManagedByAbove is set to false, the accountEmail parameter must be passed"; accountFullName "is required
  // when canBeManagedByAbove is set to false".
  if (p.canBeManagedByAbove === false) {
    if (p.accountEmail === undefined)
      throw invalidParams(
        "Missing required parameter 'accountEmail'. It is required when 'canBeManagedByAbove' is false.",
      );
    if (p.accountFullName === undefined) {
      throw invalidParams(
        "Missing required parameter 'accountFullName'. It is required when 'canBeManagedByAbove' is false.",
      );
    }
  }
  // assumed: the other account parameters describe the account created from accountEmail, so they need it.
  const accountParams = [p.accountFullName, p.accountTimezone, p.accountLanguage];
  if (p.accountEmail === undefined && accountParams.some((v) => v !== undefined)) {
    throw invalidParams(
      "Missing required parameter 'accountEmail'. It is required when other account parameters are given.",
    );
  }
  if (p.accountEmail !== undefined && p.accountFullName === undefined) {
    throw invalidParams("Missing required parameter 'accountFullName'. It is required when 'accountEmail' is given.");
  }
  if (p.accountEmail !== undefined) assertEmailFree(state, p.accountEmail);
  const country = p.country !== undefined ? codeOrNull(p.country) : null;
  const subdivision = p.state !== undefined ? codeOrNull(p.state) : null;
  checkStateMatchesCountry(country, subdivision);
  assertCompanyNameFree(state, p.name);
  const license = licenseFrom(state, parent, p.licenseSubscription);
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
      // 77211-126236: enforce2FA "The value is always true": a new company has 2FA enforced whether or not it is sent.
      enforce2FA: true,
      skip2FAPeriod: p.skip2FAPeriod ?? null,
      assignedProductType: license.assignedProductType ?? 0,
      licenseSubscription: license,
      contactPerson: p.contactPerson ? contactFrom(p.contactPerson) : null,
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
      passwordHash: null,
      createdAt: isoUtc(now),
    };
  }
  return company.id;
}

/** Refuses an email another account (other than `selfId`) already uses, case-insensitively. */
export function assertEmailFree(state: TenantState, email: string, selfId?: string): void {
  const key = email.toLowerCase();
  for (const a of Object.values(state.accounts)) {
    if (a.id !== selfId && (a.email.toLowerCase() === key || a.userName.toLowerCase() === key)) {
      throw invalidParams(`An account with the email "${email}" already exists.`);
    }
  }
}

function getCompanyDetails(raw: unknown, ctx: MethodContext) {
  const p = readParams(raw, { companyId: id() });
  return companyDetails(ctx.state, requireCompany(ctx.state, ctx.caller, p.companyId));
}

/** customFields (77211-126238): an object of values, or an empty array to delete them all. */
const customFieldsRule = (): Rule<Record<string, unknown> | undefined> => ({
  optional: true,
  check: (v, p) => {
    if (Array.isArray(v)) {
      if (v.length > 0)
        throw badValue(p, "The value should be an object, or an empty array to delete the custom fields.");
      return {};
    }
    if (!isPlainObject(v)) throw badValue(p, "The value should be an object.");
    return v;
  },
});

// 77211-126238 (newest version) with 77209-126238: id, type, name, address, phone, industry, country, state, contactPerson, enforce2FA,
// skip2FAPeriod, customFields, mdrContactInformation. canBeManagedByAbove is not a parameter of this method.
const updateShape = {
  id: id(),
  name: nameRule(),
  type: int({ oneOf: COMPANY_TYPES }),
  ...detailShape,
  customFields: customFieldsRule(),
  mdrContactInformation: mdrContactRule(),
};

function updateCompanyDetails(raw: unknown, ctx: MethodContext): null {
  const p = readParams(raw, updateShape);
  const { state, caller } = ctx;
  const c = requireCompany(state, caller, p.id);
  if (p.name !== undefined) assertCompanyNameFree(state, p.name, c.id);
  if (p.type !== undefined && p.type !== c.type) {
    // 77211-126238: "You cannot change the type of your own company".
    if (c.id === caller.companyId) throw invalidParams("The type of your own company cannot be changed.");
    if (p.type === 1 && childCompanies(state, c.id).length > 0) {
      throw invalidParams(`The company "${c.name}" manages other companies and cannot become a customer company.`);
    }
  }
  const country = p.country !== undefined ? codeOrNull(p.country) : c.country;
  const subdivision = p.state !== undefined ? codeOrNull(p.state) : c.state;
  checkStateMatchesCountry(country, subdivision);
  const mdr = p.mdrContactInformation !== undefined ? mdrContactFor(state, caller, p.mdrContactInformation) : undefined;
  if (p.name !== undefined) c.name = p.name;
  if (p.type !== undefined) c.type = p.type as 0 | 1;
  if (p.address !== undefined) c.address = p.address || null;
  if (p.phone !== undefined) c.phone = p.phone || null;
  c.country = country;
  c.state = subdivision;
  if (p.industry !== undefined) c.industry = p.industry;
  if (p.enforce2FA !== undefined) c.enforce2FA = p.enforce2FA;
  if (p.skip2FAPeriod !== undefined) c.skip2FAPeriod = p.skip2FAPeriod;
  // assumed: a contactPerson sent replaces the stored one as a whole (members not sent become unset).
  if (p.contactPerson !== undefined) c.contactPerson = contactFrom(p.contactPerson);
  if (p.customFields !== undefined) {
    if (Object.keys(p.customFields).length === 0) delete c.customFields;
    else c.customFields = structuredClone(p.customFields);
  }
  if (mdr !== undefined) c.mdrContactInformation = mdr;
  return null;
}

/** Sets `isSuspended` on a company (and, with `recursive`, on every company below it). */
export function setSuspended(
  state: TenantState,
  caller: Caller,
  companyId: string,
  suspended: boolean,
  recursive: boolean,
): void {
  const c = requireCompany(state, caller, companyId);
  if (c.id === caller.companyId)
    throw invalidParams(`Your own company cannot be ${suspended ? "suspended" : "activated"}.`);
  c.isSuspended = suspended;
  if (recursive) for (const d of descendantCompanies(state, c.id)) d.isSuspended = suspended;
}

// 77211-126242: companyId and recursive are both "Optional: No". activateCompany has no page: assumed the same (see the catalogue).
const suspendShape = { companyId: req(id()), recursive: req(bool()) };

function suspendCompany(raw: unknown, ctx: MethodContext): null {
  const p = readParams(raw, suspendShape);
  setSuspended(ctx.state, ctx.caller, p.companyId, true, p.recursive);
  return null;
}

function activateCompany(raw: unknown, ctx: MethodContext): null {
  const p = readParams(raw, suspendShape);
  setSuspended(ctx.state, ctx.caller, p.companyId, false, p.recursive);
  return null;
}

function deleteCompany(raw: unknown, ctx: MethodContext): null {
  const p = readParams(raw, { companyId: req(id()) });
  const { state, caller } = ctx;
  const c = requireCompany(state, caller, p.companyId);
  if (c.id === caller.companyId) throw invalidParams("Your own company cannot be deleted.");
  const children = childCompanies(state, c.id);
  // 77211-119563 (console guide): "You cannot delete partner companies with subordinate company accounts".
  if (children.length > 0) {
    const others = `${children.length} other ${children.length === 1 ? "company" : "companies"}`;
    throw invalidParams(
      `The partner company "${c.name}" cannot be deleted because it manages ${others}. Delete or move them first.`,
    );
  }
  removeCompany(state, c.id);
  return null;
}

function getCompanyDetailsByUser(raw: unknown, ctx: MethodContext) {
  // 77211-126240: username (required), password (required only when the company is not among the caller's target companies).
  const p = readParams(raw, { username: req(str({ max: 254 })), password: str({ max: 128 }) });
  const { state, caller } = ctx;
  const key = p.username.toLowerCase();
  // assumed: user names compare case-insensitively, as emails do.
  const account = Object.values(state.accounts).find((a) => a.userName.toLowerCase() === key);
  const unknownUser = invalidParams(`The user "${p.username}" was not found.`);
  if (!account || !(account.companyId in state.companies)) throw unknownUser;
  if (companyVisible(state, caller, account.companyId))
    return companyDetails(state, state.companies[account.companyId]!);
  // assumed: outside the caller's companies, the account's password must be given and match; otherwise the user is not found.
  if (p.password !== undefined && account.passwordHash && verifyPassword(p.password, account.passwordHash)) {
    return companyDetails(state, state.companies[account.companyId]!);
  }
  throw unknownUser;
}

function findCompaniesByName(raw: unknown, ctx: MethodContext) {
  // 77211-126241: nameFilter (required), maxResults (1–100, default 25).
  const p = readParams(raw, { nameFilter: req(str()), maxResults: int({ min: 1, max: 100 }) });
  // 77211-126241: "Use the asterisk symbol (*) in front of the keyword to search its appearance anywhere in the name. If omitted, only
  // results where the name starts with the keyword will be returned."
  const anywhere = p.nameFilter.startsWith("*");
  const keyword = (anywhere ? p.nameFilter.slice(1) : p.nameFilter).toLowerCase();
  if (keyword.trim() === "") throw badValue("nameFilter", "The value should contain a keyword after the asterisk.");
  // assumed: "managed companies" are the companies below the key's company (not the key's company itself); matching ignores case.
  const managed = descendantCompanies(ctx.state, ctx.caller.companyId);
  const hits = managed.filter((c) =>
    anywhere ? c.name.toLowerCase().includes(keyword) : c.name.toLowerCase().startsWith(keyword),
  );
  return hits.slice(0, p.maxResults ?? 25).map((c) => companyDetails(ctx.state, c));
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
