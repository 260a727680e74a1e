/**
 * The `reports` API: getReportsList, createReport, deleteReport, getDownloadLinks
 * (getReportConfiguration does not exist). Reports are recorded but never generated: download
 * links answer an empty list for scheduled reports and one link for instant ones.
 */
import { isoUtc } from "../clock";
import { newObjectId } from "../ids";
import { anyObject, arr, id, int, pagingShape, readParams, req, str } from "../params";
import { companyVisible, requireCompany, requireNode } from "../scope";
import { notFound } from "../errors";
import { companyOfNode } from "../tree";
import { pageOf, read, write, type MethodContext, type ModuleMethods } from "./registry";
import { compareCodes, compareNames } from "../collation";

function getReportsList(raw: unknown, ctx: MethodContext) {
  const p = readParams(raw, { name: str({ max: 255 }), type: int({ min: 1, max: 100 }), ...pagingShape(100) });
  let list = Object.values(ctx.state.reports).filter((r) => companyVisible(ctx.state, ctx.caller, r.companyId));
  if (p.name !== undefined) list = list.filter((r) => r.name.toLowerCase().startsWith(p.name!.toLowerCase()));
  if (p.type !== undefined) list = list.filter((r) => r.type === p.type);
  list.sort((a, b) => compareNames(a.name, b.name) || compareCodes(a.id, b.id));
  const page = pageOf(list, p.page, p.perPage);
  return { ...page, items: page.items.map((r) => ({ id: r.id, name: r.name, type: r.type, occurrence: r.occurrence })) };
}

function createReport(raw: unknown, ctx: MethodContext): string {
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
  ctx.state.reports[rid] = { id: rid, name: p.name, type: p.type, companyId: companyOfNode(targets[0]!), targetIds: p.targetIds, occurrence: p.scheduledInfo ? 2 : 1, createdAt: isoUtc(ctx.now) };
  return rid;
}

function findReport(ctx: MethodContext, reportId: string) {
  const r = ctx.state.reports[reportId];
  if (!r || !companyVisible(ctx.state, ctx.caller, r.companyId)) throw notFound("report", reportId);
  return r;
}

function deleteReport(raw: unknown, ctx: MethodContext): boolean {
  const p = readParams(raw, { reportId: req(id()) });
  delete ctx.state.reports[findReport(ctx, p.reportId).id];
  return true;
}

function getDownloadLinks(raw: unknown, ctx: MethodContext) {
  const p = readParams(raw, { reportId: req(id()) });
  const r = findReport(ctx, p.reportId);
  requireCompany(ctx.state, ctx.caller, r.companyId);
  const link = `https://cloudgz.gravityzone.bitdefender.com/api/v1.0/http/downloadReportZip?reportId=${r.id}&allInstances=0`;
  return { readyForDownload: r.occurrence === 1, lastInstanceUrl: r.occurrence === 1 ? link : "", allInstancesUrl: r.occurrence === 1 ? link.replace("allInstances=0", "allInstances=1") : "" };
}

/** The reports module. */
export const reportsMethods: ModuleMethods = {
  getReportsList: read(getReportsList),
  createReport: write(createReport),
  deleteReport: write(deleteReport),
  getDownloadLinks: read(getDownloadLinks),
};
