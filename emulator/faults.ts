/**
 * Fault injection: errors before a call is applied, dropped connections after a write is applied
 * (the ambiguous case a client must resolve by looking the object up), added latency, and forced 429
 * storms. Decisions come from a PRNG seeded by {@link FaultOptions.seed}, drawn in request order, so
 * the same seed and the same request sequence give the same faults.
 */
import type { FaultOptions } from "./options";
import { createPrng, type Prng } from "./prng";

function checkRate(name: string, v: number | undefined): void {
  if (v !== undefined && !(v >= 0 && v <= 1)) throw new RangeError(`faults.${name} must be between 0 and 1 (got ${v})`);
}

function checkNonNegative(name: string, v: number | undefined): void {
  if (v !== undefined && !(v >= 0 && Number.isFinite(v)))
    throw new RangeError(`faults.${name} must be a non-negative number (got ${v})`);
}

/** Validates fault options; throws a RangeError naming the bad member. */
export function validateFaults(f: FaultOptions): void {
  checkRate("errorRate", f.errorRate);
  checkRate("dropAfterWriteRate", f.dropAfterWriteRate);
  checkRate("stormRate", f.stormRate);
  checkNonNegative("latencyMs", f.latencyMs);
  checkNonNegative("latencyJitterMs", f.latencyJitterMs);
  checkNonNegative("stormRetryAfterSeconds", f.stormRetryAfterSeconds);
  if (f.seed !== undefined && !Number.isFinite(f.seed)) throw new RangeError("faults.seed must be a number");
  if (f.methods !== undefined && (!Array.isArray(f.methods) || f.methods.some((m) => typeof m !== "string")))
    throw new RangeError('faults.methods must be an array of "module.method" names');
}

/** Decides, request by request, which faults to inject. */
export class FaultInjector {
  private opts: FaultOptions = {};
  private rng: Prng = createPrng(1);
  private only: Set<string> | undefined;

  /** @param options the initial settings (none = no faults). */
  constructor(options?: FaultOptions) {
    this.set(options);
  }

  /** Replaces the settings and re-seeds the PRNG; undefined or `{}` clears every fault. */
  set(options: FaultOptions | undefined): void {
    const o = { ...(options ?? {}) };
    validateFaults(o);
    this.opts = o;
    this.rng = createPrng(o.seed ?? 1);
    this.only = o.methods ? new Set(o.methods) : undefined;
  }

  /** The current settings. */
  get options(): FaultOptions {
    return { ...this.opts };
  }

  private applies(name: string): boolean {
    return this.only === undefined || this.only.has(name);
  }

  private roll(rate: number | undefined): boolean {
    return rate !== undefined && rate > 0 && this.rng.next() < rate;
  }

  /** Milliseconds to delay this request. */
  latencyFor(name: string): number {
    if (!this.applies(name)) return 0;
    const base = this.opts.latencyMs ?? 0;
    const jitter = this.opts.latencyJitterMs ?? 0;
    return base + (jitter > 0 ? Math.floor(this.rng.next() * (jitter + 1)) : 0);
  }

  /** Retry-After seconds of a forced 429, or undefined when this request is not hit by a storm. */
  storm(name: string): number | undefined {
    if (!this.applies(name) || !this.roll(this.opts.stormRate)) return undefined;
    return Math.max(1, Math.ceil(this.opts.stormRetryAfterSeconds ?? 1));
  }

  /** True when this request fails with HTTP 500 before it is applied. */
  error(name: string): boolean {
    return this.applies(name) && this.roll(this.opts.errorRate);
  }

  /** True when this (write) request is applied and then its connection dropped. */
  dropAfterWrite(name: string): boolean {
    return this.applies(name) && this.roll(this.opts.dropAfterWriteRate);
  }
}
