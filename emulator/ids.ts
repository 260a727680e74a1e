/**
 * Object ids as GravityZone shows them: 24 lowercase hex characters (MongoDB ObjectIds: a 4-byte
 * timestamp, 5 random bytes, a 3-byte counter).
 */
import { randomBytes } from "node:crypto";
import type { Prng } from "./prng";

/** Matches a well-formed GravityZone object id. */
export const OBJECT_ID = /^[0-9a-f]{24}$/;

/** True when `value` is a well-formed object id (24 lowercase hex characters). */
export function isObjectId(value: unknown): value is string {
  return typeof value === "string" && OBJECT_ID.test(value);
}

const processRandom = randomBytes(5).toString("hex");
let counter = randomBytes(3).readUIntBE(0, 3);

function timestampHex(ms: number): string {
  return Math.floor(ms / 1000)
    .toString(16)
    .padStart(8, "0")
    .slice(-8);
}

/** A fresh id for an object created at run time (unique within and across processes). */
export function newObjectId(now: number = Date.now()): string {
  counter = (counter + 1) % 0x1000000;
  return timestampHex(now) + processRandom + counter.toString(16).padStart(6, "0");
}

/** A deterministic id for seeded objects: the timestamp part from `at`, the rest from `rng`. */
export function seededObjectId(rng: Prng, at: number): string {
  return timestampHex(at) + rng.hex(16);
}
