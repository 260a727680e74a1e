/**
 * The `incidents` API: the blocklist (v1.0 hash rules; v1.2 hash, path and connection rules) and
 * endpoint isolation tasks. `getIncidentsList` is not offered (it answers "Method not found", as on
 * tenants without the EDR incidents feature).
 *
 * Choices where the reference is silent:
 * - Adding a hash that the company's blocklist already has is accepted and ignored (no duplicate
 *   rule, the existing id is kept), so retrying an add is harmless. The same holds for an identical
 *   path rule.
 * - v1.2 hash rules take `details: {hashType: 1|2, hash, fileName?}` like v1.0; path rules
 *   `details: {path}`; connection rules the members of the seed example (ruleName required).
 * - Rules are listed oldest first.
 * - `createRestoreEndpointFromIsolationTask` on an endpoint that is not isolated is refused
 *   ("cannot be restored").
 */
import { randomUUID } from "node:crypto";
import { isoSecondsNoZone } from "../clock";
import { invalidParams } from "../errors";
import { newObjectId } from "../ids";
import { anyObject, arr, bool, id, int, obj, pagingShape, readParams, req, str } from "../params";
import { requireBlocklistItem, requireCompany, requireEndpoint } from "../scope";
import type { BlocklistRecord, TenantState } from "../state";
import { descendantCompanies } from "../tree";
import { pageOf, type MethodContext, type MethodSpec, type ModuleMethods, write } from "./registry";
import { compareCodes } from "../collation";

/** 1 = SHA256 (64 hex digits), 2 = MD5 (32 hex digits). */
export const HASH_LENGTH: Record<1 | 2, number> = { 1: 64, 2: 32 };

const SOURCE_NAMES: Record<1 | 2 | 3, string> = { 1: "incident", 2: "import", 3: "manual" };

/** Validates a hash for a hash type; returns it in lowercase or throws naming `path`. */
export function checkHash(hash: string, hashType: 1 | 2, path: string): string {
  const len = HASH_LENGTH[hashType];
  if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(hash)) {
    throw invalidParams(`Invalid value for '${path}' parameter. The value should be a${hashType === 1 ? " SHA256" : "n MD5"} hash (${len} hexadecimal characters).`);
  }
  return hash.toLowerCase();
}

function findDuplicate(state: TenantState, companyId: string, type: BlocklistRecord["type"], key: string): BlocklistRecord | undefined {
  return Object.values(state.blocklist).find((b) => b.companyId === companyId && b.type === type && ruleKey(b) === key);
}

function ruleKey(b: BlocklistRecord): string {
  if (b.type === "hash") return `hash:${b.hash}`;
  if (b.type === "path") return `path:${String(b.details.path).toLowerCase()}`;
  return `connection:${JSON.stringify(b.details)}`;
}

function addRule(state: TenantState, rec: Omit<BlocklistRecord, "id">, now: Date): void {
  if (findDuplicate(state, rec.companyId, rec.type, ruleKey({ ...rec, id: "" }))) return;
  const bid = newObjectId(now.getTime());
  state.blocklist[bid] = { ...rec, id: bid };
}

function addToBlocklistV10(raw: unknown, ctx: MethodContext): boolean {
  const p = readParams(raw, {
    hashType: req(int({ oneOf: [1, 2] })),
    hashList: req(arr(str({ max: 64 }), { min: 1, max: 1000 })),
    sourceInfo: req(str({ max: 512, noHtml: true })),
    companyId: id(),
    operatingSystems: arr(str({ oneOf: ["Windows", "Linux", "macOS"] })),
  });
  const company = requireCompany(ctx.state, ctx.caller, p.companyId);
  const hashType = p.hashType as 1 | 2;
  const hashes = p.hashList.map((h, i) => checkHash(h, hashType, `hashList[${i}]`));
  for (const hash of hashes) {
    addRule(
      ctx.state,
      { companyId: company.id, type: "hash", hashType, hash, source: 3, sourceInfo: p.sourceInfo, filename: null, details: { hashType, hash }, ownerId: ctx.caller.accountId, created: isoSecondsNoZone(ctx.now) },
      ctx.now,
    );
  }
  return true;
}

function removeFromBlocklistV10(raw: unknown, ctx: MethodContext): boolean {
  const p = readParams(raw, { hashItemId: req(id()) });
  const item = requireBlocklistItem(ctx.state, ctx.caller, p.hashItemId);
  if (item.type !== "hash") throw invalidParams(`The blocklist item with ID "${item.id}" is not a hash rule; remove it with version 1.2.`);
  delete ctx.state.blocklist[item.id];
  return true;
}

function listFor(ctx: MethodContext, companyId: string | undefined, hashOnly: boolean): BlocklistRecord[] {
  const company = requireCompany(ctx.state, ctx.caller, companyId);
  return Object.values(ctx.state.blocklist)
    .filter((b) => b.companyId === company.id && (!hashOnly || b.type === "hash"))
    .sort((a, b) => compareCodes(a.created, b.created) || compareCodes(a.id, b.id));
}

function getBlocklistItemsV10(raw: unknown, ctx: MethodContext) {
  const p = readParams(raw, { companyId: id(), ...pagingShape(100) });
  const page = pageOf(listFor(ctx, p.companyId, true), p.page, p.perPage);
  return {
    ...page,
    items: page.items.map((b) => ({ id: b.id, hashType: b.hashType, hash: b.hash, source: b.source, sourceInfo: b.sourceInfo, ...(b.filename ? { filename: b.filename } : {}), companyId: b.companyId })),
  };
}

/** The v1.2 view of a blocklist rule. */
export function blocklistItemV12(state: TenantState, b: BlocklistRecord): Record<string, unknown> {
  const owner = state.accounts[b.ownerId];
  return {
    id: b.id,
    type: b.type,
    source: { type: SOURCE_NAMES[b.source], description: b.sourceInfo },
    company: { id: b.companyId, name: state.companies[b.companyId]?.name ?? "" },
    owner: { id: b.ownerId, userName: owner?.userName ?? "", email: owner?.email ?? "" },
    created: b.created,
    details: b.details,
  };
}

function getBlocklistItemsV12(raw: unknown, ctx: MethodContext) {
  const p = readParams(raw, { companyId: id(), ...pagingShape(100) });
  const page = pageOf(listFor(ctx, p.companyId, false), p.page, p.perPage);
  return { ...page, items: page.items.map((b) => blocklistItemV12(ctx.state, b)) };
}

const addressShape = obj({ any: bool(), ipMask: str({ max: 64 }), portRange: str({ max: 64, pattern: { re: /^\d{1,5}(-\d{1,5})?(,\d{1,5}(-\d{1,5})?)*$/, hint: "a port or port range such as 300-400" } }) });

const hashDetails = { hashType: req(int({ oneOf: [1, 2] })), hash: req(str({ max: 64 })), fileName: str({ max: 260 }) };
const pathDetails = { path: req(str({ max: 1024 })) };
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

function addToBlocklistV12(raw: unknown, ctx: MethodContext): boolean {
  const p = readParams(raw, {
    companyId: id(),
    type: req(str({ oneOf: ["hash", "path", "connection"] })),
    rules: req(arr(obj({ details: req(anyObject()), note: str({ nonEmpty: false, max: 512, noHtml: true }) }), { min: 1, max: 1000 })),
    recursive: bool(),
  });
  const company = requireCompany(ctx.state, ctx.caller, p.companyId);
  const type = p.type as BlocklistRecord["type"];
  const created = isoSecondsNoZone(ctx.now);
  const prepared = p.rules.map((rule, i): Omit<BlocklistRecord, "id" | "companyId"> => {
    const where = `rules[${i}].details`;
    const base = { source: 3 as const, sourceInfo: rule.note ?? "", ownerId: ctx.caller.accountId, created };
    if (type === "hash") {
      const d = obj(hashDetails).check(rule.details, where)!;
      const hashType = d.hashType as 1 | 2;
      const hash = checkHash(d.hash, hashType, `${where}.hash`);
      return { ...base, type, hashType, hash, filename: d.fileName ?? null, details: { hashType, hash, ...(d.fileName ? { fileName: d.fileName } : {}) } };
    }
    if (type === "path") {
      const d = obj(pathDetails).check(rule.details, where)!;
      return { ...base, type, hashType: null, hash: null, filename: null, details: { path: d.path } };
    }
    const d = obj(connectionDetails).check(rule.details, where)!;
    if (d.hash !== undefined && !/^([0-9a-fA-F]{32}|[0-9a-fA-F]{64})$/.test(d.hash)) throw invalidParams(`Invalid value for '${where}.hash' parameter. The value should be an MD5 or SHA256 hash.`);
    return { ...base, type, hashType: null, hash: null, filename: null, details: { ...d, ruleId: randomUUID() } };
  });
  const companies = [company.id, ...(p.recursive ? descendantCompanies(ctx.state, company.id).map((c) => c.id) : [])];
  for (const companyId of companies) {
    for (const rec of prepared) addRule(ctx.state, { ...rec, companyId, details: { ...rec.details } }, ctx.now);
  }
  return true;
}

function removeFromBlocklistV12(raw: unknown, ctx: MethodContext): boolean {
  const p = readParams(raw, { ids: req(arr(id(), { min: 1, max: 1000 })) });
  const items = p.ids.map((i) => requireBlocklistItem(ctx.state, ctx.caller, i));
  for (const b of items) delete ctx.state.blocklist[b.id];
  return true;
}

function createIsolateEndpointTask(raw: unknown, ctx: MethodContext): boolean {
  const p = readParams(raw, { endpointId: req(id()) });
  const e = requireEndpoint(ctx.state, ctx.caller, p.endpointId);
  if (!e.isManaged) throw invalidParams(`The endpoint with ID "${e.id}" is not managed and cannot be isolated.`);
  e.isolated = true;
  return true;
}

function createRestoreEndpointFromIsolationTask(raw: unknown, ctx: MethodContext): boolean {
  const p = readParams(raw, { endpointId: req(id()) });
  const e = requireEndpoint(ctx.state, ctx.caller, p.endpointId);
  if (!e.isolated) throw invalidParams(`The endpoint with ID "${e.id}" cannot be restored: it is not isolated.`);
  e.isolated = false;
  return true;
}

const blocklistAdd: MethodSpec = { write: true, versions: { "v1.0": addToBlocklistV10, "v1.2": addToBlocklistV12 } };

/** The incidents module. */
export const incidentsMethods: ModuleMethods = {
  addToBlocklist: blocklistAdd,
  removeFromBlocklist: { write: true, versions: { "v1.0": removeFromBlocklistV10, "v1.2": removeFromBlocklistV12 } },
  getBlocklistItems: { write: false, versions: { "v1.0": getBlocklistItemsV10, "v1.2": getBlocklistItemsV12 } },
  createIsolateEndpointTask: write(createIsolateEndpointTask),
  createRestoreEndpointFromIsolationTask: write(createRestoreEndpointFromIsolationTask),
};
