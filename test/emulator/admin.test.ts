/**
 * The admin route (loopback only): state read/replace, call log, and the console-style out-of-band
 * edits a person would make; plus out-of-band changes made through the API with another key.
 */
import { networkInterfaces } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedState, startEmulator, type RunningEmulator } from "../../emulator/index";
import { isLoopbackAddress } from "../../emulator/http-io";
import { fails, ok, seeded, start } from "./helpers";

/** A non-loopback IPv4 address of this machine, to reach the server as a remote peer. */
const EXTERNAL_IP = Object.values(networkInterfaces())
  .flat()
  .find((i) => i && i.family === "IPv4" && !i.internal)?.address;

let emu: RunningEmulator;
const OTHER = "console-user-key-33333333333333333333333333";
beforeAll(async () => {
  emu = await start({ keys: [{ key: "test-key-0000000000000000000000000000000" }, { key: OTHER }] });
});
afterAll(() => emu.close());

async function admin(path: string, method = "GET", body?: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(`${emu.adminUrl}${path}`, {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
    headers: { "Content-Type": "application/json" },
  });
  return { status: res.status, json: await res.json() };
}

const consoleAction = (body: Record<string, unknown>) => admin("/console", "POST", body);

describe("admin route", () => {
  it("knows which peer addresses are loopback", () => {
    for (const a of ["127.0.0.1", "127.10.0.3", "::1", "::ffff:127.0.0.1"]) expect(isLoopbackAddress(a), a).toBe(true);
    for (const a of ["192.0.2.2", "10.0.0.1", "::ffff:10.0.0.1", "fd00::2", "", undefined])
      expect(isLoopbackAddress(a), String(a)).toBe(false);
  });

  it.skipIf(!EXTERNAL_IP)("answers 403 to a non-loopback peer while the API works for it", async () => {
    const ip = EXTERNAL_IP!;
    const wide = await startEmulator({
      host: "0.0.0.0",
      rateLimits: "off",
      keys: [{ key: "wide-key-4444444444444444444444444444444" }],
    });
    try {
      const port = new URL(wide.url).port;
      const denied = await fetch(`http://${ip}:${port}/__admin/state`);
      expect(denied.status).toBe(403);
      const api = await fetch(`http://${ip}:${port}/api/v1.0/jsonrpc/network`, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          Authorization: `Basic ${Buffer.from("wide-key-4444444444444444444444444444444:").toString("base64")}`,
        },
        body: JSON.stringify({ id: 1, jsonrpc: "2.0", method: "getCustomGroupsList", params: {} }),
      });
      expect(api.status).toBe(200);
      expect((await fetch(`${wide.adminUrl}/state`)).status).toBe(200);
    } finally {
      await wide.close();
    }
  });

  it("answers 404 for unknown admin paths and 405 for wrong methods", async () => {
    expect((await admin("/nothing")).status).toBe(404);
    expect((await admin("/state", "DELETE")).status).toBe(405);
    expect((await admin("")).json.consoleActions).toContain("renameCompany");
  });

  it("GET /state returns the whole state; PUT /state replaces it (validated)", async () => {
    const got = await admin("/state");
    expect(got.json.version).toBe(1);
    expect(Object.keys(got.json.endpoints).length).toBe(Object.keys(emu.state.endpoints).length);
    expect((await admin("/state", "PUT", { version: 99 })).status).toBe(400);
    const before = emu.state;
    const empty = seedState("empty");
    expect((await admin("/state", "PUT", empty)).status).toBe(200);
    expect(emu.state).toBe(before);
    expect(Object.keys(emu.state.companies)).toHaveLength(1);
    expect((await ok(emu, "companies", "getCompanyDetails", {})).id).toBe(empty.rootCompanyId);
    expect((await admin("/state", "PUT", got.json)).status).toBe(200);
    expect(Object.keys(emu.state.companies).length).toBeGreaterThan(1);
  });

  it("GET /calls lists requests in order (rejected ones included); DELETE /calls clears", async () => {
    await admin("/calls", "DELETE");
    await ok(emu, "network", "getCustomGroupsList", { parentId: null });
    await fetch(`${emu.url}/v1.0/jsonrpc/network`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: "{}",
    });
    const calls = (await admin("/calls")).json;
    expect(calls).toEqual([
      expect.objectContaining({
        module: "network",
        method: "getCustomGroupsList",
        version: "v1.0",
        status: 200,
        params: { parentId: null },
      }),
      expect.objectContaining({ module: "network", status: 401 }),
    ]);
    expect(JSON.stringify(calls)).not.toContain("test-key-");
    expect(emu.calls()).toHaveLength(2);
  });
});

describe("console actions", () => {
  it("renames, suspends and activates a company", async () => {
    const c = seeded(emu).company("Coho Vineyard");
    expect((await consoleAction({ action: "renameCompany", companyId: c.id, name: "Coho Winery" })).json).toEqual({
      ok: true,
    });
    expect((await ok(emu, "companies", "getCompanyDetails", { companyId: c.id })).name).toBe("Coho Winery");
    expect((await consoleAction({ action: "renameCompany", companyId: c.id, name: "Tailspin Toys" })).status).toBe(400);
    await consoleAction({ action: "suspendCompany", companyId: c.id });
    expect((await ok(emu, "companies", "getCompanyDetails", { companyId: c.id })).isSuspended).toBe(true);
    await consoleAction({ action: "activateCompany", companyId: c.id });
    expect((await ok(emu, "companies", "getCompanyDetails", { companyId: c.id })).isSuspended).toBe(false);
  });

  it("moves and renames custom groups", async () => {
    const s = seeded(emu);
    const front = s.group("Contoso Dental Group", "Front Desk");
    const laptops = s.group("Contoso Dental Group", "Laptops");
    await consoleAction({ action: "moveCustomGroup", groupId: front.id, parentId: laptops.id });
    expect((await ok(emu, "network", "getCustomGroupsList", { parentId: laptops.id })).map((g: any) => g.name)).toEqual(
      ["Front Desk"],
    );
    await consoleAction({ action: "renameCustomGroup", groupId: front.id, name: "Reception" });
    expect((await ok(emu, "network", "getCustomGroupsList", { parentId: laptops.id })).map((g: any) => g.name)).toEqual(
      ["Reception"],
    );
  });

  it("deletes objects of any kind", async () => {
    const s = seeded(emu);
    const pkg = Object.values(emu.state.packages)[0]!;
    const acc = Object.values(emu.state.accounts).find((a) => a.id !== emu.state.ownerAccountId)!;
    const group = s.group("Tailspin Toys", "Servers");
    const endpoint = s.endpointsOf("Tailspin Toys")[0]!;
    for (const id of [pkg.id, acc.id, group.id, endpoint.id])
      expect((await consoleAction({ action: "deleteObject", id })).status).toBe(200);
    expect((await fails(emu, "packages", "getPackageDetails", { packageId: pkg.id })).data.details).toMatch(
      /not found/,
    );
    expect((await fails(emu, "accounts", "getAccountDetails", { accountId: acc.id })).data.details).toMatch(
      /not found/,
    );
    expect(emu.state.groups[group.id]).toBeUndefined();
    expect(emu.state.endpoints[endpoint.id]).toBeUndefined();
    const partner = s.company("Blue Yonder IT Services").id;
    expect((await consoleAction({ action: "deleteObject", id: partner })).status).toBe(200);
    expect(seeded(emu).company("Margie's Travel")).toBeUndefined();
    expect((await consoleAction({ action: "deleteObject", id: emu.state.ownerAccountId })).status).toBe(400);
    expect((await consoleAction({ action: "deleteObject", id: "0123456789abcdef01234567" })).status).toBe(400);
  });

  it("sets an endpoint's policy (null = inherit) and any target's assignment", async () => {
    const s = seeded(emu);
    const e = s.endpointsOf("Litware Legal LLP").find((x) => x.isManaged)!;
    const edr = s.policy("EDR Report Only");
    await consoleAction({ action: "setEndpointPolicy", endpointId: e.id, policyId: edr.id });
    expect((await ok(emu, "network", "getManagedEndpointDetails", { endpointId: e.id })).policy.id).toBe(edr.id);
    await consoleAction({ action: "setEndpointPolicy", endpointId: e.id, policyId: null });
    expect((await ok(emu, "network", "getManagedEndpointDetails", { endpointId: e.id })).policy.id).not.toBe(edr.id);
    await consoleAction({ action: "setPolicyAssignment", targetId: e.parentId, policyId: edr.id, force: true });
    expect((await ok(emu, "network", "getManagedEndpointDetails", { endpointId: e.id })).policy.id).toBe(edr.id);
  });

  it("disables push by itself (status 0), like the service does after delivery errors", async () => {
    expect((await consoleAction({ action: "disablePush" })).status).toBe(400);
    await ok(emu, "push", "setPushEventSettings", {
      status: 1,
      serviceType: "cef",
      serviceSettings: { url: "https://cef.example.com" },
      subscribeToEventTypes: { av: true },
    });
    await consoleAction({ action: "disablePush" });
    expect((await ok(emu, "push", "getPushEventSettings", {})).status).toBe(0);
    expect((await ok(emu, "push", "getPushEventStats", {})).count.errorMessages).toBeGreaterThan(100);
  });

  it("removes blocklist items and updates packages and accounts", async () => {
    const item = Object.values(emu.state.blocklist)[0]!;
    await consoleAction({ action: "removeBlocklistItem", id: item.id });
    expect(emu.state.blocklist[item.id]).toBeUndefined();
    const pkg = Object.values(emu.state.packages)[0]!;
    await consoleAction({
      action: "updatePackage",
      packageId: pkg.id,
      description: "edited in the console",
      modules: { firewall: 0 },
    });
    expect(await ok(emu, "packages", "getPackageDetails", { packageId: pkg.id })).toMatchObject({
      description: "edited in the console",
      modules: { firewall: 0 },
    });
    const acc = Object.values(emu.state.accounts).find((a) => a.id !== emu.state.ownerAccountId)!;
    await consoleAction({ action: "updateAccount", accountId: acc.id, fullName: "Renamed Person", role: 3 });
    expect(await ok(emu, "accounts", "getAccountDetails", { accountId: acc.id })).toMatchObject({
      role: 3,
      profile: { fullName: "Renamed Person" },
    });
    expect((await consoleAction({ action: "updateAccount", accountId: acc.id, role: 9 })).json.error).toMatch(/'role'/);
  });

  it("adds an endpoint that appears in the inventory", async () => {
    const company = seeded(emu).company("Wingtip Accounting").id;
    const r = await consoleAction({ action: "addEndpoint", parentId: company, name: "WTA-NEW-001" });
    expect(r.json.result.id).toMatch(/^[0-9a-f]{24}$/);
    const list = await ok(emu, "network", "getEndpointsList", {
      parentId: company,
      filters: { details: { name: "WTA-NEW" } },
    });
    expect(list.items.map((e: any) => e.name)).toEqual(["WTA-NEW-001"]);
  });

  it("refuses unknown actions and bad parameters with 400", async () => {
    const unknown = await consoleAction({ action: "launch" });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error).toMatch(/Unknown console action/);
    expect((await consoleAction({ action: "renameCompany", companyId: "x", name: "y" })).json.error).toMatch(
      /'companyId'/,
    );
  });
});

describe("out-of-band changes through the API", () => {
  it("a change made with another valid key is what the first key reads", async () => {
    const c = seeded(emu).company("Alpine Ski House");
    await ok(emu, "companies", "updateCompanyDetails", { id: c.id, phone: "+43 1 234" }, { key: OTHER });
    expect((await ok(emu, "companies", "getCompanyDetails", { companyId: c.id })).phone).toBe("+43 1 234");
  });
});
