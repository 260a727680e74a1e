/**
 * The `integrations` API: getConfiguredIntegrations (77211-1300617). No integrations are configured
 * on the emulated tenant (as on the seed's live tenant), so every company answers `{total: 0, data: []}`.
 * getPSAIntegrationList and getIntegrationsList do not exist.
 */
import { id, pagingShape, readParams } from "../params";
import { requireCompany } from "../scope";
import { read, type MethodContext, type ModuleMethods } from "./registry";

/** One configured integration as the page documents it: {id, name, type (1 VMware), specifics, category}. */
interface IntegrationView {
  id: string;
  name: string;
  type: number;
  specifics: Record<string, unknown>;
  category: Record<string, unknown>;
}

function getConfiguredIntegrations(raw: unknown, ctx: MethodContext): { total: number; data: IntegrationView[] } {
  // 77211-1300617: companyID (spelled so; optional, default the key's company), page (default 1), perPage (≤ 100, default 30).
  const p = readParams(raw, { companyID: id(), ...pagingShape(100) });
  requireCompany(ctx.state, ctx.caller, p.companyID);
  const all: IntegrationView[] = [];
  const page = p.page ?? 1;
  const perPage = p.perPage ?? 30;
  // 77211-1300617: the result is {total, data} (no items, page, perPage or pagesCount); total counts every integration of the company.
  return { total: all.length, data: all.slice((page - 1) * perPage, page * perPage) };
}

/** The integrations module. */
export const integrationsMethods: ModuleMethods = {
  getConfiguredIntegrations: read(getConfiguredIntegrations),
};
