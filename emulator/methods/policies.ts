/**
 * The `policies` API: getPoliciesList and getPolicyDetails. Policies are read-only through the API
 * (they are authored in the console); they are assigned with network.assignPolicy.
 *
 * getPoliciesList for a company lists the policies that company may use: its own and those of the
 * partners above it (shared policies), ordered by name.
 */
import { isoSecondsNoZone } from "../clock";
import { id, pagingShape, readParams, req } from "../params";
import { requireCompany, requirePolicy } from "../scope";
import type { PolicyRecord, TenantState } from "../state";
import { isCompanyWithin } from "../tree";
import { pageOf, read, type MethodContext, type ModuleMethods } from "./registry";
import { compareCodes, compareNames } from "../collation";

function getPoliciesList(raw: unknown, ctx: MethodContext) {
  const p = readParams(raw, { companyId: id(), ...pagingShape(100) });
  const company = requireCompany(ctx.state, ctx.caller, p.companyId);
  const list = Object.values(ctx.state.policies)
    .filter((pol) => isCompanyWithin(ctx.state, company.id, pol.companyId))
    .sort((a, b) => compareNames(a.name, b.name) || compareCodes(a.id, b.id));
  const page = pageOf(list, p.page, p.perPage);
  return {
    ...page,
    items: page.items.map((pol) => ({
      id: pol.id,
      name: pol.name,
      companyId: pol.companyId,
      companyName: ctx.state.companies[pol.companyId]?.name ?? "",
    })),
  };
}

/**
 * The user name shown as a policy's author. The emulator does not record who created a policy
 * (assumed): the first account of the owning company, else the account that owns the API keys.
 */
function policyAuthor(state: TenantState, pol: PolicyRecord): string {
  const accounts = Object.values(state.accounts)
    .filter((a) => a.companyId === pol.companyId)
    .sort((a, b) => compareCodes(a.createdAt, b.createdAt) || compareCodes(a.id, b.id));
  return (accounts[0] ?? state.accounts[state.ownerAccountId])?.userName ?? "";
}

function getPolicyDetails(raw: unknown, ctx: MethodContext) {
  const p = readParams(raw, { policyId: req(id()) });
  const pol = requirePolicy(ctx.state, ctx.caller, p.policyId);
  // 77209-135304: {id, name, createdBy, createDate, lastModifyDate, settings}; dates as in the example ("2015-06-19T10:27:59").
  return {
    id: pol.id,
    name: pol.name,
    createdBy: policyAuthor(ctx.state, pol),
    createDate: isoSecondsNoZone(new Date(pol.createdAt)),
    lastModifyDate: isoSecondsNoZone(new Date(pol.updatedAt)),
    settings: pol.settings,
  };
}

/** The policies module. */
export const policiesMethods: ModuleMethods = {
  getPoliciesList: read(getPoliciesList),
  getPolicyDetails: read(getPolicyDetails),
};
