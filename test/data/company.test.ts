import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { readCompany } from "../../provider/data/company";
import { startProviderEnv, type ProviderEnv } from "../helpers/provider-env";

let env: ProviderEnv;

beforeAll(async () => {
  env = await startProviderEnv({ seed: "empty" });
});
afterAll(() => env.close());
beforeEach(() => env.reset());

describe("getCompany", () => {
  it("reads the key's own company when no id is given, then its licence", async () => {
    const own = await readCompany(env.client, {});
    // getCompanyDetails does not document the licence: getLicenseInfo gives the licence kind.
    expect(env.emu.calls().map((c) => [c.method, c.params])).toEqual([
      ["getCompanyDetails", {}],
      ["getLicenseInfo", { companyId: own.id }],
    ]);
    expect(own).toMatchObject({
      id: env.emu.state.rootCompanyId,
      type: "partner",
      isSuspended: false,
      licenseType: "monthly",
    });
    expect(own.id).toMatch(/^[0-9a-f]{24}$/);
    expect(own.details.id).toBe(own.id);
  });

  it("reads a company by id, with typed fields", async () => {
    const id = await env.client.call(
      "companies",
      "createCompany",
      {
        type: 1,
        name: "Data Co",
        country: "RO",
        state: "RO-B",
        address: "Main St 1",
        industry: 12,
        licenseSubscription: { type: 3, reservedSlots: 10 },
      },
      z.string(),
    );
    env.reset();
    const c = await readCompany(env.client, { companyId: id });
    expect(env.emu.calls().map((x) => [x.method, x.params])).toEqual([
      ["getCompanyDetails", { companyId: id }],
      ["getLicenseInfo", { companyId: id }],
    ]);
    // A new company has two-factor authentication enforced ("The value is always true").
    expect(c).toMatchObject({
      id,
      name: "Data Co",
      type: "customer",
      country: "RO",
      state: "RO-B",
      address: "Main St 1",
      industry: 12,
      canBeManagedByAbove: true,
      enforce2FA: true,
      isSuspended: false,
      licenseType: "monthly",
    });
    expect(c.phone).toBeUndefined();
    // parentId is not a documented member of getCompanyDetails' answer.
    expect(c.details).not.toHaveProperty("parentId");
    expect(c.parentId).toBeUndefined();
  });

  it('reads an unset country and state, answered "N/A", as undefined', async () => {
    const id = await env.client.call("companies", "createCompany", { type: 1, name: "Nowhere Co" }, z.string());
    env.reset();
    const c = await readCompany(env.client, { companyId: id });
    expect(c.details).toMatchObject({ country: "N/A", state: "N/A" });
    expect(c.country).toBeUndefined();
    expect(c.state).toBeUndefined();
  });

  it("names the licence kind of a licensed company, and leaves out a kind this package does not name", async () => {
    const id = await env.client.call("companies", "createCompany", { type: 1, name: "Keyed Co" }, z.string());
    await env.client.call("licensing", "setLicenseKey", { companyId: id, licenseKey: "TNB3AAA" }, z.null());
    expect((await readCompany(env.client, { companyId: id })).licenseType).toBe("licensed");
    // 4: monthly licence trial (77211-127105), which the Company resource does not declare.
    env.emu.state.companies[id]!.licenseSubscription.type = 4;
    const c = await readCompany(env.client, { companyId: id });
    expect(c.licenseType).toBeUndefined();
  });

  it("fails with the API's explanation for an unknown company", async () => {
    const unknown = "0".repeat(24);
    await expect(readCompany(env.client, { companyId: unknown })).rejects.toThrow(
      `GravityZone companies.getCompanyDetails failed (-32602): The company with ID "${unknown}" was not found.`,
    );
    expect(env.calls()).toEqual(["companies.getCompanyDetails"]);
  });
});
