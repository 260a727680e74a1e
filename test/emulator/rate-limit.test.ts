/**
 * Rate limits per key and per method class, with 429 + HTML body + Retry-After; the limiter is also
 * checked directly with a fake clock. HTTP cases use a scaled factor so minute budgets take seconds.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../emulator/index";
import { RateLimiter, rateClassOf } from "../../emulator/rate-limit";
import { rpc, start } from "./helpers";

describe("RateLimiter (fake clock)", () => {
  it("classifies methods", () => {
    expect(rateClassOf("network", "getCustomGroupsList")).toBe("default");
    expect(rateClassOf("companies", "getCompanyDetails")).toBe("companies");
    expect(rateClassOf("licensing", "getLicenseInfo")).toBe("companies");
    expect(rateClassOf("accounts", "createAccount")).toBe("per-minute-30");
    expect(rateClassOf("accounts", "getAccountsList")).toBe("default");
    expect(rateClassOf("reports", "createReport")).toBe("per-minute-30");
    expect(rateClassOf("network", "createScanTask")).toBe("per-minute-30");
    expect(rateClassOf("accounts", "configureNotificationsSettings")).toBe("per-minute-30");
    for (const m of [
      "incidents.addToBlocklist",
      "incidents.removeFromBlocklist",
      "network.assignPolicy",
      "push.setPushEventSettings",
      "push.getPushEventSettings",
      "push.getPushEventStats",
      "push.sendTestPushEvent",
    ]) {
      const [mod, meth] = m.split(".") as [string, string];
      expect(rateClassOf(mod, meth), m).toBe("per-minute-5");
    }
  });

  it("allows 10/s per key (burst 10) and names the wait in whole seconds", () => {
    const l = new RateLimiter("real");
    for (let i = 0; i < 10; i++) expect(l.admit("k", "network", "x", 1000 + i).ok).toBe(true);
    expect(l.admit("k", "network", "x", 1500)).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(l.admit("other", "network", "x", 1500).ok).toBe(true);
    expect(l.admit("k", "network", "x", 2000).ok).toBe(true);
  });

  it("allows 5/s for companies and licensing, which also use the key-wide budget", () => {
    const l = new RateLimiter("real");
    for (let i = 0; i < 5; i++) expect(l.admit("k", "companies", "getCompanyDetails", i).ok).toBe(true);
    expect(l.admit("k", "licensing", "getLicenseInfo", 10).ok).toBe(false);
    for (let i = 0; i < 5; i++) expect(l.admit("k", "network", "x", 20 + i).ok).toBe(true);
    expect(l.admit("k", "network", "x", 30).ok).toBe(false);
  });

  it("allows 5/min for assignPolicy with Retry-After up to 60 s, and 30/min for account writes", () => {
    const l = new RateLimiter("real");
    for (let i = 0; i < 5; i++) expect(l.admit("k", "network", "assignPolicy", i * 2000).ok).toBe(true);
    expect(l.admit("k", "network", "assignPolicy", 10_000)).toEqual({ ok: false, retryAfterSeconds: 50 });
    expect(l.admit("k", "network", "assignPolicy", 60_000).ok).toBe(true);
    for (let i = 0; i < 30; i++) expect(l.admit("k", "accounts", "updateAccount", 100_000 + i * 200).ok).toBe(true);
    const r = l.admit("k", "accounts", "deleteAccount", 107_000);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.retryAfterSeconds).toBe(53);
  });

  it("scales windows by the factor and is a no-op when off", () => {
    const l = new RateLimiter(60);
    for (let i = 0; i < 5; i++) expect(l.admit("k", "push", "getPushEventStats", i).ok).toBe(true);
    expect(l.admit("k", "push", "getPushEventStats", 10)).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(l.admit("k", "push", "getPushEventStats", 1001).ok).toBe(true);
    const off = new RateLimiter("off");
    for (let i = 0; i < 1000; i++) expect(off.admit("k", "network", "assignPolicy", 0).ok).toBe(true);
    expect(() => new RateLimiter(0)).toThrow(/positive/);
  });
});

describe("HTTP 429", () => {
  let emu: RunningEmulator;
  const SECOND = "second-key-22222222222222222222222222222";
  beforeAll(async () => {
    emu = await start({ rateLimits: 60, keys: [{ key: "test-key-0000000000000000000000000000000" }, { key: SECOND }] });
  });
  afterAll(() => emu.close());

  it("refuses the 6th assignPolicy within the (scaled) minute with an HTML 429 and Retry-After, per key and per class", async () => {
    const params = { targetIds: [emu.state.rootCompanyId], inheritFromAbove: true };
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await rpc(emu, "network", "assignPolicy", params));
    expect(answers.slice(0, 5).map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    const limited = answers[5]!;
    expect(limited.status).toBe(429);
    expect(limited.headers.get("content-type")).toMatch(/^text\/html/);
    expect(limited.text).toMatch(/<html>[\s\S]*429 Too Many Requests/);
    expect(limited.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(Number(limited.headers.get("retry-after"))).toBe(1);
    expect((await rpc(emu, "network", "assignPolicy", params, { key: SECOND })).status).toBe(200);
    expect((await rpc(emu, "network", "getCustomGroupsList", {})).status).toBe(200);
    expect(
      emu
        .calls()
        .filter((c) => c.method === "assignPolicy")
        .map((c) => c.status),
    ).toContain(429);
    await new Promise((r) => setTimeout(r, 1100));
    expect((await rpc(emu, "network", "assignPolicy", params)).status).toBe(200);
  });
});

describe("HTTP 429 at the real per-second budget", () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await start({ rateLimits: "real" });
  });
  afterAll(() => emu.close());

  it("answers 429 to the 11th request of a burst, and 5/s for the companies module", async () => {
    const burst = await Promise.all(Array.from({ length: 12 }, () => rpc(emu, "network", "getCustomGroupsList", {})));
    const statuses = burst.map((a) => a.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(2);
    expect(burst.find((a) => a.status === 429)!.headers.get("retry-after")).toBe("1");
    await new Promise((r) => setTimeout(r, 1050));
    const companies = await Promise.all(
      Array.from({ length: 6 }, () => rpc(emu, "companies", "getCompanyDetails", {})),
    );
    expect(companies.map((a) => a.status).filter((s) => s === 429)).toHaveLength(1);
  });
});
