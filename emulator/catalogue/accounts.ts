/** The `accounts` API as the reference documents it (see types.ts). */
import type { MethodDoc, ParamDoc } from "./types";

const BASE = "https://www.bitdefender.com/business/support/en/";

/** A right of a custom-role account: true (granted) or false. */
const right = (doc: string): ParamDoc => ({ type: "boolean", required: false, doc });

/** The `rights` object of createAccount/updateAccount. */
const RIGHTS: ParamDoc = {
  type: "object",
  required: false,
  doc:
    'The rights of the account. Only used when role is 5 (Custom): "In any other situation, the values assigned to the rights parameter are ' +
    'ignored" (updateAccount: "ignored and replaced with the rights specific to that role"). Omitted rights are set to false.',
  fields: {
    manageCompanies: right("Create, delete, suspend, manage licensing and security for client companies."),
    manageNetworks: right(
      "Deprecated: network inventory, policies, tasks, installation packages, quarantine. true also sets manageReports; its value is assigned to " +
        "manageInventory, managePoliciesRead and managePoliciesWrite (a different value for those in the same request is an error).",
    ),
    manageUsers: right("Create, delete, or edit user accounts for their own company."),
    manageReports: right("Create, view, and edit reports for their own company."),
    companyManager: right("Edit their company profile settings."),
    manageRemoteShell: right("Remote shell."),
    manageInventory: right("Network inventory (replaces manageNetworks)."),
    managePoliciesRead: right("Read policies (replaces manageNetworks)."),
    managePoliciesWrite: right("Edit policies (replaces manageNetworks)."),
  },
};

/** The `phoneNumber` object of createAccount/updateAccount. */
const PHONE: ParamDoc = {
  type: "object",
  required: false,
  doc: "Phone number information.",
  fields: {
    countryCode: {
      type: ["string", "integer"],
      required: true,
      doc: 'The prefix of the country where the phone number is located (example "+40").',
    },
    subscriberNumber: {
      type: "string",
      required: true,
      doc: 'The phone number without the prefix (example "0000000000").',
    },
  },
};

/**
 * The console languages of 77211-94051 (English, Spanish, German, French, Romanian, Polish, Portuguese,
 * Italian, Russian, Czech, Chinese, Vietnamese, Turkish, Korean, Japanese). The guide gives no codes: the
 * first nine are the package language codes of createPackage (77211-135298); cs_CZ, zh_CN, vi_VN, tr_TR,
 * ko_KR and ja_JP are assumed from the same LL_CC locale convention.
 */
export const CONSOLE_LANGUAGES = [
  "en_US",
  "es_ES",
  "de_DE",
  "fr_FR",
  "ro_RO",
  "pl_PL",
  "pt_BR",
  "it_IT",
  "ru_RU",
  "cs_CZ",
  "zh_CN",
  "vi_VN",
  "tr_TR",
  "ko_KR",
  "ja_JP",
] as const;

const LANGUAGE_ASSUMPTION =
  'profile.language: the API pages list no languages (example "en_US"); the console guide (77211-94051) lists 15 without codes. The ' +
  "codes of Czech, Chinese, Vietnamese, Turkish, Korean and Japanese (cs_CZ, zh_CN, vi_VN, tr_TR, ko_KR, ja_JP) are assumed from the " +
  "LL_CC convention of the other nine; other values are refused.";

const ROLE_ASSUMPTION =
  'role is "Number" on the pages; its values are integers, so the type is integer (a fraction is refused).';

const RIGHTS_ASSUMPTION =
  "rights with a role other than 5 are ignored, not refused (unknown right names are still refused). With role 5, omitted rights are " +
  "false and manageNetworks is copied to manageInventory/managePoliciesRead/managePoliciesWrite (a different value for one of them is " +
  "refused) and, when true, grants manageReports. The rights shown for the predefined roles are assumed from the User roles/User rights " +
  "pages (77209-124342, 77209-124345).";

/** The `profile` members (fullName, timezone, language). */
const profile = (fullNameRequired: boolean, required: boolean): ParamDoc => ({
  type: "object",
  required,
  doc:
    "Profile information: fullName" +
    (fullNameRequired ? " (mandatory)" : "") +
    ", timezone and language (optional). Languages are not listed by the API pages; the console offers English, Spanish, German, French, " +
    "Romanian, Polish, Portuguese, Italian, Russian, Czech, Chinese, Vietnamese, Turkish, Korean, Japanese (77211-94051).",
  fields: {
    fullName: { type: "string", required: fullNameRequired, doc: "The full name of the user." },
    timezone: { type: "string", required: false, doc: 'The timezone of the user (example "Europe/Bucharest").' },
    language: {
      type: "string",
      required: false,
      doc: 'The language displayed in the GravityZone console, LL_CC (example "en_US"); the console\'s 15 languages.',
      values: CONSOLE_LANGUAGES,
    },
  },
});

const PASSWORD_RULE =
  "At least twelve characters, at least one upper case, one lower case, one digit and one special character, different from previously used " +
  "passwords (older page versions: at least 6 characters).";

/** Every documented `accounts` method the emulator answers or the provider calls. */
export const accountsCatalogue: readonly MethodDoc[] = [
  {
    module: "accounts",
    method: "createAccount",
    versions: ["v1.0"],
    pages: [`${BASE}77209-125284-createaccount.html`, `${BASE}77211-125284-createaccount.html`],
    fidelity: "assumed",
    assumptions: [
      "phoneNumber member types are cut off on 77209-125284; the on-premises updateAccount page types countryCode as Integer while every " +
        'example sends a string ("+40"): both are accepted.',
      "companyId and role 4 (Partner) are on the partners page (77211) only; the cloud page (77209) has neither. Both are kept.",
      "userName is documented only on the on-premises page (77212-125284, where it is mandatory); no cloud/partner page has it, so it is not " +
        "accepted here.",
      'The example request (older page version) uses the password "P@s4w0rd", shorter than the twelve characters the current text requires.',
      "The rights member list is compiled from the page versions (older: manageCompanies, manageNetworks, manageUsers, manageReports, " +
        "companyManager; newer: manageRemoteShell, manageInventory, managePoliciesRead, managePoliciesWrite).",
      LANGUAGE_ASSUMPTION,
      ROLE_ASSUMPTION,
      RIGHTS_ASSUMPTION,
      "targetIds are accepted and checked (companies or groups within the account's company) but are never answered: no result member " +
        "of getAccountsList or getAccountDetails is documented for them.",
    ],
    params: {
      email: { type: "string", required: true, doc: "The email address for the new account." },
      profile: profile(true, true),
      phoneNumber: PHONE,
      password: {
        type: "string",
        required: false,
        doc: `The password. Omitted: a password is created and sent by email to the user. ${PASSWORD_RULE}`,
      },
      companyId: {
        type: "string",
        required: false,
        doc: "The company to create the user under (partners page). Default: the company that holds the API key.",
      },
      role: {
        type: "integer",
        required: false,
        doc: "1 Company Administrator, 2 Network Administrator, 3 Reporter, 4 Partner (partners page only), 5 Custom (needs rights). Default 1.",
        values: [1, 2, 3, 4, 5],
        default: 1,
      },
      rights: RIGHTS,
      targetIds: {
        type: "array",
        required: false,
        items: "string",
        doc: "IDs of the targets to be managed by the user account.",
      },
    },
    result: { type: "string", doc: "The ID of the created user account.", example: "585d2dc9aaed70820abc45b4" },
    exampleRequest: {
      email: "client@bitdefender.com",
      profile: { fullName: "Bitdefender User", language: "en_US", timezone: "Europe/Bucharest" },
      password: "P@s4w0rd",
      role: 5,
      rights: { manageNetworks: true, manageReports: true, manageUsers: false },
      companyId: "58541613aaed7090058b4567",
      targetIds: ["585d2dc9aaed70820e8b45b4", "585d2dd5aaed70b8048b45ca"],
    },
    rateLimit: "30/min",
    n8n: {
      file: "nodes/GravityZone/actions/accounts/createAccount.operation.ts",
      sends: ["email", "profile", "password", "role", "phoneNumber", "rights", "targetIds", "page", "perPage"],
      differences:
        "Also sends page and perPage (undocumented for createAccount) when set; never sends companyId; role options 1, 2, 3, 5.",
    },
  },
  {
    module: "accounts",
    method: "updateAccount",
    versions: ["v1.0"],
    pages: [`${BASE}77209-125285-updateaccount.html`, `${BASE}77211-125285-updateaccount.html`],
    fidelity: "assumed",
    assumptions: [
      "authenticationMethod (0 GravityZone credentials, 1 Identity Provider, 2 GravityZone Identity Provider) is sent by Bitdefender's n8n node " +
        "but is not in the readable part of the pages; accepted so that Bitdefender's own client is not refused.",
      "companyId appears only in the older partners example request (not in any parameter table); accepted and ignored.",
      "The readable role lists are 1, 2, 3, 5; role 4 (Partner) is accepted as createAccount's partners page allows it.",
      "userName is documented only on the on-premises page (77212-125285); not accepted here.",
      "The pages do not say whether profile members are required when profile is sent (the on-premises page marks all three mandatory); " +
        "all are optional here.",
      "exampleRequest is the current partners example; its email is obfuscated in the stored copy and is given as client@bitdefender.com, " +
        "the address of every other accounts example.",
      LANGUAGE_ASSUMPTION,
      ROLE_ASSUMPTION,
      RIGHTS_ASSUMPTION,
      "The password must differ from previously used passwords; the emulator keeps only the current one and refuses it.",
    ],
    params: {
      accountId: { type: "string", required: true, doc: "The ID of the user account to be updated." },
      email: { type: "string", required: false, doc: "The email address for the account." },
      password: { type: "string", required: false, doc: `The password for the account. ${PASSWORD_RULE}` },
      profile: profile(false, false),
      phoneNumber: PHONE,
      role: {
        type: "integer",
        required: false,
        doc: "The new role: 1 Company Administrator, 2 Network Administrator, 3 Reporter, 5 Custom (rights must be specified).",
        values: [1, 2, 3, 4, 5],
      },
      rights: RIGHTS,
      targetIds: {
        type: "array",
        required: false,
        items: "string",
        doc: "IDs of the targets to be managed by the user account.",
      },
      authenticationMethod: {
        type: "integer",
        required: false,
        doc: "0 GravityZone credentials, 1 Identity Provider, 2 GravityZone Identity Provider (from Bitdefender's n8n node).",
        values: [0, 1, 2],
      },
      companyId: { type: "string", required: false, doc: "Only in an older example request; no documented effect." },
    },
    result: { type: "boolean", doc: "True when the user account has been successfully updated.", example: true },
    exampleRequest: {
      accountId: "585d3d3faaed70970e8b45ed",
      email: "client@bitdefender.com",
      profile: { fullName: "Bitdefender User", language: "en_US", timezone: "Europe/Bucharest" },
      phoneNumber: { countryCode: "+40", subscriberNumber: "0000000000" },
      password: "P@s4w0rd",
      role: 5,
      rights: {
        companyManager: true,
        manageInventory: true,
        managePoliciesRead: true,
        managePoliciesWrite: true,
        manageReports: true,
        manageUsers: false,
      },
      targetIds: ["585d2dc9aaed70820e8b45b4", "585d2dd5aaed70b8048b45ca"],
    },
    rateLimit: "30/min",
    n8n: {
      file: "nodes/GravityZone/actions/accounts/updateAccount.operation.ts",
      sends: [
        "accountId",
        "email",
        "authenticationMethod",
        "password",
        "role",
        "profile",
        "phoneNumber",
        "rights",
        "targetIds",
      ],
      differences: "Sends authenticationMethod (not in the readable page text); role options 1, 2, 3, 5.",
    },
  },
  {
    module: "accounts",
    method: "deleteAccount",
    versions: ["v1.0"],
    pages: [`${BASE}77209-125283-deleteaccount.html`, `${BASE}77211-125283-deleteaccount.html`],
    fidelity: "verified",
    assumptions: [],
    params: {
      accountId: {
        type: "string",
        required: true,
        doc:
          "The ID of the user account to be deleted. One account at a time, only accounts visible to the key's account; the account that " +
          "was used to create the API key cannot be deleted by this method.",
      },
    },
    result: { type: "null", doc: "This method does not return any value.", example: null },
    exampleRequest: { accountId: "585d3810aaed70cc068b45f8" },
    rateLimit: "30/min",
  },
  {
    module: "accounts",
    method: "getAccountsList",
    versions: ["v1.0"],
    pages: [`${BASE}77209-125282-getaccountslist.html`, `${BASE}77211-125282-getaccountslist.html`],
    fidelity: "verified",
    assumptions: [],
    params: {
      companyId: {
        type: "string",
        required: false,
        doc: "The company whose accounts are listed (partners page only). Default: the company the API key belongs to.",
      },
      page: { type: "number", required: false, doc: "The results page number. Default 1.", default: 1 },
      perPage: { type: "number", required: false, doc: "Items per page, 1-100. Default 30.", default: 30 },
    },
    result: {
      type: "object",
      doc:
        "{page, pagesCount, perPage, total, items}. The account that generated the API key is omitted. Items (cloud page): id, email, " +
        "profile {fullName, timezone, language}, role (1, 2, 3, 5), rights {name: boolean}, twoFactorAuthenticationStatus, companyName, " +
        "companyId; the partners page also lists profile.landingPage, passwordLifetime (0 never, 90 days) and an account-lockdown Boolean. " +
        "No password, no targetIds.",
    },
    exampleRequest: { perPage: 20, page: 1 },
    rateLimit: "10/s",
    n8n: {
      file: "nodes/GravityZone/actions/accounts/getAccountsList.operation.ts",
      sends: ["page", "perPage"],
      differences: "Seen only in the node's tests; never sends companyId.",
    },
  },
  {
    module: "accounts",
    method: "getAccountDetails",
    versions: ["v1.0"],
    pages: [`${BASE}77211-1081603-getaccoutdetails.html`],
    fidelity: "assumed",
    assumptions: [
      'Only the partners page was found (its address is spelled "getaccoutdetails"); the return-value table is partly unreadable: the names ' +
        "of the passwordLifetime, account-lockdown, two-factor and manage-own-company members are inferred from getAccountsList.",
      "The example response is cut after rights; it starts with id, so id is part of the result.",
      "The emulator answers id, email, profile {fullName, language, timezone, landingPage}, phoneNumber, role, rights, passwordLifetime, " +
        "twoFactorAuthenticationStatus, companyName, companyId. The account-lockdown and manage-own-company Booleans are left out: their " +
        "names are not readable. phoneNumber is {countryCode: null, subscriberNumber: null} when none is set, as the example shows.",
      "No targetIds member: neither this page nor getAccountsList documents one (targetIds is only a create/update parameter). No userName " +
        "(on-premises pages only).",
      'landingPage "dashboard" (the example\'s value), passwordLifetime 0 and twoFactorAuthenticationStatus false are fixed: the API cannot ' +
        "set them. rights: the account's own for role 5 (every right, false when not granted), the role's rights otherwise.",
    ],
    params: {
      accountId: {
        type: "string",
        required: false,
        doc: "The account to display. Default: the GravityZone account used to generate the API key.",
      },
    },
    result: {
      type: "object",
      doc:
        "id, email, profile {fullName, language, timezone, landingPage}, phoneNumber {countryCode, subscriberNumber} (null members when unset), " +
        "role (1-5), rights {…}, passwordLifetime (Integer), account lockdown (Boolean), two-factor authentication (Boolean), companyName, " +
        "companyId, and a Boolean telling whether the user may manage its own company. No password, no targetIds.",
    },
    exampleRequest: { accountId: "6718732309e2be32df0550c2" },
    rateLimit: "10/s",
    n8n: {
      file: "nodes/GravityZone/actions/accounts/getAccountDetails.operation.ts",
      sends: ["accountId"],
      differences: "Seen only in the node's tests; sends {} when no account is given.",
    },
  },
  {
    module: "accounts",
    method: "getNotificationsSettings",
    versions: ["v1.0"],
    pages: [`${BASE}77209-126234-getnotificationssettings.html`, `${BASE}77211-126234-getnotificationssettings.html`],
    fidelity: "verified",
    assumptions: [],
    params: {
      accountId: {
        type: "string",
        required: false,
        doc: "The account whose notification settings are retrieved. Default: the account which generated the API key.",
      },
    },
    result: {
      type: "object",
      doc:
        "deleteAfter (days), includeDeviceName, includeDeviceFQDN, emailAddresses [], sendOnlyPlainTextEmail, notificationsSettings [{type, " +
        "enabled, visibilitySettings {sendPerEmail, showInConsole, useCustomEmailDistribution, emails, …}, configurationSettings {…}}].",
    },
    exampleRequest: { accountId: "55896b87b7894d0f367b23c8" },
  },
  {
    module: "accounts",
    method: "configureNotificationsSettings",
    versions: ["v1.0"],
    pages: [`${BASE}77211-125286-configurenotificationssettings.html`],
    fidelity: "verified",
    assumptions: [],
    params: {
      accountId: {
        type: "string",
        required: false,
        doc: "The account to configure. Default: the account which generated the API key.",
      },
      deleteAfter: {
        type: "number",
        required: false,
        doc: "Days after which generated notifications are automatically deleted, 1-365. Default 30.",
        default: 30,
      },
      emailAddresses: {
        type: "array",
        required: false,
        items: "string",
        doc: "Additional email addresses used when sending notifications.",
      },
      includeDeviceName: {
        type: "boolean",
        required: false,
        doc: "Include the device name in notifications sent by email, when available. Default false.",
        default: false,
      },
      includeDeviceFQDN: {
        type: "boolean",
        required: false,
        doc: "Include the FQDN in notifications sent by email, when available. Default false.",
        default: false,
      },
      notificationsSettings: {
        type: "array",
        required: false,
        items: "object",
        doc:
          "Notification settings to configure: {type, enabled, visibilitySettings {sendPerEmail, showInConsole, useCustomEmailDistribution, " +
          "emails, setCustomEmailSubject, emailSubject} (77209-125287: an enabled notification needs showInConsole or sendPerEmail true; " +
          "useCustomEmailDistribution true needs sendPerEmail true and at least one address in emails), configurationSettings {…}}. " +
          '"Only the specified notifications will be updated. Existing values are preserved for omitted settings."',
      },
      sendOnlyPlainTextEmail: { type: "boolean", required: false, doc: "True: plain-text emails; false: HTML." },
    },
    result: { type: "boolean", doc: "True if the notifications settings have been successfully configured." },
    rateLimit: "30/min",
    n8n: {
      file: "nodes/GravityZone/actions/accounts/configureNotificationsSettings.operation.ts",
      sends: [
        "accountId",
        "deleteAfter",
        "includeDeviceName",
        "includeDeviceFQDN",
        "sendOnlyPlainTextEmail",
        "emailAddresses",
        "notificationsSettings",
      ],
    },
  },
];
