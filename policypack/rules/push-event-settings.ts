/**
 * Rules for {@link PushEventSettings}: where security events go, how the receiver is trusted, and
 * which events a SIEM must receive.
 *
 * The receiver URL and the authorization value may carry credentials: messages name the URL's
 * scheme only, never the URL itself, and never the authorization value.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { PushEventSettings } from "pulumi-gravityzone";
import { resourceCheck } from "../support/checks";
import { listOf, settingsOf } from "../support/config";

/** Push receivers are reached over https only. */
export const pushHttpsOnly: ResourceValidationPolicy = {
  name: "push-https-only",
  description:
    "Push (SIEM) settings must send events to an https:// receiver: events describe threats, endpoints and users.",
  enforcementLevel: "mandatory",
  severity: "high",
  validateResource: resourceCheck(PushEventSettings, (settings, _args, report) => {
    let protocol: string | undefined;
    try {
      protocol = new URL(settings.url).protocol;
    } catch {
      protocol = undefined;
    }
    if (protocol === "https:") return;
    // Only a plain http:// scheme is named: anything else before a colon may be part of a credential.
    if (protocol === "http:") report("the push receiver URL uses http://: only https:// receivers are allowed.");
    else report("the push receiver URL is not an https:// URL: only https:// receivers are allowed.");
  }),
};

/** Push receivers must present a valid certificate. */
export const pushRequireValidCertificate: ResourceValidationPolicy = {
  name: "push-require-valid-certificate",
  description:
    "Push (SIEM) settings must refuse receivers whose TLS certificate does not validate (requireValidSslCertificate: true).",
  enforcementLevel: "mandatory",
  severity: "high",
  validateResource: resourceCheck(PushEventSettings, (settings, _args, report) => {
    // The resource's default is true: only an explicit false accepts any certificate.
    if (settings.requireValidSslCertificate === false) {
      report("push settings accept a receiver with an invalid TLS certificate: set requireValidSslCertificate: true.");
    }
  }),
};

/** Settings of {@link pushRequiredEventTypes}. */
export interface RequiredEventTypesSettings {
  /** Event names every push configuration must subscribe to. */
  requiredEventTypes: string[];
}

/** Push settings subscribe to at least the malware and incident events. */
export const pushRequiredEventTypes: ResourceValidationPolicy = {
  name: "push-required-event-types",
  description:
    "Push (SIEM) settings must subscribe to a minimum set of event types (by default antimalware, new incidents and ransomware mitigation).",
  enforcementLevel: "mandatory",
  severity: "medium",
  configSchema: {
    properties: {
      requiredEventTypes: {
        type: "array",
        items: { type: "string", minLength: 1 },
        uniqueItems: true,
        default: ["av", "new-incident", "ransomware-mitigation"],
        description:
          "Push event names (as in GravityZone's push API, e.g. av, fw, new-incident, ransomware-mitigation, exchange-malware) every push configuration must subscribe to.",
      },
    },
  },
  validateResource: resourceCheck(PushEventSettings, (settings, args, report) => {
    const { requiredEventTypes } = settingsOf<RequiredEventTypesSettings>(args, pushRequiredEventTypes.configSchema!);
    const subscribed = new Set<string>(settings.eventTypes ?? []);
    const missing = requiredEventTypes.filter((e) => !subscribed.has(e));
    if (missing.length > 0) {
      report(`push settings do not subscribe to the required event types ${listOf(missing)}: add them to eventTypes.`);
    }
  }),
};
