/**
 * The `quarantine` API, served under a service path (`/jsonrpc/quarantine/computers` or
 * `/jsonrpc/quarantine/exchange`, 77211-140256: "This method requires you to place the {service}
 * name in the API URL"): getQuarantineItemsList. The emulated endpoints have nothing in quarantine,
 * so the list is always empty.
 */
import { anyObject, id, pagingShape, readParams } from "../params";
import { requireCompany, requireEndpoint } from "../scope";
import { pageOf, read, type MethodContext, type ModuleMethods } from "./registry";

function getQuarantineItemsList(raw: unknown, ctx: MethodContext) {
  // 77211-140256: companyId?, endpointId?, page? (default 1), perPage? (≤ 100, default 30), filters? (threatName, startDate, endDate, …).
  const p = readParams(raw, { companyId: id(), endpointId: id(), filters: anyObject(), ...pagingShape(100) });
  requireCompany(ctx.state, ctx.caller, p.companyId);
  // assumed: an endpointId must name an endpoint the key can see (the page: the computer whose quarantined items are wanted).
  if (p.endpointId !== undefined) requireEndpoint(ctx.state, ctx.caller, p.endpointId);
  // assumed: the return value was not read; the usual paged object.
  return pageOf([], p.page, p.perPage);
}

/** The quarantine module. */
export const quarantineMethods: ModuleMethods = {
  getQuarantineItemsList: read(getQuarantineItemsList, ["v1.1"]),
};
