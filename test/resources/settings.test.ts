/**
 * The provider's shared client across `configure` calls: the dynamic provider host configures each
 * resource kind's provider separately, so the client (and what its resources share) must survive a
 * configure with the same settings, and be rebuilt when they change.
 */
import { afterEach, describe, expect, it } from "vitest";
import { configureProvider, providerClient, setProviderClient } from "../../provider/settings";

const config = (values: Record<string, string>) => (k: string) => values[k];
const local = {
  "gravityzone:accessUrl": "http://127.0.0.1:9/api",
  "gravityzone:apiKey": "k".repeat(40),
  "gravityzone:rateLimitScale": "4",
};

afterEach(() => setProviderClient(undefined));

describe("configureProvider", () => {
  it("keeps the client when another kind configures the same settings", () => {
    configureProvider(config(local));
    const first = providerClient();
    configureProvider(config({ ...local }));
    expect(providerClient()).toBe(first);
  });

  it("builds a new client when the settings change", () => {
    configureProvider(config(local));
    const first = providerClient();
    configureProvider(config({ ...local, "gravityzone:accessUrl": "http://127.0.0.1:10/api" }));
    const second = providerClient();
    expect(second).not.toBe(first);
    expect(second.accessUrl).toBe("http://127.0.0.1:10/api");
  });
});
