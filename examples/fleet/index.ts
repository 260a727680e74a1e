// One customer's GravityZone set-up; every customer is its own stack of this program, and
// `pulumi-gravityzone fleet` runs them all (see README.md and customers.json).
//
// Per customer: a Company (2FA enforced), two custom groups (Servers and Workstations), an
// InstallationPackage with EDR and advanced threat control, and the customer's first administrator
// Account (GravityZone e-mails the activation link).
//
// Stack config (namespace "customer"; the fleet command sets it from customers.json):
//   name                the company name, unique in GravityZone                  (required)
//   adminEmail          the customer administrator's e-mail address              (required)
//   adminName           the administrator's display name       (default: "<name> IT")
//   country             ISO 3166-1 alpha-2 country code                          (optional)
//   deletionProtection  protect the company against destroy                      (default: true)
import * as pulumi from "@pulumi/pulumi";
import * as gravityzone from "pulumi-gravityzone";

const config = new pulumi.Config("customer");
const name = config.require("name");
const adminEmail = config.require("adminEmail");
if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(adminEmail))
  throw new Error(`customer:adminEmail must be an e-mail address, not "${adminEmail}"`);

const company = new gravityzone.Company("company", {
  name,
  type: "customer",
  country: config.get("country"),
  enforce2FA: true,
  deletionProtection: config.getBoolean("deletionProtection") ?? true,
});

new gravityzone.CustomGroup("servers", { name: "Servers", parentId: company.id });
const workstations = new gravityzone.CustomGroup("workstations", { name: "Workstations", parentId: company.id });

const agent = new gravityzone.InstallationPackage("agent", {
  packageName: `${name} endpoint agent`,
  companyId: company.id,
  description: "Onboarding package: antimalware, advanced threat control, EDR sensor, firewall",
  language: "en_US",
  modules: { advancedThreatControl: true, edrSensor: true, firewall: true },
});

new gravityzone.Account("admin", {
  email: adminEmail,
  companyId: company.id,
  role: "companyAdministrator",
  profile: { fullName: config.get("adminName") ?? `${name} IT` },
});

export const companyId = company.id;
export const workstationsGroupId = workstations.id;
export const windowsInstaller = agent.installLinks.apply((l) => l.windows);
