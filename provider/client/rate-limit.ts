/**
 * Client-side rate limiting with GravityZone's documented budgets, so calls wait for a slot instead of
 * being refused. One limiter per API key per process: every resource of a `pulumi up` (they all run in
 * the same dynamic-provider process) shares it.
 *
 * Budgets (https://www.bitdefender.com/business/support/en/77211-394430-api-rate-limits.html): 10 requests/s per key by default; 5/s for the companies and
 * licensing modules; 30/min for account writes, notification settings, reports and scan tasks; 5/min
 * for blocklist changes, assignPolicy and the push-settings methods. A call in a narrower class also
 * takes a slot of the key-wide 10/s budget.
 *
 * Waiting calls are served oldest operation first ({@link inOperation}): a call of a resource
 * operation that started earlier goes before one of an operation that started later, whatever order
 * the calls themselves arrive in. So a `pulumi up` finishes each company before it spends the budget
 * on starting the next, and the company's groups (which the engine can only start once the company
 * exists) use the key-wide budget the 5/s companies class leaves free, instead of waiting until every
 * company has been looked up. In the key-wide budget, a call of a narrower class that already has its
 * class's slot goes before plain calls, and while companies calls wait, plain calls hold at most the
 * other half of each window: the companies class is the bottleneck of a mixed run (200 companies at
 * 5/s take longer than their groups at the other 5/s), so it must never wait for a key-wide slot.
 *
 * A wait longer than {@link ANNOUNCE_WAIT_MS} is announced once in the Pulumi engine's log (see
 * {@link WaitAnnouncer}): which method waits, for how long, in which class and why, so that a
 * `pulumi up` that sits silent for a minute on the 5-per-minute budget does not look hung.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { createHash } from "node:crypto";
import { logInfo } from "../framework/engine-log";

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

/** Every rate-limit class. */
export const RATE_CLASSES: readonly RateClass[] = ["default", "companies", "per-minute-30", "per-minute-5"];

/**
 * A budget scaled down to `share` (0 < share ≤ 1) of it, for one of several processes that split a
 * key's budget between them (`gravityzone:rateLimitShare`, or a fleet's fallback). When the share is
 * at least one call per window, the window stays and the calls are rounded down, so sharers that
 * each keep to their part never exceed the whole in any window. Below one call per window (say 5 per
 * minute split 8 ways), one call is allowed per proportionally longer window: the rate is the share,
 * but sharers that happen to call in the same moment can exceed the whole (and then wait out 429s).
 */
export function shareBudget(budget: Budget, share: number): Budget {
  if (!(share > 0 && share <= 1)) throw new RangeError("a rate-limit share must be greater than 0 and at most 1");
  if (share === 1) return budget;
  const rate = budget.limit * share;
  return rate >= 1
    ? { limit: Math.floor(rate + 1e-9), windowMs: budget.windowMs }
    : { limit: 1, windowMs: budget.windowMs / rate };
}

/**
 * What a client needs of a rate limiter: a slot per call, and a pause after a 429. Implemented by
 * {@link KeyRateLimiter} (in-process) and by the fleet's shared budget (`shared-budget.ts`).
 */
export interface RateLimiter {
  /** Waits for the method's slot; resolves to its release ({@link SlotRelease}). */
  acquire(module: string, method: string, options?: AcquireOptions): Promise<SlotRelease>;
  /** Pauses the method's class for `ms` after a 429. */
  pause(module: string, method: string, ms: number): void;
}

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

const operations = new AsyncLocalStorage<number>();
let lastOrder = 0;

/**
 * The next order number: strictly increasing in this process, and close to the wall-clock time in
 * microseconds, so that orders taken by different processes on one machine (a fleet sharing one
 * budget, see `shared-budget.ts`) compare as "which operation started first".
 */
function nextOrder(): number {
  lastOrder = Math.max(lastOrder + 1, Date.now() * 1_000);
  return lastOrder;
}

/**
 * How far ahead of the others a scarce operation is ordered ({@link OperationOptions.scarce}): more
 * than the microseconds since 1970, so every scarce operation comes before every plain one, in this
 * process and in every other process of a fleet, and scarce ones keep their start order among them.
 */
const SCARCE_AHEAD = 1e16;

/** Options of {@link inOperation}. */
export interface OperationOptions {
  /**
   * The operation takes a slot of a per-minute budget (an account write: 30 a minute; a blocklist,
   * policy assignment or push settings write: 5 a minute). Its calls, the cheap ones before the
   * per-minute call included (a lookup, a read), are then served before those of every other
   * operation, so that the per-minute budget starts being used at once instead of after the cheap
   * work that does not wait for it: that budget sets how long a run takes. @default false
   */
  scarce?: boolean;
}

/**
 * Runs one resource operation (a create, read, update or delete): every API call made inside it
 * (however deep, across awaits) waits for its rate-limit slot with the operation's start order, so
 * calls of operations that started earlier are served first (scarce operations before all others,
 * {@link OperationOptions.scarce}). Nested operations keep the outer order.
 */
export function inOperation<T>(fn: () => Promise<T>, options: OperationOptions = {}): Promise<T> {
  if (operations.getStore() !== undefined) return fn();
  const order = nextOrder();
  return operations.run(options.scarce ? order - SCARCE_AHEAD : order, fn);
}

/** The order a call made now is served in: its operation's start, or now outside any operation. */
export function currentOrder(): number {
  return operations.getStore() ?? nextOrder();
}

/** Options of {@link SlidingWindowLimiter.acquire}. */
export interface AcquireOptions {
  /**
   * Keep the slot taken until it is released (the call is in flight), however long that takes.
   * Without it, an unreleased slot counts from its grant.
   */
  hold?: boolean;
  /** Lower is served first ({@link currentOrder}); equal orders in arrival order. @default currentOrder() */
  order?: number;
  /**
   * A call of a narrower class that holds its class's slot: served before every call without it,
   * whatever their order. @default false
   */
  narrow?: boolean;
  /**
   * Called once, synchronously, as soon as the call is queued, with a function that estimates its
   * wait from then on ({@link WaitEstimate}); {@link KeyRateLimiter} uses it to announce long waits.
   */
  onQueued?: (expected: () => WaitEstimate) => void;
}

/** How long a queued call is expected to wait for its slot, estimated from the slots taken and the calls ahead. */
export interface WaitEstimate {
  /** Milliseconds until the slot, assuming calls in flight answer now (0 once it is being granted). */
  readonly ms: number;
  /** Calls of the same limiter that go first. */
  readonly ahead: number;
  /** What is left of a pause the server asked for (429 with Retry-After), in milliseconds. */
  readonly retryAfterMs: number;
}

interface Waiter {
  /** 0 for {@link AcquireOptions.narrow} calls, 1 for the rest. */
  tier: number;
  order: number;
  arrival: number;
  hold: boolean;
  inner: ((order: number) => Promise<SlotRelease>) | undefined;
  resolve(release: SlotRelease): void;
  reject(error: unknown): void;
}

/**
 * A sliding-window limiter: at most `limit` acquisitions in any `windowMs`, granted to narrow-class
 * calls first, then oldest operation first, then in arrival order, plus a small safety margin so that
 * timer and clock granularity cannot make two windows overlap at the server.
 */
export class SlidingWindowLimiter {
  /** When each slot of the last window was taken (Infinity while held); not sorted. */
  private readonly stamps: { at: number; narrow: boolean }[] = [];
  /** Calls waiting, sorted by (tier, order, arrival). */
  private readonly waiters: Waiter[] = [];
  private arrivals = 0;
  private serving = false;
  /** 1 while a waiter taken off the queue waits for the key-wide budget (its slot is not stamped yet). */
  private granting = 0;
  private pausedUntil = 0;
  private wake: (() => void) | undefined;
  private readonly marginMs: number;

  /**
   * @param budget the calls allowed per window.
   * @param reserved how many slots of each window to keep for {@link AcquireOptions.narrow} calls
   *   right now (plain calls may hold at most `limit - reserved()` of them). @default none
   */
  constructor(
    readonly budget: Budget,
    private readonly reserved: () => number = () => 0,
  ) {
    this.marginMs = Math.min(1_000, Math.max(5, budget.windowMs * 0.02));
  }

  /** True while calls wait here (or one is being granted). */
  get busy(): boolean {
    return this.serving || this.waiters.length > 0;
  }

  /**
   * Waits until a call may be sent, then records it. When `inner` is given (the key-wide budget), it
   * is awaited with the call's order while this class's turn is held, and this slot is taken at the
   * same moment as the inner one: the call is counted from when it can actually be sent.
   * @returns the slot's release ({@link SlotRelease}).
   */
  acquire(options: AcquireOptions = {}, inner?: (order: number) => Promise<SlotRelease>): Promise<SlotRelease> {
    return new Promise<SlotRelease>((resolve, reject) => {
      const w: Waiter = {
        tier: options.narrow ? 0 : 1,
        order: options.order ?? currentOrder(),
        arrival: ++this.arrivals,
        hold: options.hold === true,
        inner,
        resolve,
        reject,
      };
      let i = this.waiters.length;
      const after = (x: Waiter) => x.tier > w.tier || (x.tier === w.tier && x.order > w.order);
      while (i > 0 && after(this.waiters[i - 1]!)) i--;
      this.waiters.splice(i, 0, w);
      // A new first waiter may go sooner than the one the server loop is waiting for.
      if (i === 0) this.wakeUp();
      try {
        options.onQueued?.(() => this.expectedWait(w));
      } catch {
        // The call is queued: an observer's failure must not strand its slot.
      }
      void this.serve();
    });
  }

  /**
   * Estimates a queued call's wait: each call ahead of it, then it, takes the next slot that frees
   * (a slot held by a call in flight counts as if the answer came now). Ignores slots reserved for
   * narrow calls and the key-wide budget of a narrow call (both short next to a class's window).
   */
  private expectedWait(w: Waiter, now: number = Date.now()): WaitEstimate {
    const index = this.waiters.indexOf(w);
    const retryAfterMs = Math.max(0, this.pausedUntil - now);
    if (index < 0) return { ms: 0, ahead: 0, retryAfterMs };
    this.prune(now);
    const span = this.budget.windowMs + this.marginMs;
    const limit = this.budget.limit;
    const taken = this.stamps.map((s) => Math.min(s.at, now)).sort((a, b) => a - b);
    for (let j = 0; j < this.granting; j++) taken.push(now);
    // The first `limit` grants from now on, one by one (each is at or after every earlier one, so
    // `taken` stays sorted); every later grant comes one span after the grant `limit` before it.
    const first = index % limit;
    let at = now;
    for (let j = 0; j <= first; j++) {
      at = Math.max(now + retryAfterMs, taken.length >= limit ? taken[taken.length - limit]! + span : now);
      taken.push(at);
    }
    at += Math.floor(index / limit) * span;
    return { ms: at - now, ahead: index + this.granting, retryAfterMs };
  }

  /** Grants slots one at a time, each to the first waiter at the moment a slot is free for it. */
  private async serve(): Promise<void> {
    if (this.serving) return;
    this.serving = true;
    try {
      while (this.waiters.length > 0) {
        const w = await this.nextWaiter();
        this.granting = 1;
        try {
          const releaseInner = w.inner ? await w.inner(w.order) : undefined;
          w.resolve(this.take(w.hold, w.tier === 0, releaseInner));
        } catch (e) {
          w.reject(e);
        } finally {
          this.granting = 0;
        }
      }
    } finally {
      this.serving = false;
    }
  }

  private take(hold: boolean, narrow: boolean, releaseInner: SlotRelease | undefined): SlotRelease {
    const stamp = { at: hold ? Infinity : Date.now(), narrow };
    this.stamps.push(stamp);
    let released = false;
    return (at: number = Date.now()) => {
      if (released) return;
      released = true;
      stamp.at = hold ? at : Math.max(stamp.at, at);
      releaseInner?.(at);
      this.wakeUp();
    };
  }

  /** Blocks this class for `ms` (the server said 429 with Retry-After). */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, Date.now() + ms);
  }

  /**
   * How long a call acquired now would wait, in milliseconds (0 = immediately; Infinity = until a
   * release), ignoring the calls already waiting.
   * @param narrow for a narrow-class call, which may use the reserved slots.
   */
  delayNow(now: number = Date.now(), narrow = false): number {
    this.prune(now);
    const paused = this.pausedUntil - now;
    const full = this.untilFree(this.stamps, this.budget.limit, now);
    const reserved = narrow ? 0 : Math.min(this.budget.limit, this.reserved());
    const plain =
      reserved > 0
        ? this.untilFree(
            this.stamps.filter((s) => !s.narrow),
            this.budget.limit - reserved,
            now,
          )
        : 0;
    return Math.max(0, paused, full, plain);
  }

  /** How long until fewer than `limit` of `stamps` are in the window. */
  private untilFree(stamps: readonly { at: number }[], limit: number, now: number): number {
    if (stamps.length < limit) return 0;
    if (limit <= 0) return Infinity;
    // The slot that leaves the window first frees the next one.
    const sorted = stamps.map((s) => s.at).sort((a, b) => a - b);
    return sorted[stamps.length - limit]! + this.budget.windowMs + this.marginMs - now;
  }

  /** Waits until the first waiter may go, and takes it off the queue. */
  private async nextWaiter(): Promise<Waiter> {
    for (;;) {
      const head = this.waiters[0]!;
      const wait = this.delayNow(Date.now(), head.tier === 0);
      if (wait <= 0) return this.waiters.shift()!;
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          if (this.wake === done) this.wake = undefined;
          resolve();
        };
        const timer = wait === Infinity ? undefined : setTimeout(done, wait);
        this.wake = done;
      });
    }
  }

  private wakeUp(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private prune(now: number): void {
    for (let i = this.stamps.length - 1; i >= 0; i--) {
      if (this.stamps[i]!.at + this.budget.windowMs + this.marginMs <= now) this.stamps.splice(i, 1);
    }
  }
}

/** A call that waits longer than this for its slot is announced to the user (wall-clock milliseconds). */
export const ANNOUNCE_WAIT_MS = 5_000;

/** Long waits that start within this many milliseconds of the first are announced in one message. */
export const ANNOUNCE_GATHER_MS = 250;

/** What each class's budget covers, for the announcements. */
const CLASS_SCOPE: Readonly<Record<RateClass, string>> = {
  default: "per API key",
  companies: "per API key for the companies and licensing APIs",
  "per-minute-30": "per API key for account changes, notification settings, reports and scan tasks",
  "per-minute-5": "per API key for blocklist changes, policy assignments and push settings, together",
};

/** `1 s`, `51 s`, `2 min`, `3 min 20 s` (rounded to the second, at least 1 s). */
export function formatWait(ms: number): string {
  const s = Math.max(1, Math.round(ms / 1_000));
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  return s % 60 === 0 ? `${min} min` : `${min} min ${s % 60} s`;
}

/**
 * Why a class's calls wait: its documented budget, e.g. "GravityZone allows 5 requests per minute per
 * API key for …, together (rate-limit class per-minute-5)".
 * @param scale the limiter's time scale: other than 1, the text says the windows are divided by it.
 */
export function budgetReason(cls: RateClass, scale = 1): string {
  const b = BUDGETS[cls];
  const per = b.windowMs === 1_000 ? "second" : b.windowMs === 60_000 ? "minute" : `${b.windowMs / 1_000} s`;
  const scaled = scale !== 1 ? `, windows divided by ${scale} for a time-scaled emulator` : "";
  return `GravityZone allows ${b.limit} requests per ${per} ${CLASS_SCOPE[cls]} (rate-limit class ${cls}${scaled})`;
}

/** One long wait waiting to be announced. */
interface Notice {
  readonly name: string;
  readonly queuedAt: number;
  readonly grantAt: number;
  readonly ahead: number;
  readonly retryAfterMs: number;
}

/**
 * Tells the user, once per wait, that calls of one rate-limit class wait for a slot longer than
 * {@link ANNOUNCE_WAIT_MS}: which method, how long, and why. A call expected to wait that long is
 * announced when it is queued; one that was expected to go sooner but still waits after
 * {@link ANNOUNCE_WAIT_MS} is announced then. Nothing is repeated while a call waits.
 *
 * Calls that start a long wait together (a refresh reading ten push settings at once) make one
 * message: long waits arriving within {@link ANNOUNCE_GATHER_MS} of the first are gathered, and a
 * wait that ends no more than {@link ANNOUNCE_WAIT_MS} after the last announced one is covered by it
 * (the user already knows the budget is busy until then). So a long queue makes a message per
 * stretch of silence it would cause, not per call.
 */
export class WaitAnnouncer {
  /** When the last announced wait was expected to end. */
  private horizon = -Infinity;
  private gathered: Notice[] = [];
  private gathering: ReturnType<typeof setTimeout> | undefined;

  /**
   * @param cls the class whose waits this announces.
   * @param scale the limiter's time scale (only for the text: windows are divided by it).
   * @param say where messages go; must not throw (it is guarded anyway).
   */
  constructor(
    readonly cls: RateClass,
    private readonly scale: number,
    private readonly say: (message: string) => void,
  ) {}

  /**
   * Watches one queued call (`name` is `module.method`). Returns the function to call once its slot
   * is granted, or its wait failed.
   */
  watch(name: string, expected: () => WaitEstimate): () => void {
    const queuedAt = Date.now();
    let done = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const consider = (e: WaitEstimate) => {
      const grantAt = Date.now() + e.ms;
      // Covered: the user was told the budget is busy until `horizon`, and this call goes soon after.
      if (this.gathering === undefined && grantAt <= this.horizon + ANNOUNCE_WAIT_MS) return;
      this.gather({ name, queuedAt, grantAt, ahead: e.ahead, retryAfterMs: e.retryAfterMs });
    };
    const first = expected();
    if (first.ms >= ANNOUNCE_WAIT_MS) consider(first);
    else {
      timer = setTimeout(() => {
        timer = undefined;
        if (!done) consider(expected());
      }, ANNOUNCE_WAIT_MS);
      timer.unref?.();
    }
    return () => {
      done = true;
      if (timer !== undefined) clearTimeout(timer);
    };
  }

  private gather(n: Notice): void {
    this.gathered.push(n);
    this.horizon = Math.max(this.horizon, n.grantAt);
    if (this.gathering !== undefined) return;
    this.gathering = setTimeout(() => this.flush(), ANNOUNCE_GATHER_MS);
    this.gathering.unref?.();
  }

  private flush(): void {
    const notices = this.gathered;
    this.gathered = [];
    this.gathering = undefined;
    if (notices.length === 0) return;
    try {
      this.say(this.message(notices, Date.now()));
    } catch {
      // An announcement never fails a call.
    }
  }

  /** The text for gathered notices, as of `now`. */
  private message(notices: readonly Notice[], now: number): string {
    const last = notices.reduce((a, b) => (b.grantAt > a.grantAt ? b : a));
    const left = Math.max(0, last.grantAt - now);
    let what: string;
    if (notices.length === 1) {
      const n = notices[0]!;
      const waited = now - n.queuedAt;
      what =
        waited >= ANNOUNCE_WAIT_MS
          ? `${n.name} has waited ${formatWait(waited)} for a rate-limit slot and waits about ${formatWait(left)} more`
          : `${n.name} waits about ${formatWait(left)} for a rate-limit slot`;
    } else {
      const counts = new Map<string, number>();
      for (const n of notices) counts.set(n.name, (counts.get(n.name) ?? 0) + 1);
      const names = [...counts].map(([name, k]) => (k > 1 ? `${name} ×${k}` : name)).join(", ");
      what = `${notices.length} calls (${names}) wait up to about ${formatWait(left)} for a rate-limit slot`;
    }
    const first = notices[0]!;
    const calls = first.ahead === 1 ? "1 call of that budget goes" : `${first.ahead} calls of that budget go`;
    const ahead = notices.length === 1 && first.ahead > 0 ? `; ${calls} first` : "";
    const retryAfter = notices.reduce((m, n) => Math.max(m, n.retryAfterMs), 0);
    const paused =
      retryAfter > 0
        ? `GravityZone answered 429 (too many requests) and asked for a pause of ${formatWait(retryAfter)}; `
        : "";
    return `${what}: ${paused}${budgetReason(this.cls, this.scale)}${ahead}.`;
  }
}

/** The limiters of one API key: one per class. */
export class KeyRateLimiter implements RateLimiter {
  private readonly limiters = new Map<RateClass, SlidingWindowLimiter>();
  private readonly announcers = new Map<RateClass, WaitAnnouncer>();

  /**
   * @param scale divides every window (1 = the real budgets). A local emulator started with
   *   `--rate-limits <factor>` runs its clock `factor` times faster; pass the same factor here.
   * @param say where long waits are announced ({@link WaitAnnouncer}). @default the Pulumi engine's log ({@link logInfo})
   * @param share the part of each class's budget this limiter may use ({@link shareBudget}). @default 1
   */
  constructor(
    readonly scale: number = 1,
    private readonly say: (message: string) => void = logInfo,
    readonly share: number = 1,
  ) {
    if (!(scale > 0)) throw new RangeError("rate-limit scale must be a positive number");
    shareBudget(BUDGETS.default, share);
  }

  /** The budget this limiter applies to a class: the documented one, shared and time-scaled. */
  budgetOf(cls: RateClass): Budget {
    const b = shareBudget(BUDGETS[cls], this.share);
    return { limit: b.limit, windowMs: b.windowMs / this.scale };
  }

  /** The announcer of a class's long waits. */
  private announcer(cls: RateClass): WaitAnnouncer {
    let a = this.announcers.get(cls);
    if (!a) {
      a = new WaitAnnouncer(cls, this.scale, this.say);
      this.announcers.set(cls, a);
    }
    return a;
  }

  /** The limiter of a class. */
  limiter(cls: RateClass): SlidingWindowLimiter {
    let l = this.limiters.get(cls);
    if (!l) {
      // While companies calls wait, the key-wide budget keeps their share of each window for them.
      const companies = Math.min(this.budgetOf("companies").limit, this.budgetOf("default").limit - 1);
      const reserved = cls === "default" ? () => (this.limiters.get("companies")?.busy ? companies : 0) : undefined;
      l = new SlidingWindowLimiter(this.budgetOf(cls), reserved);
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
    const { onQueued, ...rest } = options;
    const opts = { ...rest, order: options.order ?? currentOrder() };
    // The call's wait is its class's queue (the key-wide one of a narrow call is short): that is what
    // is announced when it is long.
    let stop: (() => void) | undefined;
    const watched: AcquireOptions = {
      ...opts,
      onQueued: (expected) => {
        onQueued?.(expected);
        try {
          stop = this.announcer(cls).watch(`${module}.${method}`, expected);
        } catch {
          // Announcing is never worth failing the call.
        }
      },
    };
    const granted =
      cls === "default"
        ? this.limiter("default").acquire(watched)
        : this.limiter(cls).acquire(watched, (order) =>
            this.limiter("default").acquire({ ...opts, order, narrow: true }),
          );
    return granted.then(
      (release) => (stop?.(), release),
      (e: unknown) => {
        stop?.();
        throw e;
      },
    );
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
export function limiterFor(accessUrl: string, apiKey: string, scale = 1, share = 1): KeyRateLimiter {
  const id = createHash("sha256").update(`${accessUrl}\n${apiKey}\n${scale}\n${share}`).digest("hex");
  let l = registry.get(id);
  if (!l) {
    l = new KeyRateLimiter(scale, logInfo, share);
    registry.set(id, l);
  }
  return l;
}
