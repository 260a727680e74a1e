import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GravityZoneClient } from "../../provider/client";
import { readApiKeyDetails } from "../../provider/data/api-key-details";
import { startProviderEnv, type ProviderEnv } from "../helpers/provider-env";
import { sendResult, startScriptedServer } from "../helpers/scripted-server";

let env: ProviderEnv;
const KEY = "a".repeat(40);

beforeAll(async () => {
  env = await startProviderEnv({ seed: "empty", keys: [{ key: KEY, modules: ["general", "companies", "packages"] }] });
});
afterAll(() => env.close());
beforeEach(() => env.reset());

describe("getApiKeyDetails", () => {
  it("lists the key's enabled APIs and when the key was generated, and never contains the key", async () => {
    const d = await readApiKeyDetails(env.client);
    expect(env.emu.calls().map((c) => [c.module, c.method, c.params])).toEqual([["general", "getApiKeyDetails", {}]]);
    expect([...d.enabledApis].sort()).toEqual(["companies", "general", "packages"]);
    // The emulator dates a key by its account's creation, in the reference's format (UTC, no zone).
    const owner = env.emu.state.accounts[env.emu.state.ownerAccountId]!;
    expect(d.createdAt).toBe(new Date(owner.createdAt).toISOString().slice(0, 19));
    expect(d.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
    // The documented answer is {enabledApis, createdAt}: no company or user id.
    expect(d.companyId).toBeUndefined();
    expect(d.userId).toBeUndefined();
    expect(d.details).toEqual({ enabledApis: d.enabledApis, createdAt: d.createdAt });
    expect(JSON.stringify(d)).not.toContain(KEY);
  });

  it("keeps companyId and userId when a console sends them, and reads an empty createdAt as unset", async () => {
    const server = await startScriptedServer((req, res) =>
      sendResult(req, res, {
        enabledApis: ["network"],
        createdAt: "",
        companyId: "5f0c0c0c0c0c0c0c0c0c0c0c",
        userId: "5f0d0d0d0d0d0d0d0d0d0d0d",
      }),
    );
    try {
      const client = new GravityZoneClient({
        accessUrl: server.url,
        apiKey: KEY,
        retry: { baseDelayMs: 5, maxDelayMs: 20 },
      });
      const d = await readApiKeyDetails(client);
      expect(server.received.map((r) => [r.url, r.body.method, r.body.params])).toEqual([
        ["/api/v1.0/jsonrpc/general", "getApiKeyDetails", {}],
      ]);
      expect(d).toEqual({
        enabledApis: ["network"],
        createdAt: undefined,
        companyId: "5f0c0c0c0c0c0c0c0c0c0c0c",
        userId: "5f0d0d0d0d0d0d0d0d0d0d0d",
        details: {
          enabledApis: ["network"],
          createdAt: "",
          companyId: "5f0c0c0c0c0c0c0c0c0c0c0c",
          userId: "5f0d0d0d0d0d0d0d0d0d0d0d",
        },
      });
    } finally {
      await server.close();
    }
  });
});
