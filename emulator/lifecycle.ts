/**
 * Creating and removing objects together with what depends on them, shared by the API methods, the
 * console actions and the seed: a new company gets its default policy; removing a company removes
 * everything it owns (subordinate companies included); removing a group removes its subgroups and
 * moves its endpoints to the company root.
 */
import { isoUtc } from "./clock";
import { policySettings } from "./policy-settings";
import type { CompanyRecord, LicenseSubscription, TenantState } from "./state";
import { descendantCompanies, isGroupWithin } from "./tree";

/** The license of a company created without `licenseSubscription`: a trial. */
export function defaultLicense(): LicenseSubscription {
  return { type: 1, licenseKey: null, reservedSlots: null, endSubscription: null, autoRenewPeriod: null, assignedProductType: null, addons: {}, ownUse: null };
}

/** The fields of a new company the caller chooses. */
export type CompanyFields = Omit<CompanyRecord, "id" | "createdAt" | "policy" | "isSuspended">;

/** Adds a company and its default policy (named "Default policy", assigned to the company). */
export function addCompany(state: TenantState, fields: CompanyFields, ids: { companyId: string; policyId: string }, now: Date): CompanyRecord {
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
  const company: CompanyRecord = { ...fields, id: ids.companyId, createdAt: created, isSuspended: false, policy: { policyId: ids.policyId, force: false } };
  state.companies[company.id] = company;
  return company;
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
 * Removes a custom group and its subgroups. Endpoints in any of them are moved to the company root
 * (they are not deleted: an endpoint only leaves the inventory through deleteEndpoint).
 */
export function removeGroup(state: TenantState, groupId: string): void {
  const group = state.groups[groupId];
  if (!group) return;
  const doomed = new Set(Object.values(state.groups).filter((g) => isGroupWithin(state, g.id, groupId)).map((g) => g.id));
  for (const e of Object.values(state.endpoints)) if (doomed.has(e.parentId)) e.parentId = group.companyId;
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
  for (const a of Object.values(state.accounts)) if (a.targetIds.some((t) => ids.has(t))) a.targetIds = a.targetIds.filter((t) => !ids.has(t));
}
