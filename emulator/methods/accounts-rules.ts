/**
 * Account field rules shared by accounts.createAccount/updateAccount and companies.createCompany's
 * first administrator: email format, languages, time zones, roles and rights.
 */
import { refine, str } from "../params";

/** Interface and installer languages GravityZone accepts. */
export const LANGUAGES = ["en_US", "fr_FR", "de_DE", "it_IT", "pl_PL", "pt_BR", "ro_RO", "ru_RU", "es_ES"] as const;

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

const EMAIL = /^[^\s@<>()[\\\],;:"]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

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
  return refine(str({ max: 64 }), (v) => (isTimeZone(v) ? undefined : "The value should be a valid time zone (e.g. Europe/London)."));
}

/** A language parameter. */
export function languageRule() {
  return str({ oneOf: LANGUAGES });
}
