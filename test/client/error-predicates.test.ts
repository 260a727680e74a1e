/**
 * The named error predicates (provider/client/errors.ts): each recognises its kind of GravityZone
 * refusal by kind and text, and nothing else.
 */
import { describe, expect, it } from "vitest";
import {
  GravityZoneError,
  idsNamedIn,
  isGroupNotEmpty,
  isNameTaken,
  isNotFound,
  isPushNotConfigured,
  isStillOwnsCompanies,
  mayMeanNotFound,
  type GravityZoneErrorKind,
} from "../../provider/client";

const err = (kind: GravityZoneErrorKind, details: string) =>
  new GravityZoneError({ kind, module: "m", method: "x", details });

describe("error predicates", () => {
  it("isNameTaken: a refusal that names a duplicate, not any invalid parameter", () => {
    expect(isNameTaken(err("invalid-params", 'A company named "Acme" already exists'))).toBe(true);
    expect(isNameTaken(err("server", "Name is not unique"))).toBe(true);
    expect(isNameTaken(err("invalid-params", "The value should be an integer."))).toBe(false);
    expect(isNameTaken(err("network", "already exists"))).toBe(false);
    expect(isNameTaken(new Error("already exists"))).toBe(false);
  });

  it("not found: isNotFound is the kind alone; mayMeanNotFound also takes invalid-params", () => {
    expect(isNotFound(err("not-found", "gone"))).toBe(true);
    expect(isNotFound(err("invalid-params", "bad id"))).toBe(false);
    expect(mayMeanNotFound(err("invalid-params", "bad id"))).toBe(true);
    expect(mayMeanNotFound(err("server", "Object not found"))).toBe(false);
  });

  it("isPushNotConfigured: the unconfigured push answer of any kind, nothing else", () => {
    expect(isPushNotConfigured(err("server", "The event push service settings were not set for this company."))).toBe(
      true,
    );
    expect(isPushNotConfigured(err("server", "Internal error"))).toBe(false);
  });

  it("isStillOwnsCompanies and isGroupNotEmpty: refusals of a delete, by their texts", () => {
    expect(isStillOwnsCompanies(err("invalid-params", "The company has subordinate companies"))).toBe(true);
    expect(isStillOwnsCompanies(err("not-found", "subordinate"))).toBe(false);
    expect(isGroupNotEmpty(err("server", "The group is not empty"))).toBe(true);
    expect(isGroupNotEmpty(err("invalid-params", "Invalid groupId"))).toBe(false);
  });

  it("idsNamedIn: the ids a not-found error names, in any case", () => {
    const e = err("not-found", "Target 5F0A00000000000000000001 does not exist");
    expect(idsNamedIn(e, ["5f0a00000000000000000001", "5f0a00000000000000000002"])).toEqual([
      "5f0a00000000000000000001",
    ]);
  });
});
