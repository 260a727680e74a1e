/**
 * Fault injection: dropped connections after an applied write (the ambiguous case), 5xx before
 * applying, 429 storms, latency, per-method targeting, determinism by seed, run-time control.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../emulator/index";
import { ok, rpc, start } from "./helpers";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await start();
});
afterEach(() => emu.setFaults(undefined));
afterAll(() => emu.close());

/** Names of the groups in the key's company's 'Computers and Groups', where a group created without parentId goes. */
async function topGroupNames(): Promise<string[]> {
  const system = await ok(emu, "network", "getCustomGroupsList", {});
  expect(system.map((g: any) => g.name).sort()).toEqual(["Computers and Groups", "Deleted"]);
  const root = system.find((g: any) => g.name === "Computers and Groups");
  return (await ok(emu, "network", "getCustomGroupsList", { parentId: root.id })).map((g: any) => g.name);
}

describe("faults", () => {
  it("drops the connection after applying a write: the write is visible afterwards", async () => {
    emu.setFaults({ dropAfterWriteRate: 1, methods: ["network.createCustomGroup"] });
    emu.resetCalls();
    await expect(rpc(emu, "network", "createCustomGroup", { groupName: "Ambiguous" })).rejects.toThrow();
    emu.setFaults(undefined);
    expect(await topGroupNames()).toContain("Ambiguous");
    expect(emu.calls().find((c) => c.method === "createCustomGroup")!.status).toBe(0);
  });

  it("never drops reads", async () => {
    emu.setFaults({ dropAfterWriteRate: 1 });
    expect((await rpc(emu, "network", "getCustomGroupsList", {})).status).toBe(200);
  });

  it("answers HTTP 500 with a JSON-RPC -32000 body before applying", async () => {
    emu.setFaults({ errorRate: 1 });
    const a = await rpc(emu, "network", "createCustomGroup", { groupName: "Never Created" });
    expect(a.status).toBe(500);
    expect(a.json.error).toMatchObject({
      code: -32000,
      message: "Server error",
      data: { details: expect.any(String) },
    });
    emu.setFaults(undefined);
    const names = await topGroupNames();
    expect(names).toContain("MSP Internal");
    expect(names).not.toContain("Never Created");
  });

  it("forces 429 storms with an HTML body and the configured Retry-After", async () => {
    emu.setFaults({ stormRate: 1, stormRetryAfterSeconds: 7 });
    const a = await rpc(emu, "network", "getCustomGroupsList", {});
    expect(a.status).toBe(429);
    expect(a.headers.get("content-type")).toMatch(/text\/html/);
    expect(a.headers.get("retry-after")).toBe("7");
  });

  it("adds latency", async () => {
    emu.setFaults({ latencyMs: 150 });
    const t = performance.now();
    await ok(emu, "network", "getCustomGroupsList", {});
    expect(performance.now() - t).toBeGreaterThanOrEqual(145);
  });

  it("limits faults to the listed methods", async () => {
    emu.setFaults({ errorRate: 1, methods: ["companies.createCompany"] });
    expect((await rpc(emu, "network", "getCustomGroupsList", {})).status).toBe(200);
    expect((await rpc(emu, "companies", "createCompany", { type: 1, name: "Faulty Inc" })).status).toBe(500);
  });

  it("gives the same fault sequence for the same seed", async () => {
    const run = async () => {
      emu.setFaults({ seed: 1234, errorRate: 0.5 });
      const out: number[] = [];
      for (let i = 0; i < 16; i++) out.push((await rpc(emu, "network", "getCustomGroupsList", {})).status);
      return out;
    };
    const a = await run();
    const b = await run();
    expect(a).toEqual(b);
    expect(new Set(a)).toEqual(new Set([200, 500]));
  });

  it("refuses out-of-range settings", () => {
    expect(() => emu.setFaults({ errorRate: 2 })).toThrow(/errorRate/);
    expect(() => emu.setFaults({ latencyMs: -1 })).toThrow(/latencyMs/);
  });

  it("is controlled at run time through the admin route ({} clears)", async () => {
    const set = await fetch(`${emu.adminUrl}/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ errorRate: 1 }),
    });
    expect(set.status).toBe(200);
    expect((await rpc(emu, "network", "getCustomGroupsList", {})).status).toBe(500);
    const bad = await fetch(`${emu.adminUrl}/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ stormRate: -0.1 }),
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/stormRate/);
    await fetch(`${emu.adminUrl}/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect((await rpc(emu, "network", "getCustomGroupsList", {})).status).toBe(200);
  });
});
