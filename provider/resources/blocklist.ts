/**
 * Blocklist: many hashes of one algorithm in a company's blocklist, managed as one resource.
 *
 * The blocklist methods allow 5 requests per minute per key, so one resource per hash does not scale.
 * This resource adds a whole list with one `addToBlocklist` call per {@link BLOCKLIST_HASHES_PER_CALL}
 * hashes and on update touches only the hashes that were added to or dropped from the list. Removing
 * is slow by GravityZone's design: hash rules are removed one per call (v1.0, 77211-135329), so
 * dropping N hashes takes about N / 5 minutes. A change that drops more than
 * {@link REMOVAL_NOTICE_HASHES} hashes says so in `pulumi preview` (and `up`), and a long removal
 * reports its progress every {@link REMOVAL_PROGRESS_EVERY} hashes, in the Pulumi engine's log.
 *
 * | operation | GravityZone call |
 * |---|---|
 * | create | `incidents.getBlocklistItems` v1.0 (every page: which hashes are there already?), `incidents.addToBlocklist` v1.0 `{hashType, hashList, sourceInfo, companyId}` per chunk, `getBlocklistItems` again for the items' ids |
 * | read | `incidents.getBlocklistItems` v1.0, every page (shared with other blocklist resources of the company read together) |
 * | update | `hashes` → `addToBlocklist` for the new hashes, `removeFromBlocklist` v1.0 `{hashItemId}` for each dropped one, then `getBlocklistItems` for the new ids |
 * | replace | `companyId`, `hashType`, `sourceInfo` (the old items are removed first) |
 * | delete | `incidents.removeFromBlocklist` v1.0 `{hashItemId}` per hash (5 a minute) |
 *
 * The resource id is `blocklist:<companyId or "own">:<hashType>:<8 hex digits of sourceInfo's SHA-256>`.
 */
import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { BUDGETS, type GravityZoneClient, GravityZoneError, trueResult } from "../client";
import { dynamicProvider } from "../framework/dynamic";
import { logInfo } from "../framework/engine-log";
import { defineHandler, keepRules, type ResourceHandler } from "../framework/handler";
import { PartialCreateError, withPartialFailures } from "../framework/partial-failure";
import { providerClient } from "../settings";
import { containsUnknown } from "../framework/unknown";
import { idRef, plainText } from "../framework/validation";
import {
  blocklistWrite,
  HASH_TYPES,
  HASH_TYPE_CODE,
  type HashItem,
  type HashType,
  listHashItems,
  type ReadOptions,
  removeHashItem,
} from "./blocklist-items";

/**
 * Hashes sent in one `addToBlocklist` call (removals go one hash per call). The reference gives no
 * limit; 500 keeps each request small.
 */
export const BLOCKLIST_HASHES_PER_CALL = 500;

/** A change (or delete) removing more hashes than this says how long the removal takes. */
export const REMOVAL_NOTICE_HASHES = 25;

/** A removal of more than {@link REMOVAL_NOTICE_HASHES} hashes reports its progress every this many hashes. */
export const REMOVAL_PROGRESS_EVERY = 25;

/** Inputs of {@link Blocklist}. */
export interface BlocklistArgs {
  /**
   * The company whose blocklist holds the hashes.
   * Caution: changing it **replaces** the resource (every hash is removed, then added again).
   * @default the API key's own company
   */
  companyId?: pulumi.Input<string>;
  /**
   * The algorithm of every hash in the list.
   * Caution: changing it **replaces** the resource.
   */
  hashType: pulumi.Input<HashType>;
  /**
   * The hashes to block (SHA-256: 64 hexadecimal characters; MD5: 32). Case, order and duplicates do
   * not matter. Adding or dropping hashes updates the blocklist in place, touching only those hashes.
   */
  hashes: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * Why the hashes are blocked (v1.0 `sourceInfo`, up to 512 characters, no HTML).
   * Caution: changing it **replaces** the resource (GravityZone cannot edit an item's note).
   */
  sourceInfo: pulumi.Input<string>;
  /**
   * Take over hashes of the list that are already in the blocklist instead of failing.
   * @default false
   */
  adopt?: pulumi.Input<boolean>;
}

const HASH_PATTERN: Record<HashType, { re: RegExp; what: string }> = {
  sha256: { re: /^[0-9a-f]{64}$/, what: "a SHA-256 hash: 64 hexadecimal characters" },
  md5: { re: /^[0-9a-f]{32}$/, what: "an MD5 hash: 32 hexadecimal characters" },
};

const schema = z
  .strictObject({
    companyId: idRef.optional(),
    hashType: z.enum(HASH_TYPES, { error: "must be sha256 or md5" }),
    hashes: z
      .array(z.string().transform((s) => s.toLowerCase()))
      .min(1, "must hold at least one hash")
      .max(100_000, "must hold at most 100000 hashes"),
    sourceInfo: plainText(512).min(1, "must not be empty"),
    adopt: z.boolean().default(false),
  })
  .superRefine((v, ctx) => {
    const p = HASH_PATTERN[v.hashType];
    v.hashes.forEach((h, i) => {
      if (!p.re.test(h))
        ctx.addIssue({ code: "custom", path: ["hashes", i], message: `${JSON.stringify(h)} is not ${p.what}` });
    });
  })
  .overwrite((v) => ({ ...v, hashes: [...new Set(v.hashes)].sort() }));

/** Resolved inputs of {@link Blocklist}. */
export type BlocklistInputs = z.infer<typeof schema>;

/** Outputs of {@link Blocklist}. */
export interface BlocklistOutputs extends BlocklistInputs {
  /** The blocklist item id of each hash present. */
  itemIds: Record<string, string>;
  /** Declared hashes that are no longer in the blocklist (removed by hand): drift that `up` repairs. */
  missingHashes: string[];
  /** Hashes that were already in the blocklist and were adopted. */
  adoptedHashes: string[];
}

function chunks<T>(xs: readonly T[], size = BLOCKLIST_HASHES_PER_CALL): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

/** The company's items of the list's algorithm, by hash. */
async function itemsByHash(
  c: GravityZoneClient,
  companyId: string | undefined,
  hashType: HashType,
  options: ReadOptions = {},
): Promise<Map<string, HashItem>> {
  const code = HASH_TYPE_CODE[hashType];
  const out = new Map<string, HashItem>();
  for (const item of await listHashItems(c, companyId, options))
    if (item.hashType === code) out.set(item.hash.toLowerCase(), item);
  return out;
}

/**
 * Adds `hashes` in chunks. After an ambiguous failure the blocklist is listed and only the hashes of
 * the chunk that are still missing are sent again, so nothing is added twice. On failure throws
 * {@link AddFailure} carrying the hashes of the chunks added before it.
 */
async function addHashes(c: GravityZoneClient, i: BlocklistInputs, hashes: readonly string[]): Promise<void> {
  const done: string[] = [];
  for (const chunk of chunks(hashes)) {
    let pending = chunk;
    for (let attempt = 1; pending.length > 0; attempt++) {
      try {
        await blocklistWrite(c, () =>
          c.call(
            "incidents",
            "addToBlocklist",
            {
              hashType: HASH_TYPE_CODE[i.hashType],
              hashList: pending,
              sourceInfo: i.sourceInfo,
              companyId: i.companyId,
            },
            trueResult,
          ),
        );
        pending = [];
      } catch (e) {
        if (!(e instanceof GravityZoneError && e.ambiguous) || attempt >= 3) throw new AddFailure(done, e);
        const now = await itemsByHash(c, i.companyId, i.hashType);
        pending = pending.filter((h) => !now.has(h));
      }
    }
    done.push(...chunk);
  }
}

/** An add that failed part-way. */
class AddFailure extends Error {
  constructor(
    readonly added: string[],
    readonly error: unknown,
  ) {
    super(error instanceof Error ? error.message : String(error), { cause: error });
  }
}

/**
 * Removes hash items by id: one v1.0 `removeFromBlocklist {hashItemId}` call each, the only way
 * GravityZone removes hash rules (77211-135329), at 5 calls a minute. Items already gone are skipped
 * once a listing confirms it. A removal of more than {@link REMOVAL_NOTICE_HASHES} hashes reports
 * its progress every {@link REMOVAL_PROGRESS_EVERY} hashes and at the end.
 */
async function removeItems(c: GravityZoneClient, i: BlocklistInputs, ids: readonly string[]): Promise<void> {
  const long = ids.length > REMOVAL_NOTICE_HASHES;
  let removed = 0;
  for (const id of ids) {
    await removeHashItem(c, i.companyId, id);
    removed++;
    if (long && (removed % REMOVAL_PROGRESS_EVERY === 0 || removed === ids.length))
      logInfo(`${labelOf(i)}: removed ${removed} of ${ids.length} hashes.`);
  }
}

/** How a message names a list: its algorithm and (the start of) its `sourceInfo`, never a hash or key. */
function labelOf(i: Pick<BlocklistInputs, "hashType" | "sourceInfo">): string {
  const note = typeof i.sourceInfo === "string" ? i.sourceInfo.replace(/\s+/g, " ").trim() : "";
  const shown = note.length > 60 ? `${note.slice(0, 59)}…` : note;
  return `Blocklist (${i.hashType}, ${JSON.stringify(shown)})`;
}

/** What removing `n` hashes costs, e.g. "removing 30 hashes takes about 6 minutes (…)". */
export function removalNotice(n: number): string {
  const b = BUDGETS["per-minute-5"];
  const minutes = Math.max(1, Math.ceil((n * b.windowMs) / b.limit / 60_000));
  return (
    `removing ${n} hashes takes about ${minutes} minute${minutes === 1 ? "" : "s"} ` +
    `(GravityZone removes hash blocklist rules with one incidents.removeFromBlocklist call per hash, ${b.limit} per minute per API key, ` +
    "a budget shared with adding hashes, policy assignments and push settings)"
  );
}

/**
 * How many hash items a diff's plan removes: every item when the list is replaced, else the items of
 * the hashes dropped from the list; undefined while the new list is unknown (preview).
 */
function plannedRemovals(
  olds: Partial<BlocklistOutputs>,
  news: Record<string, unknown>,
  replacing: boolean,
): number | undefined {
  const ids = olds.itemIds ?? {};
  if (replacing) return Object.keys(ids).length;
  if (!Array.isArray(news.hashes) || containsUnknown(news.hashes) || !Array.isArray(olds.hashes)) return undefined;
  const keep = new Set(news.hashes.map((h) => String(h).toLowerCase()));
  return olds.hashes.filter((h) => !keep.has(h) && typeof ids[h] === "string").length;
}

/** Lists whose plan (diff) announced their removal in this process: their delete (a replacement) does not repeat it. */
const announcedRemovals = new Set<string>();

/** Adds the removal notice to a handler's diff: a plan dropping many hashes says how long it takes. */
function withRemovalNotice(handler: ResourceHandler): ResourceHandler {
  return keepRules(handler, {
    ...handler,
    async diff(id, olds, news) {
      const result = await handler.diff(id, olds, news);
      try {
        const replacing = (result.replaces?.length ?? 0) > 0;
        const n = plannedRemovals(olds as Partial<BlocklistOutputs>, news as Record<string, unknown>, replacing);
        if (n !== undefined && n > REMOVAL_NOTICE_HASHES) {
          logInfo(`${labelOf(olds as BlocklistOutputs)}: ${removalNotice(n)}.`);
          if (replacing) announcedRemovals.add(id);
        }
      } catch {
        // The notice never fails a plan.
      }
      return result;
    },
  });
}

function idOf(i: BlocklistInputs): string {
  const note = createHash("sha256").update(i.sourceInfo).digest("hex").slice(0, 8);
  return `blocklist:${i.companyId ?? "own"}:${i.hashType}:${note}`;
}

function idsFor(hashes: readonly string[], items: Map<string, HashItem>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const h of hashes) {
    const item = items.get(h);
    if (item) out[h] = item.id;
  }
  return out;
}

/** @internal */
export const handler = withRemovalNotice(
  withPartialFailures(
    defineHandler<BlocklistInputs, BlocklistOutputs>({
      type: "Blocklist",
      // Writes take a per-minute budget's slot: serve them before cheaper work.
      scarceWrites: true,
      schema,
      replaceOn: ["companyId", "hashType", "sourceInfo"],
      local: ["adopt"],
      deleteBeforeReplace: true,

      async create(inputs) {
        const c = providerClient();
        const before = await itemsByHash(c, inputs.companyId, inputs.hashType);
        const present = inputs.hashes.filter((h) => before.has(h));
        if (present.length > 0 && !inputs.adopt) {
          throw new Error(
            `${present.length} of the ${inputs.hashes.length} ${inputs.hashType} hashes are already in the blocklist (e.g. ${present[0]}, item ${before.get(present[0]!)!.id}). ` +
              "Set `adopt: true` to manage the existing items with this resource, or drop them from the list.",
          );
        }
        const toAdd = inputs.hashes.filter((h) => !before.has(h));
        const id = idOf(inputs);
        try {
          await addHashes(c, inputs, toAdd);
        } catch (e) {
          if (!(e instanceof AddFailure)) throw e;
          // Some chunks may be in: record what is there so the next `up` adds only the rest.
          const now = await itemsByHash(c, inputs.companyId, inputs.hashType).catch(() => undefined);
          const held = now ? inputs.hashes.filter((h) => now.has(h)) : [...present, ...e.added];
          if (held.length === 0) throw e.error;
          const outs: Record<string, unknown> = {
            ...inputs,
            hashes: held,
            itemIds: now ? idsFor(held, now) : {},
            missingHashes: [],
            adoptedHashes: present,
          } satisfies BlocklistOutputs;
          throw new PartialCreateError(
            `blocklist of ${inputs.hashes.length} hashes`,
            id,
            outs,
            `adding ${inputs.hashes.length - held.length} hashes`,
            e.error,
          );
        }
        const after = toAdd.length > 0 ? await itemsByHash(c, inputs.companyId, inputs.hashType) : before;
        const missing = inputs.hashes.filter((h) => !after.has(h));
        return {
          id,
          outs: {
            ...inputs,
            hashes: inputs.hashes.filter((h) => after.has(h)),
            itemIds: idsFor(inputs.hashes, after),
            missingHashes: missing,
            adoptedHashes: present,
          },
        };
      },

      async read(_id, olds) {
        const items = await itemsByHash(providerClient(), olds.companyId, olds.hashType, { reuse: true });
        const declared = [...new Set([...olds.hashes, ...(olds.missingHashes ?? [])])].sort();
        const held = declared.filter((h) => items.has(h));
        if (held.length === 0) return undefined;
        return {
          ...olds,
          hashes: held,
          itemIds: idsFor(held, items),
          missingHashes: declared.filter((h) => !items.has(h)),
        };
      },

      async update(_id, olds, news) {
        const c = providerClient();
        const oldSet = new Set(olds.hashes);
        const newSet = new Set(news.hashes);
        const dropped = olds.hashes.filter((h) => !newSet.has(h));
        const ids = dropped.map((h) => olds.itemIds?.[h]).filter((x): x is string => typeof x === "string");
        if (ids.length > 0) await removeItems(c, olds, ids);
        const toAdd = news.hashes.filter((h) => !oldSet.has(h));
        try {
          await addHashes(c, news, toAdd);
        } catch (e) {
          throw e instanceof AddFailure ? e.error : e;
        }
        const after = await itemsByHash(c, news.companyId, news.hashType);
        const held = news.hashes.filter((h) => after.has(h));
        return {
          ...news,
          hashes: held,
          itemIds: idsFor(held, after),
          missingHashes: news.hashes.filter((h) => !after.has(h)),
          adoptedHashes: olds.adoptedHashes ?? [],
        };
      },

      async delete(id, olds) {
        const ids = Object.values(olds.itemIds ?? {});
        if (ids.length === 0) return;
        // A destroy has no plan that said it (a replacement's diff did): say it now.
        if (ids.length > REMOVAL_NOTICE_HASHES && !announcedRemovals.delete(id))
          logInfo(`${labelOf(olds)}: ${removalNotice(ids.length)}.`);
        await removeItems(providerClient(), olds, ids);
      },
    }),
  ),
);

const provider = dynamicProvider("blocklist");

/**
 * Many hashes of one algorithm in a company's blocklist, as one resource: the way to block hundreds
 * of hashes within GravityZone's 5-requests-per-minute budget for blocklist changes.
 *
 * Creating adds the whole list with one `addToBlocklist` call per 500 hashes; changing the list adds
 * only the new hashes and removes only the dropped ones; a refresh lists every page of the blocklist
 * and reports declared hashes removed by hand in `missingHashes` (and drops them from `hashes`, so
 * the next `up` adds them back).
 *
 * @example
 * ```ts
 * new gravityzone.Blocklist("ioc-feed", {
 *   companyId: company.id,
 *   hashType: "sha256",
 *   hashes: fs.readFileSync("iocs.txt", "utf8").split("\n").filter(Boolean),
 *   sourceInfo: "Threat intel feed 2025-07",
 * });
 * ```
 */
export class Blocklist extends pulumi.dynamic.Resource {
  /** The Pulumi type token (used by policy packs' `validateResourceOfType`). */
  static readonly __pulumiType = "pulumi-nodejs:dynamic/gravityzone:Blocklist";
  /** The company whose blocklist holds the hashes, when given. */
  declare readonly companyId: pulumi.Output<string | undefined>;
  /** The algorithm of the hashes. */
  declare readonly hashType: pulumi.Output<HashType>;
  /** The declared hashes present in the blocklist (lower case, sorted). */
  declare readonly hashes: pulumi.Output<string[]>;
  /** Why the hashes are blocked. */
  declare readonly sourceInfo: pulumi.Output<string>;
  /** The blocklist item id of each hash present. */
  declare readonly itemIds: pulumi.Output<Record<string, string>>;
  /** Declared hashes no longer in the blocklist (removed by hand). */
  declare readonly missingHashes: pulumi.Output<string[]>;
  /** Hashes that were already in the blocklist and were adopted. */
  declare readonly adoptedHashes: pulumi.Output<string[]>;

  /** Declares a list of blocked hashes. */
  constructor(name: string, args: BlocklistArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      provider,
      name,
      { itemIds: undefined, missingHashes: undefined, adoptedHashes: undefined, ...args },
      opts,
      "gravityzone",
      "Blocklist",
    );
  }
}
