/**
 * Validates and normalises the GravityZone access URL (Control Center > My Account > API keys shows it).
 * HTTPS is required, except for loopback hosts where the local emulator runs.
 */
import { GravityZoneError } from "./errors";

/** The access URL of GravityZone Cloud. */
export const DEFAULT_ACCESS_URL = "https://cloud.gravityzone.bitdefender.com/api";

/** True for `localhost`, `127.0.0.0/8` and `[::1]`. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return h === "localhost" || h === "::1" || /^127(?:\.\d{1,3}){3}$/.test(h);
}

/**
 * Parses the access URL and returns it without a trailing slash.
 * @throws GravityZoneError (kind `config`) when it is not a URL, or not HTTPS on a non-loopback host.
 */
export function normalizeAccessUrl(accessUrl: string): string {
  let url: URL;
  try {
    url = new URL(accessUrl);
  } catch {
    throw configError(
      `the access URL ${JSON.stringify(accessUrl)} is not a valid URL (expected e.g. ${DEFAULT_ACCESS_URL})`,
    );
  }
  if (url.username || url.password) {
    throw configError("the access URL must not contain credentials; set the API key with gravityzone:apiKey");
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && isLoopbackHost(url.hostname))) {
    throw configError(
      `the access URL must use https:// (got ${url.protocol}//${url.host}); plain http is only allowed for a local emulator on a loopback address`,
    );
  }
  url.search = "";
  url.hash = "";
  return url.toString().replace(/\/+$/, "");
}

function configError(details: string): GravityZoneError {
  return new GravityZoneError({ kind: "config", module: "client", method: "configure", details });
}
