/**
 * JSON-RPC errors the emulator answers, with GravityZone's codes and messages. The human explanation
 * always goes in `error.data.details`, as the real API does.
 *
 * Choices where the reference is silent (kept consistent everywhere):
 * - An object that does not exist, or that lies outside the API key's company subtree, is reported
 *   as -32602 "Invalid params" with details such as `The company with ID "…" was not found.`
 *   (out-of-scope objects look exactly like missing ones, so nothing leaks across tenants).
 * - Requests the API refuses for a business rule (duplicate name, non-empty group, partner with
 *   companies, own account, …) are -32602 too: the request was wrong, retrying it cannot help.
 * - -32000 "Server error" is kept for real server failures (and injected faults), which a client
 *   may retry.
 */

/** JSON-RPC error codes GravityZone uses. */
export const RpcCode = {
  /** The body is not valid JSON. */
  ParseError: -32700,
  /** The body is JSON but not a valid single JSON-RPC 2.0 request. */
  InvalidRequest: -32600,
  /** The API (module) or method does not exist for this tenant or path. */
  MethodNotFound: -32601,
  /** A parameter is missing, unknown, ill-typed or refers to something that does not exist. */
  InvalidParams: -32602,
  /** The server failed. */
  ServerError: -32000,
  /** Authentication failed (sent with HTTP 401). */
  AuthError: -32001,
} as const;

const MESSAGES: Record<number, string> = {
  [RpcCode.ParseError]: "Parse error",
  [RpcCode.InvalidRequest]: "Invalid Request",
  [RpcCode.MethodNotFound]: "Method not found",
  [RpcCode.InvalidParams]: "Invalid params",
  [RpcCode.ServerError]: "Server error",
  [RpcCode.AuthError]: "Unauthorized",
};

/** A JSON-RPC error a method handler (or the dispatcher) throws; the server turns it into the error body. */
export class RpcError extends Error {
  /** The JSON-RPC code. */
  readonly code: number;
  /** The text for `error.data.details`. */
  readonly details: string;

  /**
   * @param code a JSON-RPC code (see {@link RpcCode}).
   * @param details the explanation placed in `error.data.details`.
   */
  constructor(code: number, details: string) {
    super(details);
    this.name = "RpcError";
    this.code = code;
    this.details = details;
  }

  /** The standard message for the code ("Invalid params", …). */
  get rpcMessage(): string {
    return MESSAGES[this.code] ?? "Server error";
  }

  /** The JSON-RPC `error` member. */
  toJSON(): { code: number; message: string; data: { details: string } } {
    return { code: this.code, message: this.rpcMessage, data: { details: this.details } };
  }
}

/** An -32602 error with the given details. */
export function invalidParams(details: string): RpcError {
  return new RpcError(RpcCode.InvalidParams, details);
}

/** The -32602 error for an object that does not exist (or is not visible to the key). */
export function notFound(what: string, id: string): RpcError {
  return new RpcError(RpcCode.InvalidParams, `The ${what} with ID "${id}" was not found.`);
}

/** The -32601 error GravityZone sends for an unknown API or method. */
export function methodNotFound(): RpcError {
  return new RpcError(RpcCode.MethodNotFound, "The selected API is not available.");
}
