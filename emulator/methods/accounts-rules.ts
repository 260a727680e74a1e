/**
 * Account field rules shared by accounts.createAccount/updateAccount and companies.createCompany's
 * first administrator: email format, languages, time zones, roles and rights.
 */
import { CONSOLE_LANGUAGES } from "../catalogue/accounts";
import { PACKAGE_LANGUAGES } from "../catalogue/packages";
import { invalidParams } from "../errors";
import { refine, str } from "../params";

/**
 * Installation package languages: the list the createPackage/updatePackage pages give
 * (77211-135298, 77209-532512), as the catalogue transcribes it.
 */
export { PACKAGE_LANGUAGES };

/**
 * Console (user account) languages: the console guide's 15 (77211-94051), codes partly assumed — see
 * the catalogue's CONSOLE_LANGUAGES.
 */
export const ACCOUNT_LANGUAGES = CONSOLE_LANGUAGES;

/** 1 company administrator, 2 network administrator, 3 reporter, 4 partner, 5 custom. */
export const ROLES = [1, 2, 3, 4, 5] as const;

/** The rights a custom-role (5) account may be given. */
export const RIGHTS = [
  "manageCompanies",
  "manageNetworks",
  "manageUsers",
  "manageReports",
  "companyManager",
  "manageRemoteShell",
  "manageInventory",
  "managePoliciesRead",
  "managePoliciesWrite",
] as const;

/** The three rights that replace the deprecated manageNetworks (77211-125284). */
export const NETWORK_RIGHTS = ["manageInventory", "managePoliciesRead", "managePoliciesWrite"] as const;

/**
 * The rights a predefined role carries; getAccountDetails/getAccountsList show them for roles other
 * than 5. updateAccount 77211-125285: rights sent with another role are "ignored and replaced with the
 * rights specific to that role". Assumed (the pages do not list them): drawn from the role and right
 * descriptions of 77209-124342 (User roles) and 77209-124345 (User rights): partners hold every right;
 * company administrators every right except manageCompanies (partner-only); network administrators
 * manage networks, users and reports; reporters (security analysts) only reports.
 */
export const ROLE_RIGHTS: Readonly<Record<number, Readonly<Record<(typeof RIGHTS)[number], boolean>>>> = {
  1: rightsOf([
    "manageNetworks",
    "manageUsers",
    "manageReports",
    "companyManager",
    "manageRemoteShell",
    ...NETWORK_RIGHTS,
  ]),
  2: rightsOf(["manageNetworks", "manageUsers", "manageReports", ...NETWORK_RIGHTS]),
  3: rightsOf(["manageReports"]),
  4: rightsOf(RIGHTS),
};

/** Every right, true for the ones named. */
export function rightsOf(granted: readonly string[]): Record<(typeof RIGHTS)[number], boolean> {
  return Object.fromEntries(RIGHTS.map((r) => [r, granted.includes(r)])) as Record<(typeof RIGHTS)[number], boolean>;
}

/**
 * The stored rights of a custom-role (5) account from the rights sent (77211-125284): "Omitted values
 * from the request are automatically set to false"; manageNetworks' value is assigned to manageInventory,
 * managePoliciesRead and managePoliciesWrite ("Trying to assign a different value to any of the three keys
 * in the same request will result in an error"), and manageNetworks true also grants manageReports.
 */
export function customRights(sent: Readonly<Record<string, boolean>>): Record<(typeof RIGHTS)[number], boolean> {
  const out = rightsOf(RIGHTS.filter((r) => sent[r] === true));
  const networks = sent.manageNetworks;
  if (networks !== undefined) {
    for (const r of NETWORK_RIGHTS) {
      if (sent[r] !== undefined && sent[r] !== networks) {
        throw invalidParams(
          `Invalid value for 'rights.${r}' parameter. It must have the same value as 'rights.manageNetworks' when both are sent.`,
        );
      }
      out[r] = networks;
    }
    if (networks) out.manageReports = true;
  }
  return out;
}

const EMAIL =
  /^[^\s@<>()[\\\],;:"]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

/** An email address parameter (≤254 characters, one `@`, a dotted domain). */
export function emailRule() {
  return str({ max: 254, pattern: { re: EMAIL, hint: "a valid email address" } });
}

/** True when `tz` is an IANA time zone the runtime knows. */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** A time zone parameter (IANA name such as `Europe/Bucharest`). */
export function timezoneRule() {
  return refine(str({ max: 64 }), (v) =>
    isTimeZone(v) ? undefined : "The value should be a valid time zone (e.g. Europe/London).",
  );
}

/** A user account's console language (profile.language): one of {@link ACCOUNT_LANGUAGES}. */
export function languageRule() {
  return str({ oneOf: ACCOUNT_LANGUAGES });
}

/** An installation package's language: one of {@link PACKAGE_LANGUAGES} (77211-135298). */
export function packageLanguageRule() {
  return str({ oneOf: PACKAGE_LANGUAGES });
}
