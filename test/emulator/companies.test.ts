/**
 * companies module: createCompany with each documented field and limit, details, update,
 * suspend/activate (recursive), delete (partner with children, own company), lookups.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../emulator/index";
import { fails, GOOD_PASSWORD, ok, seeded, start } from "./helpers";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await start();
});
afterAll(() => emu.close());

let n = 0;
const unique = (prefix = "Co") => `${prefix} ${++n} ${Date.now().toString(36)}`;
const create = (params: Record<string, unknown>) => ok<string>(emu, "companies", "createCompany", { type: 1, name: unique(), ...params });

describe("createCompany", () => {
  it("creates a customer under the key's company with defaults and returns its id", async () => {
    const name = unique("Acme");
    const id = await ok<string>(emu, "companies", "createCompany", { type: 1, name });
    expect(id).toMatch(/^[0-9a-f]{24}$/);
    const d = await ok(emu, "companies", "getCompanyDetails", { companyId: id });
    expect(d).toMatchObject({ id, type: 1, name, parentId: emu.state.rootCompanyId, industry: 0, canBeManagedByAbove: true, enforce2FA: false, isSuspended: false, address: null, phone: null, country: null });
    expect(d.licenseSubscription).toEqual({ type: 1 });
    expect(Number.isNaN(Date.parse(d.createdAt))).toBe(false);
  });

  it("stores every documented field", async () => {
    const id = await create({
      address: "1 Main St",
      country: "RO",
      state: "RO-B",
      phone: "+40 21 555 0100",
      industry: 30,
      canBeManagedByAbove: false,
      enforce2FA: true,
      skip2FAPeriod: 7,
      assignedProductType: 0,
      licenseSubscription: { type: 3, reservedSlots: 25, endSubscription: "2027-01-31", autoRenewPeriod: 6, manageHyperDetect: true, ownUse: { manageHyperDetect: true } },
    });
    const d = await ok(emu, "companies", "getCompanyDetails", { companyId: id });
    expect(d).toMatchObject({ address: "1 Main St", country: "RO", state: "RO-B", phone: "+40 21 555 0100", industry: 30, canBeManagedByAbove: false, enforce2FA: true, skip2FAPeriod: 7 });
    expect(d.licenseSubscription).toMatchObject({ type: 3, reservedSlots: 25, endSubscription: "2027-01-31", autoRenewPeriod: 6, manageHyperDetect: true });
  });

  it("creates the company's network node and default policy", async () => {
    const id = await create({});
    const inv = await ok(emu, "network", "getNetworkInventoryItems", { filters: { type: { companies: true } }, perPage: 100 });
    expect(inv.items.find((i: any) => i.id === id)).toMatchObject({ type: 1, parentId: emu.state.rootCompanyId });
    const policies = await ok(emu, "policies", "getPoliciesList", { companyId: id });
    expect(policies.items.map((p: any) => p.name)).toContain("Default policy");
  });

  it("requires type and name", async () => {
    expect((await fails(emu, "companies", "createCompany", { name: unique() })).data.details).toBe("Missing required parameter 'type'.");
    expect((await fails(emu, "companies", "createCompany", { type: 1 })).data.details).toBe("Missing required parameter 'name'.");
    expect((await fails(emu, "companies", "createCompany", { type: 2, name: unique() })).data.details).toMatch(/'type'.*0, 1/);
  });

  it("accepts a 64-character name and refuses 65", async () => {
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
    expect((await fails(emu, "companies", "createCompany", { type: 1, name: unique(), address: "a".repeat(129) })).data.details).toMatch(/'address'.*128/);
    expect((await fails(emu, "companies", "createCompany", { type: 1, name: unique(), address: "<b>1 Main St</b>" })).data.details).toMatch(/'address'.*HTML/);
  });

  it("limits the phone to 32 characters", async () => {
    expect(await create({ phone: "1".repeat(32) })).toBeTruthy();
    expect((await fails(emu, "companies", "createCompany", { type: 1, name: unique(), phone: "1".repeat(33) })).data.details).toMatch(/'phone'.*32/);
  });

  it("takes ISO 3166 country and subdivision codes", async () => {
    expect(await create({ country: "DE", state: "DE-BY" })).toBeTruthy();
    for (const country of ["XX", "de", "DEU", "Germany"]) expect((await fails(emu, "companies", "createCompany", { type: 1, name: unique(), country })).data.details).toMatch(/'country'/);
    expect((await fails(emu, "companies", "createCompany", { type: 1, name: unique(), state: "Bavaria" })).data.details).toMatch(/'state'/);
    expect((await fails(emu, "companies", "createCompany", { type: 1, name: unique(), country: "FR", state: "DE-BY" })).data.details).toMatch(/'state'.*not in country FR/);
  });

  it("validates industry, skip2FAPeriod and licenseSubscription", async () => {
    expect(await create({ industry: 101 })).toBeTruthy();
    expect((await fails(emu, "companies", "createCompany", { type: 1, name: unique(), industry: 99 })).data.details).toMatch(/'industry'/);
    expect((await fails(emu, "companies", "createCompany", { type: 1, name: unique(), skip2FAPeriod: 2 })).data.details).toMatch(/'skip2FAPeriod'/);
    expect((await fails(emu, "companies", "createCompany", { type: 1, name: unique(), licenseSubscription: { type: 2 } })).data.details).toMatch(/licenseSubscription.licenseKey/);
    expect((await fails(emu, "companies", "createCompany", { type: 1, name: unique(), licenseSubscription: { type: 1, endSubscription: "2027-01-01" } })).data.details).toMatch(/endSubscription/);
    expect((await fails(emu, "companies", "createCompany", { type: 1, name: unique(), licenseSubscription: { type: 3, seats: 4 } })).data.details).toBe("Parameter 'licenseSubscription.seats' is not expected.");
  });

  it("needs a partner parent inside the key's tenant", async () => {
    const s = seeded(emu);
    const reseller = s.company("Blue Yonder IT Services");
    const id = await create({ parentId: reseller.id });
    expect((await ok(emu, "companies", "getCompanyDetails", { companyId: id })).parentId).toBe(reseller.id);
    expect((await fails(emu, "companies", "createCompany", { type: 1, name: unique(), parentId: s.company("Tailspin Toys").id })).data.details).toMatch(/not a partner/);
    expect((await fails(emu, "companies", "createCompany", { type: 1, name: unique(), parentId: "0123456789abcdef01234567" })).data.details).toMatch(/was not found/);
  });

  it("creates the first administrator, checking the password rule and never storing it in clear", async () => {
    const email = `first.admin.${Date.now()}@example.com`;
    const id = await create({ accountEmail: email, accountFullName: "First Admin", accountPassword: GOOD_PASSWORD });
    const acc = Object.values(emu.state.accounts).find((a) => a.email === email)!;
    expect(acc.companyId).toBe(id);
    expect(JSON.stringify(emu.state)).not.toContain(GOOD_PASSWORD);
    expect((await fails(emu, "companies", "createCompany", { type: 1, name: unique(), accountEmail: `x${email}`, accountFullName: "X", accountPassword: "short1!A" })).data.details).toMatch(/'accountPassword'.*12/);
    expect((await fails(emu, "companies", "createCompany", { type: 1, name: unique(), accountEmail: `y${email}` })).data.details).toMatch(/accountFullName/);
    expect((await fails(emu, "companies", "createCompany", { type: 1, name: unique(), accountEmail: email, accountFullName: "Dup" })).data.details).toMatch(/already exists/);
  });
});

describe("getCompanyDetails / updateCompanyDetails", () => {
  it("defaults to the key's own company", async () => {
    const d = await ok(emu, "companies", "getCompanyDetails", {});
    expect(d).toMatchObject({ id: emu.state.rootCompanyId, type: 0, name: "Northwind MSP", parentId: null });
  });

  it("updates the fields given, answers null, and keeps the others", async () => {
    const id = await create({ address: "Old St", phone: "123" });
    const name = unique("Renamed");
    expect(await ok(emu, "companies", "updateCompanyDetails", { id, name, address: "New St", country: "US", state: "US-TX" })).toBeNull();
    const d = await ok(emu, "companies", "getCompanyDetails", { companyId: id });
    expect(d).toMatchObject({ name, address: "New St", phone: "123", country: "US", state: "US-TX" });
    expect(await ok(emu, "companies", "updateCompanyDetails", { id, address: "" })).toBeNull();
    expect((await ok(emu, "companies", "getCompanyDetails", { companyId: id })).address).toBeNull();
  });

  it("takes the target as `id` (companyId is not expected) and keeps names unique", async () => {
    const id = await create({});
    expect((await fails(emu, "companies", "updateCompanyDetails", { companyId: id, name: "x" })).data.details).toBe("Parameter 'companyId' is not expected.");
    expect((await fails(emu, "companies", "updateCompanyDetails", { id, name: "Tailspin Toys" })).data.details).toMatch(/already exists/);
    expect((await fails(emu, "companies", "updateCompanyDetails", { id, phone: "9".repeat(33) })).data.details).toMatch(/'phone'/);
  });

  it("refuses turning a partner with companies into a customer", async () => {
    const s = seeded(emu);
    expect((await fails(emu, "companies", "updateCompanyDetails", { id: s.company("Blue Yonder IT Services").id, type: 1 })).data.details).toMatch(/cannot become a customer/);
  });
});

describe("suspendCompany / activateCompany", () => {
  it("suspends and activates, recursively when asked", async () => {
    const partner = await create({ type: 0 });
    const child = await create({ parentId: partner });
    expect(await ok(emu, "companies", "suspendCompany", { companyId: partner })).toBeNull();
    expect((await ok(emu, "companies", "getCompanyDetails", { companyId: partner })).isSuspended).toBe(true);
    expect((await ok(emu, "companies", "getCompanyDetails", { companyId: child })).isSuspended).toBe(false);
    await ok(emu, "companies", "suspendCompany", { companyId: partner, recursive: true });
    expect((await ok(emu, "companies", "getCompanyDetails", { companyId: child })).isSuspended).toBe(true);
    await ok(emu, "companies", "activateCompany", { companyId: partner, recursive: true });
    expect((await ok(emu, "companies", "getCompanyDetails", { companyId: child })).isSuspended).toBe(false);
  });

  it("requires companyId and refuses the key's own company", async () => {
    expect((await fails(emu, "companies", "suspendCompany", {})).data.details).toBe("Missing required parameter 'companyId'.");
    expect((await fails(emu, "companies", "suspendCompany", { companyId: emu.state.rootCompanyId })).data.details).toMatch(/own company/);
  });
});

describe("deleteCompany", () => {
  it("deletes a customer and everything it owns; a second delete reports not found", async () => {
    const id = await create({});
    const group = await ok<string>(emu, "network", "createCustomGroup", { groupName: "Doomed", parentId: id });
    expect(await ok(emu, "companies", "deleteCompany", { companyId: id })).toBeNull();
    expect(emu.state.groups[group]).toBeUndefined();
    expect(Object.values(emu.state.policies).some((p) => p.companyId === id)).toBe(false);
    expect((await fails(emu, "companies", "getCompanyDetails", { companyId: id })).data.details).toBe(`The company with ID "${id}" was not found.`);
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
    expect((await fails(emu, "companies", "deleteCompany", { companyId: emu.state.rootCompanyId })).data.details).toMatch(/own company cannot be deleted/);
  });
});

describe("lookups", () => {
  it("findCompaniesByName matches substrings case-insensitively", async () => {
    const r = await ok(emu, "companies", "findCompaniesByName", { nameFilter: "DENTAL" });
    expect(r).toEqual([expect.objectContaining({ name: "Contoso Dental Group", type: 1, parentId: emu.state.rootCompanyId })]);
    expect(await ok(emu, "companies", "findCompaniesByName", { nameFilter: "zzzz-none" })).toEqual([]);
    expect((await fails(emu, "companies", "findCompaniesByName", {})).data.details).toBe("Missing required parameter 'nameFilter'.");
  });

  it("getCompanyDetailsByUser finds the company of a user name or email", async () => {
    const d = await ok(emu, "companies", "getCompanyDetailsByUser", { username: "IT.ADMIN@contoso-dental.example" });
    expect(d.name).toBe("Contoso Dental Group");
    expect((await fails(emu, "companies", "getCompanyDetailsByUser", { username: "nobody@example.com" })).data.details).toMatch(/not found/);
  });
});
