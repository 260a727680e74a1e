/**
 * The `network` API: the inventory tree (getNetworkInventoryItems, getCompaniesList,
 * getRootContainers), endpoints (getEndpointsList, getManagedEndpointDetails, moveEndpoints,
 * deleteEndpoint, setEndpointLabel, getEndpointTags), custom groups (createCustomGroup,
 * getCustomGroupsList, moveCustomGroup, deleteCustomGroup), scan tasks (createScanTask,
 * getScanTasksList) and policy assignment (assignPolicy).
 *
 * Choices where the reference is silent:
 * - Lists are ordered by type (companies, groups, endpoints), then name, then id.
 * - Without `filters.depth.allItemsRecursively` a list holds the parent's direct children only; with
 *   it, everything below (subordinate companies included).
 * - Custom group names are ≤128 characters, without HTML, unique case-insensitively among siblings.
 * - `deleteCustomGroup {force:true}` deletes the subgroups and moves the endpoints to the company root.
 * - `assignPolicy {inheritFromAbove:true}` on a company puts back the company's default policy.
 * - getRootContainers answers the company's own node: the network root of a company is the company.
 */
import { createHash } from "node:crypto";
import { isoUtc } from "../clock";
import { invalidParams } from "../errors";
import { newObjectId } from "../ids";
import { removeEndpoint, removeGroup } from "../lifecycle";
import { arr, bool, id, int, obj, pagingShape, readParams, req, str, anyObject } from "../params";
import { effectivePolicy } from "../policy-inheritance";
import { requireCompany, requireEndpoint, requireGroup, requireNode, requirePolicy, companyVisible } from "../scope";
import type { EndpointRecord, TenantState } from "../state";
import { childCompanies, childGroups, childNodes, companyOfNode, descendantNodes, isCompanyWithin, isGroupWithin, nameKey, type NodeRef } from "../tree";
import { pageOf, read, write, type MethodContext, type ModuleMethods } from "./registry";
import { compareCodes, compareNames } from "../collation";

/** Inventory type codes. */
export const NodeType = { Company: 1, RootContainer: 2, CompanyFolder: 3, Group: 4, Computer: 5, VirtualMachine: 6 } as const;

/** The longest custom group name accepted. */
export const GROUP_NAME_MAX = 128;

function typeOf(n: NodeRef): number {
  return n.kind === "company" ? NodeType.Company : n.kind === "group" ? NodeType.Group : n.record.type;
}

function policyView(state: TenantState, node: NodeRef): { id: string | null; name: string | null; applied: boolean } {
  const eff = effectivePolicy(state, node);
  const p = eff.policyId ? state.policies[eff.policyId] : undefined;
  return { id: p?.id ?? null, name: p?.name ?? null, applied: true };
}

function endpointInventoryDetails(state: TenantState, e: EndpointRecord, opts: { productOutdated?: boolean; scanLogs?: boolean }): Record<string, unknown> {
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
    policy: policyView(state, { kind: "endpoint", record: e }),
  };
  if (opts.productOutdated) d.productOutdated = e.agent?.productOutdated ?? false;
  if (opts.scanLogs) d.lastSuccessfulScan = e.lastSuccessfulScan;
  return d;
}

function inventoryItem(state: TenantState, n: NodeRef, opts: { productOutdated?: boolean; scanLogs?: boolean }): Record<string, unknown> {
  switch (n.kind) {
    case "company":
      return { id: n.record.id, name: n.record.name, type: NodeType.Company, parentId: n.record.parentId, companyId: n.record.parentId, details: { type: n.record.type, isSuspended: n.record.isSuspended } };
    case "group":
      return { id: n.record.id, name: n.record.name, type: NodeType.Group, parentId: n.record.parentId, companyId: n.record.companyId };
    case "endpoint":
      return { id: n.record.id, name: n.record.name, type: n.record.type, parentId: n.record.parentId, companyId: n.record.companyId, details: endpointInventoryDetails(state, n.record, opts) };
  }
}

/** GravityZone's name filter: prefix match, or substring match when the value starts with `*` (case-insensitive). */
export function nameMatches(name: string, filter: string): boolean {
  const n = name.toLowerCase();
  const f = filter.toLowerCase();
  return f.startsWith("*") ? n.includes(f.slice(1)) : n.startsWith(f);
}

function sortNodes(nodes: NodeRef[]): NodeRef[] {
  return nodes.sort((a, b) => typeOf(a) - typeOf(b) || compareNames(a.record.name, b.record.name) || compareCodes(a.record.id, b.record.id));
}

const managementShape = obj({ managedWithBest: bool(), managedExchangeServers: bool(), managedRelays: bool(), securityServers: bool(), managedHvi: bool() });

const inventoryFilters = obj({
  type: obj({ companies: bool(), companyFolders: bool(), groups: bool(), computers: bool(), virtualMachines: bool(), ec2Instances: bool(), containerHosts: bool(), containers: bool() }),
  security: obj({ management: managementShape }),
  depth: obj({ allItemsRecursively: bool() }),
  details: obj({ name: str({ max: 256 }) }),
});

const inventoryOptions = obj({
  companies: obj({ returnAllProducts: bool() }),
  endpoints: obj({ returnProductOutdated: bool(), includeScanLogs: bool() }),
});

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
  const parent = parentId === undefined ? requireNode(ctx.state, ctx.caller, ctx.caller.companyId) : requireNode(ctx.state, ctx.caller, parentId, "parent");
  if (parent.kind === "endpoint") throw invalidParams(`Invalid value for 'parentId' parameter. "${parentId}" is an endpoint, not a company or a group.`);
  return parent;
}

function getNetworkInventoryItems(raw: unknown, ctx: MethodContext) {
  const p = readParams(raw, { parentId: id(), filters: inventoryFilters, options: inventoryOptions, ...pagingShape(ctx.version === "v1.0" ? 100 : 1000) });
  const parent = listParent(ctx, p.parentId);
  const f = p.filters;
  let nodes = f?.depth?.allItemsRecursively ? descendantNodes(ctx.state, parent.record.id) : childNodes(ctx.state, parent.record.id);
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
  if (mgmt && Object.values(mgmt).some(Boolean)) nodes = nodes.filter((n) => n.kind === "endpoint" && managementMatches(n.record, mgmt));
  const name = f?.details?.name;
  if (name !== undefined) nodes = nodes.filter((n) => nameMatches(n.record.name, name));
  const opts = { productOutdated: p.options?.endpoints?.returnProductOutdated, scanLogs: p.options?.endpoints?.includeScanLogs };
  const page = pageOf(sortNodes(nodes), p.page, p.perPage);
  return { ...page, items: page.items.map((n) => inventoryItem(ctx.state, n, opts)), hasMoreRecords: page.page < page.pagesCount };
}

const endpointFilters = obj({
  security: obj({ management: managementShape }),
  depth: obj({ allItemsRecursively: bool() }),
  details: obj({ name: str({ max: 256 }), label: str({ max: 64 }), ip: str({ max: 64 }), macs: str({ max: 64 }), ssid: str({ max: 256 }) }),
});

function endpointListItem(state: TenantState, e: EndpointRecord): Record<string, unknown> {
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
    policy: e.isManaged ? policyView(state, { kind: "endpoint", record: e }) : undefined,
  };
}

function getEndpointsList(raw: unknown, ctx: MethodContext) {
  const p = readParams(raw, {
    parentId: id(),
    isManaged: bool(),
    viewType: int({ min: 1, max: 10 }),
    filters: endpointFilters,
    options: obj({ companies: obj({ returnAllProducts: bool() }), endpoints: obj({ returnProductOutdated: bool(), includeScanLogs: bool() }) }),
    ...pagingShape(ctx.version === "v1.0" ? 100 : 1000),
  });
  const parent = listParent(ctx, p.parentId);
  const f = p.filters;
  const nodes = f?.depth?.allItemsRecursively ? descendantNodes(ctx.state, parent.record.id) : childNodes(ctx.state, parent.record.id);
  let endpoints = nodes.filter((n): n is Extract<NodeRef, { kind: "endpoint" }> => n.kind === "endpoint").map((n) => n.record);
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
  return { ...page, items: page.items.map((e) => endpointListItem(ctx.state, e)) };
}

function getManagedEndpointDetails(raw: unknown, ctx: MethodContext) {
  const p = readParams(raw, { endpointId: req(id()), options: obj({ includeScanLogs: bool() }) });
  const e = requireEndpoint(ctx.state, ctx.caller, p.endpointId);
  if (!e.isManaged) throw invalidParams(`The endpoint with ID "${e.id}" is not managed.`);
  const group = ctx.state.groups[e.parentId];
  const out: Record<string, unknown> = {
    id: e.id,
    name: e.name,
    companyId: e.companyId,
    groupId: e.parentId,
    group: group ? { id: group.id, name: group.name } : { id: e.companyId, name: ctx.state.companies[e.companyId]?.name ?? "" },
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
  const p = readParams(raw, { parentId: id(), filters: obj({ companyType: int({ oneOf: [0, 1] }), licenseType: int({ oneOf: [1, 2, 3, 4, 5, 6] }) }) });
  const parent = requireCompany(ctx.state, ctx.caller, p.parentId);
  let list = childCompanies(ctx.state, parent.id);
  const f = p.filters;
  if (f?.companyType !== undefined) list = list.filter((c) => c.type === f.companyType);
  if (f?.licenseType !== undefined) list = list.filter((c) => c.licenseSubscription.type === f.licenseType);
  return list
    .sort((a, b) => compareNames(a.name, b.name))
    .map((c) => ({ id: c.id, name: c.name, type: c.type, parentId: c.parentId, isSuspended: c.isSuspended }));
}

function getRootContainers(raw: unknown, ctx: MethodContext) {
  const p = readParams(raw, { companyId: id() });
  const c = requireCompany(ctx.state, ctx.caller, p.companyId);
  return [{ id: c.id, name: c.name, type: NodeType.Company }];
}

/** Refuses a group name a sibling already has (case-insensitively). */
export function assertGroupNameFree(state: TenantState, parentId: string, name: string, selfId?: string): void {
  const key = nameKey(name);
  if (childGroups(state, parentId).some((g) => g.id !== selfId && nameKey(g.name) === key)) {
    throw invalidParams(`A group with the name "${name}" already exists under this parent.`);
  }
}

function groupParent(ctx: MethodContext, parentId: string | undefined): NodeRef {
  const parent = parentId === undefined ? requireNode(ctx.state, ctx.caller, ctx.caller.companyId) : requireNode(ctx.state, ctx.caller, parentId, "parent");
  if (parent.kind === "endpoint") throw invalidParams(`Invalid value for 'parentId' parameter. "${parentId}" is an endpoint, not a company or a group.`);
  return parent;
}

function createCustomGroup(raw: unknown, ctx: MethodContext): string {
  const p = readParams(raw, { groupName: req(str({ max: GROUP_NAME_MAX, noHtml: true })), parentId: id() });
  const parent = groupParent(ctx, p.parentId);
  assertGroupNameFree(ctx.state, parent.record.id, p.groupName);
  const gid = newObjectId(ctx.now.getTime());
  ctx.state.groups[gid] = { id: gid, name: p.groupName, parentId: parent.record.id, companyId: companyOfNode(parent), createdAt: isoUtc(ctx.now) };
  return gid;
}

function getCustomGroupsList(raw: unknown, ctx: MethodContext) {
  const p = readParams(raw, { parentId: id() });
  const parent = groupParent(ctx, p.parentId);
  return childGroups(ctx.state, parent.record.id)
    .sort((a, b) => compareNames(a.name, b.name) || compareCodes(a.id, b.id))
    .map((g) => ({ id: g.id, name: g.name }));
}

/** Moves a custom group under another group or its company root (same company, no cycles, name free). */
export function moveGroup(ctx: Pick<MethodContext, "state" | "caller">, groupId: string, parentId: string): void {
  const g = requireGroup(ctx.state, ctx.caller, groupId);
  const parent = requireNode(ctx.state, ctx.caller, parentId, "parent");
  if (parent.kind === "endpoint") throw invalidParams(`Invalid value for 'parentId' parameter. "${parentId}" is an endpoint, not a company or a group.`);
  if (companyOfNode(parent) !== g.companyId) throw invalidParams("A custom group cannot be moved to another company.");
  if (parent.kind === "group" && isGroupWithin(ctx.state, parent.record.id, g.id)) throw invalidParams("A custom group cannot be moved under itself or one of its subgroups.");
  assertGroupNameFree(ctx.state, parent.record.id, g.name, g.id);
  g.parentId = parent.record.id;
}

function moveCustomGroup(raw: unknown, ctx: MethodContext): null {
  const p = readParams(raw, { groupId: req(id()), parentId: req(id()) });
  moveGroup(ctx, p.groupId, p.parentId);
  return null;
}

function deleteCustomGroup(raw: unknown, ctx: MethodContext): null {
  const p = readParams(raw, { groupId: req(id()), force: bool() });
  const g = requireGroup(ctx.state, ctx.caller, p.groupId);
  if (!p.force) {
    const subgroups = childGroups(ctx.state, g.id).length;
    const endpoints = Object.values(ctx.state.endpoints).filter((e) => e.parentId === g.id).length;
    if (subgroups > 0 || endpoints > 0) {
      throw invalidParams(`The group "${g.name}" is not empty (${endpoints} endpoints, ${subgroups} subgroups). Use force to delete it anyway.`);
    }
  }
  removeGroup(ctx.state, g.id);
  return null;
}

function moveEndpoints(raw: unknown, ctx: MethodContext): null {
  const p = readParams(raw, { endpointIds: req(arr(id(), { min: 1, max: 1000 })), groupId: req(id()) });
  const target = requireNode(ctx.state, ctx.caller, p.groupId, "group");
  if (target.kind === "endpoint") throw invalidParams(`Invalid value for 'groupId' parameter. "${p.groupId}" is an endpoint.`);
  const endpoints = p.endpointIds.map((eid) => requireEndpoint(ctx.state, ctx.caller, eid));
  for (const e of endpoints) {
    if (e.companyId !== companyOfNode(target)) throw invalidParams(`The endpoint with ID "${e.id}" belongs to another company and cannot be moved to this group.`);
  }
  for (const e of endpoints) e.parentId = target.record.id;
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

function getEndpointTags(raw: unknown, ctx: MethodContext) {
  const p = readParams(raw, { companyId: id() });
  const company = requireCompany(ctx.state, ctx.caller, p.companyId);
  const counts = new Map<string, number>();
  for (const e of Object.values(ctx.state.endpoints)) {
    if (!isCompanyWithin(ctx.state, e.companyId, company.id)) continue;
    for (const t of e.tags) counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort(([a], [b]) => compareNames(a, b))
    .map(([name, endpointsCount]) => ({ id: createHash("sha1").update(`tag:${company.id}:${name}`).digest("hex").slice(0, 24), name, endpointsCount }));
}

function createScanTask(raw: unknown, ctx: MethodContext): boolean | string[] {
  const p = readParams(raw, {
    targetIds: req(arr(id(), { min: 1, max: 1000 })),
    type: req(int({ oneOf: [1, 2, 3, 4] })),
    name: str({ max: 128, noHtml: true }),
    customScanSettings: anyObject(),
    returnAllTaskIds: bool(),
  });
  if (p.type === 4 && p.customScanSettings === undefined) throw invalidParams("Missing required parameter 'customScanSettings'. It is required for custom scans (type 4).");
  if (p.type !== 4 && p.customScanSettings !== undefined) throw invalidParams("Parameter 'customScanSettings' is only allowed for custom scans (type 4).");
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
  return { ...page, items: page.items.map((t) => ({ id: t.id, name: t.name, status: t.status, startDate: t.startDate })) };
}

/** The misleading details the live API gives for policyId without `inheritFromAbove:false`. */
export const INHERIT_QUIRK_DETAILS = "inheritFromAbove should not be used";

function assignPolicy(raw: unknown, ctx: MethodContext): boolean {
  const p = readParams(raw, { targetIds: req(arr(id(), { min: 1, max: 1000 })), policyId: id(), inheritFromAbove: bool(), forcePolicyInheritance: bool() });
  if (p.policyId !== undefined && p.inheritFromAbove !== false) throw invalidParams(INHERIT_QUIRK_DETAILS);
  if (p.policyId === undefined && p.inheritFromAbove !== true) {
    throw invalidParams("Missing required parameter 'policyId'. Pass a policyId (with inheritFromAbove: false) or inheritFromAbove: true.");
  }
  const targets = p.targetIds.map((t) => requireNode(ctx.state, ctx.caller, t, "target"));
  if (p.policyId !== undefined) {
    const policy = requirePolicy(ctx.state, ctx.caller, p.policyId);
    for (const t of targets) {
      if (!isCompanyWithin(ctx.state, companyOfNode(t), policy.companyId)) {
        throw invalidParams(`The policy "${policy.name}" is not available to the target with ID "${t.record.id}".`);
      }
    }
    for (const t of targets) t.record.policy = { policyId: policy.id, force: p.forcePolicyInheritance ?? false };
    return true;
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
