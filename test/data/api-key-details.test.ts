import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { readApiKeyDetails } from "../../provider/data/api-key-details";
import { startProviderEnv, type ProviderEnv } from "../helpers/provider-env";

let env: ProviderEnv;

beforeAll(async () => {
  env = await startProviderEnv({ seed: "empty", keys: [{ key: "a".repeat(40), modules: ["general", "companies", "packages"] }] });
});
afterAll(() => env.close());
beforeEach(() => env.reset());

describe("getApiKeyDetails", () => {
  it("lists the key's enabled APIs and never contains the key", async () => {
    const d = await readApiKeyDetails(env.client);
    expect(env.emu.calls().map((c) => [c.module, c.method, c.params])).toEqual([["general", "getApiKeyDetails", {}]]);
    expect([...d.enabledApis].sort()).toEqual(["companies", "general", "packages"]);
    expect(d.companyId).toMatch(/^[0-9a-f]{24}$/);
    expect(JSON.stringify(d)).not.toContain("a".repeat(40));
  });
});
