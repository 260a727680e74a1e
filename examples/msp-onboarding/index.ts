// MSP onboarding: every customer listed in a JSON file gets the same GravityZone set-up.
//
// Per customer: a Company (2FA enforced, deletion protection), two custom groups (Servers and
// Workstations), the customer's first administrator Account (GravityZone e-mails the activation
// link), an InstallationPackage with EDR and advanced threat control, the partner's workstation
// policy assigned to the Workstations group, and, when the entry lists hashes, a Blocklist.
//
// Everything a customer gets is derived from its entry in the file, and resource names come from
// its `key`: adding a customer to the file creates only that customer's resources, removing one
// destroys only its resources (after its company's deletion protection is turned off).
//
// Stack config (namespace "onboarding"):
//   customersFile       path of the JSON file, relative to this folder   (default: customers.json)
//   policyName          the partner policy assigned to each Workstations group
//                       (default: "MSP Baseline - Workstations")
//   deletionProtection  protect the companies against destroy           (default: true)
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import * as gravityzone from "pulumi-gravityzone";

/** One customer entry of the JSON file. */
interface Customer {
  /** Short stable identifier, used in resource names (lower-case letters, digits, dashes). Default: derived from `name`. */
  key?: string;
  /** The company name, unique in GravityZone. */
  name: string;
  /** ISO 3166-1 alpha-2 country code. */
  country?: string;
  /** The customer administrator's e-mail address (their console login). */
  adminEmail: string;
  /** The administrator's display name. Default: "<name> IT". */
  adminName?: string;
  /** The administrator's IANA time zone. */
  timezone?: string;
  /** SHA-256 hashes to block for this customer from day one. */
  blockedHashes?: string[];
}

const config = new pulumi.Config("onboarding");
const customersFile = path.resolve(__dirname, config.get("customersFile") ?? "customers.json");
const policyName = config.get("policyName") ?? "MSP Baseline - Workstations";
const deletionProtection = config.getBoolean("deletionProtection") ?? true;

const customers = loadCustomers(customersFile);

// The partner policy, looked up once by its exact name.
const policy = gravityzone.getPoliciesOutput({ nameContains: policyName }).apply((r) => {
  const found = r.policies.find((p) => p.name === policyName);
  if (!found)
    throw new Error(
      `no policy named "${policyName}": create it in the GravityZone console or set onboarding:policyName`,
    );
  return found;
});

const onboarded: Record<
  string,
  {
    companyId: pulumi.Output<string>;
    workstationsGroupId: pulumi.Output<string>;
    windowsInstaller: pulumi.Output<string | undefined>;
  }
> = {};

for (const c of customers) {
  const key = c.key!;
  const company = new gravityzone.Company(`${key}-company`, {
    name: c.name,
    type: "customer",
    country: c.country,
    enforce2FA: true,
    deletionProtection,
  });

  new gravityzone.CustomGroup(`${key}-servers`, { name: "Servers", parentId: company.id });
  const workstations = new gravityzone.CustomGroup(`${key}-workstations`, {
    name: "Workstations",
    parentId: company.id,
  });

  new gravityzone.Account(`${key}-admin`, {
    email: c.adminEmail,
    companyId: company.id,
    role: "companyAdministrator",
    profile: { fullName: c.adminName ?? `${c.name} IT`, ...(c.timezone ? { timezone: c.timezone } : {}) },
  });

  const agent = new gravityzone.InstallationPackage(`${key}-agent`, {
    packageName: `${c.name} endpoint agent`,
    companyId: company.id,
    description: "Onboarding package: antimalware, advanced threat control, EDR sensor, firewall",
    language: "en_US",
    modules: { advancedThreatControl: true, edrSensor: true, firewall: true },
  });

  new gravityzone.PolicyAssignment(`${key}-workstations-policy`, { policyId: policy.id, targetIds: [workstations.id] });

  if (c.blockedHashes && c.blockedHashes.length > 0) {
    new gravityzone.Blocklist(`${key}-blocklist`, {
      companyId: company.id,
      hashType: "sha256",
      hashes: c.blockedHashes,
      sourceInfo: "MSP onboarding baseline",
    });
  }

  onboarded[key] = {
    companyId: company.id,
    workstationsGroupId: workstations.id,
    windowsInstaller: agent.installLinks.apply((l) => l.windows),
  };
}

/** Reads and checks the customers file, so a mistake fails before any API call. */
function loadCustomers(file: string): Customer[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new Error(`cannot read the customers file ${file}: ${(e as Error).message}`, { cause: e });
  }
  const list = Array.isArray(parsed) ? parsed : (parsed as { customers?: unknown })?.customers;
  if (!Array.isArray(list)) throw new Error(`${file}: expected a JSON array of customers (or {"customers": [...]})`);
  const seen = { key: new Map<string, number>(), name: new Map<string, number>(), email: new Map<string, number>() };
  return list.map((raw, i) => {
    const where = `${file}, customer #${i + 1}`;
    const c = raw as Customer;
    if (typeof c?.name !== "string" || c.name.trim() === "") throw new Error(`${where}: "name" is required`);
    if (typeof c.adminEmail !== "string" || !c.adminEmail.includes("@"))
      throw new Error(`${where} (${c.name}): "adminEmail" must be an e-mail address`);
    const key =
      c.key ??
      c.name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-|-$/g, "");
    if (!/^[a-z0-9][a-z0-9-]*$/.test(key))
      throw new Error(`${where} (${c.name}): "key" must be lower-case letters, digits and dashes`);
    for (const [kind, value] of [
      ["key", key],
      ["name", c.name.toLowerCase()],
      ["email", c.adminEmail.toLowerCase()],
    ] as const) {
      const first = seen[kind].get(value);
      if (first !== undefined) throw new Error(`${where} (${c.name}): same ${kind} as customer #${first}`);
      seen[kind].set(value, i + 1);
    }
    return { ...c, key };
  });
}

export const customerCount = customers.length;
/** Per customer key: the company id, the Workstations group id and the Windows installer link. */
export const customersOnboarded = onboarded;
export const assignedPolicy = policy.name;
