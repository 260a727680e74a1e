/**
 * Keeping secrets out of violation messages.
 *
 * Policies receive secret inputs (an account's password, a push receiver's authorization header) in
 * plain text, and violation messages end up in terminals, CI logs and the Pulumi Cloud console. The
 * rules never put such fields in a message; as a second line of defence every report goes through
 * {@link guardReport}, which replaces any secret value of the resources involved with `[secret]`
 * (e.g. a password that also appears as a display name).
 */
import type { ReportViolation } from "@pulumi/policy";
import { known, peek } from "./values";

/** Property names whose values are secrets. */
export const SECRET_KEY = /pass(word|phrase)?|authori[sz]ation|secret|token|api[-_]?key|credential|private[-_]?key/i;

/** Values shorter than this are not redacted (they would mangle ordinary words). */
const MIN_SECRET_LENGTH = 4;

/** Collects the string values under secret-looking keys, at any depth. */
export function collectSecrets(props: unknown, into: Set<string> = new Set(), depth = 0): Set<string> {
  if (depth > 8 || props === null || typeof props !== "object") return into;
  for (const key of Object.keys(props)) {
    const value = peek(() => (props as Record<string, unknown>)[key]);
    if (!known(value)) continue;
    if (SECRET_KEY.test(key)) addSecret(value, into);
    collectSecrets(value, into, depth + 1);
  }
  return into;
}

function addSecret(value: unknown, into: Set<string>): void {
  if (typeof value === "string" && value.length >= MIN_SECRET_LENGTH) into.add(value);
  else if (Array.isArray(value)) for (const v of value) addSecret(v, into);
}

/** The message with every secret value replaced by `[secret]`. */
export function redact(message: string, secrets: Iterable<string>): string {
  const sorted = [...secrets].sort((a, b) => b.length - a.length);
  let out = message;
  for (const s of sorted) out = out.split(s).join("[secret]");
  return out;
}

/** A reporter that redacts the given secrets from every message before passing it on. */
export function guardReport(report: ReportViolation, secrets: Iterable<string>): ReportViolation {
  const list = [...secrets];
  return (message: string, urn?: string) => report(redact(message, list), urn);
}
