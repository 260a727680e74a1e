/**
 * The client's budget accounting against the server's: a slot is counted from when the call is sent
 * (a narrow class together with the key-wide budget) and held for a window after its answer, so a
 * call delayed on its way can never make the server see more than the budget in a window.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { startEmulator } from "../../emulator";
import { GravityZoneClient, KeyRateLimiter, SlidingWindowLimiter } from "../../provider/client";

describe("slot release", () => {
  afterEach(() => vi.useRealTimers());

  it("a released slot counts from its release, not its grant", async () => {
    vi.useFakeTimers({ now: 0 });
    const l = new SlidingWindowLimiter({ limit: 5, windowMs: 1_000 });
    const releases = await Promise.all(Array.from({ length: 5 }, () => l.acquire()));
    await vi.advanceTimersByTimeAsync(300);
    for (const r of releases) r();
    let at = -1;
    const sixth = l.acquire().then(() => (at = Date.now()));
    await vi.advanceTimersByTimeAsync(5_000);
    await sixth;
    // released at 300: free again one window (+2% margin) later
    expect(at).toBe(1_320);
  });

  it("a narrow class is stamped when the key-wide budget lets the call go, not before", async () => {
    vi.useFakeTimers({ now: 0 });
    const k = new KeyRateLimiter();
    for (const r of await Promise.all(Array.from({ length: 10 }, () => k.acquire("network", "getEndpointsList")))) r();
    const granted: number[] = [];
    const all = Array.from({ length: 6 }, () =>
      k.acquire("companies", "getCompanyDetails").then((r) => (granted.push(Date.now()), r())),
    );
    await vi.advanceTimersByTimeAsync(10_000);
    await Promise.all(all);
    // The first five wait for the key-wide budget (free at 1020) and are counted from then, so the
    // sixth waits a whole companies window after them.
    expect(granted.slice(0, 5)).toEqual([1_020, 1_020, 1_020, 1_020, 1_020]);
    expect(granted[5]).toBe(2_040);
  });
});

describe("against the emulator's limits, with requests delayed on their way", () => {
  it("a burst of calls under jittery latency gets no 429", async () => {
    const scale = 20;
    const emu = await startEmulator({ rateLimits: scale, faults: { latencyJitterMs: 30, seed: 7 } });
    try {
      const c = new GravityZoneClient({ accessUrl: emu.url, apiKey: emu.keys[0]!.key, rateLimitScale: scale });
      await Promise.all(Array.from({ length: 60 }, () => c.call("general", "getApiKeyDetails", {}, z.unknown())));
      await Promise.all(Array.from({ length: 30 }, () => c.call("companies", "getCompanyDetails", {}, z.unknown())));
      expect(emu.calls().filter((r) => r.status === 429)).toHaveLength(0);
      expect(c.stats.rateLimited).toBe(0);
    } finally {
      await emu.close();
    }
  });
});
