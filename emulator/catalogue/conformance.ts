/**
 * Checks a request's `params` against its method's catalogue entry before the method runs, so that the
 * emulator refuses what the reference refuses:
 * - a parameter the entry does not document: `Parameter 'x' is not expected.`;
 * - a required parameter missing (or null): `Missing required parameter 'x'.`;
 * - a value of another JSON type than documented: `Invalid value for 'x' parameter. The value should be a string.`
 *
 * Documented members of object parameters (`fields`) and of array elements are checked the same way for
 * presence and type. Unknown members inside objects are left to the method's own rules, because several
 * pages could only be read in part. `null` counts as omitted, as for every method.
 */
import { invalidParams } from "../errors";
import type { JsonType, MethodDoc, ParamDoc } from "./types";

const TYPE_WORD: Record<JsonType, string> = {
  string: "a string",
  integer: "an integer",
  number: "a number",
  boolean: "a boolean",
  array: "an array",
  object: "an object",
  any: "a value",
};

function isType(v: unknown, t: JsonType): boolean {
  switch (t) {
    case "string":
      return typeof v === "string";
    case "integer":
      return typeof v === "number" && Number.isInteger(v);
    case "number":
      return typeof v === "number" && Number.isFinite(v);
    case "boolean":
      return typeof v === "boolean";
    case "array":
      return Array.isArray(v);
    case "object":
      return typeof v === "object" && v !== null && !Array.isArray(v);
    case "any":
      return true;
  }
}

function checkValue(doc: ParamDoc, v: unknown, path: string): void {
  const types = typeof doc.type === "string" ? [doc.type] : doc.type;
  if (!types.some((t) => isType(v, t))) {
    throw invalidParams(
      `Invalid value for '${path}' parameter. The value should be ${types.map((t) => TYPE_WORD[t]).join(" or ")}.`,
    );
  }
  if (Array.isArray(v)) {
    v.forEach((e, i) => {
      if (e === null || e === undefined) return;
      if (doc.items !== undefined && !isType(e, doc.items))
        throw invalidParams(
          `Invalid value for '${path}[${i}]' parameter. The value should be ${TYPE_WORD[doc.items]}.`,
        );
      if (doc.fields !== undefined && isType(e, "object"))
        checkMembers(doc.fields, e as Record<string, unknown>, `${path}[${i}].`);
    });
  } else if (doc.fields !== undefined && isType(v, "object")) {
    checkMembers(doc.fields, v as Record<string, unknown>, `${path}.`);
  }
}

function checkMembers(fields: Readonly<Record<string, ParamDoc>>, obj: Record<string, unknown>, prefix: string): void {
  for (const [name, doc] of Object.entries(fields)) {
    const v = obj[name];
    if (v === undefined || v === null) {
      if (doc.required) throw invalidParams(`Missing required parameter '${prefix}${name}'.`);
      continue;
    }
    checkValue(doc, v, `${prefix}${name}`);
  }
}

/** Throws an -32602 error when `params` (the request's `params` member; absent or null = `{}`) breaks the entry. */
export function checkAgainstCatalogue(entry: MethodDoc, params: unknown): void {
  const obj = (params === undefined || params === null ? {} : params) as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    if (!Object.hasOwn(entry.params, key)) throw invalidParams(`Parameter '${key}' is not expected.`);
  }
  checkMembers(entry.params, obj, "");
}
