/**
 * The `accounts` API: createAccount, updateAccount, deleteAccount, getAccountsList,
 * getAccountDetails, getNotificationsSettings, configureNotificationsSettings.
 *
 * Passwords are checked against the complexity rule and stored as salted scrypt hashes; no answer
 * ever contains a password or its hash. Emails (and user names) are unique case-insensitively.
 * Role 4 (partner) is only allowed in partner companies; `rights` only with role 5 (custom).
 */
import { isoUtc } from "../clock";
import { invalidParams } from "../errors";
import { newObjectId } from "../ids";
import { anyObject, arr, bool, flags, id, int, obj, pagingShape, readParams, req, str } from "../params";
import { hashPassword, passwordProblem } from "../password";
import { requireAccount, requireCompany, requireNode } from "../scope";
import type { AccountRecord, NotificationSettingsRecord, TenantState } from "../state";
import { companyOfNode, isCompanyWithin } from "../tree";
import { emailRule, languageRule, RIGHTS, ROLES, timezoneRule } from "./accounts-rules";
import { assertEmailFree } from "./companies";
import { pageOf, read, write, type MethodContext, type ModuleMethods } from "./registry";
import { compareCodes, compareNames } from "../collation";

const newProfileShape = obj({ fullName: req(str({ max: 128, noHtml: true })), timezone: timezoneRule(), language: languageRule() });
const profileUpdateShape = obj({ fullName: str({ max: 128, noHtml: true }), timezone: timezoneRule(), language: languageRule() });

const phoneShape = obj({
  countryCode: req(str({ max: 5, pattern: { re: /^\+?[0-9]{1,4}$/, hint: "a country calling code such as +40" } })),
  subscriberNumber: req(str({ max: 20, pattern: { re: /^[0-9]{4,20}$/, hint: "digits only" } })),
});

const accountFields = {
  userName: str({ max: 254, noHtml: true }),
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

function checkRole(state: TenantState, companyId: string, role: number, rights: Record<string, boolean> | undefined): void {
  if (rights !== undefined && role !== 5) throw invalidParams("Parameter 'rights' can only be used with the custom role (5).");
  if (role === 4 && state.companies[companyId]?.type !== 0) throw invalidParams("Invalid value for 'role' parameter. The partner role (4) is only available in partner companies.");
}

function checkTargets(ctx: MethodContext, companyId: string, targetIds: string[] | undefined): void {
  for (const t of targetIds ?? []) {
    const node = requireNode(ctx.state, ctx.caller, t, "target");
    if (node.kind === "endpoint") throw invalidParams(`Invalid value for 'targetIds' parameter. "${t}" is an endpoint; targets are companies or groups.`);
    if (!isCompanyWithin(ctx.state, companyOfNode(node), companyId)) throw invalidParams(`Invalid value for 'targetIds' parameter. "${t}" is outside the account's company.`);
  }
}

function assertUserNameFree(state: TenantState, userName: string, selfId?: string): void {
  const key = userName.toLowerCase();
  for (const a of Object.values(state.accounts)) {
    if (a.id !== selfId && (a.userName.toLowerCase() === key || a.email.toLowerCase() === key)) throw invalidParams(`An account with the user name "${userName}" already exists.`);
  }
}

function createAccount(raw: unknown, ctx: MethodContext): string {
  const p = readParams(raw, { email: req(emailRule()), profile: req(newProfileShape), companyId: id(), ...accountFields });
  const company = requireCompany(ctx.state, ctx.caller, p.companyId);
  const role = p.role ?? 1;
  checkRole(ctx.state, company.id, role, p.rights);
  checkPassword(p.password);
  checkTargets(ctx, company.id, p.targetIds);
  assertEmailFree(ctx.state, p.email);
  if (p.userName !== undefined && p.userName.toLowerCase() !== p.email.toLowerCase()) assertUserNameFree(ctx.state, p.userName);
  const aid = newObjectId(ctx.now.getTime());
  ctx.state.accounts[aid] = {
    id: aid,
    email: p.email,
    userName: p.userName ?? p.email,
    companyId: company.id,
    fullName: p.profile.fullName,
    timezone: p.profile.timezone ?? "UTC",
    language: p.profile.language ?? "en_US",
    role,
    rights: role === 5 ? { ...p.rights } : {},
    targetIds: p.targetIds ?? [],
    phoneNumber: p.phoneNumber ?? null,
    passwordHash: p.password !== undefined ? hashPassword(p.password) : null,
    createdAt: isoUtc(ctx.now),
  };
  return aid;
}

/** The fields updateAccount (and the console action) may change. */
export interface AccountUpdate {
  email?: string;
  userName?: string;
  password?: string;
  role?: number;
  rights?: Record<string, boolean>;
  targetIds?: string[];
  phoneNumber?: { countryCode: string; subscriberNumber: string };
  profile?: { fullName?: string; timezone?: string; language?: string };
}

/** Applies an update to an account after checking it (shared with the console action). */
export function applyAccountUpdate(state: TenantState, a: AccountRecord, p: AccountUpdate): void {
  const role = p.role ?? a.role;
  checkRole(state, a.companyId, role, p.rights);
  checkPassword(p.password);
  if (p.email !== undefined) assertEmailFree(state, p.email, a.id);
  if (p.userName !== undefined) assertUserNameFree(state, p.userName, a.id);
  if (p.email !== undefined) {
    if (a.userName.toLowerCase() === a.email.toLowerCase() && p.userName === undefined) a.userName = p.email;
    a.email = p.email;
  }
  if (p.userName !== undefined) a.userName = p.userName;
  if (p.password !== undefined) a.passwordHash = hashPassword(p.password);
  if (p.role !== undefined) a.role = p.role;
  if (role !== 5) a.rights = {};
  else if (p.rights !== undefined) a.rights = { ...p.rights };
  if (p.targetIds !== undefined) a.targetIds = p.targetIds;
  if (p.phoneNumber !== undefined) a.phoneNumber = p.phoneNumber;
  if (p.profile?.fullName !== undefined) a.fullName = p.profile.fullName;
  if (p.profile?.timezone !== undefined) a.timezone = p.profile.timezone;
  if (p.profile?.language !== undefined) a.language = p.profile.language;
}

function updateAccount(raw: unknown, ctx: MethodContext): boolean {
  const p = readParams(raw, { accountId: req(id()), email: emailRule(), profile: profileUpdateShape, ...accountFields });
  const a = requireAccount(ctx.state, ctx.caller, p.accountId);
  checkTargets(ctx, a.companyId, p.targetIds);
  applyAccountUpdate(ctx.state, a, p);
  return true;
}

function deleteAccount(raw: unknown, ctx: MethodContext): null {
  const p = readParams(raw, { accountId: req(id()) });
  const a = requireAccount(ctx.state, ctx.caller, p.accountId);
  if (a.id === ctx.caller.accountId) throw invalidParams("You cannot delete your own account (the account that generated this API key).");
  delete ctx.state.accounts[a.id];
  delete ctx.state.notifications[a.id];
  return null;
}

/** The public view of an account (never the password). */
export function accountView(a: AccountRecord): Record<string, unknown> {
  return {
    id: a.id,
    email: a.email,
    userName: a.userName,
    companyId: a.companyId,
    role: a.role,
    rights: a.rights,
    targetIds: a.targetIds,
    phoneNumber: a.phoneNumber,
    profile: { fullName: a.fullName, timezone: a.timezone, language: a.language },
    isActivated: a.passwordHash !== null,
  };
}

function getAccountsList(raw: unknown, ctx: MethodContext) {
  const p = readParams(raw, { companyId: id(), ...pagingShape(100) });
  const company = requireCompany(ctx.state, ctx.caller, p.companyId);
  const list = Object.values(ctx.state.accounts)
    .filter((a) => a.companyId === company.id)
    .sort((a, b) => compareNames(a.email, b.email) || compareCodes(a.id, b.id));
  const page = pageOf(list, p.page, p.perPage);
  return { ...page, items: page.items.map(accountView) };
}

function getAccountDetails(raw: unknown, ctx: MethodContext) {
  const p = readParams(raw, { accountId: id() });
  return accountView(requireAccount(ctx.state, ctx.caller, p.accountId ?? ctx.caller.accountId));
}

/** Notification settings of an account that never configured them. */
export function defaultNotifications(): NotificationSettingsRecord {
  const types = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 17, 18, 19, 20, 21, 22, 23];
  return {
    deleteAfter: 30,
    includeDeviceName: true,
    includeDeviceFQDN: false,
    emailAddresses: [],
    sendOnlyPlainTextEmail: false,
    notificationsSettings: types.map((type) => ({ type, enabled: type <= 6, visibilitySettings: { sendPerEmail: type <= 3, showInConsole: true, logToServer: false }, configurationSettings: {} })),
  };
}

function getNotificationsSettings(raw: unknown, ctx: MethodContext) {
  const p = readParams(raw, { accountId: id() });
  const a = requireAccount(ctx.state, ctx.caller, p.accountId ?? ctx.caller.accountId);
  return ctx.state.notifications[a.id] ?? defaultNotifications();
}

function configureNotificationsSettings(raw: unknown, ctx: MethodContext): boolean {
  const p = readParams(raw, {
    accountId: id(),
    deleteAfter: int({ min: 1, max: 365 }),
    includeDeviceName: bool(),
    includeDeviceFQDN: bool(),
    emailAddresses: arr(emailRule(), { max: 100 }),
    sendOnlyPlainTextEmail: bool(),
    notificationsSettings: arr(obj({ type: req(int({ min: 1, max: 100 })), enabled: bool(), visibilitySettings: flags(bool()), configurationSettings: anyObject() })),
  });
  const a = requireAccount(ctx.state, ctx.caller, p.accountId ?? ctx.caller.accountId);
  const cur = ctx.state.notifications[a.id] ?? defaultNotifications();
  if (p.deleteAfter !== undefined) cur.deleteAfter = p.deleteAfter;
  if (p.includeDeviceName !== undefined) cur.includeDeviceName = p.includeDeviceName;
  if (p.includeDeviceFQDN !== undefined) cur.includeDeviceFQDN = p.includeDeviceFQDN;
  if (p.emailAddresses !== undefined) cur.emailAddresses = p.emailAddresses;
  if (p.sendOnlyPlainTextEmail !== undefined) cur.sendOnlyPlainTextEmail = p.sendOnlyPlainTextEmail;
  for (const n of p.notificationsSettings ?? []) {
    const existing = cur.notificationsSettings.find((x) => x.type === n.type);
    if (!existing) throw invalidParams(`Invalid value for 'notificationsSettings' parameter. Unknown notification type ${n.type}.`);
    if (n.enabled !== undefined) existing.enabled = n.enabled;
    if (n.visibilitySettings !== undefined) existing.visibilitySettings = { ...existing.visibilitySettings, ...n.visibilitySettings };
    if (n.configurationSettings !== undefined) existing.configurationSettings = { ...existing.configurationSettings, ...n.configurationSettings };
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
