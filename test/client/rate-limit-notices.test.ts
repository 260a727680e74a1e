/**
 * Long rate-limit waits are announced: once per wait, with the method, how long, the class and why,
 * never repeated while the call waits, and never at the cost of the call.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  ANNOUNCE_GATHER_MS,
  ANNOUNCE_WAIT_MS,
  BUDGETS,
  formatWait,
  KeyRateLimiter,
  type SlotRelease,
} from "../../provider/client/rate-limit";

/** A limiter at the real budgets whose announcements are collected. */
function limiter(scale = 1) {
  const said: string[] = [];
  return { k: new KeyRateLimiter(scale, (m) => said.push(m)), said };
}

/** Takes (and releases at once) `n` slots of a method. */
async function spend(k: KeyRateLimiter, module: string, method: string, n: number): Promise<void> {
  for (const r of await Promise.all(Array.from({ length: n }, () => k.acquire(module, method)))) r();
}

const fiveAMinute = BUDGETS["per-minute-5"].limit;

describe("announcing long rate-limit waits", () => {
  afterEach(() => vi.useRealTimers());

  it("a call that must wait for the 5-per-minute budget is announced once, when it starts waiting", async () => {
    vi.useFakeTimers({ now: 0 });
    const { k, said } = limiter();
    await spend(k, "push", "setPushEventSettings", fiveAMinute);
    let granted = false;
    const sixth = k.acquire("push", "getPushEventSettings").then((r) => ((granted = true), r()));
    await vi.advanceTimersByTimeAsync(ANNOUNCE_GATHER_MS);
    expect(said).toEqual([
      "push.getPushEventSettings waits about 1 min 1 s for a rate-limit slot: GravityZone allows 5 requests per minute per API key for " +
        "blocklist changes, policy assignments and push settings, together (rate-limit class per-minute-5).",
    ]);
    // Not repeated while it waits, nor when it goes.
    await vi.advanceTimersByTimeAsync(2 * BUDGETS["per-minute-5"].windowMs);
    await sixth;
    expect(granted).toBe(true);
    expect(said).toHaveLength(1);
  });

  it("a wait shorter than the threshold says nothing", async () => {
    vi.useFakeTimers({ now: 0 });
    const { k, said } = limiter();
    // The 11th call of a second waits about a second for the key-wide 10/s.
    const calls = Promise.all([
      spend(k, "network", "getEndpointsList", BUDGETS.default.limit + 1),
      spend(k, "companies", "getCompanyDetails", BUDGETS.companies.limit + 1),
    ]);
    await vi.advanceTimersByTimeAsync(ANNOUNCE_WAIT_MS * 3);
    await calls;
    expect(said).toEqual([]);
  });

  it("sequential calls (a long hash removal) get one message per long wait, each with its own figure", async () => {
    vi.useFakeTimers({ now: 0 });
    const { k, said } = limiter();
    const calls = 3 * fiveAMinute + 1;
    const done = (async () => {
      for (let i = 0; i < calls; i++) (await k.acquire("incidents", "removeFromBlocklist"))();
    })();
    await vi.advanceTimersByTimeAsync(4 * BUDGETS["per-minute-5"].windowMs);
    await done;
    // Calls 6, 11 and 16 each wait a window; the others go at once.
    expect(said).toHaveLength(3);
    for (const m of said) {
      expect(m).toMatch(
        /^incidents\.removeFromBlocklist waits about 1 min 1 s for a rate-limit slot: GravityZone allows 5 requests per minute/,
      );
    }
  });

  it("calls that start a long wait together make one message that counts them by method", async () => {
    vi.useFakeTimers({ now: 0 });
    const { k, said } = limiter();
    await spend(k, "push", "getPushEventSettings", fiveAMinute);
    const waiting = [
      ...Array.from({ length: 3 }, () => k.acquire("push", "getPushEventSettings")),
      ...Array.from({ length: 2 }, () => k.acquire("network", "assignPolicy")),
    ];
    await vi.advanceTimersByTimeAsync(ANNOUNCE_GATHER_MS);
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(
      /^5 calls \(push\.getPushEventSettings ×3, network\.assignPolicy ×2\) wait up to about 1 min 1 s for a rate-limit slot: /,
    );
    expect(said[0]).toContain("(rate-limit class per-minute-5)");
    await vi.advanceTimersByTimeAsync(BUDGETS["per-minute-5"].windowMs * 2);
    for (const r of await Promise.all(waiting)) r();
    expect(said).toHaveLength(1);
  });

  it("calls that go with an announced one are covered by it; one that waits a window more is announced with the calls ahead", async () => {
    vi.useFakeTimers({ now: 0 });
    const { k, said } = limiter();
    await spend(k, "push", "setPushEventSettings", fiveAMinute);
    const waiting = [k.acquire("push", "setPushEventSettings")];
    await vi.advanceTimersByTimeAsync(ANNOUNCE_GATHER_MS);
    expect(said).toHaveLength(1);
    // Four more go in the same window as the announced call: nothing new to say.
    for (let i = 1; i < fiveAMinute; i++) waiting.push(k.acquire("push", "setPushEventSettings"));
    await vi.advanceTimersByTimeAsync(ANNOUNCE_GATHER_MS);
    expect(said).toHaveLength(1);
    // The next one waits a window more.
    waiting.push(k.acquire("network", "assignPolicy"));
    await vi.advanceTimersByTimeAsync(ANNOUNCE_GATHER_MS);
    expect(said).toHaveLength(2);
    expect(said[1]).toMatch(
      /^network\.assignPolicy waits about 2 min 1 s for a rate-limit slot: GravityZone allows 5 requests per minute /,
    );
    expect(said[1]).toMatch(/\(rate-limit class per-minute-5\); 5 calls of that budget go first\.$/);
    await vi.advanceTimersByTimeAsync(3 * BUDGETS["per-minute-5"].windowMs);
    for (const r of await Promise.all(waiting)) r();
    expect(said).toHaveLength(2);
  });

  it("a call expected to go soon that is still waiting after the threshold is announced then, once", async () => {
    vi.useFakeTimers({ now: 0 });
    const { k, said } = limiter();
    // Five companies calls in flight hold the 5/s budget until they answer (10 s from now).
    const held: SlotRelease[] = await Promise.all(
      Array.from({ length: BUDGETS.companies.limit }, () =>
        k.acquire("companies", "getCompanyDetails", { hold: true }),
      ),
    );
    let granted = false;
    const sixth = k.acquire("companies", "getCompanyDetails").then((r) => ((granted = true), r()));
    await vi.advanceTimersByTimeAsync(ANNOUNCE_WAIT_MS - 1);
    expect(said).toEqual([]);
    await vi.advanceTimersByTimeAsync(1 + ANNOUNCE_GATHER_MS);
    expect(said).toEqual([
      "companies.getCompanyDetails has waited 5 s for a rate-limit slot and waits about 1 s more: GravityZone allows 5 requests per second per API key " +
        "for the companies and licensing APIs (rate-limit class companies).",
    ]);
    await vi.advanceTimersByTimeAsync(10_000 - ANNOUNCE_WAIT_MS - ANNOUNCE_GATHER_MS);
    for (const r of held) r();
    await vi.advanceTimersByTimeAsync(5_000);
    await sixth;
    expect(granted).toBe(true);
    expect(said).toHaveLength(1);
  });

  it("a pause asked for with 429 Retry-After is named as the reason", async () => {
    vi.useFakeTimers({ now: 0 });
    const { k, said } = limiter();
    k.pause("network", "assignPolicy", 30_000);
    const call = k.acquire("network", "assignPolicy");
    await vi.advanceTimersByTimeAsync(ANNOUNCE_GATHER_MS);
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/^network\.assignPolicy waits about 30 s for a rate-limit slot: /);
    expect(said[0]).toContain(
      ": GravityZone answered 429 (too many requests) and asked for a pause of 30 s; GravityZone allows 5 requests per minute",
    );
    await vi.advanceTimersByTimeAsync(30_000);
    (await call)();
    expect(said).toHaveLength(1);
  });

  it("says when the windows are time-scaled for an emulator", async () => {
    vi.useFakeTimers({ now: 0 });
    const { k, said } = limiter(6);
    await spend(k, "incidents", "addToBlocklist", fiveAMinute);
    const call = k.acquire("incidents", "addToBlocklist");
    await vi.advanceTimersByTimeAsync(ANNOUNCE_GATHER_MS);
    expect(said).toEqual([
      "incidents.addToBlocklist waits about 10 s for a rate-limit slot: GravityZone allows 5 requests per minute per API key for blocklist changes, " +
        "policy assignments and push settings, together (rate-limit class per-minute-5, windows divided by 6 for a time-scaled emulator).",
    ]);
    await vi.advanceTimersByTimeAsync(20_000);
    (await call)();
  });

  it("a failing announcement never fails or holds up the call", async () => {
    vi.useFakeTimers({ now: 0 });
    const k = new KeyRateLimiter(1, () => {
      throw new Error("log down");
    });
    await spend(k, "push", "setPushEventSettings", fiveAMinute);
    let granted = false;
    const sixth = k.acquire("push", "setPushEventSettings").then((r) => ((granted = true), r()));
    await vi.advanceTimersByTimeAsync(BUDGETS["per-minute-5"].windowMs + 2_000);
    await sixth;
    expect(granted).toBe(true);
  });

  it("formats waits in seconds and minutes", () => {
    expect([0, 400, 1_499, 51_000, 60_000, 61_200, 200_000].map(formatWait)).toEqual([
      "1 s",
      "1 s",
      "1 s",
      "51 s",
      "1 min",
      "1 min 1 s",
      "3 min 20 s",
    ]);
  });
});
