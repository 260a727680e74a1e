/** The `policies` API as the reference documents it (see types.ts). */
import type { MethodDoc } from "./types";

/** Every documented `policies` method the emulator answers or the provider calls. */
export const policiesCatalogue: readonly MethodDoc[] = [
  {
    module: "policies",
    method: "getPoliciesList",
    versions: ["v1.0"],
    pages: [
      "https://bitdefender.com/business/support/en/77211-135303-getpolicieslist.html",
      "https://www.bitdefender.com/business/support/en/77209-135303-getpolicieslist.html",
    ],
    fidelity: "assumed",
    assumptions: [
      "page and perPage are typed Number on the page; the example uses whole numbers and they are counts, so they are taken as integers " +
        "(as the emulator always did).",
    ],
    params: {
      companyId: {
        type: "string",
        required: false,
        doc:
          "The ID of the company for which the policies are retrieved. Default: the company of the user who generated the API key; " +
          "if not passed, the policies available to the company are returned. (Partner page 77211; the cloud page 77209 lists only page " +
          "and perPage, yet its example sends companyId.)",
      },
      page: { type: "integer", required: false, doc: "The page of results. The default value is 1.", default: 1 },
      perPage: {
        type: "integer",
        required: false,
        doc: "The number of items displayed in a page. The upper limit is 100 items per page. Default 30.",
        default: 30,
      },
    },
    result: {
      type: "object",
      doc: "{page, pagesCount, perPage, total, items[{id, name, companyId (the company which owns the policy), companyName (its name)}]}.",
      example: {
        page: 1,
        pagesCount: 2,
        perPage: 2,
        total: 4,
        items: [
          {
            id: "21a295eeb1a43d8b497b23b7",
            name: "Policy 1",
            companyId: "55896b87b7894d0f367b23c6",
            companyName: "Company Test",
          },
          {
            id: "23a295d8b1a43d7c4a7b23c9",
            name: "Policy 2",
            companyId: "55896b87b7894d0f367b23c6",
            companyName: "Company Test",
          },
        ],
      },
    },
    exampleRequest: { companyId: "55896b87b7894d0f367b23c6", page: 1, perPage: 2 },
    rateLimit: "10/s",
  },
  {
    module: "policies",
    method: "getPolicyDetails",
    versions: ["v1.0"],
    pages: [
      "https://www.bitdefender.com/business/support/en/77209-135304-getpolicydetails.html",
      "https://www.bitdefender.com/business/support/en/77212-135304-getpolicydetails.html",
    ],
    fidelity: "assumed",
    assumptions: [
      "createdBy: the emulator does not record who created a policy; it answers the user name of the owning company's first account " +
        "(else the account that owns the API keys).",
      "createDate and lastModifyDate are sent as in the example ('2015-06-19T10:27:59', no time zone).",
      "lastSuccessfulScan{name, date} is listed on the cloud page only and describes a scan, not a policy (it looks copied from the endpoint " +
        "pages): it is not sent. A client must not require it.",
    ],
    params: {
      policyId: { type: "string", required: true, doc: "The ID of the policy to be queried." },
    },
    result: {
      type: "object",
      doc:
        "{id, name, createdBy (the username who created the policy), createDate, lastModifyDate, settings (the settings of the policy; " +
        "live: the full module configuration), lastSuccessfulScan{name, date} (listed on the cloud page only)}. " +
        "The example's createdBy is an e-mail address that the stored copy shows obfuscated; `settings` is elided ('...') in the example.",
      example: {
        id: "5583c480b1a43ddc09712345",
        name: "Test",
        createdBy: "[email protected]",
        createDate: "2015-06-19T10:27:59",
        lastModifyDate: "2015-06-19T10:27:59",
        settings: {},
      },
    },
    exampleRequest: { policyId: "55828d66b1a43de92c712345" },
    rateLimit: "10/s",
  },
];
