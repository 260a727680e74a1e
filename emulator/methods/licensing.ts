/**
 * The `licensing` API: getLicenseInfo and getMonthlyUsage (reads), and the setters that change a
 * company's licence: setMonthlySubscription, setLicenseKey, addProductKey, removeProductKey. Seat
 * usage is the number of managed endpoints of the company and the companies below it.
 *
 * Reference pages are cited by id: 77211-… (partners), 77209-… (cloud); see `catalogue/licensing.ts`.
 */
import { invalidParams } from "../errors";
import { anyObject, badValue, bool, id, int, readParams, refine, req, str } from "../params";
import { requireCompany } from "../scope";
import type { CompanyRecord, LicenseSubscription, TenantState } from "../state";
import { isCompanyWithin } from "../tree";
import {
  ADDON_SWITCH_RULES,
  endSubscriptionRule,
  freeSeats,
  isUtcDate,
  LICENSE_ADDONS,
  mdrContactFor,
  mdrContactRule,
} from "./companies";
import { read, write, type MethodContext, type ModuleMethods } from "./registry";

/** Subscription types billed monthly (77211-127105 type list): 3 monthly subscription, 4 monthly license trial, 5 monthly subscription trial. */
const MONTHLY_TYPES: readonly number[] = [3, 4, 5];

function usedSlots(state: TenantState, companyId: string, createdWithin?: (c: CompanyRecord) => boolean): number {
  let n = 0;
  for (const e of Object.values(state.endpoints)) {
    if (!e.isManaged || !isCompanyWithin(state, e.companyId, companyId)) continue;
    if (createdWithin && !createdWithin(state.companies[e.companyId]!)) continue;
    n++;
  }
  return n;
}

function expiry(c: CompanyRecord): string {
  const created = new Date(c.createdAt);
  const months = c.licenseSubscription.type === 1 ? 1 : 12;
  return new Date(
    Date.UTC(created.getUTCFullYear(), created.getUTCMonth() + months, created.getUTCDate()),
  ).toISOString();
}

/** The add-on switches as getLicenseInfo reports them (77211-127105). Assumed: a switch never set reports the emulator's default. */
function addonView(l: LicenseSubscription): Record<string, boolean> {
  return {
    manageExchange: l.addons.manageExchange ?? false,
    manageEncryption: l.addons.manageEncryption ?? false,
    manageRemoteEnginesScanning: l.addons.manageRemoteEnginesScanning ?? false,
    manageHyperDetect: l.addons.manageHyperDetect ?? true,
    manageSandboxAnalyzer: l.addons.manageSandboxAnalyzer ?? false,
    managePatchManagement: l.addons.managePatchManagement ?? false,
    manageEventCorrelator: l.addons.manageEventCorrelator ?? true,
    manageEmailSecurity: l.addons.manageEmailSecurity ?? false,
  };
}

/** The licence key getLicenseInfo reports: a trial's own key, a licensed company's base key, none otherwise (77211-127105). */
function reportedKey(c: CompanyRecord): string | null {
  const l = c.licenseSubscription;
  if (l.type === 1) return l.licenseKey ?? c.id.slice(0, 6).toUpperCase();
  if (l.type === 2) return l.licenseKey;
  return null;
}

function getLicenseInfo(raw: unknown, ctx: MethodContext) {
  // 77211-127105: companyId, returnAllProducts (default false).
  const p = readParams(raw, { companyId: id(), returnAllProducts: bool() });
  const c = requireCompany(ctx.state, ctx.caller, p.companyId);
  const l = c.licenseSubscription;
  const used = usedSlots(ctx.state, c.id);
  const licenseKey = reportedKey(c);
  // 77211-127105: totalSlots is the total seats of a licensed subscription, or the reserved seats of a company inheriting a monthly one.
  let totalSlots: number;
  if (l.reservedSlots !== null) totalSlots = l.reservedSlots;
  else if (MONTHLY_TYPES.includes(l.type)) totalSlots = 0;
  else if (l.type === 2 && licenseKey === null)
    totalSlots = 0; // assumed: a licensed company whose keys were all removed has no seats
  else totalSlots = Math.max(100, Math.ceil(used / 50) * 50);
  // assumed: one Object, not the Array the page announces (see the catalogue); returnAllProducts adds nothing, the emulated
  // companies having a single product.
  const info: Record<string, unknown> = {
    subscriptionType: l.type,
    isAddon: false,
    expiryDate: l.endSubscription ?? expiry(c),
    usedSlots: used,
    totalSlots,
    licenseKey,
    ...addonView(l),
  };
  // 77211-127105: endSubscription and autoRenewPeriod are "available for companies with monthly subscription".
  if (l.type === 3) {
    info.endSubscription = l.endSubscription;
    info.autoRenewPeriod = l.autoRenewPeriod;
  }
  return info;
}

const utcDateRule = () =>
  refine(str({ max: 32 }), (v) => (isUtcDate(v) ? undefined : "The value should be a UTC date (e.g. 2025-01-31)."));

function getMonthlyUsage(raw: unknown, ctx: MethodContext) {
  // 77211-127109: companyId, targetMonth (mm/yyyy), usageCoverageType (3), companyRegistrationStartDate/EndDate.
  const p = readParams(raw, {
    companyId: id(),
    targetMonth: refine(str({ max: 7 }), (v) =>
      /^(0[1-9]|1[0-2])\/\d{4}$/.test(v) ? undefined : "The value should be a month in the format mm/yyyy.",
    ),
    usageCoverageType: int({ oneOf: [3] }),
    companyRegistrationStartDate: utcDateRule(),
    companyRegistrationEndDate: utcDateRule(),
  });
  const start = p.companyRegistrationStartDate;
  const end = p.companyRegistrationEndDate;
  // 77211-127109: usageCoverageType "Can only be used if both dates are present". Assumed: the dates only apply with it.
  if (p.usageCoverageType !== undefined && (start === undefined || end === undefined)) {
    const missing = start === undefined ? "companyRegistrationStartDate" : "companyRegistrationEndDate";
    throw invalidParams(`Missing required parameter '${missing}'. It is required with 'usageCoverageType'.`);
  }
  if (p.usageCoverageType === undefined && (start !== undefined || end !== undefined)) {
    throw invalidParams(
      "Missing required parameter 'usageCoverageType'. The company registration dates can only be used with it.",
    );
  }
  const c = requireCompany(ctx.state, ctx.caller, p.companyId);
  const within =
    start !== undefined && end !== undefined
      ? (x: CompanyRecord) => Date.parse(x.createdAt) >= Date.parse(start) && Date.parse(x.createdAt) <= Date.parse(end)
      : undefined;
  // 77211-127109: usage per acquired service, "or 0 if the company has no monthly license".
  const used = MONTHLY_TYPES.includes(c.licenseSubscription.type) ? usedSlots(ctx.state, c.id, within) : 0;
  const on = addonView(c.licenseSubscription);
  const ifOn = (flag: boolean) => (flag ? used : 0);
  return {
    endpointMonthlyUsage: used,
    aLaCarteMonthlyUsage: 0,
    mspSecureMonthlyUsage: 0,
    mspSecurePlusMonthlyUsage: 0,
    mspSecureExtraMonthlyUsage: 0,
    emailSecurityMonthlyUsage: 0,
    mobileSecurityMonthlyUsage: 0,
    exchangeMonthlyUsage: 0,
    encryptionMonthlyUsage: ifOn(on.manageEncryption!),
    atsMonthlyUsage: ifOn(on.manageHyperDetect! || on.manageSandboxAnalyzer!),
    edrMonthlyUsage: ifOn(on.manageEventCorrelator!),
    mdrFoundationsMonthlyUsage: 0,
    mdrResponseMonthlyUsage: 0,
    patchManagementMonthlyUsage: ifOn(on.managePatchManagement!),
    containerProtectionMonthlyUsage: 0,
    integrityMonitoringUsage: 0,
    integrityMonitoring90DaysUsage: 0,
    integrityMonitoring180DaysUsage: 0,
    integrityMonitoring1YearUsage: 0,
    sveVsMonthlyUsage: 0,
    sveVdiMonthlyUsage: 0,
    minimumUsage: { endpointMonthlyUsage: 0 },
  };
}

/** The switches 77211-127106 documents with "Default value is False" (sent or not, each is set). */
const MONTHLY_SWITCHES = [
  "manageExchange",
  "manageEncryption",
  "manageRemoteEnginesScanning",
  "manageHyperDetect",
  "manageSandboxAnalyzer",
] as const;
/** Switches listed for setMonthlySubscription without a read default (assumed): kept when not sent. */
const OTHER_SWITCHES = LICENSE_ADDONS.filter(
  (k): k is Exclude<(typeof LICENSE_ADDONS)[number], (typeof MONTHLY_SWITCHES)[number]> =>
    !(MONTHLY_SWITCHES as readonly string[]).includes(k),
);

const setMonthlyShape = {
  companyId: req(id()),
  reservedSlots: int({ min: 0, max: 1_000_000 }),
  removeReservedSlots: bool(),
  endSubscription: endSubscriptionRule(),
  autoRenewPeriod: int({ min: 0, max: 120 }),
  ...ADDON_SWITCH_RULES,
  // assumed: named by 77211-127106 without their members being read; accepted as objects, no observable effect.
  ownUse: anyObject(),
  resell: anyObject(),
  assignedProtectionModel: str({ max: 64 }),
  minimumUsage: anyObject(),
};

function setMonthlySubscription(raw: unknown, ctx: MethodContext): null {
  const p = readParams(raw, setMonthlyShape);
  const { state, caller } = ctx;
  const c = requireCompany(state, caller, p.companyId);
  // 77211-127106: companyId is "The ID of the company that will inherit license seats from the parent company". Assumed: the key's
  // own company has no parent within its reach, and the parent must itself have a monthly subscription to pass seats on.
  if (c.id === caller.companyId || c.parentId === null) {
    throw invalidParams(
      "Your own company cannot inherit license seats: it has no parent company in reach of this API key.",
    );
  }
  const parent = state.companies[c.parentId]!;
  if (parent.licenseSubscription.type !== 3) {
    throw invalidParams(`The parent company "${parent.name}" has no monthly subscription to share license seats from.`);
  }
  if (p.reservedSlots !== undefined && p.removeReservedSlots === true) {
    throw invalidParams("Parameters 'reservedSlots' and 'removeReservedSlots' cannot be used together.");
  }
  if (p.reservedSlots !== undefined) {
    const free = freeSeats(state, parent, c.id);
    if (free !== null && p.reservedSlots > free) {
      throw badValue(
        "reservedSlots",
        `The value should be between 0 and ${free} (the free seats of the parent company "${parent.name}").`,
      );
    }
  }
  const model = p.assignedProtectionModel ?? c.licenseSubscription.assignedProtectionModel;
  // 77211-127106: manageRemoteEnginesScanning "can only be set to true if assignedProtectionModel has the aLaCarte value", and cannot be
  // used when ownUse/resell carry the remote-engines switches.
  if (p.manageRemoteEnginesScanning === true && model !== "aLaCarte") {
    throw badValue("manageRemoteEnginesScanning", "It can only be true when 'assignedProtectionModel' is aLaCarte.");
  }
  const carriesRemote = (o: Record<string, unknown> | undefined) =>
    o !== undefined && Object.keys(o).some((k) => k.startsWith("manageRemoteEnginesScanning"));
  if (p.manageRemoteEnginesScanning !== undefined && (carriesRemote(p.ownUse) || carriesRemote(p.resell))) {
    throw invalidParams(
      "Parameter 'manageRemoteEnginesScanning' cannot be used when 'ownUse' or 'resell' set the remote engines scanning service.",
    );
  }
  const prev = c.licenseSubscription;
  const wasMonthly = prev.type === 3;
  // 77211-127106: endSubscription '' unsets it; not sent keeps a monthly subscription's end date.
  const endSubscription =
    p.endSubscription !== undefined ? p.endSubscription || null : wasMonthly ? prev.endSubscription : null;
  // 77211-127106: autoRenewPeriod "The default value is 12, provided endSubscription is set. For no auto-renewal use 0." Assumed: it needs an
  // end date, and a monthly subscription keeps its period when the parameter is not sent.
  if (p.autoRenewPeriod !== undefined && endSubscription === null) {
    throw invalidParams(
      "Parameter 'autoRenewPeriod' can only be set when the subscription has an end date ('endSubscription').",
    );
  }
  const autoRenewPeriod =
    endSubscription === null ? null : (p.autoRenewPeriod ?? (wasMonthly ? prev.autoRenewPeriod : null) ?? 12);
  const addons: Record<string, boolean> = { ...prev.addons };
  for (const k of MONTHLY_SWITCHES) addons[k] = p[k] ?? false;
  for (const k of OTHER_SWITCHES) if (p[k] !== undefined) addons[k] = p[k];
  c.licenseSubscription = {
    ...prev,
    // 77211-127106: "This method enables monthly subscription for a company". Assumed: licence keys are dropped with the change.
    type: 3,
    licenseKey: null,
    addedKeys: [],
    // 77211-127106: reservedSlots "If no value is passed, the parameter preserves its previous value"; removeReservedSlots allows dynamic
    // provisioning (no fixed reservation).
    reservedSlots: p.removeReservedSlots === true ? null : (p.reservedSlots ?? prev.reservedSlots),
    endSubscription,
    autoRenewPeriod,
    addons,
    ...(model !== undefined ? { assignedProtectionModel: model } : {}),
  };
  return null;
}

/** A licence key: letters, digits and dashes (assumed: the key format is not documented; the examples are 7 capitals). */
const keyRule = () =>
  str({ max: 64, pattern: { re: /^[A-Za-z0-9-]+$/, hint: "a license key (letters, digits and dashes)" } });

/** Turns a company's licence into a licensed subscription (type 2) with `key` as its base key. */
function makeLicensed(l: LicenseSubscription, key: string): LicenseSubscription {
  const addedKeys = (l.addedKeys ?? []).filter((k) => k !== key);
  return {
    ...l,
    type: 2,
    licenseKey: key,
    addedKeys,
    reservedSlots: null,
    endSubscription: null,
    autoRenewPeriod: null,
  };
}

function setLicenseKey(raw: unknown, ctx: MethodContext): null {
  // 77209-127107 / 77211-127107: licenseKey (required), companyId (default: the key's company), mdrContactInformation.
  const p = readParams(raw, { licenseKey: req(keyRule()), companyId: id(), mdrContactInformation: mdrContactRule() });
  const { state, caller } = ctx;
  const c = requireCompany(state, caller, p.companyId);
  const mdr = p.mdrContactInformation !== undefined ? mdrContactFor(state, caller, p.mdrContactInformation) : undefined;
  // 77211-127107: "sets a standalone or an add-on license key for a company". Assumed: the emulator cannot tell add-on keys from
  // standalone ones and treats every key as standalone: the company becomes licensed (type 2) with this key as its base key.
  c.licenseSubscription = makeLicensed(c.licenseSubscription, p.licenseKey);
  if (mdr !== undefined) c.mdrContactInformation = mdr;
  return null;
}

function addProductKey(raw: unknown, ctx: MethodContext): null {
  // 77211-139613: licenseKey (required), companyId, replaceIncompatibleKeys (default true), mdrContactInformation.
  const p = readParams(raw, {
    licenseKey: req(keyRule()),
    companyId: id(),
    replaceIncompatibleKeys: bool(),
    mdrContactInformation: mdrContactRule(),
  });
  const { state, caller } = ctx;
  const c = requireCompany(state, caller, p.companyId);
  const l = c.licenseSubscription;
  const keys = [...(l.licenseKey !== null && l.type === 2 ? [l.licenseKey] : []), ...(l.addedKeys ?? [])];
  // assumed: a key already in the company's list is refused rather than added twice.
  if (keys.includes(p.licenseKey))
    throw invalidParams(`The license key "${p.licenseKey}" is already added to the company "${c.name}".`);
  const mdr = p.mdrContactInformation !== undefined ? mdrContactFor(state, caller, p.mdrContactInformation) : undefined;
  if (l.type === 2 && l.licenseKey !== null) {
    // 77211-139613: "adds a license or addon-key to the existing list". Assumed: keys are compatible with each other (the emulator
    // cannot judge), so the new key joins the list next to the base key.
    c.licenseSubscription = { ...l, addedKeys: [...(l.addedKeys ?? []), p.licenseKey] };
  } else {
    // Assumed: a trial or a monthly subscription is a base licence incompatible with a key. replaceIncompatibleKeys (default true)
    // replaces it; false keeps it and refuses the key.
    if (p.replaceIncompatibleKeys === false) {
      throw invalidParams(
        `The license key "${p.licenseKey}" is not compatible with the current subscription of the company "${c.name}". ` +
          "Set 'replaceIncompatibleKeys' to true to replace it.",
      );
    }
    c.licenseSubscription = makeLicensed(l, p.licenseKey);
  }
  if (mdr !== undefined) c.mdrContactInformation = mdr;
  return null;
}

function removeProductKey(raw: unknown, ctx: MethodContext): null {
  // 77211-127108: companyId (default: the key's company), licenseKey (required).
  const p = readParams(raw, { companyId: id(), licenseKey: req(str({ max: 64 })) });
  const c = requireCompany(ctx.state, ctx.caller, p.companyId);
  const l = c.licenseSubscription;
  const added = l.addedKeys ?? [];
  if (l.type === 2 && l.licenseKey === p.licenseKey) {
    // Assumed: the next key in the list becomes the base key; without one the company stays licensed (type 2) with no key and no seats.
    c.licenseSubscription = { ...l, licenseKey: added[0] ?? null, addedKeys: added.slice(1) };
  } else if (added.includes(p.licenseKey)) {
    c.licenseSubscription = { ...l, addedKeys: added.filter((k) => k !== p.licenseKey) };
  } else {
    // assumed: the error for a key the company does not have (not documented).
    throw invalidParams(`The license key "${p.licenseKey}" is not set for the company "${c.name}".`);
  }
  return null;
}

/** The licensing module. */
export const licensingMethods: ModuleMethods = {
  getLicenseInfo: read(getLicenseInfo),
  getMonthlyUsage: read(getMonthlyUsage),
  setMonthlySubscription: write(setMonthlySubscription),
  setLicenseKey: write(setLicenseKey),
  addProductKey: write(addProductKey),
  removeProductKey: write(removeProductKey),
};
