/**
 * Resolving the pending creates an interrupted `pulumi up` leaves in the state, as Pulumi documents
 * (`pulumi refresh --import-pending-creates <urn> <id>`, `--clear-pending-creates`): for each one,
 * look the object up in GravityZone by its natural key — what an operator does in the console — and
 * give its id when the create happened. The ids of Blocklist and PolicyAssignment resources are the
 * provider's own (they name a set of items, not one object); they are rebuilt from the inputs the
 * same way the provider builds them.
 */
import { createHash } from "node:crypto";
import type { TenantState } from "../../emulator";

/** One pending operation of `pulumi stack export` (see support.ts parseExport). */
export interface PendingCreate {
  urn: string;
  kind: string;
  inputs: Record<string, any>;
}

const lc = (s: unknown) =>
  String(s ?? "")
    .trim()
    .toLowerCase();

/** The id of the object a pending create made, or undefined when it was not made. */
export function findPendingCreate(op: PendingCreate, st: TenantState): string | undefined {
  const i = op.inputs;
  const root = st.rootCompanyId;
  switch (op.kind) {
    case "Company":
      return Object.values(st.companies).find((c) => lc(c.name) === lc(i.name))?.id;
    case "CustomGroup": {
      // A company as parent (or none: the key's company) means that company's 'Computers and Groups'.
      const declared: string = i.parentId ?? root;
      const container = st.companies[declared]
        ? Object.values(st.groups).find((g) => g.companyId === declared && g.system === "computersAndGroups")?.id
        : declared;
      return Object.values(st.groups).find(
        (g) => g.system === undefined && lc(g.name) === lc(i.name) && g.parentId === container,
      )?.id;
    }
    case "InstallationPackage":
      return Object.values(st.packages).find(
        (p) => lc(p.name) === lc(i.packageName) && p.companyId === (i.companyId ?? root),
      )?.id;
    case "Account":
      return Object.values(st.accounts).find((a) => lc(a.email) === lc(i.email))?.id;
    case "Blocklist": {
      const company = i.companyId ?? root;
      const hashes = new Set(((i.hashes ?? []) as string[]).map(lc));
      const any = Object.values(st.blocklist).some(
        (b) => b.companyId === company && b.type === "hash" && hashes.has(lc(b.hash)),
      );
      if (!any) return undefined;
      return `blocklist:${i.companyId ?? "own"}:${i.hashType}:${createHash("sha256").update(String(i.sourceInfo)).digest("hex").slice(0, 8)}`;
    }
    case "PolicyAssignment": {
      const targets = [...new Set(((i.targetIds ?? []) as string[]).map(lc))].sort();
      const applied = targets.every(
        (t) => (st.groups[t] ?? st.companies[t] ?? st.endpoints[t])?.policy?.policyId === i.policyId,
      );
      if (!applied) return undefined;
      return `policy-assignment:${i.policyId}:${createHash("sha256").update(targets.join(",")).digest("hex").slice(0, 12)}`;
    }
    default:
      return undefined;
  }
}

/** The outcome of {@link resolvePendingCreates}. */
export interface Resolution {
  /** The edited `pulumi stack export` document, for `pulumi stack import`. */
  deployment: string;
  /** URNs of pending creates that happened: now resources with their ids. */
  imported: string[];
  /** URNs of pending creates that did not happen: dropped. */
  cleared: string[];
}

/**
 * Pulumi's manual route for pending creates (`pulumi stack export`, edit, `pulumi stack import`):
 * each pending create whose object exists becomes a resource with the object's id (its recorded
 * inputs, which carry the serialized provider, stand in for its outputs until the next refresh
 * reads the object); the others are removed. Pending operations of other kinds are kept.
 */
export function resolvePendingCreates(exported: string, st: TenantState): Resolution {
  const doc = JSON.parse(exported);
  const d = doc.deployment;
  const imported: string[] = [];
  const cleared: string[] = [];
  const kept: unknown[] = [];
  for (const op of d.pending_operations ?? []) {
    if (op.type !== "creating") {
      kept.push(op);
      continue;
    }
    const r = op.resource;
    const kind = /gravityzone:(\w+)$/.exec(r.type ?? "")?.[1] ?? "";
    const id = findPendingCreate({ urn: r.urn, kind, inputs: r.inputs ?? {} }, st);
    if (id === undefined) {
      cleared.push(r.urn);
      continue;
    }
    // Its dependencies were created before it, so appending keeps the resources in dependency order.
    d.resources.push({ ...r, id, outputs: { ...(r.inputs ?? {}) } });
    imported.push(r.urn);
  }
  d.pending_operations = kept;
  return { deployment: JSON.stringify(doc), imported, cleared };
}
