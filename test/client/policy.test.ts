import { afterEach, describe, expect, it, vi } from "vitest";
import {
  GravityZoneError,
  inOperation,
  KeyRateLimiter,
  SlidingWindowLimiter,
  backoffDelay,
  DEFAULT_RETRY_POLICY,
  parseRetryAfter,
  rateClassOf,
  redact,
  shouldRetry,
} from "../../provider/client";

const err = (kind: GravityZoneError["kind"], retryAfterMs?: number) =>
  new GravityZoneError({ kind, module: "m", method: "x", details: "d", retryAfterMs });

describe("shouldRetry", () => {
  it.each([
    ["rate-limited", false, true],
    ["rate-limited", true, true],
    ["server", false, true],
    ["network", false, true],
    ["server", true, false],
    ["network", true, false],
    ["invalid-params", false, false],
    ["auth", false, false],
    ["forbidden", false, false],
    ["not-found", false, false],
    ["unexpected-response", false, false],
  ] as const)("%s (write=%s) → %s", (kind, write, expected) => {
    expect(shouldRetry(err(kind), write)).toBe(expected);
  });
});

describe("backoffDelay", () => {
  it("doubles up to the cap with jitter in [cap/2, cap]", () => {
    const p = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1000 };
    expect(backoffDelay(1, p, undefined, () => 0)).toBe(50);
    expect(backoffDelay(1, p, undefined, () => 1)).toBe(100);
    expect(backoffDelay(3, p, undefined, () => 1)).toBe(400);
    expect(backoffDelay(10, p, undefined, () => 1)).toBe(1000);
  });
  it("uses Retry-After when the server gave one", () => {
    expect(backoffDelay(1, DEFAULT_RETRY_POLICY, err("rate-limited", 60_000))).toBe(60_000);
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds, the doubled '60, 60' form and HTTP dates", () => {
    expect(parseRetryAfter("60")).toBe(60_000);
    expect(parseRetryAfter("60, 60")).toBe(60_000);
    expect(parseRetryAfter(["5", "7"])).toBe(7_000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 0)).toBe(10_000);
    expect(parseRetryAfter(undefined)).toBeUndefined();
    expect(parseRetryAfter("soon")).toBeUndefined();
  });
});

describe("rate classes", () => {
  it.each([
    ["network", "getNetworkInventoryItems", "default"],
    ["companies", "createCompany", "companies"],
    ["licensing", "getLicenseInfo", "companies"],
    ["accounts", "createAccount", "per-minute-30"],
    ["accounts", "getAccountsList", "default"],
    ["incidents", "addToBlocklist", "per-minute-5"],
    ["incidents", "removeFromBlocklist", "per-minute-5"],
    ["network", "assignPolicy", "per-minute-5"],
    ["push", "setPushEventSettings", "per-minute-5"],
    ["push", "getPushEventSettings", "per-minute-5"],
  ] as const)("%s.%s → %s", (module, method, cls) => {
    expect(rateClassOf(module, method)).toBe(cls);
  });
});

describe("limiter spacing", () => {
  afterEach(() => vi.useRealTimers());

  it("grants 5 per minute, then waits out the window (plus a 2% margin) for the 6th", async () => {
    vi.useFakeTimers({ now: 0 });
    const l = new SlidingWindowLimiter({ limit: 5, windowMs: 60_000 });
    const granted: number[] = [];
    const all = Array.from({ length: 7 }, () => l.acquire().then(() => granted.push(Date.now())));
    await vi.advanceTimersByTimeAsync(200_000);
    await Promise.all(all);
    expect(granted.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    expect(granted[5]).toBe(61_000);
    expect(granted[6]).toBe(61_000);
    // no window of 60 s holds more than 5 grants
    for (const t of granted) expect(granted.filter((g) => g >= t && g < t + 60_000).length).toBeLessThanOrEqual(5);
  });

  it("spaces 10/s calls so no second holds more than 10, and a 429 pause holds the class", async () => {
    vi.useFakeTimers({ now: 0 });
    const k = new KeyRateLimiter();
    const granted: number[] = [];
    const all = Array.from({ length: 30 }, () =>
      k.acquire("network", "getEndpointsList").then(() => granted.push(Date.now())),
    );
    await vi.advanceTimersByTimeAsync(10_000);
    await Promise.all(all);
    for (const t of granted) expect(granted.filter((g) => g >= t && g < t + 1_000).length).toBeLessThanOrEqual(10);
    expect(granted[29]).toBeLessThan(2_200);
    k.pause("network", "getEndpointsList", 5_000);
    const start = Date.now();
    let at = 0;
    const p = k.acquire("network", "getEndpointsList").then(() => (at = Date.now()));
    await vi.advanceTimersByTimeAsync(6_000);
    await p;
    expect(at - start).toBeGreaterThanOrEqual(5_000);
  });

  it("narrow classes also consume the key-wide budget; a scale factor shrinks the windows", async () => {
    vi.useFakeTimers({ now: 0 });
    const k = new KeyRateLimiter(60);
    const granted: number[] = [];
    const all = Array.from({ length: 6 }, () =>
      k.acquire("incidents", "addToBlocklist").then(() => granted.push(Date.now())),
    );
    await vi.advanceTimersByTimeAsync(5_000);
    await Promise.all(all);
    // 5/min scaled by 60 = 5 per second (+2% margin)
    expect(granted[5]).toBe(1_020);
  });
});

describe("limiter order: oldest operation first", () => {
  afterEach(() => vi.useRealTimers());

  it("a call of an operation that started earlier goes before calls queued earlier by later operations", async () => {
    vi.useFakeTimers({ now: 0 });
    const l = new SlidingWindowLimiter({ limit: 1, windowMs: 100 });
    const granted: string[] = [];
    const call = (label: string) => l.acquire().then(() => void granted.push(label));
    let secondCall: Promise<void> | undefined;
    const first = inOperation(async () => {
      await call("first:1");
      // The first operation's next call arrives after the second operation has queued three.
      await new Promise((r) => setTimeout(r, 10));
      secondCall = call("first:2");
      await secondCall;
    });
    const second = inOperation(() => Promise.all([call("second:1"), call("second:2"), call("second:3")]));
    await vi.advanceTimersByTimeAsync(1_000);
    await Promise.all([first, second]);
    expect(granted).toEqual(["first:1", "first:2", "second:1", "second:2", "second:3"]);
  });

  it("calls outside any operation keep arrival order, and nested operations keep the outer order", async () => {
    vi.useFakeTimers({ now: 0 });
    const l = new SlidingWindowLimiter({ limit: 1, windowMs: 100 });
    const granted: string[] = [];
    const all = ["a", "b", "c"].map((x) => l.acquire().then(() => void granted.push(x)));
    const outer = inOperation(() => inOperation(() => l.acquire().then(() => void granted.push("nested"))));
    await vi.advanceTimersByTimeAsync(1_000);
    await Promise.all([...all, outer]);
    expect(granted).toEqual(["a", "b", "c", "nested"]);
  });

  it("calls of a scarce operation (one that takes a per-minute slot) go before those of older plain operations", async () => {
    vi.useFakeTimers({ now: 0 });
    const l = new SlidingWindowLimiter({ limit: 1, windowMs: 100 });
    const granted: string[] = [];
    const call = (label: string) => l.acquire().then(() => void granted.push(label));
    const plain = inOperation(() => Promise.all([call("plain:1"), call("plain:2"), call("plain:3")]));
    await vi.advanceTimersByTimeAsync(1);
    // Started later: its lookup and its write still come before the plain operation's calls left.
    const scarce = inOperation(
      async () => {
        await call("scarce:lookup");
        await call("scarce:write");
      },
      { scarce: true },
    );
    const laterScarce = inOperation(() => call("later scarce"), { scarce: true });
    await vi.advanceTimersByTimeAsync(2_000);
    await Promise.all([plain, scarce, laterScarce]);
    // plain:1 had its slot at once; among scarce operations, the older goes first.
    expect(granted).toEqual(["plain:1", "scarce:lookup", "scarce:write", "later scarce", "plain:2", "plain:3"]);
  });

  it("the key-wide budget serves a companies call of an older operation before default calls of newer ones", async () => {
    vi.useFakeTimers({ now: 0 });
    const k = new KeyRateLimiter();
    const granted: string[] = [];
    const older = inOperation(async () => {
      await new Promise((r) => setTimeout(r, 1));
      await k.acquire("companies", "createCompany").then(() => void granted.push("company"));
    });
    // Twenty default calls of a newer operation fill the first second's key-wide budget and queue.
    const newer = inOperation(() =>
      Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          k.acquire("network", "createCustomGroup").then(() => void granted.push(`group ${i}`)),
        ),
      ),
    );
    await vi.advanceTimersByTimeAsync(5_000);
    await Promise.all([older, newer]);
    // The company call arrived after the groups had taken the first 10 slots, but goes first in the next second.
    expect(granted.indexOf("company")).toBe(10);
  });

  it("the key-wide budget serves a companies call before default calls of even older operations", async () => {
    vi.useFakeTimers({ now: 0 });
    const k = new KeyRateLimiter();
    const granted: string[] = [];
    const older = inOperation(() =>
      Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          k.acquire("network", "getCustomGroupsList").then(() => void granted.push(`group ${i}`)),
        ),
      ),
    );
    const newer = inOperation(async () => {
      await new Promise((r) => setTimeout(r, 1));
      await k.acquire("companies", "getCompanyDetails").then(() => void granted.push("company"));
    });
    await vi.advanceTimersByTimeAsync(5_000);
    await Promise.all([older, newer]);
    // The companies class is the bottleneck of a mixed run: its call takes the next key-wide slot.
    expect(granted.indexOf("company")).toBe(10);
  });

  it("while companies calls wait, plain calls keep to half the key-wide budget, so the companies class never loses a slot", async () => {
    vi.useFakeTimers({ now: 0 });
    const k = new KeyRateLimiter();
    const companies: number[] = [];
    const plain: number[] = [];
    // 15 companies calls whose answers take 30 ms (slots count from the answer), and a steady
    // stream of plain calls with answers of 0–40 ms: more than the key-wide budget can take.
    const answerIn = (ms: number) => (release: (at?: number) => void) =>
      new Promise<void>((r) => setTimeout(() => (release(), r()), ms));
    const company = Array.from({ length: 15 }, () =>
      k
        .acquire("companies", "getCompanyDetails", { hold: true })
        .then((rel) => (companies.push(Date.now()), answerIn(30)(rel))),
    );
    const stream = (async () => {
      const calls: Promise<void>[] = [];
      for (let i = 0; i < 100; i++) {
        calls.push(
          k
            .acquire("network", "getCustomGroupsList", { hold: true })
            .then((rel) => (plain.push(Date.now()), answerIn((i * 7) % 41)(rel))),
        );
        await new Promise((r) => setTimeout(r, 25));
      }
      await Promise.all(calls);
    })();
    await vi.advanceTimersByTimeAsync(20_000);
    await Promise.all([...company, stream]);
    // The companies class alone sets the pace: 5 at once, then 5 more each time its slots come back
    // (answer after 30 ms + the 1 s window + 20 ms margin), never later.
    expect(companies).toEqual([0, 0, 0, 0, 0, 1050, 1050, 1050, 1050, 1050, 2100, 2100, 2100, 2100, 2100]);
    // No window of the key-wide budget ever held more than 10 calls.
    const all = [...companies, ...plain].sort((a, b) => a - b);
    for (const t of all) expect(all.filter((g) => g >= t && g < t + 1_000).length).toBeLessThanOrEqual(10);
  });
});

describe("redact", () => {
  it("removes the key in plain, Basic-auth and URL-encoded form", () => {
    const key = "abc/def+ghi=";
    const text = `key ${key} basic ${Buffer.from(`${key}:`).toString("base64")} url ${encodeURIComponent(key)}`;
    const out = redact(text, [key]);
    expect(out).not.toContain(key);
    expect(out).not.toContain(Buffer.from(`${key}:`).toString("base64"));
    expect(out).not.toContain(encodeURIComponent(key));
  });
});
