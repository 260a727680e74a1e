/**
 * BlocklistEntry: one blocklist rule of a company — a file hash, a file path or a network connection.
 *
 * | operation | GravityZone call |
 * |---|---|
 * | create (hash) | `incidents.getBlocklistItems` v1.0 (every page: is the hash there?), `incidents.addToBlocklist` v1.0 `{hashType, hashList:[hash], sourceInfo, companyId}` (one call for the hashes of entries created together with the same company and sourceInfo), then `getBlocklistItems` again for the new item's id (the add answers only `true`) |
 * | create (path, connection) | the same with v1.2: `addToBlocklist {companyId, type, rules:[{details, note}], recursive: false}` (recursive defaults to true: 77211-135327) |
 * | read | `incidents.getBlocklistItems` (v1.0 for hashes, v1.2 for rules), every page; one listing is shared by the entries of a company read together |
 * | update | none: GravityZone cannot edit a blocklist rule |
 * | replace | every input (the old rule is removed first, so the same hash can be declared again) |
 * | delete | `incidents.removeFromBlocklist` v1.0 `{hashItemId}` per hash (the only way to remove a hash rule: 77211-135329) or v1.2 `{companyId, ids}` (a company's path and connection rules deleted together share one call) |
 *
 * addToBlocklist and removeFromBlocklist allow 5 requests per minute per key: for many hashes use
 * {@link Blocklist}, which adds a whole list in one call. Removing N hashes takes N calls, about N / 5
 * minutes, whichever resource holds them.
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { type GravityZoneClient, trueResult, mayMeanNotFound } from "../client";
import { createOrAdopt } from "../framework/create-or-adopt";
import { dynamicProvider } from "../framework/dynamic";
import { defineHandler, sameValue } from "../framework/handler";
import { providerClient } from "../settings";
import { idRef, plainText } from "../framework/validation";
import { gatheringOf, type Gathering } from "../framework/gather";
import {
  blocklistWrite,
  HASH_TYPES,
  HASH_TYPE_CODE,
  type HashType,
  hashTypeOf,
  listHashItems,
  listRuleItems,
  noteOf,
  removeHashItem,
  type RuleItem,
} from "./blocklist-items";

export { HASH_TYPES, type HashType } from "./blocklist-items";

/** The IP protocols a connection rule can name. */
export const CONNECTION_PROTOCOLS = ["ANY", "TCP", "UDP", "ICMP", "ICMPv6", "IGMP", "GRE"] as const;

/** An IP protocol of a connection rule. */
export type ConnectionProtocol = (typeof CONNECTION_PROTOCOLS)[number];

/** One side of a connection rule. */
export interface ConnectionAddress {
  /** Any address and port. */
  any?: boolean;
  /** An IP address or network in CIDR form, e.g. `10.10.10.12/32`. */
  ipMask?: string;
  /** Ports or port ranges separated by commas, e.g. `443` or `300-400,8080`. */
  portRange?: string;
}

/** A network connection rule (v1.2 `addToBlocklist` `type: "connection"` details). */
export interface ConnectionRule {
  /** The rule's name (required: it also identifies the rule when looking it up). */
  ruleName: string;
  /** `inbound`, `outbound` or `both`. */
  direction?: "inbound" | "outbound" | "both";
  /** The IP protocol: `ANY`, `TCP`, `UDP`, `ICMP`, `ICMPv6`, `IGMP` or `GRE`. */
  protocol?: ConnectionProtocol;
  /** `ANY`, `IPV4` or `IPV6`. */
  ipVersion?: "ANY" | "IPV4" | "IPV6";
  /** The local side. */
  localAddress?: ConnectionAddress;
  /** The remote side. */
  remoteAddress?: ConnectionAddress;
  /** Match only directly connected peers, optionally by MAC address (`AA:AA:AA:AA:AA:AA;BB:…`). */
  directlyConnected?: { enable: boolean; remoteMac?: string };
  /** The program's path. */
  path?: string;
  /** The program's MD5 or SHA-256 hash. */
  hash?: string;
  /** The program's command line. */
  commandLine?: string;
  /** Operating systems the rule applies to: `Windows`, `Linux`, `macOS`. */
  operatingSystems?: ("Windows" | "Linux" | "macOS")[];
}

/** Inputs of {@link BlocklistEntry}. Give exactly one of `hash`, `path` or `connection`. */
export interface BlocklistEntryArgs {
  /**
   * A file hash to block (SHA-256: 64 hex characters; MD5: 32). Stored in lower case.
   * Caution: changing it **replaces** the entry.
   */
  hash?: pulumi.Input<string>;
  /**
   * The hash's algorithm.
   * Caution: changing it **replaces** the entry.
   * @default inferred from the hash's length
   */
  hashType?: pulumi.Input<HashType>;
  /**
   * A file path to block, e.g. `C:\\Tools\\bad.exe`.
   * Caution: changing it **replaces** the entry.
   */
  path?: pulumi.Input<string>;
  /**
   * A network connection rule.
   * Caution: changing it **replaces** the entry.
   */
  connection?: pulumi.Input<ConnectionRule>;
  /**
   * The company whose blocklist holds the entry.
   * Caution: changing it **replaces** the entry.
   * @default the API key's own company
   */
  companyId?: pulumi.Input<string>;
  /**
   * Why the hash is blocked (v1.0 `sourceInfo`; required for hash entries, up to 512 characters, no HTML).
   * Caution: changing it **replaces** the entry.
   */
  sourceInfo?: pulumi.Input<string>;
  /**
   * A note on a path or connection rule (v1.2 `note`, up to 512 characters, no HTML).
   * Caution: changing it **replaces** the entry.
   */
  note?: pulumi.Input<string>;
  /**
   * Take over an existing entry for the same hash, path or connection instead of failing.
   * @default false
   */
  adopt?: pulumi.Input<boolean>;
}

const address = z.strictObject({
  any: z.boolean().optional(),
  ipMask: z
    .string()
    .regex(/^[0-9a-fA-F:.]+(\/\d{1,3})?$/, "must be an IP address or network in CIDR form, e.g. 10.10.10.12/32")
    .optional(),
  portRange: z
    .string()
    .regex(
      /^\d{1,5}(-\d{1,5})?(,\d{1,5}(-\d{1,5})?)*$/,
      "must be ports or port ranges separated by commas, e.g. 443 or 300-400,8080",
    )
    .optional(),
});

const connection = z.strictObject({
  ruleName: plainText(128).min(1, "must not be empty"),
  direction: z.enum(["inbound", "outbound", "both"], { error: "must be inbound, outbound or both" }).optional(),
  protocol: z.enum(CONNECTION_PROTOCOLS, { error: `must be one of ${CONNECTION_PROTOCOLS.join(", ")}` }).optional(),
  ipVersion: z.enum(["ANY", "IPV4", "IPV6"], { error: "must be ANY, IPV4 or IPV6" }).optional(),
  localAddress: address.optional(),
  remoteAddress: address.optional(),
  directlyConnected: z
    .strictObject({
      enable: z.boolean(),
      remoteMac: z
        .string()
        .regex(
          /^([0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}(;([0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2})*$/,
          "must be MAC addresses separated by ;, e.g. AA:AA:AA:AA:AA:AA;BB:BB:BB:BB:BB:BB",
        )
        .optional(),
    })
    .optional(),
  path: z.string().min(1, "must not be empty").max(1024, "must be at most 1024 characters").optional(),
  hash: z
    .string()
    .regex(/^([0-9a-fA-F]{32}|[0-9a-fA-F]{64})$/, "must be an MD5 (32) or SHA-256 (64) hexadecimal hash")
    .transform((s) => s.toLowerCase())
    .optional(),
  commandLine: z.string().min(1, "must not be empty").max(1024, "must be at most 1024 characters").optional(),
  operatingSystems: z
    .array(z.enum(["Windows", "Linux", "macOS"], { error: "must be Windows, Linux or macOS" }))
    .min(1, "must not be empty (omit it instead)")
    .optional(),
});

const HASH_LENGTH: Record<HashType, number> = { sha256: 64, md5: 32 };

const schema = z
  .strictObject({
    hash: z
      .string()
      .transform((s) => s.toLowerCase())
      .optional(),
    hashType: z.enum(HASH_TYPES, { error: "must be sha256 or md5" }).optional(),
    path: z.string().min(1, "must not be empty").max(1024, "must be at most 1024 characters").optional(),
    connection: connection.optional(),
    companyId: idRef.optional(),
    sourceInfo: plainText(512).min(1, "must not be empty").optional(),
    note: plainText(512).optional(),
    adopt: z.boolean().default(false),
  })
  .overwrite((v) =>
    v.hash !== undefined && v.hashType === undefined
      ? { ...v, hashType: v.hash.length === 32 ? ("md5" as const) : ("sha256" as const) }
      : v,
  )
  .superRefine((v, ctx) => {
    const given = (["hash", "path", "connection"] as const).filter((k) => v[k] !== undefined);
    if (given.length !== 1) {
      ctx.addIssue({
        code: "custom",
        path: [given[1] ?? "hash"],
        message: "give exactly one of hash, path or connection",
      });
      return;
    }
    if (v.hash !== undefined) {
      const type = v.hashType ?? "sha256";
      if (!new RegExp(`^[0-9a-f]{${HASH_LENGTH[type]}}$`).test(v.hash)) {
        const what =
          type === "md5" ? "an MD5 hash: 32 hexadecimal characters" : "a SHA-256 hash: 64 hexadecimal characters";
        ctx.addIssue({ code: "custom", path: ["hash"], message: `must be ${what}` });
      }
      if (v.sourceInfo === undefined)
        ctx.addIssue({
          code: "custom",
          path: ["sourceInfo"],
          message: "is required for hash entries (GravityZone records why a hash is blocked)",
        });
      if (v.note !== undefined)
        ctx.addIssue({
          code: "custom",
          path: ["note"],
          message: "is for path and connection rules; use sourceInfo for hash entries",
        });
    } else {
      if (v.hashType !== undefined)
        ctx.addIssue({ code: "custom", path: ["hashType"], message: "is only for hash entries" });
      if (v.sourceInfo !== undefined)
        ctx.addIssue({
          code: "custom",
          path: ["sourceInfo"],
          message: "is for hash entries; use note for path and connection rules",
        });
    }
  });

/** Resolved inputs of {@link BlocklistEntry}. */
export type BlocklistEntryInputs = z.infer<typeof schema>;

/** What kind of rule an entry is. */
export type BlocklistRuleType = "hash" | "path" | "connection";

/** Outputs of {@link BlocklistEntry}. */
export interface BlocklistEntryOutputs extends BlocklistEntryInputs {
  /** `hash`, `path` or `connection`. */
  ruleType: BlocklistRuleType;
  /** The blocklist item's id (also `id`). */
  itemId: string;
  /** True when an existing entry was adopted rather than added. */
  adopted: boolean;
}

function ruleTypeOf(i: BlocklistEntryInputs): BlocklistRuleType {
  return i.hash !== undefined ? "hash" : i.path !== undefined ? "path" : "connection";
}

/** `actual` restricted to the keys `declared` has, at every depth (server-filled extras are ignored). */
export function projectOnto(declared: unknown, actual: unknown): unknown {
  if (declared && typeof declared === "object" && !Array.isArray(declared)) {
    if (!actual || typeof actual !== "object" || Array.isArray(actual)) return actual;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(declared))
      out[k] = projectOnto((declared as Record<string, unknown>)[k], (actual as Record<string, unknown>)[k]);
    return out;
  }
  return actual;
}

/** A rule's details with a connection's program hash in lower case, the form inputs are normalised to. */
function detailsOf(item: RuleItem): Record<string, unknown> {
  const details = item.details ?? {};
  return item.type === "connection" && typeof details.hash === "string"
    ? { ...details, hash: details.hash.toLowerCase() }
    : details;
}

/** True when the v1.2 rule is the one the inputs declare. */
function matchesRule(i: BlocklistEntryInputs, item: RuleItem): boolean {
  const details = detailsOf(item);
  // GravityZone treats paths that differ only in case as the same rule.
  if (i.path !== undefined)
    return (
      item.type === "path" && typeof details.path === "string" && details.path.toLowerCase() === i.path.toLowerCase()
    );
  return item.type === "connection" && sameValue(projectOnto(i.connection, details), i.connection);
}

async function findEntry(c: GravityZoneClient, i: BlocklistEntryInputs): Promise<{ id: string } | undefined> {
  if (i.hash !== undefined) {
    const code = HASH_TYPE_CODE[i.hashType!];
    return (await listHashItems(c, i.companyId)).find(
      (item) => item.hashType === code && item.hash.toLowerCase() === i.hash,
    );
  }
  return (await listRuleItems(c, i.companyId)).find((item) => matchesRule(i, item));
}

async function addEntry(c: GravityZoneClient, i: BlocklistEntryInputs): Promise<void> {
  if (i.hash !== undefined) {
    // Hashes of the same company, algorithm and note added together go out in one call.
    const key = `add:${i.companyId ?? ""}:${i.hashType}:${i.sourceInfo}`;
    const send = (hashList: string[]) =>
      blocklistWrite(c, () =>
        c.call(
          "incidents",
          "addToBlocklist",
          {
            hashType: HASH_TYPE_CODE[i.hashType!],
            hashList: [...new Set(hashList)],
            sourceInfo: i.sourceInfo,
            companyId: i.companyId,
          },
          trueResult,
        ),
      ).then(() => undefined);
    await batched(c, key, i.hash, ADD_HASHES_PER_CALL, send);
    return;
  }
  const type = ruleTypeOf(i);
  const details = type === "path" ? { path: i.path } : i.connection;
  // recursive defaults to true (77211-135327): a rule added at a partner would apply to every company
  // below it, where this resource neither reads nor removes it. It applies to the named company only.
  await blocklistWrite(c, () =>
    c.call(
      "incidents",
      "addToBlocklist",
      { companyId: i.companyId, type, rules: [{ details, note: i.note }], recursive: false },
      trueResult,
      { version: "v1.2" },
    ),
  );
}

function describe(i: BlocklistEntryInputs): string {
  if (i.hash !== undefined) return `blocklist ${i.hashType} hash ${i.hash}`;
  if (i.path !== undefined) return `blocklist path rule ${JSON.stringify(i.path)}`;
  return `blocklist connection rule${i.connection?.ruleName ? ` ${JSON.stringify(i.connection.ruleName)}` : ""}`;
}

/** Most item ids one v1.2 `removeFromBlocklist` call takes, and hashes one `addToBlocklist` call carries. */
const REMOVE_IDS_PER_CALL = 1000;
const ADD_HASHES_PER_CALL = 500;

/** Per client, per batch key: the items waiting to go out together. */
const batches = new WeakMap<object, Map<string, Gathering<unknown, unknown>>>();

/**
 * Sends `item` together with the others of the same `key` that come in at the same time: a create or
 * delete of many entries reaches the provider several at a time (the engine's `--parallel`), and the
 * blocklist methods allow 5 calls a minute. The rule is {@link Gathering}'s, shared with the listings:
 * an item joins the batch that has not been sent yet (at most `max` items); a batch is sent when the
 * one before it is done.
 */
function batched<T>(
  c: GravityZoneClient,
  key: string,
  item: T,
  max: number,
  send: (items: T[]) => Promise<void>,
): Promise<void> {
  return gatheringOf<T, void>(batches, c, key, { max }).join(item, (items, sent) => {
    // The batch is complete once its call starts.
    sent();
    return send([...items]);
  });
}

/** An item to remove, with the company whose listing confirms it is gone. */
interface Removal {
  id: string;
  ruleType: BlocklistRuleType;
  companyId: string | undefined;
}

/**
 * Removes one path or connection rule with v1.2 `{ids: [id]}`; an error that may mean "not found" is
 * success only when a fresh listing no longer has the rule.
 */
async function removeRule(c: GravityZoneClient, r: Removal): Promise<void> {
  try {
    await blocklistWrite(c, () =>
      c.call("incidents", "removeFromBlocklist", { companyId: r.companyId, ids: [r.id] }, trueResult, {
        version: "v1.2",
      }),
    );
  } catch (e) {
    if (!mayMeanNotFound(e)) throw e;
    if ((await listRuleItems(c, r.companyId)).some((item) => item.id === r.id)) throw e;
  }
}

/**
 * Removes items deleted together. Hash rules can only be removed with v1.0, one `{hashItemId}` per
 * call (77211-135329), so each costs one call of the 5-per-minute budget; the path and connection
 * rules of one company go out together in one v1.2 `{companyId, ids}` call (one by one when that call
 * is refused, e.g. because one of them was removed by hand).
 */
async function sendRemoves(c: GravityZoneClient, items: Removal[]): Promise<void> {
  for (const h of items.filter((i) => i.ruleType === "hash")) await removeHashItem(c, h.companyId, h.id);
  const byCompany = new Map<string | undefined, Removal[]>();
  for (const r of items.filter((i) => i.ruleType !== "hash"))
    byCompany.set(r.companyId, [...(byCompany.get(r.companyId) ?? []), r]);
  for (const [companyId, rules] of byCompany) {
    if (rules.length === 1) {
      await removeRule(c, rules[0]!);
      continue;
    }
    try {
      await blocklistWrite(c, () =>
        c.call("incidents", "removeFromBlocklist", { companyId, ids: rules.map((i) => i.id) }, trueResult, {
          version: "v1.2",
        }),
      );
    } catch (e) {
      if (!mayMeanNotFound(e)) throw e;
      for (const r of rules) await removeRule(c, r);
    }
  }
}

/** Removes an entry's item; entries deleted together share one call where the API allows it ({@link batched}). */
function removeEntry(c: GravityZoneClient, r: Removal): Promise<void> {
  return batched(c, "remove", r, REMOVE_IDS_PER_CALL, (items) => sendRemoves(c, items));
}

/** @internal */
export const handler = defineHandler<BlocklistEntryInputs, BlocklistEntryOutputs>({
  type: "BlocklistEntry",
  // Writes take a per-minute budget's slot: serve them before cheaper work.
  scarceWrites: true,
  schema,
  replaceOn: ["hash", "hashType", "path", "connection", "companyId", "sourceInfo", "note"],
  local: ["adopt"],
  deleteBeforeReplace: true,

  async create(inputs) {
    const c = providerClient();
    const { id, adopted } = await createOrAdopt({
      what: describe(inputs),
      adopt: inputs.adopt,
      find: () => findEntry(c, inputs),
      idOf: (item) => item.id,
      create: async () => {
        await addEntry(c, inputs);
        // The add answers only `true`: the new item's id comes from listing again.
        const added = await findEntry(c, inputs);
        if (!added)
          throw new Error(`${describe(inputs)} was accepted by addToBlocklist but is not listed by getBlocklistItems`);
        return added.id;
      },
    });
    return { id, outs: { ...inputs, ruleType: ruleTypeOf(inputs), itemId: id, adopted } };
  },

  async read(id, olds) {
    const c = providerClient();
    if (olds.ruleType === "hash") {
      const item = (await listHashItems(c, olds.companyId, { reuse: true })).find((x) => x.id === id);
      if (!item) return undefined;
      return {
        ...olds,
        hash: item.hash.toLowerCase(),
        hashType: hashTypeOf(item.hashType) ?? olds.hashType,
        sourceInfo: item.sourceInfo ?? olds.sourceInfo,
        itemId: id,
      };
    }
    const item = (await listRuleItems(c, olds.companyId, { reuse: true })).find((x) => x.id === id);
    if (!item) return undefined;
    const details = detailsOf(item);
    const note = noteOf(item);
    const outs: BlocklistEntryOutputs = {
      ...olds,
      itemId: id,
      note: note === undefined || (note === "" && olds.note === undefined) ? olds.note : note,
    };
    if (olds.ruleType === "path")
      outs.path =
        typeof details.path === "string" && details.path.toLowerCase() !== olds.path?.toLowerCase()
          ? details.path
          : olds.path;
    else outs.connection = projectOnto(olds.connection, details) as BlocklistEntryOutputs["connection"];
    return outs;
  },

  async update(_id, olds) {
    // Every API field replaces; only local fields reach here and they make no call.
    return olds;
  },

  async delete(id, olds) {
    await removeEntry(providerClient(), { id, ruleType: olds.ruleType, companyId: olds.companyId });
  },
});

const provider = dynamicProvider("blocklist-entry");

/**
 * One blocklist rule of a company: a file hash (SHA-256 or MD5), a file path, or a network
 * connection. GravityZone cannot edit a rule, so any change replaces it.
 *
 * The blocklist methods allow 5 requests per minute per key: entries created or deleted together
 * (a few at a time, as the engine's `--parallel` allows) share one add or remove call. To block many
 * hashes, use {@link Blocklist} (one call per 500 hashes, whatever the parallelism).
 *
 * @example
 * ```ts
 * new gravityzone.BlocklistEntry("eicar", {
 *   hash: "275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f",
 *   sourceInfo: "EICAR test file",
 *   companyId: company.id,
 * });
 * new gravityzone.BlocklistEntry("psexec", { path: "C:\\Tools\\PsExec.exe", note: "no remote exec", companyId: company.id });
 * ```
 */
export class BlocklistEntry extends pulumi.dynamic.Resource {
  /** The Pulumi type token (used by policy packs' `validateResourceOfType`). */
  static readonly __pulumiType = "pulumi-nodejs:dynamic/gravityzone:BlocklistEntry";
  /** The blocked hash (lower case), for hash entries. */
  declare readonly hash: pulumi.Output<string | undefined>;
  /** The hash algorithm, for hash entries. */
  declare readonly hashType: pulumi.Output<HashType | undefined>;
  /** The blocked path, for path rules. */
  declare readonly path: pulumi.Output<string | undefined>;
  /** The connection rule, for connection rules. */
  declare readonly connection: pulumi.Output<ConnectionRule | undefined>;
  /** The company whose blocklist holds the entry, when given. */
  declare readonly companyId: pulumi.Output<string | undefined>;
  /** Why the hash is blocked (hash entries). */
  declare readonly sourceInfo: pulumi.Output<string | undefined>;
  /** The note (path and connection rules). */
  declare readonly note: pulumi.Output<string | undefined>;
  /** `hash`, `path` or `connection`. */
  declare readonly ruleType: pulumi.Output<BlocklistRuleType>;
  /** The blocklist item's id (also `id`). */
  declare readonly itemId: pulumi.Output<string>;
  /** True when an existing entry was adopted. */
  declare readonly adopted: pulumi.Output<boolean>;

  /** Declares a blocklist entry. */
  constructor(name: string, args: BlocklistEntryArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      provider,
      name,
      { ruleType: undefined, itemId: undefined, adopted: undefined, ...args },
      opts,
      "gravityzone",
      "BlocklistEntry",
    );
  }
}
