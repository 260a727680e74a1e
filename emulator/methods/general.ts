/**
 * The `general` API: getApiKeyDetails, which describes the calling key (its enabled APIs) without
 * ever revealing the key itself.
 */
import { readParams } from "../params";
import { read, type MethodContext, type ModuleMethods } from "./registry";

function getApiKeyDetails(raw: unknown, ctx: MethodContext) {
  readParams(raw, {});
  return {
    enabledApis: [...ctx.caller.modules],
    companyId: ctx.caller.companyId,
    userId: ctx.caller.accountId,
    description: "GravityZone API key",
  };
}

/** The general module. */
export const generalMethods: ModuleMethods = {
  getApiKeyDetails: read(getApiKeyDetails),
};
