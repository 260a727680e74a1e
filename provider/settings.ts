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
 */
import { DEFAULT_ACCESS_URL, GravityZoneClient } from "./client";

/** Resolved settings. */
export interface ProviderSettings {
  /** The access URL. */
  accessUrl: string;
  /** The API key. */
  apiKey: string;
  /** Divides rate-limit windows (only for a time-scaled local emulator). */
  rateLimitScale: number;
}

/** Reads one config value by its full key (`gravityzone:apiKey`). */
export type ConfigGetter = (key: string) => string | undefined;

/** Resolves settings: stack config first, then environment variables, then defaults. */
export function resolveSettings(get: ConfigGetter, env: NodeJS.ProcessEnv = process.env): ProviderSettings {
  const pick = (key: string, envName: string) => nonEmpty(get(`gravityzone:${key}`)) ?? nonEmpty(env[envName]);
  const scale = Number(pick("rateLimitScale", "GRAVITYZONE_RATE_LIMIT_SCALE") ?? "1");
  return {
    accessUrl: pick("accessUrl", "GRAVITYZONE_ACCESS_URL") ?? DEFAULT_ACCESS_URL,
    apiKey: pick("apiKey", "GRAVITYZONE_API_KEY") ?? "",
    rateLimitScale: Number.isFinite(scale) && scale > 0 ? scale : 1,
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
    configured.rateLimitScale !== next.rateLimitScale
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
