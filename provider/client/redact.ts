/**
 * Keeps the API key out of every string the client lets go of. The key is only ever placed in the
 * Authorization header; this is the safety net for anything an upstream library or server might echo.
 */

/** The replacement text for a secret. */
export const REDACTED = "[redacted]";

/**
 * Returns `text` with every occurrence of each secret (and of its Base64 Basic-auth form) replaced
 * by {@link REDACTED}. Secrets shorter than 4 characters are ignored (they would mangle text).
 */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < 4) continue;
    for (const form of [secret, Buffer.from(`${secret}:`).toString("base64"), encodeURIComponent(secret)]) {
      out = out.split(form).join(REDACTED);
    }
  }
  return out;
}
