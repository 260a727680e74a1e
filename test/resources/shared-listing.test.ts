import { afterEach, describe, expect, it, vi } from "vitest";
import type { GravityZoneClient } from "../../provider/client";
import { GATHER_MS, listingWrite, sharedListing } from "../../provider/framework/shared-listing";

/** The listings only use the client as a key: any object stands in for one. */
const client = () => ({}) as GravityZoneClient;

/** A listing whose request "goes out" `waitMs` after it is started (a rate-limit wait), then answers `answer()`. */
function lister(waitMs: number, answer: () => string[]) {
  const started: number[] = [];
  const fn = (sent: () => void) => {
    started.push(Date.now());
    return new Promise<string[]>((resolve) =>
      setTimeout(() => {
        sent();
        const value = answer();
        setTimeout(() => resolve(value), 5);
      }, waitMs),
    );
  };
  return { fn, started };
}

describe("shared listings", () => {
  afterEach(() => vi.useRealTimers());

  it("requesters join a listing until its request is sent (say, while it waits for a rate-limit slot), not after", async () => {
    vi.useFakeTimers({ now: 0 });
    const c = client();
    let state = ["a"];
    const l = lister(500, () => [...state]);
    const first = sharedListing(c, "k", "p", {}, l.fn);
    await vi.advanceTimersByTimeAsync(GATHER_MS + 300);
    // Still waiting to be sent: this one joins.
    const joined = sharedListing(c, "k", "p", {}, l.fn);
    await vi.advanceTimersByTimeAsync(300);
    // Sent by now: a change made after that must not be missed, so this one waits for the next listing.
    state = ["a", "b"];
    const later = sharedListing(c, "k", "p", {}, l.fn);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(await first).toEqual(["a"]);
    expect(await joined).toEqual(["a"]);
    expect(await later).toEqual(["a", "b"]);
    expect(l.started).toHaveLength(2);
  });

  it("reads reuse a recent listing for the same list, unless a write of that kind came after it", async () => {
    vi.useFakeTimers({ now: 0 });
    const c = client();
    let state = ["a"];
    const l = lister(0, () => [...state]);
    const read = () => sharedListing(c, "groups", "p", { reuse: true }, l.fn);
    const one = read();
    await vi.advanceTimersByTimeAsync(100);
    expect(await one).toEqual(["a"]);
    expect(await read()).toEqual(["a"]);
    expect(l.started).toHaveLength(1);
    // A write of another kind does not matter; one of this kind does.
    await listingWrite(c, "blocklist", async () => undefined);
    expect(await read()).toEqual(["a"]);
    await listingWrite(c, "groups", async () => void (state = ["a", "b"]));
    const after = read();
    await vi.advanceTimersByTimeAsync(100);
    expect(await after).toEqual(["a", "b"]);
    expect(l.started).toHaveLength(2);
    // Creates (no reuse) never take a recent answer.
    const create = sharedListing(c, "groups", "p", {}, l.fn);
    await vi.advanceTimersByTimeAsync(100);
    await create;
    expect(l.started).toHaveLength(3);
  });
});
