/** The `packages` API as the reference documents it (see types.ts). */
import type { MethodDoc, ParamDoc } from "./types";

const BASE = "https://www.bitdefender.com/business/support/en/";

/** A 0/1 module or role switch. */
const zeroOne = (doc: string): ParamDoc => ({ type: "integer", required: false, doc, values: [1, 0] });

/** The package languages the createPackage/updatePackage pages list. */
export const PACKAGE_LANGUAGES = [
  "en_US",
  "es_ES",
  "de_DE",
  "fr_FR",
  "ro_RO",
  "pl_PL",
  "pt_BR",
  "it_IT",
  "ru_RU",
] as const;

/** A scan engine choice (`main` / `fallback`): 1 central (Security Server), 2 hybrid (light engines), 3 local (full engines). */
const engine = (doc: string): ParamDoc => ({ type: "integer", required: false, doc, values: [1, 2, 3] });

/** The engines of one kind of machine (`computers`, `vms`, `ec2`). */
const engines = (what: string): ParamDoc => ({
  type: "object",
  required: false,
  doc: `Scan engines for ${what}: main and fallback (1 Central Scanning with Security Server, 2 Hybrid Scanning, 3 Local Scanning).`,
  fields: { main: engine("The main scanning engine."), fallback: engine("The fallback scanning engine.") },
});

/** The `modules` object of createPackage/updatePackage: each key 1 (enabled) or 0 (disabled). */
const MODULES: ParamDoc = {
  type: "object",
  required: false,
  doc:
    'Modules to enable (1) or disable (0). "If the module is not sent, it will be considered disabled." EDR (Report only) needs edrSensor, ' +
    "contentControl, networkAttackDefense and advancedThreatControl set to 1 and all others 0; for Detection and prevention all modules default to 0.",
  fields: {
    advancedThreatControl: zeroOne("Advanced Threat Control."),
    atc: zeroOne('Deprecated alias of advancedThreatControl ("The atc module is deprecated").'),
    firewall: zeroOne("Firewall."),
    contentControl: zeroOne(
      "Deprecated. When present its value is also assigned to userControl, antiphishing and trafficScan; a different value for any of those three is an error.",
    ),
    userControl: zeroOne("User control (takes contentControl's value when contentControl is sent)."),
    antiphishing: zeroOne("Antiphishing (takes contentControl's value when contentControl is sent)."),
    trafficScan: zeroOne("Traffic scan (takes contentControl's value when contentControl is sent)."),
    deviceControl: zeroOne("Device Control."),
    powerUser: zeroOne("Power User."),
    edrSensor: zeroOne("EDR sensor."),
    advancedAntiExploit: zeroOne("Advanced Anti-Exploit."),
    containerProtection: zeroOne("Container Protection."),
    encryption: zeroOne("Encryption."),
    patchManagement: zeroOne("Patch Management."),
    networkAttackDefense: zeroOne("Network Attack Defense."),
    integrityMonitoring: zeroOne("Integrity Monitoring."),
  },
};

/** The `scanMode` object of createPackage/updatePackage. */
const SCAN_MODE: ParamDoc = {
  type: "object",
  required: false,
  doc:
    "Scan mode settings. Accepted keys: type, vms, computers, and ec2 if the AWS integration is set up. With type 2 the computers, vms and ec2 keys " +
    'need to be sent, "otherwise the default values will be filled by the system".',
  fields: {
    type: { type: "integer", required: false, doc: "1 (automatic) or 2 (custom mode).", values: [1, 2] },
    computers: engines("computers"),
    vms: engines("virtual machines"),
    ec2: engines("Amazon EC2 instances (only with the AWS integration)"),
  },
};

/** The parameters createPackage and updatePackage share (after the package name). */
const PACKAGE_FIELDS: Record<string, ParamDoc> = {
  description: {
    type: "string",
    required: false,
    doc: 'The description of the package. "If no value is passed, the description will be an empty string."',
  },
  language: {
    type: "string",
    required: false,
    doc: 'The language of the package, LL_CC. "If not specified, the default value is en_US."',
    values: PACKAGE_LANGUAGES,
    default: "en_US",
  },
  modules: MODULES,
  scanMode: SCAN_MODE,
  settings: {
    type: "object",
    required: false,
    doc: 'Other settings of the package (members not readable in the stored page; getPackageDetails\' list starts "scanBefor…" and is cut). Open object.',
  },
  roles: {
    type: "object",
    required: false,
    doc: '"An object containing the roles to be enabled or disabled" (members not readable in the stored page). Open object.',
  },
  deploymentOptions: {
    type: "object",
    required: false,
    doc: '"An object containing installation options" (members not readable in the stored page). Open object.',
  },
  productType: {
    type: "integer",
    required: false,
    doc:
      "The operation mode of the security agent: 0 Detection and prevention, 3 EDR (Report only), 5 PHASR Standalone. " +
      "Bitdefender EDR users can only create EDR (Report only) packages.",
    values: [0, 3, 5],
  },
};

/** Every documented `packages` method the emulator answers or the provider calls. */
export const packagesCatalogue: readonly MethodDoc[] = [
  {
    module: "packages",
    method: "createPackage",
    versions: ["v1.0"],
    pages: [`${BASE}77211-135298-createpackage.html`],
    fidelity: "assumed",
    assumptions: [
      "The stored copy of the page is cut after scanMode: the members of settings, roles and deploymentOptions, the productType value list, " +
        "the return value and the example were not readable. settings/roles/deploymentOptions are left open objects.",
      "productType values 0/3/5 come from Bitdefender's own n8n node (Detection and Prevention, EDR (Report Only), PHASR Standalone).",
      'Result: a string (the new package id), as seed-000 ("Returns the new package id") and every other create* method of the API document; ' +
        "no documented or community source for an object/array form (e.g. {success, records}) was found.",
      "companyId is on the partners page (77211); the on-premises page (77212-135298) has no companyId. Kept optional.",
      'atc is accepted as the deprecated alias the page warns about ("The atc module is deprecated. It is recommended to use ' +
        'advancedThreatControl instead."): it sets advancedThreatControl; atc and advancedThreatControl with different values are refused, ' +
        "like contentControl and its three keys.",
      'productType is "Number" on the page; its values (0, 3, 5) are integers, so the type is integer (a fraction is refused).',
      'EDR (Report only) (productType 3): the modules "must have the default configuration" (edrSensor, contentControl, networkAttackDefense, ' +
        'advancedThreatControl 1, all others 0). Any other configuration, including none sent ("not sent = disabled"), is refused: a client ' +
        "that sends that configuration is right whether the server refuses or overrides. The PHASR Standalone (5) rule is cut off and not enforced.",
      'scanMode.type is not marked mandatory: omitted = 1 (automatic). With type 2 and no computers/vms, "the default values will be ' +
        'filled by the system": main engine 3 (Local Scanning) is assumed. ec2 is accepted only "if the AWS integration is set up"; the ' +
        "emulator has no AWS integration and refuses it.",
      'roles members are not readable: any member name is accepted, with the modules\' 1/0 values ("roles to be enabled or disabled").',
      "Not sent scanMode/settings/roles/deploymentOptions/productType take their defaults ({type: 1}, {}, {}, {}, 0): the page is silent.",
    ],
    params: {
      packageName: { type: "string", required: true, doc: "The name of the package." },
      companyId: {
        type: "string",
        required: false,
        doc: "The ID of the company. Default: the company linked to the user who generated the API key.",
      },
      ...PACKAGE_FIELDS,
    },
    result: {
      type: "string",
      doc: "The ID of the created package (not readable in the stored page; see assumptions).",
    },
    rateLimit: "10/s",
    n8n: {
      file: "nodes/GravityZone/actions/packages/createPackage.operation.ts",
      sends: [
        "packageName",
        "description",
        "language",
        "modules",
        "scanMode",
        "settings",
        "roles",
        "deploymentOptions",
        "productType",
      ],
      differences: "Never sends companyId (links the cloud page 77209-135298); omits description/language when empty.",
    },
  },
  {
    module: "packages",
    method: "updatePackage",
    versions: ["v1.0"],
    pages: [`${BASE}77209-532512-updatepackage.html`, `${BASE}77211-532512-updatepackage.html`],
    fidelity: "assumed",
    assumptions: [
      "The stored pages are cut before the return value: the result is assumed to be true (Boolean) or null, which is what updateAccount and " +
        "deleteAccount document; the emulator answers true.",
      "companyId is listed on the partners page (77211-532512) only; the cloud page (77209-532512) has no companyId. Kept optional.",
      'The page describes omitted fields as reset, not kept: description "If no value is passed, the description will be an empty string", ' +
        'language "If not specified, the default value is en_US", modules "If the module is not sent, it will be considered disabled". ' +
        "An update therefore replaces the whole package configuration.",
      "settings/roles/deploymentOptions members and the productType value list were not readable; see createPackage.",
      "Not sent scanMode, settings, roles, deploymentOptions and productType: the pages are silent. The stricter reading for a client is " +
        "taken: they are reset to createPackage's defaults ({type: 1}, {}, {}, {}, 0) like description, language and modules, so a client " +
        "must send the whole configuration on every update.",
      "companyId, when sent, must be the package's own company (it cannot move a package); assumed, the page gives no rule.",
      "The EDR (Report only) module rule, the contentControl/atc rules and the scanMode defaults of createPackage apply.",
    ],
    params: {
      packageId: { type: "string", required: true, doc: "The ID of the package." },
      packageName: { type: "string", required: true, doc: "The name of the package." },
      companyId: {
        type: "string",
        required: false,
        doc: "The ID of the company (partners page only). Default: the company linked to the user who generated the API key.",
      },
      ...PACKAGE_FIELDS,
    },
    result: {
      type: ["boolean", "null"],
      doc: "Not readable in the stored page; assumed true on success (null tolerated).",
    },
    rateLimit: "10/s",
    n8n: {
      file: "nodes/GravityZone/actions/packages/updatePackage.operation.ts",
      sends: [
        "packageId",
        "packageName",
        "description",
        "language",
        "modules",
        "scanMode",
        "settings",
        "roles",
        "deploymentOptions",
        "productType",
      ],
      differences:
        'Never sends companyId; omits description/language when empty (which, per the page, resets them to "" / en_US).',
    },
  },
  {
    module: "packages",
    method: "getPackagesList",
    versions: ["v1.0"],
    pages: [`${BASE}77211-135299-getpackageslist.html`],
    fidelity: "verified",
    assumptions: [],
    params: {
      companyId: {
        type: "string",
        required: false,
        doc: "The company whose packages are listed. Default: the company of the user who generated the API key.",
      },
      page: { type: "number", required: false, doc: "The page number of results. Default 1.", default: 1 },
      perPage: { type: "number", required: false, doc: "Items per page; upper limit 100. Default 30.", default: 30 },
    },
    result: {
      type: "object",
      doc:
        "{page, pagesCount, perPage, total, items}; each item {id, name, type} where type is 3 for SVA (Security Server) or 4 for Bitdefender " +
        "Endpoint Security Tools (the on-premises page adds 5 Sandbox Analyzer, 6 Network Sensor appliance).",
      example: {
        page: 1,
        pagesCount: 1,
        perPage: 5,
        total: 1,
        items: [{ id: "55b8c1bfb1a43dd71071071b", name: "Package Test", type: 3 }],
      },
    },
    exampleRequest: { page: 1, perPage: 5 },
    rateLimit: "10/s",
    n8n: {
      file: "nodes/GravityZone/actions/packages/getPackagesList.operation.ts",
      sends: ["companyId", "page", "perPage"],
      differences: "Seen only in the node's tests (the operation file is not in the indexed listing).",
    },
  },
  {
    module: "packages",
    method: "getPackageDetails",
    versions: ["v1.0"],
    pages: [`${BASE}77209-135301-getpackagedetails.html`, `${BASE}77211-135301-getpackagedetails.html`],
    fidelity: "assumed",
    assumptions: [
      "The stored pages are cut inside the settings member of the return value: members after it and the example were not readable. " +
        "Documented (readable): packageName, description, language, modules, scanMode, settings. The emulator adds roles, " +
        "deploymentOptions and productType (the remaining createPackage parameters, in order; clients must not require them) and answers " +
        "no id, companyId or type (the readable part has none).",
      "modules: the emulator reports every documented member with 1 or 0. contentControl is 1 only when userControl, antiphishing and " +
        "trafficScan all are (the page's Tip); atc repeats advancedThreatControl; antimalware, which createPackage cannot switch, is assumed " +
        "1 for Detection and prevention (productType 0) and 0 for EDR (Report only) and PHASR Standalone.",
    ],
    params: {
      packageId: {
        type: "string",
        required: true,
        doc: "The ID of the package for which details should be retrieved.",
      },
    },
    result: {
      type: "object",
      doc:
        "packageName; description; language (LL_CC); modules {antimalware, advancedThreatControl and atc, firewall, contentControl, userControl, " +
        "antiphishing, trafficScan, deviceControl, powerUser, containerProtection, advancedAntiExploit, encryption, patchManagement, edrSensor, " +
        "networkAttackDefense, integrityMonitoring: 1|0} (contentControl shows enabled only when userControl, antiphishing and trafficScan all are); " +
        "scanMode {type 1|2, computers {main, fallback}, vms {main, fallback}} with engines 1 central, 2 hybrid, 3 local; " +
        'settings {"scanBefor…" (the stored page is cut there), …}; …',
    },
    rateLimit: "10/s",
    n8n: {
      file: "nodes/GravityZone/actions/packages/getPackageDetails.operation.ts",
      sends: ["packageId"],
      differences: "Seen only in the node's tests (the operation file is not in the indexed listing).",
    },
  },
  {
    module: "packages",
    method: "deletePackage",
    versions: ["v1.0"],
    pages: [],
    fidelity: "assumed",
    assumptions: [
      "The reference page (linked by Bitdefender's n8n node as 77209-135300-deletepackage.html) is not in the stored pages; nothing of it was read.",
      "Parameter: packageId (required), as Bitdefender's n8n node sends it. seed-000's packageName/companyId form is marked unverified and is " +
        "not accepted here.",
      "Result: null, like deleteAccount and the other delete* methods; clients should also accept true.",
    ],
    params: {
      packageId: { type: "string", required: true, doc: "The ID of the package to delete." },
    },
    result: { type: ["null", "boolean"], doc: "Nothing on success (assumed null; true tolerated)." },
    rateLimit: "10/s",
    n8n: {
      file: "nodes/GravityZone/actions/packages/deletePackage.operation.ts",
      sends: ["packageId"],
      differences: "File seen in a stored copy of the node that the repository listing does not include.",
    },
  },
  {
    module: "packages",
    method: "getInstallationLinks",
    versions: ["v1.0"],
    pages: [],
    fidelity: "assumed",
    assumptions: [
      "The reference page (linked by Bitdefender's n8n node as 77209-135297-getinstallationlinks.html) is not in the stored pages.",
      "Parameters from Bitdefender's n8n node: companyId (\"If not included, the installation links available for all managed companies will be " +
        'returned"), packageName ("If not included, all packages will be returned"), ringId (0 slow, 3 production, 4 test 1, 5 test 2 ring).',
      "Result: an array with one entry per package {packageName, companyName, installLinkWindows, installLinkMac, installLinkLinux, …} " +
        "(API-FACTS [D]; community clients read result[0]). Other link members may appear; clients should keep unknown string members. " +
        "The emulator answers no companyId member.",
      "A packageName that matches nothing answers [] (no source documents an error).",
      "Without ringId the emulator answers the Production ring's (3) links; each ring has its own links.",
    ],
    params: {
      companyId: {
        type: "string",
        required: false,
        doc: "The managed company. Omitted: links for all managed companies.",
      },
      packageName: { type: "string", required: false, doc: "The name of the package. Omitted: all packages." },
      ringId: {
        type: "integer",
        required: false,
        doc: "Return the installation package of a staging ring: 0 Slow Ring, 3 Production Ring, 4 Test 1 Ring, 5 Test 2 Ring.",
        values: [0, 3, 4, 5],
      },
    },
    result: {
      type: "array",
      doc: "One entry per package: packageName, companyName, installLinkWindows, installLinkMac, installLinkLinux and other download links.",
    },
    rateLimit: "10/s",
    n8n: {
      file: "nodes/GravityZone/actions/packages/getInstallationLinks.operation.ts",
      sends: ["companyId", "packageName", "ringId"],
      differences: "File seen in a stored copy of the node that the repository listing does not include.",
    },
  },
];
