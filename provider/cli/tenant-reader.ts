/**
 * Reads what a GravityZone tenant holds, through {@link GravityZoneClient} only (its rate limiter
 * paces every call):
 *
 * | what | calls |
 * |---|---|
 * | the key's company | `companies.getCompanyDetails {}` |
 * | companies under a parent | `network.getNetworkInventoryItems {parentId, filters: {type: {companies}, depth: {allItemsRecursively}}}` (every page), then `companies.getCompanyDetails` each; a company's parent is the inventory item's parent when that is a company read here (getCompanyDetails does not document one) |
 * | one company | `companies.getCompanyDetails {companyId}` |
 * | custom groups | `network.getCustomGroupsList {parentId: company}` (its 'Computers and Groups' and 'Deleted' groups, 77209-128488), then from 'Computers and Groups' down, one call per group |
 * | packages | `packages.getPackagesList {companyId}` (every page), then `packages.getPackageDetails` each |
 * | accounts | `accounts.getAccountsList {companyId}` (every page), then `accounts.getAccountDetails` each |
 * | push settings | `push.getPushEventSettings {}` ("were not set" = none) |
 * | blocklist | `incidents.getBlocklistItems` v1.0 (hashes) and v1.2 (path and connection rules), every page |
 * | policies in effect | `network.getNetworkInventoryItems {parentId: company, filters: {type: {computers, virtualMachines}, depth: {allItemsRecursively}}}` (every page), then `network.getManagedEndpointDetails` of each managed endpoint (its `policy`) |
 */
import { z } from "zod";
import { type GravityZoneClient, isPushNotConfigured } from "../client";
import { listHashItems, listRuleItems, type HashItem, type RuleItem } from "../resources/blocklist-items";
import { accountView } from "../resources/account";
import { companyDetails } from "../resources/company";
import { COMPUTERS_AND_GROUPS, isSystemPair } from "../resources/custom-group";
import { packageDetails } from "../resources/installation-package";
import { settingsSchema } from "../resources/push-event-settings";
import type { Kind } from "./model";
import { commentText, jsString } from "./program-writer";

const companyDetailsSchema = companyDetails;

/** A company as `getCompanyDetails` reports it. */
export type CompanyDetails = z.infer<typeof companyDetailsSchema>;

const inventoryItem = z
  .object({
    id: z.string(),
    name: z.string(),
    type: z.number(),
    parentId: z.string().nullish(),
    companyId: z.string().nullish(),
    details: z.record(z.string(), z.unknown()).nullish(),
  })
  .loose();

const groupList = z.array(z.object({ id: z.string(), name: z.string() }).loose());

const listItem = z.object({ id: z.string() }).loose();

const packageDetailsSchema = packageDetails;

/** A package as `getPackageDetails` reports it, with its id. */
export type PackageDetails = z.infer<typeof packageDetailsSchema> & { id: string };

const accountSchema = accountView;

/** An account as `getAccountDetails` reports it. */
export type AccountDetails = z.infer<typeof accountSchema>;

const pushSchema = settingsSchema;

/** The push configuration as `getPushEventSettings` reports it (it may hold a secret). */
export type PushSettings = z.infer<typeof pushSchema>;

/** A custom group, with the names of the groups above it. */
export interface GroupNode {
  id: string;
  name: string;
  parentId: string;
  /** Names from the company root down to this group, itself included. */
  path: string[];
}

/** A managed endpoint and the policy it runs. */
export interface EndpointPolicy {
  id: string;
  name: string;
  /** The group (or company root) holding it. */
  parentId: string;
  policyId: string;
  policyName: string;
}

/** Everything read about one company. */
export interface CompanySnapshot {
  details: CompanyDetails;
  /** Parents before children. */
  groups: GroupNode[];
  packages: PackageDetails[];
  accounts: AccountDetails[];
  /** v1.0 hash rules. */
  hashItems: HashItem[];
  /** v1.2 path and connection rules. */
  ruleItems: RuleItem[];
  /** Managed endpoints with their policy (read for the `assignments` kind). */
  endpoints: EndpointPolicy[];
}

/** What the import read. */
export interface TenantSnapshot {
  /** The API key's own company. */
  own: { id: string; name: string };
  /** What was imported: the companies named, or the companies under a parent. */
  scope:
    { mode: "companies"; companies: { id: string; name: string }[] } | { mode: "parent"; id: string; name: string };
  /** Parents before children. */
  companies: CompanySnapshot[];
  /** The push configuration: undefined when not read, null when never set. */
  push?: PushSettings | null;
  /** Names of the parent companies outside the import, by id (for comments). */
  parentNames: Record<string, string>;
}

/** Options of {@link readTenant}. */
export interface ReadOptions {
  /** Import these companies (each with its groups, packages, …, not the companies below it). */
  companies?: readonly string[];
  /** Import every company below this one. @default the API key's own company */
  parent?: string;
  /** The kinds to read. */
  kinds: ReadonlySet<Kind>;
  /** Receives progress lines. */
  progress?: (line: string) => void;
  /** Companies read at the same time. @default 4 */
  concurrency?: number;
}

const ownSchema = z.object({ id: z.string(), name: z.string() }).loose();

/** Reads the tenant. */
export async function readTenant(c: GravityZoneClient, options: ReadOptions): Promise<TenantSnapshot> {
  const progress = options.progress ?? (() => undefined);
  const own = await c.call("companies", "getCompanyDetails", {}, ownSchema);
  let scope: TenantSnapshot["scope"];
  let details: CompanyDetails[];
  if (options.companies !== undefined && options.companies.length > 0) {
    const ids = [...new Set(options.companies.map((id) => id.toLowerCase()))];
    details = await mapLimit(ids, options.concurrency ?? 4, (companyId) =>
      c.call("companies", "getCompanyDetails", { companyId }, companyDetailsSchema),
    );
    scope = { mode: "companies", companies: details.map((d) => ({ id: d.id, name: d.name })) };
  } else {
    const parentId = options.parent ?? own.id;
    const parent =
      parentId === own.id
        ? { id: own.id, name: own.name }
        : await c.call("companies", "getCompanyDetails", { companyId: parentId }, companyDetailsSchema);
    scope = { mode: "parent", id: parent.id, name: parent.name };
    progress(`listing the companies under "${parent.name}"…`);
    const items = await c.listAll(
      "network",
      "getNetworkInventoryItems",
      { parentId: parent.id, filters: { type: { companies: true }, depth: { allItemsRecursively: true } } },
      inventoryItem,
    );
    const companyItems = items.filter((i) => i.type === 1 && i.id !== parent.id);
    const companyIds = new Set([parent.id, ...companyItems.map((i) => i.id)]);
    details = await mapLimit(companyItems, options.concurrency ?? 4, async (i) => {
      const d = await c.call("companies", "getCompanyDetails", { companyId: i.id }, companyDetailsSchema);
      // The parent as the inventory shows it, when it is a company; otherwise left out (not managed).
      return { ...d, parentId: i.parentId && companyIds.has(i.parentId) ? i.parentId : undefined };
    });
  }
  details = parentsFirst(details);
  const parentNames: Record<string, string> = { [own.id]: own.name };
  if (scope.mode === "parent") parentNames[scope.id] = scope.name;
  const inScope = new Set(details.map((d) => d.id));
  for (const p of new Set(
    details.map((d) => d.parentId).filter((id): id is string => !!id && !inScope.has(id) && !(id in parentNames)),
  )) {
    const parent = await c.call("companies", "getCompanyDetails", { companyId: p }, ownSchema).catch(() => undefined);
    if (parent) parentNames[p] = parent.name;
  }
  progress(`${details.length} ${details.length === 1 ? "company" : "companies"} to read`);

  let done = 0;
  const companies = await mapLimit(details, options.concurrency ?? 4, async (d) => {
    const snap = await readCompany(c, d, options.kinds);
    done++;
    progress(`[${done}/${details.length}] ${d.name}: ${describeSnapshot(snap, options.kinds)}`);
    return snap;
  });

  let push: PushSettings | null | undefined;
  if (options.kinds.has("push")) {
    try {
      push = await c.call("push", "getPushEventSettings", {}, pushSchema);
    } catch (e) {
      if (!isPushNotConfigured(e)) throw e;
      push = null;
    }
    progress(
      push
        ? `push settings: ${push.serviceType ?? "?"}, ${push.status === 1 ? "enabled" : "disabled"}`
        : "push settings: not configured",
    );
  }
  return { own: { id: own.id, name: own.name }, scope, companies, push, parentNames };
}

function describeSnapshot(s: CompanySnapshot, kinds: ReadonlySet<Kind>): string {
  const parts: string[] = [];
  const n = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;
  if (kinds.has("groups")) parts.push(n(s.groups.length, "group"));
  if (kinds.has("packages")) parts.push(n(s.packages.length, "package"));
  if (kinds.has("accounts")) parts.push(n(s.accounts.length, "account"));
  if (kinds.has("blocklist"))
    parts.push(
      `${n(s.hashItems.length, "blocked hash", "blocked hashes")}, ${n(s.ruleItems.length, "path/connection rule")}`,
    );
  if (kinds.has("assignments")) parts.push(n(s.endpoints.length, "managed endpoint"));
  return parts.join(", ") || "details";
}

async function readCompany(
  c: GravityZoneClient,
  details: CompanyDetails,
  kinds: ReadonlySet<Kind>,
): Promise<CompanySnapshot> {
  const id = details.id;
  const snap: CompanySnapshot = {
    details,
    groups: [],
    packages: [],
    accounts: [],
    hashItems: [],
    ruleItems: [],
    endpoints: [],
  };
  const tree = kinds.has("groups") || kinds.has("assignments") ? await readGroups(c, id) : undefined;
  if (tree) snap.groups = tree.groups;
  if (kinds.has("packages")) {
    const list = await c.listAll("packages", "getPackagesList", { companyId: id }, listItem);
    for (const p of list)
      snap.packages.push({
        ...(await c.call("packages", "getPackageDetails", { packageId: p.id }, packageDetailsSchema)),
        id: p.id,
      });
  }
  if (kinds.has("accounts")) {
    const list = await c.listAll("accounts", "getAccountsList", { companyId: id }, listItem);
    for (const a of list)
      snap.accounts.push(await c.call("accounts", "getAccountDetails", { accountId: a.id }, accountSchema));
  }
  if (kinds.has("blocklist")) {
    snap.hashItems = await listHashItems(c, id);
    snap.ruleItems = (await listRuleItems(c, id)).filter((r) => r.type === "path" || r.type === "connection");
  }
  if (kinds.has("assignments") && tree) snap.endpoints = await readEndpointPolicies(c, id, tree.root, tree.groups);
  return snap;
}

/** Deepest custom-group nesting the import reads (levels below 'Computers and Groups'); a deeper group stops it with an error. */
export const MAX_GROUP_DEPTH = 32;

/**
 * The company's custom groups, parents before children, siblings in API order. They live under the
 * company's 'Computers and Groups' group (77209-128488): groups directly under it get the company's id
 * as `parentId`, the way a program declares them; the two system groups are never among them. A group
 * answered a second time (a cycle) and a tree deeper than {@link MAX_GROUP_DEPTH} levels stop the import
 * with an error, so such an answer can neither hang it nor become a program that does not match the tenant.
 */
async function readGroups(c: GravityZoneClient, companyId: string): Promise<{ root: string; groups: GroupNode[] }> {
  const system = await c.call("network", "getCustomGroupsList", { parentId: companyId }, groupList);
  const root = isSystemPair(system) ? system.find((g) => g.name === COMPUTERS_AND_GROUPS)!.id : undefined;
  if (root === undefined)
    throw new Error(`getCustomGroupsList did not answer the '${COMPUTERS_AND_GROUPS}' group of company ${companyId}`);
  const out: GroupNode[] = [];
  const seen = new Set<string>([companyId, root]);
  const walk = async (listId: string, declaredParent: string, path: string[]) => {
    for (const g of await c.call("network", "getCustomGroupsList", { parentId: listId }, groupList)) {
      if (path.length >= MAX_GROUP_DEPTH)
        throw tenantError(
          `the custom groups of company ${companyId} nest deeper than ${MAX_GROUP_DEPTH} levels under ${path.join(" / ")}: not imported`,
        );
      if (seen.has(g.id)) {
        const under = path.length === 0 ? `'${COMPUTERS_AND_GROUPS}'` : path.join(" / ");
        throw tenantError(
          `getCustomGroupsList answered group ${g.id} (${jsString(g.name)}) a second time, under ${under}: the custom groups of company ${companyId} form a cycle; not imported`,
        );
      }
      seen.add(g.id);
      const node = { id: g.id, name: g.name, parentId: declaredParent, path: [...path, g.name] };
      out.push(node);
      await walk(g.id, g.id, node.path);
    }
  };
  await walk(root, companyId, []);
  return { root, groups: out };
}

/** An error whose message holds tenant text: control characters are shown as escapes (no terminal escapes). */
const tenantError = (message: string) => new Error(commentText(message));

const endpointPolicySchema = z
  .object({
    id: z.string(),
    policy: z.object({ id: z.string().nullish(), name: z.string().nullish() }).loose().nullish(),
  })
  .loose();

/**
 * The managed endpoints directly in the company's 'Computers and Groups' or its custom groups, with the
 * policy each runs: the endpoints from the inventory (`details.isManaged`, 77211-128494), the policy from
 * `getManagedEndpointDetails` (its `policy` member was seen live; the inventory does not document one).
 */
async function readEndpointPolicies(
  c: GravityZoneClient,
  companyId: string,
  root: string,
  groups: GroupNode[],
): Promise<EndpointPolicy[]> {
  const containers = new Map<string, string>([[root, companyId], ...groups.map((g) => [g.id, g.id] as const)]);
  const items = await c.listAll(
    "network",
    "getNetworkInventoryItems",
    {
      parentId: companyId,
      filters: { type: { computers: true, virtualMachines: true }, depth: { allItemsRecursively: true } },
    },
    inventoryItem,
  );
  const out: EndpointPolicy[] = [];
  for (const i of items) {
    const where = i.parentId ? containers.get(i.parentId) : undefined;
    if (where === undefined || i.details?.isManaged !== true) continue;
    const d = await c.call("network", "getManagedEndpointDetails", { endpointId: i.id }, endpointPolicySchema);
    if (!d.policy?.id) continue;
    out.push({
      id: i.id,
      name: i.name,
      parentId: where,
      policyId: d.policy.id,
      policyName: d.policy.name ?? d.policy.id,
    });
  }
  return out;
}

/** Companies ordered so that a parent comes before its children (siblings keep their order). */
export function parentsFirst<T extends { id: string; parentId?: string | null }>(list: readonly T[]): T[] {
  const ids = new Set(list.map((c) => c.id));
  const children = new Map<string, T[]>();
  const roots: T[] = [];
  for (const c of list) {
    if (c.parentId && ids.has(c.parentId)) children.set(c.parentId, [...(children.get(c.parentId) ?? []), c]);
    else roots.push(c);
  }
  const out: T[] = [];
  const visit = (c: T) => {
    out.push(c);
    for (const k of children.get(c.id) ?? []) visit(k);
  };
  roots.forEach(visit);
  return out;
}

/** `fn` over `items` with at most `limit` running at once; results in the items' order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
  return out;
}
