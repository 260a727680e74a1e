/**
 * "Create never duplicates" and "adopt on purpose", in one place.
 *
 * Before creating, the object is looked up by its natural key (company name, group name under its
 * parent, package name, account email, …):
 * - found and `adopt: true` → it is taken over (no create call);
 * - found without `adopt` → an error that says to set `adopt: true`, and nothing is created;
 * - not found → created. When the create fails ambiguously (timeout, 5xx, dropped connection), the
 *   object is looked up again: if it is there the create happened and it is used; if not, the create
 *   is sent again (at most `attempts` times in all).
 */
import { isGravityZoneError, isNameTaken } from "../client";

/** How to find and create one object. */
export interface CreateOrAdoptSpec<T> {
  /** Words for messages, e.g. `company "Acme"`. */
  what: string;
  /** Take over an existing object with the same natural key. */
  adopt: boolean;
  /** Looks the object up by its natural key. */
  find(): Promise<T | undefined>;
  /** The id of a found object. */
  idOf(found: T): string;
  /** Sends the create call; returns the new id. */
  create(): Promise<string>;
  /** Create attempts in all after ambiguous failures. @default 3 */
  attempts?: number;
}

/** The outcome: the object's id and whether an existing object was adopted. */
export interface CreateOrAdoptResult<T> {
  /** The object's id. */
  id: string;
  /** True when an existing object was taken over. */
  adopted: boolean;
  /** The object as found, when it was found by lookup. */
  found?: T;
}

/** Creates the object or adopts an existing one, never leaving a duplicate. */
export async function createOrAdopt<T>(spec: CreateOrAdoptSpec<T>): Promise<CreateOrAdoptResult<T>> {
  const existing = await spec.find();
  if (existing !== undefined) {
    if (spec.adopt) return { id: spec.idOf(existing), adopted: true, found: existing };
    throw alreadyExists(spec.what, spec.idOf(existing));
  }
  const attempts = spec.attempts ?? 3;
  for (let attempt = 1; ; attempt++) {
    try {
      return { id: await spec.create(), adopted: false };
    } catch (e) {
      const conflict = isNameTaken(e);
      if (!(isGravityZoneError(e) && (e.ambiguous || conflict))) throw e;
      const after = await spec.find();
      if (after !== undefined) {
        // The ambiguous create went through (ours), or someone created it meanwhile (a conflict).
        if (conflict && !spec.adopt) throw alreadyExists(spec.what, spec.idOf(after));
        return { id: spec.idOf(after), adopted: conflict, found: after };
      }
      if (attempt >= attempts) throw e;
    }
  }
}

function alreadyExists(what: string, id: string): Error {
  return new Error(
    `${what} already exists in GravityZone (id ${id}). Set \`adopt: true\` to manage the existing object, or choose another name.`,
  );
}
