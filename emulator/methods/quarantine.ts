/**
 * The `quarantine` API, served under a service path (`/jsonrpc/quarantine/computers` or
 * `/jsonrpc/quarantine/exchange`): getQuarantineItemsList. The emulated endpoints have nothing in
 * quarantine, so the list is always empty.
 */
import { anyObject, id, pagingShape, readParams } from "../params";
import { requireCompany } from "../scope";
import { pageOf, read, type MethodContext, type ModuleMethods } from "./registry";

function getQuarantineItemsList(raw: unknown, ctx: MethodContext) {
  const p = readParams(raw, { companyId: id(), endpointId: id(), filters: anyObject(), ...pagingShape(100) });
  requireCompany(ctx.state, ctx.caller, p.companyId);
  return pageOf([], p.page, p.perPage);
}

/** The quarantine module. */
export const quarantineMethods: ModuleMethods = {
  getQuarantineItemsList: read(getQuarantineItemsList, ["v1.1"]),
};
