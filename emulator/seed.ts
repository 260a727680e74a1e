/**
 * The starting tenants.
 *
 * "default" looks like a small MSP: the partner root "Northwind MSP" with eight customer companies
 * (one suspended), a sub-reseller partner with its own customer, every company with its 'Computers and
 * Groups' and 'Deleted' system groups, nested custom groups under 'Computers and Groups', about 300
 * endpoints with realistic names and operating systems, a default policy per company plus shared
 * partner policies (some assigned to groups, one forced, a few endpoint overrides), installation
 * packages, accounts, scan tasks, reports and blocklist rules (160 hashes in one company, so paging
 * is exercised). Event push is not configured.
 *
 * "empty" holds only the partner root company (with its two system groups), its default policy and
 * the key's own account.
 *
 * Both are deterministic: a fixed PRNG seed and a fixed clock give the same ids on every start.
 */
import { isoSecondsNoZone, isoUtc } from "./clock";
import { seededObjectId } from "./ids";
import { addCompany, computersAndGroupsOf, defaultLicense, type CompanyFields } from "./lifecycle";
import { policySettings, type PolicyFlavour } from "./policy-settings";
import { createPrng, type Prng } from "./prng";
import {
  STATE_VERSION,
  type AccountRecord,
  type CompanyRecord,
  type EndpointRecord,
  type GroupRecord,
  type LicenseSubscription,
  type TenantState,
} from "./state";

/** The seed kinds. */
export type SeedKind = "default" | "empty";

const T0 = Date.UTC(2025, 0, 6, 9, 0, 0);
const MINUTE = 60_000;
const DAY = 86_400_000;

class SeedBuilder {
  readonly rng: Prng;
  private tick = 0;
  readonly state: TenantState;

  constructor(seed: number) {
    this.rng = createPrng(seed);
    this.state = {
      version: STATE_VERSION,
      rootCompanyId: "",
      ownerAccountId: "",
      companies: {},
      groups: {},
      endpoints: {},
      policies: {},
      packages: {},
      accounts: {},
      notifications: {},
      blocklist: {},
      push: {},
      scanTasks: {},
      reports: {},
    };
  }

  /** The next creation time (a few minutes after the previous object). */
  at(): Date {
    this.tick += 1 + Math.floor(this.rng.next() * 7);
    return new Date(T0 + this.tick * MINUTE);
  }

  id(at: Date): string {
    return seededObjectId(this.rng, at.getTime());
  }

  company(fields: Partial<CompanyFields> & Pick<CompanyFields, "name" | "type" | "parentId">): CompanyRecord {
    const at = this.at();
    const full: CompanyFields = {
      address: null,
      phone: null,
      country: null,
      state: null,
      industry: 0,
      canBeManagedByAbove: true,
      enforce2FA: false,
      skip2FAPeriod: null,
      assignedProductType: 0,
      licenseSubscription: defaultLicense(),
      contactPerson: null,
      ...fields,
    };
    return addCompany(this.state, full, { companyId: this.id(at), policyId: this.id(at) }, at);
  }

  policy(companyId: string, name: string, flavour: PolicyFlavour): string {
    const at = this.at();
    const pid = this.id(at);
    this.state.policies[pid] = {
      id: pid,
      name,
      companyId,
      isDefault: false,
      createdAt: isoUtc(at),
      updatedAt: isoUtc(new Date(at.getTime() + 3 * DAY)),
      settings: policySettings(flavour, name),
    };
    return pid;
  }

  group(companyId: string, parentId: string, name: string): GroupRecord {
    const at = this.at();
    const g: GroupRecord = { id: this.id(at), name, parentId, companyId, createdAt: isoUtc(at) };
    this.state.groups[g.id] = g;
    return g;
  }

  account(
    companyId: string,
    email: string,
    fullName: string,
    role: number,
    extra: Partial<AccountRecord> = {},
  ): AccountRecord {
    const at = this.at();
    const a: AccountRecord = {
      id: this.id(at),
      email,
      userName: email,
      companyId,
      fullName,
      timezone: "UTC",
      language: "en_US",
      role,
      rights: {},
      targetIds: [],
      phoneNumber: null,
      passwordHash: null,
      createdAt: isoUtc(at),
      ...extra,
    };
    this.state.accounts[a.id] = a;
    return a;
  }
}

function monthly(reservedSlots: number | null): LicenseSubscription {
  return { ...defaultLicense(), type: 3, reservedSlots, autoRenewPeriod: 12, endSubscription: "2026-12-31" };
}

function rootCompany(b: SeedBuilder): CompanyRecord {
  const root = b.company({
    name: "Northwind MSP",
    type: 0,
    parentId: null,
    address: "500 Harbor Blvd, Suite 1200, Seattle, WA 98101",
    phone: "+1 206 555 0100",
    country: "US",
    state: "US-WA",
    industry: 30,
    licenseSubscription: monthly(null),
    contactPerson: {
      fullName: "Avery Morgan",
      email: "admin@northwind-msp.example",
      phoneNumber: "+1 206 555 0101",
      companyRole: "Director",
    },
  });
  b.state.rootCompanyId = root.id;
  const owner = b.account(root.id, "admin@northwind-msp.example", "Avery Morgan", 4, {
    timezone: "America/Los_Angeles",
    passwordHash: "scrypt$00$00",
  });
  b.state.ownerAccountId = owner.id;
  return root;
}

/** The kinds of machine the seed creates, with their naming and operating systems. */
type MachineKind = "ws" | "lt" | "srv" | "dc" | "mac" | "lnx";

const OS: Record<MachineKind, Array<[string, EndpointRecord["osFamily"]]>> = {
  ws: [
    ["Windows 11 Pro", "windows"],
    ["Windows 11 Enterprise", "windows"],
    ["Windows 10 Pro", "windows"],
    ["Windows 10 Enterprise", "windows"],
  ],
  lt: [
    ["Windows 11 Pro", "windows"],
    ["Windows 11 Enterprise", "windows"],
  ],
  srv: [
    ["Windows Server 2022 Standard", "windows"],
    ["Windows Server 2019 Standard", "windows"],
    ["Windows Server 2022 Datacenter", "windows"],
  ],
  dc: [["Windows Server 2022 Standard", "windows"]],
  mac: [
    ["macOS Sonoma 14.6", "macos"],
    ["macOS Sequoia 15.1", "macos"],
  ],
  lnx: [
    ["Ubuntu 22.04.5 LTS", "linux"],
    ["Ubuntu 24.04.1 LTS", "linux"],
    ["Red Hat Enterprise Linux 9.4", "linux"],
    ["Debian GNU/Linux 12", "linux"],
  ],
};

const NAME_PART: Record<MachineKind, string> = { ws: "WS", lt: "LT", srv: "SRV", dc: "DC", mac: "MAC", lnx: "LNX" };

interface EndpointPlan {
  company: CompanyRecord;
  parentId: string;
  prefix: string;
  domain: string;
  subnet: number;
}

function addEndpoints(
  b: SeedBuilder,
  plan: EndpointPlan,
  kind: MachineKind,
  count: number,
  counters: Map<string, number>,
  tags: string[] = [],
): EndpointRecord[] {
  const out: EndpointRecord[] = [];
  const rng = b.rng;
  for (let i = 0; i < count; i++) {
    const key = `${plan.prefix}-${NAME_PART[kind]}`;
    const n = (counters.get(key) ?? 0) + 1;
    counters.set(key, n);
    const name = `${key}-${String(n).padStart(3, "0")}`;
    const at = b.at();
    const [os, family] = rng.pick(OS[kind]);
    const isServer = kind === "srv" || kind === "dc" || kind === "lnx";
    const managed = !rng.chance(0.08);
    const stateRoll = rng.next();
    const online = isServer ? stateRoll < 0.92 : stateRoll < 0.68;
    const lastSeen = new Date(T0 + 60 * DAY - (online ? rng.int(0, 30) * MINUTE : rng.int(1, 20) * DAY));
    const infected = managed && rng.chance(0.03);
    const e: EndpointRecord = {
      id: b.id(at),
      name,
      type: isServer && rng.chance(0.6) ? 6 : 5,
      companyId: plan.company.id,
      parentId: plan.parentId,
      fqdn: `${name.toLowerCase()}.${plan.domain}`,
      ip: `10.${plan.subnet}.${rng.int(0, 15)}.${rng.int(2, 254)}`,
      macs: [rng.hex(12)],
      operatingSystemVersion: os,
      osFamily: family,
      isManaged: managed,
      state: managed ? (online ? 1 : 2) : 0,
      malwareStatus: { detection: infected, infected },
      agent: managed
        ? {
            productVersion: rng.pick(["7.9.14.401", "7.9.13.387", "7.9.12.380"]),
            engineVersion: rng.pick(["7.99021", "7.98877"]),
            signatureOutdated: !online && rng.chance(0.5),
            productOutdated: rng.chance(0.12),
            lastUpdate: isoUtc(new Date(lastSeen.getTime() - rng.int(0, 120) * MINUTE)),
            primaryEngine: 1,
            fallbackEngine: 2,
            licensed: 1,
          }
        : null,
      modules: managed
        ? {
            antimalware: true,
            advancedThreatControl: true,
            firewall: !isServer,
            contentControl: kind === "ws" || kind === "lt",
            deviceControl: kind === "lt",
            networkAttackDefense: true,
            powerUser: false,
            edrSensor: true,
            encryption: kind === "lt" && rng.chance(0.5),
            patchManagement: false,
          }
        : {},
      roles: { relay: kind === "srv" && n === 1, exchange: false, securityServer: false },
      label: "",
      tags: [...tags],
      ssid:
        family === "windows"
          ? `S-1-5-21-${rng.int(1000000000, 3999999999)}-${rng.int(1000000000, 3999999999)}-${rng.int(100000000, 999999999)}-${rng.int(1000, 9999)}`
          : "",
      lastSeen: isoUtc(lastSeen),
      lastSuccessfulScan: managed
        ? {
            name: rng.pick(["Quick Scan", "Full Scan"]),
            date: isoUtc(new Date(lastSeen.getTime() - rng.int(1, 72) * 60 * MINUTE)),
          }
        : null,
      isolated: false,
      createdAt: isoUtc(at),
    };
    b.state.endpoints[e.id] = e;
    out.push(e);
  }
  return out;
}

interface CustomerSpec {
  name: string;
  prefix: string;
  domain: string;
  country: string;
  state: string;
  industry: number;
  address: string;
  phone: string;
  admin: [string, string];
  license: LicenseSubscription;
  /** Group tree: name → kinds and counts, nested groups under `children`. */
  groups: GroupSpec[];
  /** Endpoints directly in the company's 'Computers and Groups' (in no custom group). */
  loose?: Array<[MachineKind, number]>;
  suspended?: boolean;
}

interface GroupSpec {
  name: string;
  machines?: Array<[MachineKind, number]>;
  children?: GroupSpec[];
  policy?: "workstations" | "servers" | "strict";
  force?: boolean;
  tags?: string[];
}

function buildCompanyNetwork(
  b: SeedBuilder,
  company: CompanyRecord,
  spec: Pick<CustomerSpec, "prefix" | "domain" | "groups" | "loose">,
  subnet: number,
  shared: Record<string, string>,
): EndpointRecord[] {
  const counters = new Map<string, number>();
  const all: EndpointRecord[] = [];
  const plan = (parentId: string): EndpointPlan => ({
    company,
    parentId,
    prefix: spec.prefix,
    domain: spec.domain,
    subnet,
  });
  const walk = (parentId: string, groups: GroupSpec[]) => {
    for (const gs of groups) {
      const g = b.group(company.id, parentId, gs.name);
      if (gs.policy && shared[gs.policy]) g.policy = { policyId: shared[gs.policy]!, force: gs.force ?? false };
      for (const [kind, count] of gs.machines ?? [])
        all.push(...addEndpoints(b, plan(g.id), kind, count, counters, gs.tags));
      walk(g.id, gs.children ?? []);
    }
  };
  // Custom groups and endpoints live under the company's 'Computers and Groups' (77209-128488).
  const home = computersAndGroupsOf(b.state, company.id);
  walk(home, spec.groups);
  for (const [kind, count] of spec.loose ?? []) all.push(...addEndpoints(b, plan(home), kind, count, counters));
  return all;
}

const CUSTOMERS: CustomerSpec[] = [
  {
    name: "Contoso Dental Group",
    prefix: "CDG",
    domain: "contoso-dental.example",
    country: "US",
    state: "US-CA",
    industry: 19,
    address: "2100 Mission St, San Francisco, CA 94110",
    phone: "+1 415 555 0142",
    admin: ["it.admin@contoso-dental.example", "Priya Raman"],
    license: monthly(80),
    groups: [
      {
        name: "Workstations",
        policy: "workstations",
        children: [
          { name: "Front Desk", machines: [["ws", 8]], tags: ["Kiosk"] },
          { name: "Operatories", machines: [["ws", 22]] },
        ],
      },
      {
        name: "Servers",
        policy: "servers",
        machines: [
          ["srv", 3],
          ["dc", 2],
        ],
      },
      {
        name: "Laptops",
        policy: "strict",
        machines: [
          ["lt", 12],
          ["mac", 4],
        ],
        tags: ["VIP"],
      },
    ],
    loose: [["ws", 4]],
  },
  {
    name: "Fabrikam Logistics",
    prefix: "FAB",
    domain: "fabrikam-logistics.example",
    country: "DE",
    state: "DE-HH",
    industry: 32,
    address: "Am Sandtorkai 50, 20457 Hamburg",
    phone: "+49 40 5550 1200",
    admin: ["gz-admin@fabrikam-logistics.example", "Jonas Becker"],
    license: monthly(120),
    groups: [
      {
        name: "Warehouse",
        machines: [
          ["ws", 18],
          ["lnx", 4],
        ],
        tags: ["Kiosk"],
      },
      {
        name: "Office",
        policy: "workstations",
        children: [
          { name: "Finance", machines: [["ws", 9]], tags: ["Critical"] },
          { name: "HR", machines: [["ws", 6]] },
        ],
        machines: [["lt", 10]],
      },
      {
        name: "Servers",
        policy: "servers",
        force: true,
        machines: [
          ["srv", 6],
          ["lnx", 3],
        ],
        children: [{ name: "Domain Controllers", machines: [["dc", 2]] }],
      },
    ],
    loose: [["ws", 2]],
  },
  {
    name: "Tailspin Toys",
    prefix: "TST",
    domain: "tailspintoys.example",
    country: "GB",
    state: "GB-LND",
    industry: 28,
    address: "14 Carnaby St, London W1F 9PS",
    phone: "+44 20 7946 0321",
    admin: ["helpdesk@tailspintoys.example", "Oliver Hughes"],
    license: monthly(50),
    groups: [
      { name: "Stores", machines: [["ws", 16]], tags: ["Kiosk"] },
      {
        name: "Head Office",
        policy: "workstations",
        machines: [
          ["ws", 8],
          ["mac", 5],
        ],
      },
      { name: "Servers", policy: "servers", machines: [["srv", 3]] },
    ],
    loose: [["lt", 3]],
  },
  {
    name: "Litware Legal LLP",
    prefix: "LIT",
    domain: "litware-legal.example",
    country: "US",
    state: "US-NY",
    industry: 26,
    address: "1 Liberty Plaza, New York, NY 10006",
    phone: "+1 212 555 0199",
    admin: ["itops@litware-legal.example", "Dana Whitfield"],
    license: { ...defaultLicense(), type: 2, licenseKey: "LTWR7-Q4M2K-8HD3X", reservedSlots: null },
    groups: [
      { name: "Partners", policy: "strict", machines: [["lt", 8]], tags: ["VIP"] },
      { name: "Associates", policy: "workstations", machines: [["ws", 12]] },
      {
        name: "Servers",
        policy: "servers",
        machines: [
          ["srv", 3],
          ["dc", 1],
        ],
      },
    ],
  },
  {
    name: "Adatum Health Clinic",
    prefix: "ADH",
    domain: "adatum-health.example",
    country: "CA",
    state: "CA-ON",
    industry: 19,
    address: "250 Yonge St, Toronto, ON M5B 2L7",
    phone: "+1 416 555 0176",
    admin: ["admin@adatum-health.example", "Marc Tremblay"],
    license: monthly(30),
    suspended: true,
    groups: [
      { name: "Clinic", machines: [["ws", 14]] },
      { name: "Servers", machines: [["srv", 2]] },
    ],
    loose: [["lt", 4]],
  },
  {
    name: "Wingtip Accounting",
    prefix: "WTA",
    domain: "wingtip-accounting.example",
    country: "AU",
    state: "AU-NSW",
    industry: 16,
    address: "88 Phillip St, Sydney NSW 2000",
    phone: "+61 2 5550 1234",
    admin: ["it@wingtip-accounting.example", "Grace Liu"],
    license: monthly(40),
    groups: [
      {
        name: "Accountants",
        policy: "workstations",
        machines: [["ws", 16]],
        children: [{ name: "Tax Season Temps", machines: [["ws", 5]] }],
      },
      {
        name: "Servers",
        policy: "servers",
        machines: [
          ["srv", 2],
          ["lnx", 1],
        ],
      },
    ],
    loose: [["lt", 6]],
  },
  {
    name: "Alpine Ski House",
    prefix: "ASH",
    domain: "alpineskihouse.example",
    country: "AT",
    state: "AT-7",
    industry: 20,
    address: "Dorfstrasse 12, 6580 St. Anton am Arlberg",
    phone: "+43 5446 55500",
    admin: ["office@alpineskihouse.example", "Lena Hofer"],
    license: { ...defaultLicense(), type: 1 },
    groups: [
      { name: "Rental Desk", machines: [["ws", 9]], tags: ["Kiosk"] },
      {
        name: "Back Office",
        machines: [
          ["ws", 5],
          ["mac", 2],
        ],
      },
    ],
    loose: [["srv", 2]],
  },
  {
    name: "Coho Vineyard",
    prefix: "COHO",
    domain: "cohovineyard.example",
    country: "FR",
    state: "FR-NAQ",
    industry: 2,
    address: "12 Route des Châteaux, 33250 Pauillac",
    phone: "+33 5 56 55 01 23",
    admin: ["contact-it@cohovineyard.example", "Camille Dubois"],
    license: monthly(20),
    groups: [
      {
        name: "Winery",
        machines: [
          ["ws", 7],
          ["lt", 4],
        ],
      },
    ],
    loose: [
      ["srv", 2],
      ["mac", 2],
    ],
  },
];

function buildDefault(b: SeedBuilder): void {
  const root = rootCompany(b);
  const shared = {
    workstations: b.policy(root.id, "MSP Baseline - Workstations", "workstations"),
    servers: b.policy(root.id, "MSP Baseline - Servers", "servers"),
    strict: b.policy(root.id, "MSP Hardened - Laptops", "strict"),
  };
  const edrOnly = b.policy(root.id, "EDR Report Only", "edr-report-only");
  b.account(root.id, "tech.oncall@northwind-msp.example", "Sam Okafor", 2, { timezone: "America/Los_Angeles" });
  b.account(root.id, "reports@northwind-msp.example", "Northwind Reporting", 3);
  b.account(root.id, "helpdesk@northwind-msp.example", "Riley Chen", 5, {
    rights: {
      manageNetworks: true,
      manageReports: true,
      managePoliciesRead: true,
      managePoliciesWrite: true,
      manageInventory: true,
    },
  });
  const rootEndpoints = buildCompanyNetwork(
    b,
    root,
    {
      prefix: "NW",
      domain: "northwind-msp.example",
      groups: [
        {
          name: "MSP Internal",
          policy: "workstations",
          machines: [
            ["ws", 4],
            ["srv", 2],
          ],
        },
      ],
    },
    1,
    shared,
  );
  addPackage(b, root.id, "Northwind Standard Agent", "Default BEST kit for new customers.", {});

  const companies: Array<{ company: CompanyRecord; spec: CustomerSpec; endpoints: EndpointRecord[] }> = [];
  CUSTOMERS.forEach((spec, i) => {
    const company = b.company({
      name: spec.name,
      type: 1,
      parentId: root.id,
      address: spec.address,
      phone: spec.phone,
      country: spec.country,
      state: spec.state,
      industry: spec.industry,
      licenseSubscription: spec.license,
      contactPerson: {
        fullName: spec.admin[1],
        email: spec.admin[0],
        phoneNumber: spec.phone,
        companyRole: "IT Administrator",
      },
    });
    company.isSuspended = spec.suspended ?? false;
    b.account(company.id, spec.admin[0], spec.admin[1], 1, { timezone: tzFor(spec.country) });
    const endpoints = buildCompanyNetwork(b, company, spec, 10 + i, shared);
    const content = { userControl: 1, antiphishing: 1, trafficScan: 1 };
    addPackage(b, company.id, `${spec.name} - Workstations`, "Workstation kit with content and device control.", {
      ...content,
      deviceControl: 1,
    });
    if (i % 2 === 0)
      addPackage(
        b,
        company.id,
        `${spec.name} - Servers`,
        "Server kit: relay role, no content control.",
        { firewall: 0 },
        { relay: 1 },
      );
    companies.push({ company, spec, endpoints });
  });

  const reseller = b.company({
    name: "Blue Yonder IT Services",
    type: 0,
    parentId: root.id,
    address: "Str. Academiei 7, Bucuresti 010011",
    phone: "+40 21 555 0190",
    country: "RO",
    state: "RO-B",
    industry: 30,
    licenseSubscription: monthly(60),
    contactPerson: {
      fullName: "Andrei Popescu",
      email: "andrei@blueyonder-it.example",
      phoneNumber: null,
      companyRole: "Owner",
    },
  });
  b.account(reseller.id, "andrei@blueyonder-it.example", "Andrei Popescu", 4, {
    timezone: "Europe/Bucharest",
    language: "ro_RO",
  });
  const resellerPolicy = b.policy(reseller.id, "Blue Yonder Standard", "workstations");
  buildCompanyNetwork(
    b,
    reseller,
    {
      prefix: "BY",
      domain: "blueyonder-it.example",
      groups: [
        {
          name: "Staff",
          machines: [
            ["lt", 5],
            ["ws", 3],
          ],
        },
      ],
    },
    40,
    shared,
  );
  const margies = b.company({
    name: "Margie's Travel",
    type: 1,
    parentId: reseller.id,
    address: "Bd. Eroilor 15, Cluj-Napoca 400129",
    phone: "+40 264 555 011",
    country: "RO",
    state: "RO-CJ",
    industry: 20,
    licenseSubscription: monthly(30),
    contactPerson: {
      fullName: "Ioana Marin",
      email: "ioana@margiestravel.example",
      phoneNumber: null,
      companyRole: null,
    },
  });
  b.account(margies.id, "ioana@margiestravel.example", "Ioana Marin", 1, {
    timezone: "Europe/Bucharest",
    language: "ro_RO",
  });
  const margiesEndpoints = buildCompanyNetwork(
    b,
    margies,
    {
      prefix: "MGT",
      domain: "margiestravel.example",
      groups: [
        {
          name: "Agencies",
          machines: [["ws", 14]],
          children: [{ name: "Airport Kiosks", machines: [["ws", 4]], tags: ["Kiosk"] }],
        },
        {
          name: "Back Office",
          machines: [
            ["lt", 5],
            ["srv", 2],
          ],
        },
      ],
    },
    41,
    {},
  );
  margies.policy = { policyId: resellerPolicy, force: false };
  addPackage(b, margies.id, "Margie's Travel - All Endpoints", "", {});

  // A few endpoints with their own policy (overrides that the forced Fabrikam servers group wins over).
  const contoso = companies[0]!;
  for (const e of contoso.endpoints.filter((x) => x.isManaged).slice(0, 3))
    e.policy = { policyId: edrOnly, force: false };
  const fabrikam = companies[1]!;
  const fabServer = fabrikam.endpoints.find((e) => e.name.startsWith("FAB-SRV") && e.isManaged);
  if (fabServer) fabServer.policy = { policyId: edrOnly, force: false };
  for (const e of margiesEndpoints.slice(0, 2)) e.policy = { policyId: resellerPolicy, force: false };
  for (const e of rootEndpoints.slice(0, 1)) e.label = "MSP jump host";

  seedBlocklist(b, root.id, contoso.company.id, fabrikam.company.id);
  seedTasksAndReports(b, root.id, contoso.company.id, fabrikam.company.id);
}

function tzFor(country: string): string {
  return (
    {
      US: "America/New_York",
      DE: "Europe/Berlin",
      GB: "Europe/London",
      CA: "America/Toronto",
      AU: "Australia/Sydney",
      AT: "Europe/Vienna",
      FR: "Europe/Paris",
    }[country] ?? "UTC"
  );
}

function addPackage(
  b: SeedBuilder,
  companyId: string,
  name: string,
  description: string,
  modules: Record<string, number>,
  roles: Record<string, number> = {},
): void {
  const at = b.at();
  const pid = b.id(at);
  b.state.packages[pid] = {
    id: pid,
    companyId,
    name,
    description,
    language: "en_US",
    // The createPackage module switches (77211-135298), every one stored as 0 or 1.
    modules: {
      advancedThreatControl: 1,
      firewall: 1,
      userControl: 0,
      antiphishing: 0,
      trafficScan: 0,
      deviceControl: 0,
      powerUser: 0,
      edrSensor: 1,
      advancedAntiExploit: 1,
      containerProtection: 0,
      encryption: 0,
      patchManagement: 0,
      networkAttackDefense: 1,
      integrityMonitoring: 0,
      ...modules,
    },
    scanMode: { type: 1 },
    settings: { scanBeforeInstall: true },
    roles: { relay: 0, exchange: 0, ...roles },
    deploymentOptions: { type: 1 },
    productType: 0,
    type: 4,
    createdAt: isoUtc(at),
  };
}

const MALWARE_FILES = [
  "invoice_0423.exe",
  "setup_crack.exe",
  "update.scr",
  "svchost32.exe",
  "payload.dll",
  "docviewer.exe",
  "tmp8821.exe",
  "keygen.exe",
];

function seedBlocklist(b: SeedBuilder, rootId: string, contosoId: string, fabrikamId: string): void {
  const owner = b.state.ownerAccountId;
  const add = (
    companyId: string,
    rec: Partial<TenantState["blocklist"][string]> & Pick<TenantState["blocklist"][string], "type" | "details">,
  ) => {
    const at = b.at();
    const bid = b.id(at);
    b.state.blocklist[bid] = {
      id: bid,
      companyId,
      hashType: null,
      hash: null,
      source: 3,
      sourceInfo: "",
      filename: null,
      ownerId: owner,
      created: isoSecondsNoZone(at),
      ...rec,
    };
  };
  for (let i = 0; i < 160; i++) {
    const source = b.rng.pick([1, 2, 3, 3] as const);
    const hash = b.rng.hex(64);
    const filename = source === 1 ? b.rng.pick(MALWARE_FILES) : null;
    add(contosoId, {
      type: "hash",
      hashType: 1,
      hash,
      source,
      sourceInfo:
        source === 1
          ? `Added from incident ${1000 + i}`
          : source === 2
            ? "Imported from threat feed"
            : "Added from public API",
      filename,
      details: { hashType: 1, hash, ...(filename ? { fileName: filename } : {}) },
    });
  }
  for (let i = 0; i < 6; i++) {
    const hash = b.rng.hex(32);
    add(rootId, {
      type: "hash",
      hashType: 2,
      hash,
      sourceInfo: "Known ransomware dropper",
      details: { hashType: 2, hash },
    });
  }
  for (let i = 0; i < 10; i++) {
    const hash = b.rng.hex(64);
    add(fabrikamId, {
      type: "hash",
      hashType: 1,
      hash,
      sourceInfo: "Blocked after phishing campaign",
      details: { hashType: 1, hash },
    });
  }
  for (const path of [
    "C:\\Users\\Public\\Downloads\\*.exe",
    "C:\\Windows\\Temp\\psexesvc.exe",
    "%APPDATA%\\Roaming\\updater.exe",
  ]) {
    add(fabrikamId, { type: "path", sourceInfo: "Lateral movement tooling", details: { path } });
  }
  add(fabrikamId, {
    type: "connection",
    sourceInfo: "Block outbound C2",
    details: {
      ruleName: "Block C2 185.0.2.10",
      ruleId: "0b0b6c56-7d43-4a6a-9a4e-8e9f4f6f2f10",
      remoteAddress: { any: false, ipMask: "185.0.2.10/32", portRange: "443" },
      localAddress: { any: true },
      protocol: "TCP",
      ipVersion: "IPV4",
      direction: "outbound",
      operatingSystems: ["Windows"],
    },
  });
  add(fabrikamId, {
    type: "connection",
    sourceInfo: "Block SMB from guest VLAN",
    details: {
      ruleName: "Guest VLAN SMB",
      ruleId: "5f2d9a31-1c8e-4b7f-b6a2-3e4d5c6b7a81",
      remoteAddress: { any: false, ipMask: "10.99.0.0/16", portRange: "445" },
      localAddress: { any: true },
      protocol: "TCP",
      ipVersion: "IPV4",
      direction: "inbound",
      operatingSystems: ["Windows"],
    },
  });
}

function seedTasksAndReports(b: SeedBuilder, rootId: string, contosoId: string, fabrikamId: string): void {
  const task = (companyId: string, name: string, scanType: number, status: number, targetIds: string[]) => {
    const at = b.at();
    const tid = b.id(at);
    b.state.scanTasks[tid] = { id: tid, name, scanType, status, targetIds, companyId, startDate: isoUtc(at) };
  };
  task(contosoId, "Quick Scan 2025-01-07", 1, 3, [contosoId]);
  task(fabrikamId, "Full Scan - Servers", 2, 3, [fabrikamId]);
  task(rootId, "Memory Scan - MSP Internal", 3, 2, [rootId]);
  const report = (companyId: string, name: string, type: number, occurrence: number) => {
    const at = b.at();
    const rid = b.id(at);
    b.state.reports[rid] = {
      id: rid,
      name,
      type,
      companyId,
      targetIds: [companyId],
      occurrence,
      createdAt: isoUtc(at),
    };
  };
  report(rootId, "Monthly License Usage", 23, 2);
  report(contosoId, "Malware Activity - Contoso", 2, 2);
}

/** Builds a fresh tenant of the given kind. */
export function seedState(kind: SeedKind = "default"): TenantState {
  const b = new SeedBuilder(kind === "default" ? 20250106 : 1);
  if (kind === "empty") rootCompany(b);
  else buildDefault(b);
  return b.state;
}
