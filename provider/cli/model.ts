/**
 * What `pulumi-gravityzone import` produces before it is written as TypeScript: one
 * {@link ImportedObject} per resource, with inputs in exactly the form the resource's `read` returns,
 * references between objects ({@link Ref}), config placeholders for secrets ({@link ConfigSecret}),
 * and readable, unique resource and variable names.
 */

import { IMPORT_KINDS, perResource, type ImportKind, type ResourceKind } from "../registry";

/** The resource classes the import declares: every kind of the registry. */
export type ResourceType = ResourceKind;

/** The `--kinds` names. */
export const KINDS = IMPORT_KINDS;

/** One of {@link KINDS}. */
export type Kind = ImportKind;

/** The kind each resource class belongs to. */
export const KIND_OF: Readonly<Record<ResourceType, Kind>> = perResource((e) => e.importKind);

/** A reference to another object of the program: written as `<variable>.id`. */
export class Ref {
  constructor(
    /** The {@link ImportedObject.key} of the target. */
    readonly key: string,
    /** The target's GravityZone id (what the reference resolves to). */
    readonly id: string,
  ) {}
}

/** A secret taken from stack config: written as `config.requireSecret("<key>")`. */
export class ConfigSecret {
  constructor(
    /** The config key in the project's namespace, e.g. `push-authorization`. */
    readonly configKey: string,
  ) {}
}

/** An input value: JSON, or a reference, or a config secret. */
export type Value = string | number | boolean | null | Ref | ConfigSecret | Value[] | { [key: string]: Value };

/** One resource of the generated program. */
export interface ImportedObject {
  /** Unique key, e.g. `company:<id>`; references point at it. */
  key: string;
  /** The resource class. */
  type: ResourceType;
  /** The object's GravityZone id (the resource id for companies and groups). */
  gzId: string;
  /** The company the object belongs to (sections of the program are ordered by company). */
  companyId?: string;
  /** The slug the resource name is made from, e.g. `contoso-dental-group` (made unique by {@link assignNames}). */
  baseName: string;
  /** What to call the object in comments and the summary, e.g. `custom group "Servers" of Contoso`. */
  title: string;
  /** The resource inputs, `adopt: true` included. */
  inputs: Record<string, Value>;
  /** Comment lines written above the declaration. */
  notes: string[];
  /** Comments written after single inputs (`parentId: "…", // Northwind MSP`). */
  fieldNotes?: Record<string, string>;
  /** Set when the object cannot be declared as read: it is written commented out, with this reason. */
  problem?: string;
  /** The Pulumi resource name (set by {@link assignNames}). */
  name?: string;
  /** The TypeScript variable (set by {@link assignNames}). */
  varName?: string;
}

/** Lower-case ASCII words joined by hyphens, at most `max` characters; `fallback` when nothing is left. */
export function slugify(text: string, fallback = "item", max = 48): string {
  const ascii = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/['’`]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  let slug = ascii;
  if (slug.length > max) {
    slug = slug.slice(0, max);
    const cut = slug.lastIndexOf("-");
    if (cut >= max / 2) slug = slug.slice(0, cut);
    slug = slug.replace(/-+$/, "");
  }
  return slug === "" ? fallback : slug;
}

const RESERVED = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally for function if import in " +
    "instanceof new null return super switch this throw true try typeof var void while with as implements interface let package private " +
    "protected public static yield await any boolean number string symbol type of undefined arguments eval require module exports " +
    "config pulumi gravityzone"
  ).split(" "),
);

/** A TypeScript identifier for a resource name: `contoso-dental-group` → `contosoDentalGroup`. */
export function identifierOf(name: string): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter(Boolean);
  let id = words
    .map((w, i) => (i === 0 ? w.toLowerCase() : w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()))
    .join("");
  if (id === "") id = "item";
  if (/^[0-9]/.test(id)) id = `_${id}`;
  if (RESERVED.has(id)) id = `${id}Resource`;
  return id;
}

/** Hands out unique names: the first taker gets `base`, later ones `base-<suffix>`, then `base-2`, `base-3`, … */
export class NameRegistry {
  readonly #taken = new Set<string>();

  /** True when `name` is already taken. */
  has(name: string): boolean {
    return this.#taken.has(name);
  }

  /** Takes the first free name among `base`, `base-<suffix>` (when given), `base-2`, `base-3`, … */
  take(base: string, suffix?: string): string {
    const candidates = suffix ? [base, `${base}-${suffix}`] : [base];
    for (const c of candidates) {
      if (!this.#taken.has(c)) {
        this.#taken.add(c);
        return c;
      }
    }
    const stem = candidates[candidates.length - 1]!;
    for (let n = 2; ; n++) {
      const c = `${stem}-${n}`;
      if (!this.#taken.has(c)) {
        this.#taken.add(c);
        return c;
      }
    }
  }
}

/** The word appended to a resource name already taken, per class. */
const NAME_SUFFIX: Readonly<Record<ResourceType, string>> = perResource((e) => e.importNameSuffix);

/**
 * Gives every object a resource name (its slugified base name, unique in the whole program so the
 * variable names stay readable too) and a unique variable name, in the objects' order.
 */
export function assignNames(objects: ImportedObject[]): void {
  const names = new NameRegistry();
  const vars = new NameRegistry();
  for (const o of objects) {
    o.name = names.take(o.baseName, NAME_SUFFIX[o.type]);
    const id = identifierOf(o.name);
    let v = id;
    for (let n = 2; vars.has(v); n++) v = `${id}${n}`;
    o.varName = vars.take(v);
  }
}

/** Input fields that may hold the ids of other objects: `type → field → the resource types allowed as targets`. */
export const REFERENCE_FIELDS: Readonly<Record<ResourceType, Readonly<Record<string, readonly ResourceType[]>>>> =
  perResource((e) => e.references);

/**
 * Replaces literal ids in reference fields by {@link Ref}s to the objects of the program that have
 * those ids (ids compared case-insensitively; objects written commented out are not targets).
 * Returns how many references were made.
 */
export function linkReferences(objects: ImportedObject[]): number {
  const byId = new Map<string, ImportedObject[]>();
  for (const o of objects) {
    if (o.problem !== undefined) continue;
    const k = o.gzId.toLowerCase();
    byId.set(k, [...(byId.get(k) ?? []), o]);
  }
  let made = 0;
  const link = (v: Value, allowed: readonly ResourceType[], self: ImportedObject): Value => {
    if (typeof v === "string") {
      const target = (byId.get(v.toLowerCase()) ?? []).find((t) => allowed.includes(t.type) && t !== self);
      if (target) {
        made++;
        return new Ref(target.key, target.gzId);
      }
      return v;
    }
    if (Array.isArray(v)) return v.map((x) => link(x, allowed, self));
    return v;
  };
  for (const o of objects) {
    const fields = REFERENCE_FIELDS[o.type] ?? {};
    for (const [field, allowed] of Object.entries(fields)) {
      if (o.inputs[field] !== undefined) o.inputs[field] = link(o.inputs[field]!, allowed, o);
    }
  }
  return made;
}

/** `v` with every {@link Ref} replaced by the id it resolves to (and config secrets by `secret(key)`). */
export function resolveValue(v: Value, secret: (configKey: string) => string | undefined = () => undefined): unknown {
  if (v instanceof Ref) return v.id;
  if (v instanceof ConfigSecret) return secret(v.configKey);
  if (Array.isArray(v)) return v.map((x) => resolveValue(x, secret));
  if (v !== null && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      const r = resolveValue(x, secret);
      if (r !== undefined) out[k] = r;
    }
    return out;
  }
  return v;
}

/** The object's inputs with references resolved to ids. */
export function resolvedInputs(
  o: ImportedObject,
  secret?: (configKey: string) => string | undefined,
): Record<string, unknown> {
  return resolveValue(o.inputs, secret) as Record<string, unknown>;
}

/** The keys of the objects `o` refers to. */
export function referencesOf(o: ImportedObject): string[] {
  const out: string[] = [];
  const walk = (v: Value) => {
    if (v instanceof Ref) out.push(v.key);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === "object" && !(v instanceof ConfigSecret)) Object.values(v).forEach(walk);
  };
  walk(o.inputs);
  return out;
}
