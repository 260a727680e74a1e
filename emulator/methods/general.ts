/**
 * The `general` API: getApiKeyDetails, which describes the calling key (its enabled APIs and when it
 * was generated) without ever revealing the key itself.
 */
import { isoSecondsNoZone } from "../clock";
import { readParams } from "../params";
import { read, type MethodContext, type ModuleMethods } from "./registry";

function getApiKeyDetails(raw: unknown, ctx: MethodContext) {
  // 77209-140282: "No input parameters are required"; the answer is {enabledApis, createdAt} (example "2019-04-11T12:00:54").
  readParams(raw, {});
  // assumed: the emulator's keys have no generation time of their own; the key's account's creation time stands for it.
  const owner = ctx.state.accounts[ctx.caller.accountId];
  return {
    enabledApis: [...ctx.caller.modules],
    createdAt: isoSecondsNoZone(new Date(owner?.createdAt ?? 0)),
  };
}

/** The general module. */
export const generalMethods: ModuleMethods = {
  getApiKeyDetails: read(getApiKeyDetails),
};
