/**
 * Navigation of the network inventory tree and of the company hierarchy (pure functions over the
 * state). Node ids are shared by companies (type 1), groups (a company's system groups and its custom
 * groups) and endpoints (5/6).
 */
import type { CompanyRecord, EndpointRecord, GroupRecord, SystemGroupKind, TenantState } from "./state";

/** What an inventory node id refers to. */
export type NodeRef =
  | { kind: "company"; record: CompanyRecord }
  | { kind: "group"; record: GroupRecord }
  | { kind: "endpoint"; record: EndpointRecord };

/** Looks an inventory node up by id. */
export function findNode(state: TenantState, id: string): NodeRef | undefined {
  const c = state.companies[id];
  if (c) return { kind: "company", record: c };
  const g = state.groups[id];
  if (g) return { kind: "group", record: g };
  const e = state.endpoints[id];
  if (e) return { kind: "endpoint", record: e };
  return undefined;
}

/** The company a node belongs to (a company belongs to itself). */
export function companyOfNode(node: NodeRef): string {
  return node.kind === "company" ? node.record.id : node.record.companyId;
}

/** The inventory parent of a node (null for the root company). */
export function parentOfNode(node: NodeRef): string | null {
  return node.record.parentId;
}

/** True when `companyId` is `ancestorId` or lies below it in the company hierarchy. */
export function isCompanyWithin(state: TenantState, companyId: string, ancestorId: string): boolean {
  let cur: string | null = companyId;
  for (let guard = 0; cur !== null && guard < 10_000; guard++) {
    if (cur === ancestorId) return true;
    cur = state.companies[cur]?.parentId ?? null;
  }
  return false;
}

/** The direct subordinate companies of a company, in creation order. */
export function childCompanies(state: TenantState, companyId: string): CompanyRecord[] {
  return Object.values(state.companies).filter((c) => c.parentId === companyId);
}

/** Every company below `companyId` (not including it), parents before children. */
export function descendantCompanies(state: TenantState, companyId: string): CompanyRecord[] {
  const out: CompanyRecord[] = [];
  const queue = [companyId];
  while (queue.length > 0) {
    const id = queue.shift()!;
    for (const c of childCompanies(state, id)) {
      out.push(c);
      queue.push(c.id);
    }
  }
  return out;
}

/** The direct children of an inventory node: companies, then custom groups, then endpoints. */
export function childNodes(state: TenantState, parentId: string): NodeRef[] {
  const out: NodeRef[] = [];
  for (const c of Object.values(state.companies)) if (c.parentId === parentId) out.push({ kind: "company", record: c });
  for (const g of Object.values(state.groups)) if (g.parentId === parentId) out.push({ kind: "group", record: g });
  for (const e of Object.values(state.endpoints))
    if (e.parentId === parentId) out.push({ kind: "endpoint", record: e });
  return out;
}

/**
 * Every node below `parentId`, depth first. One pass builds a parent → children index, so this is
 * linear in the size of the inventory.
 */
export function descendantNodes(state: TenantState, parentId: string): NodeRef[] {
  const byParent = new Map<string, NodeRef[]>();
  const add = (p: string | null, n: NodeRef) => {
    if (p === null) return;
    let list = byParent.get(p);
    if (!list) byParent.set(p, (list = []));
    list.push(n);
  };
  for (const c of Object.values(state.companies)) add(c.parentId, { kind: "company", record: c });
  for (const g of Object.values(state.groups)) add(g.parentId, { kind: "group", record: g });
  for (const e of Object.values(state.endpoints)) add(e.parentId, { kind: "endpoint", record: e });
  const out: NodeRef[] = [];
  const walk = (id: string) => {
    for (const n of byParent.get(id) ?? []) {
      out.push(n);
      walk(n.record.id);
    }
  };
  walk(parentId);
  return out;
}

/** The ancestors of a node from its parent up to the root company. */
export function ancestorNodes(state: TenantState, node: NodeRef): NodeRef[] {
  const out: NodeRef[] = [];
  let cur = parentOfNode(node);
  for (let guard = 0; cur !== null && guard < 10_000; guard++) {
    const n = findNode(state, cur);
    if (!n) break;
    out.push(n);
    cur = parentOfNode(n);
  }
  return out;
}

/** The groups directly under a company (its system groups) or under a group (custom groups). */
export function childGroups(state: TenantState, parentId: string): GroupRecord[] {
  return Object.values(state.groups).filter((g) => g.parentId === parentId);
}

/** The names GravityZone gives a company's system groups (77209-128488). */
export const SYSTEM_GROUP_NAMES: Readonly<Record<SystemGroupKind, string>> = {
  computersAndGroups: "Computers and Groups",
  deleted: "Deleted",
};

/** A company's system group of the given kind ('Computers and Groups' or 'Deleted'), if the state has it. */
export function systemGroupOf(state: TenantState, companyId: string, kind: SystemGroupKind): GroupRecord | undefined {
  return Object.values(state.groups).find(
    (g) => g.system === kind && g.companyId === companyId && g.parentId === companyId,
  );
}

/** True when group `groupId` is `ancestorId` or lies below it. */
export function isGroupWithin(state: TenantState, groupId: string, ancestorId: string): boolean {
  let cur: string | undefined = groupId;
  for (let guard = 0; cur !== undefined && guard < 10_000; guard++) {
    if (cur === ancestorId) return true;
    cur = state.groups[cur]?.parentId;
  }
  return false;
}

/** The key names are compared by: trimmed and lower-cased (GravityZone names are case-insensitively unique). */
export function nameKey(name: string): string {
  return name.trim().toLowerCase();
}
