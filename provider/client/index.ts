/**
 * The GravityZone API client: transport, auth, errors, rate limits, retries, pagination, schemas.
 * @packageDocumentation
 */
export {
  GravityZoneClient,
  type GravityZoneClientOptions,
  type CallOptions,
  type PageOptions,
  type ApiVersion,
  type ClientStats,
} from "./client";
export {
  GravityZoneError,
  isGravityZoneError,
  isNotFound,
  mayMeanNotFound,
  isNameTaken,
  isPushNotConfigured,
  isStillOwnsCompanies,
  isGroupNotEmpty,
  idsNamedIn,
  parseRetryAfter,
  type GravityZoneErrorKind,
} from "./errors";
export { DEFAULT_ACCESS_URL, isLoopbackHost, normalizeAccessUrl } from "./access-url";
export {
  BUDGETS,
  rateClassOf,
  inOperation,
  type OperationOptions,
  currentOrder,
  SlidingWindowLimiter,
  KeyRateLimiter,
  type RateClass,
  type Budget,
  type SlotRelease,
  type AcquireOptions,
} from "./rate-limit";
export { DEFAULT_RETRY_POLICY, shouldRetry, backoffDelay, type RetryPolicy } from "./retry";
export { redact, REDACTED } from "./redact";
export { assignResult, idSchema, pagedResultSchema, trueResult, okResult, newIdResult } from "./schemas";
export { closeTransport } from "./transport";
export { walkInventory, findInInventory, type InventoryWalk, type InventoryWalkType } from "./inventory";
