/**
 * The tenant's state: plain JSON-serialisable records keyed by id. The emulator keeps exactly one
 * {@link TenantState} per server; method handlers read and change it synchronously (so every API call
 * is atomic), the server persists it after each acknowledged write (see persistence.ts).
 *
 * The network inventory is a tree: a company node (type 1, same id as the company) holds its
 * subordinate companies and its two system groups, 'Computers and Groups' and 'Deleted'
 * (77209-128488). The company's custom groups (type 4) and endpoints (5 computer, 6 virtual machine)
 * live under its 'Computers and Groups', directly or in custom groups; 'Deleted' stays empty.
 */

/** The version written in state files; a file with another version is refused. */
export const STATE_VERSION = 1;

/** A policy assigned to a company, custom group or endpoint. Absent = inherit from the parent. */
export interface PolicyAssignment {
  /** The assigned policy. */
  policyId: string;
  /** Force this policy on every descendant, overriding their own assignments. */
  force: boolean;
}

/** License settings of a company (createCompany.licenseSubscription). */
export interface LicenseSubscription {
  /** 1 trial, 2 licensed, 3 monthly subscription, 4 monthly license trial, 5 monthly subscription trial, 6 FRAT. */
  type: number;
  /** License key (type 2). */
  licenseKey: string | null;
  /** Seats reserved from the parent's pool. */
  reservedSlots: number | null;
  /** Subscription end date (type 3). */
  endSubscription: string | null;
  /** Auto-renewal period in months (type 3). */
  autoRenewPeriod: number | null;
  /** Product type assigned with the subscription. */
  assignedProductType: number | null;
  /** Add-on switches (manageExchange, manageEncryption, …). */
  addons: Record<string, boolean>;
  /** The partner's own-use add-on switches. */
  ownUse: Record<string, boolean> | null;
  /**
   * Keys added with licensing.addProductKey besides `licenseKey` (the base key), in the order added.
   * Absent in state files written before the licensing setters existed (= none).
   */
  addedKeys?: string[];
  /** The protection model set with licensing.setMonthlySubscription (e.g. `aLaCarte`); absent = not set. */
  assignedProtectionModel?: string;
}

/** The contact person of a company, as getCompanyDetails documents it (members not given are null). */
export interface ContactPerson {
  /** First name and surname. */
  fullName: string | null;
  /** Email address. */
  email: string | null;
  /** Phone number. */
  phoneNumber: string | null;
  /** Position in the company. */
  companyRole: string | null;
}

/** A company (partner type 0 or customer type 1). */
export interface CompanyRecord {
  /** Object id; also the id of its inventory node. */
  id: string;
  /** 0 partner, 1 customer. */
  type: 0 | 1;
  /** Unique (case-insensitively) among all companies, ≤64 characters. */
  name: string;
  /** The managing partner; null for the tenant's root partner. */
  parentId: string | null;
  /** Postal address (≤128 characters, no HTML) or null. */
  address: string | null;
  /** Phone number (≤32 characters) or null. */
  phone: string | null;
  /** ISO 3166-1 alpha-2 country code or null. */
  country: string | null;
  /** ISO 3166-2 subdivision code or null. */
  state: string | null;
  /** Industry code (0 = undefined). */
  industry: number;
  /** Whether the parent partner may manage this company's security. */
  canBeManagedByAbove: boolean;
  /** Two-factor authentication enforced for the company's accounts. */
  enforce2FA: boolean;
  /** Days a device may skip the second factor (null = not set). */
  skip2FAPeriod: number | null;
  /** Suspended companies keep their data but their users cannot log in. */
  isSuspended: boolean;
  /** ISO timestamp. */
  createdAt: string;
  /** Product type (0 = Business Security). */
  assignedProductType: number;
  /** Licensing. */
  licenseSubscription: LicenseSubscription;
  /** Contact person shown in company details (null = none set). */
  contactPerson: ContactPerson | null;
  /** Custom field values set with updateCompanyDetails (absent = none). */
  customFields?: Record<string, unknown>;
  /** Emergency contact for the MDR team, set with updateCompanyDetails or the licensing key setters (absent = none). */
  mdrContactInformation?: Record<string, unknown>;
  /** The company's own policy assignment (every company has one: its default policy at creation). */
  policy: PolicyAssignment;
}

/** The two groups every company has (77209-128488): 'Computers and Groups' and 'Deleted'. */
export type SystemGroupKind = "computersAndGroups" | "deleted";

/** A custom group of endpoints, or one of a company's two system groups. */
export interface GroupRecord {
  /** Object id. */
  id: string;
  /** Name, unique (case-insensitively) among its siblings. */
  name: string;
  /** The group that contains it (a custom group or 'Computers and Groups'); for a system group, its company. */
  parentId: string;
  /** The company it belongs to. */
  companyId: string;
  /** ISO timestamp. */
  createdAt: string;
  /** Own policy assignment; absent = inherits. */
  policy?: PolicyAssignment;
  /** Set on a company's system groups only; they cannot be renamed, moved or deleted. */
  system?: SystemGroupKind;
}

/** An endpoint (computer type 5 or virtual machine type 6). */
export interface EndpointRecord {
  /** Object id. */
  id: string;
  /** Host name. */
  name: string;
  /** 5 computer, 6 virtual machine. */
  type: 5 | 6;
  /** The company it belongs to. */
  companyId: string;
  /** The group that contains it: a custom group or its company's 'Computers and Groups'. */
  parentId: string;
  /** Fully qualified domain name. */
  fqdn: string;
  /** IPv4 address. */
  ip: string;
  /** MAC addresses (12 hex digits each, as GravityZone shows them). */
  macs: string[];
  /** Operating system, e.g. `Windows 11 Pro`. */
  operatingSystemVersion: string;
  /** OS family for filtering: windows, linux, macos. */
  osFamily: "windows" | "linux" | "macos";
  /** Whether an agent (BEST) manages it. */
  isManaged: boolean;
  /** 0 unknown, 1 online, 2 offline, 3 suspended. */
  state: 0 | 1 | 2 | 3;
  /** Malware status. */
  malwareStatus: { detection: boolean; infected: boolean };
  /** Agent versions and update status (managed endpoints). */
  agent: {
    productVersion: string;
    engineVersion: string;
    signatureOutdated: boolean;
    productOutdated: boolean;
    lastUpdate: string;
    primaryEngine: number;
    fallbackEngine: number;
    licensed: number;
  } | null;
  /** Installed modules and whether they are enabled. */
  modules: Record<string, boolean>;
  /** Roles: relay, exchange, security server. */
  roles: { relay: boolean; exchange: boolean; securityServer: boolean };
  /** Label set with setEndpointLabel. */
  label: string;
  /** Tags shown by getEndpointTags. */
  tags: string[];
  /** Active Directory SID. */
  ssid: string;
  /** ISO timestamp of the last contact. */
  lastSeen: string;
  /** ISO timestamp of the last successful scan, if any. */
  lastSuccessfulScan: { name: string; date: string } | null;
  /** Isolated from the network by createIsolateEndpointTask. */
  isolated: boolean;
  /** Own policy assignment; absent = inherits. */
  policy?: PolicyAssignment;
  /** ISO timestamp. */
  createdAt: string;
}

/** A security policy (read-only through the API). */
export interface PolicyRecord {
  /** Object id. */
  id: string;
  /** Policy name. */
  name: string;
  /** The company that owns it. */
  companyId: string;
  /** True for the company's built-in default policy. */
  isDefault: boolean;
  /** ISO timestamps. */
  createdAt: string;
  /** ISO timestamp of the last change. */
  updatedAt: string;
  /** The settings tree returned by getPolicyDetails. */
  settings: Record<string, unknown>;
}

/** An installation package. */
export interface PackageRecord {
  /** Object id. */
  id: string;
  /** The company that owns it. */
  companyId: string;
  /** Unique (case-insensitively) per company. */
  name: string;
  /** Free text. */
  description: string;
  /** Installer language, e.g. `en_US`. */
  language: string;
  /** Module switches (0/1). */
  modules: Record<string, number>;
  /** Scan mode settings. */
  scanMode: Record<string, unknown>;
  /** Package settings as given. */
  settings: Record<string, unknown>;
  /** Role switches (0/1). */
  roles: Record<string, number>;
  /** Deployment options as given. */
  deploymentOptions: Record<string, unknown>;
  /** 0 detection and prevention, 3 EDR report-only, 5 PHASR standalone. */
  productType: number;
  /** Package type in lists: 3 Security Server, 4 BEST. */
  type: number;
  /** ISO timestamp. */
  createdAt: string;
}

/** A console user account. */
export interface AccountRecord {
  /** Object id. */
  id: string;
  /** Unique (case-insensitively) login email. */
  email: string;
  /** User name (defaults to the email). */
  userName: string;
  /** The company the account belongs to. */
  companyId: string;
  /** Display name. */
  fullName: string;
  /** IANA time zone. */
  timezone: string;
  /** Interface language, e.g. `en_US`. */
  language: string;
  /** 1 company administrator, 2 network administrator, 3 reporter, 4 partner, 5 custom. */
  role: number;
  /** Rights (role 5 only; other roles imply theirs). */
  rights: Record<string, boolean>;
  /** Companies/groups the account manages (empty = its whole company). */
  targetIds: string[];
  /** Phone number for notifications (countryCode as sent: a string such as "+40", or an integer). */
  phoneNumber: { countryCode: string | number; subscriberNumber: string } | null;
  /** `scrypt$<salt hex>$<hash hex>`; never returned. Null = activation email pending. */
  passwordHash: string | null;
  /** ISO timestamp. */
  createdAt: string;
}

/** Notification settings of one account. */
export interface NotificationSettingsRecord {
  /** Days after which notifications are deleted. */
  deleteAfter: number;
  /** Include the device name in emails. */
  includeDeviceName: boolean;
  /** Include the device FQDN in emails. */
  includeDeviceFQDN: boolean;
  /** Extra recipients. */
  emailAddresses: string[];
  /** Plain-text emails only. */
  sendOnlyPlainTextEmail: boolean;
  /** One entry per notification type. */
  notificationsSettings: Array<{
    type: number;
    enabled: boolean;
    visibilitySettings: Record<string, unknown>;
    configurationSettings: Record<string, unknown>;
  }>;
}

/** A blocklist rule: a file hash, a file path or a network connection. */
export interface BlocklistRecord {
  /** Object id. */
  id: string;
  /** The company it belongs to. */
  companyId: string;
  /** Rule type. */
  type: "hash" | "path" | "connection";
  /** For hash rules: 1 SHA256, 2 MD5. */
  hashType: 1 | 2 | null;
  /** For hash rules: the lowercase hash. */
  hash: string | null;
  /** 1 incident, 2 import, 3 manual. */
  source: 1 | 2 | 3;
  /** The note given when adding the rule (v1.0 `sourceInfo`, v1.2 `note`). */
  sourceInfo: string;
  /** File name, when known. */
  filename: string | null;
  /** The rule details as v1.2 shows them (path and connection rules; a hash rule's are derived from `hashType` and `hash`). */
  details: Record<string, unknown>;
  /** The account that added it. */
  ownerId: string;
  /** ISO timestamp (no zone, as the API shows it). */
  created: string;
  /**
   * For a rule copied into a subordinate company by a recursive v1.2 addToBlocklist: the id of the
   * rule it was copied from (removing that rule removes the copy). Absent for rules added directly.
   */
  copiedFrom?: string;
}

/** Event push settings of one company (one configuration per API key's company). */
export interface PushRecord {
  /** 0 disabled, 1 enabled. */
  status: 0 | 1;
  /** jsonRPC, splunk, cef, qradar, azuresentinel. */
  serviceType: string;
  /** Receiver settings. */
  serviceSettings: {
    url: string;
    requireValidSslCertificate: boolean;
    authorization?: string;
    splunkAuthorization?: string;
  };
  /** Event name → subscribed. */
  subscribeToEventTypes: Record<string, boolean>;
  /** Companies whose events are sent; null = all managed companies. */
  subscribeToCompanies: string[] | null;
  /** Delivery counters for getPushEventStats. */
  stats: { events: number; testEvents: number; sentMessages: number; errorMessages: number; lastUpdateTime: string };
}

/** A scan task. */
export interface ScanTaskRecord {
  /** Object id. */
  id: string;
  /** Task name. */
  name: string;
  /** 1 quick, 2 full, 3 memory, 4 custom. */
  scanType: number;
  /** 1 pending, 2 in progress, 3 finished. */
  status: number;
  /** Targets. */
  targetIds: string[];
  /** The company that owns it. */
  companyId: string;
  /** ISO timestamp. */
  startDate: string;
}

/** A saved report. */
export interface ReportRecord {
  /** Object id. */
  id: string;
  /** Report name. */
  name: string;
  /** Report type code. */
  type: number;
  /** The company that owns it. */
  companyId: string;
  /** Targets. */
  targetIds: string[];
  /** 1 instant, 2 scheduled. */
  occurrence: number;
  /** ISO timestamp. */
  createdAt: string;
}

/** Everything the emulated GravityZone knows. */
export interface TenantState {
  /** Always {@link STATE_VERSION}. */
  version: number;
  /** The partner company every API key belongs to. */
  rootCompanyId: string;
  /** The account that generated the API keys (it cannot delete itself). */
  ownerAccountId: string;
  /** Companies by id. */
  companies: Record<string, CompanyRecord>;
  /** Custom groups by id. */
  groups: Record<string, GroupRecord>;
  /** Endpoints by id. */
  endpoints: Record<string, EndpointRecord>;
  /** Policies by id. */
  policies: Record<string, PolicyRecord>;
  /** Installation packages by id. */
  packages: Record<string, PackageRecord>;
  /** Accounts by id. */
  accounts: Record<string, AccountRecord>;
  /** Notification settings by account id (absent = defaults). */
  notifications: Record<string, NotificationSettingsRecord>;
  /** Blocklist rules by id. */
  blocklist: Record<string, BlocklistRecord>;
  /** Push settings by company id. */
  push: Record<string, PushRecord>;
  /** Scan tasks by id. */
  scanTasks: Record<string, ScanTaskRecord>;
  /** Reports by id. */
  reports: Record<string, ReportRecord>;
}

const COLLECTIONS = [
  "companies",
  "groups",
  "endpoints",
  "policies",
  "packages",
  "accounts",
  "notifications",
  "blocklist",
  "push",
  "scanTasks",
  "reports",
] as const;

/**
 * Checks that `value` looks like a {@link TenantState} of the current version (a shallow check of the
 * envelope and of the root references). Returns a reason when it does not.
 */
export function stateProblem(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return "the state must be a JSON object";
  const s = value as Record<string, unknown>;
  if (s.version !== STATE_VERSION)
    return `unsupported state version ${JSON.stringify(s.version)} (expected ${STATE_VERSION})`;
  for (const c of COLLECTIONS) {
    const v = s[c];
    if (typeof v !== "object" || v === null || Array.isArray(v)) return `"${c}" must be an object keyed by id`;
  }
  const companies = s.companies as Record<string, unknown>;
  if (typeof s.rootCompanyId !== "string" || !(s.rootCompanyId in companies))
    return "rootCompanyId must name a company in the state";
  const accounts = s.accounts as Record<string, unknown>;
  if (typeof s.ownerAccountId !== "string" || !(s.ownerAccountId in accounts))
    return "ownerAccountId must name an account in the state";
  return undefined;
}

/**
 * Brings a state written by an older emulator up to the current record shapes, in place: a company
 * contact person stored as `{fullName, email, phone}` becomes `{fullName, email, phoneNumber,
 * companyRole}`. Fields added later as optional members need no change (absent = their default).
 */
export function upgradeState(state: TenantState): TenantState {
  for (const c of Object.values(state.companies)) {
    const cp = c.contactPerson as (Partial<ContactPerson> & { phone?: string | null }) | null | undefined;
    if (cp === undefined || cp === null) {
      c.contactPerson = null;
      continue;
    }
    const phoneNumber = cp.phoneNumber ?? cp.phone ?? null;
    c.contactPerson = {
      fullName: cp.fullName ?? null,
      email: cp.email ?? null,
      phoneNumber,
      companyRole: cp.companyRole ?? null,
    };
  }
  return state;
}

/** Replaces the contents of `target` with those of `source`, keeping `target`'s identity. */
export function replaceState(target: TenantState, source: TenantState): void {
  for (const k of Object.keys(target)) delete (target as unknown as Record<string, unknown>)[k];
  Object.assign(target, source);
}
