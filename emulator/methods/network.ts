/**
 * The `network` API: the inventory tree (getNetworkInventoryItems, getCompaniesList,
 * getRootContainers), endpoints (getEndpointsList, getManagedEndpointDetails, moveEndpoints,
 * deleteEndpoint, setEndpointLabel, getEndpointTags), custom groups (createCustomGroup,
 * getCustomGroupsList, moveCustomGroup, deleteCustomGroup), scan tasks (createScanTask,
 * getScanTasksList) and policy assignment (assignPolicy).
 *
 * The tree (77209-128488): every company has two system groups, 'Computers and Groups' and 'Deleted'.
 * The company's custom groups and endpoints live under 'Computers and Groups'; 'Deleted' stays empty
 * (nothing is ever placed there). System groups cannot be renamed, moved or deleted.
 *
 * Choices where the reference is silent:
 * - Lists are ordered by type (companies, root containers, groups, endpoints), then name, then id.
 * - Without `filters.depth.allItemsRecursively` a list holds the parent's direct children only; with
 *   it, everything below (subordinate companies included).
 * - In the inventory the system groups are root containers (type 2): getRootContainers (77211-128493)
 *   names 'Computers and Groups' among the root containers, and type 2 is "root container" in the
 *   type-code list (77209-128494). Type 4 stays for custom groups, so `filters.type.groups` ("all
 *   custom groups of endpoints") does not return them.
 * - A group's parent (createCustomGroup, moveCustomGroup, moveEndpoints) must be a group id: a custom
 *   group or 'Computers and Groups'. A company id is refused (no page says where it would land);
 *   createCustomGroup without parentId uses the key's company's 'Computers and Groups'.
 * - Custom group names are ≤128 characters, without HTML, unique case-insensitively among siblings.
 * - `deleteCustomGroup {force:true}` deletes the subgroups and moves the endpoints to the company's
 *   'Computers and Groups'.
 * - `assignPolicy {inheritFromAbove:true}` on a company puts back the company's default policy.
 */
import { isoSecondsNoZone, isoUtc } from "../clock";
import { invalidParams } from "../errors";
import { newObjectId } from "../ids";
import { computersAndGroupsOf, removeEndpoint, removeGroup } from "../lifecycle";
import {
  arr,
  bool,
  id,
  int,
  obj,
  pagingShape,
  readParams,
  req,
  str,
  anyObject,
  type Infer,
  type Rule,
  type Shape,
} from "../params";
import { effectivePolicy } from "../policy-inheritance";
import {
  requireCompany,
  requireEndpoint,
  requireGroup,
  requireNode,
  requirePolicy,
  companyVisible,
  type Caller,
} from "../scope";
import type { EndpointRecord, GroupRecord, TenantState } from "../state";
import {
  childCompanies,
  childGroups,
  childNodes,
  companyOfNode,
  descendantNodes,
  isCompanyWithin,
  isGroupWithin,
  nameKey,
  systemGroupOf,
} from "../tree";
import type { NodeRef } from "../tree";
import { pageOf, read, write, type MethodContext, type ModuleMethods } from "./registry";
import { compareCodes, compareNames } from "../collation";

/** Inventory type codes (77209-128494). */
export const NodeType = {
  Company: 1,
  RootContainer: 2,
  CompanyFolder: 3,
  Group: 4,
  Computer: 5,
  VirtualMachine: 6,
} as const;

/** The longest custom group name accepted. */
export const GROUP_NAME_MAX = 128;

function typeOf(n: NodeRef): number {
  if (n.kind === "company") return NodeType.Company;
  // assumed: system groups are root containers (type 2), see the module comment.
  if (n.kind === "group") return n.record.system !== undefined ? NodeType.RootContainer : NodeType.Group;
  return n.record.type;
}

function policyView(state: TenantState, node: NodeRef): { id: string | null; name: string | null; applied: boolean } {
  const eff = effectivePolicy(state, node);
  const p = eff.policyId ? state.policies[eff.policyId] : undefined;
  return { id: p?.id ?? null, name: p?.name ?? null, applied: true };
}

// 77212-128494: the details of types 5 and 6. No `policy` member is documented (dropped).
function endpointInventoryDetails(
  e: EndpointRecord,
  opts: { productOutdated?: boolean; scanLogs?: boolean },
): Record<string, unknown> {
  const d: Record<string, unknown> = {
    label: e.label,
    fqdn: e.fqdn,
    groupId: e.parentId,
    isManaged: e.isManaged,
    machineType: e.type === 6 ? 2 : 1,
    operatingSystemVersion: e.operatingSystemVersion,
    ip: e.ip,
    macs: e.macs,
    ssid: e.ssid,
    managedWithBest: e.isManaged,
    isContainerHost: false,
    managedExchangeServer: e.roles.exchange,
    managedRelay: e.roles.relay,
    securityServer: e.roles.securityServer,
    managedWithNsx: false,
    managedWithVShield: false,
    modules: e.modules,
  };
  if (opts.productOutdated) d.productOutdated = e.agent?.productOutdated ?? false;
  if (opts.scanLogs) d.lastSuccessfulScan = e.lastSuccessfulScan;
  return d;
}

function inventoryItem(n: NodeRef, opts: { productOutdated?: boolean; scanLogs?: boolean }): Record<string, unknown> {
  switch (n.kind) {
    case "company":
      // assumed: the members of a company's details are not in the stored excerpts.
      return {
        id: n.record.id,
        name: n.record.name,
        type: NodeType.Company,
        parentId: n.record.parentId,
        companyId: n.record.parentId,
        details: { type: n.record.type, isSuspended: n.record.isSuspended },
      };
    case "group":
      // 77209-128494: `details` only for types 1, 5, 6, 7 and 16, so none for groups and root containers.
      return {
        id: n.record.id,
        name: n.record.name,
        type: typeOf(n),
        parentId: n.record.parentId,
        companyId: n.record.companyId,
      };
    case "endpoint":
      return {
        id: n.record.id,
        name: n.record.name,
        type: n.record.type,
        parentId: n.record.parentId,
        companyId: n.record.companyId,
        details: endpointInventoryDetails(n.record, opts),
      };
  }
}

/** GravityZone's name filter: prefix match, or substring match when the value starts with `*` (case-insensitive). */
export function nameMatches(name: string, filter: string): boolean {
  const n = name.toLowerCase();
  const f = filter.toLowerCase();
  return f.startsWith("*") ? n.includes(f.slice(1)) : n.startsWith(f);
}

function sortNodes(nodes: NodeRef[]): NodeRef[] {
  return nodes.sort(
    (a, b) =>
      typeOf(a) - typeOf(b) || compareNames(a.record.name, b.record.name) || compareCodes(a.record.id, b.record.id),
  );
}

/**
 * An `options` parameter the pages type as Array (77209-128483, 77211-128484) while describing it as
 * sections, which getNetworkInventoryItems types as Object. Both forms are accepted: an Object of
 * sections (what Bitdefender's own n8n client sends, so refusing it would refuse the vendor's client),
 * or an Array of such Objects, merged in order (assumed reading of "Array"; an empty Array = none).
 */
function sectionsOrArray<S extends Shape>(shape: S): Rule<Partial<Infer<S>> | undefined> {
  const one = obj(shape);
  return {
    optional: true,
    check: (v, p) => {
      if (!Array.isArray(v)) return one.check(v, p);
      const merged: Record<string, unknown> = {};
      v.forEach((e, i) => {
        if (e === null || e === undefined) return;
        Object.assign(merged, one.check(e, `${p}[${i}]`));
      });
      return merged as Partial<Infer<S>>;
    },
  };
}

const managementShape = obj({
  managedWithBest: bool(),
  managedExchangeServers: bool(),
  managedRelays: bool(),
  securityServers: bool(),
  managedHvi: bool(),
});

const inventoryFilters = obj({
  type: obj({
    companies: bool(),
    companyFolders: bool(),
    groups: bool(),
    computers: bool(),
    virtualMachines: bool(),
    ec2Instances: bool(),
    containerHosts: bool(),
    containers: bool(),
  }),
  security: obj({ management: managementShape }),
  depth: obj({ allItemsRecursively: bool() }),
  details: obj({ name: str({ max: 256 }) }),
});

const optionSections = {
  companies: obj({ returnAllProducts: bool() }),
  endpoints: obj({ returnProductOutdated: bool(), includeScanLogs: bool() }),
};

/** 77212-128494 / 77212-128483: the virtualization view types (v1.0 only); accepted and ignored (no virtualization inventory). */
const viewTypeRule = int({ oneOf: [1, 2, 3, 4] });

type Management = NonNullable<ReturnType<typeof managementShape.check>>;

function managementMatches(e: EndpointRecord, m: Management): boolean {
  const wanted: boolean[] = [];
  if (m.managedWithBest) wanted.push(e.isManaged);
  if (m.managedExchangeServers) wanted.push(e.isManaged && e.roles.exchange);
  if (m.managedRelays) wanted.push(e.isManaged && e.roles.relay);
  if (m.securityServers) wanted.push(e.roles.securityServer);
  if (m.managedHvi) wanted.push(false);
  return wanted.length === 0 || wanted.some(Boolean);
}

function listParent(ctx: MethodContext, parentId: string | undefined): NodeRef {
  const parent =
    parentId === undefined
      ? requireNode(ctx.state, ctx.caller, ctx.caller.companyId)
      : requireNode(ctx.state, ctx.caller, parentId, "parent");
  if (parent.kind === "endpoint")
    throw invalidParams(
      `Invalid value for 'parentId' parameter. "${parentId}" is an endpoint, not a company or a group.`,
    );
  return parent;
}

function refuseViewTypeAfterV10(ctx: MethodContext, viewType: number | undefined): void {
  // 77212-128494 / 77212-128483: viewType is documented for v1.0 (on-premises) only.
  if (viewType !== undefined && ctx.version !== "v1.0") throw invalidParams("Parameter 'viewType' is not expected.");
}

function getNetworkInventoryItems(raw: unknown, ctx: MethodContext) {
  const v10 = ctx.version === "v1.0";
  const shape = {
    parentId: id(),
    filters: inventoryFilters,
    options: obj(optionSections),
    viewType: viewTypeRule,
    ...pagingShape(v10 ? 100 : 1000),
  };
  const p = readParams(raw, shape);
  refuseViewTypeAfterV10(ctx, p.viewType);
  const parent = listParent(ctx, p.parentId);
  const f = p.filters;
  let nodes = f?.depth?.allItemsRecursively
    ? descendantNodes(ctx.state, parent.record.id)
    : childNodes(ctx.state, parent.record.id);
  const t = f?.type;
  const typeWanted = new Set<number>();
  if (t?.companies) typeWanted.add(NodeType.Company);
  if (t?.companyFolders) typeWanted.add(NodeType.CompanyFolder);
  if (t?.groups) typeWanted.add(NodeType.Group);
  if (t?.computers) typeWanted.add(NodeType.Computer);
  if (t?.virtualMachines) typeWanted.add(NodeType.VirtualMachine);
  if (t?.ec2Instances) typeWanted.add(7);
  if (typeWanted.size > 0) nodes = nodes.filter((n) => typeWanted.has(typeOf(n)));
  const mgmt = f?.security?.management;
  if (mgmt && Object.values(mgmt).some(Boolean))
    nodes = nodes.filter((n) => n.kind === "endpoint" && managementMatches(n.record, mgmt));
  const name = f?.details?.name;
  if (name !== undefined) nodes = nodes.filter((n) => nameMatches(n.record.name, name));
  const opts = {
    productOutdated: p.options?.endpoints?.returnProductOutdated,
    scanLogs: p.options?.endpoints?.includeScanLogs,
  };
  const page = pageOf(sortNodes(nodes), p.page, p.perPage);
  const items = page.items.map((n) => inventoryItem(n, opts));
  // 77212-128494: the v1.0 example answer has page, pagesCount, perPage, total and items (no hasMoreRecords).
  if (v10) return { page: page.page, pagesCount: page.pagesCount, perPage: page.perPage, total: page.total, items };
  // 77209-128494 (v1.1): pagesCount and total are sent only in the first page of results; hasMoreRecords always.
  const first = page.page === 1;
  return {
    page: page.page,
    ...(first ? { pagesCount: page.pagesCount } : {}),
    perPage: page.perPage,
    ...(first ? { total: page.total } : {}),
    hasMoreRecords: page.page < page.pagesCount,
    items,
  };
}

const endpointFilters = obj({
  security: obj({ management: managementShape }),
  depth: obj({ allItemsRecursively: bool() }),
  details: obj({
    name: str({ max: 256 }),
    label: str({ max: 64 }),
    ip: str({ max: 64 }),
    macs: str({ max: 64 }),
    ssid: str({ max: 256 }),
  }),
});

// The list item members are not in the stored excerpts; `policy` is not documented anywhere read and is not sent.
function endpointListItem(e: EndpointRecord): Record<string, unknown> {
  return {
    id: e.id,
    name: e.name,
    label: e.label,
    fqdn: e.fqdn,
    groupId: e.parentId,
    companyId: e.companyId,
    isManaged: e.isManaged,
    machineType: e.type === 6 ? 2 : 1,
    operatingSystemVersion: e.operatingSystemVersion,
    ip: e.ip,
    macs: e.macs,
    ssid: e.ssid,
    managedWithBest: e.isManaged,
    managedExchangeServer: e.roles.exchange,
    managedRelay: e.roles.relay,
    securityServer: e.roles.securityServer,
  };
}

function endpointsOf(nodes: NodeRef[]): EndpointRecord[] {
  return nodes.filter((n): n is Extract<NodeRef, { kind: "endpoint" }> => n.kind === "endpoint").map((n) => n.record);
}

/**
 * The endpoints getEndpointsList starts from. 77212-128483: "If not specified or set with a company ID,
 * the method returns only the endpoints under Computers and Groups": directly in the company's
 * 'Computers and Groups', or (recursively) everything below the company, subordinate companies included.
 */
function endpointScope(ctx: MethodContext, parent: NodeRef, recursive: boolean): EndpointRecord[] {
  if (recursive) return endpointsOf(descendantNodes(ctx.state, parent.record.id));
  if (parent.kind !== "company") return endpointsOf(childNodes(ctx.state, parent.record.id));
  const home = systemGroupOf(ctx.state, parent.record.id, "computersAndGroups");
  return home ? endpointsOf(childNodes(ctx.state, home.id)) : [];
}

function getEndpointsList(raw: unknown, ctx: MethodContext) {
  const p = readParams(raw, {
    parentId: id(),
    isManaged: bool(),
    viewType: viewTypeRule,
    filters: endpointFilters,
    // 77209-128483: options is an Array; accepted as Array or Object of sections (see sectionsOrArray). Not used in the answer.
    options: sectionsOrArray(optionSections),
    ...pagingShape(ctx.version === "v1.0" ? 100 : 1000),
  });
  refuseViewTypeAfterV10(ctx, p.viewType);
  const parent = listParent(ctx, p.parentId);
  const f = p.filters;
  let endpoints = endpointScope(ctx, parent, f?.depth?.allItemsRecursively ?? false);
  if (p.isManaged !== undefined) endpoints = endpoints.filter((e) => e.isManaged === p.isManaged);
  const mgmt = f?.security?.management;
  if (mgmt) endpoints = endpoints.filter((e) => managementMatches(e, mgmt));
  const d = f?.details;
  if (d?.name !== undefined) endpoints = endpoints.filter((e) => nameMatches(e.name, d!.name!));
  if (d?.label !== undefined) endpoints = endpoints.filter((e) => nameMatches(e.label, d!.label!));
  if (d?.ip !== undefined) endpoints = endpoints.filter((e) => nameMatches(e.ip, d!.ip!));
  if (d?.macs !== undefined) endpoints = endpoints.filter((e) => e.macs.some((m) => nameMatches(m, d!.macs!)));
  if (d?.ssid !== undefined) endpoints = endpoints.filter((e) => nameMatches(e.ssid, d!.ssid!));
  endpoints.sort((a, b) => compareNames(a.name, b.name) || compareCodes(a.id, b.id));
  const page = pageOf(endpoints, p.page, p.perPage);
  return { ...page, items: page.items.map(endpointListItem) };
}

function getManagedEndpointDetails(raw: unknown, ctx: MethodContext) {
  // 77211-128484: options is an Array with the includeScanLogs option; the Object form is accepted too (see sectionsOrArray).
  const p = readParams(raw, { endpointId: req(id()), options: sectionsOrArray({ includeScanLogs: bool() }) });
  const e = requireEndpoint(ctx.state, ctx.caller, p.endpointId);
  if (!e.isManaged) throw invalidParams(`The endpoint with ID "${e.id}" is not managed.`);
  const group = ctx.state.groups[e.parentId];
  const out: Record<string, unknown> = {
    id: e.id,
    name: e.name,
    companyId: e.companyId,
    groupId: e.parentId,
    group: { id: e.parentId, name: group?.name ?? "" },
    fqdn: e.fqdn,
    label: e.label,
    operatingSystem: e.operatingSystemVersion,
    machineType: e.type === 6 ? 2 : 1,
    ip: e.ip,
    macs: e.macs,
    ssid: e.ssid,
    state: e.state,
    malwareStatus: e.malwareStatus,
    agent: e.agent,
    modules: e.modules,
    policy: policyView(ctx.state, { kind: "endpoint", record: e }),
    isIsolated: e.isolated,
    managedWithBest: true,
    managedExchangeServer: e.roles.exchange,
    managedRelay: e.roles.relay,
    securityServer: e.roles.securityServer,
    lastSeen: e.lastSeen,
    tags: e.tags,
  };
  if (p.options?.includeScanLogs) out.lastSuccessfulScan = e.lastSuccessfulScan;
  return out;
}

function getCompaniesList(raw: unknown, ctx: MethodContext) {
  // 77211-128478: licenseType 1 trial, 2 yearly license key, 3 monthly license key.
  const p = readParams(raw, {
    parentId: id(),
    filters: obj({ companyType: int({ oneOf: [0, 1] }), licenseType: int({ oneOf: [1, 2, 3] }) }),
  });
  const parent = requireCompany(ctx.state, ctx.caller, p.parentId);
  let list = childCompanies(ctx.state, parent.id);
  const f = p.filters;
  if (f?.companyType !== undefined) list = list.filter((c) => c.type === f.companyType);
  if (f?.licenseType !== undefined) list = list.filter((c) => c.licenseSubscription.type === f.licenseType);
  // 77211-128478: each entry has id and name.
  return list
    .sort((a, b) => compareNames(a.name, b.name) || compareCodes(a.id, b.id))
    .map((c) => ({ id: c.id, name: c.name }));
}

function systemGroupsView(state: TenantState, companyId: string): Array<{ id: string; name: string }> {
  const out: Array<{ id: string; name: string }> = [];
  for (const kind of ["computersAndGroups", "deleted"] as const) {
    const g = systemGroupOf(state, companyId, kind);
    if (g) out.push({ id: g.id, name: g.name });
  }
  return out;
}

function getRootContainers(raw: unknown, ctx: MethodContext) {
  const p = readParams(raw, { companyId: id() });
  const c = requireCompany(ctx.state, ctx.caller, p.companyId);
  // 77211-128493: an Array of {id, name}; root containers are "special groups, such as: Companies, Network, Computers and Groups".
  // assumed: the emulator models a company's 'Computers and Groups' and 'Deleted' (77209-128488) only.
  return systemGroupsView(ctx.state, c.id);
}

/** Refuses a group name a sibling already has (case-insensitively). */
export function assertGroupNameFree(state: TenantState, parentId: string, name: string, selfId?: string): void {
  const key = nameKey(name);
  if (childGroups(state, parentId).some((g) => g.id !== selfId && nameKey(g.name) === key)) {
    throw invalidParams(`A group with the name "${name}" already exists under this parent.`);
  }
}

/**
 * A group that may hold custom groups and endpoints: a custom group or a company's 'Computers and
 * Groups'. assumed: a company id is refused (the pages do not say where a group or endpoint sent to a
 * company would land), and so is 'Deleted' (nothing is placed there).
 */
export function requireContainerGroup(
  state: TenantState,
  caller: Caller,
  groupId: string,
  param: string,
  what: string,
): GroupRecord {
  const node = requireNode(state, caller, groupId, what);
  if (node.kind === "company") {
    const use = "use the ID of a custom group or of the company's 'Computers and Groups' group";
    throw invalidParams(`Invalid value for '${param}' parameter. "${groupId}" is a company, not a group: ${use}.`);
  }
  if (node.kind === "endpoint")
    throw invalidParams(`Invalid value for '${param}' parameter. "${groupId}" is an endpoint, not a group.`);
  if (node.record.system === "deleted")
    throw invalidParams(`Invalid value for '${param}' parameter. Nothing can be placed in the 'Deleted' group.`);
  return node.record;
}

/** A custom group the caller may change; a system group ('Computers and Groups', 'Deleted') is refused. */
export function requireCustomGroup(state: TenantState, caller: Caller, groupId: string, verb: string): GroupRecord {
  const g = requireGroup(state, caller, groupId);
  // 77209-128488: the system groups are the company's own; assumed: they cannot be renamed, moved or deleted.
  if (g.system !== undefined) throw invalidParams(`The group "${g.name}" is a system group and cannot be ${verb}.`);
  return g;
}

function createCustomGroup(raw: unknown, ctx: MethodContext): string {
  const p = readParams(raw, { groupName: req(str({ max: GROUP_NAME_MAX, noHtml: true })), parentId: id() });
  // assumed: without parentId the group goes to the key's company's 'Computers and Groups' (where custom groups live, 77209-128488).
  const parent =
    p.parentId === undefined
      ? ctx.state.groups[computersAndGroupsOf(ctx.state, ctx.caller.companyId)]!
      : requireContainerGroup(ctx.state, ctx.caller, p.parentId, "parentId", "parent");
  assertGroupNameFree(ctx.state, parent.id, p.groupName);
  const gid = newObjectId(ctx.now.getTime());
  ctx.state.groups[gid] = {
    id: gid,
    name: p.groupName,
    parentId: parent.id,
    companyId: parent.companyId,
    createdAt: isoUtc(ctx.now),
  };
  return gid;
}

function getCustomGroupsList(raw: unknown, ctx: MethodContext) {
  const p = readParams(raw, { parentId: id() });
  const parent = listParent(ctx, p.parentId);
  // 77209-128488: "'Computers and Groups' and 'Deleted' groups are returned if the passed parameter is null or a company ID."
  if (parent.kind === "company") return systemGroupsView(ctx.state, parent.record.id);
  return childGroups(ctx.state, parent.record.id)
    .sort((a, b) => compareNames(a.name, b.name) || compareCodes(a.id, b.id))
    .map((g) => ({ id: g.id, name: g.name }));
}

/** Moves a custom group under another group of its company (a custom group or 'Computers and Groups'; no cycles, name free). */
export function moveGroup(ctx: Pick<MethodContext, "state" | "caller">, groupId: string, parentId: string): void {
  const g = requireCustomGroup(ctx.state, ctx.caller, groupId, "moved");
  const parent = requireContainerGroup(ctx.state, ctx.caller, parentId, "parentId", "parent");
  if (parent.companyId !== g.companyId) throw invalidParams("A custom group cannot be moved to another company.");
  if (isGroupWithin(ctx.state, parent.id, g.id))
    throw invalidParams("A custom group cannot be moved under itself or one of its subgroups.");
  assertGroupNameFree(ctx.state, parent.id, g.name, g.id);
  g.parentId = parent.id;
}

function moveCustomGroup(raw: unknown, ctx: MethodContext): null {
  // seed-000 (verified live): {groupId, parentId}.
  const p = readParams(raw, { groupId: req(id()), parentId: req(id()) });
  moveGroup(ctx, p.groupId, p.parentId);
  return null;
}

function deleteCustomGroup(raw: unknown, ctx: MethodContext): null {
  // 77212-128486: {groupId, force (default false)} → no value.
  const p = readParams(raw, { groupId: req(id()), force: bool() });
  const g = requireCustomGroup(ctx.state, ctx.caller, p.groupId, "deleted");
  if (!p.force) {
    const subgroups = childGroups(ctx.state, g.id).length;
    const endpoints = Object.values(ctx.state.endpoints).filter((e) => e.parentId === g.id).length;
    if (subgroups > 0 || endpoints > 0) {
      throw invalidParams(
        `The group "${g.name}" is not empty (${endpoints} endpoints, ${subgroups} subgroups). Use force to delete it anyway.`,
      );
    }
  }
  removeGroup(ctx.state, g.id);
  return null;
}

function moveEndpoints(raw: unknown, ctx: MethodContext): null {
  const p = readParams(raw, { endpointIds: req(arr(id(), { min: 1, max: 1000 })), groupId: req(id()) });
  // assumed: the destination is a group (a custom group or 'Computers and Groups'), as for custom groups.
  const target = requireContainerGroup(ctx.state, ctx.caller, p.groupId, "groupId", "group");
  const endpoints = p.endpointIds.map((eid) => requireEndpoint(ctx.state, ctx.caller, eid));
  for (const e of endpoints) {
    if (e.companyId !== target.companyId)
      throw invalidParams(
        `The endpoint with ID "${e.id}" belongs to another company and cannot be moved to this group.`,
      );
  }
  for (const e of endpoints) e.parentId = target.id;
  return null;
}

function deleteEndpoint(raw: unknown, ctx: MethodContext): null {
  const p = readParams(raw, { endpointId: req(id()) });
  const e = requireEndpoint(ctx.state, ctx.caller, p.endpointId);
  removeEndpoint(ctx.state, e.id);
  return null;
}

function setEndpointLabel(raw: unknown, ctx: MethodContext): boolean {
  const p = readParams(raw, { endpointId: req(id()), label: req(str({ nonEmpty: false, max: 64, noHtml: true })) });
  requireEndpoint(ctx.state, ctx.caller, p.endpointId).label = p.label;
  return true;
}

/** Endpoint tag types: the page's values are cut off in what was read; assumed 1 Custom, 2 Automatic ("Custom tags before Automatic tags" in ASC). */
export const TagType = { Custom: 1, Automatic: 2 } as const;

interface TagView {
  name: string;
  type: number;
  description: string;
  company: { id: string; name: string };
  created: string;
  rules: Record<string, unknown> | null;
}

/**
 * The endpoint tags the caller can see. Tags live on endpoints (`tags`); a tag is one per company and
 * name, created when its first endpoint was (the emulator keeps no other tag data). All are Custom tags.
 */
function visibleTags(state: TenantState, caller: Caller): TagView[] {
  const byKey = new Map<string, TagView>();
  for (const e of Object.values(state.endpoints)) {
    if (!companyVisible(state, caller, e.companyId)) continue;
    for (const name of e.tags) {
      const key = `${e.companyId}\u0000${name}`;
      const created = isoSecondsNoZone(new Date(e.createdAt));
      const seen = byKey.get(key);
      if (!seen) {
        const company = { id: e.companyId, name: state.companies[e.companyId]?.name ?? "" };
        byKey.set(key, { name, type: TagType.Custom, description: "", company, created, rules: null });
      } else if (created < seen.created) seen.created = created;
    }
  }
  return [...byKey.values()];
}

function getEndpointTags(raw: unknown, ctx: MethodContext) {
  // 77209-1554403: orderBy (name|type|created, default created), order (ASC|DESC, default DESC), page, perPage ≤ 100.
  const p = readParams(raw, {
    orderBy: str({ oneOf: ["name", "type", "created"] }),
    order: str({ oneOf: ["ASC", "DESC"] }),
    ...pagingShape(100),
  });
  const orderBy = p.orderBy ?? "created";
  const sign = (p.order ?? "DESC") === "ASC" ? 1 : -1;
  const byCriterion = (a: TagView, b: TagView) =>
    orderBy === "name"
      ? compareNames(a.name, b.name)
      : orderBy === "type"
        ? a.type - b.type
        : compareCodes(a.created, b.created);
  const tags = visibleTags(ctx.state, ctx.caller);
  tags.sort(
    (a, b) => sign * byCriterion(a, b) || compareNames(a.name, b.name) || compareCodes(a.company.id, b.company.id),
  );
  // 77209-1554403: the result is an Array of tag objects (the page of results).
  return pageOf(tags, p.page, p.perPage).items;
}

function createScanTask(raw: unknown, ctx: MethodContext): boolean | string[] {
  const p = readParams(raw, {
    targetIds: req(arr(id(), { min: 1, max: 1000 })),
    type: req(int({ oneOf: [1, 2, 3, 4] })),
    name: str({ max: 128, noHtml: true }),
    customScanSettings: anyObject(),
    returnAllTaskIds: bool(),
  });
  if (p.type === 4 && p.customScanSettings === undefined) {
    throw invalidParams("Missing required parameter 'customScanSettings'. It is required for custom scans (type 4).");
  }
  // 77211-128496: customScanSettings set for other types than 4 "will be ignored" (accepted, not stored).
  const targets = p.targetIds.map((t) => requireNode(ctx.state, ctx.caller, t, "target"));
  const label = ["", "Quick Scan", "Full Scan", "Memory Scan", "Custom Scan"][p.type]!;
  const tid = newObjectId(ctx.now.getTime());
  ctx.state.scanTasks[tid] = {
    id: tid,
    name: p.name ?? `${label} ${ctx.now.toISOString().slice(0, 16).replace("T", " ")}`,
    scanType: p.type,
    status: 1,
    targetIds: p.targetIds,
    companyId: companyOfNode(targets[0]!),
    startDate: isoUtc(ctx.now),
  };
  return p.returnAllTaskIds ? [tid] : true;
}

function getScanTasksList(raw: unknown, ctx: MethodContext) {
  const p = readParams(raw, { name: str({ max: 128 }), status: int({ oneOf: [1, 2, 3] }), ...pagingShape(100) });
  let tasks = Object.values(ctx.state.scanTasks).filter((t) => companyVisible(ctx.state, ctx.caller, t.companyId));
  if (p.name !== undefined) tasks = tasks.filter((t) => nameMatches(t.name, p.name!));
  if (p.status !== undefined) tasks = tasks.filter((t) => t.status === p.status);
  tasks.sort((a, b) => compareCodes(b.startDate, a.startDate) || compareCodes(a.id, b.id));
  const page = pageOf(tasks, p.page, p.perPage);
  return {
    ...page,
    items: page.items.map((t) => ({ id: t.id, name: t.name, status: t.status, startDate: t.startDate })),
  };
}

/** The misleading details the live API gives for policyId without `inheritFromAbove:false`. */
export const INHERIT_QUIRK_DETAILS = "inheritFromAbove should not be used";

function assignPolicy(raw: unknown, ctx: MethodContext): boolean {
  const p = readParams(raw, {
    targetIds: req(arr(id(), { min: 1, max: 1000 })),
    policyId: id(),
    inheritFromAbove: bool(),
    forcePolicyInheritance: bool(),
  });
  // 77209-924802: "To use this parameter [forcePolicyInheritance], policyId must be included in the request."
  if (p.forcePolicyInheritance !== undefined && p.policyId === undefined) {
    throw invalidParams("Parameter 'forcePolicyInheritance' can only be used together with 'policyId'.");
  }
  // seed-000 (verified live): a policyId is refused unless inheritFromAbove:false is sent too.
  if (p.policyId !== undefined && p.inheritFromAbove !== false) throw invalidParams(INHERIT_QUIRK_DETAILS);
  // 77209-924802: without policyId, inheritFromAbove must be present and true.
  if (p.policyId === undefined && p.inheritFromAbove !== true) {
    throw invalidParams(
      "Missing required parameter 'policyId'. Pass a policyId (with inheritFromAbove: false) or inheritFromAbove: true.",
    );
  }
  const targets = p.targetIds.map((t) => requireNode(ctx.state, ctx.caller, t, "target"));
  if (p.policyId !== undefined) {
    const policy = requirePolicy(ctx.state, ctx.caller, p.policyId);
    for (const t of targets) {
      if (!isCompanyWithin(ctx.state, companyOfNode(t), policy.companyId)) {
        throw invalidParams(`The policy "${policy.name}" is not available to the target with ID "${t.record.id}".`);
      }
    }
    // 77209-924802: "The policy is not assigned to targets that have an enforced policy" (one forced from above).
    const free = targets.filter((t) => !effectivePolicy(ctx.state, t).forced);
    for (const t of free) t.record.policy = { policyId: policy.id, force: p.forcePolicyInheritance ?? false };
    // 77209-924802: the Boolean says whether the policy was assigned; assumed: false as soon as one target was skipped.
    return free.length === targets.length;
  }
  for (const t of targets) {
    if (t.kind === "company") {
      const def = Object.values(ctx.state.policies).find((pol) => pol.companyId === t.record.id && pol.isDefault);
      if (def) t.record.policy = { policyId: def.id, force: false };
    } else {
      delete t.record.policy;
    }
  }
  return true;
}

/** The network module. */
export const networkMethods: ModuleMethods = {
  getNetworkInventoryItems: read(getNetworkInventoryItems, ["v1.1"]),
  getCompaniesList: read(getCompaniesList),
  getRootContainers: read(getRootContainers),
  getEndpointsList: read(getEndpointsList, ["v1.1"]),
  getManagedEndpointDetails: read(getManagedEndpointDetails),
  createCustomGroup: write(createCustomGroup),
  getCustomGroupsList: read(getCustomGroupsList),
  moveCustomGroup: write(moveCustomGroup),
  deleteCustomGroup: write(deleteCustomGroup),
  moveEndpoints: write(moveEndpoints),
  deleteEndpoint: write(deleteEndpoint),
  setEndpointLabel: write(setEndpointLabel),
  getEndpointTags: read(getEndpointTags),
  createScanTask: write(createScanTask),
  getScanTasksList: read(getScanTasksList),
  assignPolicy: write(assignPolicy),
};
