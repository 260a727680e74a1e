/**
 * The shape of the method catalogue: what a handler receives and how a method declares the API
 * versions it exists in and whether it changes state.
 */
import type { Caller } from "../scope";
import type { TenantState } from "../state";

/** API versions that appear in request paths. */
export type ApiVersion = "v1.0" | "v1.1" | "v1.2";

/** Everything a handler may use. */
export interface MethodContext {
  /** The live tenant state (handlers run synchronously, so each call is atomic). */
  state: TenantState;
  /** The calling key's company, account and modules. */
  caller: Caller;
  /** The version from the request path. */
  version: ApiVersion;
  /** The request's time. */
  now: Date;
  /** A sub-path after the module, e.g. `computers` in `/jsonrpc/quarantine/computers` (empty when absent). */
  service: string;
}

/** A method implementation: validates `params` (see params.ts) and returns the JSON-RPC `result`. */
export type Handler = (params: unknown, ctx: MethodContext) => unknown;

/** One method of a module. */
export interface MethodSpec {
  /** True when the method changes state (persisted before answering; eligible for drop-after-write faults). */
  readonly write: boolean;
  /** The implementation per API version; a version not listed answers "Method not found". */
  readonly versions: Readonly<Partial<Record<ApiVersion, Handler>>>;
}

/** A module's methods by name. */
export type ModuleMethods = Readonly<Record<string, MethodSpec>>;

/** A read-only method available in v1.0 (and the given extra versions with the same handler). */
export function read(handler: Handler, extra: ApiVersion[] = []): MethodSpec {
  return { write: false, versions: Object.fromEntries([["v1.0", handler], ...extra.map((v) => [v, handler])]) };
}

/** A state-changing method available in v1.0 (and the given extra versions with the same handler). */
export function write(handler: Handler, extra: ApiVersion[] = []): MethodSpec {
  return { write: true, versions: Object.fromEntries([["v1.0", handler], ...extra.map((v) => [v, handler])]) };
}

/** Builds a paged answer `{items, page, pagesCount, perPage, total}` from a full list. */
export function pageOf<T>(
  all: readonly T[],
  page = 1,
  perPage = 30,
): { items: T[]; page: number; pagesCount: number; perPage: number; total: number } {
  const total = all.length;
  const start = (page - 1) * perPage;
  return { items: all.slice(start, start + perPage), page, pagesCount: Math.ceil(total / perPage), perPage, total };
}
