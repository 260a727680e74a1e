import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { readInstallationLinks } from "../../provider/data/installation-links";
import { startProviderEnv, type ProviderEnv } from "../helpers/provider-env";

let env: ProviderEnv;
let companyId: string;

beforeAll(async () => {
  env = await startProviderEnv({ seed: "empty" });
  companyId = await env.client.call("companies", "createCompany", { type: 1, name: "Links Co" }, z.string());
  for (const packageName of ["Servers", "Laptops"])
    await env.client.call("packages", "createPackage", { packageName, companyId }, z.string());
});
afterAll(() => env.close());
beforeEach(() => env.reset());

describe("getInstallationLinks", () => {
  it("lists every package's links of a company", async () => {
    const { packages } = await readInstallationLinks(env.client, { companyId });
    expect(env.emu.calls().map((c) => [c.method, c.params])).toEqual([["getInstallationLinks", { companyId }]]);
    expect(packages.map((p) => p.packageName)).toEqual(["Laptops", "Servers"]);
    for (const p of packages) {
      expect(p.companyName).toBe("Links Co");
      expect(p.links).toMatchObject({
        windows: expect.stringMatching(/^https:\/\//),
        mac: expect.stringMatching(/^https:\/\//),
        macArm: expect.stringMatching(/^https:\/\//),
        linux: expect.stringMatching(/^https:\/\//),
      });
      expect(p.links).not.toHaveProperty("packageName");
    }
  });

  it("reads one package's links by name", async () => {
    const { packages } = await readInstallationLinks(env.client, { companyId, packageName: "Servers" });
    expect(env.emu.calls().map((c) => [c.method, c.params])).toEqual([
      ["getInstallationLinks", { companyId, packageName: "Servers" }],
    ]);
    expect(packages).toHaveLength(1);
    expect(packages[0]!.packageName).toBe("Servers");
  });

  it("answers no packages for a name no package has", async () => {
    // No source documents an error for an unknown packageName: GravityZone answers an empty list.
    expect(await readInstallationLinks(env.client, { companyId, packageName: "Nope" })).toEqual({ packages: [] });
    expect(env.emu.calls().map((c) => [c.method, c.params])).toEqual([
      ["getInstallationLinks", { companyId, packageName: "Nope" }],
    ]);
  });
});
