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
  it("reads the key's own company when no id is given", async () => {
    const own = await readCompany(env.client, {});
    expect(env.emu.calls().map((c) => [c.method, c.params])).toEqual([["getCompanyDetails", {}]]);
    expect(own).toMatchObject({ type: "partner", isSuspended: false });
    expect(own.id).toMatch(/^[0-9a-f]{24}$/);
    expect(own.details.id).toBe(own.id);
  });

  it("reads a company by id, with typed fields", async () => {
    const id = await env.client.call(
      "companies",
      "createCompany",
      { type: 1, name: "Data Co", country: "RO", state: "RO-B", address: "Main St 1", industry: 12, licenseSubscription: { type: 3, reservedSlots: 10 } },
      z.string(),
    );
    env.reset();
    const c = await readCompany(env.client, { companyId: id });
    expect(env.emu.calls().map((x) => [x.method, x.params])).toEqual([["getCompanyDetails", { companyId: id }]]);
    expect(c).toMatchObject({ id, name: "Data Co", type: "customer", country: "RO", state: "RO-B", address: "Main St 1", industry: 12, canBeManagedByAbove: true, enforce2FA: false, isSuspended: false, licenseType: "monthly" });
    expect(c.phone).toBeUndefined();
    expect(typeof c.parentId).toBe("string");
  });

  it("fails with the API's explanation for an unknown company", async () => {
    await expect(readCompany(env.client, { companyId: "0".repeat(24) })).rejects.toThrow(/GravityZone companies\.getCompanyDetails failed/);
  });
});
