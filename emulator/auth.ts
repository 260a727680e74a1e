/**
 * HTTP Basic authentication with API keys (user name = key, password = empty string) and the
 * per-key module scopes. Keys are compared in constant time and only ever referred to by a
 * fingerprint outside this file.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { canonicalModule, MODULE_NAMES } from "./methods/index";
import type { EmulatorKey } from "./options";

/** An accepted key, as the server uses it. */
export interface KeyEntry {
  /** SHA-256 fingerprint of the key (for rate-limit buckets and logs; never the key). */
  readonly fingerprint: string;
  /** Enabled modules (canonical names). */
  readonly modules: readonly string[];
  /** SHA-256 digest of the key, compared in constant time. */
  readonly digest: Buffer;
}

/** A fresh random key: 40 lowercase hex characters. */
export function generateKey(): string {
  return randomBytes(20).toString("hex");
}

function digestOf(key: string): Buffer {
  return createHash("sha256").update(key, "utf8").digest();
}

/** Parses `Authorization: Basic …` into user and password; undefined when absent or malformed. */
export function parseBasicAuth(header: string | undefined): { user: string; password: string } | undefined {
  if (!header) return undefined;
  const m = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header);
  if (!m) return undefined;
  const decoded = Buffer.from(m[1]!, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return undefined;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** Checks an {@link EmulatorKey} list; throws with a clear message for an unusable key or module name. */
export function validateKeys(keys: EmulatorKey[]): void {
  if (keys.length === 0) throw new Error("at least one API key is required");
  for (const k of keys) {
    if (typeof k.key !== "string" || k.key.length === 0) throw new Error("an API key must be a non-empty string");
    if (k.key.includes(":") || /\s/.test(k.key)) throw new Error("an API key cannot contain ':' or whitespace");
    for (const m of k.modules ?? []) {
      if (!canonicalModule(m)) throw new Error(`unknown API module "${m}" (known: ${MODULE_NAMES.join(", ")})`);
    }
  }
}

/** The accepted keys. */
export class KeyRing {
  private readonly entries: KeyEntry[];

  /** @param keys validated with {@link validateKeys}. */
  constructor(keys: EmulatorKey[]) {
    validateKeys(keys);
    this.entries = keys.map((k) => {
      const digest = digestOf(k.key);
      return {
        digest,
        fingerprint: digest.toString("hex").slice(0, 12),
        modules: k.modules ? [...new Set(k.modules.map((m) => canonicalModule(m)!))] : [...MODULE_NAMES],
      };
    });
  }

  /** The key entry for an Authorization header, or undefined (HTTP 401). */
  authenticate(header: string | undefined): KeyEntry | undefined {
    const creds = parseBasicAuth(header);
    if (!creds || creds.password !== "") return undefined;
    const digest = digestOf(creds.user);
    let found: KeyEntry | undefined;
    for (const e of this.entries) if (timingSafeEqual(e.digest, digest)) found = e;
    return found;
  }
}
