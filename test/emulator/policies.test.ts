/**
 * policies module: getPolicyDetails answers the documented members (77209-135304) and getPoliciesList
 * pages with integers only.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../emulator/index";
import { fails, ok, seeded, start } from "./helpers";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await start();
});
afterAll(() => emu.close());

describe("getPolicyDetails", () => {
  it("answers {id, name, createdBy, createDate, lastModifyDate, settings} and nothing undocumented", async () => {
    const p = seeded(emu).policy("MSP Baseline - Servers");
    const d = await ok(emu, "policies", "getPolicyDetails", { policyId: p.id });
    expect(Object.keys(d).sort()).toEqual(["createDate", "createdBy", "id", "lastModifyDate", "name", "settings"]);
    expect(d).toMatchObject({ id: p.id, name: "MSP Baseline - Servers", createdBy: "admin@northwind-msp.example" });
    expect(d.createDate).toBe(p.createdAt.slice(0, 19));
    expect(d.lastModifyDate).toBe(p.updatedAt.slice(0, 19));
    expect(d.createDate).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
    expect(d.settings.antimalware.onAccess.enabled).toBe(true);
  });

  it("names the owning company's first account as the author", async () => {
    const p = seeded(emu).policy("Blue Yonder Standard");
    expect((await ok(emu, "policies", "getPolicyDetails", { policyId: p.id })).createdBy).toBe(
      "andrei@blueyonder-it.example",
    );
  });

  it("requires policyId", async () => {
    expect((await fails(emu, "policies", "getPolicyDetails", {})).data.details).toBe(
      "Missing required parameter 'policyId'.",
    );
  });
});

describe("getPoliciesList", () => {
  it("refuses a fractional page or perPage", async () => {
    expect((await fails(emu, "policies", "getPoliciesList", { perPage: 2.5 })).data.details).toMatch(
      /'perPage'.*integer/,
    );
    expect((await fails(emu, "policies", "getPoliciesList", { page: 1.5 })).data.details).toMatch(/'page'.*integer/);
    expect((await ok(emu, "policies", "getPoliciesList", { perPage: 2 })).items).toHaveLength(2);
  });
});
