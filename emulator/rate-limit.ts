/**
 * Server-side rate limits with GravityZone's documented budgets, per API key and per method class:
 * 10 requests/s per key (burst 10); 5/s for the companies and licensing modules; 30/min for account
 * writes, notification settings, createReport and scan tasks; 5/min for blocklist changes, custom
 * rules, assignPolicy and the push-settings methods. A call in a narrower class also uses a slot of
 * the key-wide 10/s budget. A request over budget is not processed: it gets HTTP 429 with
 * `Retry-After` (whole seconds until a slot frees, rounded up).
 *
 * Each budget is a sliding window over the timestamps of admitted calls (at most `limit` entries),
 * so checks are O(limit) and exact. A `scale` factor divides every window, so a test can run the
 * minute budgets in seconds (scale 60: 5/min becomes 5/s).
 */

/** The rate-limit classes. */
export type RateClass = "default" | "companies" | "per-minute-30" | "per-minute-5";

/** A budget: at most `limit` calls in any window of `windowMs` milliseconds. */
export interface Budget {
  /** Calls allowed per window. */
  readonly limit: number;
  /** Window length in milliseconds (before scaling). */
  readonly windowMs: number;
}

/** The documented budgets. */
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

/** The class of a method. */
export function rateClassOf(module: string, method: string): RateClass {
  const name = `${module}.${method}`;
  if (PER_MINUTE_5.has(name)) return "per-minute-5";
  if (PER_MINUTE_30.has(name)) return "per-minute-30";
  if (module === "companies" || module === "licensing") return "companies";
  return "default";
}

/** How budgets apply: the real ones, none, or the real ones `factor` times faster. */
export type RateLimitMode = "real" | "off" | number;

/** The outcome of {@link RateLimiter.admit}. */
export type Admission = { ok: true } | { ok: false; retryAfterSeconds: number };

/** Per-key, per-class sliding-window limiter. */
export class RateLimiter {
  private readonly windows = new Map<string, number[]>();
  private readonly scale: number;
  private readonly enabled: boolean;

  /** @param mode `"real"`, `"off"` or a positive factor that shortens every window. */
  constructor(mode: RateLimitMode = "real") {
    this.enabled = mode !== "off";
    this.scale = typeof mode === "number" ? mode : 1;
    if (!(this.scale > 0) || !Number.isFinite(this.scale))
      throw new RangeError(`rate-limit factor must be a positive number (got ${String(mode)})`);
  }

  /**
   * Admits a call of `module.method` for `keyId` at `now` (milliseconds, monotonic) and records it,
   * or refuses it with the number of seconds to wait.
   */
  admit(keyId: string, module: string, method: string, now: number = performance.now()): Admission {
    if (!this.enabled) return { ok: true };
    const cls = rateClassOf(module, method);
    const classes: RateClass[] = cls === "default" ? ["default"] : [cls, "default"];
    let waitMs = 0;
    const stamps: number[][] = [];
    for (const c of classes) {
      const budget = BUDGETS[c];
      const windowMs = budget.windowMs / this.scale;
      const id = `${keyId}\u0000${c}`;
      let list = this.windows.get(id);
      if (!list) this.windows.set(id, (list = []));
      while (list.length > 0 && list[0]! + windowMs <= now) list.shift();
      if (list.length >= budget.limit) waitMs = Math.max(waitMs, list[0]! + windowMs - now);
      stamps.push(list);
    }
    if (waitMs > 0) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
    for (const list of stamps) list.push(now);
    return { ok: true };
  }

  /** Forgets every recorded call. */
  reset(): void {
    this.windows.clear();
  }
}
