/**
 * One listing for many resources: a company's blocklist, the custom groups under a parent.
 *
 * Many operations of one `pulumi up` or refresh read the same list (every entry of a blocklist, every
 * sibling group of a parent). Rather than list it once per resource, concurrent requests for the same
 * list share one listing, under one rule that keeps every answer current: a request only joins a
 * listing whose first call has **not been sent yet** (it may be waiting for a rate-limit slot). Each
 * listing also waits {@link GATHER_MS} before its first call to gather requests; a request arriving
 * once a listing's first call is on its way waits for the next one (the rule of {@link Gathering},
 * which the blocklist's batched writes share). So every answer reflects the list as it was after the request was made (an object removed by
 * hand a moment earlier is never reported present, one created a moment earlier is never missed),
 * and N resources asking together cost one listing instead of N.
 *
 * A refresh, though, does not read its resources together: the engine hands them to the provider a
 * few at a time (`--parallel`, 8 on a 2-core machine). Reads ({@link ListingOptions.reuse}) may
 * therefore also use the answer of a listing made for an earlier read of the same list, up to
 * {@link READ_REUSE_MS} after it started, unless this provider has written to that kind of list
 * since ({@link listingWrite}): a refresh sees each list as it was when the first of its resources was
 * read, and costs one listing per list. Creates and updates never use an earlier listing.
 *
 * @module
 */
import type { GravityZoneClient } from "../client";
import { GATHER_MS, Gathering } from "./gather";

export { GATHER_MS };

/** How long after a listing made for a read started later reads may use it, in milliseconds. */
export const READ_REUSE_MS = 60_000;

/** Options of {@link sharedListing}. */
export interface ListingOptions {
  /**
   * The caller is a read (refresh): it may use a listing made for an earlier read, under the rule in
   * the module comment. @default false
   */
  reuse?: boolean;
}

interface Slot {
  /** Listings of this list, gathered under the one rule of {@link Gathering}. */
  readonly listings: Gathering<void, unknown>;
  /** The latest listing made for a read, which later reads may use. */
  recent?: { promise: Promise<unknown>; at: number };
}

/** Per client, per kind of list (`kind`), per list (`key`). */
const slots = new WeakMap<GravityZoneClient, Map<string, Map<string, Slot>>>();

function slotsOf(c: GravityZoneClient, kind: string): Map<string, Slot> {
  let byKind = slots.get(c);
  if (!byKind) {
    byKind = new Map();
    slots.set(c, byKind);
  }
  let byKey = byKind.get(kind);
  if (!byKey) {
    byKey = new Map();
    byKind.set(kind, byKey);
  }
  return byKey;
}

function slotOf(c: GravityZoneClient, kind: string, key: string): Slot {
  const byKey = slotsOf(c, kind);
  let slot = byKey.get(key);
  if (!slot) {
    slot = { listings: new Gathering() };
    byKey.set(key, slot);
  }
  return slot;
}

/**
 * A listing: `sent` is to be called when its first request goes out (the client's
 * `CallOptions.onSend`); until then, new requesters join it.
 */
export type Lister<T> = (sent: () => void) => Promise<T>;

/** Shares one listing among concurrent callers whose request came before its first call was sent. */
function gathered<T>(slot: Slot, list: Lister<T>): Promise<T> {
  return slot.listings.join(undefined, (_items, sent) => list(sent)) as Promise<T>;
}

/**
 * The answer of `list()` for the list `kind`/`key`, shared with concurrent callers (and, for reads,
 * with recent reads) under the rule in the module comment.
 * @param c the client the listing is made with (listings are never shared across clients).
 * @param kind the kind of list, e.g. `"blocklist"`; {@link listingWrite} forgets a whole kind.
 * @param key the list within its kind, e.g. a company id.
 */
export function sharedListing<T>(
  c: GravityZoneClient,
  kind: string,
  key: string,
  options: ListingOptions,
  list: Lister<T>,
): Promise<T> {
  const slot = slotOf(c, kind, key);
  if (!options.reuse) return gathered(slot, list);
  if (slot.recent && Date.now() - slot.recent.at < READ_REUSE_MS) return slot.recent.promise as Promise<T>;
  const promise = gathered(slot, list);
  const recent = { promise, at: Date.now() };
  slot.recent = recent;
  // A failed listing is not kept: the next read tries again.
  promise.catch(() => {
    if (slot.recent === recent) slot.recent = undefined;
  });
  return promise;
}

/**
 * Runs a write that changes lists of `kind` (a blocklist add, a group create or move). Listings made
 * for reads before it, or while it runs, are no longer used, so every later read reflects it.
 */
export async function listingWrite<T>(c: GravityZoneClient, kind: string, write: () => Promise<T>): Promise<T> {
  forgetRecent(c, kind);
  try {
    return await write();
  } finally {
    forgetRecent(c, kind);
  }
}

function forgetRecent(c: GravityZoneClient, kind: string): void {
  for (const slot of slotsOf(c, kind).values()) slot.recent = undefined;
}
