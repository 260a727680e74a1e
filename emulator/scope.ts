/**
 * What an API key may see and change: its own company and everything below it. Lookups here throw
 * the not-found error for objects that do not exist *or* lie outside the key's company subtree, so a
 * key can never learn about another tenant's objects.
 */
import { notFound } from "./errors";
import type {
  AccountRecord,
  BlocklistRecord,
  CompanyRecord,
  EndpointRecord,
  GroupRecord,
  PackageRecord,
  PolicyRecord,
  TenantState,
} from "./state";
import { companyOfNode, findNode, isCompanyWithin, type NodeRef } from "./tree";

/** Who is calling: derived from the API key, never containing it. */
export interface Caller {
  /** The company the key belongs to (the top of everything it may manage). */
  companyId: string;
  /** The account that generated the key. */
  accountId: string;
  /** The API modules enabled for the key. */
  modules: readonly string[];
}

/** True when `companyId` is the caller's company or below it. */
export function companyVisible(state: TenantState, caller: Caller, companyId: string): boolean {
  return companyId in state.companies && isCompanyWithin(state, companyId, caller.companyId);
}

/** A company the caller may manage, or the not-found error. `companyId` undefined = the caller's own. */
export function requireCompany(state: TenantState, caller: Caller, companyId: string | undefined): CompanyRecord {
  const id = companyId ?? caller.companyId;
  if (!companyVisible(state, caller, id)) throw notFound("company", id);
  return state.companies[id]!;
}

/** An inventory node (company, group or endpoint) the caller may see, or the not-found error. */
export function requireNode(state: TenantState, caller: Caller, id: string, what = "item"): NodeRef {
  const node = findNode(state, id);
  if (!node || !companyVisible(state, caller, companyOfNode(node))) throw notFound(what, id);
  return node;
}

/** A custom group the caller may see. */
export function requireGroup(state: TenantState, caller: Caller, id: string): GroupRecord {
  const g = state.groups[id];
  if (!g || !companyVisible(state, caller, g.companyId)) throw notFound("group", id);
  return g;
}

/** An endpoint the caller may see. */
export function requireEndpoint(state: TenantState, caller: Caller, id: string): EndpointRecord {
  const e = state.endpoints[id];
  if (!e || !companyVisible(state, caller, e.companyId)) throw notFound("endpoint", id);
  return e;
}

/** A policy the caller may see. */
export function requirePolicy(state: TenantState, caller: Caller, id: string): PolicyRecord {
  const p = state.policies[id];
  if (!p || !companyVisible(state, caller, p.companyId)) throw notFound("policy", id);
  return p;
}

/** A package the caller may see. */
export function requirePackage(state: TenantState, caller: Caller, id: string): PackageRecord {
  const p = state.packages[id];
  if (!p || !companyVisible(state, caller, p.companyId)) throw notFound("package", id);
  return p;
}

/** An account the caller may see. */
export function requireAccount(state: TenantState, caller: Caller, id: string): AccountRecord {
  const a = state.accounts[id];
  if (!a || !companyVisible(state, caller, a.companyId)) throw notFound("account", id);
  return a;
}

/** A blocklist rule the caller may see. */
export function requireBlocklistItem(state: TenantState, caller: Caller, id: string): BlocklistRecord {
  const b = state.blocklist[id];
  if (!b || !companyVisible(state, caller, b.companyId)) throw notFound("blocklist item", id);
  return b;
}
