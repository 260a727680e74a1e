/**
 * PushEventSettings: the event push (SIEM) service of the API key's company.
 *
 * GravityZone keeps **one** push configuration per API key's company: there is nothing to create or
 * delete, only a configuration to set. This resource owns that configuration.
 *
 * | operation | GravityZone call |
 * |---|---|
 * | create | `companies.getCompanyDetails {}` (the id), `push.getPushEventSettings {}` (is one already enabled?), then `push.setPushEventSettings {status, serviceType, serviceSettings, subscribeToEventTypes, subscribeToCompanies}` |
 * | read | `push.getPushEventSettings {}` ("were not set" → gone) |
 * | update | `push.setPushEventSettings` with the whole new configuration |
 * | replace | nothing |
 * | delete | `push.setPushEventSettings` with the stored configuration and `status: 0` (the service is switched off; GravityZone has no way to clear it) |
 *
 * The push methods allow 5 requests per minute per key, so each operation makes as few calls as it
 * can: no read after a write, and no write when the configuration found (enabled or disabled) already
 * matches.
 *
 * The resource id is `push-settings:<companyId>`, where `companyId` is the API key's own company.
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { type GravityZoneClient, GravityZoneError, trueResult, isPushNotConfigured } from "../client";
import { dynamicProvider } from "../framework/dynamic";
import { defineHandler, sameValue } from "../framework/handler";
import { providerClient } from "../settings";
import { httpsUrl, idRef } from "../framework/validation";

/** The push service types GravityZone accepts. */
export const PUSH_SERVICE_TYPES = ["jsonRPC", "splunk", "cef", "qradar", "azuresentinel"] as const;

/** A push service type: the format GravityZone sends events in. */
export type PushServiceType = (typeof PUSH_SERVICE_TYPES)[number];

/**
 * The documented push event names
 * (https://www.bitdefender.com/business/support/en/77211-135319-setpusheventsettings.html).
 */
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

/** A push event name, e.g. `av` (antimalware) or `new-incident`. */
export type PushEventType = (typeof PUSH_EVENT_TYPES)[number];

/** Inputs of {@link PushEventSettings}. */
export interface PushEventSettingsArgs {
  /**
   * The format events are sent in: `jsonRPC`, `splunk` (HTTP Event Collector), `cef`, `qradar` or
   * `azuresentinel`.
   */
  serviceType: pulumi.Input<PushServiceType>;
  /**
   * The receiver's URL. Must be `https://` (the receiver must speak TLS 1.2 or later), without
   * credentials (`user:password@`) or a token in its query: the URL is kept in state in plain text,
   * credentials go in `authorization`.
   */
  url: pulumi.Input<string>;
  /**
   * The `Authorization` header value GravityZone sends to the receiver (for Splunk, the HEC token
   * header, sent as `splunkAuthorization`). Stored as a secret.
   * @default none
   */
  authorization?: pulumi.Input<string>;
  /**
   * Refuse to deliver to a receiver whose TLS certificate does not validate.
   * @default true
   */
  requireValidSslCertificate?: pulumi.Input<boolean>;
  /**
   * The events to push, by their documented names (e.g. `["av", "fw", "new-incident"]`). Order and
   * duplicates do not matter; an unknown name fails in `check`.
   */
  eventTypes: pulumi.Input<pulumi.Input<PushEventType>[]>;
  /**
   * Push events of these companies only. When given it must include the API key's own company
   * (partner keys need it).
   * @default all companies the key manages
   */
  subscribeToCompanies?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * Whether the service is on (`status: 1`). GravityZone switches the service off by itself after
   * more than 100 delivery errors or 3 hours without a successful delivery; a refresh then shows
   * `enabled` drifting to false and the next `up` switches it back on.
   * @default true
   */
  enabled?: pulumi.Input<boolean>;
  /**
   * Take over a push configuration that is already enabled for the company (set by the console or
   * another tool). Without it, creating fails rather than overwrite that configuration.
   * @default false
   */
  adopt?: pulumi.Input<boolean>;
}

const eventType = z.string().refine((s) => (PUSH_EVENT_TYPES as readonly string[]).includes(s), {
  error: (issue) => `unknown push event type ${JSON.stringify(issue.input)}; allowed: ${PUSH_EVENT_TYPES.join(", ")}`,
});

const sortedUnique = (xs: string[]) => [...new Set(xs)].sort();

const schema = z.strictObject({
  serviceType: z.enum(PUSH_SERVICE_TYPES, { error: `must be one of ${PUSH_SERVICE_TYPES.join(", ")}` }),
  url: httpsUrl,
  authorization: z
    .string()
    .min(1, "must not be empty (omit it instead)")
    .max(1024, "must be at most 1024 characters")
    .optional(),
  requireValidSslCertificate: z.boolean().default(true),
  eventTypes: z.array(eventType).min(1, "must name at least one event type").transform(sortedUnique),
  subscribeToCompanies: z
    .array(idRef)
    .min(1, "must not be empty (omit it for all companies)")
    .transform(sortedUnique)
    .optional(),
  enabled: z.boolean().default(true),
  adopt: z.boolean().default(false),
});

/** Resolved inputs of {@link PushEventSettings}. */
export type PushEventSettingsInputs = z.infer<typeof schema>;

/** Outputs of {@link PushEventSettings}. */
export interface PushEventSettingsOutputs extends PushEventSettingsInputs {
  /** The API key's company, whose push configuration this is. */
  companyId: string;
  /** True when an enabled configuration already existed and was taken over. */
  adopted: boolean;
}

/** The answer of `push.getPushEventSettings`. @internal */
export const settingsSchema = z
  .object({
    status: z.number().int(),
    serviceType: z.string().nullish(),
    serviceSettings: z
      .object({
        url: z.string().nullish(),
        requireValidSslCertificate: z.boolean().nullish(),
        authorization: z.string().nullish(),
        splunkAuthorization: z.string().nullish(),
      })
      .loose()
      .nullish(),
    subscribeToEventTypes: z.record(z.string(), z.boolean()).nullish(),
    subscribeToCompanies: z.array(z.string()).nullish(),
  })
  .loose();

type ApiSettings = z.infer<typeof settingsSchema>;

const companySchema = z.object({ id: z.string() }).loose();

/** True for the error GravityZone answers until push settings were ever set ("… were not set"). */
function notSet(e: unknown): boolean {
  return isPushNotConfigured(e);
}

/** The current configuration, or undefined when the service was never configured. */
async function getSettings(c: GravityZoneClient): Promise<ApiSettings | undefined> {
  try {
    return await c.call("push", "getPushEventSettings", {}, settingsSchema);
  } catch (e) {
    if (notSet(e)) return undefined;
    throw e;
  }
}

/** The `setPushEventSettings` parameters for a configuration. */
function payload(i: PushEventSettingsInputs, status: 0 | 1): Record<string, unknown> {
  const serviceSettings: Record<string, unknown> = {
    url: i.url,
    requireValidSslCertificate: i.requireValidSslCertificate,
  };
  if (i.authorization !== undefined)
    serviceSettings[i.serviceType === "splunk" ? "splunkAuthorization" : "authorization"] = i.authorization;
  return {
    status,
    serviceType: i.serviceType,
    serviceSettings,
    subscribeToEventTypes: Object.fromEntries(i.eventTypes.map((e) => [e, true])),
    subscribeToCompanies: i.subscribeToCompanies,
  };
}

/**
 * Sends the whole configuration. When the answer is lost (the write may or may not have happened),
 * the configuration is read back: if it is the one sent, the write happened; if not, it is sent again
 * (setting a whole configuration is idempotent).
 */
async function setSettings(c: GravityZoneClient, desired: PushEventSettingsOutputs, attempts = 3): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await c.call("push", "setPushEventSettings", payload(desired, desired.enabled ? 1 : 0), trueResult);
      return;
    } catch (e) {
      if (!(e instanceof GravityZoneError && e.ambiguous)) throw e;
      const now = await getSettings(c).catch(() => undefined);
      if (now !== undefined && matches(now, desired)) return;
      if (attempt >= attempts) throw e;
    }
  }
}

/** True when the API's configuration is `desired` in every field it shows (an unreadable secret cannot be confirmed). */
function matches(api: ApiSettings, desired: PushEventSettingsOutputs): boolean {
  const now = toOutputs(api, { ...desired, authorization: undefined });
  const authKnown = desired.authorization === undefined || now.authorization !== undefined;
  return authKnown && API_FIELDS.every((f) => sameValue(now[f], desired[f]));
}

/** A masked or absent secret in an answer says nothing about the stored value. */
function readableSecret(v: string | null | undefined): string | undefined {
  if (typeof v !== "string" || v === "" || /^[*•x]+$/i.test(v)) return undefined;
  return v;
}

/** What the API says, in the resource's terms; fields the API does not return keep `olds`' values. */
function toOutputs(api: ApiSettings, olds: PushEventSettingsOutputs): PushEventSettingsOutputs {
  const s = api.serviceSettings ?? {};
  const serviceType = (api.serviceType ?? olds.serviceType) as PushServiceType;
  const auth = readableSecret(
    serviceType === "splunk" ? (s.splunkAuthorization ?? s.authorization) : (s.authorization ?? s.splunkAuthorization),
  );
  const flags = api.subscribeToEventTypes ?? {};
  const companies = api.subscribeToCompanies ?? [];
  return {
    ...olds,
    serviceType,
    url: s.url ?? olds.url,
    authorization: auth ?? olds.authorization,
    requireValidSslCertificate: s.requireValidSslCertificate ?? olds.requireValidSslCertificate,
    eventTypes: sortedUnique(Object.keys(flags).filter((k) => flags[k] === true)),
    subscribeToCompanies: companies.length > 0 ? sortedUnique(companies) : undefined,
    enabled: api.status === 1,
  };
}

const API_FIELDS = [
  "serviceType",
  "url",
  "authorization",
  "requireValidSslCertificate",
  "eventTypes",
  "subscribeToCompanies",
  "enabled",
] as const;

/** @internal */
export const handler = defineHandler<PushEventSettingsInputs, PushEventSettingsOutputs>({
  type: "PushEventSettings",
  // Writes take a per-minute budget's slot: serve them before cheaper work.
  scarceWrites: true,
  schema,
  replaceOn: [],
  local: ["adopt"],

  async create(inputs) {
    const c = providerClient();
    const companyId = (await c.call("companies", "getCompanyDetails", {}, companySchema)).id;
    const current = await getSettings(c);
    const desired: PushEventSettingsOutputs = { ...inputs, companyId, adopted: false };
    let adopted = false;
    if (current !== undefined && current.status === 1) {
      if (!inputs.adopt) {
        throw new Error(
          `push event settings are already configured and enabled for company ${companyId} (service type ${current.serviceType ?? "unknown"}). ` +
            "GravityZone keeps one push configuration per company, so creating this resource would overwrite it. " +
            "Set `adopt: true` to take the existing configuration over (it is then replaced by the declared one), or remove the other configuration first.",
        );
      }
      adopted = true;
      // Nothing to write when the configuration is already the declared one.
      if (matches(current, desired)) return { id: `push-settings:${companyId}`, outs: { ...desired, adopted } };
    } else if (current !== undefined && matches(current, desired)) {
      // A disabled configuration that is already the declared one (enabled: false): nothing to write either.
      return { id: `push-settings:${companyId}`, outs: { ...desired, adopted } };
    }
    await setSettings(c, desired);
    return { id: `push-settings:${companyId}`, outs: { ...desired, adopted } };
  },

  async read(_id, olds) {
    const current = await getSettings(providerClient());
    if (current === undefined) return undefined;
    return toOutputs(current, olds);
  },

  async update(_id, olds, news) {
    const outs = { ...news, companyId: olds.companyId, adopted: olds.adopted };
    await setSettings(providerClient(), outs);
    return outs;
  },

  async delete(_id, olds) {
    try {
      await setSettings(providerClient(), { ...olds, enabled: false });
    } catch (e) {
      if (notSet(e)) return;
      throw e;
    }
  },
});

const provider = dynamicProvider("push-event-settings");

/**
 * The event push (SIEM) service of the API key's company: where GravityZone sends security events,
 * in which format and which events.
 *
 * GravityZone has **one** push configuration per company, so declare at most one
 * `PushEventSettings` per API key: a second stack or tool writing push settings overwrites this one.
 * Deleting the resource switches the service off (`status: 0`). The `authorization` value is kept as
 * a secret in state.
 *
 * Rate limits: the push methods allow 5 requests per minute per key; creating makes one read and one
 * write, updating and deleting one write each, a refresh one read.
 *
 * @example
 * ```ts
 * const siem = new gravityzone.PushEventSettings("siem", {
 *   serviceType: "splunk",
 *   url: "https://splunk.example.com:8088/services/collector",
 *   authorization: config.requireSecret("splunkToken"),
 *   eventTypes: ["av", "fw", "new-incident", "ransomware-mitigation"],
 * });
 * ```
 */
export class PushEventSettings extends pulumi.dynamic.Resource {
  /** The Pulumi type token (used by policy packs' `validateResourceOfType`). */
  static readonly __pulumiType = "pulumi-nodejs:dynamic/gravityzone:PushEventSettings";
  /** The format events are sent in. */
  declare readonly serviceType: pulumi.Output<PushServiceType>;
  /** The receiver's URL. */
  declare readonly url: pulumi.Output<string>;
  /** The authorization header value (secret). */
  declare readonly authorization: pulumi.Output<string | undefined>;
  /** Whether the receiver's certificate must validate. */
  declare readonly requireValidSslCertificate: pulumi.Output<boolean>;
  /** The subscribed event names, sorted. */
  declare readonly eventTypes: pulumi.Output<PushEventType[]>;
  /** The companies whose events are pushed, when restricted. */
  declare readonly subscribeToCompanies: pulumi.Output<string[] | undefined>;
  /** Whether the service is on. */
  declare readonly enabled: pulumi.Output<boolean>;
  /** The API key's company, whose push configuration this is. */
  declare readonly companyId: pulumi.Output<string>;
  /** True when an existing enabled configuration was taken over. */
  declare readonly adopted: pulumi.Output<boolean>;

  /** Declares the company's push configuration. */
  constructor(name: string, args: PushEventSettingsArgs, opts?: pulumi.CustomResourceOptions) {
    const props = {
      companyId: undefined,
      adopted: undefined,
      ...args,
      authorization: args.authorization === undefined ? undefined : pulumi.secret(args.authorization),
    };
    const merged: pulumi.CustomResourceOptions = {
      ...opts,
      additionalSecretOutputs: [...new Set([...(opts?.additionalSecretOutputs ?? []), "authorization"])],
    };
    super(provider, name, props, merged, "gravityzone", "PushEventSettings");
  }
}
