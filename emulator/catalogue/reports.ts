/** The `reports` API as the reference documents it (see types.ts). */
import type { MethodDoc } from "./types";

const NO_PAGE =
  "No reference page for this method was found in the stored pages (searched 'getReportsList', 'createReport', 'deleteReport' with GravityZone terms).";

/** Every documented `reports` method the emulator answers or the provider calls. */
export const reportsCatalogue: readonly MethodDoc[] = [
  {
    module: "reports",
    method: "getReportsList",
    versions: ["v1.0"],
    pages: [],
    fidelity: "assumed",
    assumptions: [
      NO_PAGE,
      "Parameters are those community clients send (name, type, page, perPage; a Siemplify-style client and a Python client) and seed-000 (page?," +
        " perPage?, VERIFIED LIVE). All optional; perPage ≤ 100 and default 30 as on every v1.0 list.",
      "Result: the usual paged object; the item members (id, name, type, occurrence) are the emulator's, not read on a page.",
    ],
    params: {
      name: { type: "string", required: false, doc: "Filter by report name (community clients send it)." },
      type: { type: "integer", required: false, doc: "Filter by report type (community clients send it)." },
      page: { type: "integer", required: false, default: 1, doc: "The results page. Default 1." },
      perPage: { type: "integer", required: false, default: 30, doc: "Items per page, 1-100. Default 30." },
    },
    result: { type: "object", doc: "{items: [{id, name, type, occurrence}], page, pagesCount, perPage, total}." },
  },
  {
    module: "reports",
    method: "createReport",
    versions: ["v1.0"],
    pages: [],
    fidelity: "assumed",
    assumptions: [
      NO_PAGE + " Bitdefender's n8n node links 77209-135314-createreport.html, which was not found.",
      "Parameters are those the n8n node sends (name, type, targetIds required; scheduledInfo, options optional) with the address list named" +
        " `emailsList`, as two community clients written to the reference send it (a Django GravityZone integration and a Python client), not" +
        " `emailList` as the n8n node sends it: `emailList` is refused as not expected. The page, which would settle it, could not be read.",
      "The emulator's own limits: name 1-255 characters without HTML, type 1-100, targetIds 1-1000 ids of inventory nodes the key can see.",
      "Report types offered by the n8n node: 1-10, 12-24, 29-39 (e.g. 1 Antiphishing Activity, 8 Endpoint Protection Status, 12 Malware Status," +
        " 39 Data Insights License Usage); no `values` are set because the full list was not read.",
      "Result: the new report's id (string), as seed-000's probe and the emulator have it.",
    ],
    params: {
      name: { type: "string", required: true, doc: "The report name." },
      type: { type: "integer", required: true, doc: "The report type (see assumptions for the codes n8n offers)." },
      targetIds: {
        type: "array",
        required: true,
        items: "string",
        doc: "The IDs of the report's targets (companies, groups, endpoints).",
      },
      scheduledInfo: {
        type: "object",
        required: false,
        doc: "When set, the report is scheduled (recurring); without it, an instant report.",
      },
      options: { type: "object", required: false, doc: "Report-type specific options." },
      emailsList: {
        type: "array",
        required: false,
        items: "string",
        doc: "Addresses the report is emailed to, scheduled reports only (community clients' spelling; see assumptions).",
      },
    },
    result: { type: "string", doc: "The ID of the created report." },
    rateLimit: "30/min",
    n8n: {
      file: "nodes/GravityZone/actions/reports/createReport.operation.ts",
      sends: ["name", "type", "targetIds", "scheduledInfo", "options", "emailList"],
      differences:
        "Sends `emailList` (the catalogue has `emailsList`, see assumptions); scheduledInfo/options only when non-empty.",
    },
  },
  {
    module: "reports",
    method: "deleteReport",
    versions: ["v1.0"],
    pages: [],
    fidelity: "assumed",
    assumptions: [
      NO_PAGE,
      "Parameter and result from seed-000 (reportId, VERIFIED probe) and community clients; true on success as the emulator answers.",
    ],
    params: {
      reportId: { type: "string", required: true, doc: "The ID of the report to delete." },
    },
    result: { type: "boolean", doc: "True when the report was deleted." },
  },
  {
    module: "reports",
    method: "getDownloadLinks",
    versions: ["v1.0"],
    pages: [
      "https://www.bitdefender.com/business/support/en/77211-135316-getdownloadlinks.html",
      "https://www.bitdefender.com/business/support/en/77209-135316-getdownloadlinks.html",
    ],
    fidelity: "assumed",
    assumptions: [
      "When a report is ready is not documented beyond 'The instant report is created one time only and available for download for less than" +
        " 24 hours'. The emulator: an instant report is ready from its creation for 24 hours; a scheduled report (schedules are not modelled) has" +
        " its first instance one hour after its creation and is ready from then on. A report that is not ready answers {readyForDownload: false}.",
    ],
    params: {
      reportId: { type: "string", required: true, doc: "The report ID." },
    },
    result: {
      type: "object",
      doc:
        "{readyForDownload (boolean), lastInstanceUrl (string; 'present in the response only if readyForDownload is True'), allInstancesUrl" +
        " (string; present only if readyForDownload is True 'and the report is a scheduled one')}. An instant report is available for less than" +
        " 24 hours. The URLs need the same HTTP Basic authentication (API key, empty password). The example response was not in the text read.",
    },
    exampleRequest: { reportId: "5638d7f8b1a43d49137b23c9" },
  },
];
