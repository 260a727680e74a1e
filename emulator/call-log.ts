/**
 * The record of requests the emulator received, for tests that assert which calls a client made
 * (and for the admin route). Bounded, so a long benchmark cannot exhaust memory: past
 * {@link CALL_LOG_LIMIT} entries the oldest are dropped (in batches, so trimming stays O(1) per
 * request on average).
 */
import type { CallRecord } from "./options";

/** The most requests kept. */
export const CALL_LOG_LIMIT = 50_000;

/** An append-only, bounded list of {@link CallRecord}s. */
export class CallLog {
  private records: CallRecord[] = [];

  /** Appends a record (the server fills in its final status later, in place). */
  add(record: CallRecord): void {
    this.records.push(record);
    if (this.records.length > CALL_LOG_LIMIT + CALL_LOG_LIMIT / 10)
      this.records.splice(0, this.records.length - CALL_LOG_LIMIT);
  }

  /** A copy of the (at most {@link CALL_LOG_LIMIT}) latest records, oldest first. */
  list(): CallRecord[] {
    return this.records.slice(-CALL_LOG_LIMIT).map((r) => ({ ...r }));
  }

  /** Forgets every record. */
  clear(): void {
    this.records = [];
  }
}
