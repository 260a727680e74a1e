/** The `companies` API as the reference documents it (see types.ts). */
import { MDR_CONTACT } from "./licensing";
import type { MethodDoc, ParamDoc } from "./types";

const PARTNERS = "https://www.bitdefender.com/business/support/en/77211-";
const CLOUD = "https://www.bitdefender.com/business/support/en/77209-";
const N8N = "nodes/GravityZone/actions/companies/";

/**
 * Industry codes as the newest createCompany/updateCompanyDetails/getCompanyDetails pages list them (main industries 0–34 and their
 * sub-industries, e.g. 101 AEROSPACE_MANUFACTURING). The list is the one Bitdefender's n8n node carries for updateCompanyDetails; it
 * matches every code seen in the page excerpts read (older page versions list only 0–34).
 */
const INDUSTRY_CODES: readonly number[] = [
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31,
  32, 33, 34, 101, 102, 201, 202, 203, 204, 205, 206, 207, 208, 301, 302, 401, 402, 403, 404, 701, 901, 902, 903, 904,
  905, 906, 907, 1201, 1202, 1301, 1401, 1402, 1403, 1404, 1601, 1602, 1603, 1604, 1605, 1801, 1802, 1803, 1804, 1805,
  1806, 1901, 1902, 1903, 2001, 2002, 2003, 2101, 2102, 2103, 2104, 2105, 2106, 2107, 2108, 2109, 2110, 2111, 2112,
  2113, 2114, 2115, 2116, 2117, 2118, 2119, 2301, 2302, 2303, 2304, 2401, 2402, 2403, 2404, 2405, 2406, 2801, 2802,
  2803, 2804, 2805, 2806, 2807, 2808, 2809, 2810, 2811, 2812, 2814, 2815, 2816, 2901, 2902, 2903, 2904, 2905, 2906,
  2907, 3001, 3002, 3003, 3004, 3005, 3006, 3007, 3101, 3102, 3103, 3201, 3202, 3203, 3204, 3205, 3206, 3207, 3208,
  3209, 3210, 3211, 3212, 3301, 3302, 3401, 3402, 3403, 3404, 3405, 3406, 3407, 3408, 3409, 3410, 3411, 3412, 3413,
  3414, 3415,
];

const SKIP_2FA_DAYS = [0, 1, 3, 7, 14, 30, 90] as const;

/**
 * industry is typed Integer: the newest pages (77209-126239, 77211-126236/126238) list Integer codes with sub-industries, and
 * Bitdefender's n8n node sends integers. Older page versions call it a String: a client sending the integer code works under both.
 */
const industry = (doc: string): ParamDoc => ({ type: "integer", required: false, doc, values: INDUSTRY_CODES });

/** contactPerson: the members getCompanyDetails documents (77209-126239); the create/update pages' own member list was not read. */
const CONTACT_PERSON = (doc: string): ParamDoc => ({
  type: "object",
  required: false,
  doc,
  fields: {
    fullName: { type: "string", required: false, doc: "First name and surname of the contact person." },
    email: { type: "string", required: false, doc: "Email address of the contact person." },
    phoneNumber: { type: "string", required: false, doc: "Phone number of the contact person." },
    companyRole: { type: "string", required: false, doc: "The contact person's position in the company." },
  },
});

/** enforce2FA on createCompany/updateCompanyDetails: "The value is always true." */
const ENFORCE_2FA: ParamDoc = {
  type: "boolean",
  required: false,
  doc: '2FA enforcement for all the company\'s user accounts. "The value is always true."',
  values: [true],
};

/** The company members getCompanyDetails, getCompanyDetailsByUser and findCompaniesByName document (same list on all three pages). */
const COMPANY_MEMBERS =
  "type (Integer: 0 Partner, 1 Customer), name (String), id (String), address (String), phone (String), canBeManagedByAbove (Boolean), " +
  "enforce2FA (Boolean), skip2FAPeriod (Integer, days), isSuspended (Boolean), createdAt (String, UTC), country (String, ISO 3166; " +
  '"If the code is not specified, the String has the value N/A"), state (String, ISO 3166; "N/A" when not specified), industry ' +
  "(Integer on 77209-126239 and 77211-126241; String on older 77211-126239), contactPerson (Object: fullName, email, phoneNumber, " +
  "companyRole), riskScore (Object: value — risk score in percent, impact — Low/Medium/High, misconfigurations — percentage, further " +
  "breakdown members for app vulnerabilities, human risks and the industry modifier). Not documented: parentId, licenseSubscription.";

/** Every documented `companies` method the emulator answers or the provider calls. */
export const companiesCatalogue: readonly MethodDoc[] = [
  {
    module: "companies",
    method: "createCompany",
    versions: ["v1.0"],
    pages: [`${PARTNERS}126236-createcompany.html`],
    fidelity: "assumed",
    assumptions: [
      "Only the first part of the parameter table (type … licenseSubscription) and the licenseSubscription member list up to assignedProductType " +
        "were read; the rest of the table (customFields, mdrContactInformation and any later rows), the return value and the example were not.",
      "Result: a String, the new company's ID (API-FACTS [D]); the page's own wording and example were not read.",
      "industry: Integer on the newest page version, String on older versions: typed Integer (a client sending the integer code works " +
        "under both readings; Bitdefender's n8n node sends integers).",
      "licenseSubscription members after assignedProductType (manageEncryption … manageEmailSecurity, ownUse, resell) were not read on this " +
        "page; they are listed as the setMonthlySubscription page (77211-127106) names the same switches, so that documented client payloads " +
        "(e.g. ownUse) are not refused. licenseSubscription.type defaults to 1 (trial) per API-FACTS [D].",
      "contactPerson is listed on the page but its members were not read here: the four members getCompanyDetails documents " +
        "(fullName, email, phoneNumber, companyRole) are accepted, others refused. The contact person is stored as given; it is not " +
        "derived from accountEmail/accountFullName.",
      "accountPassword and a top-level assignedProductType do not appear in the page versions read: not listed (refused).",
      'enforce2FA: "The value is always true" is read as a constraint: false is refused (a client that never sends false works under ' +
        "every reading), and a new company has enforce2FA true whether or not it is sent.",
      'country/state: "N/A" (the documented default value) and \'\' are accepted and mean "not set".',
      "The account parameters (accountFullName, accountTimezone, accountLanguage) need accountEmail, the account they describe.",
      "licenseSubscription.reservedSlots is checked against the parent's free seats (its own reserved seats minus those reserved by its " +
        "other companies) when the parent has a fixed reservation; a parent drawing from a shared pool sets no upper bound.",
    ],
    params: {
      type: { type: "integer", required: true, doc: "The company type: 0 Partner, 1 Customer.", values: [0, 1] },
      name: { type: "string", required: true, doc: "The company name. Must be unique; must not exceed 64 characters." },
      parentId: {
        type: "string",
        required: false,
        doc: "The ID of the Partner company directly managing the new company.",
      },
      address: {
        type: "string",
        required: false,
        doc: "Physical address; must not exceed 128 characters and must not contain HTML tags.",
      },
      country: {
        type: "string",
        required: false,
        doc: "Country of operation, ISO 3166. No value is set by default (older text: default N/A).",
      },
      state: {
        type: "string",
        required: false,
        doc: "State or primary administrative subdivision, ISO 3166. No value is set by default (older text: default N/A).",
      },
      phone: { type: "string", required: false, doc: "Phone number; must not exceed 32 characters." },
      industry: { ...industry("The industry the company operates in. Default value: 0 (UNDEFINED)."), default: 0 },
      canBeManagedByAbove: {
        type: "boolean",
        required: false,
        doc: "Whether the security of the new company can be managed by its Partner company. Default true. For companies using MDR it must be true.",
        default: true,
      },
      enforce2FA: ENFORCE_2FA,
      skip2FAPeriod: {
        type: "integer",
        required: false,
        doc: "Days users may exempt their devices from a two-factor code. Older page versions type it Number.",
        values: SKIP_2FA_DAYS,
      },
      accountEmail: {
        type: "string",
        required: false,
        doc: "Email of a new user account linked to the new company. Must be passed when canBeManagedByAbove is false.",
      },
      accountFullName: {
        type: "string",
        required: false,
        doc: "Full name of the new user account. Required when canBeManagedByAbove is false.",
      },
      contactPerson: CONTACT_PERSON(
        "The company's designated contact person (members as getCompanyDetails documents them, see assumptions).",
      ),
      accountTimezone: { type: "string", required: false, doc: "Timezone of the new user account. Default GMT (UTC)." },
      accountLanguage: {
        type: "string",
        required: false,
        doc: "Interface language of the new user account. Default en_US.",
        default: "en_US",
      },
      licenseSubscription: {
        type: "object",
        required: false,
        doc: "The license details of the new company.",
        fields: {
          type: {
            type: "integer",
            required: false,
            doc: "1 trial, 2 license, 3 monthly subscription, 4 monthly license trial, 5 monthly subscription trial, 6 FRAT subscription.",
            values: [1, 2, 3, 4, 5, 6],
            default: 1,
          },
          licenseKey: { type: "string", required: false, doc: "A valid license key. Mandatory for type 2 (licensed)." },
          reservedSlots: {
            type: "integer",
            required: false,
            doc:
              "Seats ensured for the company. Valid values are between 1 and the number of free seats of the parent. Set with type 3 or 5 " +
              "(inherited); if not specified, seats come from the pool shared with other companies.",
          },
          endSubscription: {
            type: "string",
            required: false,
            doc: "UTC end date of the subscription. Can be set with type 3 (monthly subscription). '' unsets it.",
          },
          autoRenewPeriod: {
            type: "integer",
            required: false,
            doc: "Validity in months after auto renewal. Can be set with type 3. Default 12 when endSubscription is set; 0 = no auto-renewal.",
          },
          manageExchange: {
            type: "boolean",
            required: false,
            doc: "Whether the company can use Security for Exchange. Default false. Makes sense only with type 3 or 5.",
          },
          minimumUsage: {
            type: "object",
            required: false,
            doc: "License types and the minimum monthly seats the company commits to. Only with type 3.",
          },
          assignedProductType: {
            type: "integer",
            required: false,
            doc: "The product the company will use: 0 Endpoint Security, 3 … (rest of the list not read).",
          },
          manageEncryption: {
            type: "boolean",
            required: false,
            doc: "Assumed (see assumptions): Full Disk Encryption switch.",
          },
          manageRemoteEnginesScanning: {
            type: "boolean",
            required: false,
            doc: "Assumed: Security for Virtualized Environments switch.",
          },
          manageHyperDetect: { type: "boolean", required: false, doc: "Assumed: HyperDetect switch." },
          manageSandboxAnalyzer: { type: "boolean", required: false, doc: "Assumed: Sandbox Analyzer switch." },
          managePatchManagement: { type: "boolean", required: false, doc: "Assumed: Patch Management switch." },
          manageEventCorrelator: { type: "boolean", required: false, doc: "Assumed: EDR switch." },
          manageEmailSecurity: { type: "boolean", required: false, doc: "Assumed: Email Security switch." },
          ownUse: { type: "object", required: false, doc: "Assumed: own-use add-on switches (open object)." },
          resell: { type: "object", required: false, doc: "Assumed: resell add-on switches (open object)." },
        },
      },
    },
    result: {
      type: "string",
      doc: "The ID of the new company (assumed, see assumptions); the page example was not read.",
    },
    rateLimit: "5/s",
  },
  {
    module: "companies",
    method: "getCompanyDetails",
    versions: ["v1.0"],
    pages: [`${CLOUD}126239-getcompanydetails.html`, `${PARTNERS}126239-getcompanydetails.html`],
    fidelity: "assumed",
    assumptions: [
      'industry is answered as the Integer code (77209-126239); the older 77211 text calls it "a String representing the industry": ' +
        "clients should accept a numeric string too.",
      "riskScore: only value, impact and misconfigurations were read; the further members are not sent. The emulator derives the " +
        "score from the company's managed endpoints whose agent is out of date.",
      "contactPerson is null for a company without one (the page does not say what an unset contact person looks like); address " +
        "and phone are null when unset. skip2FAPeriod is null when never set.",
      "parentId, assignedProductType and licenseSubscription are not documented members and are not sent.",
    ],
    params: {
      companyId: {
        type: "string",
        required: false,
        doc: "The company's ID. Default: the company linked to the user who generated the API key.",
      },
    },
    result: {
      type: "object",
      doc:
        `An Object with the details of the selected company: ${COMPANY_MEMBERS} The example response was not read. ` +
        "The 77209 page types industry Integer with sub-industry codes; the older 77211 text says String.",
    },
    rateLimit: "5/s",
    n8n: {
      file: `${N8N}getCompanyDetails.operation.ts`,
      sends: ["companyId"],
      differences: "Leaves companyId out when empty (its tests).",
    },
  },
  {
    module: "companies",
    method: "updateCompanyDetails",
    versions: ["v1.0"],
    pages: [`${PARTNERS}126238-updatecompanydetails.html`, `${CLOUD}126238-updatecompanydetails.html`],
    fidelity: "assumed",
    assumptions: [
      "The cloud page (77209) lists no id/type (the key's own company is updated); the partners page (77211) adds id and type: the entry is " +
        "their union.",
      'enforce2FA is listed on both pages in every version read, the newest 77211 one included (Boolean, "The value is always true"): ' +
        "accepted; false is refused (a client that never sends false works under every reading; Bitdefender's n8n node defaults to true).",
      "industry: Integer on the newest 77211 version, String on 77209 and older 77211 versions: typed Integer (the integer code works " +
        "under both readings; Bitdefender's n8n node sends integers).",
      'customFields: documented as Object, but "To delete the custom fields, set it as an empty array": an object, or an empty array ' +
        "(which deletes them); a non-empty array is refused. The values are stored; getCompanyDetails does not document them.",
      "contactPerson members were not read on this page: the four getCompanyDetails documents are accepted, others refused. A " +
        "contactPerson sent replaces the stored one as a whole.",
      "mdrContactInformation members were not read on this page: those setLicenseKey/addProductKey document (77211-139613). It must " +
        '"be valid": without useDataFromAccount it needs fullName, email and phoneNumber (subscriberNumber with countryPrefix or ' +
        "countryCode; a shared prefix such as +1 needs countryCode too).",
      'country/state: "N/A" (the documented default value) and \'\' are accepted and mean "not set".',
      "canBeManagedByAbove and licenseSubscription are not documented parameters of this method in any version read.",
    ],
    params: {
      id: {
        type: "string",
        required: false,
        doc: "The ID of the company to update (24-character hex). Default: the company linked to the user who generated the API key. 77211 only.",
      },
      type: {
        type: "integer",
        required: false,
        doc: "0 Partner, 1 Customer. If not set, not changed. You cannot change the type of your own company. 77211 only.",
        values: [0, 1],
      },
      name: {
        type: "string",
        required: false,
        doc: "New name; must be unique; must not exceed 64 characters. If not set, not changed.",
      },
      address: {
        type: "string",
        required: false,
        doc: "Address; must not exceed 128 characters and must not contain HTML tags. If not set, not changed.",
      },
      phone: {
        type: "string",
        required: false,
        doc: "New phone number; must not exceed 32 characters. If not set, not changed.",
      },
      industry: industry("The industry the company operates in. If not set, not changed (older text: default 0)."),
      country: { type: "string", required: false, doc: "New country of operation, ISO 3166. If not set, not changed." },
      state: {
        type: "string",
        required: false,
        doc: "State or primary administrative subdivision, ISO 3166. If not set, not changed.",
      },
      contactPerson: CONTACT_PERSON("The designated contact person. If not set, not changed."),
      enforce2FA: ENFORCE_2FA,
      skip2FAPeriod: {
        type: "integer",
        required: false,
        doc: "Days users may exempt their devices from a two-factor code.",
        values: SKIP_2FA_DAYS,
      },
      customFields: {
        type: ["object", "array"],
        required: false,
        doc: "The custom fields' values for the company. To delete the custom fields, set it as an empty array.",
      },
      mdrContactInformation: {
        ...MDR_CONTACT,
        doc: "Emergency contact details for the MDR team; must be valid, and is mandatory for some company types (e.g. yearly licenses with MDR).",
      },
    },
    result: { type: "null", doc: "This method does not return any value (result null).", example: null },
    exampleRequest: { name: "Example LTD", address: "Str Example No 1", phone: "0040740000001" },
    rateLimit: "5/s",
    n8n: {
      file: `${N8N}updateCompanyDetails.operation.ts`,
      sends: [
        "name",
        "address",
        "phone",
        "industry",
        "country",
        "state",
        "enforce2FA",
        "skip2FAPeriod",
        "contactPerson",
        "mdrContactInformation",
      ],
      differences: "Follows the 77209 page: never sends id or type (always the key's own company).",
    },
  },
  {
    module: "companies",
    method: "suspendCompany",
    versions: ["v1.0"],
    pages: [`${PARTNERS}126242-suspendcompany.html`],
    fidelity: "verified",
    assumptions: [],
    params: {
      companyId: { type: "string", required: true, doc: "The ID of the company to be suspended." },
      recursive: { type: "boolean", required: true, doc: "True if sub-companies should be suspended as well." },
    },
    result: { type: "null", doc: "This method does not return any value (result null).", example: null },
    exampleRequest: { companyId: "5493dcd2b1a43df00b7b23c6", recursive: false },
    rateLimit: "5/s",
  },
  {
    module: "companies",
    method: "activateCompany",
    versions: ["v1.0"],
    pages: [],
    fidelity: "assumed",
    assumptions: [
      'No activateCompany page was found in the stored reference (the on-premises overview 77212-126235 only says "activates a previously ' +
        'suspended company").',
      "Parameters mirror suspendCompany (77211-126242): companyId and recursive, both required. Community clients send recursive here too " +
        "(API-FACTS). Requiring recursive is the safe choice: a client that always sends it works whether the live API requires it or not.",
      "Result null, like suspendCompany.",
    ],
    params: {
      companyId: {
        type: "string",
        required: true,
        doc: "The ID of the company to activate (assumed name, as suspendCompany).",
      },
      recursive: {
        type: "boolean",
        required: true,
        doc: "True if sub-companies should be activated as well (assumed, as suspendCompany).",
      },
    },
    result: { type: "null", doc: "Assumed: no value (result null), like suspendCompany.", example: null },
    rateLimit: "5/s",
  },
  {
    module: "companies",
    method: "deleteCompany",
    versions: ["v1.0"],
    pages: [`${PARTNERS}119563-deleting-companies.html`],
    fidelity: "assumed",
    assumptions: [
      'No deleteCompany API page was found in the stored reference; the cited page is the Control Center guide "Deleting companies".',
      "Parameter companyId (required) per API-FACTS [D]; result null by analogy with suspendCompany/updateCompanyDetails.",
      'The console guide: "You cannot delete partner companies with subordinate company accounts" and "The company account, its linked ' +
        'user accounts and its license key are deleted". The API is assumed to refuse such a partner with an error; the error text is not documented.',
    ],
    params: { companyId: { type: "string", required: true, doc: "The ID of the company to delete." } },
    result: { type: "null", doc: "Assumed: no value (result null).", example: null },
    rateLimit: "5/s",
  },
  {
    module: "companies",
    method: "getCompanyDetailsByUser",
    versions: ["v1.0"],
    pages: [`${PARTNERS}126240-getcompanydetailsbyuser.html`],
    fidelity: "assumed",
    assumptions: [
      "The username is matched against account user names, ignoring case (not against emails unless the user name is the email).",
      "For an account outside the caller's companies, the password must be given and match; otherwise (and for an unknown user) the " +
        "answer is the same not-found error, whose text is not documented.",
    ],
    params: {
      username: { type: "string", required: true, doc: "The username linked to the searched company." },
      password: {
        type: "string",
        required: false,
        doc: "The password of the username. Required only when the searched company is not in the target companies of the calling user.",
      },
    },
    result: {
      type: "object",
      doc: `An Object with the details of the company linked to the account: ${COMPANY_MEMBERS}`,
    },
    rateLimit: "5/s",
  },
  {
    module: "companies",
    method: "findCompaniesByName",
    versions: ["v1.0"],
    pages: [`${PARTNERS}126241-findcompaniesbyname.html`],
    fidelity: "assumed",
    assumptions: [
      "\"Managed companies\" are read as the companies below the key's company; the key's own company is not returned.",
      "Matching ignores case (not stated). A nameFilter that is only an asterisk (no keyword) is refused.",
      "The entries are in the order the companies were created; the page gives no order.",
      "nameFilter has no documented length limit; none is applied.",
    ],
    params: {
      nameFilter: {
        type: "string",
        required: true,
        doc:
          "The string searched in company names. Put an asterisk (*) in front of the keyword to match it anywhere in the name; without it, " +
          "only names that start with the keyword are returned.",
      },
      maxResults: {
        type: "integer",
        required: false,
        doc: "Maximum number of entries returned. Possible values: 1 - 100. Default value: 25.",
        default: 25,
      },
    },
    result: {
      type: "array",
      doc:
        "An Array of company objects (managed companies whose names match), at most maxResults long. Each entry has the getCompanyDetails " +
        `structure: ${COMPANY_MEMBERS}`,
    },
    rateLimit: "5/s",
  },
];
