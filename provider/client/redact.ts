/**
 * Keeps the API key (and secret request parameters) out of every string the client lets go of. The
 * key is only ever placed in the Authorization header; this is the safety net for anything a server or
 * an upstream library might echo back, in whatever encoding it echoes it:
 * - as sent, Base64 (the Basic-auth form with and without the colon), percent-encoded (either case),
 *   JSON-escaped (`\u0061`, PHP's `\/`), as HTML entities (`&#97;`, `&#x61;`, `&amp;`);
 * - split by white space or an escaped line break anywhere inside.
 * JSON answers are redacted after decoding (see {@link redactDeep}), and every message once more when it
 * is built.
 */

/** The replacement text for a secret. */
export const REDACTED = "[redacted]";

/** Secrets shorter than this are not redacted (they would mangle ordinary text). */
const MIN_SECRET = 4;

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/** Between two characters of a secret: nothing, or white space and escaped line breaks. */
const GAP = "(?:\\s|\\\\[nrt])*";

/** One character as a server may encode it: itself, a JSON `\uXXXX` escape, an HTML entity, or `\/` for `/`. */
function charPattern(ch: string): string {
  const code = ch.codePointAt(0)!;
  const hex = code.toString(16);
  const alts = [
    escapeRe(ch),
    `\\\\u0{0,${Math.max(0, 4 - hex.length)}}${hex
      .split("")
      .map((d) => `[${d}${d.toUpperCase()}]`)
      .join("")}`,
    `&#0*${code};`,
    `&#[xX]0*${hex
      .split("")
      .map((d) => `[${d}${d.toUpperCase()}]`)
      .join("")};`,
  ];
  if (ch === "/") alts.push("\\\\/");
  const named: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };
  if (named[ch]) alts.push(named[ch]);
  return `(?:${alts.join("|")})`;
}

/** A pattern for `form`, tolerant of encodings per character and of gaps between characters. */
function formPattern(form: string): string {
  return [...form].map(charPattern).join(GAP);
}

/** A pattern for a percent-encoded form, with hex digits of either case. */
function percentPattern(secret: string): string {
  return encodeURIComponent(secret).replace(
    /%([0-9A-F]{2})|([^%])/g,
    (_m, hex: string | undefined, ch: string | undefined) =>
      hex !== undefined ? `%[${hex[0]}${hex[0]!.toLowerCase()}][${hex[1]}${hex[1]!.toLowerCase()}]` : escapeRe(ch!),
  );
}

const patterns = new Map<string, RegExp>();

/** One regular expression matching every form of `secret`. */
function patternFor(secret: string): RegExp {
  let re = patterns.get(secret);
  if (re) return re;
  const b64 = (s: string) => Buffer.from(s).toString("base64").replace(/=+$/, "");
  const forms = [formPattern(secret), percentPattern(secret), escapeRe(b64(`${secret}:`)), escapeRe(b64(secret))];
  re = new RegExp(forms.join("|"), "g");
  if (patterns.size > 64) patterns.clear();
  patterns.set(secret, re);
  return re;
}

/**
 * Returns `text` with every occurrence of each secret, in any of the forms above, replaced by
 * {@link REDACTED}.
 */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < MIN_SECRET) continue;
    out = out.replace(patternFor(secret), REDACTED);
  }
  return out;
}

/** A decoded JSON value with every string (keys included) redacted. */
export function redactDeep(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === "string") return redact(value, secrets);
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, secrets));
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[redact(k, secrets)] = redactDeep(v, secrets);
    return out;
  }
  return value;
}
