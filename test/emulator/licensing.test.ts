/**
 * licensing and general modules: getLicenseInfo (one Object with the documented members), the
 * setters that change a company's licence (setMonthlySubscription, setLicenseKey, addProductKey,
 * removeProductKey) read back through getLicenseInfo and kept in the state file, getMonthlyUsage
 * (documented parameters and members), and getApiKeyDetails ({enabledApis, createdAt}).
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../emulator/index";
import { fails, ok, seeded, start } from "./helpers";

let emu: RunningEmulator;
const dir = mkdtempSync(path.join(tmpdir(), "gz-emu-licensing-"));
const stateFile = path.join(dir, "state.json");
beforeAll(async () => {
  emu = await start({ statePath: stateFile });
});
afterAll(async () => {
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
});

let n = 0;
const unique = (prefix = "Lic") => `${prefix} ${++n} ${Date.now().toString(36)}`;
/** A new customer under the key's company (a trial unless `licenseSubscription` says otherwise). */
const company = (params: Record<string, unknown> = {}) =>
  ok<string>(emu, "companies", "createCompany", { type: 1, name: unique(), ...params });
const info = (companyId: string) => ok(emu, "licensing", "getLicenseInfo", { companyId });
const stored = (companyId: string) =>
  JSON.parse(readFileSync(stateFile, "utf8")).companies[companyId].licenseSubscription;

const ADDONS = [
  "manageExchange",
  "manageEncryption",
  "manageRemoteEnginesScanning",
  "manageHyperDetect",
  "manageSandboxAnalyzer",
  "managePatchManagement",
  "manageEventCorrelator",
  "manageEmailSecurity",
];

describe("getLicenseInfo", () => {
  it("answers one Object with the documented members, counting managed endpoints", async () => {
    const s = seeded(emu);
    const contoso = s.company("Contoso Dental Group");
    const r = await ok(emu, "licensing", "getLicenseInfo", { companyId: contoso.id, returnAllProducts: true });
    expect(Array.isArray(r)).toBe(false);
    const used = s.endpointsOf("Contoso Dental Group").filter((e) => e.isManaged).length;
    expect(r).toMatchObject({
      subscriptionType: 3,
      isAddon: false,
      usedSlots: used,
      totalSlots: 80,
      licenseKey: null,
      endSubscription: "2026-12-31",
      autoRenewPeriod: 12,
    });
    const documented = [
      "subscriptionType",
      "isAddon",
      "expiryDate",
      "usedSlots",
      "totalSlots",
      "licenseKey",
      "endSubscription",
      "autoRenewPeriod",
      ...ADDONS,
    ];
    expect(Object.keys(r).sort()).toEqual(documented.sort());
    expect((await fails(emu, "licensing", "getLicenseInfo", { companyId: "nope" })).data.details).toMatch(
      /'companyId'/,
    );
  });

  it("reports a licensed company's key, and no end date or renewal outside monthly subscriptions", async () => {
    const r = await info(seeded(emu).company("Litware Legal LLP").id);
    expect(r).toMatchObject({ subscriptionType: 2, licenseKey: "LTWR7-Q4M2K-8HD3X" });
    expect(r).not.toHaveProperty("endSubscription");
    expect(r).not.toHaveProperty("autoRenewPeriod");
  });
});

describe("setMonthlySubscription", () => {
  it("switches a trial company to a monthly subscription and sets seats, end date and renewal", async () => {
    const id = await company();
    expect((await info(id)).subscriptionType).toBe(1);
    expect(
      await ok(emu, "licensing", "setMonthlySubscription", {
        companyId: id,
        reservedSlots: 15,
        endSubscription: "2027-06-30",
      }),
    ).toBeNull();
    expect(await info(id)).toMatchObject({
      subscriptionType: 3,
      totalSlots: 15,
      endSubscription: "2027-06-30",
      autoRenewPeriod: 12,
      licenseKey: null,
    });
    expect(stored(id)).toMatchObject({
      type: 3,
      reservedSlots: 15,
      endSubscription: "2027-06-30",
      autoRenewPeriod: 12,
    });
  });

  it("keeps reservedSlots when not sent, removes them with removeReservedSlots, and unsets the end date with ''", async () => {
    const id = await company();
    await ok(emu, "licensing", "setMonthlySubscription", {
      companyId: id,
      reservedSlots: 8,
      endSubscription: "2027-01-31",
      autoRenewPeriod: 3,
    });
    await ok(emu, "licensing", "setMonthlySubscription", { companyId: id });
    expect(await info(id)).toMatchObject({ totalSlots: 8, endSubscription: "2027-01-31", autoRenewPeriod: 3 });
    await ok(emu, "licensing", "setMonthlySubscription", { companyId: id, endSubscription: "" });
    expect(await info(id)).toMatchObject({ endSubscription: null, autoRenewPeriod: null });
    await ok(emu, "licensing", "setMonthlySubscription", { companyId: id, removeReservedSlots: true });
    expect(await info(id)).toMatchObject({ totalSlots: 0 });
    const both = { companyId: id, reservedSlots: 2, removeReservedSlots: true };
    expect((await fails(emu, "licensing", "setMonthlySubscription", both)).data.details).toMatch(
      /cannot be used together/,
    );
    expect(
      (await fails(emu, "licensing", "setMonthlySubscription", { companyId: id, autoRenewPeriod: 6 })).data.details,
    ).toMatch(/'autoRenewPeriod'.*end date/);
  });

  it("sets the documented switches (false when not sent)", async () => {
    const id = await company();
    await ok(emu, "licensing", "setMonthlySubscription", {
      companyId: id,
      manageExchange: true,
      manageHyperDetect: true,
      manageEventCorrelator: true,
    });
    expect(await info(id)).toMatchObject({
      manageExchange: true,
      manageHyperDetect: true,
      manageEventCorrelator: true,
      manageSandboxAnalyzer: false,
    });
    await ok(emu, "licensing", "setMonthlySubscription", { companyId: id });
    expect(await info(id)).toMatchObject({
      manageExchange: false,
      manageHyperDetect: false,
      manageEventCorrelator: true,
    });
  });

  it("allows manageRemoteEnginesScanning only with the aLaCarte protection model", async () => {
    const id = await company();
    const e = await fails(emu, "licensing", "setMonthlySubscription", {
      companyId: id,
      manageRemoteEnginesScanning: true,
    });
    expect(e.data.details).toMatch(/'manageRemoteEnginesScanning'.*aLaCarte/);
    await ok(emu, "licensing", "setMonthlySubscription", {
      companyId: id,
      manageRemoteEnginesScanning: true,
      assignedProtectionModel: "aLaCarte",
    });
    expect((await info(id)).manageRemoteEnginesScanning).toBe(true);
  });

  it("requires companyId, refuses the key's own company and seats beyond the parent's free seats", async () => {
    expect((await fails(emu, "licensing", "setMonthlySubscription", {})).data.details).toBe(
      "Missing required parameter 'companyId'.",
    );
    expect(
      (await fails(emu, "licensing", "setMonthlySubscription", { companyId: emu.state.rootCompanyId })).data.details,
    ).toMatch(/own company/);
    const partner = await company({ type: 0, licenseSubscription: { type: 3, reservedSlots: 10 } });
    const child = await company({ parentId: partner });
    expect(
      (await fails(emu, "licensing", "setMonthlySubscription", { companyId: child, reservedSlots: 11 })).data.details,
    ).toMatch(/'reservedSlots'.*between 0 and 10/);
    const trialParent = await company({ type: 0 });
    const orphan = await company({ parentId: trialParent });
    expect((await fails(emu, "licensing", "setMonthlySubscription", { companyId: orphan })).data.details).toMatch(
      /no monthly subscription/,
    );
    expect((await fails(emu, "licensing", "setMonthlySubscription", { companyId: child, seats: 1 })).data.details).toBe(
      "Parameter 'seats' is not expected.",
    );
  });
});

describe("setLicenseKey / addProductKey / removeProductKey", () => {
  const mdr = {
    phoneNumber: { countryPrefix: "+4", subscriberNumber: "112345" },
    fullName: "Contact",
    email: "mdrcontact@nebula.local",
    emailVerificationCode: "43728676",
  };

  it("setLicenseKey makes the company licensed with the key, and stores the MDR contact", async () => {
    const id = await company({ licenseSubscription: { type: 3, reservedSlots: 5 } });
    expect(
      await ok(emu, "licensing", "setLicenseKey", { licenseKey: "TNB3AAA", companyId: id, mdrContactInformation: mdr }),
    ).toBeNull();
    expect(await info(id)).toMatchObject({ subscriptionType: 2, licenseKey: "TNB3AAA" });
    expect(await info(id)).not.toHaveProperty("endSubscription");
    expect(stored(id)).toMatchObject({ type: 2, licenseKey: "TNB3AAA", reservedSlots: null });
    expect(emu.state.companies[id]!.mdrContactInformation).toEqual(mdr);
    expect((await fails(emu, "licensing", "setLicenseKey", { companyId: id })).data.details).toBe(
      "Missing required parameter 'licenseKey'.",
    );
    expect(
      (await fails(emu, "licensing", "setLicenseKey", { companyId: id, licenseKey: "NOT A KEY" })).data.details,
    ).toMatch(/'licenseKey'/);
    const partial = { companyId: id, licenseKey: "TNB3AAA", mdrContactInformation: { fullName: "Only" } };
    expect((await fails(emu, "licensing", "setLicenseKey", partial)).data.details).toMatch(
      /Missing required parameter 'mdrContactInformation\./,
    );
  });

  it("addProductKey replaces a monthly subscription (by default) and then adds keys to the list", async () => {
    const id = await company({ licenseSubscription: { type: 3 } });
    const refuse = { licenseKey: "AAAA111", companyId: id, replaceIncompatibleKeys: false };
    expect((await fails(emu, "licensing", "addProductKey", refuse)).data.details).toMatch(
      /not compatible.*replaceIncompatibleKeys/,
    );
    expect((await info(id)).subscriptionType).toBe(3);
    expect(await ok(emu, "licensing", "addProductKey", { licenseKey: "AAAA111", companyId: id })).toBeNull();
    expect(await info(id)).toMatchObject({ subscriptionType: 2, licenseKey: "AAAA111" });
    await ok(emu, "licensing", "addProductKey", {
      licenseKey: "BBBB222",
      companyId: id,
      replaceIncompatibleKeys: false,
    });
    expect(stored(id)).toMatchObject({ licenseKey: "AAAA111", addedKeys: ["BBBB222"] });
    expect(
      (await fails(emu, "licensing", "addProductKey", { licenseKey: "BBBB222", companyId: id })).data.details,
    ).toMatch(/already added/);
  });

  it("removeProductKey removes a key; the next key becomes the base key; an unknown key is refused", async () => {
    const id = await company({ licenseSubscription: { type: 2, licenseKey: "BASE001" } });
    await ok(emu, "licensing", "addProductKey", { licenseKey: "ADDON02", companyId: id });
    await ok(emu, "licensing", "addProductKey", { licenseKey: "ADDON03", companyId: id });
    expect(await ok(emu, "licensing", "removeProductKey", { licenseKey: "ADDON02", companyId: id })).toBeNull();
    expect(stored(id)).toMatchObject({ licenseKey: "BASE001", addedKeys: ["ADDON03"] });
    await ok(emu, "licensing", "removeProductKey", { licenseKey: "BASE001", companyId: id });
    expect((await info(id)).licenseKey).toBe("ADDON03");
    await ok(emu, "licensing", "removeProductKey", { licenseKey: "ADDON03", companyId: id });
    expect(await info(id)).toMatchObject({ subscriptionType: 2, licenseKey: null, totalSlots: 0 });
    expect(
      (await fails(emu, "licensing", "removeProductKey", { licenseKey: "ADDON03", companyId: id })).data.details,
    ).toMatch(/not set for the company/);
    expect((await fails(emu, "licensing", "removeProductKey", { companyId: id })).data.details).toBe(
      "Missing required parameter 'licenseKey'.",
    );
  });

  it("default to the key's own company", async () => {
    const own = await start();
    try {
      await ok(own, "licensing", "setLicenseKey", { licenseKey: "OWNKEY1" });
      expect(await ok(own, "licensing", "getLicenseInfo", {})).toMatchObject({
        subscriptionType: 2,
        licenseKey: "OWNKEY1",
      });
      await ok(own, "licensing", "addProductKey", { licenseKey: "OWNKEY2" });
      await ok(own, "licensing", "removeProductKey", { licenseKey: "OWNKEY1" });
      expect((await ok(own, "licensing", "getLicenseInfo", {})).licenseKey).toBe("OWNKEY2");
    } finally {
      await own.close();
    }
  });
});

describe("getMonthlyUsage", () => {
  const DOCUMENTED = [
    "endpointMonthlyUsage",
    "aLaCarteMonthlyUsage",
    "mspSecureMonthlyUsage",
    "mspSecurePlusMonthlyUsage",
    "mspSecureExtraMonthlyUsage",
    "emailSecurityMonthlyUsage",
    "mobileSecurityMonthlyUsage",
    "exchangeMonthlyUsage",
    "encryptionMonthlyUsage",
    "atsMonthlyUsage",
    "edrMonthlyUsage",
    "mdrFoundationsMonthlyUsage",
    "mdrResponseMonthlyUsage",
    "patchManagementMonthlyUsage",
    "containerProtectionMonthlyUsage",
    "integrityMonitoringUsage",
    "integrityMonitoring90DaysUsage",
    "integrityMonitoring180DaysUsage",
    "integrityMonitoring1YearUsage",
    "sveVsMonthlyUsage",
    "sveVdiMonthlyUsage",
    "minimumUsage",
  ];

  it("answers the documented members and checks the month format", async () => {
    const r = await ok(emu, "licensing", "getMonthlyUsage", { targetMonth: "01/2025" });
    expect(Object.keys(r).sort()).toEqual([...DOCUMENTED].sort());
    expect(r.endpointMonthlyUsage).toBeGreaterThan(0);
    expect(r.minimumUsage).toEqual({ endpointMonthlyUsage: 0 });
    expect((await fails(emu, "licensing", "getMonthlyUsage", { targetMonth: "2025-01" })).data.details).toMatch(
      /'targetMonth'/,
    );
  });

  it("answers 0 for a company without a monthly license", async () => {
    const r = await ok(emu, "licensing", "getMonthlyUsage", { companyId: seeded(emu).company("Litware Legal LLP").id });
    expect(r.endpointMonthlyUsage).toBe(0);
  });

  it("takes usageCoverageType 3 with both company registration dates", async () => {
    const all = await ok(emu, "licensing", "getMonthlyUsage", {});
    const none = await ok(emu, "licensing", "getMonthlyUsage", {
      usageCoverageType: 3,
      companyRegistrationStartDate: "2001-01-01",
      companyRegistrationEndDate: "2001-12-31",
    });
    expect(none.endpointMonthlyUsage).toBe(0);
    const wide = await ok(emu, "licensing", "getMonthlyUsage", {
      usageCoverageType: 3,
      companyRegistrationStartDate: "2000-01-01",
      companyRegistrationEndDate: "2100-01-01",
    });
    expect(wide.endpointMonthlyUsage).toBe(all.endpointMonthlyUsage);
    expect((await fails(emu, "licensing", "getMonthlyUsage", { usageCoverageType: 3 })).data.details).toMatch(
      /companyRegistrationStartDate/,
    );
    expect(
      (await fails(emu, "licensing", "getMonthlyUsage", { companyRegistrationStartDate: "2020-01-01" })).data.details,
    ).toMatch(/usageCoverageType/);
    const two = {
      usageCoverageType: 2,
      companyRegistrationStartDate: "2020-01-01",
      companyRegistrationEndDate: "2021-01-01",
    };
    expect((await fails(emu, "licensing", "getMonthlyUsage", two)).data.details).toMatch(/'usageCoverageType'/);
  });
});

describe("getApiKeyDetails", () => {
  it("answers {enabledApis, createdAt} and nothing else", async () => {
    const r = await ok(emu, "general", "getApiKeyDetails", {});
    expect(Object.keys(r).sort()).toEqual(["createdAt", "enabledApis"]);
    expect(r.enabledApis).toContain("licensing");
    expect(r.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
    expect((await fails(emu, "general", "getApiKeyDetails", { verbose: true })).data.details).toBe(
      "Parameter 'verbose' is not expected.",
    );
  });
});
