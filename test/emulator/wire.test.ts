/**
 * Wire protocol rules (https://www.bitdefender.com/business/support/en/77209-125277-public-api.html): POST only, Basic auth, key scopes, the
 * JSON-RPC 2.0 envelope, error codes with details, named parameters, null = omitted, id echo.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../emulator/index";
import { basic, fails, ok, post, rpc, start } from "./helpers";

let emu: RunningEmulator;
const SCOPED = "scoped-key-11111111111111111111111111111111";

beforeAll(async () => {
  emu = await start({
    keys: [{ key: "test-key-0000000000000000000000000000000" }, { key: SCOPED, modules: ["network", "policies"] }],
  });
});
afterAll(() => emu.close());

describe("HTTP layer", () => {
  it("answers 405 with Allow: POST for other HTTP methods", async () => {
    const a = await post(emu, "network", "", { method: "GET" });
    expect(a.status).toBe(405);
    expect(a.headers.get("allow")).toBe("POST");
    expect(a.json.error.code).toBe(-32600);
  });

  it("answers 404 outside /api/<version>/jsonrpc/<module>", async () => {
    const res = await fetch(`${emu.url}/v2.0/jsonrpc/network`, { method: "POST" });
    expect(res.status).toBe(404);
    const res2 = await fetch(emu.url.replace(/\/api$/, "/other"), { method: "POST" });
    expect(res2.status).toBe(404);
  });

  it("answers 401 with a JSON-RPC error body for a missing key, a wrong key and a non-empty password", async () => {
    const body = JSON.stringify({ id: "x1", jsonrpc: "2.0", method: "getCustomGroupsList", params: {} });
    for (const headers of [
      {} as Record<string, string>,
      { Authorization: basic("not-a-key") },
      { Authorization: basic(emu.keys[0]!.key, "secret") },
      { Authorization: "Bearer abc" },
    ]) {
      const a = await post(emu, "network", body, { key: null, headers });
      expect(a.status).toBe(401);
      expect(a.json.id).toBe("x1");
      expect(a.json.error.data.details).toMatch(/API key/i);
    }
  });

  it("answers 403 with details naming the module when the key is not enabled for it", async () => {
    const a = await rpc(emu, "companies", "getCompanyDetails", {}, { key: SCOPED, id: 7 });
    expect(a.status).toBe(403);
    expect(a.json.id).toBe(7);
    expect(a.json.error.data.details).toBe("API Key is not allowed to access the selected API: companies");
    expect((await rpc(emu, "network", "getCustomGroupsList", {}, { key: SCOPED })).status).toBe(200);
  });

  it("reports the key's enabled modules but never the key itself", async () => {
    const a = await rpc(emu, "general", "getApiKeyDetails", {});
    expect(a.json.result.enabledApis).toContain("network");
    expect(a.text).not.toContain(emu.keys[0]!.key);
    const scoped = await fails(emu, "general", "getApiKeyDetails", {}, { key: SCOPED }).catch((e: Error) => e);
    expect(String(scoped)).toMatch(/HTTP 403/);
  });

  it("requires Content-Type: application/json (charset allowed)", async () => {
    const body = JSON.stringify({ id: 1, jsonrpc: "2.0", method: "getCustomGroupsList", params: {} });
    const bad = await post(emu, "network", body, { headers: { "Content-Type": "text/plain" } });
    expect(bad.status).toBe(200);
    expect(bad.json.error.code).toBe(-32600);
    const good = await post(emu, "network", body, { headers: { "Content-Type": "application/json; charset=utf-8" } });
    expect(good.json.result).toBeInstanceOf(Array);
  });
});

describe("JSON-RPC envelope", () => {
  it("answers -32700 for a body that is not JSON", async () => {
    const a = await post(emu, "network", "{not json");
    expect(a.status).toBe(200);
    expect(a.json).toMatchObject({ id: null, jsonrpc: "2.0", error: { code: -32700, message: "Parse error" } });
    expect(a.json.error.data.details).toBeTruthy();
  });

  it("refuses batch requests with -32600", async () => {
    const a = await post(emu, "network", JSON.stringify([{ id: 1, jsonrpc: "2.0", method: "getCustomGroupsList" }]));
    expect(a.json.error).toMatchObject({ code: -32600, message: "Invalid Request" });
    expect(a.json.error.data.details).toMatch(/batch/i);
  });

  it("refuses a missing or wrong jsonrpc member, a missing method and notifications with -32600", async () => {
    for (const env of [
      { id: 1, method: "getCustomGroupsList" },
      { id: 1, jsonrpc: "1.0", method: "getCustomGroupsList" },
      { id: 1, jsonrpc: "2.0" },
      { id: 1, jsonrpc: "2.0", method: "" },
      { jsonrpc: "2.0", method: "getCustomGroupsList" },
      { id: { a: 1 }, jsonrpc: "2.0", method: "getCustomGroupsList" },
      "just a string",
    ]) {
      const a = await post(emu, "network", JSON.stringify(env));
      expect(a.status).toBe(200);
      expect(a.json.error.code, JSON.stringify(env)).toBe(-32600);
    }
  });

  it("echoes string and number ids", async () => {
    expect(
      (await rpc(emu, "network", "getCustomGroupsList", {}, { id: "91d6430d-bfd4-494f-8d4d-4947406d21a7" })).json.id,
    ).toBe("91d6430d-bfd4-494f-8d4d-4947406d21a7");
    expect((await rpc(emu, "network", "getCustomGroupsList", {}, { id: 42 })).json.id).toBe(42);
    expect((await rpc(emu, "network", "noSuchMethod", {}, { id: 43 })).json.id).toBe(43);
  });

  it("answers -32601 'The selected API is not available.' for unknown and non-existent methods", async () => {
    const cases: Array<[string, string, ("v1.0" | "v1.1" | "v1.2")?]> = [
      ["network", "noSuchMethod"],
      ["companies", "updateCompany"],
      ["companies", "getCompaniesList"],
      ["licensing", "getMonthlyUsagePerCompany"],
      ["integrations", "getIntegrationsList"],
      ["reports", "getReportConfiguration"],
      ["incidents", "getIncidentsList"],
      ["network", "createUninstallTask"],
      ["patchmanagement", "getPatchesList"],
      ["phasr", "getStatus"],
      ["maintenanceWindows", "getMaintenanceWindowsList"],
      ["nosuchmodule", "anything"],
      ["network", "getCustomGroupsList", "v1.2"],
      ["incidents", "addToBlocklist", "v1.1"],
    ];
    for (const [module, method, version] of cases) {
      const a = await rpc(emu, module, method, {}, { version });
      expect(a.status, `${module}.${method}`).toBe(200);
      expect(a.json.error, `${module}.${method}`).toEqual({
        code: -32601,
        message: "Method not found",
        data: { details: "The selected API is not available." },
      });
    }
  });
});

describe("parameters", () => {
  it("refuses an unknown parameter with -32602 naming it", async () => {
    const e = await fails(emu, "network", "createCustomGroup", { name: "Lab" });
    expect(e.code).toBe(-32602);
    expect(e.message).toBe("Invalid params");
    expect(e.data.details).toBe("Parameter 'name' is not expected.");
  });

  it("names nested unknown parameters with a dotted path", async () => {
    const e = await fails(emu, "network", "getNetworkInventoryItems", { filters: { type: { printers: true } } });
    expect(e.data.details).toBe("Parameter 'filters.type.printers' is not expected.");
  });

  it("names a missing required parameter", async () => {
    const e = await fails(emu, "network", "createCustomGroup", {});
    expect(e.data.details).toBe("Missing required parameter 'groupName'.");
  });

  it("refuses ill-typed values naming the parameter (no coercion)", async () => {
    expect((await fails(emu, "network", "getCustomGroupsList", { parentId: 12 })).data.details).toMatch(/'parentId'/);
    expect((await fails(emu, "network", "getCustomGroupsList", { parentId: "not-an-id" })).data.details).toMatch(
      /'parentId'.*24 hexadecimal/,
    );
    expect((await fails(emu, "network", "getNetworkInventoryItems", { perPage: "10" })).data.details).toMatch(
      /'perPage'.*integer/,
    );
    expect((await fails(emu, "network", "getNetworkInventoryItems", { perPage: 2.5 })).data.details).toMatch(
      /'perPage'.*integer/,
    );
    expect(
      (await fails(emu, "network", "deleteCustomGroup", { groupId: "aaaaaaaaaaaaaaaaaaaaaaaa", force: 1 })).data
        .details,
    ).toMatch(/'force'.*boolean/);
    expect(
      (await fails(emu, "network", "getCustomGroupsList", { parentId: "AAAAAAAAAAAAAAAAAAAAAAAA" })).data.details,
    ).toMatch(/'parentId'/);
  });

  it("treats null as omitted for optional parameters, and as missing for required ones", async () => {
    const withNull = await ok(emu, "network", "getCustomGroupsList", { parentId: null });
    const omitted = await ok(emu, "network", "getCustomGroupsList", {});
    expect(withNull).toEqual(omitted);
    expect((await fails(emu, "network", "createCustomGroup", { groupName: null })).data.details).toBe(
      "Missing required parameter 'groupName'.",
    );
    const details = await ok(emu, "companies", "getCompanyDetails", { companyId: null });
    expect(details.id).toBe(emu.state.rootCompanyId);
  });

  it("accepts a missing or null params member and refuses positional params", async () => {
    expect(await ok(emu, "network", "getCustomGroupsList")).toBeInstanceOf(Array);
    expect(await ok(emu, "network", "getCustomGroupsList", null)).toBeInstanceOf(Array);
    expect((await fails(emu, "network", "getCustomGroupsList", ["x"])).code).toBe(-32602);
  });

  it("reports objects that do not exist as -32602 naming the id", async () => {
    const e = await fails(emu, "network", "getManagedEndpointDetails", { endpointId: "0123456789abcdef01234567" });
    expect(e.code).toBe(-32602);
    expect(e.data.details).toBe('The endpoint with ID "0123456789abcdef01234567" was not found.');
  });

  it("answers success and JSON-RPC errors with HTTP 200", async () => {
    expect((await rpc(emu, "network", "getCustomGroupsList", {})).status).toBe(200);
    expect((await rpc(emu, "network", "createCustomGroup", {})).status).toBe(200);
  });
});
