/**
 * Shared pieces of the reliability suite: the run size (default vs `GZ_CHAOS=long`), generated
 * customer lists for examples/msp-onboarding, the invariants checked in the emulator after a run
 * (duplicates, orphans, wrongly deleted or changed objects, state equals emulator), fault counts from
 * the emulator's call log, a secret scanner that reports only where a secret was found (never the
 * value), and the JSON result files the figures in docs/reliability.md are made from.
 *
 * Nothing here prints emulator state or stack exports: they hold secrets.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type { CallRecord, TenantState } from "../../emulator";
import { REPO_ROOT } from "../helpers/pulumi-cli";

/** True for the long variants (`npm run test:chaos`). */
export const LONG = process.env.GZ_CHAOS === "long";

/** `short` in the default run, `long` under `GZ_CHAOS=long`. */
export function size<T>(short: T, long: T): T {
  return LONG ? long : short;
}

/** Test timeout for a scenario: generous, the long run takes many minutes. */
export const SCENARIO_TIMEOUT_MS = LONG ? 3_600_000 : 600_000;

// ---------------------------------------------------------------------------------------------
// Generated input

/** A deterministic PRNG (mulberry32), so generated inputs are the same on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `n` random lower-case hex digits from `rng`. */
export function hex(rng: () => number, n: number): string {
  let s = "";
  while (s.length < n) s += Math.floor(rng() * 16).toString(16);
  return s;
}

/** One entry of examples/msp-onboarding's customers file. */
export interface Customer {
  key: string;
  name: string;
  country: string;
  adminEmail: string;
  adminName: string;
  timezone: string;
  blockedHashes?: string[];
}

const COUNTRIES = ["US", "GB", "DE", "RO", "FR", "NL", "CA", "AU"];
const ZONES = [
  "America/New_York",
  "Europe/London",
  "Europe/Berlin",
  "Europe/Bucharest",
  "Europe/Paris",
  "Europe/Amsterdam",
  "America/Toronto",
  "Australia/Sydney",
];

/** `n` customers (every third with 2–4 blocked hashes), the same for the same `seed`. */
export function generateCustomers(n: number, seed: number, prefix = "Reliability"): Customer[] {
  const rng = prng(seed);
  return Array.from({ length: n }, (_, i) => {
    const num = String(i + 1).padStart(3, "0");
    const c: Customer = {
      key: `${prefix.toLowerCase()}-${num}`,
      name: `${prefix} Customer ${num}`,
      country: COUNTRIES[i % COUNTRIES.length]!,
      adminEmail: `it-admin@${prefix.toLowerCase()}-${num}.example`,
      adminName: `${prefix} ${num} IT`,
      timezone: ZONES[i % ZONES.length]!,
    };
    if (i % 3 === 0) c.blockedHashes = Array.from({ length: 2 + (i % 3) }, () => hex(rng, 64));
    return c;
  });
}

/** How many stack resources the onboarding example declares for `customers` (besides the stack). */
export function expectedOnboardingResources(customers: Customer[]): number {
  return customers.reduce((n, c) => n + 6 + (c.blockedHashes?.length ? 1 : 0), 0);
}

// ---------------------------------------------------------------------------------------------
// The stack's view

/** One resource of `pulumi stack export`. */
export interface StackResource {
  urn: string;
  type: string;
  /** GravityZone resource type (`Company`, …) or "" for others. */
  kind: string;
  name: string;
  id: string;
  inputs: Record<string, any>;
  outputs: Record<string, any>;
}

/** The deployment of `pulumi stack export`, parsed. */
export interface StackExport {
  resources: StackResource[];
  pendingOperations: { type: string; urn: string; kind: string; inputs: Record<string, any> }[];
}

/** Parses `pulumi stack export` output. */
export function parseExport(text: string): StackExport {
  const d = JSON.parse(text).deployment ?? {};
  const kindOf = (type: string) => /gravityzone:(\w+)$/.exec(type)?.[1] ?? "";
  return {
    resources: (d.resources ?? []).map((r: any) => ({
      urn: r.urn,
      type: r.type,
      kind: kindOf(r.type),
      name: String(r.urn).split("::").pop(),
      id: r.id ?? "",
      inputs: r.inputs ?? {},
      outputs: r.outputs ?? {},
    })),
    pendingOperations: (d.pending_operations ?? []).map((o: any) => ({
      type: o.type,
      urn: o.resource?.urn,
      kind: kindOf(o.resource?.type ?? ""),
      inputs: o.resource?.inputs ?? {},
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// Invariants in the emulator

/** What a run left behind, as lists of safe-to-print descriptions (ids, names, e-mails). */
export interface InvariantReport {
  /** Two or more objects with the same natural key. */
  duplicates: string[];
  /** Objects created during the test that no stack resource holds. */
  orphans: string[];
  /** Objects present before the test and gone after. */
  wronglyDeleted: string[];
  /** Objects present before the test (and not managed by the stack) that changed. */
  wronglyChanged: string[];
  /** Stack resources whose object is missing or differs from the declared inputs. */
  stateMismatches: string[];
  /** Objects checked: stack resources, emulator objects. */
  checked: { stackResources: number; emulatorObjects: number };
}

const lc = (s: unknown) =>
  String(s ?? "")
    .trim()
    .toLowerCase();

const COLLECTIONS = ["companies", "groups", "endpoints", "policies", "packages", "accounts", "blocklist"] as const;

/** The natural keys of every object that has one, with the ids holding each key. */
function naturalKeys(st: TenantState): Map<string, string[]> {
  const keys = new Map<string, string[]>();
  const add = (k: string, id: string) => keys.set(k, [...(keys.get(k) ?? []), id]);
  for (const c of Object.values(st.companies)) add(`company name "${lc(c.name)}"`, c.id);
  for (const g of Object.values(st.groups)) add(`group "${lc(g.name)}" under ${g.parentId}`, g.id);
  for (const p of Object.values(st.packages)) add(`package "${lc(p.name)}" of company ${p.companyId}`, p.id);
  for (const a of Object.values(st.accounts)) add(`account ${lc(a.email)}`, a.id);
  for (const b of Object.values(st.blocklist)) {
    if (b.type === "hash") add(`blocklist hash ${lc(b.hash)} of company ${b.companyId}`, b.id);
    else add(`blocklist ${b.type} ${JSON.stringify(b.details)} of company ${b.companyId}`, b.id);
  }
  return keys;
}

/** The emulator object ids a stack resource holds. */
function heldIds(r: StackResource): string[] {
  switch (r.kind) {
    case "Blocklist":
      return Object.values((r.outputs.itemIds ?? {}) as Record<string, string>);
    case "PolicyAssignment":
    case "PushEventSettings":
      return [];
    default:
      return r.id ? [r.id] : [];
  }
}

/** Compares one stack resource with the emulator; returns what differs (empty when equal). */
function compareResource(r: StackResource, st: TenantState, rootId: string): string[] {
  const i = r.inputs;
  const out: string[] = [];
  const where = `${r.kind}::${r.name}`;
  const diff = (field: string, declared: unknown, actual: unknown) => {
    if (JSON.stringify(declared ?? null) !== JSON.stringify(actual ?? null))
      out.push(`${where}: ${field} declared ${JSON.stringify(declared)}, emulator has ${JSON.stringify(actual)}`);
  };
  switch (r.kind) {
    case "Company": {
      const c = st.companies[r.id];
      if (!c) return [`${where}: company ${r.id} is not in the emulator`];
      diff("name", i.name, c.name);
      diff("type", i.type === "partner" ? 0 : 1, c.type);
      diff("country", i.country ?? null, c.country || null);
      diff("enforce2FA", i.enforce2FA ?? false, c.enforce2FA);
      diff("suspended", i.suspended ?? false, c.isSuspended);
      diff("parentId", i.parentId ?? rootId, c.parentId);
      break;
    }
    case "CustomGroup": {
      const g = st.groups[r.id];
      if (!g) return [`${where}: group ${r.id} is not in the emulator`];
      diff("name", i.name, g.name);
      // A company as parent (or none: the key's company) means that company's 'Computers and Groups'.
      const declared: string = i.parentId ?? rootId;
      const container = st.companies[declared]
        ? Object.values(st.groups).find((x) => x.companyId === declared && x.system === "computersAndGroups")?.id
        : declared;
      diff("parentId", container, g.parentId);
      break;
    }
    case "InstallationPackage": {
      const p = st.packages[r.id];
      if (!p) return [`${where}: package ${r.id} is not in the emulator`];
      diff("packageName", i.packageName, p.name);
      diff("companyId", i.companyId ?? rootId, p.companyId);
      diff("description", i.description ?? "", p.description ?? "");
      diff("language", i.language ?? "en_US", p.language);
      for (const [m, on] of Object.entries((i.modules ?? {}) as Record<string, boolean>))
        diff(`modules.${m}`, on ? 1 : 0, p.modules[m]);
      break;
    }
    case "Account": {
      const a = st.accounts[r.id];
      if (!a) return [`${where}: account ${r.id} is not in the emulator`];
      diff("email", lc(i.email), lc(a.email));
      diff("companyId", i.companyId ?? rootId, a.companyId);
      diff("profile.fullName", i.profile?.fullName, a.fullName);
      if (i.profile?.timezone) diff("profile.timezone", i.profile.timezone, a.timezone);
      const roles: Record<string, number> = {
        companyAdministrator: 1,
        networkAdministrator: 2,
        reporter: 3,
        partner: 4,
        custom: 5,
      };
      diff("role", roles[i.role], a.role);
      break;
    }
    case "Blocklist": {
      const company = i.companyId ?? rootId;
      const have = new Set(
        Object.values(st.blocklist)
          .filter((b) => b.companyId === company && b.type === "hash")
          .map((b) => lc(b.hash)),
      );
      const missing = ((i.hashes ?? []) as string[]).filter((h) => !have.has(lc(h)));
      if (missing.length > 0)
        out.push(`${where}: ${missing.length} declared hashes are not in company ${company}'s blocklist`);
      for (const id of heldIds(r))
        if (!st.blocklist[id]) out.push(`${where}: blocklist item ${id} is not in the emulator`);
      break;
    }
    case "BlocklistEntry": {
      const b = st.blocklist[r.id];
      if (!b) return [`${where}: blocklist item ${r.id} is not in the emulator`];
      if (i.hash) diff("hash", lc(i.hash), lc(b.hash));
      diff("companyId", i.companyId ?? rootId, b.companyId);
      break;
    }
    case "PolicyAssignment": {
      for (const t of (i.targetIds ?? []) as string[]) {
        const target = st.groups[t] ?? st.companies[t] ?? st.endpoints[t];
        if (!target) out.push(`${where}: target ${t} is not in the emulator`);
        else diff(`policy of ${t}`, i.policyId, target.policy?.policyId);
      }
      break;
    }
    case "PushEventSettings": {
      const p = st.push[rootId];
      if (!p) return [`${where}: no push settings in the emulator`];
      diff("enabled", i.enabled ?? true, p.status === 1);
      diff("url", i.url, p.serviceSettings.url);
      break;
    }
    default:
      break;
  }
  return out;
}

/**
 * Checks the emulator after a run against the seeded state (`before`) and the stack (`stack`):
 * no duplicates, no orphans, nothing seeded deleted or changed (except objects the stack manages or
 * assigns a policy to), and every stack resource present with its declared values.
 */
export function checkInvariants(before: TenantState, after: TenantState, stack: StackExport): InvariantReport {
  const rootId = after.rootCompanyId;
  const duplicates = [...naturalKeys(after)]
    .filter(([, ids]) => ids.length > 1)
    .map(([k, ids]) => `${k}: ${ids.length} objects`);
  const held = new Set(stack.resources.flatMap(heldIds));
  // Targets of policy assignments in the stack may have a new policy.
  const assigned = new Set(
    stack.resources.filter((r) => r.kind === "PolicyAssignment").flatMap((r) => (r.inputs.targetIds ?? []) as string[]),
  );
  const orphans: string[] = [];
  const wronglyDeleted: string[] = [];
  const wronglyChanged: string[] = [];
  let emulatorObjects = 0;
  for (const col of COLLECTIONS) {
    const was = before[col] as Record<string, any>;
    const now = after[col] as Record<string, any>;
    emulatorObjects += Object.keys(now).length;
    for (const id of Object.keys(now)) {
      // A company's default policy and its two system groups come with it (GravityZone creates them): they belong to the company.
      const ownedBy =
        col === "policies" || (col === "groups" && (now[id] as { system?: string }).system !== undefined)
          ? (now[id] as { companyId: string }).companyId
          : undefined;
      if (!(id in was) && !held.has(id) && !(ownedBy !== undefined && held.has(ownedBy))) orphans.push(`${col} ${id}`);
    }
    for (const id of Object.keys(was)) {
      if (!(id in now)) wronglyDeleted.push(`${col} ${id}`);
      else if (!held.has(id) && !assigned.has(id) && JSON.stringify(was[id]) !== JSON.stringify(now[id]))
        wronglyChanged.push(`${col} ${id}`);
    }
  }
  // A policy given to a container no stack assignment names is an orphaned assignment.
  for (const col of ["groups", "companies"] as const) {
    for (const [id, o] of Object.entries(after[col] as Record<string, { policy?: { policyId: string } }>)) {
      if (id in before[col]) continue;
      const isDefault = col === "companies"; // every company gets its default policy at creation
      if (!isDefault && o.policy && !assigned.has(id)) orphans.push(`policy assignment on ${col} ${id}`);
    }
  }
  const gz = stack.resources.filter((r) => r.kind !== "");
  const stateMismatches = gz.flatMap((r) => compareResource(r, after, rootId));
  return {
    duplicates,
    orphans,
    wronglyDeleted,
    wronglyChanged,
    stateMismatches,
    checked: { stackResources: gz.length, emulatorObjects },
  };
}

/** A deep copy of the emulator state (to compare with later). */
export function snapshot(st: TenantState): TenantState {
  return structuredClone(st);
}

// ---------------------------------------------------------------------------------------------
// Faults and calls

/** Method-name prefixes that change state (as in test/helpers/provider-env.ts). */
export const WRITE_METHOD = /^(create|update|delete|set|add|remove|move|assign|suspend|activate|configure|send)/;

/** Counts of the emulator's answers by kind, from its call log. */
export interface CallCounts {
  requests: number;
  writes: number;
  /** HTTP 500 answers (injected errors, or real server errors). */
  http500: number;
  /** Connections closed without an answer (dropped after a write was applied). */
  dropped: number;
  /** HTTP 429 answers. */
  http429: number;
  /** Per `module.method` count of 429s. */
  http429ByMethod: Record<string, number>;
}

/** Counts the answers in `calls`. */
export function countCalls(calls: CallRecord[]): CallCounts {
  const by429: Record<string, number> = {};
  for (const c of calls.filter((x) => x.status === 429))
    by429[`${c.module}.${c.method}`] = (by429[`${c.module}.${c.method}`] ?? 0) + 1;
  return {
    requests: calls.length,
    writes: calls.filter((c) => WRITE_METHOD.test(c.method)).length,
    http500: calls.filter((c) => c.status === 500).length,
    dropped: calls.filter((c) => c.status === 0).length,
    http429: calls.filter((c) => c.status === 429).length,
    http429ByMethod: by429,
  };
}

/** Adds `b` into `a`. */
export function addCounts(a: CallCounts, b: CallCounts): CallCounts {
  const by = { ...a.http429ByMethod };
  for (const [k, v] of Object.entries(b.http429ByMethod)) by[k] = (by[k] ?? 0) + v;
  return {
    requests: a.requests + b.requests,
    writes: a.writes + b.writes,
    http500: a.http500 + b.http500,
    dropped: a.dropped + b.dropped,
    http429: a.http429 + b.http429,
    http429ByMethod: by,
  };
}

// ---------------------------------------------------------------------------------------------
// Secrets

/**
 * The forms a secret can take in text: as is, JSON-escaped, and (for the API key) in an HTTP Basic
 * Authorization header.
 */
export function secretForms(secrets: Record<string, string>, apiKey?: string): Record<string, string> {
  const forms: Record<string, string> = {};
  for (const [kind, v] of Object.entries(secrets)) {
    if (!v) continue;
    forms[kind] = v;
    const json = JSON.stringify(v).slice(1, -1);
    if (json !== v) forms[`${kind} (JSON-escaped)`] = json;
  }
  if (apiKey) {
    forms["API key"] = apiKey;
    forms["API key (Basic auth header)"] = Buffer.from(`${apiKey}:`).toString("base64");
  }
  return forms;
}

/** Where each secret was found, as `"<kind> in <source>"` (never the value). */
export function scanForSecrets(texts: Record<string, string>, forms: Record<string, string>): string[] {
  const hits: string[] = [];
  for (const [source, text] of Object.entries(texts)) {
    for (const [kind, v] of Object.entries(forms)) if (v && text.includes(v)) hits.push(`${kind} in ${source}`);
  }
  return hits;
}

/** Every regular file under `dir` as text, keyed by its path relative to `dir` (prefixed by `label`). */
export function filesUnder(dir: string, label: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!fs.existsSync(dir)) return out;
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isSymbolicLink()) continue;
      if (e.isDirectory()) walk(full);
      else if (e.isFile() && fs.statSync(full).size < 256 * 1024 * 1024)
        out[`${label}/${path.relative(dir, full)}`] = fs.readFileSync(full).toString("latin1");
    }
  };
  walk(dir);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Results

/** Where the tests write their figures (gitignored); scripts/reliability-report.mjs merges them. */
export const RESULTS_DIR = path.join(REPO_ROOT, "bench", "tmp", "reliability");

function commit(): string {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: REPO_ROOT, encoding: "utf8" }).trim();
  } catch {
    return "unknown";
  }
}

/** Writes one scenario's figures to `bench/tmp/reliability/<scenario>.<mode>.json`. */
export function writeResults(scenario: string, figures: Record<string, unknown>): void {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const mode = LONG ? "long" : "default";
  const doc = {
    scenario,
    mode,
    finishedAt: new Date().toISOString(),
    commit: commit(),
    node: process.version,
    figures,
  };
  fs.writeFileSync(path.join(RESULTS_DIR, `${scenario}.${mode}.json`), `${JSON.stringify(doc, null, 2)}\n`);
}
