/**
 * Read-only modules and the small ones: policies (list, realistic details, no authoring methods),
 * licensing, general, integrations, reports and quarantine (service path).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../emulator/index";
import { fails, ok, seeded, start } from "./helpers";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await start();
});
afterAll(() => emu.close());

describe("policies", () => {
  it("lists the company's own and inherited partner policies, paged", async () => {
    const s = seeded(emu);
    const own = await ok(emu, "policies", "getPoliciesList", {});
    expect(own.items.map((p: any) => p.name)).toEqual(["Default policy", "EDR Report Only", "MSP Baseline - Servers", "MSP Baseline - Workstations", "MSP Hardened - Laptops"]);
    expect(own.items[0]).toEqual({ id: expect.any(String), name: "Default policy", companyId: emu.state.rootCompanyId, companyName: "Northwind MSP" });
    const margies = await ok(emu, "policies", "getPoliciesList", { companyId: s.company("Margie's Travel").id, perPage: 100 });
    expect(margies.items.map((p: any) => p.companyName)).toEqual(expect.arrayContaining(["Margie's Travel", "Blue Yonder IT Services", "Northwind MSP"]));
    expect((await fails(emu, "policies", "getPoliciesList", { perPage: 101 })).data.details).toMatch(/between 1 and 100/);
  });

  it("answers a full settings tree", async () => {
    const p = seeded(emu).policy("MSP Baseline - Servers");
    const d = await ok(emu, "policies", "getPolicyDetails", { policyId: p.id });
    expect(d).toMatchObject({ id: p.id, name: "MSP Baseline - Servers", companyId: emu.state.rootCompanyId });
    for (const section of ["general", "antimalware", "firewall", "networkProtection", "deviceControl", "incidentsSensor"]) expect(d.settings[section], section).toBeTypeOf("object");
    expect(d.settings.antimalware.onAccess.enabled).toBe(true);
  });

  it("has no authoring methods", async () => {
    for (const m of ["createPolicy", "updatePolicy", "deletePolicy", "clonePolicy"]) expect((await fails(emu, "policies", m, {})).code).toBe(-32601);
  });
});

describe("licensing, general, integrations, reports, quarantine", () => {
  it("getLicenseInfo counts managed endpoints", async () => {
    const s = seeded(emu);
    const contoso = s.company("Contoso Dental Group");
    const info = await ok(emu, "licensing", "getLicenseInfo", { companyId: contoso.id, returnAllProducts: true });
    expect(info).toMatchObject({ subscriptionType: 3, usedSlots: s.endpointsOf("Contoso Dental Group").filter((e) => e.isManaged).length, totalSlots: 80, products: expect.any(Array) });
    expect((await fails(emu, "licensing", "getLicenseInfo", { companyId: "nope" })).data.details).toMatch(/'companyId'/);
  });

  it("getMonthlyUsage checks the month format", async () => {
    expect((await ok(emu, "licensing", "getMonthlyUsage", { targetMonth: "01/2025" })).endpointMonthlyUsage).toBeGreaterThan(0);
    expect((await fails(emu, "licensing", "getMonthlyUsage", { targetMonth: "2025-01" })).data.details).toMatch(/'targetMonth'/);
  });

  it("getConfiguredIntegrations answers an empty page", async () => {
    expect(await ok(emu, "integrations", "getConfiguredIntegrations", {})).toEqual({ items: [], page: 1, pagesCount: 0, perPage: 30, total: 0 });
  });

  it("reports: create, list, links, delete", async () => {
    const id = await ok<string>(emu, "reports", "createReport", { name: "Weekly malware", type: 2, targetIds: [emu.state.rootCompanyId] });
    expect((await ok(emu, "reports", "getReportsList", { name: "Weekly" })).items).toEqual([expect.objectContaining({ id, name: "Weekly malware" })]);
    expect((await ok(emu, "reports", "getDownloadLinks", { reportId: id })).readyForDownload).toBe(true);
    expect(await ok(emu, "reports", "deleteReport", { reportId: id })).toBe(true);
  });

  it("quarantine is served under a service path only", async () => {
    expect(await ok(emu, "quarantine", "getQuarantineItemsList", {}, { service: "computers" })).toMatchObject({ items: [], total: 0 });
    expect((await fails(emu, "quarantine", "getQuarantineItemsList", {})).code).toBe(-32601);
  });
});
