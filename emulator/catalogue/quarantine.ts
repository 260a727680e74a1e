/** The `quarantine` API as the reference documents it (see types.ts). Requests go to `/jsonrpc/quarantine/{service}`. */
import type { MethodDoc } from "./types";

/** Every documented `quarantine` method the emulator answers or the provider calls. */
export const quarantineCatalogue: readonly MethodDoc[] = [
  {
    module: "quarantine",
    method: "getQuarantineItemsList",
    versions: ["v1.0", "v1.1"],
    pages: ["https://www.bitdefender.com/business/support/en/77211-140256-getquarantineitemslist.html"],
    fidelity: "assumed",
    assumptions: [
      "The method needs a service in the URL: /jsonrpc/quarantine/computers ('Computers and Virtual Machines') or /jsonrpc/quarantine/exchange" +
        " ('Security for Exchange'); the page's example URL is .../api/v1.0/jsonrpc/quarantine/exchange.",
      "The page shows only v1.0 URLs; v1.1 is listed for the quarantine API in the introduction (seed-001) and is assumed to take the same parameters.",
      "`filters` is left open: the page names threatName, startDate and endDate (ISO 8601) for both services; the names of the file path, IP" +
        " address and action status filters were not in the text read.",
      "The return value section was not in the text read; the usual paged object is assumed.",
      "companyId is on the partner page (77211) only; the on-premises page (77212-140256) has endpointId, page, perPage, filters.",
      "page and perPage are typed 'Number' on the page; they count pages and items, so they are recorded as integers (as the emulator checks them).",
      "endpointId must name an endpoint the key can see (-32602 not found otherwise).",
    ],
    params: {
      companyId: {
        type: "string",
        required: false,
        doc: "The company whose quarantine items are retrieved. Default: the company of the user who generated the API key.",
      },
      endpointId: {
        type: "string",
        required: false,
        doc: "The computer whose quarantined items are wanted; when not passed, the items quarantined in the entire network are returned.",
      },
      page: { type: "integer", required: false, default: 1, doc: "The results page. The default value is 1." },
      perPage: {
        type: "integer",
        required: false,
        default: 30,
        doc: "The number of items displayed in a page. The upper limit is 100 items per page. Default value is 30 items per page.",
      },
      filters: {
        type: "object",
        required: false,
        doc:
          "Items must match ALL given filters: threatName, startDate, endDate (ISO 8601) for computers and exchange; also file path, IP address" +
          " and action status filters (names not read).",
      },
    },
    result: { type: "object", doc: "Assumed {items, page, pagesCount, perPage, total}." },
    n8n: {
      file: "nodes/GravityZone/actions/quarantine/getQuarantineItemsList.operation.ts",
      sends: ["endpointId", "filters", "page", "perPage"],
      differences:
        "Posts to v1.0 `quarantine/{service}` (computers | exchange); never sends companyId; perPage default 50 in its UI.",
    },
  },
];
