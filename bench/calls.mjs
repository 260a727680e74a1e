/**
 * Counting what the emulator received: calls per method, writes, 429s, and the rate-limit lower bound
 * of a run — the least time the budgets in provider/client/rate-limit.ts (scaled by the emulator's
 * factor) allow for the calls that were admitted.
 */
import { createRequire } from "node:module";
import * as path from "node:path";
import { ROOT } from "./harness.mjs";

/** @typedef {import("../provider/client/rate-limit.js").RateClass} RateClass */
/** @typedef {{module: string, method: string, status: number, at: number, version?: string}} Call One emulator call record. */
/** @typedef {{calls: number, burst: number, steady: number}} ClassBound The bound of one rate-limit class. */

const require = createRequire(import.meta.url);
/** @type {typeof import("../provider/client/rate-limit.js")} */
const { BUDGETS, rateClassOf } = require(path.join(ROOT, "dist/provider/client/rate-limit.js"));
export { BUDGETS };

/** Method names that change state (the provider's and the test helpers' rule). */
export const WRITE = /^(create|update|delete|set|add|remove|move|assign|suspend|activate|configure|send)/;

/**
 * A summary of emulator call records.
 * @param {Call[]} calls
 */
export function tally(calls) {
  const admitted = calls.filter((c) => c.status !== 429);
  /** @type {Record<string, number>} */
  const byMethod = {};
  for (const c of admitted) {
    const name = `${c.module}.${c.method}${c.version && c.version !== "v1.0" ? ` ${c.version}` : ""}`;
    byMethod[name] = (byMethod[name] ?? 0) + 1;
  }
  return {
    calls: admitted.length,
    writes: admitted.filter((c) => WRITE.test(c.method)).length,
    rateLimited: calls.length - admitted.length,
    byMethod,
    firstAt: calls.length > 0 ? Math.min(...calls.map((c) => c.at)) : undefined,
    lastAt: calls.length > 0 ? Math.max(...calls.map((c) => c.at)) : undefined,
  };
}

/**
 * Admitted calls per rate-limit class; a call of a narrower class also counts in `default`.
 * @param {Call[]} calls
 */
export function callsPerClass(calls) {
  /** @type {Record<RateClass, number>} */
  const out = { default: 0, companies: 0, "per-minute-30": 0, "per-minute-5": 0 };
  for (const c of calls) {
    if (c.status === 429) continue;
    const cls = rateClassOf(c.module, c.method);
    out[cls]++;
    if (cls !== "default") out.default++;
  }
  return out;
}

/**
 * The least time, in seconds at `factor`, from a class's first call to its n-th with windows that
 * start empty: call i cannot go before ⌊i / limit⌋ windows, so n calls need ⌊(n−1) / limit⌋ windows.
 * @param {RateClass} cls
 * @param {number} n
 * @param {number} factor
 */
export function burstSeconds(cls, n, factor) {
  const b = BUDGETS[cls];
  return n <= 0 ? 0 : Math.floor((n - 1) / b.limit) * (b.windowMs / 1000 / factor);
}

/**
 * The rate-limit lower bound of a set of calls at `factor`, in seconds, per class and overall:
 *  - `burst`: the least time between the first and the last call for sliding windows that start
 *    empty: call i cannot go before ⌊i / limit⌋ windows, so n calls need ⌊(n−1) / limit⌋ windows;
 *  - `steady`: calls / budget (n × window / limit), the figure for long runs.
 * @param {Call[]} calls
 * @param {number} factor
 */
export function lowerBound(calls, factor) {
  const per = callsPerClass(calls);
  /** @type {Record<string, ClassBound>} */
  const classes = {};
  let burst = 0;
  let steady = 0;
  let bottleneck = "default";
  for (const [cls, n] of Object.entries(per)) {
    if (n === 0) continue;
    const b = BUDGETS[/** @type {RateClass} */ (cls)];
    const windowS = b.windowMs / 1000 / factor;
    const c = {
      calls: n,
      burst: burstSeconds(/** @type {RateClass} */ (cls), n, factor),
      steady: (n * windowS) / b.limit,
    };
    classes[cls] = c;
    if (c.burst > burst) {
      burst = c.burst;
      bottleneck = cls;
    }
    steady = Math.max(steady, c.steady);
  }
  return { burst, steady, bottleneck, classes };
}
