// Benchmark program: some resources of every kind, in existing objects of the emulator's seeded
// tenant (ids passed as config), placed so that the benchmark can tell which kind made each API call:
// groups, packages and accounts in one company; hash entries, adopted entries and the hash list each
// in another company's blocklist; policy assignments on a fourth company's endpoints.
// `bench:rev` 0 → 1 changes one updatable input of every resource (the "update" measurement).
import * as pulumi from "@pulumi/pulumi";
import * as gravityzone from "pulumi-gravityzone";

const config = new pulumi.Config("bench");
const count = config.requireObject<Record<string, number>>("counts");
const ids = config.requireObject<Record<string, string>>("ids");
const rev = config.getNumber("rev") ?? 0;
const password = config.requireSecret("password");
const n = (i: number) => String(i).padStart(4, "0");
/** A deterministic SHA-256-shaped hash for item i of a list (the benchmark seeds the same ones). */
const hash = (list: string, i: number) =>
  (list + n(i))
    .split("")
    .map((c) => c.charCodeAt(0).toString(16))
    .join("")
    .padEnd(64, "0")
    .slice(0, 64);
const times = (k: string, f: (i: number) => void) => Array.from({ length: count[k] ?? 0 }, (_, i) => f(i));

times(
  "Company",
  (i) =>
    new gravityzone.Company(`company-${n(i)}`, {
      name: `Bench Kind Company ${n(i)}`,
      country: "US",
      phone: `+1 555 01${rev}${n(i).slice(2)}`,
      deletionProtection: false,
    }),
);

// The update moves every group from the company's root into another group of the company.
times(
  "CustomGroup",
  (i) =>
    new gravityzone.CustomGroup(`group-${n(i)}`, {
      name: `Bench Group ${n(i)}`,
      parentId: rev === 0 ? ids.groupsCompany : ids.altParentId,
    }),
);

times(
  "InstallationPackage",
  (i) =>
    new gravityzone.InstallationPackage(`package-${n(i)}`, {
      packageName: `Bench Package ${n(i)}`,
      companyId: ids.groupsCompany,
      description: `revision ${rev}`,
      language: "en_US",
      modules: { advancedThreatControl: true },
    }),
);

times(
  "Account",
  (i) =>
    new gravityzone.Account(`account-${n(i)}`, {
      email: `bench-${n(i)}@bench.example`,
      companyId: ids.groupsCompany,
      profile: { fullName: `Bench Operator ${n(i)} r${rev}` },
      role: "reporter",
      password,
    }),
);

times(
  "PushEventSettings",
  () =>
    new gravityzone.PushEventSettings("siem", {
      serviceType: "splunk",
      url: `https://siem.bench.example:8088/services/collector/r${rev}`,
      authorization: password,
      eventTypes: ["av", "fw", "new-incident"],
    }),
);

// Every input of an entry replaces it: the update is a replacement (remove, then add).
times(
  "BlocklistEntry",
  (i) =>
    new gravityzone.BlocklistEntry(`entry-${n(i)}`, {
      hash: hash("entry", i),
      companyId: ids.entriesCompany,
      sourceInfo: `bench revision ${rev}`,
    }),
);

// Entries the benchmark put in the blocklist beforehand, adopted: what reading many entries costs.
times(
  "BlocklistEntryAdopted",
  (i) =>
    new gravityzone.BlocklistEntry(`adopted-${n(i)}`, {
      hash: hash("adopted", i),
      companyId: ids.adoptedCompany,
      sourceInfo: "seeded by the benchmark",
      adopt: true,
    }),
);

// One list of `count.Blocklist` hashes; the update drops the first hash and adds a new one.
if ((count.Blocklist ?? 0) > 0) {
  const hashes = Array.from({ length: count.Blocklist! }, (_, i) => hash("list", i + rev));
  new gravityzone.Blocklist("list", {
    companyId: ids.listCompany,
    hashType: "sha256",
    hashes,
    sourceInfo: "bench list",
  });
}

// One endpoint per assignment; the update assigns the other policy.
const targets = config.requireObject<string[]>("targetIds");
const policies = config.requireObject<string[]>("policyIds");
times(
  "PolicyAssignment",
  (i) =>
    new gravityzone.PolicyAssignment(`assignment-${n(i)}`, { policyId: policies[rev % 2]!, targetIds: [targets[i]!] }),
);
