/**
 * Reading a company's blocklist, shared by {@link BlocklistEntry} and {@link Blocklist}.
 *
 * `incidents.getBlocklistItems` is read page by page (100 per page): v1.0 lists hash rules
 * `{id, hashType, hash, sourceInfo, companyId}`; v1.2 lists every rule `{id, type, source, company,
 * details}`.
 *
 * A refresh reads many entries of one company at once: they share one listing of the company's
 * blocklist ({@link sharedListing}, whose rule keeps every answer current), so N entries read together
 * cost ⌈items/100⌉ calls instead of N listings. Every add or remove goes through {@link blocklistWrite},
 * so no read uses a listing made before it.
 *
 * @module
 */
import { z } from "zod";
import { HASH_TYPE_CODES, nameOfCode } from "../client/wire-codes";
import { type GravityZoneClient, trueResult, mayMeanNotFound } from "../client";
import { type ListingOptions, listingWrite, sharedListing } from "../framework/shared-listing";

/** The hash algorithms GravityZone blocklists accept. */
export const HASH_TYPES = ["sha256", "md5"] as const;

/** A blocklist hash algorithm. */
export type HashType = (typeof HASH_TYPES)[number];

/** The API's code for a hash algorithm (v1.0 `hashType`). */
export const HASH_TYPE_CODE: Readonly<Record<HashType, 1 | 2>> = HASH_TYPE_CODES;

/** The algorithm of an API `hashType` code. */
export function hashTypeOf(code: number): HashType | undefined {
  return nameOfCode(HASH_TYPE_CODES, code);
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
    source: z
      .union([
        z.object({ type: z.unknown().optional(), description: z.string().nullish() }).loose(),
        z.number(),
        z.string(),
      ])
      .nullish(),
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

/** Options of the listing functions (see {@link ListingOptions}). */
export type ReadOptions = ListingOptions;

/**
 * Runs a write to a blocklist (add or remove). Listings made for reads before it (or while it runs)
 * are no longer used, so every later read reflects it.
 */
export function blocklistWrite<T>(c: GravityZoneClient, write: () => Promise<T>): Promise<T> {
  return listingWrite(c, "blocklist", write);
}

/** Every hash rule of a company (v1.0, all pages). `companyId` undefined = the API key's own company. */
export function listHashItems(
  c: GravityZoneClient,
  companyId: string | undefined,
  options: ReadOptions = {},
): Promise<HashItem[]> {
  return sharedListing(c, "blocklist", `v1.0:${companyId ?? ""}`, options, (onSend) =>
    c.listAll("incidents", "getBlocklistItems", { companyId }, hashItemSchema, { onSend }),
  );
}

/** Every rule of a company (v1.2, all pages). */
export function listRuleItems(
  c: GravityZoneClient,
  companyId: string | undefined,
  options: ReadOptions = {},
): Promise<RuleItem[]> {
  return sharedListing(c, "blocklist", `v1.2:${companyId ?? ""}`, options, (onSend) =>
    c.listAll("incidents", "getBlocklistItems", { companyId }, ruleItemSchema, { version: "v1.2", onSend }),
  );
}

/**
 * Removes one hash rule. Hash rules can only be removed with v1.0 `{hashItemId}`, one per call
 * ("You can only use version 1.0 to remove hash type blocklist rules", 77211-135329), in the 5-per-minute
 * class. An error that may mean "not found" is success only when a fresh listing no longer has the item.
 */
export async function removeHashItem(c: GravityZoneClient, companyId: string | undefined, id: string): Promise<void> {
  try {
    await blocklistWrite(c, () => c.call("incidents", "removeFromBlocklist", { hashItemId: id }, trueResult));
  } catch (e) {
    if (!mayMeanNotFound(e)) throw e;
    if ((await listHashItems(c, companyId)).some((item) => item.id === id)) throw e;
  }
}
