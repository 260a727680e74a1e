/**
 * The `integrations` API: getConfiguredIntegrations (no integrations are configured on the emulated
 * tenant, as on the seed's live tenant). getPSAIntegrationList and getIntegrationsList do not exist.
 */
import { pagingShape, readParams } from "../params";
import { pageOf, read, type MethodContext, type ModuleMethods } from "./registry";

function getConfiguredIntegrations(raw: unknown, _ctx: MethodContext) {
  const p = readParams(raw, pagingShape(100));
  return pageOf([], p.page, p.perPage);
}

/** The integrations module. */
export const integrationsMethods: ModuleMethods = {
  getConfiguredIntegrations: read(getConfiguredIntegrations),
};
