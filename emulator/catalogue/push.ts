/** The `push` API (event push service) as the reference documents it (see types.ts). */
import type { MethodDoc, ParamDoc } from "./types";

const SET_MIRROR = "https://bitdefender-cn.com/help/en/77211-135319-setpusheventsettings.html";
const STATS_CLOUD = "https://www.bitdefender.com/business/support/en/77209-135322-getpusheventstats.html";
const STATS_PARTNER = "https://www.bitdefender.com/business/support/en/77211-135322-getpusheventstats.html";
const TEST_CLOUD = "https://www.bitdefender.com/business/support/en/77209-135321-sendtestpushevent.html";

/**
 * The event type names: the documented list (setPushEventSettings, 77211-135319) plus `device-control` and `partner-changed`, which
 * Bitdefender's n8n node offers for sendTestPushEvent.
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

const eventFlags: Record<string, ParamDoc> = Object.fromEntries(
  PUSH_EVENT_TYPES.map((e) => [
    e,
    { type: "boolean", required: false, doc: `true to receive '${e}' events.` } satisfies ParamDoc,
  ]),
);

/** Every documented `push` method the emulator answers or the provider calls. */
export const pushCatalogue: readonly MethodDoc[] = [
  {
    module: "push",
    method: "setPushEventSettings",
    versions: ["v1.0"],
    pages: [SET_MIRROR],
    fidelity: "assumed",
    assumptions: [
      "Only a Chinese translation of the partner page (same id 77211-135319, on bitdefender-cn.com) was found; the English 77209/77211 pages (the" +
        " n8n node links 77209-135319) were not in the stored pages. Its 'Service Type Settings' table came through empty.",
      "The table gives the type 'Array' for serviceSettings, subscribeToEventTypes and subscribeToCompanies, while the example sends objects for the" +
        " first two: 'Array' is read as a keyed (PHP) array, and serviceSettings and subscribeToEventTypes must be JSON objects.",
      "The table marks every row 'Optional: No' (否), yet says of subscribeToCompanies that when it is missing or null you receive events for all" +
        " managed companies; it is recorded as optional. status, serviceType, serviceSettings and subscribeToEventTypes are required on every" +
        " call, also with status 0 (disabling resends the whole configuration; each call replaces the stored one).",
      "serviceSettings members: url, authorization, requireValidSslCertificate are from the example; splunkAuthorization (for serviceType splunk) is" +
        " from community clients. url is recorded as required (every service type delivers to a URL); the table that would say so was unreadable." +
        " splunk takes splunkAuthorization and the other types authorization (the other one is refused); requireValidSslCertificate defaults to true.",
      "The receiver URL must be https://: the collector 'must support TLS 1.2 or later', and getPushEventStats (77209-135322) counts a collector" +
        " without an SSL certificate as a configuration error. The page's own example URL (http://web_service_url_example.com) is read as a" +
        " placeholder, so the emulator refuses http:// URLs (a client must cope with the stricter reading).",
      "subscribeToCompanies must name companies the key manages, including its own; no upper limit is documented.",
      "serviceType values are from the n8n node (the page's list did not come through). Event names: see PUSH_EVENT_TYPES.",
      "The example request is cut after the event types shown; the page's list goes on ('dp': …) but the rest was not in the excerpt.",
    ],
    params: {
      status: {
        type: "integer",
        required: true,
        doc: "0 - disabled, 1 - enabled. (Typed 'Number' on the page; its only values are 0 and 1.)",
        values: [0, 1],
      },
      serviceType: {
        type: "string",
        required: true,
        doc: "The web service type.",
        values: ["jsonRPC", "splunk", "cef", "qradar", "azuresentinel"],
      },
      serviceSettings: {
        type: "object",
        required: true,
        doc: "Settings specific to each service type. The receiver (HTTP collector) must support TLS 1.2 or later and answer HTTP 200 OK.",
        fields: {
          url: {
            type: "string",
            required: true,
            doc: "The receiver URL; https:// only (see assumptions: the page's own example uses an http:// URL as a placeholder).",
          },
          authorization: {
            type: "string",
            required: false,
            doc: "The Authorization header value sent to the receiver (not for splunk).",
          },
          splunkAuthorization: {
            type: "string",
            required: false,
            doc: "The Splunk HEC authorization header value (serviceType splunk).",
          },
          requireValidSslCertificate: {
            type: "boolean",
            required: false,
            doc: "Whether the receiver's TLS certificate must be valid.",
          },
        },
      },
      subscribeToEventTypes: {
        type: "object",
        required: true,
        doc: "The event types to be sent to the web service, as a map of event name → true.",
        fields: eventFlags,
      },
      subscribeToCompanies: {
        type: "array",
        required: false,
        items: "string",
        doc:
          "The managed companies you want events for. Must include your own company; the list cannot be empty; if missing or null you receive" +
          " events for all companies you manage.",
      },
    },
    result: { type: "boolean", doc: "True when the settings were saved successfully.", example: true },
    exampleRequest: {
      status: 1,
      serviceType: "jsonRPC",
      serviceSettings: {
        url: "http://web_service_url_example.com",
        authorization: "Bearer sfasdfw34243",
        requireValidSslCertificate: true,
      },
      subscribeToEventTypes: {
        modules: true,
        sva: true,
        registration: true,
        "supa-update-status": true,
        av: true,
        aph: true,
        fw: true,
        avc: true,
        uc: true,
      },
    },
    rateLimit: "5/min",
    n8n: {
      file: "nodes/GravityZone/actions/push/setPushEventSettings.operation.ts",
      sends: ["status", "serviceType", "serviceSettings", "subscribeToEventTypes"],
      differences:
        "Never sends subscribeToCompanies; serviceSettings is raw JSON from the user; its event list lacks hd, device-control and partner-changed.",
    },
  },
  {
    module: "push",
    method: "getPushEventSettings",
    versions: ["v1.0"],
    pages: [],
    fidelity: "assumed",
    assumptions: [
      "No reference page for getPushEventSettings was found in the stored pages. Taking no parameters is assumed (as getPushEventStats).",
      "Result shape assumed to mirror setPushEventSettings. The getPushEventStats page mentions 'serviceSettings.status field from" +
        " getPushEventsSettings', so status may sit inside serviceSettings as well as (or instead of) at the top; a client should read both." +
        " No documented example exists, so none is recorded.",
      "Whether serviceSettings.authorization / splunkAuthorization comes back, masked or in plain text, is not documented: a client must cope with" +
        " all three (absent, masked, plain). The emulator returns it as set, since a client must treat it as a secret either way.",
      "Until the service has been configured the method answers an error whose details contain 'were not set' (seed-000, seen live); the exact" +
        " text is not documented.",
    ],
    params: {},
    result: {
      type: "object",
      doc:
        "{status, serviceType, serviceSettings {url, requireValidSslCertificate, authorization | splunkAuthorization}, subscribeToEventTypes," +
        " subscribeToCompanies}.",
    },
    rateLimit: "5/min",
  },
  {
    module: "push",
    method: "getPushEventStats",
    versions: ["v1.0"],
    pages: [STATS_CLOUD, STATS_PARTNER],
    fidelity: "verified",
    assumptions: [],
    params: {},
    result: {
      type: "object",
      doc:
        "{count {events, testEvents, sentMessages, errorMessages}, error {configurationError, connectionError, serviceError, statusCode2xx," +
        " statusCode300, statusCode400, statusCode500, timeout}, lastUpdateTime}. The page's example lists serviceError twice (kept once here)." +
        " After more than 100 errorMessages, or 10800 s after the last error without an HTTP 200, the service stops and status is reset to 0.",
      example: {
        count: { events: 6945, testEvents: 8, sentMessages: 8, errorMessages: 0 },
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
        lastUpdateTime: "2017-10-13T18:45:28",
      },
    },
    exampleRequest: {},
    rateLimit: "5/min",
  },
  {
    module: "push",
    method: "sendTestPushEvent",
    versions: ["v1.0"],
    pages: [TEST_CLOUD],
    fidelity: "assumed",
    assumptions: [
      "The page's list of eventType values did not come through in the text read; the values are the documented event names (see PUSH_EVENT_TYPES).",
      "The page says the method 'returns an Object containing the details of the sent event and a Boolean that marks the event as a test'" +
        " ('Test events always have the _testEvent_ property set to true'); the example response was not in the text read, so no example." +
        " The emulator answers {module: eventType, companyId, …data, _testEvent_: true} (the per-event members of 77211-135325 are not modelled).",
      "Sending needs a configuration with status 1: before any setPushEventSettings the 'were not set' error, while disabled a -32602 refusal.",
    ],
    params: {
      eventType: {
        type: "string",
        required: true,
        doc: "The type of the event you want to send a test for.",
        values: [...PUSH_EVENT_TYPES],
      },
      data: {
        type: "object",
        required: false,
        doc: "Test events are created from templates; this parameter can be used to overwrite data in the returned event example.",
      },
    },
    result: { type: "object", doc: "The details of the sent event, with _testEvent_: true." },
    exampleRequest: { eventType: "av", data: { malware_name: "Test malware name" } },
    rateLimit: "5/min",
    n8n: {
      file: "nodes/GravityZone/actions/push/sendTestPushEvent.operation.ts",
      sends: ["eventType", "data"],
      differences:
        "Offers device-control and partner-changed; lacks new-extended-incident. Sends `data` only when the option is filled in.",
    },
  },
];
