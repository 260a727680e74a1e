/**
 * Client-side rate limiting with GravityZone's documented budgets, so calls wait for a slot instead of
 * being refused. One limiter per API key per process: every resource of a `pulumi up` (they all run in
 * the same dynamic-provider process) shares it.
 *
 * Budgets (API-FACTS.md, "Rate limits"): 10 requests/s per key by default; 5/s for the companies and
 * licensing modules; 30/min for account writes, notification settings, reports and scan tasks; 5/min
 * for blocklist changes, assignPolicy and the push-settings methods. A call in a narrower class also
 * takes a slot of the key-wide 10/s budget.
 */
import { createHash } from "node:crypto";
/** Waits `ms` milliseconds (global timers, so tests can fake them). */
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The rate-limit classes GravityZone applies. */
export type RateClass = "default" | "companies" | "per-minute-30" | "per-minute-5";

/** A budget: at most `limit` calls in any window of `windowMs`. */
export interface Budget {
  /** Calls allowed per window. */
  readonly limit: number;
  /** Window length in milliseconds. */
  readonly windowMs: number;
}

/** The documented budgets per class. */
export const BUDGETS: Readonly<Record<RateClass, Budget>> = {
  default: { limit: 10, windowMs: 1_000 },
  companies: { limit: 5, windowMs: 1_000 },
  "per-minute-30": { limit: 30, windowMs: 60_000 },
  "per-minute-5": { limit: 5, windowMs: 60_000 },
};

const PER_MINUTE_5 = new Set([
  "incidents.addToBlocklist",
  "incidents.removeFromBlocklist",
  "incidents.createCustomRule",
  "incidents.deleteCustomRule",
  "network.assignPolicy",
  "push.setPushEventSettings",
  "push.getPushEventSettings",
  "push.getPushEventStats",
  "push.sendTestPushEvent",
]);

const PER_MINUTE_30 = new Set([
  "accounts.createAccount",
  "accounts.updateAccount",
  "accounts.deleteAccount",
  "accounts.configureNotificationsSettings",
  "reports.createReport",
  "network.createScanTask",
  "network.createScanTaskByMac",
]);

/** The rate-limit class of a method. */
export function rateClassOf(module: string, method: string): RateClass {
  const name = `${module}.${method}`;
  if (PER_MINUTE_5.has(name)) return "per-minute-5";
  if (PER_MINUTE_30.has(name)) return "per-minute-30";
  if (module === "companies" || module === "licensing") return "companies";
  return "default";
}

/**
 * Gives a granted slot back: the slot then stays taken for a whole window from `at` (default: now).
 * The client calls it when the answer arrives: the server counted the call at some moment between
 * sending and answering, so a window from the answer on can never overlap the server's. Counting
 * from the grant instead lets the server see two calls closer together than the client did (the
 * first delayed on its way by a busy event loop or the network) and answer 429.
 */
export type SlotRelease = (at?: number) => void;

/** Options of {@link SlidingWindowLimiter.acquire}. */
export interface AcquireOptions {
  /**
   * Keep the slot taken until it is released (the call is in flight), however long that takes.
   * Without it, an unreleased slot counts from its grant.
   */
  hold?: boolean;
}

/**
 * A sliding-window limiter: at most `limit` acquisitions in any `windowMs`, granted in FIFO order,
 * plus a small safety margin so that timer and clock granularity cannot make two windows overlap at
 * the server.
 */
export class SlidingWindowLimiter {
  /** When each slot of the last window was taken (Infinity while held); not sorted. */
  private readonly stamps: { at: number }[] = [];
  private tail: Promise<unknown> = Promise.resolve();
  private pausedUntil = 0;
  private wake: (() => void) | undefined;
  private readonly marginMs: number;

  /** @param budget the calls allowed per window. */
  constructor(readonly budget: Budget) {
    this.marginMs = Math.min(1_000, Math.max(5, budget.windowMs * 0.02));
  }

  /**
   * Waits until a call may be sent, then records it. When `inner` is given (the key-wide budget), it
   * is awaited while this class's turn is held, and this slot is taken at the same moment as the
   * inner one: the call is counted from when it can actually be sent.
   * @returns the slot's release ({@link SlotRelease}).
   */
  acquire(options: AcquireOptions = {}, inner?: () => Promise<SlotRelease>): Promise<SlotRelease> {
    const turn = this.tail.then(async () => {
      await this.waitForSlot();
      const releaseInner = inner ? await inner() : undefined;
      const stamp = { at: options.hold ? Infinity : Date.now() };
      this.stamps.push(stamp);
      let released = false;
      return (at: number = Date.now()) => {
        if (released) return;
        released = true;
        stamp.at = options.hold ? at : Math.max(stamp.at, at);
        releaseInner?.(at);
        const wake = this.wake;
        this.wake = undefined;
        wake?.();
      };
    });
    this.tail = turn.catch(() => undefined);
    return turn;
  }

  /** Blocks this class for `ms` (the server said 429 with Retry-After). */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, Date.now() + ms);
  }

  /** How long a call acquired now would wait, in milliseconds (0 = immediately; Infinity = until a release). */
  delayNow(now: number = Date.now()): number {
    this.prune(now);
    const paused = this.pausedUntil - now;
    let full = 0;
    if (this.stamps.length >= this.budget.limit) {
      // The slot that leaves the window first frees the next one.
      const sorted = this.stamps.map((s) => s.at).sort((a, b) => a - b);
      full = sorted[this.stamps.length - this.budget.limit]! + this.budget.windowMs + this.marginMs - now;
    }
    return Math.max(0, paused, full);
  }

  private async waitForSlot(): Promise<void> {
    for (;;) {
      const wait = this.delayNow();
      if (wait <= 0) break;
      if (wait === Infinity) await new Promise<void>((resolve) => (this.wake = resolve));
      else await sleep(wait);
    }
  }

  private prune(now: number): void {
    for (let i = this.stamps.length - 1; i >= 0; i--) {
      if (this.stamps[i]!.at + this.budget.windowMs + this.marginMs <= now) this.stamps.splice(i, 1);
    }
  }
}

/** The limiters of one API key: one per class. */
export class KeyRateLimiter {
  private readonly limiters = new Map<RateClass, SlidingWindowLimiter>();

  /**
   * @param scale divides every window (1 = the real budgets). A local emulator started with
   *   `--rate-limits <factor>` runs its clock `factor` times faster; pass the same factor here.
   */
  constructor(readonly scale: number = 1) {
    if (!(scale > 0)) throw new RangeError("rate-limit scale must be a positive number");
  }

  /** The limiter of a class. */
  limiter(cls: RateClass): SlidingWindowLimiter {
    let l = this.limiters.get(cls);
    if (!l) {
      const b = BUDGETS[cls];
      l = new SlidingWindowLimiter({ limit: b.limit, windowMs: b.windowMs / this.scale });
      this.limiters.set(cls, l);
    }
    return l;
  }

  /**
   * Waits for a slot in the method's class and, for narrower classes, in the key-wide budget too
   * (both taken at the same moment, when the call can go).
   * @returns the release to call when the answer arrives ({@link SlotRelease}).
   */
  acquire(module: string, method: string, options: AcquireOptions = {}): Promise<SlotRelease> {
    const cls = rateClassOf(module, method);
    if (cls === "default") return this.limiter("default").acquire(options);
    return this.limiter(cls).acquire(options, () => this.limiter("default").acquire(options));
  }

  /** Pauses the method's class after a 429. */
  pause(module: string, method: string, ms: number): void {
    this.limiter(rateClassOf(module, method)).pause(ms);
  }
}

const registry = new Map<string, KeyRateLimiter>();

/**
 * The process-wide limiter for an API key at an access URL. The key itself is not kept: the map is
 * keyed by a SHA-256 fingerprint.
 */
export function limiterFor(accessUrl: string, apiKey: string, scale = 1): KeyRateLimiter {
  const id = createHash("sha256").update(`${accessUrl}\n${apiKey}\n${scale}`).digest("hex");
  let l = registry.get(id);
  if (!l) {
    l = new KeyRateLimiter(scale);
    registry.set(id, l);
  }
  return l;
}
