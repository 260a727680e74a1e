/**
 * The `accounts` API: createAccount, updateAccount, deleteAccount, getAccountsList,
 * getAccountDetails, getNotificationsSettings, configureNotificationsSettings.
 *
 * Passwords are checked against the complexity rule and stored as salted scrypt hashes; no answer
 * ever contains a password or its hash. Emails are unique case-insensitively. Role 4 (partner) is only
 * allowed in partner companies; `rights` only count with role 5 (custom) and are ignored otherwise.
 * Answers carry the documented members only: no userName (on-premises pages only), no targetIds
 * (documented as a parameter, never as a result member).
 */
import { isoUtc } from "../clock";
import { invalidParams } from "../errors";
import { newObjectId } from "../ids";
import {
  anyObject,
  arr,
  badValue,
  bool,
  flags,
  id,
  int,
  obj,
  pagingShape,
  readParams,
  req,
  str,
  type Rule,
} from "../params";
import { hashPassword, passwordProblem, verifyPassword } from "../password";
import { requireAccount, requireCompany, requireNode } from "../scope";
import type { AccountRecord, NotificationSettingsRecord, TenantState } from "../state";
import { companyOfNode, isCompanyWithin } from "../tree";
import {
  customRights,
  emailRule,
  languageRule,
  RIGHTS,
  ROLE_RIGHTS,
  ROLES,
  rightsOf,
  timezoneRule,
} from "./accounts-rules";
import { assertEmailFree } from "./companies";
import { pageOf, read, write, type MethodContext, type ModuleMethods } from "./registry";
import { compareCodes, compareNames } from "../collation";

const newProfileShape = obj({
  fullName: req(str({ max: 128, noHtml: true })),
  timezone: timezoneRule(),
  language: languageRule(),
});
const profileUpdateShape = obj({
  fullName: str({ max: 128, noHtml: true }),
  timezone: timezoneRule(),
  language: languageRule(),
});

const COUNTRY_CODE = /^\+?[0-9]{1,4}$/;

/**
 * phoneNumber.countryCode: every example sends a string ("+40"), the on-premises updateAccount page
 * (77212-125285) types it Integer; both are accepted and stored as sent. Assumed: 1-4 digits, an
 * optional leading "+" (a country calling code).
 */
const countryCodeRule: Rule<string | number | undefined> = {
  optional: true,
  check(v, p) {
    if (typeof v === "number") {
      if (!Number.isInteger(v) || v < 1 || v > 9999)
        throw badValue(p, "The value should be a country calling code such as +40.");
      return v;
    }
    if (typeof v !== "string") throw badValue(p, "The value should be a string or an integer.");
    if (!COUNTRY_CODE.test(v)) throw badValue(p, "The value should be a country calling code such as +40.");
    return v;
  },
};

// 77209-125284: phoneNumber {countryCode, subscriberNumber}; assumed: the subscriber number is 4-20 digits.
const phoneShape = obj({
  countryCode: req(countryCodeRule),
  subscriberNumber: req(str({ max: 20, pattern: { re: /^[0-9]{4,20}$/, hint: "digits only" } })),
});

// 77209-125284 / 77211-125284; userName is documented on the on-premises pages only (77212-125284) and is refused.
const accountFields = {
  password: str({ max: 256 }),
  role: int({ oneOf: ROLES }),
  rights: flags(bool(), RIGHTS),
  targetIds: arr(id(), { max: 1000 }),
  phoneNumber: phoneShape,
};

function checkPassword(password: string | undefined): void {
  if (password === undefined) return;
  const why = passwordProblem(password);
  if (why) throw invalidParams(`Invalid value for 'password' parameter. ${why}`);
}

function checkRole(state: TenantState, companyId: string, role: number): void {
  // assumed: the partner role (4, partners page 77211-125284 only) exists only in partner companies.
  if (role === 4 && state.companies[companyId]?.type !== 0) {
    throw invalidParams(
      "Invalid value for 'role' parameter. The partner role (4) is only available in partner companies.",
    );
  }
}

function checkTargets(ctx: MethodContext, companyId: string, targetIds: string[] | undefined): void {
  for (const t of targetIds ?? []) {
    const node = requireNode(ctx.state, ctx.caller, t, "target");
    if (node.kind === "endpoint")
      throw invalidParams(
        `Invalid value for 'targetIds' parameter. "${t}" is an endpoint; targets are companies or groups.`,
      );
    if (!isCompanyWithin(ctx.state, companyOfNode(node), companyId)) {
      throw invalidParams(`Invalid value for 'targetIds' parameter. "${t}" is outside the account's company.`);
    }
  }
}

function assertUserNameFree(state: TenantState, userName: string, selfId?: string): void {
  const key = userName.toLowerCase();
  for (const a of Object.values(state.accounts)) {
    if (a.id !== selfId && (a.userName.toLowerCase() === key || a.email.toLowerCase() === key)) {
      throw invalidParams(`An account with the user name "${userName}" already exists.`);
    }
  }
}

function createAccount(raw: unknown, ctx: MethodContext): string {
  const p = readParams(raw, {
    email: req(emailRule()),
    profile: req(newProfileShape),
    companyId: id(),
    ...accountFields,
  });
  const company = requireCompany(ctx.state, ctx.caller, p.companyId);
  const role = p.role ?? 1; // 77209-125284: "Default value: 1"
  checkRole(ctx.state, company.id, role);
  // 77209-125284: rights count only with role 5; "In any other situation, the values assigned to the rights parameter are ignored."
  const rights = role === 5 ? customRights(p.rights ?? {}) : {};
  checkPassword(p.password);
  checkTargets(ctx, company.id, p.targetIds);
  assertEmailFree(ctx.state, p.email);
  const aid = newObjectId(ctx.now.getTime());
  ctx.state.accounts[aid] = {
    id: aid,
    email: p.email,
    userName: p.email,
    companyId: company.id,
    fullName: p.profile.fullName,
    timezone: p.profile.timezone ?? "UTC", // assumed: the pages give no default time zone
    language: p.profile.language ?? "en_US", // assumed: the pages' example language
    role,
    rights,
    targetIds: p.targetIds ?? [],
    phoneNumber: p.phoneNumber ?? null,
    // 77209-125284: without a password, "a password will be created and sent by email to the user" (activation pending).
    passwordHash: p.password !== undefined ? hashPassword(p.password) : null,
    createdAt: isoUtc(ctx.now),
  };
  return aid;
}

/** The fields updateAccount (and the console action) may change. */
export interface AccountUpdate {
  email?: string;
  /** Console action only (the cloud API has no userName). */
  userName?: string;
  password?: string;
  role?: number;
  rights?: Record<string, boolean>;
  targetIds?: string[];
  phoneNumber?: { countryCode: string | number; subscriberNumber: string };
  profile?: { fullName?: string; timezone?: string; language?: string };
}

/** Applies an update to an account after checking it (shared with the console action); nothing changes when a check fails. */
export function applyAccountUpdate(state: TenantState, a: AccountRecord, p: AccountUpdate): void {
  const role = p.role ?? a.role;
  checkRole(state, a.companyId, role);
  // 77211-125285: with a role other than 5 the rights "will be ignored and replaced with the rights specific to that role";
  // with role 5 the rights sent replace the old ones (omitted ones false); a role-5 account keeps its rights when none are sent.
  const rights =
    role !== 5 ? {} : p.rights !== undefined ? customRights(p.rights) : a.role === 5 ? a.rights : customRights({});
  checkPassword(p.password);
  // 77209-125285: the password "needs to be different from previously used passwords" (the emulator keeps the current one).
  if (p.password !== undefined && a.passwordHash !== null && verifyPassword(p.password, a.passwordHash)) {
    throw invalidParams(
      "Invalid value for 'password' parameter. The password needs to be different from previously used passwords.",
    );
  }
  if (p.email !== undefined) assertEmailFree(state, p.email, a.id);
  if (p.userName !== undefined) assertUserNameFree(state, p.userName, a.id);
  if (p.email !== undefined) {
    if (a.userName.toLowerCase() === a.email.toLowerCase() && p.userName === undefined) a.userName = p.email;
    a.email = p.email;
  }
  if (p.userName !== undefined) a.userName = p.userName;
  if (p.password !== undefined) a.passwordHash = hashPassword(p.password);
  a.role = role;
  a.rights = rights;
  if (p.targetIds !== undefined) a.targetIds = p.targetIds;
  if (p.phoneNumber !== undefined) a.phoneNumber = p.phoneNumber;
  if (p.profile?.fullName !== undefined) a.fullName = p.profile.fullName;
  if (p.profile?.timezone !== undefined) a.timezone = p.profile.timezone;
  if (p.profile?.language !== undefined) a.language = p.profile.language;
}

function updateAccount(raw: unknown, ctx: MethodContext): boolean {
  const p = readParams(raw, {
    accountId: req(id()),
    email: emailRule(),
    profile: profileUpdateShape,
    ...accountFields,
    // assumed: sent by Bitdefender's own n8n node, not in the readable page text; accepted and without effect here.
    authenticationMethod: int({ oneOf: [0, 1, 2] }),
    // assumed: only in an older partners example request (77211-125285); accepted and ignored.
    companyId: id(),
  });
  const a = requireAccount(ctx.state, ctx.caller, p.accountId);
  checkTargets(ctx, a.companyId, p.targetIds);
  applyAccountUpdate(ctx.state, a, p);
  return true; // 77209-125285: "returns a Boolean which is True when the user account has been successfully updated"
}

function deleteAccount(raw: unknown, ctx: MethodContext): null {
  const p = readParams(raw, { accountId: req(id()) });
  const a = requireAccount(ctx.state, ctx.caller, p.accountId);
  // 77209-125283: "The account that was used to create the API key cannot be deleted by using this method." (error text assumed)
  if (a.id === ctx.caller.accountId)
    throw invalidParams("You cannot delete your own account (the account that generated this API key).");
  delete ctx.state.accounts[a.id];
  delete ctx.state.notifications[a.id];
  return null; // 77209-125283: "This method does not return any value."
}

/** The rights an account shows: its own for role 5, the role's for the predefined roles (77211-125285). */
export function rightsView(a: AccountRecord): Record<string, boolean> {
  if (a.role !== 5) return { ...(ROLE_RIGHTS[a.role] ?? rightsOf([])) };
  return rightsOf(RIGHTS.filter((r) => a.rights[r] === true));
}

// Assumed (not settable through the API): the landing page of the 77211-1081603 example, passwords that never expire (0), no 2FA.
const LANDING_PAGE = "dashboard";
const PASSWORD_LIFETIME = 0;

/**
 * A getAccountsList item (77209-125282, 77211-125282): id, email, profile {fullName, timezone, language,
 * landingPage}, role, rights, twoFactorAuthenticationStatus, passwordLifetime, companyName, companyId.
 * Never a password, userName or targetIds.
 */
export function accountListItem(state: TenantState, a: AccountRecord): Record<string, unknown> {
  return {
    id: a.id,
    email: a.email,
    profile: { fullName: a.fullName, timezone: a.timezone, language: a.language, landingPage: LANDING_PAGE },
    role: a.role,
    rights: rightsView(a),
    twoFactorAuthenticationStatus: false,
    passwordLifetime: PASSWORD_LIFETIME,
    companyName: state.companies[a.companyId]?.name ?? "",
    companyId: a.companyId,
  };
}

/**
 * getAccountDetails' answer (77211-1081603): id, email, profile {fullName, language, timezone,
 * landingPage}, phoneNumber ({countryCode: null, subscriberNumber: null} when none is set, as the
 * page's example shows), role, rights, passwordLifetime, twoFactorAuthenticationStatus, companyName,
 * companyId. The lockdown and manage-own-company Booleans are left out: the page does not show their
 * names. Never a password, userName or targetIds.
 */
export function accountDetails(state: TenantState, a: AccountRecord): Record<string, unknown> {
  return {
    id: a.id,
    email: a.email,
    profile: { fullName: a.fullName, language: a.language, timezone: a.timezone, landingPage: LANDING_PAGE },
    phoneNumber: a.phoneNumber ?? { countryCode: null, subscriberNumber: null },
    role: a.role,
    rights: rightsView(a),
    passwordLifetime: PASSWORD_LIFETIME,
    twoFactorAuthenticationStatus: false,
    companyName: state.companies[a.companyId]?.name ?? "",
    companyId: a.companyId,
  };
}

function getAccountsList(raw: unknown, ctx: MethodContext) {
  const p = readParams(raw, { companyId: id(), ...pagingShape(100) });
  const company = requireCompany(ctx.state, ctx.caller, p.companyId);
  const list = Object.values(ctx.state.accounts)
    // 77209-125282: "When the accounts list is retrieved, the account which generated the API key will be omitted."
    .filter((a) => a.companyId === company.id && a.id !== ctx.caller.accountId)
    .sort((a, b) => compareNames(a.email, b.email) || compareCodes(a.id, b.id));
  const page = pageOf(list, p.page, p.perPage);
  return { ...page, items: page.items.map((a) => accountListItem(ctx.state, a)) };
}

function getAccountDetails(raw: unknown, ctx: MethodContext) {
  const p = readParams(raw, { accountId: id() });
  // 77211-1081603: accountId defaults to "The ID of the GravityZone account used to generate the API key."
  return accountDetails(ctx.state, requireAccount(ctx.state, ctx.caller, p.accountId ?? ctx.caller.accountId));
}

/** Notification settings of an account that never configured them. */
export function defaultNotifications(): NotificationSettingsRecord {
  const types = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 17, 18, 19, 20, 21, 22, 23];
  return {
    deleteAfter: 30,
    includeDeviceName: false, // 77211-125286: includeDeviceName "The default value is False."
    includeDeviceFQDN: false,
    emailAddresses: [],
    sendOnlyPlainTextEmail: false,
    notificationsSettings: types.map((type) => ({
      type,
      enabled: type <= 6,
      visibilitySettings: {
        sendPerEmail: type <= 3,
        showInConsole: true,
        useCustomEmailDistribution: false,
        emails: [],
      },
      configurationSettings: {},
    })),
  };
}

function getNotificationsSettings(raw: unknown, ctx: MethodContext) {
  const p = readParams(raw, { accountId: id() });
  const a = requireAccount(ctx.state, ctx.caller, p.accountId ?? ctx.caller.accountId);
  return ctx.state.notifications[a.id] ?? defaultNotifications();
}

/**
 * The visibilitySettings object (77209-125287, Notifications Visibility Options): showInConsole,
 * sendPerEmail, useCustomEmailDistribution, emails, setCustomEmailSubject, emailSubject. Omitted members
 * keep their previous value (77211-125286: "Existing values are preserved for omitted settings").
 */
const visibilityShape = obj({
  showInConsole: bool(),
  sendPerEmail: bool(),
  useCustomEmailDistribution: bool(),
  emails: arr(emailRule(), { max: 100 }),
  setCustomEmailSubject: bool(),
  emailSubject: str({ max: 255 }),
});

/** The rules of 77209-125287 for one notification's visibility after the change. */
function checkVisibility(type: number, enabled: boolean, v: Record<string, unknown>): void {
  const path = "notificationsSettings.visibilitySettings";
  // 77209-125287: "At least one visibility option from showInConsole, sendPerEmail must be set to True when the notification is enabled."
  if (enabled && v.showInConsole !== true && v.sendPerEmail !== true) {
    throw invalidParams(
      `Invalid value for '${path}' parameter. Notification type ${type} is enabled: showInConsole or sendPerEmail must be true.`,
    );
  }
  // 77209-125287: with useCustomEmailDistribution true, sendPerEmail must be true and emails must hold at least one address.
  if (
    v.useCustomEmailDistribution === true &&
    (v.sendPerEmail !== true || !Array.isArray(v.emails) || v.emails.length === 0)
  ) {
    throw invalidParams(
      `Invalid value for '${path}' parameter. useCustomEmailDistribution needs sendPerEmail true and at least one address in emails.`,
    );
  }
  // 77209-125287: emailSubject is used "unless setCustomEmailSubject exists and is set to True" → needed when it is.
  if (v.setCustomEmailSubject === true && (typeof v.emailSubject !== "string" || v.emailSubject.trim() === "")) {
    throw invalidParams(`Invalid value for '${path}' parameter. setCustomEmailSubject needs an emailSubject.`);
  }
}

function configureNotificationsSettings(raw: unknown, ctx: MethodContext): boolean {
  const p = readParams(raw, {
    accountId: id(),
    deleteAfter: int({ min: 1, max: 365 }),
    includeDeviceName: bool(),
    includeDeviceFQDN: bool(),
    emailAddresses: arr(emailRule(), { max: 100 }),
    sendOnlyPlainTextEmail: bool(),
    notificationsSettings: arr(
      obj({
        type: req(int({ min: 1, max: 100 })),
        enabled: bool(),
        visibilitySettings: visibilityShape,
        configurationSettings: anyObject(),
      }),
    ),
  });
  const a = requireAccount(ctx.state, ctx.caller, p.accountId ?? ctx.caller.accountId);
  // A copy, so that a refused entry leaves the stored settings unchanged.
  const cur = structuredClone(ctx.state.notifications[a.id] ?? defaultNotifications());
  if (p.deleteAfter !== undefined) cur.deleteAfter = p.deleteAfter;
  if (p.includeDeviceName !== undefined) cur.includeDeviceName = p.includeDeviceName;
  if (p.includeDeviceFQDN !== undefined) cur.includeDeviceFQDN = p.includeDeviceFQDN;
  if (p.emailAddresses !== undefined) cur.emailAddresses = p.emailAddresses;
  if (p.sendOnlyPlainTextEmail !== undefined) cur.sendOnlyPlainTextEmail = p.sendOnlyPlainTextEmail;
  for (const n of p.notificationsSettings ?? []) {
    const existing = cur.notificationsSettings.find((x) => x.type === n.type);
    if (!existing)
      throw invalidParams(`Invalid value for 'notificationsSettings' parameter. Unknown notification type ${n.type}.`);
    const visibility =
      n.visibilitySettings !== undefined
        ? { ...existing.visibilitySettings, ...n.visibilitySettings }
        : existing.visibilitySettings;
    checkVisibility(n.type, n.enabled ?? existing.enabled, visibility);
    if (n.enabled !== undefined) existing.enabled = n.enabled;
    existing.visibilitySettings = visibility;
    if (n.configurationSettings !== undefined)
      existing.configurationSettings = { ...existing.configurationSettings, ...n.configurationSettings };
  }
  ctx.state.notifications[a.id] = cur;
  return true;
}

/** The accounts module. */
export const accountsMethods: ModuleMethods = {
  createAccount: write(createAccount),
  updateAccount: write(updateAccount),
  deleteAccount: write(deleteAccount),
  getAccountsList: read(getAccountsList),
  getAccountDetails: read(getAccountDetails),
  getNotificationsSettings: read(getNotificationsSettings),
  configureNotificationsSettings: write(configureNotificationsSettings),
};
