/**
 * Reading a company's blocklist, shared by {@link BlocklistEntry} and {@link Blocklist}.
 *
 * `incidents.getBlocklistItems` is read page by page (100 per page): v1.0 lists hash rules
 * `{id, hashType, hash, sourceInfo, companyId}`; v1.2 lists every rule `{id, type, source, company,
 * details}`.
 *
 * A refresh reads many entries of one company at once. Rather than list the whole blocklist once per
 * entry, concurrent requests for the same company and version share one listing, under one rule that
 * keeps every answer current: a request only joins a listing whose first page has **not been asked
 * for yet**. Each listing waits a few milliseconds before its first page to gather requests; a
 * request arriving while a listing is under way waits for the next one. So every answer reflects the
 * blocklist as it was after the request was made (an entry removed by hand a moment earlier is never
 * reported present), and N entries read together cost one listing (⌈items/100⌉ calls) instead of N.
 *
 * A refresh, though, does not read its entries together: the engine hands them to the provider a
 * few at a time (`--parallel`, 8 on a 2-core machine), so that rule alone still lists the blocklist
 * about N/8 times. Reads ({@link ReadOptions.reuse}) may therefore also use the answer of a listing
 * made for an earlier read of the same company, up to {@link READ_REUSE_MS} after it started, unless
 * this provider has written to a blocklist since ({@link blocklistWrite}): a refresh sees each
 * company's blocklist as it was when the first of its entries was read, and costs one listing per
 * company. Creates and updates never use an earlier listing.
 *
 * @module
 */
import { z } from "zod";
import type { GravityZoneClient } from "../client";

/** The hash algorithms GravityZone blocklists accept. */
export const HASH_TYPES = ["sha256", "md5"] as const;

/** A blocklist hash algorithm. */
export type HashType = (typeof HASH_TYPES)[number];

/** The API's code for a hash algorithm (v1.0 `hashType`). */
export const HASH_TYPE_CODE: Readonly<Record<HashType, 1 | 2>> = { sha256: 1, md5: 2 };

/** The algorithm of an API `hashType` code. */
export function hashTypeOf(code: number): HashType | undefined {
  return code === 1 ? "sha256" : code === 2 ? "md5" : undefined;
}

/** A hash rule as v1.0 `getBlocklistItems` lists it. */
export const hashItemSchema = z
  .object({
    id: z.string(),
    hashType: z.number().int(),
    hash: z.string(),
    source: z.unknown().optional(),
    sourceInfo: z.string().nullish(),
    filename: z.string().nullish(),
    companyId: z.string().nullish(),
  })
  .loose();

/** A v1.0 hash rule. */
export type HashItem = z.infer<typeof hashItemSchema>;

/** Any rule as v1.2 `getBlocklistItems` lists it. */
export const ruleItemSchema = z
  .object({
    id: z.string(),
    type: z.string(),
    note: z.string().nullish(),
    source: z.union([z.object({ type: z.unknown().optional(), description: z.string().nullish() }).loose(), z.number(), z.string()]).nullish(),
    company: z.object({ id: z.string().nullish(), name: z.string().nullish() }).loose().nullish(),
    details: z.record(z.string(), z.unknown()).nullish(),
  })
  .loose();

/** A v1.2 rule. */
export type RuleItem = z.infer<typeof ruleItemSchema>;

/** The note of a v1.2 rule (its `note`, or the source description the note is shown as). */
export function noteOf(item: RuleItem): string | undefined {
  if (typeof item.note === "string") return item.note;
  const s = item.source;
  if (s && typeof s === "object" && typeof s.description === "string") return s.description;
  return undefined;
}

/** How long a listing waits for more requests before asking for its first page, in milliseconds. */
export const GATHER_MS = 10;

interface Batch<T> {
  promise: Promise<T[]>;
}

interface Slot {
  /** The listing under way (its first page has been asked for). */
  running?: Promise<unknown>;
  /** The next listing, still gathering requests. */
  next?: Batch<unknown>;
  /** The latest listing made for a read, which later reads may use (see {@link READ_REUSE_MS}). */
  recent?: { promise: Promise<unknown>; at: number };
}

/** How long after a listing made for a read started later reads may use it, in milliseconds. */
export const READ_REUSE_MS = 60_000;

/** Options of the listing functions. */
export interface ReadOptions {
  /**
   * The caller is a read (refresh): it may use a listing made for an earlier read, under the rule in
   * the module comment. @default false
   */
  reuse?: boolean;
}

const slots = new WeakMap<GravityZoneClient, Map<string, Slot>>();

function slotOf(c: GravityZoneClient, key: string): Slot {
  let byKey = slots.get(c);
  if (!byKey) {
    byKey = new Map();
    slots.set(c, byKey);
  }
  let slot = byKey.get(key);
  if (!slot) {
    slot = {};
    byKey.set(key, slot);
  }
  return slot;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Shares one `list()` among concurrent callers under the rule in the module comment. */
function shared<T>(c: GravityZoneClient, key: string, list: () => Promise<T[]>): Promise<T[]> {
  const slot = slotOf(c, key);
  if (slot.next) return slot.next.promise as Promise<T[]>;
  const before = slot.running ?? Promise.resolve();
  const batch = {} as Batch<T>;
  batch.promise = (async () => {
    await before.catch(() => undefined);
    await sleep(GATHER_MS);
    // From here on, newcomers wait for the next listing.
    if (slot.next === batch) slot.next = undefined;
    const run = list();
    slot.running = run;
    try {
      return await run;
    } finally {
      if (slot.running === run) slot.running = undefined;
    }
  })();
  slot.next = batch;
  return batch.promise;
}

/** {@link shared}, or for a read the recent listing of the same key while it may still be used. */
function listing<T>(c: GravityZoneClient, key: string, options: ReadOptions, list: () => Promise<T[]>): Promise<T[]> {
  if (!options.reuse) return shared(c, key, list);
  const slot = slotOf(c, key);
  if (slot.recent && Date.now() - slot.recent.at < READ_REUSE_MS) return slot.recent.promise as Promise<T[]>;
  const promise = shared(c, key, list);
  const recent = { promise, at: Date.now() };
  slot.recent = recent;
  // A failed listing is not kept: the next read tries again.
  promise.catch(() => {
    if (slot.recent === recent) slot.recent = undefined;
  });
  return promise;
}

/**
 * Runs a write to a blocklist (add or remove). Listings made for reads before it (or while it runs)
 * are no longer used, so every later read reflects it.
 */
export async function blocklistWrite<T>(c: GravityZoneClient, write: () => Promise<T>): Promise<T> {
  forgetRecent(c);
  try {
    return await write();
  } finally {
    forgetRecent(c);
  }
}

function forgetRecent(c: GravityZoneClient): void {
  for (const slot of slots.get(c)?.values() ?? []) slot.recent = undefined;
}

/** Every hash rule of a company (v1.0, all pages). `companyId` undefined = the API key's own company. */
export function listHashItems(c: GravityZoneClient, companyId: string | undefined, options: ReadOptions = {}): Promise<HashItem[]> {
  return listing(c, `v1.0:${companyId ?? ""}`, options, () => c.listAll("incidents", "getBlocklistItems", { companyId }, hashItemSchema));
}

/** Every rule of a company (v1.2, all pages). */
export function listRuleItems(c: GravityZoneClient, companyId: string | undefined, options: ReadOptions = {}): Promise<RuleItem[]> {
  return listing(c, `v1.2:${companyId ?? ""}`, options, () => c.listAll("incidents", "getBlocklistItems", { companyId }, ruleItemSchema, { version: "v1.2" }));
}
