/**
 * packages module: create (unique names per company, field validation), list paging, details,
 * update, delete and installation links.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../emulator/index";
import { fails, ok, seeded, start } from "./helpers";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await start();
});
afterAll(() => emu.close());

describe("packages", () => {
  it("creates a package with every field and reads it back in full", async () => {
    const company = seeded(emu).company("Tailspin Toys").id;
    const params = {
      packageName: "Tailspin EDR",
      companyId: company,
      description: "EDR kit",
      language: "de_DE",
      modules: { advancedThreatControl: 1, firewall: 0, contentControl: 1, deviceControl: 0, powerUser: 0, edrSensor: 1 },
      scanMode: { type: 2, computers: { main: 3 }, vms: { main: 3 } },
      settings: { scanBeforeInstall: true, uninstallPassword: "x" },
      roles: { relay: 1 },
      deploymentOptions: { type: 1 },
      productType: 3,
    };
    const id = await ok<string>(emu, "packages", "createPackage", params);
    expect(id).toMatch(/^[0-9a-f]{24}$/);
    const d = await ok(emu, "packages", "getPackageDetails", { packageId: id });
    expect(d).toMatchObject({ id, packageName: "Tailspin EDR", companyId: company, description: "EDR kit", language: "de_DE", scanMode: params.scanMode, settings: params.settings, deploymentOptions: { type: 1 }, productType: 3 });
    expect(d.modules).toMatchObject(params.modules);
    expect(d.roles).toMatchObject({ relay: 1 });
  });

  it("requires packageName and keeps it unique per company (case-insensitively)", async () => {
    expect((await fails(emu, "packages", "createPackage", {})).data.details).toBe("Missing required parameter 'packageName'.");
    const s = seeded(emu);
    const contoso = s.company("Contoso Dental Group").id;
    expect((await fails(emu, "packages", "createPackage", { packageName: "contoso dental group - workstations", companyId: contoso })).data.details).toMatch(/already exists/);
    expect(await ok(emu, "packages", "createPackage", { packageName: "Contoso Dental Group - Workstations", companyId: s.company("Coho Vineyard").id })).toMatch(/^[0-9a-f]{24}$/);
  });

  it("validates language, module switches, productType and unknown members", async () => {
    const base = { packageName: `P-${Date.now()}` };
    expect((await fails(emu, "packages", "createPackage", { ...base, language: "en_GB" })).data.details).toMatch(/'language'/);
    expect((await fails(emu, "packages", "createPackage", { ...base, modules: { firewall: true } })).data.details).toMatch(/'modules.firewall'.*integer/);
    expect((await fails(emu, "packages", "createPackage", { ...base, modules: { firewall: 2 } })).data.details).toMatch(/'modules.firewall'.*0, 1/);
    expect((await fails(emu, "packages", "createPackage", { ...base, modules: { teleport: 1 } })).data.details).toBe("Parameter 'modules.teleport' is not expected.");
    expect((await fails(emu, "packages", "createPackage", { ...base, productType: 1 })).data.details).toMatch(/'productType'.*0, 3, 5/);
    expect((await fails(emu, "packages", "createPackage", { ...base, scanMode: { computers: { main: 3 } } })).data.details).toBe("Missing required parameter 'scanMode.type'.");
  });

  it("lists packages with paging (perPage ≤ 100)", async () => {
    const company = seeded(emu).company("Alpine Ski House").id;
    const seededCount = Object.values(emu.state.packages).filter((p) => p.companyId === company).length;
    for (let i = 0; i < 5; i++) await ok(emu, "packages", "createPackage", { packageName: `Alpine ${i}`, companyId: company });
    const page = await ok(emu, "packages", "getPackagesList", { companyId: company, perPage: 2, page: 2 });
    expect(page).toMatchObject({ page: 2, perPage: 2, total: seededCount + 5, pagesCount: Math.ceil((seededCount + 5) / 2) });
    expect(page.items[0]).toEqual({ id: expect.any(String), name: expect.any(String), type: 4 });
    expect((await fails(emu, "packages", "getPackagesList", { perPage: 101 })).data.details).toMatch(/between 1 and 100/);
  });

  it("updatePackage needs packageId and packageName, answers true, and keeps names unique", async () => {
    const company = seeded(emu).company("Litware Legal LLP").id;
    const id = await ok<string>(emu, "packages", "createPackage", { packageName: "Litware A", companyId: company });
    await ok(emu, "packages", "createPackage", { packageName: "Litware B", companyId: company });
    expect((await fails(emu, "packages", "updatePackage", { packageId: id })).data.details).toBe("Missing required parameter 'packageName'.");
    expect(await ok(emu, "packages", "updatePackage", { packageId: id, packageName: "Litware A2", description: "changed", modules: { firewall: 0 } })).toBe(true);
    expect(await ok(emu, "packages", "getPackageDetails", { packageId: id })).toMatchObject({ packageName: "Litware A2", description: "changed", modules: { firewall: 0 } });
    expect((await fails(emu, "packages", "updatePackage", { packageId: id, packageName: "litware b" })).data.details).toMatch(/already exists/);
  });

  it("deletes by packageId", async () => {
    const id = await ok<string>(emu, "packages", "createPackage", { packageName: `Doomed ${Date.now()}` });
    expect(await ok(emu, "packages", "deletePackage", { packageId: id })).toBeNull();
    expect((await fails(emu, "packages", "getPackageDetails", { packageId: id })).data.details).toBe(`The package with ID "${id}" was not found.`);
    expect((await fails(emu, "packages", "deletePackage", { packageName: "x" })).data.details).toBe("Parameter 'packageName' is not expected.");
  });

  it("answers deterministic installation links per package", async () => {
    const company = seeded(emu).company("Coho Vineyard");
    const links = await ok(emu, "packages", "getInstallationLinks", { companyId: company.id });
    expect(links.length).toBeGreaterThan(0);
    expect(links[0]).toMatchObject({ packageName: expect.any(String), companyName: "Coho Vineyard", companyId: company.id, installLinkWindows: expect.stringMatching(/^https:\/\//), installLinkMac: expect.any(String), installLinkLinux: expect.any(String) });
    const one = await ok(emu, "packages", "getInstallationLinks", { companyId: company.id, packageName: links[0].packageName });
    expect(one).toEqual([links[0]]);
    expect((await fails(emu, "packages", "getInstallationLinks", { companyId: company.id, packageName: "nope" })).data.details).toMatch(/not found/);
  });
});
