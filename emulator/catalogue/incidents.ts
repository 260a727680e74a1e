/** The `incidents` API as the reference documents it (see types.ts): the blocklist and endpoint isolation. */
import type { MethodDoc } from "./types";

const ADD_PARTNER = "https://www.bitdefender.com/business/support/en/77211-135327-addtoblocklist.html";
const ADD_CLOUD = "https://www.bitdefender.com/business/support/en/77209-135327-addtoblocklist.html";
const REMOVE_PARTNER = "https://www.bitdefender.com/business/support/en/77211-135329-removefromblocklist.html";
const LIST_PARTNER = "https://www.bitdefender.com/business/support/en/77211-135328-getblocklistitems.html";
const LIST_CLOUD = "https://www.bitdefender.com/business/support/en/77209-135328-getblocklistitems.html";
const ISOLATE_CLOUD = "https://www.bitdefender.com/business/support/en/77209-135330-createisolateendpointtask.html";
const RESTORE_PARTNER =
  "https://www.bitdefender.com/business/support/en/77211-135331-createrestoreendpointfromisolationtask.html";
const CONSOLE_BLOCKLIST = "https://www.bitdefender.com/business/support/en/77211-151159-edr-blocklist.html";

/** Every documented `incidents` method the emulator answers or the provider calls. */
export const incidentsCatalogue: readonly MethodDoc[] = [
  {
    module: "incidents",
    method: "addToBlocklist",
    versions: ["v1.0"],
    pages: [ADD_PARTNER, CONSOLE_BLOCKLIST],
    fidelity: "assumed",
    assumptions: [
      "hashType is typed 'Number' on the page; its only values are 1 and 2, so it is recorded as an integer (as the emulator always checked it).",
      "An empty hashList is refused (it would add nothing); no upper limit per call is documented, so none is set. The console page 77211-151159" +
        " says 'You can add up to 100.000 hash values to the Blocklist for your companies': an add that would take one company past 100000 hashes is" +
        " refused.",
      "A hash the company's blocklist already has is accepted and ignored (the existing rule is kept), so retrying an add is harmless.",
    ],
    params: {
      hashType: {
        type: "integer",
        required: true,
        doc: "The algorithm used to obtain the hash: 1 SHA256, 2 MD5.",
        values: [1, 2],
      },
      hashList: {
        type: "array",
        required: true,
        items: "string",
        doc: "An array containing several hashes, all of the type given by hashType. No per-call limit is documented.",
      },
      companyId: {
        type: "string",
        required: false,
        doc: "The ID of the company to which the Blocklist item belongs (partner page only; the cloud page's v1.0 table omits it).",
      },
      sourceInfo: { type: "string", required: true, doc: "A description for the hashes." },
    },
    result: { type: "boolean", doc: "True if the operation was successful.", example: true },
    exampleRequest: {
      companyId: "5b680f6fb1a43d860a7b23c8",
      hashType: 2,
      hashList: ["5b7ac19bb1a43dfb107b23c6", "f696282aa4cd4f614aa995190cf442fe"],
      sourceInfo: "Added from public API",
    },
    rateLimit: "5/min",
  },
  {
    module: "incidents",
    method: "addToBlocklist",
    versions: ["v1.2"],
    pages: [ADD_PARTNER, ADD_CLOUD, CONSOLE_BLOCKLIST],
    fidelity: "assumed",
    assumptions: [
      "The return value of v1.2 was not in the page text read (it ends inside the connection `details` table); v1.0 returns true, so true is assumed.",
      "`details` is left open (no `fields`): its members depend on `type`. Read on the page: hash {algorithm (sha256|md5, mandatory), hash (mandatory)};" +
        " connection {ruleName (mandatory), commandLine (optional), …}. The other connection members and the path member are taken from the examples on the" +
        " getBlocklistItems page (77211-135328): path {path}; connection {ruleName, commandLine, remoteAddress{any, ipMask, portRange}, localAddress{any," +
        " ipMask, portRange}, directlyConnected{enable, remoteMac}, protocol, path, hash, ipVersion, direction, operatingSystems}.",
      "The example request is the one printed (misplaced, under 'A response for type = path') on the getBlocklistItems page.",
      "No limit on rules per call (nor on `note`) is documented, so none is set; an empty `rules` list is refused. The console page 77211-151159" +
        " says: 'You can add up to 100.000 hash values to the Blocklist for your companies': an add that would take one company past 100000" +
        " hashes is refused.",
      "recursive (default true) is modelled as a copy of each rule in every company below the target at the time of the call, listed by" +
        " getBlocklistItems of that company; removing the original rule removes its copies, and a copy can be removed on its own. Companies" +
        " created later do not get the rule. The page says only 'applied recursively to all companies managed by the target company'.",
      "The hash details are {algorithm, hash} only (other members are refused); an MD5 hash must have 32 and a SHA256 hash 64 hexadecimal" +
        " characters. Hash and path rules the company already has are ignored; every connection rule gets its own ruleId (a UUID).",
      "For connection rules the emulator limits protocol to ANY/TCP/UDP/ICMP/ICMPv6/IGMP/GRE, ipVersion to ANY/IPV4/IPV6, direction to" +
        " both/inbound/outbound, operatingSystems to Windows/Linux/macOS and portRange to ports and ranges such as 300-400: the page shows only" +
        " example values.",
    ],
    params: {
      companyId: {
        type: "string",
        required: false,
        doc:
          "The company the Blocklist item belongs to; must have a license with the blocklist feature. Default: the API key's company." +
          " Listed on the partner page (77211) only; the cloud page (77209) omits it.",
      },
      type: {
        type: "string",
        required: true,
        doc: "The type of rules to create.",
        values: ["hash", "path", "connection"],
      },
      rules: {
        type: "array",
        required: true,
        items: "object",
        doc: "The rules to create and their settings. 'You can only add rules that match the type specified in the type parameter.'",
        fields: {
          note: { type: "string", required: false, doc: "A description for this specific set of rules." },
          details: {
            type: "object",
            required: true,
            doc:
              "The rule and its settings. type=hash: {algorithm: 'sha256'|'md5' (mandatory), hash (mandatory, must match the algorithm)};" +
              " type=path: {path}; type=connection: {ruleName (mandatory), commandLine (optional), remoteAddress, localAddress, directlyConnected," +
              " protocol, path, hash, ipVersion, direction, operatingSystems}.",
          },
        },
      },
      recursive: {
        type: "boolean",
        required: false,
        default: true,
        doc: "Indicates if the rules will be applied recursively to all companies managed by the target company. Default value: true.",
      },
    },
    result: { type: "boolean", doc: "Assumed true on success (as in v1.0).", example: true },
    exampleRequest: {
      companyId: "65fd7506e2354158650c7c32",
      type: "path",
      rules: [
        { note: "test", details: { path: "C:\\aaa.exe" } },
        { note: "test", details: { path: "C:\\test.exe" } },
      ],
      recursive: true,
    },
    rateLimit: "5/min",
    n8n: {
      file: "nodes/GravityZone/actions/incidents/addToBlocklist.operation.ts",
      sends: ["type", "rules", "recursive"],
      differences:
        "Calls v1.2 only and never sends companyId; `rules` is raw JSON from the user; recursive is sent only when set (n8n default true).",
    },
  },
  {
    module: "incidents",
    method: "removeFromBlocklist",
    versions: ["v1.0"],
    pages: [REMOVE_PARTNER],
    fidelity: "assumed",
    assumptions: [
      "v1.0 predates path and connection rules; the emulator refuses their ids at v1.0 (-32602, 'remove it with version 1.2'). Removing a rule" +
        " also removes the copies a recursive v1.2 add made of it in subordinate companies.",
    ],
    params: {
      hashItemId: {
        type: "string",
        required: true,
        doc: "The ID of the item in the Blocklist to be deleted. 'You can only use version 1.0 to remove has[h] type blocklist rules.'",
      },
    },
    result: { type: "boolean", doc: "True if the operation was successful.", example: true },
    exampleRequest: { hashItemId: "5b680f6fb1a43d860a7b23c1" },
    rateLimit: "5/min",
  },
  {
    module: "incidents",
    method: "removeFromBlocklist",
    versions: ["v1.2"],
    pages: [REMOVE_PARTNER],
    fidelity: "assumed",
    assumptions: [
      "The page's table lists `companyId` and a mandatory Object `params` whose member `id` is an Array of Strings, while its example sends `ids` at the top" +
        " of the JSON-RPC params. Read as: the table's `params` is the JSON-RPC params object and `id` is a misprint of `ids` (the example, API-FACTS and" +
        " the provider all use `ids`).",
      "No limit on the number of ids is documented (the provider sends at most 1000 per call).",
      "The page says 'You can only use version 1.0 to remove has[h] type blocklist rules', i.e. v1.2 removes path and connection rules only;" +
        " what v1.2 answers for a hash rule id is not documented. The emulator refuses the call (-32602, naming every hash rule id) and removes" +
        " nothing.",
      "companyId is 'The ID of the company to which the Blocklist item belongs' with the key's company as default: the emulator removes only" +
        " rules of that company, so removing a subordinate company's rule needs its companyId. Removing a rule also removes the copies a" +
        " recursive add made of it.",
      "The example response on the page repeats the request (no `result`), so no example result is recorded.",
    ],
    params: {
      companyId: {
        type: "string",
        required: false,
        doc: "The ID of the company to which the Blocklist item belongs. Default: the company of the API key.",
      },
      ids: {
        type: "array",
        required: true,
        items: "string",
        doc: "The IDs of the items to remove. 'Must be valid blocklist item IDs that you have access to.' Path and connection rules only (see assumptions).",
      },
    },
    result: { type: "boolean", doc: "Indicates if the operation was successful." },
    exampleRequest: { ids: ["6605882651f1f25d2708d2d7", "6605882651f1f25d2708d2d8"] },
    rateLimit: "5/min",
  },
  {
    module: "incidents",
    method: "getBlocklistItems",
    versions: ["v1.0"],
    pages: [LIST_PARTNER],
    fidelity: "assumed",
    assumptions: [
      "page and perPage are typed 'Number' on the page; they count pages and items, so they are recorded as integers (v1.2 says Integer).",
    ],
    params: {
      companyId: {
        type: "string",
        required: false,
        doc: "When set, the method lists only the items in the Blocklist for the company with the provided ID.",
      },
      page: { type: "integer", required: false, default: 1, doc: "The results page number. The default value is 1." },
      perPage: {
        type: "integer",
        required: false,
        default: 30,
        doc: "The number of items displayed in a page. The upper limit is 100 items per page. Default value: 30 items per page.",
      },
    },
    result: {
      type: "object",
      doc:
        "{items, page, pagesCount, perPage, total}; items are hash rules only: {id, hashType (1 SHA256, 2 MD5), hash, source (1 Incident, 2 Import," +
        " 3 Manual), sourceInfo, filename (only when known), companyId}.",
      example: {
        items: [
          {
            companyId: "5b680f6fb1a43d860a7b23c8",
            hash: "098f6bcd4621d373cade4e832627b4f6",
            hashType: 2,
            id: "5b7ac19bb1a43dfb107b23c6",
            source: 3,
            sourceInfo: "Added from public API",
          },
          {
            companyId: "5b680f6fb1a43d860a7b23c8",
            filename: "file.txt",
            hash: "f696282aa4cd4f614aa995190cf442fe",
            hashType: 2,
            id: "5b7ac19bb1a43dfb107b23c7",
            source: 1,
            sourceInfo: "Added from incident 1",
          },
        ],
        page: 1,
        pagesCount: 1,
        perPage: 30,
        total: 2,
      },
    },
    exampleRequest: { companyId: "5b680f6fb1a43d860a7b23c8" },
  },
  {
    module: "incidents",
    method: "getBlocklistItems",
    versions: ["v1.2"],
    pages: [LIST_PARTNER, LIST_CLOUD],
    fidelity: "assumed",
    assumptions: [
      "page and perPage are marked 'Mandatory' on the page, which gives each a default value (1 and 30): they are recorded as optional, with" +
        " those defaults.",
      "owner: the table names the member `username` ('The email address of the user'), the example `userName`; the emulator answers" +
        " {id, userName: the account's email}.",
      "source.type is answered in lower case (incident | import | manual) as in the example; the table capitalises the values.",
      "details of a hash rule are {algorithm: 'sha256' | 'md5', hash}, the form addToBlocklist v1.2 takes ('refer to addToBlocklist').",
    ],
    params: {
      companyId: {
        type: "string",
        required: false,
        doc:
          "The ID of the company the Blocklist items belong to; default: the API key's company. Listed on the partner page (77211) only; the cloud" +
          " page (77209) omits it.",
      },
      page: {
        type: "integer",
        required: false,
        default: 1,
        doc: "The number of the results page. Marked 'Mandatory' on the page, which nevertheless gives 'Default value: 1' (see assumptions).",
      },
      perPage: {
        type: "integer",
        required: false,
        default: 30,
        doc: "The number of items displayed in a page. Possible values: 1 - 100. Default value: 30. Marked 'Mandatory' on the page (see assumptions).",
      },
    },
    result: {
      type: "object",
      doc:
        "{total, page, perPage, pagesCount, items}; each item: id, type (hash | path | connection; the table words them 'hash', 'application path'," +
        " 'connection rule'), source {type: Incident | Import | Manual (example: 'manual'), description}, company {id, name}, owner {id, username" +
        " (table; 'The email address of the user') / userName (example)}, created (timestamp, e.g. 2025-07-15T12:44:22), details (the rule's settings" +
        " as in addToBlocklist).",
      example: {
        total: 4,
        page: 1,
        perPage: 100,
        pagesCount: 1,
        items: [
          {
            type: "connection",
            source: { type: "manual", description: "test" },
            company: { id: "686e0b158fee1c4cc30f59b2", name: "5YZ5J7VF4VJ8" },
            owner: { id: "686d418af2379428380497ee", userName: "[email protected]" },
            created: "2025-07-15T12:44:22",
            id: "687622f6132979b87b0e47a2",
            details: {
              remoteAddress: { any: false, ipMask: "10.10.10.12/32", portRange: "300-400" },
              localAddress: { any: false, ipMask: "10.10.10.12/32", portRange: "300-400" },
              directlyConnected: { enable: true, remoteMac: "AA:AA:AA:AA:AA:AA;CC:CC:CC:CC:CC:CC;BB:BB:BB:BB:BB:BB" },
              protocol: "ICMP",
              path: "C:\\test.exe",
              hash: "13f6331c638b68d4e7eab6ea60da5473",
              commandLine: "format C:\\",
              ipVersion: "IPV4",
              direction: "inbound",
              ruleName: "rule 1#",
              ruleId: "b09081b1-3651-4709-89af-731ba3c0d92c",
              operatingSystems: ["Windows"],
            },
          },
        ],
      },
    },
    exampleRequest: { companyId: "65fd7506e2354158650c7c32", page: 1, perPage: 100 },
  },
  {
    module: "incidents",
    method: "createIsolateEndpointTask",
    versions: ["v1.2"],
    pages: [ISOLATE_CLOUD],
    fidelity: "assumed",
    assumptions: [
      "An id that is not a visible endpoint, or names an unmanaged endpoint, counts as invalid: the call is refused (-32602) and no endpoint is" +
        " isolated. Repeated ids count once. Isolation takes effect at once (isIsolated in getManagedEndpointDetails).",
    ],
    params: {
      endpointIds: {
        type: "array",
        required: true,
        items: "string",
        doc:
          "The IDs of the endpoints to be isolated: 24 hexadecimal characters each, at most 1000 items. 'If any endpoint ID in the array is invalid," +
          " no endpoints will be isolated.' Needs a license that includes incidents.",
      },
    },
    result: {
      type: "array",
      doc: "A list of task IDs, with one task generated per company associated with the listed endpoints.",
    },
    exampleRequest: { endpointIds: ["5b680f6fb1a43d860a7b23c1", "3c780f6fb1a43d860a7b23c1"] },
  },
  {
    module: "incidents",
    method: "createIsolateEndpointTask",
    versions: ["v1.0"],
    pages: [ISOLATE_CLOUD],
    fidelity: "assumed",
    assumptions: [
      "The page's 'Version 1.0' (and 'Version 1.1') sections were not in the text read. The v1.0 shape is from seed-000 (VERIFIED LIVE 2026-06-21):" +
        " one `endpointId` per call; `endpointIds` is refused as 'not expected'.",
      "The v1.0 result is not documented in what was read; true is assumed (what the emulator answers). v1.1 is left out: its parameters are unknown.",
      "An unmanaged endpoint cannot be isolated (-32602).",
    ],
    params: {
      endpointId: { type: "string", required: true, doc: "The ID of the endpoint to isolate (a single id per call)." },
    },
    result: { type: "boolean", doc: "Assumed true when the task was created." },
  },
  {
    module: "incidents",
    method: "createRestoreEndpointFromIsolationTask",
    versions: ["v1.2"],
    pages: [RESTORE_PARTNER],
    fidelity: "assumed",
    assumptions: [
      "An id that is not a visible endpoint, or names an endpoint that is not isolated, counts as invalid: the call is refused (-32602) and no" +
        " endpoint is restored. Repeated ids count once.",
    ],
    params: {
      endpointIds: {
        type: "array",
        required: true,
        items: "string",
        doc:
          "The IDs of the endpoints to be restored from isolation: 24 hexadecimal characters each, at most 1000 items. 'If any endpoint ID in the" +
          " array is invalid, no endpoints will be restored from isolation.'",
      },
    },
    result: {
      type: "array",
      doc: "A list of task IDs, with one task generated per company associated with the listed endpoints.",
    },
    exampleRequest: { endpointIds: ["5b680f6fb1a43d860a7b23c1", "3c780f6fb1a43d860a7b23c1"] },
  },
  {
    module: "incidents",
    method: "createRestoreEndpointFromIsolationTask",
    versions: ["v1.0"],
    pages: [RESTORE_PARTNER],
    fidelity: "assumed",
    assumptions: [
      "The page's 'Version 1.0' section was not in the text read. From seed-000 (VERIFIED LIVE): one `endpointId` per call; it fails while the" +
        " isolation task is still in progress ('cannot be restored').",
      "The v1.0 result is not documented in what was read; true is assumed. v1.1 is left out: its parameters are unknown.",
    ],
    params: {
      endpointId: {
        type: "string",
        required: true,
        doc: "The ID of the endpoint to restore from isolation (a single id per call).",
      },
    },
    result: { type: "boolean", doc: "Assumed true when the task was created." },
  },
];
