// SIEM push: send GravityZone security events of selected companies to a SIEM over HTTPS.
//
// GravityZone keeps one event-push configuration per API key's company. This program owns it: the
// receiver URL, the authorization header (a stack secret, never stored in plain text), the event
// types, and the companies whose events are pushed (`subscribeToCompanies`), looked up by name in the
// network inventory. The API key's own company is always subscribed (GravityZone requires it for
// partner keys); it is found with getCompany().
//
// Stack config (namespace "siem"):
//   url             the receiver, https:// only                                     (required)
//   authorization   the Authorization header value, e.g. "Splunk <HEC token>"       (required, secret)
//   serviceType     splunk, jsonRPC, cef, qradar or azuresentinel                    (default: splunk)
//   companies       JSON list of company names to subscribe, e.g. '["Contoso", "Fabrikam"]'
//                   (default: every company under the API key's company)
//   eventTypes      JSON list of event types (default: malware, exploit, firewall, web, ransomware,
//                   sandbox and incident events)
//   skipTlsVerify   accept a receiver certificate that does not validate            (default: false)
import * as pulumi from "@pulumi/pulumi";
import * as gravityzone from "pulumi-gravityzone";

const config = new pulumi.Config("siem");
const url = config.require("url");
const authorization = config.requireSecret("authorization");
const serviceType = (config.get("serviceType") ?? "splunk") as gravityzone.PushServiceType;
const companyNames = config.getObject<string[]>("companies");
const eventTypes = config.getObject<gravityzone.PushEventType[]>("eventTypes") ?? [
  "av", // antimalware detections
  "antiexploit",
  "aph", // antiphishing
  "fw", // firewall
  "hd", // hyper detect
  "ransomware-mitigation",
  "network-sandboxing",
  "uc", // web (user control)
  "exchange-malware",
  "new-incident",
  "new-extended-incident",
];

if (companyNames !== undefined && (!Array.isArray(companyNames) || companyNames.some((n) => typeof n !== "string"))) {
  throw new Error(
    'siem:companies must be a JSON list of company names, e.g. ["Contoso Dental Group", "Fabrikam Logistics"]',
  );
}

// The API key's own company, and the companies under it.
const self = gravityzone.getCompanyOutput({});
const inventory = gravityzone.getNetworkInventoryOutput({ types: ["companies"], recursive: true });

const subscribed = pulumi.all([self, inventory]).apply(([me, inv]) => {
  const companies = inv.items.filter((i) => i.kind === "company" && i.id !== me.id);
  let chosen = companies;
  if (companyNames !== undefined) {
    const missing = companyNames.filter((n) => !companies.some((c) => c.name === n));
    if (missing.length > 0) {
      throw new Error(
        `siem:companies: no company named ${missing.map((n) => JSON.stringify(n)).join(", ")} under "${me.name}"; known: ${companies
          .map((c) => c.name)
          .sort()
          .join(", ")}`,
      );
    }
    chosen = companies.filter((c) => companyNames.includes(c.name));
  }
  return { ids: [me.id, ...chosen.map((c) => c.id)], names: [me.name, ...chosen.map((c) => c.name)].sort() };
});

const push = new gravityzone.PushEventSettings("siem", {
  serviceType,
  url,
  authorization,
  requireValidSslCertificate: !(config.getBoolean("skipTlsVerify") ?? false),
  eventTypes,
  subscribeToCompanies: subscribed.ids,
});

export const receiver = push.url;
export const subscribedCompanies = subscribed.names;
export const pushedEventTypes = push.eventTypes;
