/**
 * The `incidents` API: the blocklist (v1.0 hash rules; v1.2 hash, path and connection rules) and
 * endpoint isolation tasks (v1.0 one endpoint, v1.2 a list). `getIncidentsList` is not offered (it
 * answers "Method not found", as on tenants without the EDR incidents feature).
 *
 * Pages: addToBlocklist 77211-135327, removeFromBlocklist 77211-135329, getBlocklistItems
 * 77211-135328, createIsolateEndpointTask 77209-135330, createRestoreEndpointFromIsolationTask
 * 77211-135331, the console's Blocklist page 77211-151159.
 *
 * Choices where the reference is silent (each also in the catalogue entry's assumptions):
 * - Adding a hash or path rule that the company's blocklist already has is accepted and ignored (no
 *   duplicate rule, the existing id is kept), so retrying an add is harmless. Each connection rule
 *   gets its own ruleId and is always added.
 * - A recursive v1.2 add (the default) copies each rule into every company below the target, as
 *   the rules exist at that moment; removing the original removes its copies; a copy may be
 *   removed on its own.
 * - v1.2 removeFromBlocklist removes only rules of `companyId` (default: the key's company).
 * - Rules are listed oldest first.
 * - `createRestoreEndpointFromIsolationTask` on an endpoint that is not isolated is refused
 *   ("cannot be restored"), and isolating an unmanaged endpoint is refused.
 */
import { randomUUID } from "node:crypto";
import { isoSecondsNoZone } from "../clock";
import { invalidParams } from "../errors";
import { newObjectId } from "../ids";
import { anyObject, arr, bool, id, int, obj, pagingShape, readParams, req, str } from "../params";
import { requireBlocklistItem, requireCompany, requireEndpoint } from "../scope";
import type { BlocklistRecord, EndpointRecord, TenantState } from "../state";
import { descendantCompanies } from "../tree";
import { pageOf, type MethodContext, type MethodSpec, type ModuleMethods } from "./registry";
import { compareCodes } from "../collation";

/** 1 = SHA256 (64 hex digits), 2 = MD5 (32 hex digits). */
export const HASH_LENGTH: Record<1 | 2, number> = { 1: 64, 2: 32 };

/** The v1.2 `details.algorithm` names of the v1.0 hash types (77211-135327: "sha256 | md5"). */
export const ALGORITHMS: Readonly<Record<1 | 2, "sha256" | "md5">> = { 1: "sha256", 2: "md5" };

/** The most hash rules one company's blocklist holds (77211-151159: "up to 100.000 hash values"). */
export const MAX_HASHES_PER_COMPANY = 100_000;

// 77211-135328: source types Incident | Import | Manual; the example spells them in lower case ("manual").
const SOURCE_NAMES: Record<1 | 2 | 3, string> = { 1: "incident", 2: "import", 3: "manual" };

/** Validates a hash for a hash type; returns it in lowercase or throws naming `path`. */
export function checkHash(hash: string, hashType: 1 | 2, path: string): string {
  const len = HASH_LENGTH[hashType];
  if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(hash)) {
    const name = hashType === 1 ? "a SHA256" : "an MD5";
    throw invalidParams(
      `Invalid value for '${path}' parameter. The value should be ${name} hash (${len} hexadecimal characters).`,
    );
  }
  return hash.toLowerCase();
}

function ruleKey(b: Pick<BlocklistRecord, "type" | "hash" | "details">): string {
  if (b.type === "hash") return `hash:${b.hash}`;
  if (b.type === "path") return `path:${String(b.details.path).toLowerCase()}`;
  return `connection:${JSON.stringify(b.details)}`; // each connection rule has its own ruleId, so none is a duplicate
}

function findDuplicate(
  state: TenantState,
  companyId: string,
  rec: Pick<BlocklistRecord, "type" | "hash" | "details">,
): BlocklistRecord | undefined {
  const key = ruleKey(rec);
  return Object.values(state.blocklist).find(
    (b) => b.companyId === companyId && b.type === rec.type && ruleKey(b) === key,
  );
}

/** Adds a rule unless the company already has it; returns the id of the new or existing rule. */
function addRule(state: TenantState, rec: Omit<BlocklistRecord, "id">, now: Date): string {
  const existing = findDuplicate(state, rec.companyId, rec);
  if (existing) return existing.id;
  const bid = newObjectId(now.getTime());
  state.blocklist[bid] = { ...rec, id: bid };
  return bid;
}

/** Refuses an add that would take a company's blocklist past the documented number of hashes (77211-151159). */
function assertHashRoom(state: TenantState, companyId: string, hashes: readonly string[]): void {
  const have = new Set(
    Object.values(state.blocklist)
      .filter((b) => b.companyId === companyId && b.type === "hash")
      .map((b) => b.hash),
  );
  const added = new Set(hashes.filter((h) => !have.has(h)));
  if (have.size + added.size > MAX_HASHES_PER_COMPANY) {
    throw invalidParams(
      `The blocklist of company "${companyId}" can hold at most ${MAX_HASHES_PER_COMPANY} hash values (it has ${have.size}).`,
    );
  }
}

/** Removes a rule and every copy made of it by a recursive add. */
export function removeBlocklistRule(state: TenantState, ruleId: string): void {
  delete state.blocklist[ruleId];
  for (const b of Object.values(state.blocklist)) if (b.copiedFrom === ruleId) delete state.blocklist[b.id];
}

function addToBlocklistV10(raw: unknown, ctx: MethodContext): boolean {
  // 77211-135327 (Version 1.0): hashType, hashList, sourceInfo required; companyId optional. No per-call limit is documented.
  const p = readParams(raw, {
    hashType: req(int({ oneOf: [1, 2] })),
    hashList: req(arr(str({ max: 64 }), { min: 1 })), // assumed: an empty list is refused (it would add nothing)
    sourceInfo: req(str({ nonEmpty: false })),
    companyId: id(),
  });
  const company = requireCompany(ctx.state, ctx.caller, p.companyId);
  const hashType = p.hashType as 1 | 2;
  const hashes = p.hashList.map((h, i) => checkHash(h, hashType, `hashList[${i}]`));
  assertHashRoom(ctx.state, company.id, hashes);
  const created = isoSecondsNoZone(ctx.now);
  for (const hash of hashes) {
    addRule(
      ctx.state,
      {
        companyId: company.id,
        type: "hash",
        hashType,
        hash,
        source: 3,
        sourceInfo: p.sourceInfo,
        filename: null,
        details: {},
        ownerId: ctx.caller.accountId,
        created,
      },
      ctx.now,
    );
  }
  return true;
}

function removeFromBlocklistV10(raw: unknown, ctx: MethodContext): boolean {
  // 77211-135329 (Version 1.0): hashItemId; "You can only use version 1.0 to remove has[h] type blocklist rules."
  const p = readParams(raw, { hashItemId: req(id()) });
  const item = requireBlocklistItem(ctx.state, ctx.caller, p.hashItemId);
  if (item.type !== "hash")
    throw invalidParams(`The blocklist item with ID "${item.id}" is not a hash rule; remove it with version 1.2.`);
  removeBlocklistRule(ctx.state, item.id);
  return true;
}

function listFor(ctx: MethodContext, companyId: string | undefined, hashOnly: boolean): BlocklistRecord[] {
  const company = requireCompany(ctx.state, ctx.caller, companyId);
  return Object.values(ctx.state.blocklist)
    .filter((b) => b.companyId === company.id && (!hashOnly || b.type === "hash"))
    .sort((a, b) => compareCodes(a.created, b.created) || compareCodes(a.id, b.id));
}

function getBlocklistItemsV10(raw: unknown, ctx: MethodContext) {
  // 77211-135328 (Version 1.0): all optional; page default 1, perPage ≤ 100 default 30; hash rules only.
  const p = readParams(raw, { companyId: id(), ...pagingShape(100) });
  const page = pageOf(listFor(ctx, p.companyId, true), p.page, p.perPage);
  return {
    ...page,
    items: page.items.map((b) => ({
      id: b.id,
      hashType: b.hashType,
      hash: b.hash,
      source: b.source,
      sourceInfo: b.sourceInfo,
      ...(b.filename ? { filename: b.filename } : {}),
      companyId: b.companyId,
    })),
  };
}

/** The v1.2 `details` of a rule: hash rules as addToBlocklist v1.2 takes them, {algorithm, hash} (77211-135327). */
function detailsV12(b: BlocklistRecord): Record<string, unknown> {
  if (b.type === "hash") return { algorithm: ALGORITHMS[b.hashType ?? 1], hash: b.hash };
  return b.details;
}

/** The v1.2 view of a blocklist rule (77211-135328). */
export function blocklistItemV12(state: TenantState, b: BlocklistRecord): Record<string, unknown> {
  const owner = state.accounts[b.ownerId];
  return {
    id: b.id,
    type: b.type,
    source: { type: SOURCE_NAMES[b.source], description: b.sourceInfo },
    company: { id: b.companyId, name: state.companies[b.companyId]?.name ?? "" },
    // 77211-135328: owner {id, username: "The email address of the user"}; the example spells it userName.
    owner: { id: b.ownerId, userName: owner?.email ?? "" },
    created: b.created,
    details: detailsV12(b),
  };
}

function getBlocklistItemsV12(raw: unknown, ctx: MethodContext) {
  // 77211-135328: page (default 1) and perPage (1-100, default 30) are marked Mandatory but have defaults: optional here.
  const p = readParams(raw, { companyId: id(), ...pagingShape(100) });
  const page = pageOf(listFor(ctx, p.companyId, false), p.page, p.perPage);
  return { ...page, items: page.items.map((b) => blocklistItemV12(ctx.state, b)) };
}

// assumed: the value lists and the port syntax below are what the console offers; the page shows only example values.
const PORTS = { re: /^\d{1,5}(-\d{1,5})?(,\d{1,5}(-\d{1,5})?)*$/, hint: "a port or port range such as 300-400" };
const addressShape = obj({ any: bool(), ipMask: str({ max: 64 }), portRange: str({ max: 64, pattern: PORTS }) });

// 77211-135327: hash details {algorithm: sha256 | md5 (mandatory), hash (mandatory, in the algorithm's format)}.
const hashDetails = { algorithm: req(str({ oneOf: ["sha256", "md5"] })), hash: req(str({ max: 64 })) };
// 77211-135328 (example request): path details {path}.
const pathDetails = { path: req(str({ max: 1024 })) };
// 77211-135327: ruleName mandatory, commandLine optional; the other members from the example on 77211-135328.
const connectionDetails = {
  ruleName: req(str({ max: 128, noHtml: true })),
  remoteAddress: addressShape,
  localAddress: addressShape,
  directlyConnected: obj({ enable: bool(), remoteMac: str({ max: 1024 }) }),
  protocol: str({ oneOf: ["ANY", "TCP", "UDP", "ICMP", "ICMPv6", "IGMP", "GRE"] }),
  path: str({ max: 1024 }),
  hash: str({ max: 64 }),
  commandLine: str({ max: 1024 }),
  ipVersion: str({ oneOf: ["ANY", "IPV4", "IPV6"] }),
  direction: str({ oneOf: ["both", "inbound", "outbound"] }),
  operatingSystems: arr(str({ oneOf: ["Windows", "Linux", "macOS"] })),
};

type PreparedRule = Omit<BlocklistRecord, "id" | "companyId" | "copiedFrom">;

function prepareRule(
  type: BlocklistRecord["type"],
  rule: { details: Record<string, unknown>; note?: string },
  i: number,
  ctx: MethodContext,
): PreparedRule {
  const where = `rules[${i}].details`;
  const base = {
    source: 3 as const,
    sourceInfo: rule.note ?? "",
    ownerId: ctx.caller.accountId,
    created: isoSecondsNoZone(ctx.now),
  };
  if (type === "hash") {
    const d = obj(hashDetails).check(rule.details, where)!;
    const hashType = d.algorithm === "md5" ? 2 : 1;
    const hash = checkHash(d.hash, hashType, `${where}.hash`);
    return { ...base, type, hashType, hash, filename: null, details: {} };
  }
  if (type === "path") {
    const d = obj(pathDetails).check(rule.details, where)!;
    return { ...base, type, hashType: null, hash: null, filename: null, details: { path: d.path } };
  }
  const d = obj(connectionDetails).check(rule.details, where)!;
  if (d.hash !== undefined && !/^([0-9a-fA-F]{32}|[0-9a-fA-F]{64})$/.test(d.hash)) {
    throw invalidParams(`Invalid value for '${where}.hash' parameter. The value should be an MD5 or SHA256 hash.`);
  }
  return { ...base, type, hashType: null, hash: null, filename: null, details: { ...d, ruleId: randomUUID() } };
}

function addToBlocklistV12(raw: unknown, ctx: MethodContext): boolean {
  // 77211-135327: companyId?, type (hash | path | connection), rules [{note?, details}], recursive? (default true).
  // No limit on rules per call and no limit on the note are documented.
  const p = readParams(raw, {
    companyId: id(),
    type: req(str({ oneOf: ["hash", "path", "connection"] })),
    rules: req(arr(obj({ details: req(anyObject()), note: str({ nonEmpty: false }) }), { min: 1 })), // assumed: an empty list is refused
    recursive: bool(),
  });
  const company = requireCompany(ctx.state, ctx.caller, p.companyId);
  const type = p.type as BlocklistRecord["type"];
  const prepared = p.rules.map((rule, i) => prepareRule(type, rule, i, ctx));
  // 77211-135327: "Indicates if the rules will be applied recursively to all companies managed by the target company. Default value: true".
  const recursive = p.recursive ?? true;
  const below = recursive ? descendantCompanies(ctx.state, company.id).map((c) => c.id) : [];
  if (type === "hash")
    for (const c of [company.id, ...below])
      assertHashRoom(
        ctx.state,
        c,
        prepared.map((r) => r.hash!),
      );
  for (const rec of prepared) {
    const originId = addRule(ctx.state, { ...rec, companyId: company.id, details: { ...rec.details } }, ctx.now);
    // assumed: each company below gets its own copy, linked to the original so that removing the original removes it.
    for (const companyId of below)
      addRule(ctx.state, { ...rec, companyId, details: { ...rec.details }, copiedFrom: originId }, ctx.now);
  }
  return true;
}

function removeFromBlocklistV12(raw: unknown, ctx: MethodContext): boolean {
  // 77211-135329: companyId? (default: the key's company), ids (the table's `params.id`; the example sends `ids`). No limit is documented.
  const p = readParams(raw, { companyId: id(), ids: req(arr(id(), { min: 1 })) });
  const company = requireCompany(ctx.state, ctx.caller, p.companyId);
  const ids = [...new Set(p.ids)];
  // assumed: companyId names "the company to which the Blocklist item belongs", so rules of other companies are not found.
  const items = ids.map((i) => {
    const b = requireBlocklistItem(ctx.state, ctx.caller, i);
    if (b.companyId !== company.id)
      throw invalidParams(`The blocklist item with ID "${i}" was not found in company "${company.id}".`);
    return b;
  });
  // 77211-135329: "You can only use version 1.0 to remove has[h] type blocklist rules." Nothing is removed when any id is a hash rule.
  const hashes = items.filter((b) => b.type === "hash").map((b) => b.id);
  if (hashes.length > 0) {
    throw invalidParams(
      `Invalid value for 'ids' parameter. Hash rules can only be removed with version 1.0 (hashItemId): ${hashes.join(", ")}.`,
    );
  }
  for (const b of items) removeBlocklistRule(ctx.state, b.id);
  return true;
}

function isolatable(ctx: MethodContext, endpointId: string): EndpointRecord {
  const e = requireEndpoint(ctx.state, ctx.caller, endpointId);
  // assumed: an unmanaged endpoint (no agent) cannot be isolated.
  if (!e.isManaged) throw invalidParams(`The endpoint with ID "${e.id}" is not managed and cannot be isolated.`);
  return e;
}

function restorable(ctx: MethodContext, endpointId: string): EndpointRecord {
  const e = requireEndpoint(ctx.state, ctx.caller, endpointId);
  // assumed: restoring an endpoint that is not isolated is refused (seed-000 saw a refusal while isolation was still running).
  if (!e.isolated) throw invalidParams(`The endpoint with ID "${e.id}" cannot be restored: it is not isolated.`);
  return e;
}

/** One new task id per company of the endpoints, in the order the companies first appear (77209-135330). */
function tasksPerCompany(endpoints: readonly EndpointRecord[], now: Date): string[] {
  return [...new Set(endpoints.map((e) => e.companyId))].map(() => newObjectId(now.getTime()));
}

function createIsolateEndpointTaskV10(raw: unknown, ctx: MethodContext): boolean {
  // assumed (seed-000, seen live): v1.0 takes one endpointId and answers true.
  const p = readParams(raw, { endpointId: req(id()) });
  isolatable(ctx, p.endpointId).isolated = true;
  return true;
}

function createRestoreEndpointFromIsolationTaskV10(raw: unknown, ctx: MethodContext): boolean {
  // assumed (seed-000, seen live): v1.0 takes one endpointId and answers true.
  const p = readParams(raw, { endpointId: req(id()) });
  restorable(ctx, p.endpointId).isolated = false;
  return true;
}

function createIsolateEndpointTaskV12(raw: unknown, ctx: MethodContext): string[] {
  // 77209-135330: endpointIds (24 hex characters each, at most 1000); "If any endpoint ID in the array is invalid, no endpoints will be isolated."
  const p = readParams(raw, { endpointIds: req(arr(id(), { min: 1, max: 1000 })) });
  const endpoints = [...new Set(p.endpointIds)].map((e) => isolatable(ctx, e));
  for (const e of endpoints) e.isolated = true;
  return tasksPerCompany(endpoints, ctx.now);
}

function createRestoreEndpointFromIsolationTaskV12(raw: unknown, ctx: MethodContext): string[] {
  // 77211-135331: endpointIds (at most 1000); "If any endpoint ID in the array is invalid, no endpoints will be restored from isolation."
  const p = readParams(raw, { endpointIds: req(arr(id(), { min: 1, max: 1000 })) });
  const endpoints = [...new Set(p.endpointIds)].map((e) => restorable(ctx, e));
  for (const e of endpoints) e.isolated = false;
  return tasksPerCompany(endpoints, ctx.now);
}

const blocklistAdd: MethodSpec = { write: true, versions: { "v1.0": addToBlocklistV10, "v1.2": addToBlocklistV12 } };

/** The incidents module. */
export const incidentsMethods: ModuleMethods = {
  addToBlocklist: blocklistAdd,
  removeFromBlocklist: { write: true, versions: { "v1.0": removeFromBlocklistV10, "v1.2": removeFromBlocklistV12 } },
  getBlocklistItems: { write: false, versions: { "v1.0": getBlocklistItemsV10, "v1.2": getBlocklistItemsV12 } },
  createIsolateEndpointTask: {
    write: true,
    versions: { "v1.0": createIsolateEndpointTaskV10, "v1.2": createIsolateEndpointTaskV12 },
  },
  createRestoreEndpointFromIsolationTask: {
    write: true,
    versions: { "v1.0": createRestoreEndpointFromIsolationTaskV10, "v1.2": createRestoreEndpointFromIsolationTaskV12 },
  },
};
