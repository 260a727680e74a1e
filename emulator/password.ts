/**
 * Account passwords: GravityZone's complexity rule and one-way storage. Passwords are never stored
 * or returned in plain text; the state keeps an scrypt hash with a random salt.
 */
import { randomBytes, scryptSync, timingSafeEqual } from "node:crypto";

/** The minimum password length. */
export const PASSWORD_MIN_LENGTH = 12;
/** The maximum password length the emulator accepts. */
export const PASSWORD_MAX_LENGTH = 128;

/**
 * Why `password` breaks the rule (at least 12 characters with an uppercase letter, a lowercase
 * letter, a digit and a special character), or undefined when it is acceptable.
 */
export function passwordProblem(password: string): string | undefined {
  if (password.length < PASSWORD_MIN_LENGTH)
    return `The password should have at least ${PASSWORD_MIN_LENGTH} characters.`;
  if (password.length > PASSWORD_MAX_LENGTH) return `The password should not exceed ${PASSWORD_MAX_LENGTH} characters.`;
  if (!/[A-Z]/.test(password)) return "The password should contain at least one uppercase letter.";
  if (!/[a-z]/.test(password)) return "The password should contain at least one lowercase letter.";
  if (!/[0-9]/.test(password)) return "The password should contain at least one digit.";
  if (!/[^A-Za-z0-9]/.test(password)) return "The password should contain at least one special character.";
  return undefined;
}

const KEY_LENGTH = 32;
const COST = 1 << 14;

/** A salted scrypt hash of `password`: `scrypt$<salt hex>$<hash hex>`. */
export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password, salt, KEY_LENGTH, { N: COST });
  return `scrypt$${salt.toString("hex")}$${hash.toString("hex")}`;
}

/** True when `password` matches a hash made by {@link hashPassword}. */
export function verifyPassword(password: string, stored: string): boolean {
  const [scheme, saltHex, hashHex] = stored.split("$");
  if (scheme !== "scrypt" || !saltHex || !hashHex) return false;
  const expected = Buffer.from(hashHex, "hex");
  const actual = scryptSync(password, Buffer.from(saltHex, "hex"), expected.length, { N: COST });
  return timingSafeEqual(expected, actual);
}
