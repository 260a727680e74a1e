import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { PartialCreateError } from "../../provider/partial-failure";
import { Company, handler } from "../../provider/resources/company";
import { UNKNOWN } from "../../provider/unknown";
import { checkedInputs, startProviderEnv, type ProviderEnv } from "../helpers/provider-env";

let env: ProviderEnv;
let rootId: string;

beforeAll(async () => {
  env = await startProviderEnv({ seed: "empty" });
  rootId = (await env.client.call("companies", "getCompanyDetails", {}, z.object({ id: z.string() }).loose())).id;
});
afterAll(() => env.close());
beforeEach(() => env.reset());

const detailsOf = (companyId: string) => env.client.call("companies", "getCompanyDetails", { companyId }, z.record(z.string(), z.unknown()));
const named = async (name: string) =>
  (await env.client.call("companies", "findCompaniesByName", { nameFilter: name }, z.array(z.object({ id: z.string(), name: z.string() })))).filter((c) => c.name === name);
const paramsOf = (method: string) => env.emu.calls().filter((c) => c.method === method).map((c) => c.params);

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
    [{ ...ok, country: "XX" }, "country", "country: must be an ISO 3166-1 alpha-2 country code in upper case, e.g. US or RO"],
    [{ ...ok, country: "ro" }, "country", "country: must be an ISO 3166-1 alpha-2 country code in upper case, e.g. US or RO"],
    [{ ...ok, state: "California" }, "state", "state: must be an ISO 3166-2 subdivision code in upper case, e.g. US-CA or RO-B"],
    [{ ...ok, country: "RO", state: "US-CA" }, "state", "state: must be a subdivision of country RO (RO-…)"],
    [{ ...ok, phone: "1".repeat(33) }, "phone", "phone: must be at most 32 characters"],
    [{ ...ok, phone: "call me" }, "phone", "phone: may only contain digits, spaces and + - ( ) ."],
    [{ ...ok, industry: 35 }, "industry", "industry: must be an industry code: 0–34, or a sub-industry like 1201"],
    [{ ...ok, industry: 1.5 }, "industry", "industry: must be a whole number"],
    [{ ...ok, licenseSubscription: { type: "yearly" } }, "licenseSubscription", "licenseSubscription.type: must be one of trial, licensed, monthly"],
    [{ ...ok, licenseSubscription: { type: "licensed" } }, "licenseSubscription", 'licenseSubscription.licenseKey: is required with type "licensed"'],
    [{ ...ok, licenseSubscription: { type: "trial", endSubscription: "2027-12-31" } }, "licenseSubscription", 'licenseSubscription.endSubscription: is only allowed with type "monthly"'],
    [{ ...ok, licenseSubscription: { type: "monthly", endSubscription: "2027-02-30" } }, "licenseSubscription", "licenseSubscription.endSubscription: must be a real calendar date"],
    [{ ...ok, licenseSubscription: { type: "monthly", reservedSlots: -1 } }, "licenseSubscription", "licenseSubscription.reservedSlots: must be between 0 and 1000000"],
    [{ ...ok, suspended: "no" }, "suspended", "suspended: Invalid input: expected boolean, received string"],
    [{ ...ok, deletionprotection: false }, "deletionprotection", "deletionprotection: not a known input (check the spelling)"],
  ])("%j fails on %s before any API call", async (news, property, reason) => {
    const { failures } = await handler.check({}, news);
    expect(failures).toEqual([{ property, reason }]);
    expect(env.calls()).toEqual([]);
  });

  it("accepts the limits themselves, fills defaults and passes preview unknowns", async () => {
    const inputs = await checked({ name: "x".repeat(64), phone: "1".repeat(32), address: "a".repeat(128), country: "US", state: "US-CA", industry: 1201 });
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
  const olds = { name: "Acme", type: "customer", address: "Main St 1", industry: 0, canBeManagedByAbove: true, enforce2FA: false, suspended: false, deletionProtection: true, adopt: false, companyId: "a".repeat(24), isSuspended: false, adopted: false };
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
    [{ parentId: "b".repeat(24) }, true, ["parentId"]],
    [{ licenseSubscription: { type: "monthly" } }, true, ["licenseSubscription"]],
  ])("%j → changes %s, replaces %j", async (change, changes, replaces) => {
    const { companyId: _c, isSuspended: _s, adopted: _a, ...inputs } = olds;
    expect(await handler.diff("x", olds, { ...inputs, ...change })).toEqual({ changes, replaces, deleteBeforeReplace: replaces.length > 0 });
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
    // A lookup by name and the create: nothing else of the companies budget (no read-back).
    expect(env.calls()).toEqual(["companies.findCompaniesByName", "companies.createCompany"]);
    expect(outs).toMatchObject({ companyId: id, isSuspended: false, adopted: false, suspended: false });
    expect(outs.createdAt).toBeUndefined();

    // The first read adds what only GravityZone knows, and nothing else changes.
    const read = await handler.read(id, outs);
    expect(read.id).toBe(id);
    expect(typeof read.props!.createdAt).toBe("string");
    expect(read.props).toEqual({ ...outs, createdAt: read.props!.createdAt });
    expect(await handler.diff(id, read.props, inputs)).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });
    env.reset();
    expect((await handler.update(id, read.props, inputs)).outs).toEqual(read.props);
    expect(env.writes()).toEqual([]);

    const renamed = { ...inputs, name: "Acme Renamed", address: undefined, type: "partner", phone: "+40 21 111 1111" };
    const updated = await handler.update(id, read.props!, renamed);
    expect(env.writes()).toEqual(["companies.updateCompanyDetails"]);
    expect(paramsOf("updateCompanyDetails")).toEqual([{ id, name: "Acme Renamed", type: 0, address: "", phone: "+40 21 111 1111" }]);
    expect(await detailsOf(id)).toMatchObject({ name: "Acme Renamed", type: 0, address: null, phone: "+40 21 111 1111" });
    expect((await handler.read(id, updated.outs)).props).toEqual(updated.outs);

    env.reset();
    const suspended = await handler.update(id, updated.outs, { ...renamed, suspended: true });
    expect(env.emu.calls().filter((c) => c.method !== "getCompanyDetails").map((c) => [c.method, c.params])).toEqual([["suspendCompany", { companyId: id }]]);
    expect(suspended.outs).toMatchObject({ suspended: true, isSuspended: true });
    env.reset();
    await handler.update(id, suspended.outs, { ...renamed, suspended: false });
    expect(paramsOf("activateCompany")).toEqual([{ companyId: id }]);

    env.reset();
    const unprotected = await handler.update(id, suspended.outs, { ...renamed, suspended: true, deletionProtection: false });
    expect(env.calls()).toEqual([]);
    expect(unprotected.outs.deletionProtection).toBe(false);
  });

  it("read shows a console rename, suspension and edit as drift, and an empty id when the company is gone", async () => {
    const { id, outs, inputs } = await create("Drifty Co", { address: "Old St 1", country: "US" });
    await env.console({ action: "renameCompany", companyId: id, name: "Drifty Renamed" });
    await env.console({ action: "suspendCompany", companyId: id });
    await env.client.call("companies", "updateCompanyDetails", { id, address: "New St 2", country: "DE", enforce2FA: true }, z.null());
    const after = await handler.read(id, outs);
    expect(after.props).toMatchObject({ name: "Drifty Renamed", suspended: true, isSuspended: true, address: "New St 2", country: "DE", enforce2FA: true });
    expect(after.inputs).toMatchObject({ name: "Drifty Renamed", suspended: true, address: "New St 2" });
    const diff = await handler.diff(id, after.props!, inputs);
    expect(diff).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    env.reset();
    await handler.update(id, after.props!, inputs);
    expect(paramsOf("updateCompanyDetails")).toEqual([{ id, name: "Drifty Co", address: "Old St 1", country: "US", enforce2FA: false }]);
    expect(paramsOf("activateCompany")).toEqual([{ companyId: id }]);

    await env.console({ action: "deleteObject", id });
    expect(await handler.read(id, outs)).toEqual({ id: "", props: {} });
  });

  it("creates a suspended company with createCompany then suspendCompany", async () => {
    const { id, outs } = await create("Born Suspended", { suspended: true });
    expect(env.writes()).toEqual(["companies.createCompany", "companies.suspendCompany"]);
    expect(paramsOf("suspendCompany")).toEqual([{ companyId: id }]);
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
      expect(partial.message).toMatch(/company "Half Made" was created \(id [0-9a-f]{24}\) but suspending it \(companies\.suspendCompany\) failed: .*run `pulumi up` again/);
      const [company] = await named("Half Made");
      expect(partial.id).toBe(company!.id);
      expect(partial.properties).toMatchObject({ name: "Half Made", companyId: company!.id, suspended: false, isSuspended: false, __provider: "serialized-provider" });
      expect(partial.reasons).toHaveLength(1);
      // The next `pulumi up` finishes the job with an update.
      env.emu.setFaults(undefined);
      const diff = await handler.diff(partial.id, partial.properties, inputs);
      expect(diff).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
      env.reset();
      await handler.update(partial.id, partial.properties, inputs);
      expect(env.writes()).toEqual(["companies.suspendCompany"]);
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
    await expect(create("existing co")).rejects.toThrow(/company "existing co" already exists in GravityZone \(id [0-9a-f]{24}\)\. Set `adopt: true`/);
    expect(env.writes()).toEqual([]);
    const adopted = await create("Existing Co", { adopt: true, address: "Somewhere 1" });
    expect(adopted.id).toBe(first.id);
    expect(adopted.outs).toMatchObject({ adopted: true, companyId: first.id });
    expect(env.writes()).toEqual([]);
  });

  it("adopting brings the company's details in line with the program", async () => {
    const first = await create("Adopt Me", { address: "Old 1", enforce2FA: false });
    env.reset();
    const adopted = await create("Adopt Me", { adopt: true, address: "New 2", enforce2FA: true, suspended: true });
    expect(adopted.id).toBe(first.id);
    expect(env.writes()).toEqual(["companies.updateCompanyDetails", "companies.suspendCompany"]);
    expect(paramsOf("updateCompanyDetails")).toEqual([{ id: first.id, address: "New 2", enforce2FA: true }]);
    const read = await handler.read(adopted.id, adopted.outs);
    expect(await handler.diff(adopted.id, read.props!, adopted.inputs)).toMatchObject({ changes: false });
  });
});

describe("delete", () => {
  it("refuses while deletionProtection is on, with zero API calls", async () => {
    const { id, outs } = await create("Protected Co");
    env.reset();
    await expect(handler.delete(id, outs)).rejects.toThrow(`company "Protected Co" (${id}) is protected from deletion: set deletionProtection: false on it and run \`pulumi up\` before destroying or replacing it.`);
    expect(env.calls()).toEqual([]);
    expect(await named("Protected Co")).toHaveLength(1);
  });

  it("deletes when unprotected, and is idempotent", async () => {
    const { id, outs } = await create("Doomed Co", { deletionProtection: false });
    env.reset();
    await handler.delete(id, outs);
    expect(paramsOf("deleteCompany")).toEqual([{ companyId: id }]);
    await handler.delete(id, outs);
    expect(await named("Doomed Co")).toEqual([]);
  });

  it("says clearly that a partner still owning companies cannot be deleted", async () => {
    const partner = await create("Parent Partner", { type: "partner", deletionProtection: false });
    await create("Child Customer", { parentId: partner.id });
    await expect(handler.delete(partner.id, partner.outs)).rejects.toThrow(/company "Parent Partner" \([0-9a-f]{24}\) still owns other companies: delete or move them first\./);
  });
});

describe("serialized provider", () => {
  it("has the type token policy packs look for", () => {
    expect(Company.__pulumiType).toBe("pulumi-nodejs:dynamic/gravityzone:Company");
  });
});
