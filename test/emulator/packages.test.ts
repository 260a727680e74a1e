/**
 * packages module: create (unique names per company, documented module keys, "not sent = disabled",
 * the contentControl and EDR (Report only) rules, scan mode), list paging, details (documented members
 * only), update (the whole configuration is replaced), delete and installation links (rings, every
 * managed company, no error for an unknown name).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../emulator/index";
import { fails, ok, seeded, start } from "./helpers";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await start();
});
afterAll(() => emu.close());

let n = 0;
const name = (what: string) => `${what} ${++n}-${Date.now()}`;

/** Every module getPackageDetails reports, all disabled, with antimalware as a Detection and prevention package has it. */
const ALL_OFF = {
  antimalware: 1,
  advancedThreatControl: 0,
  atc: 0,
  firewall: 0,
  contentControl: 0,
  userControl: 0,
  antiphishing: 0,
  trafficScan: 0,
  deviceControl: 0,
  powerUser: 0,
  containerProtection: 0,
  advancedAntiExploit: 0,
  encryption: 0,
  patchManagement: 0,
  edrSensor: 0,
  networkAttackDefense: 0,
  integrityMonitoring: 0,
};

const EDR_REPORT_ONLY = { edrSensor: 1, contentControl: 1, networkAttackDefense: 1, advancedThreatControl: 1 };

async function create(params: Record<string, unknown>): Promise<string> {
  return ok<string>(emu, "packages", "createPackage", { packageName: name("Pkg"), ...params });
}

async function details(packageId: string): Promise<any> {
  return ok(emu, "packages", "getPackageDetails", { packageId });
}

/** The error details of a createPackage call that must fail (with a fresh name unless one is given). */
async function refused(params: Record<string, unknown>): Promise<string> {
  return (await fails(emu, "packages", "createPackage", { packageName: name("P"), ...params })).data.details;
}

/** The error details of a packages call that must fail. */
async function why(method: string, params: Record<string, unknown>): Promise<string> {
  return (await fails(emu, "packages", method, params)).data.details;
}

describe("createPackage / getPackageDetails", () => {
  it("creates a package with every field and reads back exactly the documented members", async () => {
    const company = seeded(emu).company("Tailspin Toys").id;
    const params = {
      packageName: "Tailspin Workstations",
      companyId: company,
      description: "Workstation kit",
      language: "de_DE",
      modules: {
        advancedThreatControl: 1,
        firewall: 0,
        userControl: 1,
        antiphishing: 1,
        trafficScan: 1,
        deviceControl: 1,
        edrSensor: 1,
        patchManagement: 1,
      },
      scanMode: { type: 2, computers: { main: 3, fallback: 2 }, vms: { main: 1 } },
      settings: { scanBeforeInstall: true, uninstallPassword: "x" },
      roles: { relay: 1 },
      deploymentOptions: { type: 1 },
      productType: 0,
    };
    const id = await ok<string>(emu, "packages", "createPackage", params);
    expect(id).toMatch(/^[0-9a-f]{24}$/);
    expect(await details(id)).toEqual({
      packageName: "Tailspin Workstations",
      description: "Workstation kit",
      language: "de_DE",
      modules: {
        ...ALL_OFF,
        ...{ advancedThreatControl: 1, atc: 1, contentControl: 1, userControl: 1, antiphishing: 1, trafficScan: 1 },
        ...{ deviceControl: 1, edrSensor: 1, patchManagement: 1 },
      },
      scanMode: params.scanMode,
      settings: params.settings,
      roles: { relay: 1 },
      deploymentOptions: { type: 1 },
      productType: 0,
    });
  });

  it("requires packageName and keeps it unique per company (case-insensitively)", async () => {
    expect(await why("createPackage", {})).toBe("Missing required parameter 'packageName'.");
    const s = seeded(emu);
    const contoso = s.company("Contoso Dental Group").id;
    expect(
      await why("createPackage", { packageName: "contoso dental group - workstations", companyId: contoso }),
    ).toMatch(/already exists/);
    const other = { packageName: "Contoso Dental Group - Workstations", companyId: s.company("Coho Vineyard").id };
    expect(await ok(emu, "packages", "createPackage", other)).toMatch(/^[0-9a-f]{24}$/);
  });

  it("accepts exactly the documented module keys, each 1 or 0", async () => {
    const every = {
      advancedThreatControl: 1,
      firewall: 1,
      userControl: 1,
      antiphishing: 0,
      trafficScan: 1,
      deviceControl: 1,
      powerUser: 1,
      edrSensor: 1,
      advancedAntiExploit: 1,
      containerProtection: 1,
      encryption: 1,
      patchManagement: 1,
      networkAttackDefense: 1,
      integrityMonitoring: 1,
    };
    const id = await create({ modules: every });
    expect((await details(id)).modules).toEqual({ ...ALL_OFF, ...every, atc: 1, contentControl: 0 });
    for (const undocumented of [
      "antimalware",
      "hyperDetect",
      "sandboxAnalyzer",
      "exchange",
      "riskManagement",
      "applicationControl",
      "teleport",
    ]) {
      expect(await refused({ modules: { [undocumented]: 1 } })).toBe(
        `Parameter 'modules.${undocumented}' is not expected.`,
      );
    }
    expect(await refused({ modules: { firewall: true } })).toMatch(/'modules.firewall'.*integer/);
    expect(await refused({ modules: { firewall: 2 } })).toMatch(/'modules.firewall'.*0, 1/);
  });

  it("treats modules that are not sent as disabled (no default switched on)", async () => {
    expect((await details(await create({}))).modules).toEqual(ALL_OFF);
    expect((await details(await create({ modules: { firewall: 1 } }))).modules).toEqual({ ...ALL_OFF, firewall: 1 });
  });

  it("copies contentControl to userControl, antiphishing and trafficScan, and refuses a different value for any of them", async () => {
    const on = await create({ modules: { contentControl: 1 } });
    expect((await details(on)).modules).toMatchObject({
      contentControl: 1,
      userControl: 1,
      antiphishing: 1,
      trafficScan: 1,
    });
    const same = await create({ modules: { contentControl: 0, userControl: 0 } });
    expect((await details(same)).modules).toMatchObject({
      contentControl: 0,
      userControl: 0,
      antiphishing: 0,
      trafficScan: 0,
    });
    for (const key of ["userControl", "antiphishing", "trafficScan"]) {
      const e = await fails(emu, "packages", "createPackage", {
        packageName: name("P"),
        modules: { contentControl: 1, [key]: 0 },
      });
      expect(e.code).toBe(-32602);
      expect(e.data.details).toMatch(new RegExp(`'modules.${key}'.*contentControl`));
    }
    const partial = await create({ modules: { userControl: 1, antiphishing: 1 } });
    expect((await details(partial)).modules).toMatchObject({
      contentControl: 0,
      userControl: 1,
      antiphishing: 1,
      trafficScan: 0,
    });
  });

  it("accepts the deprecated atc as advancedThreatControl and refuses the two with different values", async () => {
    expect((await details(await create({ modules: { atc: 1 } }))).modules).toMatchObject({
      advancedThreatControl: 1,
      atc: 1,
    });
    expect(await refused({ modules: { atc: 1, advancedThreatControl: 0 } })).toMatch(/'modules.atc'/);
  });

  it("requires the default module configuration for EDR (Report only) packages", async () => {
    const id = await create({ productType: 3, modules: EDR_REPORT_ONLY });
    expect(await details(id)).toMatchObject({
      productType: 3,
      modules: {
        ...ALL_OFF,
        ...{ antimalware: 0, edrSensor: 1, contentControl: 1, userControl: 1, antiphishing: 1, trafficScan: 1 },
        ...{ networkAttackDefense: 1, advancedThreatControl: 1, atc: 1 },
      },
    });
    expect(await refused({ productType: 3 })).toMatch(/EDR \(Report only\)/);
    expect(await refused({ productType: 3, modules: { ...EDR_REPORT_ONLY, firewall: 1 } })).toMatch(
      /EDR \(Report only\).*firewall/,
    );
    expect(await refused({ productType: 1 })).toMatch(/'productType'.*0, 3, 5/);
  });

  it("validates the language and the scan mode", async () => {
    expect(await refused({ language: "en_GB" })).toMatch(/'language'/);
    expect(await refused({ language: "vi_VN" })).toMatch(/'language'/);
    expect((await details(await create({}))).language).toBe("en_US");
    expect((await details(await create({ scanMode: { computers: { main: 3 } } }))).scanMode).toEqual({
      type: 1,
      computers: { main: 3 },
    });
    expect((await details(await create({ scanMode: { type: 2 } }))).scanMode).toEqual({
      type: 2,
      computers: { main: 3 },
      vms: { main: 3 },
    });
    expect(await refused({ scanMode: { type: 2, computers: { main: 4 } } })).toMatch(
      /'scanMode.computers.main'.*1, 2, 3/,
    );
    expect(await refused({ scanMode: { type: 2, ec2: { main: 3 } } })).toMatch(/'scanMode.ec2'.*AWS/);
    expect(await refused({ roles: { relay: 2 } })).toMatch(/'roles.relay'/);
  });
});

describe("getPackagesList / updatePackage / deletePackage", () => {
  it("lists packages with paging (perPage ≤ 100)", async () => {
    const company = seeded(emu).company("Alpine Ski House").id;
    const seededCount = Object.values(emu.state.packages).filter((p) => p.companyId === company).length;
    for (let i = 0; i < 5; i++)
      await ok(emu, "packages", "createPackage", { packageName: `Alpine ${i}`, companyId: company });
    const page = await ok(emu, "packages", "getPackagesList", { companyId: company, perPage: 2, page: 2 });
    expect(page).toMatchObject({
      page: 2,
      perPage: 2,
      total: seededCount + 5,
      pagesCount: Math.ceil((seededCount + 5) / 2),
    });
    expect(page.items[0]).toEqual({ id: expect.any(String), name: expect.any(String), type: 4 });
    expect(await why("getPackagesList", { perPage: 101 })).toMatch(/between 1 and 100/);
  });

  it("updatePackage needs packageId and packageName, answers true, and keeps names unique", async () => {
    const company = seeded(emu).company("Litware Legal LLP").id;
    const id = await ok<string>(emu, "packages", "createPackage", { packageName: "Litware A", companyId: company });
    await ok(emu, "packages", "createPackage", { packageName: "Litware B", companyId: company });
    expect(await why("updatePackage", { packageId: id })).toBe("Missing required parameter 'packageName'.");
    expect(await why("updatePackage", { packageName: "x" })).toBe("Missing required parameter 'packageId'.");
    const update = { packageId: id, packageName: "Litware A2", description: "changed", modules: { firewall: 1 } };
    expect(await ok(emu, "packages", "updatePackage", update)).toBe(true);
    expect(await details(id)).toMatchObject({
      packageName: "Litware A2",
      description: "changed",
      modules: { ...ALL_OFF, firewall: 1 },
    });
    expect(await why("updatePackage", { packageId: id, packageName: "litware b" })).toMatch(/already exists/);
  });

  it("updatePackage replaces the whole configuration: what is not sent takes its default", async () => {
    const id = await create({
      description: "full",
      language: "fr_FR",
      modules: EDR_REPORT_ONLY,
      scanMode: { type: 2, computers: { main: 1, fallback: 3 }, vms: { main: 1 } },
      settings: { scanBeforeInstall: true },
      roles: { relay: 1 },
      deploymentOptions: { type: 2 },
      productType: 3,
    });
    const newName = name("Renamed");
    expect(await ok(emu, "packages", "updatePackage", { packageId: id, packageName: newName })).toBe(true);
    expect(await details(id)).toEqual({
      packageName: newName,
      description: "",
      language: "en_US",
      modules: ALL_OFF,
      scanMode: { type: 1 },
      settings: {},
      roles: {},
      deploymentOptions: {},
      productType: 0,
    });
  });

  it("updatePackage applies the module rules and accepts the package's own companyId only", async () => {
    const s = seeded(emu);
    const company = s.company("Coho Vineyard").id;
    const id = await create({ companyId: company });
    const packageName = name("Upd");
    expect(
      await why("updatePackage", { packageId: id, packageName, modules: { contentControl: 0, trafficScan: 1 } }),
    ).toMatch(/'modules.trafficScan'/);
    expect(await why("updatePackage", { packageId: id, packageName, productType: 3 })).toMatch(/EDR \(Report only\)/);
    expect(await ok(emu, "packages", "updatePackage", { packageId: id, packageName, companyId: company })).toBe(true);
    expect(
      await why("updatePackage", { packageId: id, packageName, companyId: s.company("Tailspin Toys").id }),
    ).toMatch(/'companyId'/);
    expect((await details(id)).packageName).toBe(packageName);
  });

  it("deletes by packageId", async () => {
    const id = await create({});
    expect(await ok(emu, "packages", "deletePackage", { packageId: id })).toBeNull();
    expect(await why("getPackageDetails", { packageId: id })).toBe(`The package with ID "${id}" was not found.`);
    expect(await why("deletePackage", { packageName: "x" })).toBe("Parameter 'packageName' is not expected.");
  });
});

describe("getInstallationLinks", () => {
  it("answers deterministic links per package, without a companyId member", async () => {
    const company = seeded(emu).company("Coho Vineyard");
    const links = await ok(emu, "packages", "getInstallationLinks", { companyId: company.id });
    expect(links.length).toBeGreaterThan(0);
    expect(links[0]).toMatchObject({
      packageName: expect.any(String),
      companyName: "Coho Vineyard",
      installLinkWindows: expect.stringMatching(/^https:\/\//),
      installLinkMac: expect.any(String),
      installLinkLinux: expect.any(String),
    });
    expect(links[0]).not.toHaveProperty("companyId");
    const one = await ok(emu, "packages", "getInstallationLinks", {
      companyId: company.id,
      packageName: links[0].packageName,
    });
    expect(one).toEqual([links[0]]);
  });

  it("answers [] when packageName matches nothing", async () => {
    const company = seeded(emu).company("Coho Vineyard");
    expect(await ok(emu, "packages", "getInstallationLinks", { companyId: company.id, packageName: "nope" })).toEqual(
      [],
    );
  });

  it("accepts ringId (0, 3, 4, 5): each ring has its own links, Production (3) is the default", async () => {
    const company = seeded(emu).company("Coho Vineyard");
    const packageName = (await ok(emu, "packages", "getInstallationLinks", { companyId: company.id }))[0].packageName;
    const links = async (ringId?: number) => {
      const params = { companyId: company.id, packageName, ...(ringId === undefined ? {} : { ringId }) };
      return (await ok(emu, "packages", "getInstallationLinks", params))[0];
    };
    const production = await links();
    expect(await links(3)).toEqual(production);
    const slow = await links(0);
    expect(slow.installLinkWindows).not.toBe(production.installLinkWindows);
    expect((await links(4)).installLinkWindows).not.toBe(slow.installLinkWindows);
    expect(await why("getInstallationLinks", { ringId: 1 })).toMatch(/'ringId'/);
  });

  it("without companyId answers the packages of every managed company", async () => {
    const s = seeded(emu);
    const all = await ok<any[]>(emu, "packages", "getInstallationLinks", {});
    const companies = new Set(all.map((l) => l.companyName));
    expect(companies.has(s.company("Coho Vineyard").name)).toBe(true);
    expect(companies.has(s.company("Tailspin Toys").name)).toBe(true);
    expect(all.length).toBe(Object.keys(emu.state.packages).length);
  });
});
