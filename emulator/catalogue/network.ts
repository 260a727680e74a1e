/** The `network` API as the reference documents it (see types.ts). */
import type { MethodDoc, ParamDoc } from "./types";

/** Cloud (77209) and partner (77211) reference pages read for this module. */
const PAGE = {
  inventory: "https://www.bitdefender.com/business/support/en/77211-128494-getnetworkinventoryitems.html",
  inventoryCloud: "https://bitdefender-cn.com/help/en/77209-128494-getnetworkinventoryitems.html",
  inventoryOnPrem: "https://www.bitdefender.com/business/support/en/77212-128494-getnetworkinventoryitems.html",
  rootContainers: "https://bitdefender.com/business/support/en/77211-128493-getrootcontainers.html",
  endpointsList: "https://www.bitdefender.com/business/support/en/77209-128483-getendpointslist.html",
  endpointsListPartner: "https://bitdefender.com/business/support/en/77211-128483-getendpointslist.html",
  endpointsListOnPrem: "https://www.bitdefender.com/business/support/en/77212-128483-getendpointslist.html",
  endpointDetails: "https://www.bitdefender.com/business/support/en/77211-128484-getmanagedendpointdetails.html",
  endpointDetailsCloud: "https://www.bitdefender.com/business/support/en/77209-128484-getmanagedendpointdetails.html",
  customGroups: "https://www.bitdefender.com/business/support/en/77209-128488-getcustomgroupslist.html",
  deleteGroupOnPrem: "https://www.bitdefender.com/business/support/en/77212-128486-deletecustomgroup.html",
  setLabel: "https://www.bitdefender.com/business/support/en/77211-128492-setendpointlabel.html",
  tags: "https://www.bitdefender.com/business/support/en/77209-1554403-getendpointtags.html",
  scanTasks: "https://bitdefender.com/business/support/en/77211-128498-getscantaskslist.html",
  scanByMac: "https://www.bitdefender.com/business/support/en/77211-128496-createscantaskbymac.html",
  assignPolicy: "https://bitdefender.com/business/support/en/77209-924802-assignpolicy.html",
  assignPolicyOnPrem: "https://www.bitdefender.com/business/support/en/77212-128499-assignpolicy.html",
  companiesList: "https://www.bitdefender.com/business/support/en/77211-128478-getcompanieslist.html",
} as const;

/**
 * The pages type counts (page, perPage, viewType, status, type codes) as "Number"; every example uses
 * whole numbers and a fraction is meaningless for them, so the catalogue takes integers, as the emulator
 * always did (a fraction is refused).
 */
const INTEGER_NOTE =
  "Counts and codes the page types as Number (page, perPage, type/status/view codes) are taken as integers: the examples use whole numbers.";

/**
 * The network tree (77209-128488): every company has the system groups 'Computers and Groups' and
 * 'Deleted'; its custom groups and endpoints live under 'Computers and Groups'.
 */
const TREE_NOTE =
  "Tree (77209-128488): every company has the groups 'Computers and Groups' and 'Deleted'; its custom groups and endpoints live under " +
  "'Computers and Groups'. In inventory lists both system groups are root containers (type 2: getRootContainers 77211-128493 names " +
  "'Computers and Groups' a root container), without details; a company's direct children are its subordinate companies and these two groups.";

/** An optional Boolean filter/option switch with a documented default of false. */
function flag(doc: string): ParamDoc {
  return { type: "boolean", required: false, doc, default: false };
}

/** `filters.security.management`: documented on the getEndpointsList pages (first three seen; the rest as the emulator has them). */
const managementFilter: ParamDoc = {
  type: "object",
  required: false,
  doc: "Management filters. The result holds endpoints that match ANY selected filter in ALL sections and subsections.",
  fields: {
    managedWithBest: flag("Endpoints with the security agent installed on them."),
    managedExchangeServers: flag("Protected Exchange servers (requires a license that covers the service)."),
    managedRelays: flag("Endpoints with the Relay role."),
    securityServers: flag("Security Servers (not seen in the stored page excerpt; kept as the emulator has it)."),
    managedHvi: flag("Endpoints protected by HVI (not seen in the stored page excerpt; kept as the emulator has it)."),
  },
};

/** `filters` of getNetworkInventoryItems (both versions). */
const inventoryFilters: ParamDoc = {
  type: "object",
  required: false,
  doc: "The filters to use when querying the list (see Available filters). Some filters need a specific license, otherwise they are ignored.",
  fields: {
    type: {
      type: "object",
      required: false,
      doc: "Item types to return.",
      fields: {
        companies: flag("Filter all companies."),
        companyFolders: flag("Filter all folders containing companies."),
        groups: flag("Filter all custom groups of endpoints."),
        computers: flag(
          "Filter all computers (member seen on the on-premises page; the cloud excerpt ends before it).",
        ),
        virtualMachines: flag("Filter all virtual machines (as above)."),
        ec2Instances: flag("Filter all EC2 instances (as above)."),
        containerHosts: flag("Filter all container hosts (not seen; kept as the emulator has it)."),
        containers: flag("Filter all containers (not seen; kept as the emulator has it)."),
      },
    },
    security: { type: "object", required: false, doc: "Security filters.", fields: { management: managementFilter } },
    depth: {
      type: "object",
      required: false,
      doc: "Depth filters.",
      fields: { allItemsRecursively: flag("Return every item below the parent, not only its direct children.") },
    },
    details: {
      type: "object",
      required: false,
      doc: "Detail filters.",
      fields: {
        name: {
          type: "string",
          required: false,
          doc: "Partial match: items whose names equal or start with the value; a leading '*' matches the value anywhere in the name.",
        },
      },
    },
  },
};

/** `options` of getNetworkInventoryItems v1.1. */
const inventoryOptions: ParamDoc = {
  type: "object",
  required: false,
  doc: "Controls what information is included in the response (Available Options).",
  fields: {
    companies: {
      type: "object",
      required: false,
      doc: "Company options.",
      fields: {
        returnAllProducts: flag(
          "If true, information about all the products of the given company is present in the response.",
        ),
      },
    },
    endpoints: {
      type: "object",
      required: false,
      doc: "Endpoint options.",
      fields: {
        returnProductOutdated: flag("If true, the update status of the endpoints is present in the response."),
        includeScanLogs: flag("If true, the lastSuccessfulScan attribute is included in the response."),
      },
    },
  },
};

/** `filters` of getEndpointsList. */
const endpointFilters: ParamDoc = {
  type: "object",
  required: false,
  doc: "Parameters used to customize the type of endpoints to retrieve (Available Filters). Result: endpoints matching ANY filter in ALL sections.",
  fields: {
    security: { type: "object", required: false, doc: "Security filters.", fields: { management: managementFilter } },
    depth: {
      type: "object",
      required: false,
      doc: "Depth filters (not seen in the stored excerpt; the provider sends it).",
      fields: { allItemsRecursively: flag("Return every endpoint below the parent, not only its direct children.") },
    },
    details: {
      type: "object",
      required: false,
      doc: "Detail filters. `name` works with partial matching (prefix, or '*' for anywhere); the other members are the emulator's.",
      fields: {
        name: {
          type: "string",
          required: false,
          doc: "Partial name match (prefix, or a leading '*' for a match anywhere).",
        },
        label: { type: "string", required: false, doc: "Label match (not seen in the stored excerpt)." },
        ip: { type: "string", required: false, doc: "IP match (not seen in the stored excerpt)." },
        macs: { type: "string", required: false, doc: "MAC match (not seen in the stored excerpt)." },
        ssid: { type: "string", required: false, doc: "Active Directory SID match (not seen in the stored excerpt)." },
      },
    },
  },
};

/**
 * `options` of getEndpointsList, documented as Array (77209-128483) while the same kind of sections is an
 * Object on getNetworkInventoryItems: both forms are accepted (elements of the Array form are Objects of
 * sections, merged in order).
 */
const endpointListOptions: ParamDoc = {
  type: ["array", "object"],
  required: false,
  items: "object",
  doc: "A set of options that control what information is present in the response (Array; an Object of sections is accepted too).",
};

/** The Array-or-Object reading of `options`, shared by the getEndpointsList and getManagedEndpointDetails entries. */
const OPTIONS_NOTE =
  "`options` is typed Array while its content is described as sections, the form getNetworkInventoryItems types as Object and Bitdefender's " +
  "n8n node sends: both are accepted, an Object of sections or an Array of such Objects (merged in order; an empty Array = no options). " +
  "Refusing the Object form would refuse the vendor's own client; other Array elements (e.g. option names as strings) are refused.";

/** `viewType` of the on-premises list methods (virtualization views). */
const viewType: ParamDoc = {
  type: "integer",
  required: false,
  doc:
    "On-premises: view type of the virtual inventory. VMware: 1 Hosts and Clusters (default), 2 Virtual Machines; " +
    "Citrix XenServer: 3 Server (default), 4 Folder.",
  values: [1, 2, 3, 4],
};

/** The documented inventory item for a computer (type 5) from the page's example response. */
const inventoryExampleItem = {
  id: "21a295eeb1a43d8b497b24b7",
  name: "Computer",
  type: 5,
  parentId: "21a295eeb1a43d8b497b24b7",
  companyId: "21a295eeb1a43d8b497b24b7",
  details: {
    label: "endpoint 2",
    fqdn: "endpoint2.local",
    groupId: "5a5f4d36b1a43d5f097b23bb",
    isManaged: true,
    machineType: 2,
    operatingSystemVersion: "Windows Server",
    ip: "60.40.10.220",
    macs: ["324935237346"],
    modules: {
      advancedThreatControl: false,
      antimalware: true,
      contentControl: false,
      deviceControl: false,
      firewall: false,
      powerUser: false,
      networkAttackDefense: false,
    },
    ssid: "",
  },
};

const INVENTORY_ITEMS_DOC =
  "items[]: {id, name, parentId, companyId, type (1 company, 2 root container, 3 company folder, 4 group, 5 computer, 6 virtual machine, " +
  "7 EC2 instance, 14 container group, 15 container host folder, 16 container), details}. details is present for types 1, 5, 6, 7 and 16 " +
  "(so not for groups); for 5/6 it holds label, fqdn, groupId, isManaged, machineType (1 computer, 2 VM, 0 other), operatingSystemVersion, " +
  "ip, macs, ssid, managedWithBest, isContainerHost, managedExchangeServer, managedRelay, securityServer, managedWithNsx, managedWithVShield, " +
  "modules{advancedThreatControl, antimalware, contentControl, …} (the stored excerpt ends there: no `policy` member was seen, none is sent).";

/** Every documented `network` method the emulator answers or the provider calls. */
export const networkCatalogue: readonly MethodDoc[] = [
  {
    module: "network",
    method: "getNetworkInventoryItems",
    versions: ["v1.1"],
    pages: [PAGE.inventory, PAGE.inventoryCloud],
    fidelity: "assumed",
    assumptions: [
      "The stored page excerpts end inside the filters table: `type` shows companies, companyFolders, groups; `security.management` and " +
        "`details.name` are named. The other filter members are kept as the emulator and the on-premises page have them (accept, never require).",
      "The example request/response of the v1.1 page were not in the stored excerpt; no example is given for this entry.",
      "pagesCount and total are documented as present only in the first page of results (cloud page, Chinese mirror): the emulator sends " +
        "them on page 1 only; hasMoreRecords on every page.",
      TREE_NOTE,
      INTEGER_NOTE,
    ],
    params: {
      parentId: {
        type: "string",
        required: false,
        doc: "The ID of the target company or group. Default: the ID of the company the API key belongs to.",
      },
      filters: inventoryFilters,
      page: { type: "integer", required: false, doc: "The results page number. Default 1.", default: 1 },
      perPage: {
        type: "integer",
        required: false,
        doc: "Items per page. Possible values: 1 - 1000. Default 30.",
        default: 30,
      },
      options: inventoryOptions,
    },
    result: {
      type: "object",
      doc:
        "{page, pagesCount (first page only), perPage, total (first page only), hasMoreRecords (Boolean: more pages available), items[]}. " +
        INVENTORY_ITEMS_DOC,
    },
    rateLimit: "10/s",
    n8n: {
      file: "nodes/GravityZone/actions/network/getNetworkInventoryItems.operation.ts",
      sends: ["parentId", "page", "perPage", "filters", "options"],
      differences: "Sends to v1.1; its UI caps perPage at 100 (default 50) although v1.1 allows 1 - 1000.",
    },
  },
  {
    module: "network",
    method: "getNetworkInventoryItems",
    versions: ["v1.0"],
    pages: [PAGE.inventoryOnPrem],
    fidelity: "assumed",
    assumptions: [
      "The cloud/partner pages only link to a 'version 1.0' section that is not in the stored excerpts; this entry follows the on-premises " +
        "page (77212), which documents v1.0: parentId, filters, viewType (virtualization views), page, perPage ≤ 100.",
      "`options` is not seen for v1.0; it is accepted here (the emulator accepts it) so that a client sending it is not refused.",
      "`viewType` is on-premises only in what was read; accepted (1-4), never required, and ignored (no virtualization inventory).",
      "The example response (on-premises page) has no hasMoreRecords and shows pagesCount and total on page 2: v1.0 answers " +
        "{page, pagesCount, perPage, total, items} on every page, without hasMoreRecords.",
      TREE_NOTE,
      INTEGER_NOTE,
    ],
    params: {
      parentId: {
        type: "string",
        required: false,
        doc: "The ID of the target company or group. If not specified, items in the targets of the company linked to the API key.",
      },
      filters: inventoryFilters,
      viewType,
      page: { type: "integer", required: false, doc: "The results page number. Default 1.", default: 1 },
      perPage: {
        type: "integer",
        required: false,
        doc: "Items per page. The upper limit is 100. Default 30.",
        default: 30,
      },
      options: inventoryOptions,
    },
    result: {
      type: "object",
      doc: "{page, pagesCount, perPage, total, items[]}. " + INVENTORY_ITEMS_DOC,
      example: { page: 2, pagesCount: 11, perPage: 1, total: 11, items: [inventoryExampleItem] },
    },
    exampleRequest: {
      parentId: "5c373e1a1da1974a678b456d",
      perPage: 100,
      filters: { type: { groups: true }, depth: { allItemsRecursively: true } },
    },
    rateLimit: "10/s",
  },
  {
    module: "network",
    method: "getCompaniesList",
    versions: ["v1.0"],
    pages: [PAGE.companiesList],
    fidelity: "assumed",
    assumptions: [
      "Transcribed from the partner page (77211-128478): parentId, filters{companyType, licenseType} → an Array of {id, name}; no paging " +
        "parameters (a community pack found page/perPage refused). seed-000 says companies.getCompaniesList does not exist: this is network's.",
      "parentId may also be a company folder's ID; the emulator has no company folders.",
      INTEGER_NOTE,
    ],
    params: {
      parentId: {
        type: "string",
        required: false,
        doc: "The parent company's ID or the company folder's ID. The default value is the ID of the parent company.",
      },
      filters: {
        type: "object",
        required: false,
        doc: "The filters to apply on the returned list.",
        fields: {
          companyType: {
            type: "integer",
            required: false,
            doc: "0 - partner companies, 1 - customer companies.",
            values: [0, 1],
          },
          licenseType: {
            type: "integer",
            required: false,
            doc: "1 - companies with trial license key, 2 - with yearly license key, 3 - with monthly license key.",
            values: [1, 2, 3],
          },
        },
      },
    },
    result: {
      type: "array",
      doc: "An Array of the companies under the parent company, each {id, name}; not paged.",
      example: [
        { id: "54a295eeb1a43d8b497b23c6", name: "Partner Company Trial 1" },
        { id: "54a295d8b1a43d7c4a7b23c6", name: "Partner Company Trial 2" },
      ],
    },
    exampleRequest: { parentId: "54a28b41b1a43d89367b23fd", filters: { companyType: 0, licenseType: 1 } },
    rateLimit: "10/s",
  },
  {
    module: "network",
    method: "getRootContainers",
    versions: ["v1.0"],
    pages: [PAGE.rootContainers],
    fidelity: "assumed",
    assumptions: [
      "Which root containers a company has is not listed ('special groups, such as: Companies, Network, Computers and Groups'; the example " +
        "shows Companies and Network). The emulator answers the company's 'Computers and Groups' and 'Deleted' (77209-128488), the same ids " +
        "getCustomGroupsList gives; partner containers such as 'Companies' are not modelled. A client should pick a container by name, not position.",
    ],
    params: {
      companyId: {
        type: "string",
        required: false,
        doc: "The company whose root containers are returned. If null, the company linked to the API access key.",
      },
    },
    result: {
      type: "array",
      doc: "The root containers (special groups such as Companies, Network, Computers and Groups): each {id, name}.",
      example: [
        { id: "5582c385b1a43deb7f7b23c6", name: "Companies" },
        { id: "5582d3b3b1a43d897f7b23c8", name: "Network" },
      ],
    },
    exampleRequest: { companyId: "559bd17ab1a43d241b7b23c6" },
    rateLimit: "10/s",
  },
  {
    module: "network",
    method: "getEndpointsList",
    versions: ["v1.1"],
    pages: [PAGE.endpointsList, PAGE.endpointsListPartner],
    fidelity: "assumed",
    assumptions: [
      OPTIONS_NOTE,
      "parentId: 'If not specified, the method returns items that are in the targets of the company linked to the API key.' A company (or no " +
        "parentId) gives the endpoints directly in its 'Computers and Groups' (as the v1.0 page says: 'If not specified or set with a company " +
        "ID, the method returns only the endpoints under Computers and Groups'), and with depth.allItemsRecursively every endpoint below it.",
      "The list items carry no `policy` member (none is documented).",
      INTEGER_NOTE,
      "The stored excerpts end inside the filters table (security.management: managedWithBest, managedExchangeServers, managedRelays, …) and " +
        "before the return value; the other filter members and the result shape follow the emulator and API-FACTS (paged {items}).",
      "viewType is not documented for v1.1 (on-premises v1.0 only); it is not accepted here.",
    ],
    params: {
      parentId: {
        type: "string",
        required: false,
        doc: "The ID of the target company or group. If not specified, items in the targets of the company linked to the API key.",
      },
      isManaged: {
        type: "boolean",
        required: false,
        doc: "List managed or unmanaged endpoints. Not set by default (all endpoints); true: only managed endpoints.",
      },
      page: { type: "integer", required: false, doc: "The results page number. Default 1.", default: 1 },
      perPage: {
        type: "integer",
        required: false,
        doc: "Items per page. Possible values: 1 - 1000. Default 30.",
        default: 30,
      },
      filters: endpointFilters,
      options: endpointListOptions,
    },
    result: {
      type: "object",
      doc:
        "Paged: {page, pagesCount, perPage, total, items[{id, name, label, fqdn, groupId, isManaged, machineType, " +
        "operatingSystemVersion, ip, macs, ssid, …}]} (not seen in the stored excerpt).",
    },
    rateLimit: "10/s",
    n8n: {
      file: "nodes/GravityZone/actions/network/getEndpointsList.operation.ts",
      sends: ["parentId", "isManaged", "filters", "options", "page", "perPage"],
      differences: "Sends to v1.1; `options` is sent as a JSON object; its UI caps perPage at 100 (default 50).",
    },
  },
  {
    module: "network",
    method: "getEndpointsList",
    versions: ["v1.0"],
    pages: [PAGE.endpointsListOnPrem],
    fidelity: "assumed",
    assumptions: [
      "The cloud page's v1.0 section is not in the stored excerpts; this follows the on-premises page (77212): parentId, isManaged, viewType, " +
        "page, perPage ≤ 100, filters, options (Array).",
      "On-premises wording for parentId: 'If not specified or set with a company ID, the method returns only the endpoints under Computers and Groups.'",
      OPTIONS_NOTE,
      INTEGER_NOTE,
    ],
    params: {
      parentId: {
        type: "string",
        required: false,
        doc: "The ID of the target company or group. Not specified or a company ID: only the endpoints under Computers and Groups.",
      },
      isManaged: {
        type: "boolean",
        required: false,
        doc: "Not set by default (all endpoints); true: only managed endpoints.",
      },
      viewType,
      page: { type: "integer", required: false, doc: "The results page number. Default 1.", default: 1 },
      perPage: {
        type: "integer",
        required: false,
        doc: "Items per page. The upper limit is 100. Default 30.",
        default: 30,
      },
      filters: endpointFilters,
      options: endpointListOptions,
    },
    result: { type: "object", doc: "Paged: {page, pagesCount, perPage, total, items[]} (as v1.1)." },
    rateLimit: "10/s",
  },
  {
    module: "network",
    method: "getManagedEndpointDetails",
    versions: ["v1.0"],
    pages: [PAGE.endpointDetails, PAGE.endpointDetailsCloud],
    fidelity: "assumed",
    assumptions: [
      "`options` is on the partner page (77211) as Array with the section includeScanLogs; the cloud page (77209) does not list it.",
      OPTIONS_NOTE,
      "`group` {id, name} names the endpoint's group: a custom group or the company's 'Computers and Groups' (not seen in the excerpts).",
      "The stored excerpts end inside the `agent` member; `policy`, `modules`, `malwareStatus`, `group` and the rest are not seen. seed-000 " +
        "(VERIFIED LIVE) lists malwareStatus, agent, modules, state, policy, companyId, lastSeen; API-FACTS gives policy{id, name, applied}.",
      "No example request/response was seen.",
    ],
    params: {
      endpointId: {
        type: "string",
        required: true,
        doc: "The ID of the endpoint for which the details will be returned. Must belong to a managed endpoint (on-premises wording).",
      },
      options: {
        type: ["array", "object"],
        required: false,
        items: "object",
        doc: "Options that control what is present in the response: includeScanLogs (Boolean, default false) adds lastSuccessfulScan.",
        fields: { includeScanLogs: flag("If true, the lastSuccessfulScan attribute is included in the API response.") },
      },
    },
    result: {
      type: "object",
      doc:
        "{id, name, companyId, operatingSystem, state (1 online, 2 offline, 3 suspended, 0 unknown), ip, lastSeen, machineType (1 computer, " +
        "2 VM, 3 EC2 instance, 0 other), agent{engineVersion, primaryEngine (1 central, 2 hybrid, 3 local, 0 unknown), fallbackEngine, lastUpdate, " +
        "licensed (0 pending authentication, 1 active, 2 expired, 6 none), productOutdated, productUpdateDisabled, …}, …}; " +
        "live (seed-000): also malwareStatus, modules, policy.",
    },
    rateLimit: "10/s",
  },
  {
    module: "network",
    method: "createCustomGroup",
    versions: ["v1.0"],
    pages: [],
    fidelity: "assumed",
    assumptions: [
      "No createCustomGroup page was found in the stored pages. API-FACTS ([D], read earlier): {groupName (required), parentId?} → the new group's id.",
      "seed-000 writes `name` instead of `groupName`; the official name is kept. Accept only groupName, parentId (a `name` is refused as not expected).",
      "parentId must be a group id: a custom group or a company's 'Computers and Groups' (getCustomGroupsList with the company id gives it). " +
        "Where a group sent to a company id would land is not documented, so a company id is refused (-32602), as is 'Deleted'.",
      "parentId omitted: API-FACTS marks it optional, so it has a default; the group goes to the API key's company's 'Computers and Groups' " +
        "(where custom groups live, 77209-128488). A client that always names the parent group is right under every reading.",
      "Name rules (the emulator's own): ≤ 128 characters, no HTML, unique case-insensitively among the parent's groups.",
    ],
    params: {
      groupName: { type: "string", required: true, doc: "The name for the new group." },
      parentId: {
        type: "string",
        required: false,
        doc: "The ID of the parent group: a custom group or a company's 'Computers and Groups'. Omitted: the key's company's 'Computers and Groups' (assumed).",
      },
    },
    result: { type: "string", doc: "The ID of the new group." },
    rateLimit: "10/s",
  },
  {
    module: "network",
    method: "getCustomGroupsList",
    versions: ["v1.0"],
    pages: [PAGE.customGroups],
    fidelity: "verified",
    assumptions: [],
    params: {
      parentId: {
        type: "string",
        required: false,
        doc:
          "The ID of the parent group for which the child groups will be listed. 'Computers and Groups' and 'Deleted' groups are returned " +
          "if the passed parameter is null or a company ID.",
      },
    },
    result: {
      type: "array",
      doc: "The groups located under the specified parent, each {id, name}. Not paged (no page/perPage parameters).",
      example: [
        { id: "5582c385b1a43deb7f7b23c6", name: "myGroup1" },
        { id: "5582d3b3b1a43d897f7b23c8", name: "myGroup2" },
      ],
    },
    exampleRequest: { parentId: "5582c0acb1a43d9f7f7b23c6" },
    rateLimit: "10/s",
  },
  {
    module: "network",
    method: "moveCustomGroup",
    versions: ["v1.0"],
    pages: [],
    fidelity: "assumed",
    assumptions: [
      "No moveCustomGroup page was found in the stored pages. seed-000 (VERIFIED LIVE): {groupId, parentId} — `parentId`, not `newParentId`.",
      "Both are treated as required and the result as null (like the other group writes); a client should accept any result.",
      "parentId must be a group id of the same company: a custom group or the company's 'Computers and Groups'. A company id is refused " +
        "(not documented as a target), and so is 'Deleted'. The system groups themselves cannot be moved (77209-128488 names them as the " +
        "company's own; assumed).",
    ],
    params: {
      groupId: { type: "string", required: true, doc: "The ID of the custom group to move." },
      parentId: { type: "string", required: true, doc: "The ID of the new parent group." },
    },
    result: { type: ["null", "boolean"], doc: "No documented value (assumed null, as deleteCustomGroup)." },
    rateLimit: "10/s",
  },
  {
    module: "network",
    method: "deleteCustomGroup",
    versions: ["v1.0"],
    pages: [PAGE.deleteGroupOnPrem],
    fidelity: "assumed",
    assumptions: [
      "Only the on-premises page (77212) was found in the stored pages (no cloud/partner page found); cloud is assumed to match: " +
        "groupId (String, required), force (Boolean, optional, default False) → no value.",
      "What force does to the group's contents is not documented: the emulator deletes the subgroups and moves the endpoints to the " +
        "company's 'Computers and Groups'.",
      "The system groups ('Computers and Groups', 'Deleted') cannot be deleted (assumed; the page speaks of custom groups).",
    ],
    params: {
      groupId: { type: "string", required: true, doc: "The ID of the custom group to be deleted." },
      force: {
        type: "boolean",
        required: false,
        doc: "Force delete when group is not empty. By default, False.",
        default: false,
      },
    },
    result: { type: "null", doc: "This method does not return any value.", example: null },
    exampleRequest: { groupId: "559bd17ab1a43d241b7b23c6", force: true },
    rateLimit: "10/s",
  },
  {
    module: "network",
    method: "moveEndpoints",
    versions: ["v1.0"],
    pages: [],
    fidelity: "assumed",
    assumptions: [
      "The page (https://www.bitdefender.com/business/support/en/77209-128489-moveendpoints.html, linked from Pipedream's docs) is not in the " +
        "stored pages. seed-000 (VERIFIED): {endpointIds[], groupId}.",
      "Result assumed null like moveEndpointsBetweenCompanies (77211-128490: 'This method does not return any value').",
      "groupId must be a group of the endpoints' company: a custom group or its 'Computers and Groups'. A company id and 'Deleted' are " +
        "refused (assumed, as for createCustomGroup).",
    ],
    params: {
      endpointIds: { type: "array", required: true, doc: "The IDs of the endpoints to move.", items: "string" },
      groupId: { type: "string", required: true, doc: "The ID of the destination group." },
    },
    result: { type: "null", doc: "No value (assumed)." },
    rateLimit: "10/s",
  },
  {
    module: "network",
    method: "deleteEndpoint",
    versions: ["v1.0"],
    pages: [],
    fidelity: "assumed",
    assumptions: [
      "No deleteEndpoint page was found in the stored pages. seed-000 (VERIFIED, destructive): {endpointId}.",
      "Result assumed null. D3's integration notes list 'Delete Endpoints' among the 30 requests/minute methods (API rate limits page).",
    ],
    params: { endpointId: { type: "string", required: true, doc: "The ID of the endpoint to delete." } },
    result: { type: ["null", "boolean"], doc: "No documented value (assumed null)." },
    rateLimit: "30/min",
  },
  {
    module: "network",
    method: "setEndpointLabel",
    versions: ["v1.0"],
    pages: [PAGE.setLabel],
    fidelity: "verified",
    assumptions: [],
    params: {
      endpointId: { type: "string", required: true, doc: "The endpoint ID." },
      label: {
        type: "string",
        required: true,
        doc: "The label. The maximum allowed length is 64 characters. An empty string resets a previously set label.",
      },
    },
    result: { type: "boolean", doc: "True when the label was successfully set.", example: true },
    exampleRequest: { endpointId: "5a30e7730041d70cc09f244b", label: "label with url http://test.com?a=12&b=wow" },
    rateLimit: "10/s",
  },
  {
    module: "network",
    method: "getEndpointTags",
    versions: ["v1.0"],
    pages: [PAGE.tags],
    fidelity: "assumed",
    assumptions: [
      "Parameters are transcribed from the page. The stored excerpt ends before the values of `type`, the members of `company` and `rules`, and " +
        "the example; no `id` or endpoint count is listed among the result attributes.",
      "The page has no companyId parameter ('endpoint tags within your company'): the emulator lists the tags of the key's company and of " +
        "the companies below it, one per company and name.",
      "type values are cut off: assumed 1 Custom, 2 Automatic (ASC on type puts Custom tags before Automatic ones). company: assumed {id, name}. " +
        "created: assumed 'YYYY-MM-DDTHH:MM:SS'. rules: null for a Custom tag (assumed). The answer is the Array of the requested page's tags.",
      "perPage's default is cut off in the stored excerpt: assumed 30, as on the other list methods.",
    ],
    params: {
      orderBy: {
        type: "string",
        required: false,
        doc: "Sort criterion: name, type (Custom or Automatic) or created. Default created.",
        values: ["name", "type", "created"],
        default: "created",
      },
      order: {
        type: "string",
        required: false,
        doc: "Sort order. Default DESC.",
        values: ["ASC", "DESC"],
        default: "DESC",
      },
      page: { type: "integer", required: false, doc: "The results page number. Default 1.", default: 1 },
      perPage: {
        type: "integer",
        required: false,
        doc: "Results per page. The upper limit is 100 items per page. Default (assumed) 30.",
        default: 30,
      },
    },
    result: {
      type: "array",
      doc:
        "Array of Objects: {name (String), type (Integer: Custom or Automatic), description (String), company (Object), created (String), " +
        "rules (Object: the rules of an Automatic tag, e.g. endpointName)}.",
    },
    rateLimit: "10/s",
  },
  {
    module: "network",
    method: "createScanTask",
    versions: ["v1.0"],
    pages: [PAGE.scanByMac],
    fidelity: "assumed",
    assumptions: [
      "The createScanTask page (https://www.bitdefender.com/business/support/en/77209-128495-createscantask.html, linked by the n8n node) is not in " +
        "the stored pages. Parameters: seed-000 (VERIFIED) and the n8n node; customScanSettings as on the createScanTaskByMac page (77211-128496).",
      "createScanTaskByMac: customScanSettings 'should be set only when type has the value 4 - Custom scan. When set for other types, the values " +
        "will be ignored.' — so it is accepted with any type here.",
      "returnAllTaskIds (sent by n8n): with it the result is assumed to be the array of the new task ids; otherwise true.",
      INTEGER_NOTE,
    ],
    params: {
      targetIds: {
        type: "array",
        required: true,
        doc: "The IDs of the endpoints or containers to scan.",
        items: "string",
      },
      type: {
        type: "integer",
        required: true,
        doc: "The type of scan: 1 quick, 2 full, 3 memory, 4 custom.",
        values: [1, 2, 3, 4],
      },
      name: {
        type: "string",
        required: false,
        doc: "The name of the task. If not passed, the name is generated automatically.",
      },
      customScanSettings: {
        type: ["object", "array"],
        required: false,
        doc: "For type 4 (custom): {scanDepth: 1 aggressive | 2 normal | 3 permissive, scanPath: [paths]}; ignored for other types.",
      },
      returnAllTaskIds: {
        type: "boolean",
        required: false,
        doc: "Return all task IDs created as a result of the request (n8n).",
        default: false,
      },
    },
    result: {
      type: ["boolean", "array"],
      doc: "True on success; the created task ids with returnAllTaskIds (assumed).",
    },
    rateLimit: "30/min",
    n8n: {
      file: "nodes/GravityZone/actions/network/createScanTask.operation.ts",
      sends: ["targetIds", "type", "name", "customScanSettings", "returnAllTaskIds"],
      differences: "targetIds is typed as a comma-separated string and split into an array; sent to v1.0.",
    },
  },
  {
    module: "network",
    method: "getScanTasksList",
    versions: ["v1.0"],
    pages: [PAGE.scanTasks],
    fidelity: "assumed",
    assumptions: [INTEGER_NOTE],
    params: {
      name: {
        type: "string",
        required: false,
        doc: "Filter by task name: names starting with the keyword; a leading '*' matches the keyword anywhere in the name.",
      },
      status: {
        type: "integer",
        required: false,
        doc: "The status of the task: 1 pending, 2 in progress, 3 finished.",
        values: [1, 2, 3],
      },
      page: { type: "integer", required: false, doc: "The results page number. Default 1.", default: 1 },
      perPage: {
        type: "integer",
        required: false,
        doc: "Items per page. The upper limit is 100. Default 30.",
        default: 30,
      },
    },
    result: {
      type: "object",
      doc: "{page, pagesCount, perPage, total, items[{id, name, status, startDate}]}.",
      example: {
        page: 2,
        pagesCount: 11,
        perPage: 5,
        total: 54,
        items: [
          { id: "21a295eeb1a43d8b497b23b7", name: "task 1", status: 1, startDate: "2015-08-21T23:48:16" },
          { id: "21a295eeb1a43d8b497b23b8", name: "task 2", status: 1, startDate: "2015-08-21T10:21:15" },
        ],
      },
    },
    exampleRequest: { status: 1, page: 2, perPage: 5 },
    rateLimit: "10/s",
  },
  {
    module: "network",
    method: "assignPolicy",
    versions: ["v1.0"],
    pages: [PAGE.assignPolicy, PAGE.assignPolicyOnPrem],
    fidelity: "assumed",
    assumptions: [
      "forcePolicyInheritance without policyId is refused (-32602): 'To use this parameter, policyId must be included in the request.'",
      "'The policy is not assigned to targets that have an enforced policy': a target on which a policy is forced from above (an ancestor " +
        "assigned with forcePolicyInheritance) keeps it. The answer is false when any target was skipped (assumed: the stricter reading of " +
        "'assigned to one or more targets'; the other targets are still assigned), true when all were assigned.",
      "Targets: the pages name endpoints (cloud) and containers (on-premises); the emulator also takes companies and groups (including " +
        "'Computers and Groups'), the containers the tree has.",
      "The live quirk (seed-000, verified live) wins over the page text: a policyId needs inheritFromAbove:false.",
    ],
    params: {
      targetIds: {
        type: "array",
        required: true,
        doc: "The IDs of the endpoints you want to assign the policy to (cloud); 'The target ID can designate an endpoint or a container' (on-premises).",
        items: "string",
      },
      inheritFromAbove: {
        type: "boolean",
        required: false,
        doc:
          "If true, the targets inherit the policy of the parent containers (no parent or no specific policy there: the default policy). " +
          "'You can not use this parameter if policyId or forcePolicyInheritance is present in the request.' Default true. The page's own " +
          "example sends inheritFromAbove:false with a policyId; live (seed-000) a policyId is refused unless inheritFromAbove:false is sent.",
        default: true,
      },
      policyId: {
        type: "string",
        required: false,
        doc: "The ID of the policy to assign. 'If not included in the request, the inheritFromAbove must be present in the request and set to true.'",
      },
      forcePolicyInheritance: {
        type: "boolean",
        required: false,
        doc: "If true, the policy is also assigned to all the child endpoints of the selected targets. 'To use this parameter, policyId must be included.'",
        default: false,
      },
    },
    result: {
      type: "boolean",
      doc:
        "Indicates if the operation was successful and the policy was successfully assigned to one or more targets. " +
        "'The policy is not assigned to targets that have an enforced policy.'",
      example: true,
    },
    exampleRequest: {
      targetIds: ["56728d66b1a43de92c7****", "69738d66b1a43de92c71****"],
      inheritFromAbove: false,
      policyId: "55828d66b1a43de92c71****",
      forcePolicyInheritance: true,
    },
    rateLimit: "5/min",
  },
];
