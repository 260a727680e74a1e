/**
 * The `policies` API: getPoliciesList and getPolicyDetails. Policies are read-only through the API
 * (they are authored in the console); they are assigned with network.assignPolicy.
 *
 * getPoliciesList for a company lists the policies that company may use: its own and those of the
 * partners above it (shared policies), ordered by name.
 */
import { id, pagingShape, readParams, req } from "../params";
import { requireCompany, requirePolicy } from "../scope";
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
  return { ...page, items: page.items.map((pol) => ({ id: pol.id, name: pol.name, companyId: pol.companyId, companyName: ctx.state.companies[pol.companyId]?.name ?? "" })) };
}

function getPolicyDetails(raw: unknown, ctx: MethodContext) {
  const p = readParams(raw, { policyId: req(id()) });
  const pol = requirePolicy(ctx.state, ctx.caller, p.policyId);
  return {
    id: pol.id,
    name: pol.name,
    companyId: pol.companyId,
    companyName: ctx.state.companies[pol.companyId]?.name ?? "",
    isDefault: pol.isDefault,
    createdAt: pol.createdAt,
    lastModified: pol.updatedAt,
    settings: pol.settings,
  };
}

/** The policies module. */
export const policiesMethods: ModuleMethods = {
  getPoliciesList: read(getPoliciesList),
  getPolicyDetails: read(getPolicyDetails),
};
