/**
 * Turns what {@link readTenant} read into resource declarations whose inputs are exactly what each
 * resource's `read` returns for the object (and what its adopting `create` compares against), so the
 * first `pulumi up` adopts everything without a write and the next preview shows no change:
 *
 * - optional inputs a resource manages only when the program sets them are written when GravityZone
 *   reports a value (package modules and roles, scan mode, settings, deployment options; account time
 *   zone, language, phone number, user name when it differs from the e-mail, targets);
 * - inputs GravityZone cannot report are left out with a comment: account passwords, the company's
 *   license subscription (getCompanyDetails does not document it);
 * - the push authorization becomes `config.requireSecret("push-authorization")`, never a literal;
 * - defaults are left out (industry 0, language en_US, …); lists are in the order `read` gives
 *   (sorted where the resource sorts).
 *
 * Code tables are the client's (provider/client/wire-codes.ts), shared with the resources.
 */
import { ConfigSecret, slugify, type ImportedObject, type Kind, type Value } from "./model";
import { type SectionComment } from "./program-writer";
import type {
  AccountDetails,
  CompanyDetails,
  CompanySnapshot,
  EndpointPolicy,
  PackageDetails,
  PushSettings,
  TenantSnapshot,
} from "./tenant-reader";
import { hashTypeOf, noteOf, type HashItem, type RuleItem } from "../resources/blocklist-items";
import { PACKAGE_MODULES, PACKAGE_ROLES } from "../resources/installation-package";
import {
  ACCOUNT_ROLE_CODES,
  COMPANY_TYPE_CODES,
  nameOfCode,
  PRODUCT_TYPE_CODES,
  SCAN_ENGINE_CODES,
  SCAN_MODE_CODES,
} from "../client/wire-codes";

const PACKAGE_MODULE_NAMES = new Set<string>(PACKAGE_MODULES);
const PACKAGE_ROLE_NAMES = new Set<string>(PACKAGE_ROLES);
const CONNECTION_KEYS = [
  "ruleName",
  "direction",
  "protocol",
  "ipVersion",
  "localAddress",
  "remoteAddress",
  "directlyConnected",
  "path",
  "hash",
  "commandLine",
  "operatingSystems",
];
const ADDRESS_KEYS = ["any", "ipMask", "portRange"];
const DIRECTLY_CONNECTED_KEYS = ["enable", "remoteMac"];

/** The config key of the push authorization placeholder. */
export const PUSH_AUTHORIZATION_KEY = "push-authorization";

/** A secret the user must put in stack config before `pulumi up`. */
export interface SecretPlaceholder {
  configKey: string;
  /** What it is. */
  what: string;
  /** The value GravityZone returns now (kept in memory only; never written to a file). */
  value?: string;
  /** True when GravityZone returns a masked value. */
  masked: boolean;
}

/** The declarations for a snapshot. */
export interface TenantObjects {
  objects: ImportedObject[];
  comments: SectionComment[];
  secrets: SecretPlaceholder[];
}

const nonEmpty = (s: string | null | undefined): s is string => typeof s === "string" && s !== "";

/** Maps the snapshot to declarations of the selected kinds. */
export function toObjects(snap: TenantSnapshot, kinds: ReadonlySet<Kind>): TenantObjects {
  const out: TenantObjects = { objects: [], comments: [], secrets: [] };
  const names = new Map<string, string>(Object.entries(snap.parentNames));
  for (const c of snap.companies) names.set(c.details.id, c.details.name);
  const slugs = new Map(snap.companies.map((c) => [c.details.id, slugify(c.details.name, "company")]));

  if (kinds.has("companies")) {
    for (const c of snap.companies) {
      if (c.details.id === snap.own.id) {
        out.comments.push({
          kind: "companies",
          lines: [
            `"${c.details.name}" is the API key's own company: it is not declared as a Company (it cannot be adopted, moved or deleted through its own key); its objects below name it by id.`,
          ],
        });
        continue;
      }
      out.objects.push(companyObject(c.details, names, snap.own.id));
    }
  }
  for (const c of snap.companies) {
    const slug = slugs.get(c.details.id)!;
    if (kinds.has("groups")) out.objects.push(...groupObjects(c, slug));
    if (kinds.has("packages")) out.objects.push(...c.packages.map((p) => packageObject(c.details, p, slug)));
    if (kinds.has("accounts")) out.objects.push(...c.accounts.map((a) => accountObject(c.details, a, slug)));
    if (kinds.has("blocklist")) out.objects.push(...blocklistObjects(c, slug));
    if (kinds.has("assignments")) {
      const { objects, comment } = assignmentObjects(c, slug);
      out.objects.push(...objects);
      if (comment) out.comments.push(comment);
    }
  }
  if (kinds.has("assignments") && snap.companies.length > 0) {
    out.comments.push({
      kind: "assignments",
      lines: [
        "GravityZone reports the policy each managed endpoint runs, not where it was assigned. An endpoint " +
          "whose policy differs from the one most endpoints of its group run is taken as assigned on the " +
          "endpoint: those are declared below, one PolicyAssignment per policy, adopted without an assignPolicy" +
          " call. Group and company assignments cannot be read back, so they are only listed, per company, as " +
          "the policy their endpoints run; declaring one makes `pulumi up` call assignPolicy.",
      ],
    });
  }
  if (kinds.has("push") && snap.push) {
    const { object, secret } = pushObject(snap.push, snap.own);
    out.objects.push(object);
    if (secret) out.secrets.push(secret);
  }
  return out;
}

function companyObject(d: CompanyDetails, names: ReadonlyMap<string, string>, ownId: string): ImportedObject {
  const inputs: Record<string, Value> = { name: d.name };
  const notes: string[] = [];
  let problem: string | undefined;
  const type = nameOfCode(COMPANY_TYPE_CODES, d.type);
  if (type === undefined)
    problem = `GravityZone reports company type ${d.type}, which the Company resource does not know`;
  inputs.type = type ?? String(d.type);
  const fieldNotes: Record<string, string> = {};
  if (nonEmpty(d.parentId)) {
    inputs.parentId = d.parentId;
    const parentName = names.get(d.parentId);
    if (parentName) fieldNotes.parentId = d.parentId === ownId ? `${parentName} (the API key's company)` : parentName;
  }
  if (nonEmpty(d.address)) inputs.address = d.address;
  // An unset country or state reads "N/A" (77209-126239): not a value to declare.
  for (const f of ["country", "state"] as const) if (nonEmpty(d[f]) && d[f] !== "N/A") inputs[f] = d[f];
  if (nonEmpty(d.phone)) inputs.phone = d.phone;
  if (typeof d.industry === "number" && d.industry !== 0) inputs.industry = d.industry;
  if (d.canBeManagedByAbove === false) inputs.canBeManagedByAbove = false;
  if (d.enforce2FA === true) inputs.enforce2FA = true;
  if (d.isSuspended === true) inputs.suspended = true;
  inputs.deletionProtection = true;
  inputs.adopt = true;
  notes.push(
    "licenseSubscription is not declared (getCompanyDetails does not report it): add it to manage the licence; changes apply in place.",
  );
  return {
    key: `company:${d.id}`,
    type: "Company",
    gzId: d.id,
    companyId: d.id,
    baseName: slugify(d.name, "company"),
    title: `company "${d.name}"`,
    inputs,
    notes,
    fieldNotes,
    problem,
  };
}

function groupObjects(c: CompanySnapshot, slug: string): ImportedObject[] {
  return c.groups.map((g) => ({
    key: `group:${g.id}`,
    type: "CustomGroup",
    gzId: g.id,
    companyId: c.details.id,
    baseName: slugify(`${slug} ${g.path.join(" ")}`, "group", 64),
    title: `custom group "${g.path.join(" / ")}" of ${c.details.name}`,
    inputs: { name: g.name, parentId: g.parentId, adopt: true },
    notes: [],
  }));
}

function switches(
  flags: Record<string, number> | null | undefined,
  known: ReadonlySet<string>,
  what: string,
  notes: string[],
): Record<string, Value> | undefined {
  if (!flags) return undefined;
  const out: Record<string, Value> = {};
  const unknown: string[] = [];
  for (const [k, v] of Object.entries(flags)) {
    if (known.has(k)) out[k] = v === 1;
    else unknown.push(k);
  }
  if (unknown.length > 0)
    notes.push(
      `GravityZone also reports the ${what} ${unknown.join(", ")}, which the resource does not know: left out (not managed).`,
    );
  return Object.keys(out).length > 0 ? out : undefined;
}

function scanModeOf(m: PackageDetails["scanMode"], notes: string[]): Record<string, Value> | undefined {
  if (!m) return undefined;
  const type = nameOfCode(SCAN_MODE_CODES, m.type);
  const out: Record<string, Value> = { type: type ?? "" };
  let ok = type !== undefined;
  if (type === "custom") {
    for (const k of ["computers", "vms", "ec2"] as const) {
      const e = m[k];
      if (!e || e.main == null) continue;
      const main = nameOfCode(SCAN_ENGINE_CODES, e.main);
      const fallback = e.fallback == null ? undefined : nameOfCode(SCAN_ENGINE_CODES, e.fallback);
      if (main === undefined || (e.fallback != null && fallback === undefined)) ok = false;
      out[k] = fallback === undefined ? { main: main ?? "" } : { main: main ?? "", fallback };
    }
  }
  if (!ok) {
    notes.push(`The scan mode (${JSON.stringify(m)}) uses codes the resource does not know: left out (not managed).`);
    return undefined;
  }
  return out;
}

function packageObject(c: CompanyDetails, p: PackageDetails, slug: string): ImportedObject {
  const notes: string[] = [];
  let problem: string | undefined;
  const inputs: Record<string, Value> = { packageName: p.packageName, companyId: c.id };
  if (nonEmpty(p.description)) inputs.description = p.description;
  if (nonEmpty(p.language) && p.language !== "en_US") inputs.language = p.language;
  const modules = switches(p.modules, PACKAGE_MODULE_NAMES, "modules", notes);
  if (modules) inputs.modules = modules;
  const scanMode = scanModeOf(p.scanMode, notes);
  if (scanMode) inputs.scanMode = scanMode;
  const roles = switches(p.roles, PACKAGE_ROLE_NAMES, "roles", notes);
  if (roles) inputs.roles = roles;
  if (p.settings && Object.keys(p.settings).length > 0) inputs.settings = p.settings as Value;
  if (p.deploymentOptions && Object.keys(p.deploymentOptions).length > 0)
    inputs.deploymentOptions = p.deploymentOptions as Value;
  if (typeof p.productType === "number") {
    const product = nameOfCode(PRODUCT_TYPE_CODES, p.productType);
    if (product === undefined)
      problem = `GravityZone reports product type ${p.productType}, which the InstallationPackage resource does not know`;
    else if (product !== "detectionAndPrevention") inputs.productType = product;
  }
  inputs.adopt = true;
  return {
    key: `package:${p.id}`,
    type: "InstallationPackage",
    gzId: p.id,
    companyId: c.id,
    baseName: slugify(
      p.packageName.toLowerCase().startsWith(c.name.toLowerCase()) ? p.packageName : `${slug} ${p.packageName}`,
      "package",
      64,
    ),
    title: `installation package "${p.packageName}" of ${c.name}`,
    inputs,
    notes,
    problem,
  };
}

function accountObject(c: CompanyDetails, a: AccountDetails, _slug: string): ImportedObject {
  const notes: string[] = [];
  let problem: string | undefined;
  const role = nameOfCode(ACCOUNT_ROLE_CODES, a.role);
  if (role === undefined) problem = `GravityZone reports role ${a.role}, which the Account resource does not know`;
  if (!a.profile) problem = "GravityZone reports no profile (full name) for this account";
  const inputs: Record<string, Value> = { email: a.email, companyId: c.id };
  const profile: Record<string, Value> = { fullName: a.profile?.fullName ?? "" };
  if (nonEmpty(a.profile?.timezone)) profile.timezone = a.profile.timezone;
  if (nonEmpty(a.profile?.language)) profile.language = a.profile.language;
  inputs.profile = profile;
  if (nonEmpty(a.userName) && a.userName !== a.email) inputs.userName = a.userName;
  inputs.role = role ?? String(a.role);
  if (role === "custom" && a.rights) {
    const granted = Object.keys(a.rights)
      .filter((k) => a.rights![k] === true)
      .sort((x, y) => x.localeCompare(y));
    if (granted.length > 0) inputs.rights = Object.fromEntries(granted.map((k) => [k, true]));
  }
  if (a.targetIds && a.targetIds.length > 0) inputs.targetIds = [...a.targetIds];
  const pn = a.phoneNumber;
  if (nonEmpty(pn?.countryCode) && nonEmpty(pn?.subscriberNumber))
    inputs.phoneNumber = { countryCode: pn.countryCode, subscriberNumber: pn.subscriberNumber };
  inputs.adopt = true;
  notes.push(
    'The password cannot be read from GravityZone: it is not declared (add `password: config.requireSecret("…")` to manage it).',
  );
  return {
    key: `account:${a.id}`,
    type: "Account",
    gzId: a.id,
    companyId: c.id,
    baseName: slugify(a.email.replace("@", " "), "account", 64),
    title: `account "${a.email}" of ${c.name}`,
    inputs,
    notes,
    problem,
  };
}

function cleanObject(
  v: unknown,
  keys: readonly string[],
  nested: Record<string, readonly string[]> = {},
): Record<string, Value> | undefined {
  if (!v || typeof v !== "object" || Array.isArray(v)) return undefined;
  const out: Record<string, Value> = {};
  for (const k of keys) {
    const x = (v as Record<string, unknown>)[k];
    if (x === undefined || x === null) continue;
    if (nested[k]) {
      const inner = cleanObject(x, nested[k]!);
      if (inner) out[k] = inner;
    } else out[k] = x as Value;
  }
  return out;
}

function blocklistObjects(c: CompanySnapshot, slug: string): ImportedObject[] {
  const d = c.details;
  const out: ImportedObject[] = [];
  // Hashes of one algorithm with one reason become one Blocklist; a lone hash a BlocklistEntry.
  const groups = new Map<string, HashItem[]>();
  for (const item of c.hashItems) {
    const k = `${item.hashType}\u0000${item.sourceInfo ?? ""}`;
    groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  for (const items of groups.values()) {
    const first = items[0]!;
    const hashType = hashTypeOf(first.hashType);
    const sourceInfo = first.sourceInfo ?? "";
    const problem =
      hashType === undefined
        ? `GravityZone reports hash type ${first.hashType}, which the blocklist resources do not know`
        : sourceInfo === ""
          ? "GravityZone holds no source info for these hashes, and the blocklist resources require one"
          : undefined;
    const hashes = [...new Set(items.map((i) => i.hash.toLowerCase()))].sort();
    if (hashes.length === 1) {
      out.push({
        key: `hash:${first.id}`,
        type: "BlocklistEntry",
        gzId: first.id,
        companyId: d.id,
        baseName: slugify(`${slug} hash ${hashes[0]!.slice(0, 12)}`, "hash", 64),
        title: `blocked ${hashType ?? ""} hash ${hashes[0]} of ${d.name}`,
        inputs: {
          hash: hashes[0]!,
          hashType: hashType ?? String(first.hashType),
          companyId: d.id,
          sourceInfo,
          adopt: true,
        },
        notes: [],
        problem,
      });
    } else {
      out.push({
        key: `blocklist:${d.id}:${first.hashType}:${sourceInfo}`,
        type: "Blocklist",
        gzId: "",
        companyId: d.id,
        baseName: slugify(`${slug} blocklist ${sourceInfo}`, "blocklist", 64),
        title: `${hashes.length} blocked ${hashType ?? ""} hashes of ${d.name} ("${sourceInfo}")`,
        inputs: { companyId: d.id, hashType: hashType ?? String(first.hashType), sourceInfo, hashes, adopt: true },
        notes: [],
        problem,
      });
    }
  }
  for (const r of c.ruleItems) out.push(ruleObject(d, r, slug));
  return out;
}

function ruleObject(d: CompanyDetails, r: RuleItem, slug: string): ImportedObject {
  const details = r.details ?? {};
  const note = noteOf(r);
  const inputs: Record<string, Value> = {};
  let problem: string | undefined;
  let name: string;
  let title: string;
  if (r.type === "path") {
    const p = typeof details.path === "string" ? details.path : "";
    if (p === "") problem = "GravityZone reports no path for this path rule";
    inputs.path = p;
    name = `${slug} path ${p}`;
    title = `blocked path ${JSON.stringify(p)} of ${d.name}`;
  } else {
    const connection =
      cleanObject(details, CONNECTION_KEYS, {
        localAddress: ADDRESS_KEYS,
        remoteAddress: ADDRESS_KEYS,
        directlyConnected: DIRECTLY_CONNECTED_KEYS,
      }) ?? {};
    if (typeof connection.hash === "string") connection.hash = connection.hash.toLowerCase();
    const ruleName = typeof connection.ruleName === "string" ? connection.ruleName : "";
    inputs.connection = connection;
    name = `${slug} connection ${ruleName}`;
    title = `blocked connection rule ${JSON.stringify(ruleName)} of ${d.name}`;
  }
  inputs.companyId = d.id;
  if (nonEmpty(note)) inputs.note = note;
  inputs.adopt = true;
  return {
    key: `rule:${r.id}`,
    type: "BlocklistEntry",
    gzId: r.id,
    companyId: d.id,
    baseName: slugify(name, "rule", 64),
    title,
    inputs,
    notes: [],
    problem,
  };
}

/**
 * Policy assignments. GravityZone reports the policy each managed endpoint runs, not where it was
 * assigned: an endpoint's own assignment cannot be told from one inherited from its group. An endpoint
 * whose policy differs from the one most managed endpoints of its group (or company root) run is
 * taken as assigned on the endpoint; those become one PolicyAssignment per policy, adopted without an
 * assignPolicy call. Group and company assignments are listed as comments only: declaring one makes
 * `pulumi up` call assignPolicy, which the import must not cause.
 */
function assignmentObjects(c: CompanySnapshot, slug: string): { objects: ImportedObject[]; comment?: SectionComment } {
  const d = c.details;
  const byContainer = new Map<string, EndpointPolicy[]>();
  for (const e of c.endpoints) byContainer.set(e.parentId, [...(byContainer.get(e.parentId) ?? []), e]);
  const groupPath = new Map(c.groups.map((g) => [g.id, g.path.join(" / ")]));
  const lines: string[] = [];
  const overrides = new Map<string, { name: string; endpoints: { e: EndpointPolicy; where: string }[] }>();
  const containers = [d.id, ...c.groups.map((g) => g.id)].filter((id) => byContainer.has(id));
  for (const id of containers) {
    const endpoints = byContainer.get(id)!;
    const where = id === d.id ? "company root" : groupPath.get(id)!;
    const counts = new Map<string, { name: string; n: number }>();
    for (const e of endpoints) counts.set(e.policyId, { name: e.policyName, n: (counts.get(e.policyId)?.n ?? 0) + 1 });
    const [topId, top] = [...counts.entries()].sort(
      (a, b) => b[1].n - a[1].n || a[1].name.localeCompare(b[1].name),
    )[0]!;
    if (top.n * 2 <= endpoints.length) {
      lines.push(`  ${where}: mixed — ${[...counts.values()].map((p) => `"${p.name}" on ${p.n}`).join(", ")}`);
      continue;
    }
    const others = endpoints.filter((e) => e.policyId !== topId);
    lines.push(
      `  ${where}: "${top.name}" on ${top.n} of ${endpoints.length} managed endpoints${others.length > 0 ? ` (the other ${others.length}: their own policy, declared below)` : ""}`,
    );
    for (const e of others) {
      const entry = overrides.get(e.policyId) ?? { name: e.policyName, endpoints: [] };
      entry.endpoints.push({ e, where });
      overrides.set(e.policyId, entry);
    }
  }
  const objects: ImportedObject[] = [];
  for (const [policyId, { name, endpoints }] of [...overrides.entries()].sort((a, b) =>
    a[1].name.localeCompare(b[1].name),
  )) {
    objects.push({
      key: `assignment:${d.id}:${policyId}`,
      type: "PolicyAssignment",
      gzId: "",
      companyId: d.id,
      baseName: slugify(`${slug} policy ${name}`, "policy", 64),
      title: `policy "${name}" on ${endpoints.length} endpoint${endpoints.length === 1 ? "" : "s"} of ${d.name}`,
      inputs: { policyId, targetIds: endpoints.map((x) => x.e.id.toLowerCase()).sort(), adopt: true },
      notes: [
        `Endpoints running "${name}" while the rest of their group runs another policy: ${endpoints.map((x) => `${x.e.name} (${x.where})`).join(", ")}.`,
        "Deleting this resource makes them inherit their group's policy again.",
      ],
      fieldNotes: { policyId: name },
    });
  }
  if (lines.length === 0) return { objects };
  return { objects, comment: { kind: "assignments", companyId: d.id, lines: ["Policies in effect:", ...lines] } };
}

/** A masked or absent secret in an answer says nothing about the stored value (as the resource reads it). */
function readableSecret(v: string | null | undefined): string | undefined {
  if (typeof v !== "string" || v === "" || /^[*•x]+$/i.test(v)) return undefined;
  return v;
}

function pushObject(
  p: PushSettings,
  own: { id: string; name: string },
): { object: ImportedObject; secret?: SecretPlaceholder } {
  const s = p.serviceSettings ?? {};
  const serviceType = p.serviceType ?? "";
  const rawAuth =
    serviceType === "splunk" ? (s.splunkAuthorization ?? s.authorization) : (s.authorization ?? s.splunkAuthorization);
  const inputs: Record<string, Value> = { serviceType, url: s.url ?? "" };
  const notes: string[] = [
    `The event push configuration of the API key's company (${own.name}); GravityZone keeps one per company.`,
  ];
  let secret: SecretPlaceholder | undefined;
  if (typeof rawAuth === "string" && rawAuth !== "") {
    inputs.authorization = new ConfigSecret(PUSH_AUTHORIZATION_KEY);
    const value = readableSecret(rawAuth);
    secret = {
      configKey: PUSH_AUTHORIZATION_KEY,
      what: "the push authorization header",
      value,
      masked: value === undefined,
    };
    notes.push(
      value === undefined
        ? `Set it first: pulumi config set --secret ${PUSH_AUTHORIZATION_KEY} <value>. GravityZone does not show the current value, so the first \`pulumi up\` writes the push settings once with yours.`
        : `Set it first, to exactly the value GravityZone holds now (\`pulumi-gravityzone import --show-secrets\` prints the command with it): pulumi config set --secret ${PUSH_AUTHORIZATION_KEY} <value>. Another value is a change, which \`pulumi up\` would send.`,
    );
  }
  if (s.requireValidSslCertificate === false) inputs.requireValidSslCertificate = false;
  const flags = p.subscribeToEventTypes ?? {};
  inputs.eventTypes = [...new Set(Object.keys(flags).filter((k) => flags[k] === true))].sort();
  const companies = [...new Set(p.subscribeToCompanies ?? [])].sort();
  if (companies.length > 0) inputs.subscribeToCompanies = companies;
  if (p.status !== 1) inputs.enabled = false;
  inputs.adopt = true;
  return {
    object: {
      key: "push",
      type: "PushEventSettings",
      gzId: "",
      baseName: "push-settings",
      title: `push settings (${serviceType})`,
      inputs,
      notes,
    },
    secret,
  };
}
