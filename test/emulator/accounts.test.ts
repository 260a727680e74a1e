/**
 * accounts module: create (email, password rules, roles, rights ignored outside role 5, the console's
 * languages, no userName), update (answers true, rights replaced with the role's), delete (never the
 * key's own account), list (without the key's own account) and details with the documented members
 * only, notification settings.
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

const NO_RIGHTS = {
  manageCompanies: false,
  manageNetworks: false,
  manageUsers: false,
  manageReports: false,
  companyManager: false,
  manageRemoteShell: false,
  manageInventory: false,
  managePoliciesRead: false,
  managePoliciesWrite: false,
};

async function create(params: Record<string, unknown>): Promise<string> {
  return ok<string>(emu, "accounts", "createAccount", { email: email(), profile: { fullName: "X" }, ...params });
}

async function details(accountId: string): Promise<any> {
  return ok(emu, "accounts", "getAccountDetails", { accountId });
}

/** The error details of a createAccount call that must fail (fresh email and a profile unless given). */
async function refused(params: Record<string, unknown>): Promise<string> {
  return (await fails(emu, "accounts", "createAccount", { email: email(), profile: { fullName: "X" }, ...params })).data
    .details;
}

/** The error details of an accounts call that must fail. */
async function why(method: string, params: Record<string, unknown>): Promise<string> {
  return (await fails(emu, "accounts", method, params)).data.details;
}

describe("createAccount", () => {
  it("creates an account and answers its id; details carry the documented members only, never the password", async () => {
    const mail = email();
    const id = await ok<string>(emu, "accounts", "createAccount", {
      email: mail,
      profile: { fullName: "Jane Doe", timezone: "Europe/Bucharest", language: "ro_RO" },
      password: GOOD_PASSWORD,
      role: 2,
      targetIds: [emu.state.rootCompanyId],
    });
    const d = await details(id);
    expect(Object.keys(d).sort()).toEqual(
      [
        "companyId",
        "companyName",
        "email",
        "id",
        "passwordLifetime",
        "phoneNumber",
        "profile",
        "rights",
        "role",
        "twoFactorAuthenticationStatus",
      ].sort(),
    );
    expect(d).toMatchObject({
      id,
      email: mail,
      role: 2,
      companyId: emu.state.rootCompanyId,
      companyName: emu.state.companies[emu.state.rootCompanyId]!.name,
      profile: {
        fullName: "Jane Doe",
        timezone: "Europe/Bucharest",
        language: "ro_RO",
        landingPage: expect.any(String),
      },
      phoneNumber: { countryCode: null, subscriberNumber: null },
      twoFactorAuthenticationStatus: false,
    });
    const raw = JSON.stringify(d);
    expect(raw).not.toContain(GOOD_PASSWORD);
    expect(raw).not.toMatch(/passwordHash|scrypt|userName|targetIds/);
    expect(JSON.stringify(emu.state)).not.toContain(GOOD_PASSWORD);
    expect(emu.state.accounts[id]!.passwordHash).toMatch(/^scrypt\$/);
  });

  it("requires email and profile.fullName, and a valid, unused email", async () => {
    expect(await why("createAccount", { profile: { fullName: "X" } })).toBe("Missing required parameter 'email'.");
    expect(await why("createAccount", { email: email() })).toBe("Missing required parameter 'profile'.");
    expect(await why("createAccount", { email: email(), profile: {} })).toBe(
      "Missing required parameter 'profile.fullName'.",
    );
    for (const bad of ["no-at-sign", "a@b", "a b@example.com", "@example.com"]) {
      expect(await why("createAccount", { email: bad, profile: { fullName: "X" } })).toMatch(/'email'/);
    }
    expect(
      await why("createAccount", { email: "IT.ADMIN@contoso-dental.example", profile: { fullName: "X" } }),
    ).toMatch(/already exists/);
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
    expect(await create({ password: "Abcdefghij1!" })).toMatch(/^[0-9a-f]{24}$/);
  });

  it("accepts the console's 15 languages and refuses others", async () => {
    const languages = [
      "en_US",
      "es_ES",
      "de_DE",
      "fr_FR",
      "ro_RO",
      "pl_PL",
      "pt_BR",
      "it_IT",
      "ru_RU",
      "cs_CZ",
      "zh_CN",
      "vi_VN",
      "tr_TR",
      "ko_KR",
      "ja_JP",
    ];
    for (const language of languages) {
      const id = await create({ profile: { fullName: "X", language } });
      expect((await details(id)).profile.language).toBe(language);
    }
    expect(await why("createAccount", { email: email(), profile: { fullName: "X", language: "en_GB" } })).toMatch(
      /'profile.language'/,
    );
  });

  it("refuses userName (documented on the on-premises pages only)", async () => {
    expect(await refused({ userName: "jdoe" })).toBe("Parameter 'userName' is not expected.");
    const id = await create({});
    expect(await why("updateAccount", { accountId: id, userName: "jdoe" })).toBe(
      "Parameter 'userName' is not expected.",
    );
  });
});

describe("roles and rights", () => {
  it("ignores rights with a role other than 5 and shows the role's rights", async () => {
    const admin = await create({ role: 1, rights: { manageNetworks: false, manageUsers: false } });
    const reporter = await create({ role: 3, rights: { manageUsers: true } });
    const adminRights = {
      manageNetworks: true,
      manageUsers: true,
      manageReports: true,
      companyManager: true,
      manageCompanies: false,
    };
    expect((await details(admin)).rights).toMatchObject(adminRights);
    expect((await details(reporter)).rights).toEqual({ ...NO_RIGHTS, manageReports: true });
    expect(await refused({ role: 1, rights: { launchMissiles: true } })).toBe(
      "Parameter 'rights.launchMissiles' is not expected.",
    );
    expect(await refused({ role: 6 })).toMatch(/'role'/);
  });

  it("role 5: omitted rights are false; manageNetworks is copied to its three replacements and grants manageReports", async () => {
    const plain = await create({ role: 5, rights: { manageUsers: true } });
    expect((await details(plain)).rights).toEqual({ ...NO_RIGHTS, manageUsers: true });
    const networks = await create({ role: 5, rights: { manageNetworks: true, managePoliciesRead: true } });
    const granted = {
      manageNetworks: true,
      manageInventory: true,
      managePoliciesRead: true,
      managePoliciesWrite: true,
      manageReports: true,
    };
    expect((await details(networks)).rights).toEqual({ ...NO_RIGHTS, ...granted });
    const conflict = { role: 5, rights: { manageNetworks: true, managePoliciesWrite: false } };
    const e = await fails(emu, "accounts", "createAccount", {
      email: email(),
      profile: { fullName: "X" },
      ...conflict,
    });
    expect(e.code).toBe(-32602);
    expect(e.data.details).toMatch(/'rights.managePoliciesWrite'.*manageNetworks/);
  });

  it("allows the partner role only in partner companies and checks companyId and targetIds", async () => {
    const s = seeded(emu);
    const customer = s.company("Tailspin Toys").id;
    expect(await refused({ role: 4, companyId: customer })).toMatch(/partner role/);
    const id = await create({ companyId: customer, targetIds: [s.group("Tailspin Toys", "Stores").id] });
    expect(emu.state.accounts[id]!.companyId).toBe(customer);
    expect(await refused({ companyId: customer, targetIds: [s.company("Coho Vineyard").id] })).toMatch(
      /outside the account's company/,
    );
    expect(await refused({ profile2: 1 })).toBe("Parameter 'profile2' is not expected.");
    expect(
      await why("createAccount", { email: email(), profile: { fullName: "X", timezone: "Mars/Olympus" } }),
    ).toMatch(/'profile.timezone'/);
  });

  it("stores the phone number as sent (countryCode a string or an integer)", async () => {
    const a = await create({ phoneNumber: { countryCode: "+40", subscriberNumber: "0700000000" } });
    expect((await details(a)).phoneNumber).toEqual({ countryCode: "+40", subscriberNumber: "0700000000" });
    const b = await create({ phoneNumber: { countryCode: 40, subscriberNumber: "0700000000" } });
    expect((await details(b)).phoneNumber).toEqual({ countryCode: 40, subscriberNumber: "0700000000" });
    expect(await refused({ phoneNumber: { countryCode: "+40" } })).toBe(
      "Missing required parameter 'phoneNumber.subscriberNumber'.",
    );
  });
});

describe("updateAccount / deleteAccount", () => {
  it("updates fields and answers true", async () => {
    const id = await create({ profile: { fullName: "Before" } });
    const mail = email();
    const update = {
      accountId: id,
      email: mail,
      profile: { fullName: "After", language: "vi_VN" },
      role: 3,
      password: GOOD_PASSWORD,
    };
    expect(await ok(emu, "accounts", "updateAccount", update)).toBe(true);
    expect(await details(id)).toMatchObject({
      email: mail,
      role: 3,
      profile: { fullName: "After", language: "vi_VN" },
    });
    expect(await why("updateAccount", { accountId: id, password: "weak" })).toMatch(/'password'/);
    expect(await why("updateAccount", { accountId: id, password: GOOD_PASSWORD })).toMatch(/'password'.*different/);
    expect(await why("updateAccount", { email: mail })).toBe("Missing required parameter 'accountId'.");
  });

  it("accepts authenticationMethod and companyId (sent by existing clients) without effect", async () => {
    const id = await create({});
    expect(
      await ok(emu, "accounts", "updateAccount", {
        accountId: id,
        authenticationMethod: 0,
        companyId: emu.state.rootCompanyId,
      }),
    ).toBe(true);
    expect(await why("updateAccount", { accountId: id, authenticationMethod: 3 })).toMatch(/'authenticationMethod'/);
  });

  it("ignores rights sent with another role and replaces them with the role's rights", async () => {
    const id = await create({ role: 5, rights: { manageUsers: true } });
    expect(
      await ok(emu, "accounts", "updateAccount", {
        accountId: id,
        role: 3,
        rights: { manageUsers: true, manageNetworks: true },
      }),
    ).toBe(true);
    expect((await details(id)).rights).toEqual({ ...NO_RIGHTS, manageReports: true });
    expect(
      await ok(emu, "accounts", "updateAccount", { accountId: id, role: 5, rights: { companyManager: true } }),
    ).toBe(true);
    expect((await details(id)).rights).toEqual({ ...NO_RIGHTS, companyManager: true });
    expect(await ok(emu, "accounts", "updateAccount", { accountId: id, profile: { fullName: "Kept" } })).toBe(true);
    expect((await details(id)).rights).toEqual({ ...NO_RIGHTS, companyManager: true });
  });

  it("deletes an account and answers null; refuses the key's own account", async () => {
    const id = await create({ profile: { fullName: "Temp" } });
    expect(await ok(emu, "accounts", "deleteAccount", { accountId: id })).toBeNull();
    expect(await why("getAccountDetails", { accountId: id })).toBe(`The account with ID "${id}" was not found.`);
    const own = await fails(emu, "accounts", "deleteAccount", { accountId: emu.state.ownerAccountId });
    expect(own.code).toBe(-32602);
    expect(own.data.details).toMatch(/own account/);
  });
});

describe("lists and details", () => {
  it("getAccountDetails without accountId answers the key's own account", async () => {
    expect((await ok(emu, "accounts", "getAccountDetails", {})).id).toBe(emu.state.ownerAccountId);
  });

  it("getAccountsList pages with perPage 1–100 and answers the documented members", async () => {
    const company = seeded(emu).company("Coho Vineyard").id;
    for (let i = 0; i < 3; i++)
      await create({ profile: { fullName: `C${i}` }, companyId: company, targetIds: [company] });
    const r = await ok(emu, "accounts", "getAccountsList", { companyId: company, perPage: 2 });
    expect(r).toMatchObject({ total: 4, pagesCount: 2, perPage: 2, page: 1 });
    for (const item of r.items) {
      const members = [
        "companyId",
        "companyName",
        "email",
        "id",
        "passwordLifetime",
        "profile",
        "rights",
        "role",
        "twoFactorAuthenticationStatus",
      ];
      expect(Object.keys(item).sort()).toEqual(members.sort());
      expect(Object.keys(item.profile).sort()).toEqual(["fullName", "landingPage", "language", "timezone"]);
    }
    expect(JSON.stringify(r)).not.toMatch(/passwordHash|scrypt|targetIds|userName/);
    expect((await ok(emu, "accounts", "getAccountsList", { perPage: 100 })).perPage).toBe(100);
    expect(await why("getAccountsList", { perPage: 101 })).toMatch(/between 1 and 100/);
    expect(await why("getAccountsList", { perPage: 0 })).toMatch(/between 1 and 100/);
  });

  it("getAccountsList omits the account that generated the API key", async () => {
    const ids: string[] = [];
    for (let page = 1; ; page++) {
      const r = await ok(emu, "accounts", "getAccountsList", { perPage: 100, page });
      ids.push(...r.items.map((a: any) => a.id));
      if (page >= r.pagesCount) break;
    }
    expect(ids.length).toBeGreaterThan(0);
    expect(ids).not.toContain(emu.state.ownerAccountId);
  });

  it("reads and configures notification settings", async () => {
    const before = await ok(emu, "accounts", "getNotificationsSettings", {});
    expect(before).toMatchObject({
      deleteAfter: 30,
      includeDeviceName: false,
      includeDeviceFQDN: false,
      notificationsSettings: expect.any(Array),
    });
    const visibility = { sendPerEmail: true, showInConsole: true, useCustomEmailDistribution: false, emails: [] };
    expect(before.notificationsSettings[0].visibilitySettings).toEqual(visibility);
    const change = {
      deleteAfter: 10,
      emailAddresses: ["soc@example.com"],
      notificationsSettings: [{ type: 1, enabled: false }],
    };
    expect(await ok(emu, "accounts", "configureNotificationsSettings", change)).toBe(true);
    const after = await ok(emu, "accounts", "getNotificationsSettings", {});
    expect(after).toMatchObject({ deleteAfter: 10, emailAddresses: ["soc@example.com"] });
    expect(after.notificationsSettings.find((x: any) => x.type === 1).enabled).toBe(false);
    expect(await why("configureNotificationsSettings", { deleteAfter: 0 })).toMatch(/'deleteAfter'/);
  });

  it("checks the visibility options of a notification", async () => {
    const custom = { sendPerEmail: true, useCustomEmailDistribution: true, emails: ["noc@example.com"] };
    const change = { notificationsSettings: [{ type: 2, enabled: true, visibilitySettings: custom }] };
    expect(await ok(emu, "accounts", "configureNotificationsSettings", change)).toBe(true);
    const got = (await ok(emu, "accounts", "getNotificationsSettings", {})).notificationsSettings.find(
      (x: any) => x.type === 2,
    );
    expect(got.visibilitySettings).toMatchObject(custom);
    const bad = async (visibilitySettings: Record<string, unknown>) =>
      why("configureNotificationsSettings", {
        deleteAfter: 5,
        notificationsSettings: [{ type: 3, enabled: true, visibilitySettings }],
      });
    expect(await bad({ showInConsole: false, sendPerEmail: false })).toMatch(/showInConsole or sendPerEmail/);
    expect(await bad({ sendPerEmail: false, useCustomEmailDistribution: true, emails: ["a@example.com"] })).toMatch(
      /useCustomEmailDistribution/,
    );
    expect(await bad({ sendPerEmail: true, useCustomEmailDistribution: true, emails: [] })).toMatch(
      /useCustomEmailDistribution/,
    );
    expect(await bad({ logToServer: true })).toBe(
      "Parameter 'notificationsSettings[0].visibilitySettings.logToServer' is not expected.",
    );
    // A refused entry changes nothing.
    expect((await ok(emu, "accounts", "getNotificationsSettings", {})).deleteAfter).not.toBe(5);
  });
});
