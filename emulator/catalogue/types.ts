/**
 * The shape of the method catalogue: the GravityZone Public API as the official reference documents
 * it, one entry per method and API version, each naming the page it was transcribed from. The
 * emulator checks every request against it (see `conformance.ts`); tests check the provider's calls
 * and parsers against its documented examples. Where the reference is silent, an entry says what was
 * assumed and why, and is marked `assumed`.
 */

/** API versions that appear in request paths. */
export type CatalogueVersion = "v1.0" | "v1.1" | "v1.2";

/** A JSON type as the reference names it ("String", "Number"/"Integer", "Boolean", "Array", "Object"). */
export type JsonType = "string" | "integer" | "number" | "boolean" | "array" | "object" | "any";

/** One documented parameter (or a documented member of an object parameter). */
export interface ParamDoc {
  /** The JSON type the reference gives. Where two pages disagree, a list of the accepted types. */
  readonly type: JsonType | readonly JsonType[];
  /** True when the reference marks it "Optional: No". */
  readonly required: boolean;
  /** The reference's description, shortened: limits, defaults, what omitting it means. */
  readonly doc: string;
  /** Documented allowed values, when the reference lists them. */
  readonly values?: readonly (string | number | boolean)[];
  /** The documented default, when the reference gives one. */
  readonly default?: unknown;
  /** For arrays: the element type. */
  readonly items?: JsonType;
  /**
   * For objects with documented members: those members. An object without `fields` is open (its
   * members are not documented, so the catalogue checks only that it is an object).
   */
  readonly fields?: Readonly<Record<string, ParamDoc>>;
}

/** How sure an entry is. */
export type Fidelity =
  /** Every parameter and the result were transcribed from the cited page(s). */
  | "verified"
  /** Part of the entry (named in `assumptions`) is not in the reference: chosen to be safe under every reading. */
  | "assumed";

/** One method in one or more API versions with the same documented parameters. */
export interface MethodDoc {
  /** The API module in the path (`/jsonrpc/<module>`). */
  readonly module: string;
  /** The JSON-RPC method name. */
  readonly method: string;
  /** The versions this entry documents (a version with other parameters is an entry of its own). */
  readonly versions: readonly CatalogueVersion[];
  /** The reference page(s) the entry was transcribed from (full addresses). */
  readonly pages: readonly string[];
  /** `verified` or `assumed`. */
  readonly fidelity: Fidelity;
  /** What the reference does not say and what was chosen instead, with why (empty when verified). */
  readonly assumptions: readonly string[];
  /** Documented parameters by name. Parameters not listed here are refused ("… is not expected"). */
  readonly params: Readonly<Record<string, ParamDoc>>;
  /** The documented result. */
  readonly result: {
    /** The result's JSON type(s) as documented; several when pages or observed answers differ. */
    readonly type: JsonType | "null" | readonly (JsonType | "null")[];
    /** What the result holds. */
    readonly doc: string;
    /** The documented example result (the `result` member of the page's example response), when there is one. */
    readonly example?: unknown;
    /** Other result forms seen in documented or community sources, each a parseable example. */
    readonly otherForms?: readonly unknown[];
  };
  /** The `params` of the page's example request, when there is one. */
  readonly exampleRequest?: Readonly<Record<string, unknown>>;
  /** Documented rate-limit class, when the reference gives one: "10/s", "5/s", "30/min", "5/min". */
  readonly rateLimit?: string;
  /**
   * Bitdefender's own client (`bitdefender/n8n-nodes-gravityzone`): the file that sends this method and
   * the parameter names it sends, with any difference from the reference.
   */
  readonly n8n?: { readonly file: string; readonly sends: readonly string[]; readonly differences?: string };
}
