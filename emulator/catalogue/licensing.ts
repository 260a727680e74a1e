/** The `licensing` API as the reference documents it (see types.ts). */
import type { MethodDoc, ParamDoc } from "./types";

const PARTNERS = "https://www.bitdefender.com/business/support/en/77211-";
const CLOUD = "https://www.bitdefender.com/business/support/en/77209-";
const N8N = "nodes/GravityZone/actions/licensing/";

/** mdrContactInformation as the setLicenseKey (77209-127107) and addProductKey (77211-139613) pages describe it. */
export const MDR_CONTACT: ParamDoc = {
  type: "object",
  required: false,
  doc:
    "The company's designated emergency contact for the MDR team. Must be valid; mandatory for any company with a yearly license that " +
    "wants to enable the MDR service.",
  fields: {
    phoneNumber: {
      type: "object",
      required: false,
      doc: "How to reach the organization by phone.",
      fields: {
        countryPrefix: {
          type: ["integer", "string"],
          required: false,
          doc: 'The country prefix. Documented as an integer; the page example sends the string "+4". Shared prefixes (+1, +599, +39, +7) need countryCode.',
        },
        countryCode: {
          type: "string",
          required: false,
          doc: "ISO 3166-1 alpha-2 code, only for regions sharing a telephone prefix.",
        },
        subscriberNumber: {
          type: "string",
          required: false,
          doc: "The local part of the number, without country prefix or national dialing code.",
        },
      },
    },
    fullName: { type: "string", required: false, doc: "Full name of the designated emergency contact." },
    email: { type: "string", required: false, doc: "Email address of the designated emergency contact." },
    emailVerificationCode: {
      type: ["string", "integer"],
      required: false,
      doc: "A string or numeric code proving ownership of the email (from general.generateEmailVerificationCode).",
    },
    useDataFromAccount: {
      type: "string",
      required: false,
      doc: "The ID of a GravityZone account whose data to use (rest of the text not read).",
    },
  },
};

const companyIdDefaultOwn: ParamDoc = {
  type: "string",
  required: false,
  doc: "The ID of the company. Default: the company linked to the user who generated the API key. Partners pages (77211) only.",
};

/** Every documented `licensing` method the emulator answers or the provider calls, and every one that changes a subscription. */
export const licensingCatalogue: readonly MethodDoc[] = [
  {
    module: "licensing",
    method: "getLicenseInfo",
    versions: ["v1.0"],
    pages: [`${PARTNERS}127105-getlicenseinfo.html`, `${CLOUD}127105-getlicenseinfo.html`],
    fidelity: "assumed",
    assumptions: [
      'The pages say "This method returns an Array containing the license details" and then list the members of one object; community ' +
        "clients (e.g. a licensing script reading result['usedSlots'] from a live call without parameters) treat the result as a single " +
        "Object. The emulator answers that single Object (the form a live call was seen to return); robust clients also accept an array " +
        "of such objects (the documented form).",
      "returnAllProducts is accepted; the emulated companies have a single product, so it adds nothing to the answer (the member the " +
        "page adds for it was not read, and none is invented).",
      "licenseKey is the trial key (type 1) or the base key (type 2: the one set with setLicenseKey, or the first added with " +
        "addProductKey), null otherwise. totalSlots is the reserved seats when set, 0 for a monthly subscription without reserved seats " +
        "and for a licensed company whose keys were all removed.",
      "The member list was read up to manageEventCorrelator/manageEmailSecurity; later members (e.g. the products list for " +
        "returnAllProducts) and the example response were not read.",
      "The cloud page (77209) has no companyId; the partners page (77211) has it: the entry is their union.",
    ],
    params: {
      companyId: {
        type: "string",
        required: false,
        doc: "The company whose license information is retrieved. Default: the company linked to the user who generated the API key. 77211 only.",
      },
      returnAllProducts: {
        type: "boolean",
        required: false,
        doc: "If true, information about all the products of the company is included. Default false.",
        default: false,
      },
    },
    result: {
      type: "object",
      doc:
        "Documented as an Array with the license details (answered as one Object, see assumptions): subscriptionType (1 trial, " +
        "2 licensed, 3 monthly subscription, 4 monthly " +
        "license trial, 5 monthly subscription trial, 6 FRAT), isAddon, expiryDate, usedSlots, totalSlots (total seats for licensed " +
        "subscriptions, or reserved seats for child companies inheriting a monthly license), licenseKey (trial or licensed subscriptions), " +
        "endSubscription and autoRenewPeriod (monthly subscriptions), manageExchange, manageEncryption, manageRemoteEnginesScanning, " +
        "manageHyperDetect, manageSandboxAnalyzer, managePatchManagement, manageEventCorrelator (EDR), manageEmailSecurity, … " +
        "otherForms[0] is that single Object (keys from the page, values illustrative); otherForms[1] the documented Array form.",
      otherForms: [
        {
          subscriptionType: 2,
          isAddon: false,
          expiryDate: "2026-12-31T00:00:00",
          usedSlots: 12,
          totalSlots: 50,
          licenseKey: "TNB3AAA",
          manageExchange: false,
          manageEncryption: false,
          manageRemoteEnginesScanning: false,
          manageHyperDetect: true,
          manageSandboxAnalyzer: false,
          managePatchManagement: false,
          manageEventCorrelator: true,
          manageEmailSecurity: false,
        },
        [
          {
            subscriptionType: 2,
            isAddon: false,
            expiryDate: "2026-12-31T00:00:00",
            usedSlots: 12,
            totalSlots: 50,
            licenseKey: "TNB3AAA",
          },
        ],
      ],
    },
    rateLimit: "5/s",
    n8n: {
      file: `${N8N}getLicenseInfo.operation.ts`,
      sends: ["returnAllProducts", "page", "perPage"],
      differences:
        "Sends page and perPage, which neither page read documents; never sends companyId (follows the 77209 page).",
    },
  },
  {
    module: "licensing",
    method: "getMonthlyUsage",
    versions: ["v1.0"],
    pages: [`${PARTNERS}127109-getmonthlyusage.html`, `${CLOUD}127109-getmonthlyusage.html`],
    fidelity: "assumed",
    assumptions: [
      'usageCoverageType "can only be used if both dates are present"; the emulator also refuses the dates without usageCoverageType ' +
        "(they only describe its interval).",
      "The dates are UTC dates (YYYY-MM-DD, optionally with a time); their format is not spelled out.",
      "The emulator has no usage history: every month answers the current managed endpoints of the company and the companies below it " +
        "(with usageCoverageType, only those of companies created in the interval). Services the emulator does not model answer 0.",
      "Monthly license: subscription types 3, 4 and 5; other companies answer 0 everywhere.",
    ],
    params: {
      companyId: companyIdDefaultOwn,
      targetMonth: { type: "string", required: false, doc: "The month, format mm/yyyy. Default: the current month." },
      usageCoverageType: {
        type: "integer",
        required: false,
        doc:
          "Only return usage for companies created in a time interval given by companyRegistrationStartDate and companyRegistrationEndDate. " +
          "Possible values: 3. Can only be used if both dates are present.",
        values: [3],
      },
      companyRegistrationStartDate: {
        type: "string",
        required: false,
        doc: "Only companies created after this date (UTC).",
      },
      companyRegistrationEndDate: {
        type: "string",
        required: false,
        doc: "Only companies created before this date (UTC).",
      },
    },
    result: {
      type: "object",
      doc:
        "An Object with the seats used during the month for each acquired service, or 0 if the company has no monthly license: " +
        "endpointMonthlyUsage, aLaCarteMonthlyUsage (spelled aLaCarteMonhtlyUsage on one page version), mspSecureMonthlyUsage, " +
        "mspSecurePlusMonthlyUsage, mspSecureExtraMonthlyUsage, emailSecurityMonthlyUsage, mobileSecurityMonthlyUsage, exchangeMonthlyUsage, " +
        "encryptionMonthlyUsage, atsMonthlyUsage (Sandbox Analyzer and HyperDetect), edrMonthlyUsage, mdrFoundationsMonthlyUsage, " +
        "mdrResponseMonthlyUsage, patchManagementMonthlyUsage, containerProtectionMonthlyUsage, integrityMonitoringUsage, " +
        "integrityMonitoring90DaysUsage, integrityMonitoring180DaysUsage, integrityMonitoring1YearUsage, sveVsMonthlyUsage, " +
        "sveVdiMonthlyUsage (hours), minimumUsage {endpointMonthlyUsage}. Only Endpoint Security usage (see getMonthlyUsagePerProductType).",
    },
    exampleRequest: { targetMonth: "03/2015" },
    rateLimit: "5/s",
    n8n: {
      file: `${N8N}getMonthlyUsage.operation.ts`,
      sends: ["targetMonth", "usageCoverageType", "companyRegistrationStartDate", "companyRegistrationEndDate"],
      differences: "Treats targetMonth as required in its form; never sends companyId.",
    },
  },
  {
    module: "licensing",
    method: "setMonthlySubscription",
    versions: ["v1.0"],
    pages: [`${PARTNERS}127106-setmonthlysubscription.html`],
    fidelity: "assumed",
    assumptions: [
      "The parameter table was read from companyId to manageSandboxAnalyzer; later rows, the return value and the example were not read.",
      "managePatchManagement, manageEventCorrelator, manageEmailSecurity, ownUse, resell, assignedProtectionModel and minimumUsage are " +
        "listed so that they are not refused: the page itself names ownUse, resell (manageRemoteEnginesScanning/…Resell settings) and " +
        "assignedProtectionModel (value aLaCarte); the add-on switches are those getLicenseInfo reports.",
      "Result null, like the other licensing setters (setLicenseKey, addProductKey, removeProductKey).",
      "Effect: the company's subscription becomes type 3 (monthly subscription); its licence keys are dropped. reservedSlots not sent " +
        "keeps its previous value; removeReservedSlots true removes the reservation (seats provisioned dynamically) and cannot be " +
        "combined with reservedSlots. endSubscription '' unsets it; not sent keeps a monthly subscription's end date. autoRenewPeriod " +
        "needs an end date; with one it defaults to the previous period, else 12.",
      'The five switches documented with "Default value is False" (manageExchange … manageSandboxAnalyzer) are set to false when not ' +
        "sent; the others (whose rows were not read) keep their value when not sent.",
      "The key's own company cannot inherit seats (it has no parent in reach of the key); the parent must itself have a monthly " +
        "subscription (type 3). reservedSlots must not exceed the parent's free seats when the parent has a fixed reservation.",
      "manageRemoteEnginesScanning true needs assignedProtectionModel aLaCarte (sent now or earlier); the parameter is refused when " +
        "ownUse or resell carry a manageRemoteEnginesScanning… switch. ownUse, resell and minimumUsage are accepted as objects without " +
        "observable effect.",
    ],
    params: {
      companyId: {
        type: "string",
        required: true,
        doc: "The ID of the company that will inherit license seats from the parent company.",
      },
      reservedSlots: {
        type: "integer",
        required: false,
        doc: "Seats ensured for the company from the parent's total. Default 0 (none reserved). If not passed, the previous value is kept.",
      },
      removeReservedSlots: {
        type: "boolean",
        required: false,
        doc: "True to allow dynamic provisioning of seats to this company and its clients. Default false.",
        default: false,
      },
      endSubscription: {
        type: "string",
        required: false,
        doc: "UTC end date of the subscription. Can be set when the subscription type is 3 (monthly). '' unsets it.",
      },
      autoRenewPeriod: {
        type: "integer",
        required: false,
        doc: "Validity in months after auto renewal; type 3 only. Default 12 when endSubscription is set; 0 = no auto-renewal.",
      },
      manageExchange: {
        type: "boolean",
        required: false,
        doc: "Allow Security for Exchange. Default false.",
        default: false,
      },
      manageEncryption: {
        type: "boolean",
        required: false,
        doc: "Allow Full Disk Encryption. Default false.",
        default: false,
      },
      manageRemoteEnginesScanning: {
        type: "boolean",
        required: false,
        doc:
          "Allow Security for Virtualized Environments. Default false. Only true if assignedProtectionModel is aLaCarte; not usable when " +
          "ownUse/resell carry manageRemoteEnginesScanning(Resell).",
        default: false,
      },
      manageHyperDetect: { type: "boolean", required: false, doc: "Allow HyperDetect. Default false.", default: false },
      manageSandboxAnalyzer: {
        type: "boolean",
        required: false,
        doc: "Allow Sandbox Analyzer. Default false.",
        default: false,
      },
      managePatchManagement: { type: "boolean", required: false, doc: "Assumed: allow Patch Management." },
      manageEventCorrelator: { type: "boolean", required: false, doc: "Assumed: allow EDR." },
      manageEmailSecurity: { type: "boolean", required: false, doc: "Assumed: allow Email Security." },
      ownUse: {
        type: "object",
        required: false,
        doc: "Own-use add-on settings (named by the page; members not read).",
      },
      resell: { type: "object", required: false, doc: "Resell add-on settings (named by the page; members not read)." },
      assignedProtectionModel: {
        type: "string",
        required: false,
        doc: "The protection model, e.g. aLaCarte (named by the page; row not read).",
      },
      minimumUsage: {
        type: "object",
        required: false,
        doc: "Assumed: minimum monthly seat commitment, as in createCompany.licenseSubscription.",
      },
    },
    result: { type: "null", doc: "Assumed: no value (result null).", example: null },
    rateLimit: "5/s",
  },
  {
    module: "licensing",
    method: "setLicenseKey",
    versions: ["v1.0"],
    pages: [`${PARTNERS}127107-setlicensekey.html`, `${CLOUD}127107-setlicensekey.html`],
    fidelity: "assumed",
    assumptions: [
      "The emulator cannot tell add-on keys from standalone ones: every key is treated as standalone. The company becomes licensed " +
        "(type 2) with the key as its base key (getLicenseInfo licenseKey); reserved seats and the monthly end date/renewal are cleared.",
      "The key format is not documented (the examples are 7 capitals): letters, digits and dashes, at most 64 characters.",
      "mdrContactInformation is stored on the company; it must be valid (see updateCompanyDetails' assumptions).",
    ],
    params: {
      licenseKey: { type: "string", required: true, doc: "The license key to be set (a standalone or an add-on key)." },
      companyId: {
        type: "string",
        required: false,
        doc: "The company whose license will be set. If no value is passed, the user's company is selected. 77211 only.",
      },
      mdrContactInformation: MDR_CONTACT,
    },
    result: { type: "null", doc: "This method does not return any value (result null).", example: null },
    exampleRequest: {
      licenseKey: "TNB3AAA",
      companyId: "5493dcd2b1a43df00b7b23c6",
      mdrContactInformation: {
        phoneNumber: { countryPrefix: "+4", subscriberNumber: "112345" },
        fullName: "Contact",
        email: "mdrcontact@nebula.local",
        emailVerificationCode: "43728676",
      },
    },
    rateLimit: "5/s",
    n8n: {
      file: `${N8N}setLicenseKey.operation.ts`,
      sends: ["licenseKey", "mdrContactInformation"],
      differences: "Never sends companyId.",
    },
  },
  {
    module: "licensing",
    method: "addProductKey",
    versions: ["v1.0"],
    pages: [`${PARTNERS}139613-addproductkey.html`, `${CLOUD}139613-addproductkey.html`],
    fidelity: "assumed",
    assumptions: [
      "The emulator cannot judge key compatibility: keys are compatible with each other, so a key added to a licensed company joins " +
        "its list next to the base key. A trial or monthly subscription counts as an incompatible base licence: with " +
        "replaceIncompatibleKeys true (the default) the company becomes licensed (type 2) with the new key as base key; with false the " +
        "key is refused.",
      "A key the company already has is refused (not added twice); the error text is not documented.",
    ],
    params: {
      licenseKey: {
        type: "string",
        required: true,
        doc: "The license key to add. It can be an add-on or a base license.",
      },
      companyId: {
        type: "string",
        required: false,
        doc: "The company whose license will be set. If no value is passed, the user's company is selected. 77211 only.",
      },
      replaceIncompatibleKeys: {
        type: "boolean",
        required: false,
        doc: "If true, existing base licenses or add-ons incompatible with the new key are removed and the new key is added. Default true.",
        default: true,
      },
      mdrContactInformation: MDR_CONTACT,
    },
    result: { type: "null", doc: "This method does not return any value (result null).", example: null },
    exampleRequest: { licenseKey: "TNB3AAA", companyId: "5493dcd2b1a43df00b7b23c6", replaceIncompatibleKeys: true },
    rateLimit: "5/s",
    n8n: {
      file: `${N8N}addProductKey.operation.ts`,
      sends: ["licenseKey", "replaceIncompatibleKeys", "mdrContactInformation"],
      differences: "Never sends companyId.",
    },
  },
  {
    module: "licensing",
    method: "removeProductKey",
    versions: ["v1.0"],
    pages: [`${PARTNERS}127108-removeproductkey.html`],
    fidelity: "assumed",
    assumptions: [
      "Removing the base key makes the next key in the company's list the base key; without one the company stays licensed (type 2) " +
        "with no key and no seats. A key the company does not have is refused; the error text is not documented.",
    ],
    params: {
      companyId: companyIdDefaultOwn,
      licenseKey: { type: "string", required: true, doc: "The key of the license to be removed." },
    },
    result: { type: "null", doc: "This method does not return any value (result null).", example: null },
    exampleRequest: { licenseKey: "HFBYCXS", companyId: "6151c437b1a1716a9a7a4442" },
    rateLimit: "5/s",
    n8n: { file: `${N8N}removeProductKey.operation.ts`, sends: ["licenseKey"], differences: "Never sends companyId." },
  },
];
