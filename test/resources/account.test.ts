import * as pulumi from "@pulumi/pulumi";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { GravityZoneClient, GravityZoneError } from "../../provider/client";
import { Account, handler } from "../../provider/resources/account";
import { UNKNOWN } from "../../provider/framework/unknown";
import { checkedInputs, startProviderEnv, type ProviderEnv } from "../helpers/provider-env";

let env: ProviderEnv;
let companyId: string;
let partnerId: string;

const PASSWORD = "Str0ng!Passw0rd";

beforeAll(async () => {
  env = await startProviderEnv({ seed: "empty" });
  companyId = await env.client.call("companies", "createCompany", { type: 1, name: "Account Customer" }, z.string());
  partnerId = await env.client.call("companies", "createCompany", { type: 0, name: "Account Partner" }, z.string());
});
afterAll(() => env.close());
beforeEach(() => env.reset());

const paramsOf = (method: string) =>
  env.emu
    .calls()
    .filter((c) => c.method === method)
    .map((c) => c.params);
const accountsWith = async (email: string, company = companyId) => {
  const all = await env.client.listAll(
    "accounts",
    "getAccountsList",
    { companyId: company },
    z.object({ id: z.string(), email: z.string() }).loose(),
  );
  return all.filter((a) => a.email.toLowerCase() === email.toLowerCase());
};

const checked = (news: Record<string, unknown>) => checkedInputs(handler, news);

/** getAccountDetails' answer, as GravityZone gives it. */
const details = (accountId: string) =>
  env.client.call("accounts", "getAccountDetails", { accountId }, z.record(z.string(), z.unknown()));

/**
 * Makes `module.method` fail once with a GravityZone error of `kind` before it reaches the emulator,
 * as a real console may answer for an object it cannot show; other calls go through.
 */
function failOnce(module: string, method: string, kind: "not-found" | "invalid-params") {
  const original = GravityZoneClient.prototype.call;
  let failed = false;
  return vi.spyOn(GravityZoneClient.prototype, "call").mockImplementation(function (
    this: GravityZoneClient,
    ...args: Parameters<GravityZoneClient["call"]>
  ) {
    if (!failed && args[0] === module && args[1] === method) {
      failed = true;
      return Promise.reject(new GravityZoneError({ kind, module, method, details: "Invalid params" }));
    }
    return original.apply(this, args) as never;
  });
}

async function create(email: string, extra: Record<string, unknown> = {}) {
  const inputs = await checked({ email, companyId, profile: { fullName: "Jane Doe" }, role: "reporter", ...extra });
  return { inputs, ...(await handler.create(inputs)) };
}

describe("check", () => {
  const ok = { email: "jane@acme.example", profile: { fullName: "Jane Doe" }, role: "reporter" };
  it.each([
    [{ ...ok, email: "jane.acme.example" }, "email", "email: must be an e-mail address like admin@example.com"],
    [{ ...ok, companyId: "acme" }, "companyId", "companyId: must be a GravityZone id (24 hexadecimal characters)"],
    [{ ...ok, profile: {} }, "profile", "profile.fullName: Invalid input: expected string, received undefined"],
    [{ ...ok, profile: { fullName: "J".repeat(129) } }, "profile", "profile.fullName: must be at most 128 characters"],
    [{ ...ok, profile: { fullName: "<i>Jane</i>" } }, "profile", "profile.fullName: must not contain HTML (< or >)"],
    [
      { ...ok, profile: { fullName: "Jane", timezone: "Mars/Olympus" } },
      "profile",
      "profile.timezone: must be an IANA time zone such as Europe/Bucharest or UTC",
    ],
    [
      { ...ok, profile: { fullName: "Jane", language: "en" } },
      "profile",
      "profile.language: must be one of en_US, fr_FR, de_DE, it_IT, pl_PL, pt_BR, ro_RO, ru_RU, es_ES, cs_CZ, zh_CN, vi_VN, tr_TR, ko_KR, ja_JP",
    ],
    [
      { ...ok, profile: { fullName: "Jane", language: "vi-VN" } },
      "profile",
      "profile.language: must be one of en_US, fr_FR, de_DE, it_IT, pl_PL, pt_BR, ro_RO, ru_RU, es_ES, cs_CZ, zh_CN, vi_VN, tr_TR, ko_KR, ja_JP",
    ],
    [
      { ...ok, role: "admin" },
      "role",
      "role: must be one of companyAdministrator, networkAdministrator, reporter, partner, custom",
    ],
    [{ ...ok, rights: { manageReports: true } }, "rights", 'rights: are only allowed with role "custom"'],
    [{ ...ok, role: "companyAdministrator", rights: {} }, "rights", 'rights: are only allowed with role "custom"'],
    [{ ...ok, targetIds: ["acme"] }, "targetIds", "targetIds.0: must be a GravityZone id (24 hexadecimal characters)"],
    [
      { ...ok, phoneNumber: { countryCode: "+12345", subscriberNumber: "721000000" } },
      "phoneNumber",
      "phoneNumber.countryCode: must be a country calling code such as +40",
    ],
    [
      { ...ok, phoneNumber: { countryCode: "+40", subscriberNumber: "72-100" } },
      "phoneNumber",
      "phoneNumber.subscriberNumber: must be 4–20 digits",
    ],
    [{ ...ok, userName: "<b>jane</b>" }, "userName", "userName: must not contain HTML (< or >)"],
  ])("%j fails on %s before any API call", async (news, property, reason) => {
    const { failures } = await handler.check({}, news);
    expect(failures).toEqual([{ property, reason }]);
    expect(env.calls()).toEqual([]);
  });

  it("rejects unknown right names, listing the allowed ones", async () => {
    const { failures } = await handler.check({}, { ...ok, role: "custom", rights: { superuser: true } });
    expect(failures).toEqual([
      {
        property: "rights",
        reason:
          'rights.superuser: unknown right "superuser"; allowed: manageCompanies, manageNetworks, manageUsers, manageReports, companyManager, manageRemoteShell, manageInventory, managePoliciesRead, managePoliciesWrite',
      },
    ]);
  });

  const RULE = "(12–128 characters with upper- and lower-case letters, a digit and a special character)";
  it.each([
    ["Sh0rt!pass", `password: must be at least 12 characters long ${RULE}`],
    ["no-upper-case-1", `password: must contain an upper-case letter ${RULE}`],
    ["NO-LOWER-CASE-1", `password: must contain a lower-case letter ${RULE}`],
    ["No-Digits-Here!", `password: must contain a digit ${RULE}`],
    ["NoSpecial12345", `password: must contain a special character (not a letter or digit) ${RULE}`],
    [`A1!${"a".repeat(126)}`, `password: must be at most 128 characters long ${RULE}`],
  ])("a weak password is rejected without echoing it", async (password, reason) => {
    const { failures } = await handler.check({}, { ...ok, password });
    expect(failures).toEqual([{ property: "password", reason }]);
    expect(JSON.stringify(failures)).not.toContain(password);
    expect(env.calls()).toEqual([]);
  });

  it.each(["cs_CZ", "zh_CN", "vi_VN", "tr_TR", "ko_KR", "ja_JP", "en_US"])(
    "accepts the console language %s",
    async (language) => {
      expect((await checked({ ...ok, profile: { fullName: "Jane", language } })).profile).toEqual({
        fullName: "Jane",
        language,
      });
      expect(env.calls()).toEqual([]);
    },
  );

  it("accepts a strong password, normalizes rights to the granted ones, passes preview unknowns", async () => {
    const inputs = await checked({
      ...ok,
      role: "custom",
      rights: { manageUsers: false, manageReports: true, companyManager: true },
      password: PASSWORD,
    });
    expect(inputs).toEqual({
      ...ok,
      role: "custom",
      rights: { companyManager: true, manageReports: true },
      password: PASSWORD,
      adopt: false,
    });
    expect((await handler.check({}, { ...ok, companyId: UNKNOWN, password: UNKNOWN })).failures).toBeUndefined();
    expect(env.calls()).toEqual([]);
  });
});

describe("diff", () => {
  const inputs = {
    email: "jane@acme.example",
    companyId: "a".repeat(24),
    profile: { fullName: "Jane Doe" },
    role: "custom",
    rights: { manageReports: true },
    password: PASSWORD,
    adopt: false,
  };
  const olds = { ...inputs, accountId: "c".repeat(24), adopted: false };
  it.each([
    [{}, false, []],
    [{ email: "jane.doe@acme.example" }, true, []],
    [{ profile: { fullName: "Jane Q. Doe" } }, true, []],
    [{ role: "reporter", rights: undefined }, true, []],
    [{ rights: { manageReports: true, manageUsers: true } }, true, []],
    [{ targetIds: ["b".repeat(24)] }, true, []],
    [{ password: "An0ther!Passw0rd" }, true, []],
    [{ adopt: true }, true, []],
    [{ companyId: UNKNOWN }, true, []],
  ])("%j → changes %s, replaces %j", async (change, changes, replaces) => {
    expect(await handler.diff("x", olds, { ...inputs, ...change })).toEqual({
      changes,
      replaces,
      deleteBeforeReplace: replaces.length > 0,
    });
  });

  it("refuses a companyId change in preview (never deletes the account), and again at update, without an API call", async () => {
    const message =
      `Account x: companyId cannot change from "${"a".repeat(24)}" to "${"b".repeat(24)}". ` +
      "An account cannot move to another company, and this provider never deletes an account to recreate it. " +
      "Declare a new Account in the other company (with another e-mail) and remove this one from the program.";
    await expect(handler.diff("x", olds, { ...inputs, companyId: "b".repeat(24) })).rejects.toThrow(message);
    await expect(
      handler.update("x", olds, { ...inputs, companyId: "b".repeat(24), email: "jane.doe@acme.example" }),
    ).rejects.toThrow(message);
    await expect(handler.diff("x", olds, { ...inputs, companyId: undefined })).rejects.toThrow(
      /^Account x: companyId cannot change from "a{24}" to \(not set\)\./,
    );
    expect(env.calls()).toEqual([]);
  });
});

describe("lifecycle", () => {
  it("creates with the exact payload, reads without the password, no-op is free, updates in place", async () => {
    const { id, outs, inputs } = await create("jane@acme.example", {
      profile: { fullName: "Jane Doe", timezone: "Europe/Bucharest", language: "ro_RO" },
      role: "custom",
      rights: { manageReports: true, managePoliciesRead: true },
      targetIds: [companyId],
      phoneNumber: { countryCode: "+40", subscriberNumber: "721000000" },
      password: PASSWORD,
    });
    expect(paramsOf("createAccount")).toEqual([
      {
        email: "jane@acme.example",
        companyId,
        profile: { fullName: "Jane Doe", timezone: "Europe/Bucharest", language: "ro_RO" },
        role: 5,
        rights: { managePoliciesRead: true, manageReports: true },
        targetIds: [companyId],
        phoneNumber: { countryCode: "+40", subscriberNumber: "721000000" },
        password: PASSWORD,
      },
    ]);
    expect(env.writes()).toEqual(["accounts.createAccount"]);
    expect(outs).toMatchObject({ accountId: id, adopted: false });

    // The API never returns the password: read keeps the stored value and adds nothing else.
    const answer = await env.client.call(
      "accounts",
      "getAccountDetails",
      { accountId: id },
      z.record(z.string(), z.unknown()),
    );
    expect(JSON.stringify(answer)).not.toContain(PASSWORD);
    const read = await handler.read(id, outs);
    expect(read.props).toEqual(outs);
    const withoutSecret = await handler.read(id, { ...outs, password: undefined });
    expect(JSON.stringify(withoutSecret)).not.toContain(PASSWORD);
    expect(withoutSecret.props?.password).toBeUndefined();

    expect(await handler.diff(id, read.props, inputs)).toEqual({
      changes: false,
      replaces: [],
      deleteBeforeReplace: false,
    });
    env.reset();
    await handler.update(id, read.props, inputs);
    expect(env.writes()).toEqual([]);

    const changed = {
      ...inputs,
      email: "jane.doe@acme.example",
      profile: { fullName: "Jane Q. Doe", timezone: "Europe/Bucharest", language: "ro_RO" },
      password: "An0ther!Passw0rd",
    };
    const updated = await handler.update(id, outs, changed);
    expect(env.writes()).toEqual(["accounts.updateAccount"]);
    expect(paramsOf("updateAccount")).toEqual([
      {
        accountId: id,
        email: "jane.doe@acme.example",
        profile: { fullName: "Jane Q. Doe", timezone: "Europe/Bucharest", language: "ro_RO" },
        password: "An0ther!Passw0rd",
      },
    ]);
    expect((await handler.read(id, updated.outs)).props).toEqual(updated.outs);

    env.reset();
    const rights = await handler.update(id, updated.outs, { ...changed, rights: { manageReports: true } });
    expect(paramsOf("updateAccount")).toEqual([{ accountId: id, rights: { manageReports: true }, role: 5 }]);
    env.reset();
    const reporter = await handler.update(id, rights.outs, { ...changed, role: "reporter", rights: undefined });
    expect(paramsOf("updateAccount")).toEqual([{ accountId: id, role: 3 }]);
    const readBack = (await handler.read(id, reporter.outs)).props;
    expect(readBack).toMatchObject({ role: "reporter" });
    expect(readBack).not.toHaveProperty("rights");
  });

  it("read shows console edits as drift, and an empty id when the account is gone", async () => {
    const { id, outs, inputs } = await create("drift@acme.example", {
      role: "custom",
      rights: { manageReports: true },
    });
    await env.console({
      action: "updateAccount",
      accountId: id,
      email: "drifted@acme.example",
      fullName: "Someone Else",
      rights: { manageReports: true, manageUsers: true },
    });
    const after = await handler.read(id, outs);
    expect(after.props).toMatchObject({
      email: "drifted@acme.example",
      profile: { fullName: "Someone Else" },
      rights: { manageReports: true, manageUsers: true },
    });
    env.reset();
    await handler.update(id, after.props!, inputs);
    expect(paramsOf("updateAccount")).toEqual([
      {
        accountId: id,
        email: "drift@acme.example",
        profile: { fullName: "Jane Doe" },
        rights: { manageReports: true },
        role: 5,
      },
    ]);

    await env.console({ action: "deleteObject", id });
    env.reset();
    expect(await handler.read(id, outs)).toEqual({ id: "", props: {} });
    // GravityZone's error alone is not enough: the company's listing confirmed it, and it is not the
    // API key's own account (which the listing never shows).
    expect(env.calls()).toEqual([
      "accounts.getAccountDetails",
      "accounts.getAccountsList",
      "accounts.getAccountDetails",
    ]);
    expect(paramsOf("getAccountsList")).toEqual([{ companyId, page: 1, perPage: 100 }]);
    expect(paramsOf("getAccountDetails")).toEqual([{ accountId: id }, {}]);
  });

  it("read and delete count the account gone only when getAccountsList no longer lists it", async () => {
    const { id, outs } = await create("listed@acme.example");
    const spy = failOnce("accounts", "getAccountDetails", "not-found");
    try {
      env.reset();
      await expect(handler.read(id, outs)).rejects.toThrow(GravityZoneError);
      expect(paramsOf("getAccountsList")).toEqual([{ companyId, page: 1, perPage: 100 }]);
    } finally {
      spy.mockRestore();
    }
    const spyDelete = failOnce("accounts", "deleteAccount", "invalid-params");
    try {
      await expect(handler.delete(id, outs)).rejects.toThrow(GravityZoneError);
    } finally {
      spyDelete.mockRestore();
    }
    expect((await accountsWith("listed@acme.example")).map((a) => a.id)).toEqual([id]);
    expect((await handler.read(id, outs)).props).toEqual(outs);
  });

  it("an account with the console language vi_VN is created and read back with no diff", async () => {
    const { id, outs, inputs } = await create("vi@acme.example", {
      profile: { fullName: "Nguyen Van A", timezone: "Asia/Ho_Chi_Minh", language: "vi_VN" },
    });
    expect(paramsOf("createAccount")).toEqual([
      {
        email: "vi@acme.example",
        companyId,
        profile: { fullName: "Nguyen Van A", timezone: "Asia/Ho_Chi_Minh", language: "vi_VN" },
        role: 3,
      },
    ]);
    expect(await details(id)).toMatchObject({
      profile: { fullName: "Nguyen Van A", timezone: "Asia/Ho_Chi_Minh", language: "vi_VN" },
    });
    const read = await handler.read(id, outs);
    expect(read.props).toEqual(outs);
    expect(await handler.diff(id, read.props, inputs)).toEqual({
      changes: false,
      replaces: [],
      deleteBeforeReplace: false,
    });
    env.reset();
    const updated = await handler.update(id, read.props!, {
      ...inputs,
      profile: { ...(inputs.profile as object), language: "ja_JP" },
    });
    expect(paramsOf("updateAccount")).toEqual([
      { accountId: id, profile: { fullName: "Nguyen Van A", timezone: "Asia/Ho_Chi_Minh", language: "ja_JP" } },
    ]);
    expect((await handler.read(id, updated.outs)).props).toEqual(updated.outs);
  });

  it("details with phoneNumber {countryCode: null, subscriberNumber: null} read as no phone, without an error", async () => {
    // Not managed: the answer's null members are accepted and nothing is reported.
    const unmanaged = await create("no-phone@acme.example");
    expect(await details(unmanaged.id)).toMatchObject({ phoneNumber: { countryCode: null, subscriberNumber: null } });
    const read = await handler.read(unmanaged.id, unmanaged.outs);
    expect(read.props).toEqual(unmanaged.outs);
    expect(read.props).not.toHaveProperty("phoneNumber");

    // Managed, and removed outside the program: read as no phone (drift), and the update sets it again.
    const managed = await create("phone@acme.example", {
      phoneNumber: { countryCode: "+40", subscriberNumber: "721000000" },
    });
    expect((await handler.read(managed.id, managed.outs)).props).toEqual(managed.outs);
    env.emu.state.accounts[managed.id]!.phoneNumber = null;
    expect(await details(managed.id)).toMatchObject({ phoneNumber: { countryCode: null, subscriberNumber: null } });
    const drifted = await handler.read(managed.id, managed.outs);
    expect(drifted.props).not.toHaveProperty("phoneNumber");
    expect(drifted.inputs).not.toHaveProperty("phoneNumber");
    expect(await handler.diff(managed.id, drifted.props, managed.inputs)).toEqual({
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
    });
    env.reset();
    await handler.update(managed.id, drifted.props!, managed.inputs);
    expect(paramsOf("updateAccount")).toEqual([
      { accountId: managed.id, phoneNumber: { countryCode: "+40", subscriberNumber: "721000000" } },
    ]);
    expect(await details(managed.id)).toMatchObject({
      phoneNumber: { countryCode: "+40", subscriberNumber: "721000000" },
    });
  });

  it("targetIds are kept when getAccountDetails does not report them: no drift, and a change is still sent", async () => {
    const systemGroups = await env.client.call(
      "network",
      "getCustomGroupsList",
      { parentId: companyId },
      z.array(z.object({ id: z.string(), name: z.string() })),
    );
    const computers = systemGroups.find((g) => g.name === "Computers and Groups")!.id;
    const group = await env.client.call(
      "network",
      "createCustomGroup",
      { groupName: "Account Targets", parentId: computers },
      z.string(),
    );
    const { id, outs, inputs } = await create("targets@acme.example", { targetIds: [companyId] });
    expect(paramsOf("createAccount")).toEqual([
      { email: "targets@acme.example", companyId, profile: { fullName: "Jane Doe" }, role: 3, targetIds: [companyId] },
    ]);
    // The documented answer has no targetIds member.
    expect(await details(id)).not.toHaveProperty("targetIds");
    const read = await handler.read(id, outs);
    expect(read.props!.targetIds).toEqual([companyId]);
    expect(read.inputs!.targetIds).toEqual([companyId]);
    expect(await handler.diff(id, read.props, inputs)).toEqual({
      changes: false,
      replaces: [],
      deleteBeforeReplace: false,
    });

    env.reset();
    const updated = await handler.update(id, read.props!, { ...inputs, targetIds: [group] });
    expect(paramsOf("updateAccount")).toEqual([{ accountId: id, targetIds: [group] }]);
    const after = await handler.read(id, updated.outs);
    expect(after.props!.targetIds).toEqual([group]);
    expect(env.emu.state.accounts[id]!.targetIds).toEqual([group]);
  });

  it("rights left out of the program are not managed: console grants cause no diff that no update could fix", async () => {
    const { id, outs, inputs } = await create("unmanaged-rights@acme.example", { role: "custom" });
    await env.console({ action: "updateAccount", accountId: id, rights: { manageReports: true } });
    const after = await handler.read(id, outs);
    expect(after.props).not.toHaveProperty("rights");
    expect((await handler.diff(id, after.props!, inputs)).changes).toBe(false);
  });

  it("surfaces GravityZone's refusal of the partner role in a customer company", async () => {
    await expect(create("partner-role@acme.example", { role: "partner" })).rejects.toThrow(
      /partner role \(4\) is only available in partner companies/,
    );
    const ok = await create("partner-role@acme.example", { role: "partner", companyId: partnerId });
    expect(ok.outs.role).toBe("partner");
  });
});

describe("no duplicates", () => {
  it("an ambiguous create (write applied, connection dropped) ends with exactly one account and success", async () => {
    env.emu.setFaults({ dropAfterWriteRate: 1, methods: ["accounts.createAccount"], seed: 1 });
    try {
      const { id } = await create("ambiguous@acme.example", { password: PASSWORD });
      expect((await accountsWith("ambiguous@acme.example")).map((a) => a.id)).toEqual([id]);
      expect(paramsOf("createAccount")).toHaveLength(1);
    } finally {
      env.emu.setFaults(undefined);
    }
  });

  it("finds an existing account on a later page: fails without adopt, adopts with adopt: true", async () => {
    const bulk = await env.client.call("companies", "createCompany", { type: 1, name: "Bulk Accounts" }, z.string());
    const template = await env.client.call(
      "accounts",
      "createAccount",
      { email: "template@bulk.example", companyId: bulk, profile: { fullName: "T" } },
      z.string(),
    );
    // 105 accounts straight into the emulator's state (creating them through the API would take the rate limit's time).
    for (let i = 0; i < 105; i++) {
      const aid = `0000000000000000000${String(i).padStart(5, "0")}`;
      const address = `user${String(i).padStart(3, "0")}@bulk.example`;
      env.emu.state.accounts[aid] = {
        ...env.emu.state.accounts[template]!,
        id: aid,
        email: address,
        userName: address,
      };
    }
    env.reset();
    const inputs = await checked({
      email: "User104@bulk.example",
      companyId: bulk,
      profile: { fullName: "T" },
      role: "companyAdministrator",
    });
    await expect(handler.create(inputs)).rejects.toThrow(
      /account "User104@bulk.example" already exists in GravityZone \(id 0{19}00104\)\. Set `adopt: true`/,
    );
    expect(env.writes()).toEqual([]);
    expect(paramsOf("getAccountsList")).toEqual([
      { companyId: bulk, page: 1, perPage: 100 },
      { companyId: bulk, page: 2, perPage: 100 },
    ]);
    env.reset();
    const adopted = await handler.create({ ...inputs, adopt: true });
    expect(adopted.id).toBe("0000000000000000000" + "00104");
    expect(adopted.outs).toMatchObject({ adopted: true, accountId: adopted.id });
    // The program's e-mail spelling is applied; nothing was created.
    expect(env.writes()).toEqual(["accounts.updateAccount"]);
    expect(paramsOf("updateAccount")).toEqual([{ accountId: adopted.id, email: "User104@bulk.example" }]);
  });
});

describe("accounts created together", () => {
  it("share one lookup of the company's accounts, and each is created once", async () => {
    env.reset();
    const made = await Promise.all(["one", "two", "three"].map((n) => create(`${n}@together.example`)));
    expect(env.calls().filter((c) => c === "accounts.getAccountsList")).toHaveLength(1);
    expect(env.writes()).toEqual(Array(3).fill("accounts.createAccount"));
    expect(new Set(made.map((m) => m.id)).size).toBe(3);
    for (const m of made) await handler.delete(m.id, m.outs);
  });
});

describe("delete", () => {
  it("deletes by id and is idempotent", async () => {
    const { id, outs } = await create("doomed@acme.example");
    env.reset();
    await handler.delete(id, outs);
    expect(paramsOf("deleteAccount")).toEqual([{ accountId: id }]);
    expect(env.calls()).toEqual(["accounts.deleteAccount"]);
    env.reset();
    // Already gone: GravityZone's error is confirmed by the company's listing, so the delete succeeds.
    await handler.delete(id, outs);
    expect(env.calls()).toEqual(["accounts.deleteAccount", "accounts.getAccountsList", "accounts.getAccountDetails"]);
    expect(paramsOf("getAccountDetails")).toEqual([{}]);
    expect(await accountsWith("doomed@acme.example")).toEqual([]);
  });

  it("the API key's own account, which no listing shows, is never taken as gone", async () => {
    const own = env.emu.state.ownerAccountId;
    const owner = env.emu.state.accounts[own]!;
    const outs = {
      email: owner.email,
      profile: { fullName: owner.fullName },
      role: "companyAdministrator",
      adopt: false,
      accountId: own,
      adopted: true,
    };
    // GravityZone refuses to delete it; getAccountsList omits it, so the listing cannot confirm anything.
    env.reset();
    await expect(handler.delete(own, outs)).rejects.toThrow(/cannot delete your own account/);
    expect(env.calls()).toEqual(["accounts.deleteAccount", "accounts.getAccountsList", "accounts.getAccountDetails"]);
    expect(env.emu.state.accounts[own]).toBeDefined();
    const spy = failOnce("accounts", "getAccountDetails", "not-found");
    try {
      await expect(handler.read(own, outs)).rejects.toThrow(GravityZoneError);
    } finally {
      spy.mockRestore();
    }
  });
});

describe("secrets", () => {
  it("the class sends the password as a secret and lists it in additionalSecretOutputs, keeping the caller's", async () => {
    await pulumi.runtime.setMocks(
      { newResource: (a) => ({ id: `${a.name}-id`, state: a.inputs }), call: () => ({}) },
      "project",
      "stack",
      true,
    );
    const monitor = require("@pulumi/pulumi/runtime/settings").getMonitor();
    const requests: {
      getName(): string;
      getAdditionalsecretoutputsList(): string[];
      getObject(): { toJavaScript(): Record<string, unknown> };
    }[] = [];
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req: (typeof requests)[number], cb: unknown) => {
      requests.push(req);
      return register(req, cb);
    };
    const account = new Account(
      "jane",
      { email: "jane@acme.example", profile: { fullName: "Jane" }, role: "reporter", password: PASSWORD },
      { additionalSecretOutputs: ["email"] },
    );
    new Account("joe", { email: "joe@acme.example", profile: { fullName: "Joe" }, role: "reporter" });
    await new Promise<void>((resolve) => account.urn.apply(() => resolve()));
    await new Promise((r) => setTimeout(r, 50));
    const jane = requests.find((r) => r.getName() === "jane")!;
    expect(jane.getAdditionalsecretoutputsList().sort()).toEqual(["email", "password"]);
    const sent = jane.getObject().toJavaScript();
    expect(sent.password).toEqual({
      "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
      value: PASSWORD,
    });
    expect(JSON.stringify(sent.__provider ?? "")).not.toContain(PASSWORD);
    const joe = requests.find((r) => r.getName() === "joe")!;
    expect(joe.getAdditionalsecretoutputsList()).toEqual(["password"]);
  });
});

describe("serialized provider", () => {
  it("has the type token policy packs look for", () => {
    expect(Account.__pulumiType).toBe("pulumi-nodejs:dynamic/gravityzone:Account");
  });
});
