/**
 * The `push` API (event push service): setPushEventSettings, getPushEventSettings,
 * getPushEventStats, sendTestPushEvent. One configuration per API key's company: whoever writes it
 * last wins.
 *
 * Until the service is configured, getPushEventSettings and getPushEventStats answer -32602 with
 * details containing "were not set" — the normal unconfigured state. Once configured, settings stay
 * readable with status 0 after being disabled (by the caller or by the service itself).
 *
 * setPushEventSettings (77211-135319, read on a mirror) marks every parameter "Optional: No" except
 * that a missing or null `subscribeToCompanies` means all managed companies: `status`,
 * `serviceType`, `serviceSettings` and `subscribeToEventTypes` are required, also with `status: 0`
 * (disabling resends the whole configuration). Each call replaces the stored configuration.
 *
 * Choices where the reference is silent (also in the catalogue entries' assumptions):
 * - The receiver URL must be https://: the collector "must support TLS 1.2 or later", and
 *   getPushEventStats (77209-135322) counts a collector without an SSL certificate as a
 *   configuration error. The page's own example URL (http://web_service_url_example.com) is read
 *   as a placeholder.
 * - `splunkAuthorization` (community clients) is taken instead of `authorization` with serviceType splunk.
 * - getPushEventSettings returns the stored `authorization` / `splunkAuthorization` value as set:
 *   a client must treat it as a secret.
 * - sendTestPushEvent needs an enabled configuration; it returns the test event (77209-135321).
 */
import { PUSH_EVENT_TYPES } from "../catalogue/push";
import { isoSecondsNoZone } from "../clock";
import { invalidParams, RpcError, RpcCode } from "../errors";
import { anyObject, arr, bool, flags, id, int, obj, readParams, refine, req, str } from "../params";
import { requireCompany } from "../scope";
import type { PushRecord } from "../state";
import { read, write, type MethodContext, type ModuleMethods } from "./registry";

/** Event types the push service can deliver: the catalogue's documented list (one list for the emulator). */
export { PUSH_EVENT_TYPES };

/** Receiver types. */
export const PUSH_SERVICE_TYPES = ["jsonRPC", "splunk", "cef", "qradar", "azuresentinel"] as const;

/** The details of the "never configured" error. */
export const PUSH_NOT_SET_DETAILS = "The event push service settings were not set for this company.";

// assumed: https only (see the module comment).
const httpsUrl = () =>
  refine(str({ max: 2048 }), (v) => {
    let u: URL;
    try {
      u = new URL(v);
    } catch {
      return "The value should be a valid URL.";
    }
    return u.protocol === "https:"
      ? undefined
      : "The value should be an https:// URL (the service only delivers over TLS 1.2 or later).";
  });

// 77211-135319: status (0 disabled, 1 enabled), serviceType, serviceSettings, subscribeToEventTypes are "Optional: No".
const settingsShape = {
  status: req(int({ oneOf: [0, 1] })),
  serviceType: req(str({ oneOf: PUSH_SERVICE_TYPES })),
  serviceSettings: req(
    obj({
      url: req(httpsUrl()), // assumed: every service type delivers to a URL
      requireValidSslCertificate: bool(), // assumed: default true
      authorization: str({ nonEmpty: false, max: 1024 }),
      splunkAuthorization: str({ nonEmpty: false, max: 1024 }),
    }),
  ),
  subscribeToEventTypes: req(flags(bool(), PUSH_EVENT_TYPES)),
  // 77211-135319: "Must include your own company. The list cannot be empty. If the field is missing or null, you receive events for all companies".
  subscribeToCompanies: arr(id(), { min: 1 }),
};

function notSet(): RpcError {
  return new RpcError(RpcCode.InvalidParams, PUSH_NOT_SET_DETAILS);
}

function freshStats(now: Date): PushRecord["stats"] {
  return { events: 0, testEvents: 0, sentMessages: 0, errorMessages: 0, lastUpdateTime: isoSecondsNoZone(now) };
}

function setPushEventSettings(raw: unknown, ctx: MethodContext): boolean {
  const p = readParams(raw, settingsShape);
  const companyId = ctx.caller.companyId;
  const current = ctx.state.push[companyId];
  const serviceType = p.serviceType;
  const s = p.serviceSettings;
  // assumed (community clients): splunk takes splunkAuthorization, the other service types authorization.
  if (serviceType === "splunk" && s.authorization !== undefined) {
    throw invalidParams(
      "Parameter 'serviceSettings.authorization' is not expected. Use 'serviceSettings.splunkAuthorization' for Splunk.",
    );
  }
  if (serviceType !== "splunk" && s.splunkAuthorization !== undefined) {
    throw invalidParams(
      "Parameter 'serviceSettings.splunkAuthorization' is not expected. It is only used with serviceType splunk.",
    );
  }
  if (p.subscribeToCompanies !== undefined) {
    if (!p.subscribeToCompanies.includes(companyId)) {
      throw invalidParams(
        "Invalid value for 'subscribeToCompanies' parameter. The list must include your own company.",
      );
    }
    for (const c of p.subscribeToCompanies) requireCompany(ctx.state, ctx.caller, c);
  }
  const next: PushRecord = {
    status: p.status as 0 | 1,
    serviceType,
    serviceSettings: {
      url: s.url,
      requireValidSslCertificate: s.requireValidSslCertificate ?? true,
      ...(serviceType === "splunk"
        ? { splunkAuthorization: s.splunkAuthorization ?? "" }
        : { authorization: s.authorization ?? "" }),
    },
    subscribeToEventTypes: p.subscribeToEventTypes,
    subscribeToCompanies: p.subscribeToCompanies !== undefined ? [...new Set(p.subscribeToCompanies)] : null,
    stats: current?.stats ?? freshStats(ctx.now),
  };
  ctx.state.push[companyId] = next;
  return true;
}

/**
 * No reference page was found. assumed: the members setPushEventSettings takes, with serviceSettings.authorization /
 * splunkAuthorization as set (whether GravityZone returns it is undocumented; a client must treat it as a secret either way),
 * and the "were not set" error (seed-000, seen live) before the first configuration.
 */
function getPushEventSettings(raw: unknown, ctx: MethodContext) {
  readParams(raw, {});
  const s = ctx.state.push[ctx.caller.companyId];
  if (!s) throw notSet();
  return {
    status: s.status,
    serviceType: s.serviceType,
    serviceSettings: s.serviceSettings,
    subscribeToEventTypes: s.subscribeToEventTypes,
    subscribeToCompanies: s.subscribeToCompanies,
  };
}

/** 77209-135322: {count {…}, error {…}, lastUpdateTime}; no parameters. */
function getPushEventStats(raw: unknown, ctx: MethodContext) {
  readParams(raw, {});
  const s = ctx.state.push[ctx.caller.companyId];
  if (!s) throw notSet();
  return {
    count: {
      events: s.stats.events,
      testEvents: s.stats.testEvents,
      sentMessages: s.stats.sentMessages,
      errorMessages: s.stats.errorMessages,
    },
    error: {
      configurationError: 0,
      connectionError: 0,
      serviceError: 0,
      statusCode2xx: 0,
      statusCode300: 0,
      statusCode400: 0,
      statusCode500: 0,
      timeout: 0,
    },
    lastUpdateTime: s.stats.lastUpdateTime,
  };
}

/**
 * 77209-135321: "returns an Object containing the details of the sent event and a Boolean that marks the event as a test";
 * "Test events always have the _testEvent_ property set to true"; `data` overwrites data in the event.
 * assumed: the template holds the members every event has (module = the event type, companyId); the page's example
 * response was not read, and the per-event members (77211-135325) are not modelled.
 */
function sendTestPushEvent(raw: unknown, ctx: MethodContext): Record<string, unknown> {
  const p = readParams(raw, { eventType: req(str({ oneOf: PUSH_EVENT_TYPES })), data: anyObject() });
  const s = ctx.state.push[ctx.caller.companyId];
  if (!s) throw notSet();
  // assumed: a disabled service sends nothing, test events included.
  if (s.status !== 1)
    throw invalidParams("The event push service is disabled (status 0). Enable it with setPushEventSettings first.");
  s.stats.testEvents++;
  s.stats.sentMessages++;
  s.stats.lastUpdateTime = isoSecondsNoZone(ctx.now);
  return { module: p.eventType, companyId: ctx.caller.companyId, ...p.data, _testEvent_: true };
}

/** The push module. */
export const pushMethods: ModuleMethods = {
  setPushEventSettings: write(setPushEventSettings),
  getPushEventSettings: read(getPushEventSettings),
  getPushEventStats: read(getPushEventStats),
  sendTestPushEvent: write(sendTestPushEvent),
};
