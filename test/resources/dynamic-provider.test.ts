/**
 * The serialized provider (`__provider`), which Pulumi stores twice per resource: it must stay small,
 * capture nothing but the resource file's name, and become a full provider once the dynamic provider
 * host has called `configure` (which it always does first).
 */
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { dynamicProvider } from "../../provider/framework/dynamic";

const requireFromString = require("require-from-string") as (
  code: string,
  filename: string,
) => { handler(): Record<string, unknown> };

/** Every resource file, with what its serialized provider must never contain. */
const CAPTURE_FREE: [file: string, forbidden: RegExp][] = [
  ["account", /zod|undici|apiKey|GRAVITYZONE_API_KEY|password/i],
  ["blocklist-entry", /zod|undici|apiKey|GRAVITYZONE_API_KEY/],
  ["blocklist", /zod|undici|apiKey|GRAVITYZONE_API_KEY/],
  ["company", /zod|undici|apiKey|GRAVITYZONE_API_KEY/],
  ["custom-group", /zod|undici|apiKey|GRAVITYZONE_API_KEY/],
  ["installation-package", /zod|undici|apiKey|GRAVITYZONE_API_KEY/],
  ["policy-assignment", /zod|undici|apiKey|GRAVITYZONE_API_KEY/],
  ["push-event-settings", /zod|undici|apiKey|GRAVITYZONE_API_KEY/],
];

describe("serialized provider", () => {
  it.each(CAPTURE_FREE)("%s: stays under 4 KB and captures no schema, client or key", async (file, forbidden) => {
    const sf = await pulumi.runtime.serializeFunction(() => dynamicProvider(file));
    expect(sf.text.length).toBeLessThan(4096);
    expect(sf.text).not.toMatch(forbidden);
  });

  it("is under 1 KB and holds only configure before it is configured", async () => {
    const provider = dynamicProvider("custom-group");
    const sf = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
    expect(sf.text.length).toBeLessThan(1024);
    expect(sf.text).not.toMatch(/zod|undici|apiKey|GRAVITYZONE_API_KEY/);
    const deserialized = requireFromString(sf.text, path.join(__dirname, "serialized-provider.js")).handler();
    expect(Object.keys(deserialized)).toEqual(["configure"]);
  });

  it("installs check, diff, create, read, update and delete on configure, synchronously", async () => {
    const provider = dynamicProvider("custom-group") as unknown as Record<string, unknown> & {
      configure(req: unknown): Promise<void>;
    };
    const sf = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
    const deserialized = requireFromString(
      sf.text,
      path.join(__dirname, "serialized-provider.js"),
    ).handler() as typeof provider;
    const done = deserialized.configure({ config: { get: () => undefined } });
    // The host caches the provider before awaiting configure: the methods must be there already.
    for (const m of ["check", "diff", "create", "read", "update", "delete"])
      expect(typeof deserialized[m], m).toBe("function");
    await done;
  });
});
