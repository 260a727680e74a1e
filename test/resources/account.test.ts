import * as pulumi from "@pulumi/pulumi";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { Account, handler } from "../../provider/resources/account";
import { UNKNOWN } from "../../provider/unknown";
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

const paramsOf = (method: string) => env.emu.calls().filter((c) => c.method === method).map((c) => c.params);
const accountsWith = async (email: string, company = companyId) => {
  const all = await env.client.listAll("accounts", "getAccountsList", { companyId: company }, z.object({ id: z.string(), email: z.string() }).loose());
  return all.filter((a) => a.email.toLowerCase() === email.toLowerCase());
};

const checked = (news: Record<string, unknown>) => checkedInputs(handler, news);

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
    [{ ...ok, profile: { fullName: "Jane", timezone: "Mars/Olympus" } }, "profile", "profile.timezone: must be an IANA time zone such as Europe/Bucharest or UTC"],
    [{ ...ok, profile: { fullName: "Jane", language: "en" } }, "profile", "profile.language: must be one of en_US, fr_FR, de_DE, it_IT, pl_PL, pt_BR, ro_RO, ru_RU, es_ES"],
    [{ ...ok, role: "admin" }, "role", "role: must be one of companyAdministrator, networkAdministrator, reporter, partner, custom"],
    [{ ...ok, rights: { manageReports: true } }, "rights", 'rights: are only allowed with role "custom"'],
    [{ ...ok, role: "companyAdministrator", rights: {} }, "rights", 'rights: are only allowed with role "custom"'],
    [{ ...ok, targetIds: ["acme"] }, "targetIds", "targetIds.0: must be a GravityZone id (24 hexadecimal characters)"],
    [{ ...ok, phoneNumber: { countryCode: "+12345", subscriberNumber: "721000000" } }, "phoneNumber", "phoneNumber.countryCode: must be a country calling code such as +40"],
    [{ ...ok, phoneNumber: { countryCode: "+40", subscriberNumber: "72-100" } }, "phoneNumber", "phoneNumber.subscriberNumber: must be 4–20 digits"],
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

  it("accepts a strong password, normalizes rights to the granted ones, passes preview unknowns", async () => {
    const inputs = await checked({ ...ok, role: "custom", rights: { manageUsers: false, manageReports: true, companyManager: true }, password: PASSWORD });
    expect(inputs).toEqual({ ...ok, role: "custom", rights: { companyManager: true, manageReports: true }, password: PASSWORD, adopt: false });
    expect((await handler.check({}, { ...ok, companyId: UNKNOWN, password: UNKNOWN })).failures).toBeUndefined();
    expect(env.calls()).toEqual([]);
  });
});

describe("diff", () => {
  const inputs = { email: "jane@acme.example", companyId: "a".repeat(24), profile: { fullName: "Jane Doe" }, role: "custom", rights: { manageReports: true }, password: PASSWORD, adopt: false };
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
    [{ companyId: "b".repeat(24) }, true, ["companyId"]],
  ])("%j → changes %s, replaces %j", async (change, changes, replaces) => {
    expect(await handler.diff("x", olds, { ...inputs, ...change })).toEqual({ changes, replaces, deleteBeforeReplace: replaces.length > 0 });
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
    const answer = await env.client.call("accounts", "getAccountDetails", { accountId: id }, z.record(z.string(), z.unknown()));
    expect(JSON.stringify(answer)).not.toContain(PASSWORD);
    const read = await handler.read(id, outs);
    expect(read.props).toEqual(outs);
    const withoutSecret = await handler.read(id, { ...outs, password: undefined });
    expect(JSON.stringify(withoutSecret)).not.toContain(PASSWORD);
    expect(withoutSecret.props?.password).toBeUndefined();

    expect(await handler.diff(id, read.props, inputs)).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });
    env.reset();
    await handler.update(id, read.props, inputs);
    expect(env.writes()).toEqual([]);

    const changed = { ...inputs, email: "jane.doe@acme.example", profile: { fullName: "Jane Q. Doe", timezone: "Europe/Bucharest", language: "ro_RO" }, password: "An0ther!Passw0rd" };
    const updated = await handler.update(id, outs, changed);
    expect(env.writes()).toEqual(["accounts.updateAccount"]);
    expect(paramsOf("updateAccount")).toEqual([
      { accountId: id, email: "jane.doe@acme.example", profile: { fullName: "Jane Q. Doe", timezone: "Europe/Bucharest", language: "ro_RO" }, password: "An0ther!Passw0rd" },
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
    const { id, outs, inputs } = await create("drift@acme.example", { role: "custom", rights: { manageReports: true } });
    await env.console({ action: "updateAccount", accountId: id, email: "drifted@acme.example", fullName: "Someone Else", rights: { manageReports: true, manageUsers: true } });
    const after = await handler.read(id, outs);
    expect(after.props).toMatchObject({ email: "drifted@acme.example", profile: { fullName: "Someone Else" }, rights: { manageReports: true, manageUsers: true } });
    env.reset();
    await handler.update(id, after.props!, inputs);
    expect(paramsOf("updateAccount")).toEqual([{ accountId: id, email: "drift@acme.example", profile: { fullName: "Jane Doe" }, rights: { manageReports: true }, role: 5 }]);

    await env.console({ action: "deleteObject", id });
    expect(await handler.read(id, outs)).toEqual({ id: "", props: {} });
  });

  it("rights left out of the program are not managed: console grants cause no diff that no update could fix", async () => {
    const { id, outs, inputs } = await create("unmanaged-rights@acme.example", { role: "custom" });
    await env.console({ action: "updateAccount", accountId: id, rights: { manageReports: true } });
    const after = await handler.read(id, outs);
    expect(after.props).not.toHaveProperty("rights");
    expect((await handler.diff(id, after.props!, inputs)).changes).toBe(false);
  });

  it("surfaces GravityZone's refusal of the partner role in a customer company", async () => {
    await expect(create("partner-role@acme.example", { role: "partner" })).rejects.toThrow(/partner role \(4\) is only available in partner companies/);
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
    const template = await env.client.call("accounts", "createAccount", { email: "template@bulk.example", companyId: bulk, profile: { fullName: "T" } }, z.string());
    // 105 accounts straight into the emulator's state (creating them through the API would take the rate limit's time).
    for (let i = 0; i < 105; i++) {
      const aid = `0000000000000000000${String(i).padStart(5, "0")}`;
      const address = `user${String(i).padStart(3, "0")}@bulk.example`;
      env.emu.state.accounts[aid] = { ...env.emu.state.accounts[template]!, id: aid, email: address, userName: address };
    }
    env.reset();
    const inputs = await checked({ email: "User104@bulk.example", companyId: bulk, profile: { fullName: "T" }, role: "companyAdministrator" });
    await expect(handler.create(inputs)).rejects.toThrow(/account "User104@bulk.example" already exists in GravityZone \(id 0{19}00104\)\. Set `adopt: true`/);
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
    await handler.delete(id, outs);
    expect(await accountsWith("doomed@acme.example")).toEqual([]);
  });
});

describe("secrets", () => {
  it("the class sends the password as a secret and lists it in additionalSecretOutputs, keeping the caller's", async () => {
    await pulumi.runtime.setMocks({ newResource: (a) => ({ id: `${a.name}-id`, state: a.inputs }), call: () => ({}) }, "project", "stack", true);
    const monitor = require("@pulumi/pulumi/runtime/settings").getMonitor();
    const requests: { getName(): string; getAdditionalsecretoutputsList(): string[]; getObject(): { toJavaScript(): Record<string, unknown> } }[] = [];
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req: (typeof requests)[number], cb: unknown) => {
      requests.push(req);
      return register(req, cb);
    };
    const account = new Account("jane", { email: "jane@acme.example", profile: { fullName: "Jane" }, role: "reporter", password: PASSWORD }, { additionalSecretOutputs: ["email"] });
    new Account("joe", { email: "joe@acme.example", profile: { fullName: "Joe" }, role: "reporter" });
    await new Promise<void>((resolve) => account.urn.apply(() => resolve()));
    await new Promise((r) => setTimeout(r, 50));
    const jane = requests.find((r) => r.getName() === "jane")!;
    expect(jane.getAdditionalsecretoutputsList().sort()).toEqual(["email", "password"]);
    const sent = jane.getObject().toJavaScript();
    expect(sent.password).toEqual({ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: PASSWORD });
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
