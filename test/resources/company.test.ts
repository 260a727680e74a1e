import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { GravityZoneError, type GravityZoneErrorKind } from "../../provider/client";
import { PartialCreateError } from "../../provider/framework/partial-failure";
import { Company, handler } from "../../provider/resources/company";
import { UNKNOWN } from "../../provider/framework/unknown";
import { checkedInputs, startProviderEnv, type ProviderEnv } from "../helpers/provider-env";

let env: ProviderEnv;
let rootId: string;

beforeAll(async () => {
  env = await startProviderEnv({ seed: "empty" });
  rootId = (await env.client.call("companies", "getCompanyDetails", {}, z.object({ id: z.string() }).loose())).id;
});
afterAll(() => env.close());
beforeEach(() => env.reset());

const detailsOf = (companyId: string) =>
  env.client.call("companies", "getCompanyDetails", { companyId }, z.record(z.string(), z.unknown()));
const named = async (name: string) =>
  (
    await env.client.call(
      "companies",
      "findCompaniesByName",
      { nameFilter: name },
      z.array(z.object({ id: z.string(), name: z.string() })),
    )
  ).filter((c) => c.name === name);
const paramsOf = (method: string) =>
  env.emu
    .calls()
    .filter((c) => c.method === method)
    .map((c) => c.params);

const checked = (news: Record<string, unknown>) => checkedInputs(handler, news);

async function create(name: string, extra: Record<string, unknown> = {}) {
  const inputs = await checked({ name, ...extra });
  return { inputs, ...(await handler.create(inputs)) };
}

describe("check", () => {
  const ok = { name: "Acme" };
  it.each([
    [{ name: "x".repeat(65) }, "name", "name: must be at most 64 characters"],
    [{ name: "" }, "name", "name: must not be empty"],
    [{ ...ok, type: "reseller" }, "type", "type: must be partner or customer"],
    [{ ...ok, parentId: "root" }, "parentId", "parentId: must be a GravityZone id (24 hexadecimal characters)"],
    [{ ...ok, address: "<b>Main St</b>" }, "address", "address: must not contain HTML (< or >)"],
    [{ ...ok, address: "a".repeat(129) }, "address", "address: must be at most 128 characters"],
    [
      { ...ok, country: "XX" },
      "country",
      "country: must be an ISO 3166-1 alpha-2 country code in upper case, e.g. US or RO",
    ],
    [
      { ...ok, country: "ro" },
      "country",
      "country: must be an ISO 3166-1 alpha-2 country code in upper case, e.g. US or RO",
    ],
    [
      { ...ok, state: "California" },
      "state",
      "state: must be an ISO 3166-2 subdivision code in upper case, e.g. US-CA or RO-B",
    ],
    [{ ...ok, country: "RO", state: "US-CA" }, "state", "state: must be a subdivision of country RO (RO-…)"],
    [{ ...ok, phone: "1".repeat(33) }, "phone", "phone: must be at most 32 characters"],
    [{ ...ok, phone: "call me" }, "phone", "phone: may only contain digits, spaces and + - ( ) ."],
    [{ ...ok, industry: 35 }, "industry", "industry: must be an industry code: 0–34, or a sub-industry like 1201"],
    [{ ...ok, industry: 1.5 }, "industry", "industry: must be a whole number"],
    [
      { ...ok, licenseSubscription: { type: "yearly" } },
      "licenseSubscription",
      "licenseSubscription.type: must be one of trial, licensed, monthly",
    ],
    [
      { ...ok, licenseSubscription: { type: "licensed" } },
      "licenseSubscription",
      'licenseSubscription.licenseKey: is required with type "licensed"',
    ],
    [
      { ...ok, licenseSubscription: { type: "trial", endSubscription: "2027-12-31" } },
      "licenseSubscription",
      'licenseSubscription.endSubscription: is only allowed with type "monthly"',
    ],
    [
      { ...ok, licenseSubscription: { type: "monthly", endSubscription: "2027-02-30" } },
      "licenseSubscription",
      "licenseSubscription.endSubscription: must be a real calendar date",
    ],
    [
      { ...ok, licenseSubscription: { type: "monthly", reservedSlots: -1 } },
      "licenseSubscription",
      "licenseSubscription.reservedSlots: must be between 0 and 1000000",
    ],
    [{ ...ok, suspended: "no" }, "suspended", "suspended: Invalid input: expected boolean, received string"],
    [
      { ...ok, deletionprotection: false },
      "deletionprotection",
      "deletionprotection: not a known input (check the spelling)",
    ],
  ])("%j fails on %s before any API call", async (news, property, reason) => {
    const { failures } = await handler.check({}, news);
    expect(failures).toEqual([{ property, reason }]);
    expect(env.calls()).toEqual([]);
  });

  it("accepts the limits themselves, fills defaults and passes preview unknowns", async () => {
    const inputs = await checked({
      name: "x".repeat(64),
      phone: "1".repeat(32),
      address: "a".repeat(128),
      country: "US",
      state: "US-CA",
      industry: 1201,
    });
    expect(inputs).toEqual({
      name: "x".repeat(64),
      type: "customer",
      address: "a".repeat(128),
      country: "US",
      state: "US-CA",
      phone: "1".repeat(32),
      industry: 1201,
      canBeManagedByAbove: true,
      enforce2FA: false,
      suspended: false,
      deletionProtection: true,
      adopt: false,
    });
    expect((await handler.check({}, { name: "Acme", parentId: UNKNOWN, country: UNKNOWN })).failures).toBeUndefined();
    expect(env.calls()).toEqual([]);
  });
});

describe("diff", () => {
  const olds = {
    name: "Acme",
    type: "customer",
    address: "Main St 1",
    industry: 0,
    canBeManagedByAbove: true,
    enforce2FA: false,
    suspended: false,
    deletionProtection: true,
    adopt: false,
    companyId: "a".repeat(24),
    isSuspended: false,
    adopted: false,
  };
  it.each([
    [{}, false, []],
    [{ name: "Acme 2" }, true, []],
    [{ type: "partner" }, true, []],
    [{ address: undefined }, true, []],
    [{ country: "RO" }, true, []],
    [{ enforce2FA: true }, true, []],
    [{ suspended: true }, true, []],
    [{ deletionProtection: false }, true, []],
    [{ adopt: true }, true, []],
    // A licence is changed in place (setMonthlySubscription / setLicenseKey), never by replacing the company.
    [{ licenseSubscription: { type: "monthly" } }, true, []],
    [{ licenseSubscription: { type: "licensed", licenseKey: "TNB3AAA" } }, true, []],
    // Unknown in preview: checked again when the update runs.
    [{ parentId: UNKNOWN }, true, []],
  ])("%j → changes %s, replaces %j", async (change, changes, replaces) => {
    const { companyId: _c, isSuspended: _s, adopted: _a, ...inputs } = olds;
    expect(await handler.diff("x", olds, { ...inputs, ...change })).toEqual({
      changes,
      replaces,
      deleteBeforeReplace: replaces.length > 0,
    });
    expect(env.calls()).toEqual([]);
  });

  const MOVE =
    "GravityZone cannot move a company to another partner, and this provider never deletes a company to recreate it. Keep the old parentId, or move the company in Control Center and then change the program.";
  const MANAGED =
    "updateCompanyDetails does not take canBeManagedByAbove (it is set when a company is created). Change it in Control Center, then in the program.";
  const NO_2FA_OFF =
    'GravityZone\'s methods can only turn two-factor enforcement on (updateCompanyDetails: enforce2FA "The value is always true"). Turn it off in Control Center, then run `pulumi up --refresh` with enforce2FA: false.';
  it.each([
    [
      {},
      { parentId: "b".repeat(24) },
      `Company x: parentId cannot change from (not set) to "${"b".repeat(24)}". ${MOVE}`,
    ],
    [
      { parentId: "c".repeat(24) },
      { parentId: "b".repeat(24) },
      `Company x: parentId cannot change from "${"c".repeat(24)}" to "${"b".repeat(24)}". ${MOVE}`,
    ],
    [{}, { canBeManagedByAbove: false }, `Company x: canBeManagedByAbove cannot change from true to false. ${MANAGED}`],
    [{ enforce2FA: true }, { enforce2FA: false }, `Company x: ${NO_2FA_OFF}`],
  ])(
    "from %j, %j is refused in preview and at update with what to do, with zero API calls",
    async (was, change, message) => {
      const { companyId: _c, isSuspended: _s, adopted: _a, ...inputs } = { ...olds, ...was };
      await expect(handler.diff("x", { ...olds, ...was }, { ...inputs, ...change })).rejects.toThrow(message);
      await expect(handler.update("x", { ...olds, ...was }, { ...inputs, ...change })).rejects.toThrow(message);
      expect(env.calls()).toEqual([]);
    },
  );

  it.each([
    [
      { type: "monthly", reservedSlots: 10 },
      { type: "trial" },
      'GravityZone has no method to turn a monthly subscription back into a trial. Keep type "monthly", or change the licence in Control Center and then in the program.',
    ],
    [
      { type: "licensed", licenseKey: "TNB3AAA" },
      { type: "trial" },
      'GravityZone has no method to turn a licensed subscription back into a trial. Keep type "licensed", or change the licence in Control Center and then in the program.',
    ],
    [
      { type: "trial" },
      { type: "trial", licenseKey: "TNB3AAA" },
      'GravityZone has no method to change a trial in place (setting a licence key makes it licensed). Use type "licensed" with the key, or type "monthly".',
    ],
    [
      { type: "licensed", licenseKey: "TNB3AAA", reservedSlots: 10 },
      { type: "licensed", licenseKey: "TNB3AAA", reservedSlots: 20 },
      "GravityZone has no method to change the seats of a licensed (license key) subscription: the key decides them. Remove reservedSlots, or keep its old value.",
    ],
  ])(
    "a licence change from %j to %j is refused in preview with what to do, with zero API calls",
    async (from, to, message) => {
      const was = { ...olds, licenseSubscription: from };
      const { companyId: _c, isSuspended: _s, adopted: _a, ...inputs } = was;
      await expect(handler.diff("x", was, { ...inputs, licenseSubscription: to })).rejects.toThrow(
        `Company x: ${message}`,
      );
      await expect(handler.update("x", was, { ...inputs, licenseSubscription: to })).rejects.toThrow(
        `Company x: ${message}`,
      );
      expect(env.calls()).toEqual([]);
    },
  );

  it.each([
    [
      { type: "monthly", reservedSlots: 10 },
      { type: "licensed", licenseKey: "TNB3AAA" },
    ],
    [
      { type: "licensed", licenseKey: "TNB3AAA", reservedSlots: 10 },
      { type: "licensed", licenseKey: "TNB3BBB" },
    ],
    [
      { type: "licensed", licenseKey: "TNB3AAA" },
      { type: "monthly", reservedSlots: 5 },
    ],
  ])("a licence change from %j to %j is allowed (seats left out are not managed)", async (from, to) => {
    const was = { ...olds, licenseSubscription: from };
    const { companyId: _c, isSuspended: _s, adopted: _a, ...inputs } = was;
    expect(await handler.diff("x", was, { ...inputs, licenseSubscription: to })).toEqual({
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
    });
  });
});

describe("lifecycle", () => {
  it("creates with the exact payload, reads, no-op is free, updates in place, clears a removed field", async () => {
    const { id, outs, inputs } = await create("Acme Lifecycle", {
      type: "customer",
      parentId: rootId,
      address: "Main St 1",
      country: "RO",
      state: "RO-B",
      phone: "+40 21 000 0000",
      industry: 12,
      enforce2FA: true,
      licenseSubscription: { type: "monthly", reservedSlots: 25, endSubscription: "2027-12-31", autoRenewPeriod: 12 },
    });
    expect(paramsOf("createCompany")).toEqual([
      {
        type: 1,
        name: "Acme Lifecycle",
        parentId: rootId,
        address: "Main St 1",
        country: "RO",
        state: "RO-B",
        phone: "+40 21 000 0000",
        industry: 12,
        canBeManagedByAbove: true,
        enforce2FA: true,
        licenseSubscription: { type: 3, reservedSlots: 25, endSubscription: "2027-12-31", autoRenewPeriod: 12 },
      },
    ]);
    // A lookup by name (up to 100 matches: findCompaniesByName answers 25 by default) and the create:
    // nothing else of the companies budget (no read-back).
    expect(env.calls()).toEqual(["companies.findCompaniesByName", "companies.createCompany"]);
    expect(paramsOf("findCompaniesByName")).toEqual([{ nameFilter: "Acme Lifecycle", maxResults: 100 }]);
    expect(outs).toMatchObject({ companyId: id, isSuspended: false, adopted: false, suspended: false });
    expect(outs.createdAt).toBeUndefined();

    // The first read adds what only GravityZone knows, and nothing else changes. The licence is read
    // with getLicenseInfo (getCompanyDetails does not document it).
    env.reset();
    const read = await handler.read(id, outs);
    expect(env.emu.calls().map((c) => [c.method, c.params])).toEqual([
      ["getCompanyDetails", { companyId: id }],
      ["getLicenseInfo", { companyId: id }],
    ]);
    expect(read.id).toBe(id);
    expect(typeof read.props!.createdAt).toBe("string");
    expect(read.props).toEqual({ ...outs, createdAt: read.props!.createdAt });
    expect(await handler.diff(id, read.props, inputs)).toEqual({
      changes: false,
      replaces: [],
      deleteBeforeReplace: false,
    });
    env.reset();
    expect((await handler.update(id, read.props, inputs)).outs).toEqual(read.props);
    expect(env.writes()).toEqual([]);

    const renamed = { ...inputs, name: "Acme Renamed", address: undefined, type: "partner", phone: "+40 21 111 1111" };
    const updated = await handler.update(id, read.props!, renamed);
    expect(env.writes()).toEqual(["companies.updateCompanyDetails"]);
    expect(paramsOf("updateCompanyDetails")).toEqual([
      { id, name: "Acme Renamed", type: 0, address: "", phone: "+40 21 111 1111" },
    ]);
    expect(await detailsOf(id)).toMatchObject({
      name: "Acme Renamed",
      type: 0,
      address: null,
      phone: "+40 21 111 1111",
    });
    expect((await handler.read(id, updated.outs)).props).toEqual(updated.outs);

    // suspendCompany requires recursive (77211-126242): sent as false, so only this company changes.
    env.reset();
    const suspended = await handler.update(id, updated.outs, { ...renamed, suspended: true });
    expect(env.emu.calls().map((c) => [c.method, c.params])).toEqual([
      ["suspendCompany", { companyId: id, recursive: false }],
    ]);
    expect(suspended.outs).toMatchObject({ suspended: true, isSuspended: true });
    env.reset();
    await handler.update(id, suspended.outs, { ...renamed, suspended: false });
    expect(env.emu.calls().map((c) => [c.method, c.params])).toEqual([
      ["activateCompany", { companyId: id, recursive: false }],
    ]);

    env.reset();
    const unprotected = await handler.update(id, suspended.outs, {
      ...renamed,
      suspended: true,
      deletionProtection: false,
    });
    expect(env.calls()).toEqual([]);
    expect(unprotected.outs.deletionProtection).toBe(false);
  });

  it("read shows a console rename, suspension and edit as drift, and an empty id when the company is gone", async () => {
    const { id, outs, inputs } = await create("Drifty Co", { address: "Old St 1", country: "US" });
    await env.console({ action: "renameCompany", companyId: id, name: "Drifty Renamed" });
    await env.console({ action: "suspendCompany", companyId: id });
    await env.client.call("companies", "updateCompanyDetails", { id, address: "New St 2", country: "DE" }, z.null());
    const after = await handler.read(id, outs);
    // enforce2FA false (the default) is not managed: GravityZone enforces it on new companies, and that is no drift.
    expect(await detailsOf(id)).toMatchObject({ enforce2FA: true });
    expect(after.props).toMatchObject({
      name: "Drifty Renamed",
      suspended: true,
      isSuspended: true,
      address: "New St 2",
      country: "DE",
      enforce2FA: false,
    });
    expect(after.inputs).toMatchObject({ name: "Drifty Renamed", suspended: true, address: "New St 2", country: "DE" });
    const diff = await handler.diff(id, after.props!, inputs);
    expect(diff).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    env.reset();
    await handler.update(id, after.props!, inputs);
    expect(env.emu.calls().map((c) => [c.method, c.params])).toEqual([
      ["updateCompanyDetails", { id, name: "Drifty Co", address: "Old St 1", country: "US" }],
      ["activateCompany", { companyId: id, recursive: false }],
    ]);
    expect(await detailsOf(id)).toMatchObject({
      name: "Drifty Co",
      address: "Old St 1",
      country: "US",
      isSuspended: false,
    });

    await env.console({ action: "deleteObject", id });
    env.reset();
    expect(await handler.read(id, outs)).toEqual({ id: "", props: {} });
    // The failed read alone is not enough: the inventory confirmed the company is gone.
    expect(env.calls()).toEqual(["companies.getCompanyDetails", "network.getNetworkInventoryItems"]);
  });

  it('a company without country or state reads no drift although GravityZone answers "N/A"', async () => {
    const { id, outs, inputs } = await create("Stateless Co");
    expect(await detailsOf(id)).toMatchObject({ country: "N/A", state: "N/A" });
    const read = await handler.read(id, outs);
    expect(read.props).not.toHaveProperty("country");
    expect(read.props).not.toHaveProperty("state");
    expect(read.inputs).not.toHaveProperty("country");
    expect(read.inputs).not.toHaveProperty("state");
    expect(read.props).toEqual({ ...outs, createdAt: read.props!.createdAt });
    expect(await handler.diff(id, read.props!, inputs)).toEqual({
      changes: false,
      replaces: [],
      deleteBeforeReplace: false,
    });
  });

  it("enforce2FA false is never sent, neither on create nor on update", async () => {
    const { id, outs, inputs } = await create("No 2FA Co", { address: "Main 1" });
    expect(paramsOf("createCompany")).toEqual([
      { type: 1, name: "No 2FA Co", address: "Main 1", industry: 0, canBeManagedByAbove: true },
    ]);
    expect(outs.enforce2FA).toBe(false);
    env.reset();
    await handler.update(id, outs, { ...inputs, name: "No 2FA Renamed", address: undefined });
    expect(paramsOf("updateCompanyDetails")).toEqual([{ id, name: "No 2FA Renamed", address: "" }]);
  });

  it("enforce2FA true is sent, and turned back on when switched off in Control Center", async () => {
    const { id, outs, inputs } = await create("Strict 2FA Co", { enforce2FA: true });
    expect(paramsOf("createCompany")).toEqual([
      { type: 1, name: "Strict 2FA Co", industry: 0, canBeManagedByAbove: true, enforce2FA: true },
    ]);
    // Control Center switches it off (no API method can).
    env.emu.state.companies[id]!.enforce2FA = false;
    const read = await handler.read(id, outs);
    expect(read.props).toMatchObject({ enforce2FA: false });
    expect(await handler.diff(id, read.props!, inputs)).toEqual({
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
    });
    env.reset();
    const fixed = await handler.update(id, read.props!, inputs);
    expect(env.emu.calls().map((c) => [c.method, c.params])).toEqual([
      ["updateCompanyDetails", { id, enforce2FA: true }],
    ]);
    expect(fixed.outs.enforce2FA).toBe(true);
    expect(await detailsOf(id)).toMatchObject({ enforce2FA: true });
  });

  it("suspends and activates a partner alone: the companies below keep their own state", async () => {
    const partner = await create("Suspend Partner", { type: "partner" });
    const child = await create("Suspend Child", { parentId: partner.id });
    env.reset();
    const suspended = await handler.update(partner.id, partner.outs, { ...partner.inputs, suspended: true });
    expect(env.emu.calls().map((c) => [c.method, c.params])).toEqual([
      ["suspendCompany", { companyId: partner.id, recursive: false }],
    ]);
    expect(await detailsOf(partner.id)).toMatchObject({ isSuspended: true });
    expect(await detailsOf(child.id)).toMatchObject({ isSuspended: false });
    await handler.update(partner.id, suspended.outs, partner.inputs);
    expect(paramsOf("activateCompany")).toEqual([{ companyId: partner.id, recursive: false }]);
    expect(await detailsOf(partner.id)).toMatchObject({ isSuspended: false });
  });

  it("creates a suspended company with createCompany then suspendCompany", async () => {
    const { id, outs } = await create("Born Suspended", { suspended: true });
    expect(env.writes()).toEqual(["companies.createCompany", "companies.suspendCompany"]);
    expect(paramsOf("suspendCompany")).toEqual([{ companyId: id, recursive: false }]);
    expect(outs).toMatchObject({ suspended: true, isSuspended: true });
    expect(await detailsOf(id)).toMatchObject({ isSuspended: true });
  });

  it("a failed suspend right after create is a partial failure that records the company", async () => {
    env.emu.setFaults({ errorRate: 1, methods: ["companies.suspendCompany"], seed: 1 });
    try {
      const inputs = await checked({ name: "Half Made", suspended: true });
      const err = await handler.create({ ...inputs, __provider: "serialized-provider" }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(PartialCreateError);
      const partial = err as PartialCreateError;
      expect(partial.message).toMatch(
        /company "Half Made" was created \(id [0-9a-f]{24}\) but suspending it \(companies\.suspendCompany\) failed: .*run `pulumi up` again/,
      );
      const [company] = await named("Half Made");
      expect(partial.id).toBe(company!.id);
      expect(partial.properties).toMatchObject({
        name: "Half Made",
        companyId: company!.id,
        suspended: false,
        isSuspended: false,
        __provider: "serialized-provider",
      });
      expect(partial.reasons).toHaveLength(1);
      // The next `pulumi up` finishes the job with an update.
      env.emu.setFaults(undefined);
      const diff = await handler.diff(partial.id, partial.properties, inputs);
      expect(diff).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
      env.reset();
      await handler.update(partial.id, partial.properties, inputs);
      expect(env.writes()).toEqual(["companies.suspendCompany"]);
      expect(paramsOf("suspendCompany")).toEqual([{ companyId: partial.id, recursive: false }]);
    } finally {
      env.emu.setFaults(undefined);
    }
  });
});

describe("no duplicates", () => {
  it("an ambiguous create (write applied, connection dropped) ends with exactly one company and success", async () => {
    env.emu.setFaults({ dropAfterWriteRate: 1, methods: ["companies.createCompany"], seed: 1 });
    try {
      const { id } = await create("Ambiguous Co");
      expect((await named("Ambiguous Co")).map((c) => c.id)).toEqual([id]);
      expect(paramsOf("createCompany")).toHaveLength(1);
    } finally {
      env.emu.setFaults(undefined);
    }
  });

  it("an existing company fails without adopt, and is adopted with adopt: true without a create call", async () => {
    const first = await create("Existing Co", { address: "Somewhere 1" });
    env.reset();
    await expect(create("existing co")).rejects.toThrow(
      /company "existing co" already exists in GravityZone \(id [0-9a-f]{24}\)\. Set `adopt: true`/,
    );
    expect(env.writes()).toEqual([]);
    const adopted = await create("Existing Co", { adopt: true, address: "Somewhere 1" });
    expect(adopted.id).toBe(first.id);
    expect(adopted.outs).toMatchObject({ adopted: true, companyId: first.id });
    expect(env.writes()).toEqual([]);
  });

  it("adopting brings the company's details in line with the program", async () => {
    const first = await create("Adopt Me", { address: "Old 1", enforce2FA: false });
    // Two-factor enforcement switched off in Control Center.
    env.emu.state.companies[first.id]!.enforce2FA = false;
    env.reset();
    const adopted = await create("Adopt Me", { adopt: true, address: "New 2", enforce2FA: true, suspended: true });
    expect(adopted.id).toBe(first.id);
    expect(env.writes()).toEqual(["companies.updateCompanyDetails", "companies.suspendCompany"]);
    expect(paramsOf("updateCompanyDetails")).toEqual([{ id: first.id, address: "New 2", enforce2FA: true }]);
    expect(paramsOf("suspendCompany")).toEqual([{ companyId: first.id, recursive: false }]);
    const read = await handler.read(adopted.id, adopted.outs);
    expect(await handler.diff(adopted.id, read.props!, adopted.inputs)).toMatchObject({ changes: false });
  });
});

describe("licence", () => {
  it("a licence change is made in place with setMonthlySubscription, read back with getLicenseInfo, and never deletes the company", async () => {
    const { id, outs, inputs } = await create("Monthly Co", { licenseSubscription: { type: "trial" } });
    expect(paramsOf("createCompany")).toEqual([
      { type: 1, name: "Monthly Co", industry: 0, canBeManagedByAbove: true, licenseSubscription: { type: 1 } },
    ]);
    const monthly = { type: "monthly", reservedSlots: 20, endSubscription: "2027-06-30", autoRenewPeriod: 6 };
    const news = { ...inputs, licenseSubscription: monthly };
    expect(await handler.diff(id, outs, news)).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    env.reset();
    const updated = await handler.update(id, outs, news);
    expect(env.emu.calls().map((c) => [c.method, c.params])).toEqual([
      [
        "setMonthlySubscription",
        { companyId: id, reservedSlots: 20, endSubscription: "2027-06-30", autoRenewPeriod: 6 },
      ],
    ]);
    expect(updated.outs).toMatchObject({ companyId: id, licenseSubscription: monthly });

    env.reset();
    const read = await handler.read(id, updated.outs);
    expect(env.calls()).toEqual(["companies.getCompanyDetails", "licensing.getLicenseInfo"]);
    expect(read.id).toBe(id);
    expect(read.props!.licenseSubscription).toEqual(monthly);
    expect(await handler.diff(id, read.props!, news)).toEqual({
      changes: false,
      replaces: [],
      deleteBeforeReplace: false,
    });

    // Seats changed outside the program: drift, put back in place.
    await env.client.call("licensing", "setMonthlySubscription", { companyId: id, reservedSlots: 35 }, z.null());
    const drifted = await handler.read(id, read.props!);
    expect(drifted.props!.licenseSubscription).toEqual({ ...monthly, reservedSlots: 35 });
    expect(drifted.inputs!.licenseSubscription).toEqual({ ...monthly, reservedSlots: 35 });
    expect(await handler.diff(id, drifted.props!, news)).toEqual({
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
    });
    env.reset();
    await handler.update(id, drifted.props!, news);
    expect(paramsOf("setMonthlySubscription")).toEqual([
      { companyId: id, reservedSlots: 20, endSubscription: "2027-06-30", autoRenewPeriod: 6 },
    ]);
    expect(env.writes()).toEqual(["licensing.setMonthlySubscription"]);
    expect(
      await env.client.call("licensing", "getLicenseInfo", { companyId: id }, z.record(z.string(), z.unknown())),
    ).toMatchObject({
      subscriptionType: 3,
      totalSlots: 20,
      endSubscription: "2027-06-30",
      autoRenewPeriod: 6,
    });
    expect((await named("Monthly Co")).map((c) => c.id)).toEqual([id]);
  });

  it("a licence key is set in place with setLicenseKey; a kind changed outside the program reads as drift", async () => {
    const { id, outs, inputs } = await create("Keyed Co", {
      licenseSubscription: { type: "monthly", reservedSlots: 10 },
    });
    const licensed = { type: "licensed", licenseKey: "TNB3AAA" };
    const news = { ...inputs, licenseSubscription: licensed };
    expect(await handler.diff(id, outs, news)).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    env.reset();
    const updated = await handler.update(id, outs, news);
    expect(env.emu.calls().map((c) => [c.method, c.params])).toEqual([
      ["setLicenseKey", { companyId: id, licenseKey: "TNB3AAA" }],
    ]);
    const read = await handler.read(id, updated.outs);
    expect(read.props!.licenseSubscription).toEqual(licensed);
    expect(await handler.diff(id, read.props!, news)).toEqual({
      changes: false,
      replaces: [],
      deleteBeforeReplace: false,
    });

    // Another key set outside the program: drift, and the program's key is set again.
    await env.client.call("licensing", "setLicenseKey", { companyId: id, licenseKey: "OTHER01" }, z.null());
    const otherKey = await handler.read(id, read.props!);
    expect(otherKey.props!.licenseSubscription).toEqual({ type: "licensed", licenseKey: "OTHER01" });
    env.reset();
    await handler.update(id, otherKey.props!, news);
    expect(env.emu.calls().map((c) => [c.method, c.params])).toEqual([
      ["setLicenseKey", { companyId: id, licenseKey: "TNB3AAA" }],
    ]);

    // Turned into a monthly subscription outside the program: read as monthly, and the key is set again.
    await env.client.call("licensing", "setMonthlySubscription", { companyId: id, reservedSlots: 5 }, z.null());
    const nowMonthly = await handler.read(id, read.props!);
    expect(nowMonthly.props!.licenseSubscription).toEqual({ type: "monthly" });
    expect(await handler.diff(id, nowMonthly.props!, news)).toEqual({
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
    });
    env.reset();
    await handler.update(id, nowMonthly.props!, news);
    expect(env.emu.calls().map((c) => [c.method, c.params])).toEqual([
      ["setLicenseKey", { companyId: id, licenseKey: "TNB3AAA" }],
    ]);
    expect(
      await env.client.call("licensing", "getLicenseInfo", { companyId: id }, z.record(z.string(), z.unknown())),
    ).toMatchObject({ subscriptionType: 2, licenseKey: "TNB3AAA" });
  });

  it("a licence change back to trial is refused in preview, and the company keeps its licence", async () => {
    const { id, outs, inputs } = await create("No Way Back Co", {
      licenseSubscription: { type: "monthly", reservedSlots: 10 },
    });
    const news = { ...inputs, licenseSubscription: { type: "trial" } };
    env.reset();
    const message = `Company ${id}: GravityZone has no method to turn a monthly subscription back into a trial. Keep type "monthly", or change the licence in Control Center and then in the program.`;
    await expect(handler.diff(id, outs, news)).rejects.toThrow(message);
    await expect(handler.update(id, outs, news)).rejects.toThrow(message);
    expect(env.calls()).toEqual([]);
    expect(
      await env.client.call("licensing", "getLicenseInfo", { companyId: id }, z.record(z.string(), z.unknown())),
    ).toMatchObject({ subscriptionType: 3, totalSlots: 10 });
  });

  it("the licence is not read when the program does not manage it", async () => {
    const { id, outs } = await create("Unmanaged Licence Co");
    env.reset();
    const read = await handler.read(id, outs);
    expect(env.calls()).toEqual(["companies.getCompanyDetails"]);
    expect(read.props).not.toHaveProperty("licenseSubscription");
  });
});

describe("gone or not", () => {
  /** Makes getCompanyDetails or deleteCompany fail with an error of `kind` for `id`, as a console might answer it. */
  function failing(method: "getCompanyDetails" | "deleteCompany", id: string, kind: GravityZoneErrorKind) {
    const real = env.client.call.bind(env.client);
    const error = new GravityZoneError({
      kind,
      module: "companies",
      method,
      details: `The company with ID "${id}" was not found.`,
      httpStatus: 200,
      code: -32602,
    });
    const spy = vi
      .spyOn(env.client, "call")
      .mockImplementation(((
        module: string,
        m: string,
        params: Record<string, unknown>,
        schema: z.ZodType,
        options?: object,
      ) =>
        m === method ? Promise.reject(error) : real(module, m, params, schema, options)) as typeof env.client.call);
    return { error, restore: () => spy.mockRestore() };
  }

  const INVENTORY = {
    filters: { type: { companies: true }, depth: { allItemsRecursively: true } },
    page: 1,
    perPage: 100,
  };

  it.each<GravityZoneErrorKind>(["not-found", "invalid-params"])(
    "a %s read error on a company the inventory still lists is reported as the error, not as gone",
    async (kind) => {
      const { id, outs } = await create(`Still Here ${kind}`);
      env.reset();
      const { error, restore } = failing("getCompanyDetails", id, kind);
      try {
        await expect(handler.read(id, outs)).rejects.toBe(error);
      } finally {
        restore();
      }
      expect(env.emu.calls().map((c) => [c.method, c.params])).toEqual([["getNetworkInventoryItems", INVENTORY]]);
      expect(await detailsOf(id)).toMatchObject({ id });
    },
  );

  it("a read error is 'gone' only once the inventory no longer lists the company", async () => {
    const { id, outs } = await create("Really Gone Co");
    await env.console({ action: "deleteObject", id });
    env.reset();
    expect(await handler.read(id, outs)).toEqual({ id: "", props: {} });
    expect(env.emu.calls().map((c) => [c.method, c.params])).toEqual([
      ["getCompanyDetails", { companyId: id }],
      ["getNetworkInventoryItems", INVENTORY],
    ]);
  });

  it("a server error is reported as it is, without asking the inventory", async () => {
    const { id, outs } = await create("Flaky Co");
    env.emu.setFaults({ errorRate: 1, methods: ["companies.getCompanyDetails"], seed: 1 });
    env.reset();
    try {
      await expect(handler.read(id, outs)).rejects.toMatchObject({ kind: "server", method: "getCompanyDetails" });
    } finally {
      env.emu.setFaults(undefined);
    }
    expect(new Set(env.calls())).toEqual(new Set(["companies.getCompanyDetails"]));
  });

  it("a delete error on a company the inventory still lists is reported, not taken as done", async () => {
    const { id, outs } = await create("Undeletable Co", { deletionProtection: false });
    env.reset();
    const { error, restore } = failing("deleteCompany", id, "not-found");
    try {
      await expect(handler.delete(id, outs)).rejects.toBe(error);
    } finally {
      restore();
    }
    expect(env.emu.calls().map((c) => [c.method, c.params])).toEqual([["getNetworkInventoryItems", INVENTORY]]);
    expect(await named("Undeletable Co")).toHaveLength(1);
  });
});

describe("delete", () => {
  it("refuses while deletionProtection is on, with zero API calls", async () => {
    const { id, outs } = await create("Protected Co");
    env.reset();
    await expect(handler.delete(id, outs)).rejects.toThrow(
      `company "Protected Co" (${id}) is protected from deletion: set deletionProtection: false on it and run \`pulumi up\` before destroying or replacing it.`,
    );
    expect(env.calls()).toEqual([]);
    expect(await named("Protected Co")).toHaveLength(1);
  });

  it("deletes when unprotected, and is idempotent", async () => {
    const { id, outs } = await create("Doomed Co", { deletionProtection: false });
    env.reset();
    await handler.delete(id, outs);
    expect(paramsOf("deleteCompany")).toEqual([{ companyId: id }]);
    env.reset();
    await handler.delete(id, outs);
    // Deleting again fails in GravityZone; the inventory confirms the company is gone.
    expect(env.calls()).toEqual(["companies.deleteCompany", "network.getNetworkInventoryItems"]);
    expect(await named("Doomed Co")).toEqual([]);
  });

  it("says clearly that a partner still owning companies cannot be deleted", async () => {
    const partner = await create("Parent Partner", { type: "partner", deletionProtection: false });
    await create("Child Customer", { parentId: partner.id });
    await expect(handler.delete(partner.id, partner.outs)).rejects.toThrow(
      /company "Parent Partner" \([0-9a-f]{24}\) still owns other companies: delete or move them first\./,
    );
  });
});

describe("serialized provider", () => {
  it("has the type token policy packs look for", () => {
    expect(Company.__pulumiType).toBe("pulumi-nodejs:dynamic/gravityzone:Company");
  });
});
