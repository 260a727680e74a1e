/** The `integrations` API as the reference documents it (see types.ts). */
import type { MethodDoc } from "./types";

/** Every documented `integrations` method the emulator answers or the provider calls. */
export const integrationsCatalogue: readonly MethodDoc[] = [
  {
    module: "integrations",
    method: "getConfiguredIntegrations",
    versions: ["v1.0"],
    pages: ["https://www.bitdefender.com/business/support/en/77211-1300617-getconfiguredintegrations.html"],
    fidelity: "assumed",
    assumptions: [
      "The page's text ends at `category`; the emulated tenant has no integrations, so every company answers {total: 0, data: []}. companyID must" +
        " name a company the key manages; page and perPage select the slice of `data` (total counts them all).",
    ],
    params: {
      companyID: {
        type: "string",
        required: false,
        doc:
          "The ID of the company to retrieve configurations for (spelled `companyID` on the page). The caller must have Network administrator" +
          " rights for it. Default: the company of the API key.",
      },
      page: { type: "integer", required: false, default: 1, doc: "The results page number. Default value: 1." },
      perPage: {
        type: "integer",
        required: false,
        default: 30,
        doc: "The number of results displayed per page. The upper limit is 100 items per page. Default value: 30.",
      },
    },
    result: {
      type: "object",
      doc:
        "{total (the number of integrations configured on the company), data: [{id, name, type (1 - VMware Integration), specifics (the" +
        " integration's settings), category (object), …}]} — note `data`, not `items`, and no page/perPage/pagesCount. The page text read ends at" +
        " `category`; getIntegrationDetails (77211-1300592) also returns company and status (0 not licensed … 7 usage limit reached) per integration.",
      example: { total: 0, data: [] },
    },
  },
];
