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
    expect(own.items.map((p: any) => p.name)).toEqual([
      "Default policy",
      "EDR Report Only",
      "MSP Baseline - Servers",
      "MSP Baseline - Workstations",
      "MSP Hardened - Laptops",
    ]);
    expect(own.items[0]).toEqual({
      id: expect.any(String),
      name: "Default policy",
      companyId: emu.state.rootCompanyId,
      companyName: "Northwind MSP",
    });
    const margies = await ok(emu, "policies", "getPoliciesList", {
      companyId: s.company("Margie's Travel").id,
      perPage: 100,
    });
    expect(margies.items.map((p: any) => p.companyName)).toEqual(
      expect.arrayContaining(["Margie's Travel", "Blue Yonder IT Services", "Northwind MSP"]),
    );
    expect((await fails(emu, "policies", "getPoliciesList", { perPage: 101 })).data.details).toMatch(
      /between 1 and 100/,
    );
  });

  it("answers a full settings tree, with the documented members only", async () => {
    const p = seeded(emu).policy("MSP Baseline - Servers");
    const d = await ok(emu, "policies", "getPolicyDetails", { policyId: p.id });
    // 77209-135304: {id, name, createdBy, createDate, lastModifyDate, settings}, dates without a zone; no companyId.
    expect(d).toEqual({
      id: p.id,
      name: "MSP Baseline - Servers",
      createdBy: "admin@northwind-msp.example",
      createDate: p.createdAt.slice(0, 19),
      lastModifyDate: p.updatedAt.slice(0, 19),
      settings: p.settings,
    });
    expect(d.createDate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
    for (const section of [
      "general",
      "antimalware",
      "firewall",
      "networkProtection",
      "deviceControl",
      "incidentsSensor",
    ])
      expect(d.settings[section], section).toBeTypeOf("object");
    expect(d.settings.antimalware.onAccess.enabled).toBe(true);
  });

  it("has no authoring methods", async () => {
    for (const m of ["createPolicy", "updatePolicy", "deletePolicy", "clonePolicy"])
      expect((await fails(emu, "policies", m, {})).code).toBe(-32601);
  });
});

describe("licensing, general, integrations, reports, quarantine", () => {
  it("getLicenseInfo counts managed endpoints", async () => {
    const s = seeded(emu);
    const contoso = s.company("Contoso Dental Group");
    const info = await ok(emu, "licensing", "getLicenseInfo", { companyId: contoso.id, returnAllProducts: true });
    // One object (not a products array): the slots, the add-on switches, and the monthly subscription's end and renewal.
    expect(info).toEqual({
      subscriptionType: 3,
      isAddon: false,
      expiryDate: "2026-12-31",
      usedSlots: s.endpointsOf("Contoso Dental Group").filter((e) => e.isManaged).length,
      totalSlots: 80,
      licenseKey: null,
      manageExchange: false,
      manageEncryption: false,
      manageRemoteEnginesScanning: false,
      manageHyperDetect: true,
      manageSandboxAnalyzer: false,
      managePatchManagement: false,
      manageEventCorrelator: true,
      manageEmailSecurity: false,
      endSubscription: "2026-12-31",
      autoRenewPeriod: 12,
    });
    expect((await fails(emu, "licensing", "getLicenseInfo", { companyId: "nope" })).data.details).toMatch(
      /'companyId'/,
    );
  });

  it("getMonthlyUsage checks the month format", async () => {
    expect(
      (await ok(emu, "licensing", "getMonthlyUsage", { targetMonth: "01/2025" })).endpointMonthlyUsage,
    ).toBeGreaterThan(0);
    expect((await fails(emu, "licensing", "getMonthlyUsage", { targetMonth: "2025-01" })).data.details).toMatch(
      /'targetMonth'/,
    );
  });

  it("getConfiguredIntegrations answers {total, data}: none configured", async () => {
    // 77211-1300617: no items, page, perPage or pagesCount members.
    expect(await ok(emu, "integrations", "getConfiguredIntegrations", {})).toEqual({ total: 0, data: [] });
  });

  it("reports: create, list, links, delete", async () => {
    const id = await ok<string>(emu, "reports", "createReport", {
      name: "Weekly malware",
      type: 2,
      targetIds: [emu.state.rootCompanyId],
    });
    expect((await ok(emu, "reports", "getReportsList", { name: "Weekly" })).items).toEqual([
      expect.objectContaining({ id, name: "Weekly malware" }),
    ]);
    expect((await ok(emu, "reports", "getDownloadLinks", { reportId: id })).readyForDownload).toBe(true);
    expect(await ok(emu, "reports", "deleteReport", { reportId: id })).toBe(true);
  });

  it("quarantine is served under a service path only", async () => {
    expect(await ok(emu, "quarantine", "getQuarantineItemsList", {}, { service: "computers" })).toMatchObject({
      items: [],
      total: 0,
    });
    expect((await fails(emu, "quarantine", "getQuarantineItemsList", {})).code).toBe(-32601);
  });
});
