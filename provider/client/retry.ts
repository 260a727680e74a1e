/**
 * The retry policy: which failures are retried, and how long to wait. Pure functions, unit-tested.
 *
 * - A 429 is retried for reads and writes alike: the server refused the call before processing it.
 * - Reads are retried on server errors and network failures.
 * - Writes are never retried after a failure whose outcome is unknown (5xx, dropped connection,
 *   timeout): the resource looks the object up by its natural key and decides (see resources/).
 */
import { GravityZoneError } from "./errors";

/** Bounds for retries. */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** The first backoff step, in milliseconds. */
  baseDelayMs: number;
  /** The largest single wait, in milliseconds. */
  maxDelayMs: number;
  /** Give up once this much time has passed since the first attempt, in milliseconds. */
  maxElapsedMs: number;
}

/** Defaults: up to 6 attempts within 3 minutes, backoff 250 ms doubling to 10 s, full jitter. */
export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = {
  maxAttempts: 6,
  baseDelayMs: 250,
  maxDelayMs: 10_000,
  maxElapsedMs: 180_000,
};

/** True when a failed call may be sent again. */
export function shouldRetry(error: GravityZoneError, isWrite: boolean): boolean {
  if (error.kind === "rate-limited") return true;
  if (isWrite) return false;
  return error.kind === "server" || error.kind === "network";
}

/**
 * The wait before attempt `attempt + 1` (attempt counts from 1): the server's Retry-After when it gave
 * one, else capped exponential backoff with full jitter.
 */
export function backoffDelay(
  attempt: number,
  policy: RetryPolicy,
  error?: GravityZoneError,
  random: () => number = Math.random,
): number {
  if (error?.retryAfterMs !== undefined) return Math.min(error.retryAfterMs, policy.maxElapsedMs);
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(cap / 2 + (random() * cap) / 2);
}
