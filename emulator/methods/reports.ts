/**
 * The `reports` API: getReportsList, createReport, deleteReport, getDownloadLinks
 * (getReportConfiguration does not exist). Reports are recorded but not generated; download links
 * follow getDownloadLinks (77211-135316): an instant report "is created one time only and available
 * for download for less than 24 hours"; a scheduled report's instances are all kept.
 *
 * No reference page was found for getReportsList, createReport and deleteReport: their parameters
 * are those community clients send, and the limits below are the emulator's own (assumed).
 * Choices where the reference is silent (also in the catalogue's assumptions):
 * - An instant report is ready for download as soon as it is created, for 24 hours.
 * - A scheduled report has its first instance one hour after it is created (schedules are not
 *   modelled; an hour is the shortest recurrence), and is ready from then on.
 */
import { isoUtc } from "../clock";
import { newObjectId } from "../ids";
import { anyObject, arr, id, int, pagingShape, readParams, req, str } from "../params";
import { companyVisible, requireCompany, requireNode } from "../scope";
import { notFound } from "../errors";
import type { ReportRecord } from "../state";
import { companyOfNode } from "../tree";
import { pageOf, read, write, type MethodContext, type ModuleMethods } from "./registry";
import { compareCodes, compareNames } from "../collation";

const HOUR_MS = 3_600_000;

function getReportsList(raw: unknown, ctx: MethodContext) {
  // assumed (no page; community clients and seed-000): name, type, page, perPage, all optional; perPage ≤ 100, default 30.
  const p = readParams(raw, { name: str({ max: 255 }), type: int({ min: 1, max: 100 }), ...pagingShape(100) });
  let list = Object.values(ctx.state.reports).filter((r) => companyVisible(ctx.state, ctx.caller, r.companyId));
  if (p.name !== undefined) list = list.filter((r) => r.name.toLowerCase().startsWith(p.name!.toLowerCase()));
  if (p.type !== undefined) list = list.filter((r) => r.type === p.type);
  list.sort((a, b) => compareNames(a.name, b.name) || compareCodes(a.id, b.id));
  const page = pageOf(list, p.page, p.perPage);
  return {
    ...page,
    items: page.items.map((r) => ({ id: r.id, name: r.name, type: r.type, occurrence: r.occurrence })),
  };
}

function createReport(raw: unknown, ctx: MethodContext): string {
  // assumed (no page): name, type, targetIds required; scheduledInfo, options, emailsList optional. The address list is
  // `emailsList` as community clients written to the reference send it; `emailList` (Bitdefender's n8n node) is refused.
  // The limits (name ≤ 255 characters, type 1-100, 1-1000 targets) are the emulator's own.
  const p = readParams(raw, {
    name: req(str({ max: 255, noHtml: true })),
    type: req(int({ min: 1, max: 100 })),
    targetIds: req(arr(id(), { min: 1, max: 1000 })),
    scheduledInfo: anyObject(),
    options: anyObject(),
    emailsList: arr(str({ max: 254 })),
  });
  const targets = p.targetIds.map((t) => requireNode(ctx.state, ctx.caller, t, "target"));
  const rid = newObjectId(ctx.now.getTime());
  const companyId = companyOfNode(targets[0]!);
  const occurrence = p.scheduledInfo ? 2 : 1;
  ctx.state.reports[rid] = {
    id: rid,
    name: p.name,
    type: p.type,
    companyId,
    targetIds: p.targetIds,
    occurrence,
    createdAt: isoUtc(ctx.now),
  };
  return rid;
}

function findReport(ctx: MethodContext, reportId: string) {
  const r = ctx.state.reports[reportId];
  if (!r || !companyVisible(ctx.state, ctx.caller, r.companyId)) throw notFound("report", reportId);
  return r;
}

function deleteReport(raw: unknown, ctx: MethodContext): boolean {
  // assumed (no page; seed-000 probe): reportId; true on success.
  const p = readParams(raw, { reportId: req(id()) });
  delete ctx.state.reports[findReport(ctx, p.reportId).id];
  return true;
}

/** True when the report has an instance that can be downloaded now (see the module comment). */
function readyForDownload(r: ReportRecord, now: Date): boolean {
  const age = now.getTime() - Date.parse(r.createdAt);
  return r.occurrence === 1 ? age < 24 * HOUR_MS : age >= HOUR_MS;
}

function getDownloadLinks(raw: unknown, ctx: MethodContext) {
  // 77211-135316: reportId; {readyForDownload, lastInstanceUrl (only when ready), allInstancesUrl (only when ready and scheduled)}.
  const p = readParams(raw, { reportId: req(id()) });
  const r = findReport(ctx, p.reportId);
  requireCompany(ctx.state, ctx.caller, r.companyId);
  if (!readyForDownload(r, ctx.now)) return { readyForDownload: false };
  const link = (all: 0 | 1) =>
    `https://cloudgz.gravityzone.bitdefender.com/api/v1.0/http/downloadReportZip?reportId=${r.id}&allInstances=${all}`;
  return {
    readyForDownload: true,
    lastInstanceUrl: link(0),
    ...(r.occurrence === 2 ? { allInstancesUrl: link(1) } : {}),
  };
}

/** The reports module. */
export const reportsMethods: ModuleMethods = {
  getReportsList: read(getReportsList),
  createReport: write(createReport),
  deleteReport: write(deleteReport),
  getDownloadLinks: read(getDownloadLinks),
};
