/**
 * Provider settings and the shared client. The API key is read when the provider is configured (from
 * stack config, decrypted by the engine) or from the environment; it is never captured in the
 * serialized provider and never written to state.
 *
 * | setting | stack config | environment |
 * |---|---|---|
 * | API key (secret) | `gravityzone:apiKey` | `GRAVITYZONE_API_KEY` |
 * | access URL | `gravityzone:accessUrl` | `GRAVITYZONE_ACCESS_URL` |
 * | emulator clock factor | `gravityzone:rateLimitScale` | `GRAVITYZONE_RATE_LIMIT_SCALE` |
 * | part of each rate-limit budget (0 < share ≤ 1) | `gravityzone:rateLimitShare` | `GRAVITYZONE_RATE_LIMIT_SHARE` |
 * | a fleet's shared budget (set by `pulumi-gravityzone fleet`) | — | `GRAVITYZONE_BUDGET_URL`, `GRAVITYZONE_BUDGET_TOKEN`, `GRAVITYZONE_BUDGET_CLIENT`, `GRAVITYZONE_BUDGET_FALLBACK_SHARE` |
 */
import { DEFAULT_ACCESS_URL, GravityZoneClient } from "./client";
import type { BudgetServiceAddress } from "./client/shared-budget";

/** Resolved settings. */
export interface ProviderSettings {
  /** The access URL. */
  accessUrl: string;
  /** The API key. */
  apiKey: string;
  /** Divides rate-limit windows (only for a time-scaled local emulator). */
  rateLimitScale: number;
  /** The part of every rate-limit budget this process may use (several machines share the key). */
  rateLimitShare: number;
  /** A fleet's shared budget service, when the process runs in `pulumi-gravityzone fleet`. */
  budgetService?: BudgetServiceAddress;
}

/** Reads one config value by its full key (`gravityzone:apiKey`). */
export type ConfigGetter = (key: string) => string | undefined;

/** Resolves settings: stack config first, then environment variables, then defaults. */
export function resolveSettings(get: ConfigGetter, env: NodeJS.ProcessEnv = process.env): ProviderSettings {
  const pick = (key: string, envName: string) => nonEmpty(get(`gravityzone:${key}`)) ?? nonEmpty(env[envName]);
  const scale = Number(pick("rateLimitScale", "GRAVITYZONE_RATE_LIMIT_SCALE") ?? "1");
  const shareText = pick("rateLimitShare", "GRAVITYZONE_RATE_LIMIT_SHARE");
  const share = Number(shareText ?? "1");
  if (!(share > 0 && share <= 1))
    throw new RangeError(
      `gravityzone:rateLimitShare must be a number greater than 0 and at most 1, not "${shareText}"`,
    );
  return {
    accessUrl: pick("accessUrl", "GRAVITYZONE_ACCESS_URL") ?? DEFAULT_ACCESS_URL,
    apiKey: pick("apiKey", "GRAVITYZONE_API_KEY") ?? "",
    rateLimitScale: Number.isFinite(scale) && scale > 0 ? scale : 1,
    rateLimitShare: share,
    budgetService: budgetServiceFromEnv(env),
  };
}

/** The fleet's budget service from the environment `pulumi-gravityzone fleet` gives each stack. */
function budgetServiceFromEnv(env: NodeJS.ProcessEnv): BudgetServiceAddress | undefined {
  const url = nonEmpty(env.GRAVITYZONE_BUDGET_URL);
  const token = nonEmpty(env.GRAVITYZONE_BUDGET_TOKEN);
  if (!url || !token) return undefined;
  const fallback = Number(nonEmpty(env.GRAVITYZONE_BUDGET_FALLBACK_SHARE) ?? "1");
  return {
    url,
    token,
    client: nonEmpty(env.GRAVITYZONE_BUDGET_CLIENT),
    fallbackShare: fallback > 0 && fallback <= 1 ? fallback : 1,
  };
}

function nonEmpty(v: string | undefined): string | undefined {
  return typeof v === "string" && v.trim() !== "" ? v.trim() : undefined;
}

let configured: ProviderSettings | undefined;
let shared: GravityZoneClient | undefined;

/**
 * Called from the dynamic provider's `configure` with the stack configuration.
 * @internal
 */
export function configureProvider(get: ConfigGetter): void {
  const next = resolveSettings(get);
  // The host configures each resource kind's provider separately, with the same settings: keep the
  // client (and what it shares between resources, such as a refresh's blocklist listings).
  if (
    !configured ||
    configured.accessUrl !== next.accessUrl ||
    configured.apiKey !== next.apiKey ||
    configured.rateLimitScale !== next.rateLimitScale ||
    configured.rateLimitShare !== next.rateLimitShare ||
    JSON.stringify(configured.budgetService) !== JSON.stringify(next.budgetService)
  )
    shared = undefined;
  configured = next;
}

/**
 * The client for the dynamic provider process: built once from the configured settings (or the
 * environment when the engine did not pass configuration).
 * @internal
 */
export function providerClient(): GravityZoneClient {
  shared ??= new GravityZoneClient(configured ?? resolveSettings(() => undefined));
  return shared;
}

/**
 * The client for data sources, which run in the Pulumi program itself: settings come from the
 * program's stack configuration.
 * @internal
 */
export function programClient(): GravityZoneClient {
  // Loaded lazily: @pulumi/pulumi's runtime is only present inside a Pulumi program.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazily, as said above
  const runtime = require("@pulumi/pulumi/runtime") as { getConfig(k: string): string | undefined };
  return new GravityZoneClient(resolveSettings((k) => runtime.getConfig(k)));
}

/** Replaces the provider client (tests call the handlers directly against an emulator). @internal */
export function setProviderClient(client: GravityZoneClient | undefined): void {
  shared = client;
}
