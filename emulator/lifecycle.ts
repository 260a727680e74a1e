/**
 * Creating and removing objects together with what depends on them, shared by the API methods, the
 * console actions and the seed: a new company gets its default policy and its two system groups
 * ('Computers and Groups' and 'Deleted', 77209-128488); removing a company removes everything it owns
 * (subordinate companies included); removing a group removes its subgroups and moves its endpoints to
 * the company's 'Computers and Groups'.
 */
import { createHash } from "node:crypto";
import { isoUtc } from "./clock";
import { policySettings } from "./policy-settings";
import type { CompanyRecord, LicenseSubscription, SystemGroupKind, TenantState } from "./state";
import { descendantCompanies, isGroupWithin, SYSTEM_GROUP_NAMES, systemGroupOf } from "./tree";

/** The license of a company created without `licenseSubscription`: a trial. */
export function defaultLicense(): LicenseSubscription {
  return {
    type: 1,
    licenseKey: null,
    reservedSlots: null,
    endSubscription: null,
    autoRenewPeriod: null,
    assignedProductType: null,
    addons: {},
    ownUse: null,
  };
}

/** The fields of a new company the caller chooses. */
export type CompanyFields = Omit<CompanyRecord, "id" | "createdAt" | "policy" | "isSuspended">;

/** Adds a company and its default policy (named "Default policy", assigned to the company). */
export function addCompany(
  state: TenantState,
  fields: CompanyFields,
  ids: { companyId: string; policyId: string },
  now: Date,
): CompanyRecord {
  const created = isoUtc(now);
  state.policies[ids.policyId] = {
    id: ids.policyId,
    name: "Default policy",
    companyId: ids.companyId,
    isDefault: true,
    createdAt: created,
    updatedAt: created,
    settings: policySettings("default", "Default policy"),
  };
  const company: CompanyRecord = {
    ...fields,
    id: ids.companyId,
    createdAt: created,
    isSuspended: false,
    policy: { policyId: ids.policyId, force: false },
  };
  state.companies[company.id] = company;
  addSystemGroups(state, company.id, created);
  return company;
}

const SYSTEM_KINDS: readonly SystemGroupKind[] = ["computersAndGroups", "deleted"];

/**
 * The id of a company's system group: the company id's timestamp part and a hash of the company id
 * and the kind, so it is stable (the same tenant always gets the same ids) without drawing on the
 * seed's random sequence, which would change every seeded id after it.
 */
export function systemGroupId(companyId: string, kind: SystemGroupKind): string {
  return companyId.slice(0, 8) + createHash("sha1").update(`${companyId}:${kind}`).digest("hex").slice(0, 16);
}

/** Gives a company its 'Computers and Groups' and 'Deleted' groups (77209-128488), unless it has them. */
export function addSystemGroups(state: TenantState, companyId: string, createdAt: string): void {
  for (const kind of SYSTEM_KINDS) {
    if (systemGroupOf(state, companyId, kind)) continue;
    const id = systemGroupId(companyId, kind);
    state.groups[id] = { id, name: SYSTEM_GROUP_NAMES[kind], parentId: companyId, companyId, createdAt, system: kind };
  }
}

/**
 * The company's 'Computers and Groups' group, where its custom groups and endpoints live. Created
 * when missing (only a hand-made state lacks it).
 */
export function computersAndGroupsOf(state: TenantState, companyId: string): string {
  const found = systemGroupOf(state, companyId, "computersAndGroups");
  if (found) return found.id;
  addSystemGroups(state, companyId, state.companies[companyId]?.createdAt ?? new Date(0).toISOString());
  return systemGroupOf(state, companyId, "computersAndGroups")!.id;
}

/**
 * Brings a state written before companies had system groups to the current tree, in place: every
 * company gets 'Computers and Groups' and 'Deleted', and the custom groups and endpoints that sat
 * directly under a company move into its 'Computers and Groups'. A state already in shape is unchanged.
 */
export function upgradeNetworkTree(state: TenantState): TenantState {
  for (const c of Object.values(state.companies)) addSystemGroups(state, c.id, c.createdAt);
  for (const g of Object.values(state.groups)) {
    if (g.system === undefined && state.companies[g.parentId]) g.parentId = computersAndGroupsOf(state, g.parentId);
  }
  for (const e of Object.values(state.endpoints)) {
    if (state.companies[e.parentId]) e.parentId = computersAndGroupsOf(state, e.parentId);
  }
  return state;
}

/** Removes a company, its subordinate companies and everything they own. */
export function removeCompany(state: TenantState, companyId: string): void {
  const doomed = new Set([companyId, ...descendantCompanies(state, companyId).map((c) => c.id)]);
  const owned = <T extends { companyId: string }>(coll: Record<string, T>) => {
    for (const [id, rec] of Object.entries(coll)) if (doomed.has(rec.companyId)) delete coll[id];
  };
  owned(state.groups);
  owned(state.endpoints);
  owned(state.policies);
  owned(state.packages);
  owned(state.blocklist);
  owned(state.scanTasks);
  owned(state.reports);
  for (const [id, acc] of Object.entries(state.accounts)) {
    if (doomed.has(acc.companyId)) {
      delete state.accounts[id];
      delete state.notifications[id];
    }
  }
  for (const id of doomed) {
    delete state.push[id];
    delete state.companies[id];
  }
  for (const push of Object.values(state.push)) {
    if (push.subscribeToCompanies) push.subscribeToCompanies = push.subscribeToCompanies.filter((c) => !doomed.has(c));
  }
}

/**
 * Removes a custom group and its subgroups. Endpoints in any of them are moved to the company's
 * 'Computers and Groups' (assumed: they are not deleted, an endpoint only leaves the inventory through
 * deleteEndpoint). A system group is never removed here: it goes only with its company.
 */
export function removeGroup(state: TenantState, groupId: string): void {
  const group = state.groups[groupId];
  if (!group || group.system !== undefined) return;
  const doomed = new Set(
    Object.values(state.groups)
      .filter((g) => isGroupWithin(state, g.id, groupId))
      .map((g) => g.id),
  );
  const home = computersAndGroupsOf(state, group.companyId);
  for (const e of Object.values(state.endpoints)) if (doomed.has(e.parentId)) e.parentId = home;
  for (const id of doomed) delete state.groups[id];
  forgetTargets(state, doomed);
}

/** Removes an endpoint. */
export function removeEndpoint(state: TenantState, endpointId: string): void {
  delete state.endpoints[endpointId];
  forgetTargets(state, new Set([endpointId]));
}

/** Drops removed ids from account targets and scan task targets. */
function forgetTargets(state: TenantState, ids: Set<string>): void {
  for (const a of Object.values(state.accounts))
    if (a.targetIds.some((t) => ids.has(t))) a.targetIds = a.targetIds.filter((t) => !ids.has(t));
}
