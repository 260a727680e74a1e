/**
 * companies module: createCompany with each documented field and limit, details (documented members
 * only), update, suspend/activate (recursive required), delete (partner with children, own company),
 * lookups (prefix and `*` matching, maxResults), and loading a state file written before the contact
 * person members were renamed.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedState, type RunningEmulator } from "../../emulator/index";
import { computersAndGroupsOf } from "../../emulator/lifecycle";
import { fails, ok, seeded, start } from "./helpers";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await start();
});
afterAll(() => emu.close());

let n = 0;
const unique = (prefix = "Co") => `${prefix} ${++n} ${Date.now().toString(36)}`;
const create = (params: Record<string, unknown>) =>
  ok<string>(emu, "companies", "createCompany", { type: 1, name: unique(), ...params });
const details = (companyId: string) => ok(emu, "companies", "getCompanyDetails", { companyId });

/** The members getCompanyDetails documents (77209-126239). */
const DOCUMENTED = [
  "type",
  "name",
  "id",
  "address",
  "phone",
  "canBeManagedByAbove",
  "enforce2FA",
  "skip2FAPeriod",
  "isSuspended",
  "createdAt",
  "country",
  "state",
  "industry",
  "contactPerson",
  "riskScore",
].sort();

describe("createCompany", () => {
  it("creates a customer under the key's company with defaults and returns its id", async () => {
    const name = unique("Acme");
    const id = await ok<string>(emu, "companies", "createCompany", { type: 1, name });
    expect(id).toMatch(/^[0-9a-f]{24}$/);
    const d = await details(id);
    expect(d).toMatchObject({
      id,
      type: 1,
      name,
      industry: 0,
      canBeManagedByAbove: true,
      enforce2FA: true,
      isSuspended: false,
      address: null,
      phone: null,
    });
    expect(d).toMatchObject({ country: "N/A", state: "N/A", contactPerson: null });
    expect(emu.state.companies[id]!.parentId).toBe(emu.state.rootCompanyId);
    expect((await ok(emu, "licensing", "getLicenseInfo", { companyId: id })).subscriptionType).toBe(1);
    expect(Number.isNaN(Date.parse(d.createdAt))).toBe(false);
  });

  it("stores every documented field", async () => {
    const email = `owner.${Date.now()}@example.com`;
    const id = await create({
      address: "1 Main St",
      country: "RO",
      state: "RO-B",
      phone: "+40 21 555 0100",
      industry: 30,
      canBeManagedByAbove: false,
      accountEmail: email,
      accountFullName: "Owner Person",
      enforce2FA: true,
      skip2FAPeriod: 7,
      contactPerson: {
        fullName: "Ana Pop",
        email: "ana@example.com",
        phoneNumber: "+40 21 555 0101",
        companyRole: "CTO",
      },
      licenseSubscription: {
        type: 3,
        reservedSlots: 25,
        endSubscription: "2027-01-31",
        autoRenewPeriod: 6,
        manageHyperDetect: true,
        ownUse: { manageHyperDetect: true },
      },
    });
    const d = await details(id);
    expect(d).toMatchObject({
      address: "1 Main St",
      country: "RO",
      state: "RO-B",
      phone: "+40 21 555 0100",
      industry: 30,
      canBeManagedByAbove: false,
      enforce2FA: true,
      skip2FAPeriod: 7,
    });
    expect(d.contactPerson).toEqual({
      fullName: "Ana Pop",
      email: "ana@example.com",
      phoneNumber: "+40 21 555 0101",
      companyRole: "CTO",
    });
    const lic = await ok(emu, "licensing", "getLicenseInfo", { companyId: id });
    expect(lic).toMatchObject({
      subscriptionType: 3,
      totalSlots: 25,
      endSubscription: "2027-01-31",
      autoRenewPeriod: 6,
      manageHyperDetect: true,
    });
  });

  it("creates the company's network node and default policy", async () => {
    const id = await create({});
    const inv = await ok(emu, "network", "getNetworkInventoryItems", {
      filters: { type: { companies: true } },
      perPage: 100,
    });
    expect(inv.items.find((i: any) => i.id === id)).toMatchObject({ type: 1, parentId: emu.state.rootCompanyId });
    const policies = await ok(emu, "policies", "getPoliciesList", { companyId: id });
    expect(policies.items.map((p: any) => p.name)).toContain("Default policy");
  });

  it("requires type and name", async () => {
    expect((await fails(emu, "companies", "createCompany", { name: unique() })).data.details).toBe(
      "Missing required parameter 'type'.",
    );
    expect((await fails(emu, "companies", "createCompany", { type: 1 })).data.details).toBe(
      "Missing required parameter 'name'.",
    );
    expect((await fails(emu, "companies", "createCompany", { type: 2, name: unique() })).data.details).toMatch(
      /'type'.*0, 1/,
    );
  });

  it("refuses the parameters the page does not document (accountPassword, a top-level assignedProductType)", async () => {
    const email = `pw.${Date.now()}@example.com`;
    const withPassword = {
      type: 1,
      name: unique(),
      accountEmail: email,
      accountFullName: "X",
      accountPassword: "Str0ng!Passw0rd",
    };
    expect((await fails(emu, "companies", "createCompany", withPassword)).data.details).toBe(
      "Parameter 'accountPassword' is not expected.",
    );
    expect(
      (await fails(emu, "companies", "createCompany", { type: 1, name: unique(), assignedProductType: 0 })).data
        .details,
    ).toBe("Parameter 'assignedProductType' is not expected.");
  });

  it("accepts 64-character names and refuses 65", async () => {
    const base = unique("N").padEnd(64, "x");
    expect(await ok(emu, "companies", "createCompany", { type: 1, name: base })).toMatch(/^[0-9a-f]{24}$/);
    const e = await fails(emu, "companies", "createCompany", { type: 1, name: `${base.slice(0, 63)}yz` });
    expect(e.data.details).toBe("Invalid value for 'name' parameter. The value should not exceed 64 characters.");
  });

  it("refuses a name another company has, case-insensitively", async () => {
    const e = await fails(emu, "companies", "createCompany", { type: 1, name: "CONTOSO dental group" });
    expect(e.code).toBe(-32602);
    expect(e.data.details).toMatch(/already exists/);
  });

  it("limits the address to 128 characters without HTML", async () => {
    expect(await create({ address: "a".repeat(128) })).toBeTruthy();
    expect(
      (await fails(emu, "companies", "createCompany", { type: 1, name: unique(), address: "a".repeat(129) })).data
        .details,
    ).toMatch(/'address'.*128/);
    expect(
      (await fails(emu, "companies", "createCompany", { type: 1, name: unique(), address: "<b>1 Main St</b>" })).data
        .details,
    ).toMatch(/'address'.*HTML/);
  });

  it("limits the phone to 32 characters", async () => {
    expect(await create({ phone: "1".repeat(32) })).toBeTruthy();
    expect(
      (await fails(emu, "companies", "createCompany", { type: 1, name: unique(), phone: "1".repeat(33) })).data.details,
    ).toMatch(/'phone'.*32/);
  });

  it("takes ISO 3166 country and subdivision codes, and N/A as not set", async () => {
    expect(await create({ country: "DE", state: "DE-BY" })).toBeTruthy();
    for (const country of ["XX", "de", "DEU", "Germany"])
      expect(
        (await fails(emu, "companies", "createCompany", { type: 1, name: unique(), country })).data.details,
      ).toMatch(/'country'/);
    expect(
      (await fails(emu, "companies", "createCompany", { type: 1, name: unique(), state: "Bavaria" })).data.details,
    ).toMatch(/'state'/);
    expect(
      (await fails(emu, "companies", "createCompany", { type: 1, name: unique(), country: "FR", state: "DE-BY" })).data
        .details,
    ).toMatch(/'state'.*not in country FR/);
    const id = await create({ country: "N/A", state: "N/A" });
    expect(await details(id)).toMatchObject({ country: "N/A", state: "N/A" });
    expect(emu.state.companies[id]!.country).toBeNull();
  });

  it("validates industry (integer codes), skip2FAPeriod and licenseSubscription", async () => {
    expect(await create({ industry: 101 })).toBeTruthy();
    expect(
      (await fails(emu, "companies", "createCompany", { type: 1, name: unique(), industry: 99 })).data.details,
    ).toMatch(/'industry'/);
    expect(
      (await fails(emu, "companies", "createCompany", { type: 1, name: unique(), industry: "30" })).data.details,
    ).toMatch(/'industry'.*integer/);
    expect(
      (await fails(emu, "companies", "createCompany", { type: 1, name: unique(), skip2FAPeriod: 2 })).data.details,
    ).toMatch(/'skip2FAPeriod'/);
    expect(
      (await fails(emu, "companies", "createCompany", { type: 1, name: unique(), licenseSubscription: { type: 2 } }))
        .data.details,
    ).toMatch(/licenseSubscription.licenseKey/);
    const trialEnd = { type: 1, name: unique(), licenseSubscription: { type: 1, endSubscription: "2027-01-01" } };
    expect((await fails(emu, "companies", "createCompany", trialEnd)).data.details).toMatch(/endSubscription/);
    const unknown = { type: 1, name: unique(), licenseSubscription: { type: 3, seats: 4 } };
    expect((await fails(emu, "companies", "createCompany", unknown)).data.details).toBe(
      "Parameter 'licenseSubscription.seats' is not expected.",
    );
    const feb30 = { type: 1, name: unique(), licenseSubscription: { type: 3, endSubscription: "2027-02-30" } };
    expect((await fails(emu, "companies", "createCompany", feb30)).data.details).toMatch(
      /'licenseSubscription.endSubscription'/,
    );
  });

  it("takes reservedSlots between 1 and the parent's free seats", async () => {
    const zero = { type: 1, name: unique(), licenseSubscription: { type: 3, reservedSlots: 0 } };
    expect((await fails(emu, "companies", "createCompany", zero)).data.details).toMatch(
      /'licenseSubscription.reservedSlots'.*at least 1|between 1/,
    );
    const partner = await create({ type: 0, licenseSubscription: { type: 3, reservedSlots: 10 } });
    await create({ parentId: partner, licenseSubscription: { type: 3, reservedSlots: 6 } });
    const over = { type: 1, name: unique(), parentId: partner, licenseSubscription: { type: 3, reservedSlots: 5 } };
    expect((await fails(emu, "companies", "createCompany", over)).data.details).toMatch(
      /'licenseSubscription.reservedSlots'.*between 1 and 4/,
    );
    expect(await create({ parentId: partner, licenseSubscription: { type: 3, reservedSlots: 4 } })).toBeTruthy();
  });

  it("refuses enforce2FA false ('The value is always true')", async () => {
    expect(
      (await fails(emu, "companies", "createCompany", { type: 1, name: unique(), enforce2FA: false })).data.details,
    ).toMatch(/'enforce2FA'.*always true/);
  });

  it("takes the documented contactPerson members only", async () => {
    const bad = { type: 1, name: unique(), contactPerson: { fullName: "A", phone: "1" } };
    expect((await fails(emu, "companies", "createCompany", bad)).data.details).toBe(
      "Parameter 'contactPerson.phone' is not expected.",
    );
    const badEmail = { type: 1, name: unique(), contactPerson: { email: "not-an-email" } };
    expect((await fails(emu, "companies", "createCompany", badEmail)).data.details).toMatch(/'contactPerson.email'/);
    const id = await create({ contactPerson: { fullName: "Only Name" } });
    expect((await details(id)).contactPerson).toEqual({
      fullName: "Only Name",
      email: null,
      phoneNumber: null,
      companyRole: null,
    });
  });

  it("needs a partner parent inside the key's tenant", async () => {
    const s = seeded(emu);
    const reseller = s.company("Blue Yonder IT Services");
    const id = await create({ parentId: reseller.id });
    expect(emu.state.companies[id]!.parentId).toBe(reseller.id);
    expect(
      (
        await fails(emu, "companies", "createCompany", {
          type: 1,
          name: unique(),
          parentId: s.company("Tailspin Toys").id,
        })
      ).data.details,
    ).toMatch(/not a partner/);
    expect(
      (
        await fails(emu, "companies", "createCompany", {
          type: 1,
          name: unique(),
          parentId: "0123456789abcdef01234567",
        })
      ).data.details,
    ).toMatch(/was not found/);
  });

  it("creates the first administrator (activation pending), without making it the contact person", async () => {
    const email = `first.admin.${Date.now()}@example.com`;
    const id = await create({ accountEmail: email, accountFullName: "First Admin" });
    const acc = Object.values(emu.state.accounts).find((a) => a.email === email)!;
    expect(acc.companyId).toBe(id);
    expect(acc.passwordHash).toBeNull();
    expect((await details(id)).contactPerson).toBeNull();
    expect(
      (await fails(emu, "companies", "createCompany", { type: 1, name: unique(), accountEmail: `y${email}` })).data
        .details,
    ).toMatch(/accountFullName/);
    expect(
      (
        await fails(emu, "companies", "createCompany", {
          type: 1,
          name: unique(),
          accountEmail: email,
          accountFullName: "Dup",
        })
      ).data.details,
    ).toMatch(/already exists/);
  });

  it("requires accountEmail and accountFullName when canBeManagedByAbove is false", async () => {
    const noEmail = { type: 1, name: unique(), canBeManagedByAbove: false };
    expect((await fails(emu, "companies", "createCompany", noEmail)).data.details).toMatch(
      /Missing required parameter 'accountEmail'.*canBeManagedByAbove/,
    );
    const noName = { ...noEmail, name: unique(), accountEmail: `solo.${Date.now()}@example.com` };
    expect((await fails(emu, "companies", "createCompany", noName)).data.details).toMatch(
      /Missing required parameter 'accountFullName'.*canBeManagedByAbove/,
    );
  });
});

describe("getCompanyDetails", () => {
  it("defaults to the key's own company", async () => {
    const d = await ok(emu, "companies", "getCompanyDetails", {});
    expect(d).toMatchObject({ id: emu.state.rootCompanyId, type: 0, name: "Northwind MSP" });
  });

  it("answers the documented members only (no parentId, assignedProductType or licenseSubscription)", async () => {
    const d = await ok(emu, "companies", "getCompanyDetails", {});
    expect(Object.keys(d).sort()).toEqual(DOCUMENTED);
    expect(d.contactPerson).toEqual({
      fullName: "Avery Morgan",
      email: "admin@northwind-msp.example",
      phoneNumber: "+1 206 555 0101",
      companyRole: "Director",
    });
    expect(d.industry).toBe(30);
  });

  it("answers a riskScore with value, impact and misconfigurations", async () => {
    const d = await details(seeded(emu).company("Contoso Dental Group").id);
    expect(Object.keys(d.riskScore).sort()).toEqual(["impact", "misconfigurations", "value"]);
    expect(d.riskScore.value).toBeGreaterThanOrEqual(0);
    expect(d.riskScore.value).toBeLessThanOrEqual(100);
    expect(["Low", "Medium", "High"]).toContain(d.riskScore.impact);
  });
});

describe("updateCompanyDetails", () => {
  it("updates the fields given, answers null, and keeps the others", async () => {
    const id = await create({ address: "Old St", phone: "123" });
    const name = unique("Renamed");
    expect(
      await ok(emu, "companies", "updateCompanyDetails", {
        id,
        name,
        address: "New St",
        country: "US",
        state: "US-TX",
      }),
    ).toBeNull();
    expect(await details(id)).toMatchObject({ name, address: "New St", phone: "123", country: "US", state: "US-TX" });
    expect(
      await ok(emu, "companies", "updateCompanyDetails", { id, address: "", country: "N/A", state: "" }),
    ).toBeNull();
    expect(await details(id)).toMatchObject({ address: null, country: "N/A", state: "N/A" });
  });

  it("takes the target as `id` (companyId is not expected) and keeps names unique", async () => {
    const id = await create({});
    expect((await fails(emu, "companies", "updateCompanyDetails", { companyId: id, name: "x" })).data.details).toBe(
      "Parameter 'companyId' is not expected.",
    );
    expect((await fails(emu, "companies", "updateCompanyDetails", { id, name: "Tailspin Toys" })).data.details).toMatch(
      /already exists/,
    );
    expect((await fails(emu, "companies", "updateCompanyDetails", { id, phone: "9".repeat(33) })).data.details).toMatch(
      /'phone'/,
    );
  });

  it("refuses canBeManagedByAbove, which is not one of its parameters", async () => {
    const id = await create({});
    expect(
      (await fails(emu, "companies", "updateCompanyDetails", { id, canBeManagedByAbove: false })).data.details,
    ).toBe("Parameter 'canBeManagedByAbove' is not expected.");
    expect(
      (await fails(emu, "companies", "updateCompanyDetails", { id, licenseSubscription: { type: 1 } })).data.details,
    ).toBe("Parameter 'licenseSubscription' is not expected.");
  });

  it("replaces the contact person as a whole", async () => {
    const id = await create({ contactPerson: { fullName: "First", email: "first@example.com", companyRole: "CEO" } });
    await ok(emu, "companies", "updateCompanyDetails", {
      id,
      contactPerson: { fullName: "Second", phoneNumber: "+1 555 0100" },
    });
    expect((await details(id)).contactPerson).toEqual({
      fullName: "Second",
      email: null,
      phoneNumber: "+1 555 0100",
      companyRole: null,
    });
    expect(
      (await fails(emu, "companies", "updateCompanyDetails", { id, contactPerson: { name: "X" } })).data.details,
    ).toBe("Parameter 'contactPerson.name' is not expected.");
  });

  it("stores custom fields and deletes them with an empty array", async () => {
    const id = await create({});
    await ok(emu, "companies", "updateCompanyDetails", {
      id,
      customFields: { referenceID: "004562", vertical: "healthcare" },
    });
    expect(emu.state.companies[id]!.customFields).toEqual({ referenceID: "004562", vertical: "healthcare" });
    await ok(emu, "companies", "updateCompanyDetails", { id, customFields: [] });
    expect(emu.state.companies[id]!.customFields).toBeUndefined();
    expect((await fails(emu, "companies", "updateCompanyDetails", { id, customFields: ["x"] })).data.details).toMatch(
      /'customFields'.*empty array/,
    );
  });

  it("validates and stores mdrContactInformation", async () => {
    const id = await create({});
    const mdr = {
      phoneNumber: { countryPrefix: "+40", subscriberNumber: "112345" },
      fullName: "Contact",
      email: "mdrcontact@nebula.local",
    };
    expect(await ok(emu, "companies", "updateCompanyDetails", { id, mdrContactInformation: mdr })).toBeNull();
    expect(emu.state.companies[id]!.mdrContactInformation).toEqual(mdr);
    const noEmail = { phoneNumber: mdr.phoneNumber, fullName: "Contact" };
    expect(
      (await fails(emu, "companies", "updateCompanyDetails", { id, mdrContactInformation: noEmail })).data.details,
    ).toBe("Missing required parameter 'mdrContactInformation.email'.");
    const shared = { ...mdr, phoneNumber: { countryPrefix: 1, subscriberNumber: "5550100" } };
    expect(
      (await fails(emu, "companies", "updateCompanyDetails", { id, mdrContactInformation: shared })).data.details,
    ).toMatch(/'mdrContactInformation.phoneNumber.countryCode'/);
    const withCode = { ...mdr, phoneNumber: { countryPrefix: 1, countryCode: "CA", subscriberNumber: "5550100" } };
    expect(await ok(emu, "companies", "updateCompanyDetails", { id, mdrContactInformation: withCode })).toBeNull();
    const extra = { ...mdr, title: "x" };
    expect(
      (await fails(emu, "companies", "updateCompanyDetails", { id, mdrContactInformation: extra })).data.details,
    ).toBe("Parameter 'mdrContactInformation.title' is not expected.");
  });

  it("takes enforce2FA true only, and integer industry codes", async () => {
    const id = await create({});
    expect(await ok(emu, "companies", "updateCompanyDetails", { id, enforce2FA: true, industry: 3001 })).toBeNull();
    expect(await details(id)).toMatchObject({ enforce2FA: true, industry: 3001 });
    expect((await fails(emu, "companies", "updateCompanyDetails", { id, enforce2FA: false })).data.details).toMatch(
      /'enforce2FA'.*always true/,
    );
    expect((await fails(emu, "companies", "updateCompanyDetails", { id, industry: "30" })).data.details).toMatch(
      /'industry'.*integer/,
    );
  });

  it("refuses turning a partner with companies into a customer, and changing the own company's type", async () => {
    const s = seeded(emu);
    expect(
      (await fails(emu, "companies", "updateCompanyDetails", { id: s.company("Blue Yonder IT Services").id, type: 1 }))
        .data.details,
    ).toMatch(/cannot become a customer/);
    expect((await fails(emu, "companies", "updateCompanyDetails", { type: 1 })).data.details).toMatch(/own company/);
  });
});

describe("suspendCompany / activateCompany", () => {
  it("suspends and activates, recursively when asked", async () => {
    const partner = await create({ type: 0 });
    const child = await create({ parentId: partner });
    expect(await ok(emu, "companies", "suspendCompany", { companyId: partner, recursive: false })).toBeNull();
    expect((await details(partner)).isSuspended).toBe(true);
    expect((await details(child)).isSuspended).toBe(false);
    await ok(emu, "companies", "suspendCompany", { companyId: partner, recursive: true });
    expect((await details(child)).isSuspended).toBe(true);
    await ok(emu, "companies", "activateCompany", { companyId: partner, recursive: true });
    expect((await details(child)).isSuspended).toBe(false);
  });

  it("requires companyId and recursive, and refuses the key's own company", async () => {
    const id = await create({});
    expect((await fails(emu, "companies", "suspendCompany", { recursive: false })).data.details).toBe(
      "Missing required parameter 'companyId'.",
    );
    expect((await fails(emu, "companies", "suspendCompany", { companyId: id })).data.details).toBe(
      "Missing required parameter 'recursive'.",
    );
    expect((await fails(emu, "companies", "activateCompany", { companyId: id })).data.details).toBe(
      "Missing required parameter 'recursive'.",
    );
    expect(
      (await fails(emu, "companies", "suspendCompany", { companyId: emu.state.rootCompanyId, recursive: false })).data
        .details,
    ).toMatch(/own company/);
  });
});

describe("deleteCompany", () => {
  it("deletes a customer and everything it owns; a second delete reports not found", async () => {
    const id = await create({});
    const group = await ok<string>(emu, "network", "createCustomGroup", {
      groupName: "Doomed",
      parentId: computersAndGroupsOf(emu.state, id),
    });
    expect(await ok(emu, "companies", "deleteCompany", { companyId: id })).toBeNull();
    expect(emu.state.groups[group]).toBeUndefined();
    expect(Object.values(emu.state.policies).some((p) => p.companyId === id)).toBe(false);
    expect((await fails(emu, "companies", "getCompanyDetails", { companyId: id })).data.details).toBe(
      `The company with ID "${id}" was not found.`,
    );
    expect((await fails(emu, "companies", "deleteCompany", { companyId: id })).data.details).toMatch(/was not found/);
  });

  it("refuses a partner that still has companies, then deletes it once they are gone", async () => {
    const partner = await create({ type: 0 });
    const child = await create({ parentId: partner });
    const e = await fails(emu, "companies", "deleteCompany", { companyId: partner });
    expect(e.code).toBe(-32602);
    expect(e.data.details).toMatch(/cannot be deleted because it manages 1 other company/);
    await ok(emu, "companies", "deleteCompany", { companyId: child });
    expect(await ok(emu, "companies", "deleteCompany", { companyId: partner })).toBeNull();
  });

  it("refuses the key's own company", async () => {
    expect(
      (await fails(emu, "companies", "deleteCompany", { companyId: emu.state.rootCompanyId })).data.details,
    ).toMatch(/own company cannot be deleted/);
  });
});

describe("findCompaniesByName", () => {
  it("matches names that start with the keyword, or contain it after a leading '*'", async () => {
    expect(await ok(emu, "companies", "findCompaniesByName", { nameFilter: "DENTAL" })).toEqual([]);
    const r = await ok(emu, "companies", "findCompaniesByName", { nameFilter: "*DENTAL" });
    expect(r.map((c: any) => c.name)).toEqual(["Contoso Dental Group"]);
    expect(
      (await ok(emu, "companies", "findCompaniesByName", { nameFilter: "contoso" })).map((c: any) => c.name),
    ).toEqual(["Contoso Dental Group"]);
    expect(await ok(emu, "companies", "findCompaniesByName", { nameFilter: "zzzz-none" })).toEqual([]);
    expect((await fails(emu, "companies", "findCompaniesByName", {})).data.details).toBe(
      "Missing required parameter 'nameFilter'.",
    );
    expect((await fails(emu, "companies", "findCompaniesByName", { nameFilter: "*" })).data.details).toMatch(
      /'nameFilter'/,
    );
  });

  it("answers full company objects (as getCompanyDetails), not the key's own company", async () => {
    const [hit] = await ok(emu, "companies", "findCompaniesByName", { nameFilter: "Contoso Dental Group" });
    expect(hit).toEqual(await details(hit.id));
    expect(Object.keys(hit).sort()).toEqual(DOCUMENTED);
    expect(await ok(emu, "companies", "findCompaniesByName", { nameFilter: "Northwind" })).toEqual([]);
  });

  it("returns at most maxResults entries (1–100, default 25)", async () => {
    const prefix = `Bulk ${Date.now().toString(36)}`;
    for (let i = 0; i < 27; i++)
      await ok(emu, "companies", "createCompany", { type: 1, name: `${prefix} ${String(i).padStart(2, "0")}` });
    expect(await ok(emu, "companies", "findCompaniesByName", { nameFilter: prefix })).toHaveLength(25);
    expect(await ok(emu, "companies", "findCompaniesByName", { nameFilter: prefix, maxResults: 100 })).toHaveLength(27);
    expect(await ok(emu, "companies", "findCompaniesByName", { nameFilter: prefix, maxResults: 2 })).toHaveLength(2);
    for (const maxResults of [0, 101])
      expect(
        (await fails(emu, "companies", "findCompaniesByName", { nameFilter: prefix, maxResults })).data.details,
      ).toMatch(/'maxResults'.*between 1 and 100/);
  });
});

describe("getCompanyDetailsByUser", () => {
  it("finds the company of a user name, ignoring case, and takes the documented password parameter", async () => {
    const d = await ok(emu, "companies", "getCompanyDetailsByUser", { username: "IT.ADMIN@contoso-dental.example" });
    expect(d.name).toBe("Contoso Dental Group");
    expect(Object.keys(d).sort()).toEqual(DOCUMENTED);
    expect(
      (
        await ok(emu, "companies", "getCompanyDetailsByUser", {
          username: "it.admin@contoso-dental.example",
          password: "anything",
        })
      ).id,
    ).toBe(d.id);
    expect(
      (await fails(emu, "companies", "getCompanyDetailsByUser", { username: "nobody@example.com" })).data.details,
    ).toMatch(/not found/);
  });
});

describe("state files written by an older emulator", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "gz-emu-companies-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("loads a contact person stored as {fullName, email, phone} and answers it with the documented members", async () => {
    const old = seedState("default") as any;
    const root = old.companies[old.rootCompanyId];
    root.contactPerson = { fullName: "Legacy Person", email: "legacy@example.com", phone: "+1 555 0199" };
    for (const c of Object.values<any>(old.companies)) delete c.licenseSubscription.addedKeys;
    const file = path.join(dir, "old.json");
    writeFileSync(file, JSON.stringify(old));
    const loaded = await start({ statePath: file });
    try {
      const d = await ok(loaded, "companies", "getCompanyDetails", {});
      expect(d.contactPerson).toEqual({
        fullName: "Legacy Person",
        email: "legacy@example.com",
        phoneNumber: "+1 555 0199",
        companyRole: null,
      });
      expect(loaded.state.companies[old.rootCompanyId]!.contactPerson).toEqual(d.contactPerson);
    } finally {
      await loaded.close();
    }
  });
});
