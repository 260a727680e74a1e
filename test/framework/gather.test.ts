/**
 * The one gathering rule (provider/framework/gather.ts) that shared listings and batched blocklist
 * writes both use: join the batch not yet sent, wait for the one before, close on send, cap the size.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { GATHER_MS, Gathering, gatheringOf } from "../../provider/framework/gather";

/** A sender that records each batch it sends and when, sends after `waitMs`, and answers after 5 ms more. */
function recorder(waitMs: number) {
  const batches: { items: string[]; at: number }[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const send = (items: readonly string[], sent: () => void) =>
    new Promise<string>((resolve) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      setTimeout(() => {
        sent();
        batches.push({ items: [...items], at: Date.now() });
        setTimeout(() => {
          inFlight--;
          resolve(items.join(","));
        }, 5);
      }, waitMs);
    });
  return { send, batches, maxInFlight: () => maxInFlight };
}

describe("Gathering", () => {
  afterEach(() => vi.useRealTimers());

  it("sends requests made together as one batch, after waiting GATHER_MS", async () => {
    vi.useFakeTimers({ now: 0 });
    const g = new Gathering<string, string>();
    const r = recorder(0);
    const all = Promise.all(["a", "b", "c"].map((x) => g.join(x, r.send)));
    await vi.advanceTimersByTimeAsync(GATHER_MS - 1);
    expect(r.batches).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(100);
    expect(await all).toEqual(["a,b,c", "a,b,c", "a,b,c"]);
    expect(r.batches.map((b) => b.items)).toEqual([["a", "b", "c"]]);
    expect(r.batches[0]!.at).toBeGreaterThanOrEqual(GATHER_MS);
  });

  it("lets requests join until the batch signals sent, then opens the next one after it", async () => {
    vi.useFakeTimers({ now: 0 });
    const g = new Gathering<string, string>();
    const r = recorder(200);
    const first = g.join("a", r.send);
    await vi.advanceTimersByTimeAsync(GATHER_MS + 100);
    // Started but not sent yet (say, waiting for a rate-limit slot): joins.
    const joined = g.join("b", r.send);
    await vi.advanceTimersByTimeAsync(150);
    // Sent: waits for a batch of its own, which starts only when this one is done.
    const later = g.join("c", r.send);
    await vi.advanceTimersByTimeAsync(1_000);
    expect([await first, await joined, await later]).toEqual(["a,b", "a,b", "c"]);
    expect(r.batches.map((b) => b.items)).toEqual([["a", "b"], ["c"]]);
    expect(r.maxInFlight()).toBe(1);
  });

  it("opens a new batch once the open one holds max requests", async () => {
    vi.useFakeTimers({ now: 0 });
    const g = new Gathering<string, string>({ max: 2 });
    const r = recorder(0);
    const all = Promise.all(["a", "b", "c", "d", "e"].map((x) => g.join(x, r.send)));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await all).toEqual(["a,b", "a,b", "c,d", "c,d", "e"]);
    expect(r.batches.map((b) => b.items)).toEqual([["a", "b"], ["c", "d"], ["e"]]);
  });

  it("rejects every request of a failed batch, and the next batch still goes out", async () => {
    vi.useFakeTimers({ now: 0 });
    const g = new Gathering<string, string>();
    let calls = 0;
    const send = async (items: readonly string[]) => {
      calls++;
      if (calls === 1) throw new Error("refused");
      return items.join(",");
    };
    const a = g.join("a", send);
    const b = g.join("b", send);
    const caught = Promise.allSettled([a, b]);
    await vi.advanceTimersByTimeAsync(100);
    expect((await caught).map((s) => s.status)).toEqual(["rejected", "rejected"]);
    const c = g.join("c", send);
    await vi.advanceTimersByTimeAsync(100);
    expect(await c).toBe("c");
    expect(calls).toBe(2);
  });

  it("keeps one queue per owner and key", () => {
    const store = new WeakMap<object, Map<string, Gathering<unknown, unknown>>>();
    const owner = {};
    expect(gatheringOf(store, owner, "k")).toBe(gatheringOf(store, owner, "k"));
    expect(gatheringOf(store, owner, "k")).not.toBe(gatheringOf(store, owner, "other"));
    expect(gatheringOf(store, owner, "k")).not.toBe(gatheringOf(store, {}, "k"));
  });
});
