/**
 * accounts module: create (email, password rules, roles and rights), update, delete (never the
 * key's own account), list paging, details without secrets, notification settings.
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
const email = () => `user${++n}.${Date.now()}@example.com`;

describe("createAccount", () => {
  it("creates an account and answers its id; details never show the password", async () => {
    const mail = email();
    const id = await ok<string>(emu, "accounts", "createAccount", { email: mail, profile: { fullName: "Jane Doe", timezone: "Europe/Bucharest", language: "ro_RO" }, password: GOOD_PASSWORD, role: 2 });
    const d = await ok(emu, "accounts", "getAccountDetails", { accountId: id });
    expect(d).toMatchObject({ id, email: mail, userName: mail, role: 2, companyId: emu.state.rootCompanyId, profile: { fullName: "Jane Doe", timezone: "Europe/Bucharest", language: "ro_RO" } });
    const raw = JSON.stringify(d);
    expect(raw).not.toContain(GOOD_PASSWORD);
    expect(raw).not.toMatch(/passwordHash|scrypt/);
    expect(JSON.stringify(emu.state)).not.toContain(GOOD_PASSWORD);
    expect(emu.state.accounts[id]!.passwordHash).toMatch(/^scrypt\$/);
  });

  it("requires email and profile.fullName, and a valid, unused email", async () => {
    expect((await fails(emu, "accounts", "createAccount", { profile: { fullName: "X" } })).data.details).toBe("Missing required parameter 'email'.");
    expect((await fails(emu, "accounts", "createAccount", { email: email() })).data.details).toBe("Missing required parameter 'profile'.");
    expect((await fails(emu, "accounts", "createAccount", { email: email(), profile: {} })).data.details).toBe("Missing required parameter 'profile.fullName'.");
    for (const bad of ["no-at-sign", "a@b", "a b@example.com", "@example.com"]) {
      expect((await fails(emu, "accounts", "createAccount", { email: bad, profile: { fullName: "X" } })).data.details).toMatch(/'email'/);
    }
    expect((await fails(emu, "accounts", "createAccount", { email: "IT.ADMIN@contoso-dental.example", profile: { fullName: "X" } })).data.details).toMatch(/already exists/);
  });

  it("enforces the password rule: ≥12 characters with upper, lower, digit and special", async () => {
    const cases: Array<[string, RegExp]> = [
      ["Sh0rt!Pass1", /at least 12/],
      ["alllowercase1!", /uppercase/],
      ["ALLUPPERCASE1!", /lowercase/],
      ["NoDigitsHere!!", /digit/],
      ["NoSpecials1234", /special/],
    ];
    for (const [password, why] of cases) {
      const e = await fails(emu, "accounts", "createAccount", { email: email(), profile: { fullName: "X" }, password });
      expect(e.data.details).toMatch(/'password'/);
      expect(e.data.details).toMatch(why);
    }
    expect(await ok(emu, "accounts", "createAccount", { email: email(), profile: { fullName: "X" }, password: "Abcdefghij1!" })).toMatch(/^[0-9a-f]{24}$/);
  });

  it("allows rights only with the custom role 5, and only known rights", async () => {
    expect((await fails(emu, "accounts", "createAccount", { email: email(), profile: { fullName: "X" }, role: 1, rights: { manageNetworks: true } })).data.details).toMatch(/rights.*custom role/);
    expect((await fails(emu, "accounts", "createAccount", { email: email(), profile: { fullName: "X" }, role: 5, rights: { launchMissiles: true } })).data.details).toBe("Parameter 'rights.launchMissiles' is not expected.");
    const id = await ok<string>(emu, "accounts", "createAccount", { email: email(), profile: { fullName: "X" }, role: 5, rights: { manageNetworks: true, managePoliciesRead: true } });
    expect((await ok(emu, "accounts", "getAccountDetails", { accountId: id })).rights).toEqual({ manageNetworks: true, managePoliciesRead: true });
    expect((await fails(emu, "accounts", "createAccount", { email: email(), profile: { fullName: "X" }, role: 6 })).data.details).toMatch(/'role'/);
  });

  it("allows the partner role only in partner companies and checks companyId and targetIds", async () => {
    const s = seeded(emu);
    const customer = s.company("Tailspin Toys").id;
    expect((await fails(emu, "accounts", "createAccount", { email: email(), profile: { fullName: "X" }, role: 4, companyId: customer })).data.details).toMatch(/partner role/);
    const id = await ok<string>(emu, "accounts", "createAccount", { email: email(), profile: { fullName: "X" }, companyId: customer, targetIds: [s.group("Tailspin Toys", "Stores").id] });
    expect(emu.state.accounts[id]!.companyId).toBe(customer);
    expect((await fails(emu, "accounts", "createAccount", { email: email(), profile: { fullName: "X" }, companyId: customer, targetIds: [s.company("Coho Vineyard").id] })).data.details).toMatch(/outside the account's company/);
    expect((await fails(emu, "accounts", "createAccount", { email: email(), profile: { fullName: "X" }, profile2: 1 })).data.details).toBe("Parameter 'profile2' is not expected.");
    expect((await fails(emu, "accounts", "createAccount", { email: email(), profile: { fullName: "X", timezone: "Mars/Olympus" } })).data.details).toMatch(/'profile.timezone'/);
  });
});

describe("updateAccount / deleteAccount", () => {
  it("updates fields and answers true", async () => {
    const id = await ok<string>(emu, "accounts", "createAccount", { email: email(), profile: { fullName: "Before" } });
    const mail = email();
    expect(await ok(emu, "accounts", "updateAccount", { accountId: id, email: mail, profile: { fullName: "After" }, role: 3, password: GOOD_PASSWORD })).toBe(true);
    expect(await ok(emu, "accounts", "getAccountDetails", { accountId: id })).toMatchObject({ email: mail, userName: mail, role: 3, profile: { fullName: "After" } });
    expect((await fails(emu, "accounts", "updateAccount", { accountId: id, password: "weak" })).data.details).toMatch(/'password'/);
    expect((await fails(emu, "accounts", "updateAccount", { accountId: id, companyId: emu.state.rootCompanyId })).data.details).toBe("Parameter 'companyId' is not expected.");
  });

  it("deletes an account and answers null; refuses the key's own account", async () => {
    const id = await ok<string>(emu, "accounts", "createAccount", { email: email(), profile: { fullName: "Temp" } });
    expect(await ok(emu, "accounts", "deleteAccount", { accountId: id })).toBeNull();
    expect((await fails(emu, "accounts", "getAccountDetails", { accountId: id })).data.details).toBe(`The account with ID "${id}" was not found.`);
    const own = await fails(emu, "accounts", "deleteAccount", { accountId: emu.state.ownerAccountId });
    expect(own.code).toBe(-32602);
    expect(own.data.details).toMatch(/own account/);
  });
});

describe("lists and details", () => {
  it("getAccountDetails without accountId answers the key's own account", async () => {
    expect((await ok(emu, "accounts", "getAccountDetails", {})).id).toBe(emu.state.ownerAccountId);
  });

  it("getAccountsList pages with perPage 1–100", async () => {
    const company = seeded(emu).company("Coho Vineyard").id;
    for (let i = 0; i < 3; i++) await ok(emu, "accounts", "createAccount", { email: email(), profile: { fullName: `C${i}` }, companyId: company });
    const r = await ok(emu, "accounts", "getAccountsList", { companyId: company, perPage: 2 });
    expect(r).toMatchObject({ total: 4, pagesCount: 2, perPage: 2, page: 1 });
    expect(JSON.stringify(r)).not.toMatch(/password/i);
    expect((await ok(emu, "accounts", "getAccountsList", { perPage: 100 })).perPage).toBe(100);
    expect((await fails(emu, "accounts", "getAccountsList", { perPage: 101 })).data.details).toMatch(/between 1 and 100/);
    expect((await fails(emu, "accounts", "getAccountsList", { perPage: 0 })).data.details).toMatch(/between 1 and 100/);
  });

  it("reads and configures notification settings", async () => {
    const before = await ok(emu, "accounts", "getNotificationsSettings", {});
    expect(before).toMatchObject({ deleteAfter: 30, notificationsSettings: expect.any(Array) });
    expect(await ok(emu, "accounts", "configureNotificationsSettings", { deleteAfter: 10, emailAddresses: ["soc@example.com"], notificationsSettings: [{ type: 1, enabled: false }] })).toBe(true);
    const after = await ok(emu, "accounts", "getNotificationsSettings", {});
    expect(after).toMatchObject({ deleteAfter: 10, emailAddresses: ["soc@example.com"] });
    expect(after.notificationsSettings.find((x: any) => x.type === 1).enabled).toBe(false);
    expect((await fails(emu, "accounts", "configureNotificationsSettings", { deleteAfter: 0 })).data.details).toMatch(/'deleteAfter'/);
  });
});
