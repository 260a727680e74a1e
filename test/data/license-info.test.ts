import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { GravityZoneClient } from "../../provider/client";
import { readLicenseInfo } from "../../provider/data/license-info";
import { startProviderEnv, type ProviderEnv } from "../helpers/provider-env";
import { sendResult, startScriptedServer } from "../helpers/scripted-server";

let env: ProviderEnv;

/** Whether an Output is secret, and its value (outside a Pulumi program, through the SDK's own accessors). */
const isSecret = (o: pulumi.Output<unknown>) => (o as unknown as { isSecret: Promise<boolean> }).isSecret;
const valueOf = <T>(o: pulumi.Output<T>) => (o as unknown as { promise(): Promise<T> }).promise();

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

  it("reads another company's license, sending returnAllProducts when asked", async () => {
    const companyId = await env.client.call(
      "companies",
      "createCompany",
      {
        type: 1,
        name: "Licensed Co",
        licenseSubscription: { type: 3, reservedSlots: 40, endSubscription: "2027-12-31" },
      },
      z.string(),
    );
    env.reset();
    const info = await readLicenseInfo(env.client, { companyId, returnAllProducts: true });
    expect(env.emu.calls().map((c) => [c.method, c.params])).toEqual([
      ["getLicenseInfo", { companyId, returnAllProducts: true }],
    ]);
    expect(info).toMatchObject({
      subscriptionType: 3,
      totalSlots: 40,
      usedSlots: 0,
      expiryDate: "2027-12-31",
      isAddon: false,
    });
    // The emulated companies have a single product: the answer lists no products, and none are made up.
    expect(info.products).toBeUndefined();
    // A monthly subscription's end and renewal are in the answer's other fields (77211-127105).
    expect(info.details).toMatchObject({ endSubscription: "2027-12-31", autoRenewPeriod: 12 });
    expect(info.details).not.toHaveProperty("licenseKey");
    expect(info.licenseKey).toBeUndefined();
  });

  it("reads the main licence from the documented Array form of the answer", async () => {
    const server = await startScriptedServer((req, res) =>
      sendResult(req, res, [
        { subscriptionType: 2, isAddon: true, usedSlots: 1, totalSlots: 5, licenseKey: "ADDON01" },
        {
          subscriptionType: 2,
          isAddon: false,
          expiryDate: "2026-12-31T00:00:00",
          usedSlots: 12,
          totalSlots: 50,
          licenseKey: "TNB3AAA",
        },
      ]),
    );
    try {
      const client = new GravityZoneClient({
        accessUrl: server.url,
        apiKey: "k".repeat(40),
        retry: { baseDelayMs: 5, maxDelayMs: 20 },
      });
      const info = await readLicenseInfo(client, { companyId: "5f0c0c0c0c0c0c0c0c0c0c0c" });
      expect(server.received.map((r) => [r.body.method, r.body.params])).toEqual([
        ["getLicenseInfo", { companyId: "5f0c0c0c0c0c0c0c0c0c0c0c" }],
      ]);
      const { licenseKey, ...plain } = info;
      expect(plain).toEqual({
        subscriptionType: 2,
        expiryDate: "2026-12-31T00:00:00",
        usedSlots: 12,
        totalSlots: 50,
        isAddon: false,
        products: undefined,
        details: {
          subscriptionType: 2,
          isAddon: false,
          expiryDate: "2026-12-31T00:00:00",
          usedSlots: 12,
          totalSlots: 50,
        },
      });
      // The key comes only as a secret Output, never as plain text in the result.
      expect(JSON.stringify(plain)).not.toContain("TNB3AAA");
      expect(pulumi.Output.isInstance(licenseKey)).toBe(true);
      expect(await isSecret(licenseKey!)).toBe(true);
      expect(await valueOf(licenseKey!)).toBe("TNB3AAA");
    } finally {
      await server.close();
    }
  });
});
