// The pulumi-gravityzone demo: onboarding one MSP customer into GravityZone.
//
// `scripts/demo.sh` applies it against the embedded emulator. Point it at a real tenant with
//   pulumi config set gravityzone:accessUrl https://cloud.gravityzone.bitdefender.com/api
//   pulumi config set --secret gravityzone:apiKey <key>
import * as pulumi from "@pulumi/pulumi";
import * as gravityzone from "pulumi-gravityzone";

const config = new pulumi.Config("demo");
const customer = config.get("customerName") ?? "Proseware Pediatrics";
const domain = config.get("customerDomain") ?? "proseware-pediatrics.example";

// The customer company, with two-factor authentication enforced and protection against destroy.
const company = new gravityzone.Company("customer", {
  name: customer,
  type: "customer",
  country: "US",
  address: "100 Main Street, Springfield",
  phone: "+1 555 0100",
  enforce2FA: true,
  deletionProtection: config.getBoolean("deletionProtection") ?? true,
});

// Its network layout.
const servers = new gravityzone.CustomGroup("servers", { name: "Servers", parentId: company.id });
const workstations = new gravityzone.CustomGroup("workstations", { name: "Workstations", parentId: company.id });
new gravityzone.CustomGroup("front-desk", { name: "Front desk", parentId: workstations.id });

// The agent installer the customer's IT runs, with EDR and advanced threat control.
const agent = new gravityzone.InstallationPackage("agent", {
  packageName: `${customer} endpoint agent`,
  companyId: company.id,
  description: "Standard workstation and server agent",
  language: "en_US",
  modules: { advancedThreatControl: true, edrSensor: true, firewall: true, contentControl: true },
});

// The customer's IT administrator (the password is a stack secret).
new gravityzone.Account("it-admin", {
  email: `it-admin@${domain}`,
  companyId: company.id,
  profile: { fullName: `${customer} IT`, timezone: "America/New_York" },
  role: "companyAdministrator",
  password: config.requireSecret("adminPassword"),
});

// The partner's server policy, assigned to the customer's servers.
const serverPolicy = gravityzone.getPoliciesOutput({ nameContains: "Server" }).apply((r) => {
  const p = r.policies[0];
  if (!p) throw new Error("no policy with 'Server' in its name: create one in the GravityZone console");
  return p;
});
new gravityzone.PolicyAssignment("servers-policy", { policyId: serverPolicy.id, targetIds: [servers.id] });

// Security events to the SIEM (the HEC token is a stack secret).
new gravityzone.PushEventSettings("siem", {
  serviceType: "splunk",
  url: "https://siem.msp.example:8088/services/collector",
  authorization: config.requireSecret("siemToken"),
  requireValidSslCertificate: true,
  eventTypes: ["av", "aph", "fw", "hd", "ransomware-mitigation", "new-incident", "network-sandboxing", "uc"],
});

// Known-bad files, blocked for this customer in one API call.
new gravityzone.Blocklist("known-bad", {
  companyId: company.id,
  hashType: "sha256",
  sourceInfo: "MSP threat intel, 2026-11",
  hashes: [
    "5b2c4f3a9d1e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a",
    "0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d",
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b856",
  ],
});

export const companyId = company.id;
export const serversGroupId = servers.id;
export const installLinks = agent.installLinks;
export const serverPolicyName = serverPolicy.name;
export const license = gravityzone.getLicenseInfoOutput({}).apply((l) => ({ ...l }));
