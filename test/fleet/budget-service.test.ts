/**
 * The fleet's shared budget: one budget per key and class for several processes (simulated here by
 * several limiters, each as a separate process would build it), served oldest operation first; the
 * fall-back to 1/K when the service is unreachable; the share setting; and, against the emulator
 * with its real budgets (time-scaled), no 429 with K clients sharing one key.
 */
import { spawn } from "node:child_process";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startEmulator } from "../../emulator";
import { GravityZoneClient } from "../../provider/client";
import { keyFingerprint, startBudgetService, type RunningBudgetService } from "../../provider/client/budget-service";
import { BUDGETS, KeyRateLimiter, shareBudget } from "../../provider/client/rate-limit";
import { SharedBudgetLimiter } from "../../provider/client/shared-budget";
import { resolveSettings } from "../../provider/settings";
import { REPO_ROOT } from "../helpers/pulumi-cli";
import { z } from "zod";

const KEY = keyFingerprint("http://127.0.0.1:1/api", "a-local-test-key");
/** Windows divided by 20: the key-wide budget is 10 calls per 50 ms. */
const SCALE = 20;

let service: RunningBudgetService | undefined;
afterEach(async () => {
  await service?.close();
  service = undefined;
});

/** The most grants in any window of `windowMs` among `times`. */
function peak(times: number[], windowMs: number): number {
  const ts = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < ts.length; i++) {
    while (ts[i]! - ts[j]! >= windowMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

function processLimiter(s: RunningBudgetService, client: string, scale = SCALE) {
  return new SharedBudgetLimiter(
    { url: s.url, token: s.token, client, fallbackShare: 1 },
    KEY,
    scale,
    1,
    () => undefined,
  );
}

describe("the budget service", () => {
  it("serves several processes from one budget: never more than the key's budget in any window", async () => {
    service = await startBudgetService();
    const limiters = [0, 1, 2, 3].map((i) => processLimiter(service!, `stack-${i}`));
    const granted: number[] = [];
    await Promise.all(
      limiters.flatMap((l) =>
        Array.from({ length: 15 }, async () => {
          const release = await l.acquire("network", "getCustomGroupsList");
          granted.push(Date.now());
          release();
        }),
      ),
    );
    expect(granted).toHaveLength(60);
    expect(peak(granted, BUDGETS.default.windowMs / SCALE)).toBeLessThanOrEqual(BUDGETS.default.limit);
    // 60 calls at 10 per window take at least 5 windows: the processes did not each get the budget.
    expect(Math.max(...granted) - Math.min(...granted)).toBeGreaterThanOrEqual((5 * 1_000) / SCALE);
    expect(service.stats()).toMatchObject({
      "stack-0": { granted: 15, rateLimited: 0 },
      "stack-3": { granted: 15, rateLimited: 0 },
    });
  });

  it("serves the oldest operation first, whichever process it belongs to", async () => {
    service = await startBudgetService();
    // Windows of 500 ms: time enough for every request to reach the queue before a slot frees.
    const a = processLimiter(service, "a", 2);
    const b = processLimiter(service, "b", 2);
    // Fill the window, so that everything after waits in the queue.
    for (const release of await Promise.all(
      Array.from({ length: 10 }, () => a.acquire("network", "getNetworkInventoryItems")),
    ))
      release();
    const order: string[] = [];
    const waits = [
      ...[300, 301, 302].map((o) =>
        a.acquire("network", "getCustomGroupsList", { order: o }).then((r) => (order.push(`a${o}`), r())),
      ),
      ...[100, 101, 102].map((o) =>
        b.acquire("network", "getCustomGroupsList", { order: o }).then((r) => (order.push(`b${o}`), r())),
      ),
    ];
    await Promise.all(waits);
    expect(order).toEqual(["b100", "b101", "b102", "a300", "a301", "a302"]);
  });

  it("a 429 reported by one process pauses the class for all of them", async () => {
    service = await startBudgetService();
    const a = processLimiter(service, "a");
    const b = processLimiter(service, "b");
    a.pause("companies", "getCompaniesList", 300);
    await new Promise((r) => setTimeout(r, 30));
    const t0 = Date.now();
    (await b.acquire("companies", "getCompanyDetails"))();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(200);
    expect(service.stats().a).toEqual({ granted: 0, rateLimited: 1 });
  });

  it("a process that exits with calls in flight gives their slots back at once", async () => {
    service = await startBudgetService();
    // A separate process takes the whole key-wide budget (slots held: calls in flight) and exits.
    const script = `
      const { SharedBudgetLimiter } = require(${JSON.stringify(path.join(REPO_ROOT, "dist/provider/client/shared-budget.js"))});
      const l = new SharedBudgetLimiter({ url: process.env.U, token: process.env.T, client: "gone", fallbackShare: 1 }, process.env.K, 1, 1, () => {});
      Promise.all(Array.from({ length: 10 }, () => l.acquire("network", "getCustomGroupsList"))).then(() => process.exit(0));
    `;
    const code = await new Promise<number | null>((resolve) => {
      const child = spawn(process.execPath, ["-e", script], {
        env: { ...process.env, U: service!.url, T: service!.token, K: KEY },
        stdio: "inherit",
      });
      child.on("close", resolve);
    });
    expect(code).toBe(0);
    expect(service.stats().gone!.granted).toBe(10);
    // At the real budget (scale 1), the next call goes one window (1 s) after the exit, not after a lease.
    const t0 = Date.now();
    const l = new SharedBudgetLimiter(
      { url: service.url, token: service.token, client: "next", fallbackShare: 1 },
      KEY,
      1,
      1,
      () => undefined,
    );
    (await l.acquire("network", "getCustomGroupsList"))();
    expect(Date.now() - t0).toBeLessThan(1_500);
    expect(l.fellBack).toBe(false);
  });

  it("refuses requests without its token, and never needs the API key", async () => {
    service = await startBudgetService();
    const res = await fetch(`${service.url}/v1/acquire`, {
      method: "POST",
      body: JSON.stringify({ key: KEY, scale: 1, share: 1, module: "network", method: "x", order: 1 }),
    });
    expect(res.status).toBe(401);
    const wrongKey = await fetch(`${service.url}/v1/acquire`, {
      method: "POST",
      headers: { authorization: `Bearer ${service.token}` },
      body: JSON.stringify({ key: "a-local-test-key", scale: 1, share: 1, module: "network", method: "x", order: 1 }),
    });
    expect(wrongKey.status).toBe(400);
    expect(KEY).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("the fall-back when the service is unreachable", () => {
  it("falls back to its own limiter at 1/K of each budget, after waiting out one window", async () => {
    service = await startBudgetService();
    const url = service.url;
    await service.close();
    service = undefined;
    const said: string[] = [];
    const l = new SharedBudgetLimiter(
      { url, token: "x".repeat(64), client: "a", fallbackShare: 1 / 4 },
      KEY,
      SCALE,
      1,
      (m) => said.push(m),
    );
    const t0 = Date.now();
    const granted: number[] = [];
    for (let i = 0; i < 6; i++) {
      (await l.acquire("network", "getCustomGroupsList"))();
      granted.push(Date.now());
    }
    expect(l.fellBack).toBe(true);
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/unreachable .*1\/4 of each GravityZone budget/);
    const windowMs = BUDGETS.default.windowMs / SCALE;
    // The first call waited a whole window; then at most 10/4 → 2 per window.
    expect(granted[0]! - t0).toBeGreaterThanOrEqual(windowMs);
    expect(peak(granted, windowMs)).toBeLessThanOrEqual(2);
  });

  it("falls back when the service goes away during a run, with no second announcement", async () => {
    service = await startBudgetService();
    const said: string[] = [];
    const l = new SharedBudgetLimiter(
      { url: service.url, token: service.token, client: "a", fallbackShare: 1 / 2 },
      KEY,
      SCALE,
      1,
      (m) => said.push(m),
    );
    (await l.acquire("network", "getCustomGroupsList"))();
    expect(l.fellBack).toBe(false);
    await service.close();
    service = undefined;
    await Promise.all(Array.from({ length: 4 }, async () => (await l.acquire("network", "getCustomGroupsList"))()));
    expect(l.fellBack).toBe(true);
    expect(said).toHaveLength(1);
  });

  it("K processes at 1/K each stay within the key's budget in every window", async () => {
    const K = 4;
    const limiters = Array.from({ length: K }, () => new KeyRateLimiter(SCALE, () => undefined, 1 / K));
    const byClass: Record<string, number[]> = { default: [], companies: [] };
    await Promise.all(
      limiters.flatMap((l) => [
        ...Array.from({ length: 8 }, async () => {
          (await l.acquire("network", "getCustomGroupsList"))();
          byClass.default!.push(Date.now());
        }),
        ...Array.from({ length: 4 }, async () => {
          (await l.acquire("companies", "getCompanyDetails"))();
          byClass.companies!.push(Date.now());
          byClass.default!.push(Date.now());
        }),
      ]),
    );
    expect(peak(byClass.default!, 1_000 / SCALE)).toBeLessThanOrEqual(BUDGETS.default.limit);
    expect(peak(byClass.companies!, 1_000 / SCALE)).toBeLessThanOrEqual(BUDGETS.companies.limit);
  });
});

describe("the share setting", () => {
  it("scales every class's budget, rounding calls down within the same window", () => {
    expect(shareBudget(BUDGETS.default, 1)).toEqual(BUDGETS.default);
    expect(shareBudget(BUDGETS.default, 0.5)).toEqual({ limit: 5, windowMs: 1_000 });
    expect(shareBudget(BUDGETS.default, 1 / 3)).toEqual({ limit: 3, windowMs: 1_000 });
    expect(shareBudget(BUDGETS.companies, 1 / 5)).toEqual({ limit: 1, windowMs: 1_000 });
    expect(shareBudget(BUDGETS["per-minute-30"], 1 / 4)).toEqual({ limit: 7, windowMs: 60_000 });
    // Less than one call per window: one call per longer window (the rate is the share).
    expect(shareBudget(BUDGETS["per-minute-5"], 1 / 10)).toEqual({ limit: 1, windowMs: 120_000 });
    expect(() => shareBudget(BUDGETS.default, 0)).toThrow(RangeError);
    expect(() => shareBudget(BUDGETS.default, 1.5)).toThrow(RangeError);
  });

  it("comes from gravityzone:rateLimitShare or GRAVITYZONE_RATE_LIMIT_SHARE, and is checked", () => {
    const config = (v: Record<string, string>) => (k: string) => v[k];
    expect(resolveSettings(config({ "gravityzone:rateLimitShare": "0.25" }), {}).rateLimitShare).toBe(0.25);
    expect(resolveSettings(config({}), { GRAVITYZONE_RATE_LIMIT_SHARE: "0.5" }).rateLimitShare).toBe(0.5);
    expect(resolveSettings(config({}), {}).rateLimitShare).toBe(1);
    expect(() => resolveSettings(config({ "gravityzone:rateLimitShare": "2" }), {})).toThrow(/rateLimitShare/);
    expect(() => resolveSettings(config({ "gravityzone:rateLimitShare": "0" }), {})).toThrow(/rateLimitShare/);
  });

  it("the fleet's service comes from the environment only", () => {
    const s = resolveSettings(() => undefined, {
      GRAVITYZONE_BUDGET_URL: "http://127.0.0.1:4000",
      GRAVITYZONE_BUDGET_TOKEN: "t",
      GRAVITYZONE_BUDGET_CLIENT: "contoso",
      GRAVITYZONE_BUDGET_FALLBACK_SHARE: "0.125",
    });
    expect(s.budgetService).toEqual({
      url: "http://127.0.0.1:4000",
      token: "t",
      client: "contoso",
      fallbackShare: 0.125,
    });
    expect(resolveSettings(() => undefined, {}).budgetService).toBeUndefined();
  });

  it("a limiter at share 1/2 grants at most half the key-wide budget per window", async () => {
    const l = new KeyRateLimiter(SCALE, () => undefined, 0.5);
    const granted: number[] = [];
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        (await l.acquire("network", "getCustomGroupsList"))();
        granted.push(Date.now());
      }),
    );
    expect(peak(granted, 1_000 / SCALE)).toBeLessThanOrEqual(5);
  });
});

describe("against the emulator's real budgets", () => {
  it("four clients of one key through the service: no 429", async () => {
    const scale = 10;
    const emu = await startEmulator({ rateLimits: scale });
    service = await startBudgetService();
    try {
      const clients = [0, 1, 2, 3].map(
        (i) =>
          new GravityZoneClient({
            accessUrl: emu.url,
            apiKey: emu.keys[0]!.key,
            rateLimitScale: scale,
            budgetService: { url: service!.url, token: service!.token, client: `s${i}`, fallbackShare: 1 / 4 },
          }),
      );
      await Promise.all(
        clients.flatMap((c) =>
          Array.from({ length: 12 }, () => c.call("companies", "getCompanyDetails", {}, z.unknown())),
        ),
      );
      expect(emu.calls().filter((c) => c.status === 429)).toEqual([]);
      expect(clients.map((c) => c.stats.rateLimited)).toEqual([0, 0, 0, 0]);
      expect(service.granted()).toBe(48);
    } finally {
      await emu.close();
    }
  }, 60_000);
});
