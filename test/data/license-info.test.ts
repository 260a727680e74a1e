import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { readLicenseInfo } from "../../provider/data/license-info";
import { startProviderEnv, type ProviderEnv } from "../helpers/provider-env";

let env: ProviderEnv;

beforeAll(async () => {
  env = await startProviderEnv({ seed: "empty" });
});
afterAll(() => env.close());
beforeEach(() => env.reset());

describe("getLicenseInfo", () => {
  it("reads the key's own company's license", async () => {
    const info = await readLicenseInfo(env.client, {});
    expect(env.emu.calls().map((c) => [c.method, c.params])).toEqual([["getLicenseInfo", {}]]);
    expect(info.usedSlots).toBeTypeOf("number");
    expect(info.totalSlots).toBeTypeOf("number");
    expect(info.products).toBeUndefined();
    expect(info.details).toMatchObject({ usedSlots: info.usedSlots });
  });

  it("reads another company's license, with every product when asked", async () => {
    const companyId = await env.client.call("companies", "createCompany", { type: 1, name: "Licensed Co", licenseSubscription: { type: 3, reservedSlots: 40, endSubscription: "2027-12-31" } }, z.string());
    env.reset();
    const info = await readLicenseInfo(env.client, { companyId, returnAllProducts: true });
    expect(env.emu.calls().map((c) => [c.method, c.params])).toEqual([["getLicenseInfo", { companyId, returnAllProducts: true }]]);
    expect(info).toMatchObject({ subscriptionType: 3, totalSlots: 40, usedSlots: 0, expiryDate: "2027-12-31", isAddon: false });
    expect(info.products).toHaveLength(1);
  });
});
