// The rate-limit scenario of the reliability suite: in one existing company, a Blocklist of hundreds
// of hashes, single BlocklistEntry rules, and a batch of custom groups each given the partner's
// workstation policy. Blocklist changes and assignPolicy share GravityZone's 5-calls-per-minute budget.
//
// Stack config (namespace "reliability"): companyId, inputsFile (JSON {feed: [...], entries: [...]},
// relative to this folder), groups (how many groups and assignments).
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import * as gravityzone from "pulumi-gravityzone";

const config = new pulumi.Config("reliability");
const companyId = config.require("companyId");
const inputs = JSON.parse(fs.readFileSync(path.resolve(__dirname, config.require("inputsFile")), "utf8")) as {
  feed: string[];
  entries: string[];
};
const groups = config.requireNumber("groups");

new gravityzone.Blocklist("feed", {
  companyId,
  hashType: "sha256",
  hashes: inputs.feed,
  sourceInfo: "Reliability suite: threat feed",
});

inputs.entries.forEach((hash, i) => {
  new gravityzone.BlocklistEntry(`entry-${i + 1}`, {
    companyId,
    hash,
    sourceInfo: `Reliability suite: incident ${i + 1}`,
  });
});

const policy = gravityzone.getPoliciesOutput({ nameContains: "MSP Baseline - Workstations" }).apply((r) => {
  const p = r.policies.find((x) => x.name === "MSP Baseline - Workstations");
  if (!p) throw new Error('no policy named "MSP Baseline - Workstations"');
  return p;
});

for (let i = 1; i <= groups; i++) {
  const site = new gravityzone.CustomGroup(`site-${i}`, { name: `Reliability site ${i}`, parentId: companyId });
  new gravityzone.PolicyAssignment(`site-${i}-policy`, { policyId: policy.id, targetIds: [site.id] });
}

export const feedHashes = inputs.feed.length;
