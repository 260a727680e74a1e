/**
 * The bad-input corpus: malformed and hostile inputs for every resource, each a valid base input
 * with one field replaced. `check` must refuse each one with a failure on that field, before any API
 * call. Values that cannot be written as literals (prototype-pollution keys) are built with
 * JSON.parse, the way they arrive from a JSON or YAML file.
 */
import type { ResourceKind } from "../../provider/registry";

/** One corpus entry. */
export interface BadInput {
  /** The resource (a key of {@link BASES}). */
  resource: keyof typeof BASES;
  /** The top-level input whose failure is expected. */
  field: string;
  /** What is wrong, for the test name. */
  what: string;
  /** The inputs to check: the base with this change (a value of `undefined` removes the field). */
  change: Record<string, unknown>;
}

const ID = "5f0c0c0c0c0c0c0c0c0c0c0c";
const SHA = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b856";
const MD5 = "d41d8cd98f00b204e9800998ecf8427e";
const json = (text: string) => JSON.parse(text) as Record<string, unknown>;
const MB = "x".repeat(1024 * 1024);

/** A valid input per resource (each passes check). */
export const BASES = {
  Company: {
    name: "Acme Ltd",
    type: "customer",
    country: "RO",
    state: "RO-B",
    address: "1 Main St",
    phone: "+40 21 000 0000",
  },
  CustomGroup: { name: "Servers", parentId: ID },
  InstallationPackage: {
    packageName: "Acme agent",
    companyId: ID,
    description: "Standard agent",
    language: "en_US",
    modules: { firewall: true },
  },
  Account: {
    email: "it-admin@acme.example",
    companyId: ID,
    profile: { fullName: "Acme IT", timezone: "Europe/Bucharest" },
    role: "companyAdministrator",
    password: "Str0ng-Passw0rd!",
  },
  PushEventSettings: {
    serviceType: "splunk",
    url: "https://siem.acme.example:8088/services/collector",
    authorization: "Splunk 0000",
    eventTypes: ["av", "fw"],
  },
  BlocklistEntry: { hash: SHA, sourceInfo: "incident 42", companyId: ID },
  Blocklist: { companyId: ID, hashType: "sha256", hashes: [SHA], sourceInfo: "feed" },
  PolicyAssignment: { policyId: ID, targetIds: [ID] },
} as const satisfies Record<ResourceKind, Readonly<Record<string, unknown>>>;

/** Unicode look-alike and control characters inside an otherwise valid name. */
const UNICODE: [string, string][] = [
  ["RTL override", "Acme\u202eLtd"],
  ["zero-width space", "Acme\u200bLtd"],
  ["NUL", "Acme\u0000Ltd"],
  ["byte-order mark", "\ufeffAcme"],
  ["line feed", "Acme\nLtd"],
  ["isolate (U+2066)", "Acme\u2066Ltd"],
];

const corpus: BadInput[] = [];
const add = (resource: BadInput["resource"], field: string, what: string, change: Record<string, unknown>) =>
  corpus.push({ resource, field, what, change });

// ---- Company
add("Company", "name", "empty name", { name: "" });
add("Company", "name", "65-character name", { name: "x".repeat(65) });
add("Company", "name", "1 MiB name", { name: MB });
add("Company", "name", "leading space", { name: " Acme" });
add("Company", "name", "number for a name", { name: 42 });
add("Company", "name", "object for a name", { name: { first: "Acme" } });
for (const [what, v] of UNICODE) add("Company", "name", `${what} in name`, { name: v });
add("Company", "name", "missing name", { name: undefined });
add("Company", "address", "HTML in address", { address: "<script>alert(1)</script>" });
add("Company", "address", "tag in address", { address: '1 Main St <img src=x onerror="x()">' });
add("Company", "address", "129-character address", { address: "a".repeat(129) });
add("Company", "address", "NUL in address", { address: "1 Main\u0000St" });
add("Company", "country", "lower-case country", { country: "ro", state: undefined });
add("Company", "country", "alpha-3 country", { country: "ROU", state: undefined });
add("Company", "country", "unassigned code XX", { country: "XX", state: undefined });
add("Company", "country", "empty country", { country: "", state: undefined });
add("Company", "country", "country with a space", { country: "RO ", state: undefined });
add("Company", "state", "subdivision without its country", { state: "B" });
add("Company", "state", "subdivision of another country", { state: "US-CA" });
add("Company", "state", "lower-case subdivision", { state: "ro-b" });
add("Company", "phone", "letters in phone", { phone: "555-CALL-NOW" });
add("Company", "phone", "33-character phone", { phone: "1".repeat(33) });
add("Company", "phone", "HTML in phone", { phone: "+1 <555>" });
add("Company", "type", "unknown type", { type: "reseller" });
add("Company", "type", "type in the wrong case", { type: "Customer" });
add("Company", "type", "type as its wire code", { type: 1 });
add("Company", "industry", "negative industry", { industry: -1 });
add("Company", "industry", "industry 35", { industry: 35 });
add("Company", "industry", "fractional industry", { industry: 1.5 });
add("Company", "industry", "industry as a string", { industry: "12" });
add("Company", "parentId", "parentId of 23 characters", { parentId: ID.slice(1) });
add("Company", "parentId", "parentId that is not hex", { parentId: "g".repeat(24) });
add("Company", "parentId", "path traversal as parentId", { parentId: "../../../../etc/passwd" });
add("Company", "parentId", "parentId with a fullwidth digit", { parentId: `５${ID.slice(1)}` });
add("Company", "licenseSubscription", "unknown license type", { licenseSubscription: { type: "forever" } });
add("Company", "licenseSubscription", "licensed without a key", { licenseSubscription: { type: "licensed" } });
add("Company", "licenseSubscription", "key with a monthly subscription", {
  licenseSubscription: { type: "monthly", licenseKey: "ABC" },
});
add("Company", "licenseSubscription", "end date with a trial", {
  licenseSubscription: { type: "trial", endSubscription: "2027-01-01" },
});
add("Company", "licenseSubscription", "February 30th", {
  licenseSubscription: { type: "monthly", endSubscription: "2027-02-30" },
});
add("Company", "licenseSubscription", "renewal of 121 months", {
  licenseSubscription: { type: "monthly", autoRenewPeriod: 121 },
});
add("Company", "licenseSubscription", "negative seats", { licenseSubscription: { reservedSlots: -1 } });
add("Company", "licenseSubscription", "__proto__ key in licenseSubscription", {
  licenseSubscription: json('{"type":"trial","__proto__":{"isAdmin":true}}'),
});
add("Company", "suspended", "string for a boolean", { suspended: "yes" });
add("Company", "enforce2FA", "string 'true' for a boolean", { enforce2FA: "true" });
add("Company", "deletionProtection", "0 for a boolean", { deletionProtection: 0 });
add("Company", "nmae", "misspelt input", { nmae: "Acme" });
add("Company", "__proto__", "top-level __proto__ key", json('{"__proto__":{"polluted":true}}'));
add("Company", "constructor", "top-level constructor key", json('{"constructor":{"prototype":{"polluted":true}}}'));

// ---- CustomGroup
add("CustomGroup", "name", "empty name", { name: "" });
add("CustomGroup", "name", "256-character name", { name: "g".repeat(256) });
add("CustomGroup", "name", "RTL override in name", { name: "Servers\u202e" });
add("CustomGroup", "name", "NUL in name", { name: "Ser\u0000vers" });
add("CustomGroup", "name", "zero-width joiner in name", { name: "Ser\u200dvers" });
add("CustomGroup", "name", "trailing space", { name: "Servers " });
add("CustomGroup", "parentId", "parentId of the wrong shape", { parentId: "Servers" });
add("CustomGroup", "parentId", "parentId as a number", { parentId: 123456 });
add("CustomGroup", "forceDelete", "string for a boolean", { forceDelete: "yes" });
add("CustomGroup", "__proto__", "top-level __proto__ key", json('{"__proto__":{"polluted":true}}'));

// ---- InstallationPackage
add("InstallationPackage", "packageName", "empty name", { packageName: "" });
add("InstallationPackage", "packageName", "HTML in name", { packageName: "<img src=x onerror=alert(1)>" });
add("InstallationPackage", "packageName", "256-character name", { packageName: "p".repeat(256) });
add("InstallationPackage", "packageName", "zero-width space in name", { packageName: "Acme\u200bagent" });
add("InstallationPackage", "description", "HTML in description", { description: "<script>steal()</script>" });
add("InstallationPackage", "description", "1025-character description", { description: "d".repeat(1025) });
add("InstallationPackage", "description", "1 MiB description", { description: MB });
add("InstallationPackage", "language", "language without region", { language: "en" });
add("InstallationPackage", "language", "unknown language", { language: "xx_XX" });
add("InstallationPackage", "language", "language in the wrong case", { language: "EN_us" });
add("InstallationPackage", "modules", "unknown module", { modules: { firewal: true } });
add("InstallationPackage", "modules", "string for a module switch", { modules: { firewall: "yes" } });
add("InstallationPackage", "modules", "__proto__ key in modules", { modules: json('{"__proto__":{"firewall":true}}') });
add("InstallationPackage", "modules", "constructor key in modules", { modules: json('{"constructor":true}') });
add("InstallationPackage", "roles", "unknown role", { roles: { admin: true } });
add("InstallationPackage", "scanMode", "engines with automatic mode", {
  scanMode: { type: "automatic", computers: { main: "central" } },
});
add("InstallationPackage", "scanMode", "unknown scan mode", { scanMode: { type: "fast" } });
add("InstallationPackage", "scanMode", "unknown engine", {
  scanMode: { type: "custom", computers: { main: "cloud" } },
});
add("InstallationPackage", "productType", "unknown product type", { productType: "edr" });
add("InstallationPackage", "settings", "__proto__ key in settings", {
  settings: json('{"__proto__":{"polluted":true}}'),
});
add("InstallationPackage", "deploymentOptions", "constructor key in deploymentOptions", {
  deploymentOptions: json('{"constructor":{"prototype":{"polluted":true}}}'),
});
add("InstallationPackage", "settings", "settings as an array", { settings: [1, 2, 3] });
add("InstallationPackage", "companyId", "companyId of the wrong shape", { companyId: "acme" });

// ---- Account
add("Account", "email", "not an e-mail", { email: "not-an-email" });
add("Account", "email", "no top-level domain", { email: "admin@acme" });
add("Account", "email", "angle brackets in e-mail", { email: "<admin@acme.example>" });
add("Account", "email", "space in e-mail", { email: "it admin@acme.example" });
add("Account", "email", "255-character e-mail", { email: `${"a".repeat(243)}@acme.example` });
add("Account", "email", "header injection in e-mail", { email: "admin@acme.example\r\nBcc: all@x.example" });
add("Account", "password", "11-character password", { password: "Sh0rt-Pass!" });
add("Account", "password", "no upper-case letter", { password: "str0ng-passw0rd!" });
add("Account", "password", "no lower-case letter", { password: "STR0NG-PASSW0RD!" });
add("Account", "password", "no digit", { password: "Strong-Password!" });
add("Account", "password", "no special character", { password: "Str0ngPassw0rd1" });
add("Account", "password", "129-character password", { password: `Aa1!${"x".repeat(125)}` });
add("Account", "password", "number for a password", { password: 123456789012 });
add("Account", "role", "unknown role", { role: "superuser" });
add("Account", "role", "role as its wire code", { role: 1 });
add("Account", "rights", "unknown right", { role: "custom", rights: { deleteEverything: true } });
add("Account", "rights", "rights with a non-custom role", { rights: { manageUsers: true } });
add("Account", "rights", "__proto__ key in rights", {
  role: "custom",
  rights: json('{"__proto__":{"manageUsers":true}}'),
});
add("Account", "rights", "constructor key in rights", { role: "custom", rights: json('{"constructor":true}') });
add("Account", "profile", "empty full name", { profile: { fullName: "" } });
add("Account", "profile", "HTML in full name", { profile: { fullName: "<b>Boss</b>" } });
add("Account", "profile", "unknown time zone", { profile: { fullName: "Acme IT", timezone: "Mars/Olympus_Mons" } });
add("Account", "profile", "unknown language", { profile: { fullName: "Acme IT", language: "tlh_QO" } });
add("Account", "profile", "missing full name", { profile: { timezone: "UTC" } });
add("Account", "profile", "__proto__ key in profile", {
  profile: json('{"fullName":"Acme IT","__proto__":{"isAdmin":true}}'),
});
add("Account", "targetIds", "target of the wrong shape", { targetIds: ["acme"] });
add("Account", "targetIds", "1001 targets", { targetIds: Array.from({ length: 1001 }, () => ID) });
add("Account", "phoneNumber", "letters in calling code", {
  phoneNumber: { countryCode: "+4a", subscriberNumber: "123456" },
});
add("Account", "phoneNumber", "3-digit subscriber number", {
  phoneNumber: { countryCode: "+40", subscriberNumber: "123" },
});
add("Account", "userName", "HTML in user name", { userName: "<admin>" });
add("Account", "companyId", "companyId of the wrong shape", { companyId: "5f0c" });

// ---- PushEventSettings
add("PushEventSettings", "url", "plain http URL", { url: "http://siem.acme.example/collector" });
add("PushEventSettings", "url", "ftp URL", { url: "ftp://siem.acme.example/" });
add("PushEventSettings", "url", "javascript: URL", { url: "javascript:alert(1)" });
add("PushEventSettings", "url", "not a URL", { url: "siem.acme.example" });
add("PushEventSettings", "url", "URL without a host", { url: "https://" });
add("PushEventSettings", "url", "2049-character URL", { url: `https://siem.acme.example/${"a".repeat(2030)}` });
add("PushEventSettings", "serviceType", "unknown service", { serviceType: "syslog" });
add("PushEventSettings", "eventTypes", "no event type", { eventTypes: [] });
add("PushEventSettings", "eventTypes", "unknown event type", { eventTypes: ["virus"] });
add("PushEventSettings", "eventTypes", "string for the list", { eventTypes: "av" });
add("PushEventSettings", "authorization", "empty authorization", { authorization: "" });
add("PushEventSettings", "authorization", "1025-character authorization", { authorization: "a".repeat(1025) });
add("PushEventSettings", "subscribeToCompanies", "company id of the wrong shape", { subscribeToCompanies: ["acme"] });
add("PushEventSettings", "subscribeToCompanies", "empty company list", { subscribeToCompanies: [] });
add("PushEventSettings", "requireValidSslCertificate", "string for a boolean", { requireValidSslCertificate: "false" });
add("PushEventSettings", "serviceSettings", "raw wire settings", { serviceSettings: { url: "http://x" } });

// ---- BlocklistEntry
add("BlocklistEntry", "hash", "hash that is not hex", { hash: "z".repeat(64) });
add("BlocklistEntry", "hash", "63-character hash", { hash: SHA.slice(1) });
add("BlocklistEntry", "hash", "MD5 declared as SHA-256", { hash: MD5, hashType: "sha256" });
add("BlocklistEntry", "hashType", "unknown hash type", { hashType: "sha1" });
add("BlocklistEntry", "path", "hash and path together", { path: "C:\\evil.exe" });
add("BlocklistEntry", "hash", "no rule at all", { hash: undefined });
add("BlocklistEntry", "sourceInfo", "hash without sourceInfo", { sourceInfo: undefined });
add("BlocklistEntry", "sourceInfo", "HTML in sourceInfo", { sourceInfo: "<script>x</script>" });
add("BlocklistEntry", "note", "note on a hash entry", { note: "why" });
add("BlocklistEntry", "path", "empty path", { hash: undefined, sourceInfo: undefined, path: "" });
add("BlocklistEntry", "path", "1025-character path", {
  hash: undefined,
  sourceInfo: undefined,
  path: `C:\\${"p".repeat(1023)}`,
});
add("BlocklistEntry", "connection", "empty rule name", {
  hash: undefined,
  sourceInfo: undefined,
  connection: { ruleName: "" },
});
add("BlocklistEntry", "connection", "unknown protocol", {
  hash: undefined,
  sourceInfo: undefined,
  connection: { ruleName: "r", protocol: "SCTP" },
});
add("BlocklistEntry", "connection", "malformed IP mask", {
  hash: undefined,
  sourceInfo: undefined,
  connection: { ruleName: "r", remoteAddress: { ipMask: "10.0.0.1/33x" } },
});
add("BlocklistEntry", "connection", "open port range", {
  hash: undefined,
  sourceInfo: undefined,
  connection: { ruleName: "r", localAddress: { portRange: "80-" } },
});
add("BlocklistEntry", "connection", "malformed MAC", {
  hash: undefined,
  sourceInfo: undefined,
  connection: { ruleName: "r", directlyConnected: { enable: true, remoteMac: "zz:zz" } },
});
add("BlocklistEntry", "connection", "HTML in rule name", {
  hash: undefined,
  sourceInfo: undefined,
  connection: { ruleName: "<script>" },
});
add("BlocklistEntry", "connection", "__proto__ key in connection", {
  hash: undefined,
  sourceInfo: undefined,
  connection: json('{"ruleName":"r","__proto__":{"x":1}}'),
});
add("BlocklistEntry", "companyId", "companyId of the wrong shape", { companyId: "x" });

// ---- Blocklist
add("Blocklist", "hashes", "empty list", { hashes: [] });
add("Blocklist", "hashes", "hash that is not hex", { hashes: [SHA, "not-a-hash"] });
add("Blocklist", "hashes", "65-character hash", { hashes: [`${SHA}0`] });
add("Blocklist", "hashes", "MD5 in a SHA-256 list", { hashes: [MD5] });
add("Blocklist", "hashes", "string for the list", { hashes: SHA });
add("Blocklist", "hashes", "NUL inside a hash", { hashes: [`${SHA.slice(0, 32)}\u0000${SHA.slice(33)}`] });
add("Blocklist", "hashes", "100001 hashes", {
  hashes: Array.from({ length: 100_001 }, (_, i) => i.toString(16).padStart(64, "0")),
});
add("Blocklist", "hashType", "unknown hash type", { hashType: "crc32" });
add("Blocklist", "sourceInfo", "empty sourceInfo", { sourceInfo: "" });
add("Blocklist", "sourceInfo", "HTML in sourceInfo", { sourceInfo: "<iframe src=x>" });
add("Blocklist", "sourceInfo", "513-character sourceInfo", { sourceInfo: "s".repeat(513) });
add("Blocklist", "companyId", "companyId of the wrong shape", { companyId: "00000000-0000-0000-0000-000000000000" });

// ---- PolicyAssignment
add("PolicyAssignment", "policyId", "policy name instead of id", { policyId: "MSP Baseline - Workstations" });
add("PolicyAssignment", "policyId", "policyId with a fullwidth digit", { policyId: `${ID.slice(0, 23)}５` });
add("PolicyAssignment", "targetIds", "no target", { targetIds: [] });
add("PolicyAssignment", "targetIds", "target of the wrong shape", { targetIds: ["../"] });
add("PolicyAssignment", "targetIds", "1001 targets", {
  targetIds: Array.from({ length: 1001 }, (_, i) => i.toString(16).padStart(24, "0")),
});
add("PolicyAssignment", "forceInheritance", "string for a boolean", { forceInheritance: "true" });
add("PolicyAssignment", "inheritFromAbove", "raw wire parameter", { inheritFromAbove: false });

/** Every entry. */
export const BAD_INPUTS: readonly BadInput[] = corpus;

/** The base of `entry.resource` with the entry's change applied. */
export function inputsOf(entry: BadInput): Record<string, unknown> {
  const out: Record<string, unknown> = { ...BASES[entry.resource] };
  // Own keys, so `__proto__` from JSON.parse is copied as a key, not as a prototype.
  for (const k of Object.keys(entry.change)) {
    const v = entry.change[k];
    if (v === undefined) delete out[k];
    else Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  }
  return out;
}
