/**
 * The `push` API (event push service): setPushEventSettings, getPushEventSettings,
 * getPushEventStats, sendTestPushEvent. One configuration per API key's company: whoever writes it
 * last wins.
 *
 * Until the service is configured, getPushEventSettings and getPushEventStats answer -32602 with
 * details containing "were not set" — the normal unconfigured state. Once configured, settings stay
 * readable with status 0 after being disabled (by the caller or by the service itself).
 *
 * Choices where the reference is silent:
 * - `serviceType`, `serviceSettings` and `subscribeToEventTypes` are required with `status: 1`; with
 *   `status: 0` they may be omitted (the stored configuration is kept, disabled).
 * - The receiver URL must be https:// (the service only delivers over TLS ≥ 1.2).
 * - getPushEventSettings returns the stored `authorization` / `splunkAuthorization` value as set:
 *   a client must treat it as a secret.
 * - sendTestPushEvent needs an enabled configuration and returns true.
 */
import { isoSecondsNoZone } from "../clock";
import { invalidParams, RpcError, RpcCode } from "../errors";
import { anyObject, arr, bool, flags, id, int, obj, readParams, refine, req, str } from "../params";
import { requireCompany } from "../scope";
import type { PushRecord } from "../state";
import { read, write, type MethodContext, type ModuleMethods } from "./registry";

/** Event types the push service can deliver. */
export const PUSH_EVENT_TYPES = [
  "adcloud",
  "antiexploit",
  "aph",
  "av",
  "avc",
  "device-control",
  "dp",
  "endpoint-moved-in",
  "endpoint-moved-out",
  "exchange-malware",
  "exchange-user-credentials",
  "fw",
  "hd",
  "hwid-change",
  "install",
  "modules",
  "network-monitor",
  "network-sandboxing",
  "new-extended-incident",
  "new-incident",
  "partner-changed",
  "ransomware-mitigation",
  "registration",
  "security-container-update-available",
  "supa-update-status",
  "sva",
  "sva-load",
  "task-status",
  "troubleshooting-activity",
  "uc",
  "uninstall",
] as const;

/** Receiver types. */
export const PUSH_SERVICE_TYPES = ["jsonRPC", "splunk", "cef", "qradar", "azuresentinel"] as const;

/** The details of the "never configured" error. */
export const PUSH_NOT_SET_DETAILS = "The event push service settings were not set for this company.";

const httpsUrl = () =>
  refine(str({ max: 2048 }), (v) => {
    let u: URL;
    try {
      u = new URL(v);
    } catch {
      return "The value should be a valid URL.";
    }
    return u.protocol === "https:" ? undefined : "The value should be an https:// URL (the service only delivers over TLS 1.2 or later).";
  });

const settingsShape = {
  status: req(int({ oneOf: [0, 1] })),
  serviceType: str({ oneOf: PUSH_SERVICE_TYPES }),
  serviceSettings: obj({
    url: req(httpsUrl()),
    requireValidSslCertificate: bool(),
    authorization: str({ nonEmpty: false, max: 1024 }),
    splunkAuthorization: str({ nonEmpty: false, max: 1024 }),
  }),
  subscribeToEventTypes: flags(bool(), PUSH_EVENT_TYPES),
  subscribeToCompanies: arr(id(), { min: 1, max: 10_000 }),
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
  if (p.status === 1 || !current) {
    for (const k of ["serviceType", "serviceSettings", "subscribeToEventTypes"] as const) {
      if (p[k] === undefined) throw invalidParams(`Missing required parameter '${k}'.`);
    }
  }
  const serviceType = p.serviceType ?? current!.serviceType;
  const s = p.serviceSettings;
  if (s) {
    if (serviceType === "splunk" && s.authorization !== undefined) throw invalidParams("Parameter 'serviceSettings.authorization' is not expected. Use 'serviceSettings.splunkAuthorization' for Splunk.");
    if (serviceType !== "splunk" && s.splunkAuthorization !== undefined) throw invalidParams("Parameter 'serviceSettings.splunkAuthorization' is not expected. It is only used with serviceType splunk.");
  }
  if (p.subscribeToCompanies !== undefined) {
    if (!p.subscribeToCompanies.includes(companyId)) throw invalidParams("Invalid value for 'subscribeToCompanies' parameter. The list must include your own company.");
    for (const c of p.subscribeToCompanies) requireCompany(ctx.state, ctx.caller, c);
  }
  const next: PushRecord = {
    status: p.status as 0 | 1,
    serviceType,
    serviceSettings: s
      ? {
          url: s.url,
          requireValidSslCertificate: s.requireValidSslCertificate ?? true,
          ...(serviceType === "splunk" ? { splunkAuthorization: s.splunkAuthorization ?? "" } : { authorization: s.authorization ?? "" }),
        }
      : current!.serviceSettings,
    subscribeToEventTypes: p.subscribeToEventTypes ?? current!.subscribeToEventTypes,
    subscribeToCompanies: p.subscribeToCompanies !== undefined ? [...new Set(p.subscribeToCompanies)] : p.serviceType !== undefined || !current ? null : current.subscribeToCompanies,
    stats: current?.stats ?? freshStats(ctx.now),
  };
  ctx.state.push[companyId] = next;
  return true;
}

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

function getPushEventStats(raw: unknown, ctx: MethodContext) {
  readParams(raw, {});
  const s = ctx.state.push[ctx.caller.companyId];
  if (!s) throw notSet();
  return {
    count: { events: s.stats.events, testEvents: s.stats.testEvents, sentMessages: s.stats.sentMessages, errorMessages: s.stats.errorMessages },
    error: { configurationError: 0, connectionError: 0, serviceError: 0, statusCode2xx: 0, statusCode300: 0, statusCode400: 0, statusCode500: 0, timeout: 0 },
    lastUpdateTime: s.stats.lastUpdateTime,
  };
}

function sendTestPushEvent(raw: unknown, ctx: MethodContext): boolean {
  const p = readParams(raw, { eventType: req(str({ oneOf: PUSH_EVENT_TYPES })), data: anyObject() });
  const s = ctx.state.push[ctx.caller.companyId];
  if (!s) throw notSet();
  if (s.status !== 1) throw invalidParams("The event push service is disabled (status 0). Enable it with setPushEventSettings first.");
  void p;
  s.stats.testEvents++;
  s.stats.sentMessages++;
  s.stats.lastUpdateTime = isoSecondsNoZone(ctx.now);
  return true;
}

/** The push module. */
export const pushMethods: ModuleMethods = {
  setPushEventSettings: write(setPushEventSettings),
  getPushEventSettings: read(getPushEventSettings),
  getPushEventStats: read(getPushEventStats),
  sendTestPushEvent: write(sendTestPushEvent),
};
