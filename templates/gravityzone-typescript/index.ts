// A first GravityZone program: one customer company, a custom group for its servers, and the
// installation package its IT runs on each endpoint.
//
// Stack config (set by `pulumi new`, change with `pulumi config set`):
//   gravityzone:accessUrl  the API access URL of your GravityZone console
//   gravityzone:apiKey     the API key, a secret: `pulumi config set --secret gravityzone:apiKey <key>`
//   companyName            the customer company to create
//   deletionProtection     refuse to delete the company on destroy (default: true)
//
// `pulumi preview` shows what will be created; `pulumi up` creates it; `pulumi preview --refresh`
// shows what was changed by hand in Control Center since.
import * as pulumi from "@pulumi/pulumi";
import * as gravityzone from "pulumi-gravityzone";

const config = new pulumi.Config();
const companyName = config.require("companyName");

// The customer company, with two-factor authentication enforced for its console accounts.
// With deletionProtection on, `pulumi destroy` (or removing the company from this program) fails
// instead of deleting it: run `pulumi config set deletionProtection false` and `pulumi up` first.
const company = new gravityzone.Company("company", {
  name: companyName,
  type: "customer",
  enforce2FA: true,
  deletionProtection: config.getBoolean("deletionProtection") ?? true,
});

// A custom group in the company's 'Computers and Groups', for its servers. Groups cannot be renamed
// through the API: changing `name` replaces the group.
const servers = new gravityzone.CustomGroup("servers", {
  name: "Servers",
  parentId: company.id,
});

// The installer: the antimalware engine is always included; the modules named here are added.
const agent = new gravityzone.InstallationPackage("agent", {
  packageName: `${companyName} endpoint agent`,
  companyId: company.id,
  description: "Endpoint agent with advanced threat control, firewall and EDR",
  language: "en_US",
  modules: { advancedThreatControl: true, firewall: true, edrSensor: true },
});

// Ids for other programs (`pulumi stack output`) and the download links to hand to the customer.
export const companyId = company.id;
export const serversGroupId = servers.id;
export const packageId = agent.packageId;
export const installLinks = agent.installLinks;
