/**
 * The record of requests the emulator received, for tests that assert which calls a client made
 * (and for the admin route). Bounded, so a long benchmark cannot exhaust memory: past
 * {@link CALL_LOG_LIMIT} entries the oldest are dropped.
 */
import type { CallRecord } from "./options";

/** The most requests kept. */
export const CALL_LOG_LIMIT = 100_000;

/** An append-only, bounded list of {@link CallRecord}s. */
export class CallLog {
  private records: CallRecord[] = [];

  /** Appends a record (the server fills in its final status later, in place). */
  add(record: CallRecord): void {
    this.records.push(record);
    if (this.records.length > CALL_LOG_LIMIT) this.records.splice(0, this.records.length - CALL_LOG_LIMIT);
  }

  /** A copy of the records, oldest first. */
  list(): CallRecord[] {
    return this.records.map((r) => ({ ...r }));
  }

  /** Forgets every record. */
  clear(): void {
    this.records = [];
  }
}
