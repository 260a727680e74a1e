/**
 * reports module: createReport (address list `emailsList`), getReportsList, deleteReport, and
 * getDownloadLinks, whose URLs appear only when the report is ready (77211-135316).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../emulator/index";
import { fails, ok, start } from "./helpers";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await start();
});
afterAll(() => emu.close());

const HOUR = 3_600_000;

/** Makes a report look `ms` milliseconds older. */
function age(reportId: string, ms: number): void {
  const r = emu.state.reports[reportId]!;
  r.createdAt = new Date(Date.parse(r.createdAt) - ms).toISOString();
}

describe("reports", () => {
  it("creates, lists and deletes a report", async () => {
    const id = await ok<string>(emu, "reports", "createReport", {
      name: "Weekly malware",
      type: 2,
      targetIds: [emu.state.rootCompanyId],
    });
    expect(id).toMatch(/^[0-9a-f]{24}$/);
    expect((await ok(emu, "reports", "getReportsList", { name: "Weekly" })).items).toEqual([
      { id, name: "Weekly malware", type: 2, occurrence: 1 },
    ]);
    expect(await ok(emu, "reports", "deleteReport", { reportId: id })).toBe(true);
    expect((await fails(emu, "reports", "deleteReport", { reportId: id })).data.details).toMatch(/was not found/);
  });

  it("takes the address list as emailsList; emailList is not expected", async () => {
    const base = {
      name: "Monthly usage",
      type: 13,
      targetIds: [emu.state.rootCompanyId],
      scheduledInfo: { occurrence: 4 },
    };
    expect(await ok(emu, "reports", "createReport", { ...base, emailsList: ["soc@example.com"] })).toMatch(
      /^[0-9a-f]{24}$/,
    );
    const n8nSpelling = { ...base, emailList: ["soc@example.com"] };
    expect((await fails(emu, "reports", "createReport", n8nSpelling)).data.details).toBe(
      "Parameter 'emailList' is not expected.",
    );
  });

  it("gives an instant report's link for 24 hours, without allInstancesUrl (77211-135316)", async () => {
    const id = await ok<string>(emu, "reports", "createReport", {
      name: "Instant",
      type: 8,
      targetIds: [emu.state.rootCompanyId],
    });
    const links = await ok(emu, "reports", "getDownloadLinks", { reportId: id });
    expect(links).toEqual({ readyForDownload: true, lastInstanceUrl: expect.stringContaining(`reportId=${id}`) });
    age(id, 24 * HOUR);
    expect(await ok(emu, "reports", "getDownloadLinks", { reportId: id })).toEqual({ readyForDownload: false });
  });

  it("gives a scheduled report's links once it has an instance, allInstancesUrl included (77211-135316)", async () => {
    const params = {
      name: "Scheduled",
      type: 12,
      targetIds: [emu.state.rootCompanyId],
      scheduledInfo: { occurrence: 3 },
    };
    const id = await ok<string>(emu, "reports", "createReport", params);
    expect(await ok(emu, "reports", "getDownloadLinks", { reportId: id })).toEqual({ readyForDownload: false });
    age(id, HOUR);
    expect(await ok(emu, "reports", "getDownloadLinks", { reportId: id })).toEqual({
      readyForDownload: true,
      lastInstanceUrl: expect.stringContaining(`reportId=${id}`),
      allInstancesUrl: expect.stringContaining("allInstances=1"),
    });
  });
});
