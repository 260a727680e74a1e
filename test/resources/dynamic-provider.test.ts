/**
 * The serialized provider (`__provider`), which Pulumi stores twice per resource: it must stay small,
 * capture nothing but the resource file's name, and become a full provider once the dynamic provider
 * host has called `configure` (which it always does first).
 */
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { dynamicProvider } from "../../provider/framework/dynamic";
import { RESOURCE_KINDS, RESOURCES, type ResourceKind } from "../../provider/registry";

const requireFromString = createRequire(__filename)("require-from-string") as (
  code: string,
  filename: string,
) => { handler(): Record<string, unknown> };

/** What no serialized provider may contain; some resources add their own secrets. */
const FORBIDDEN = /zod|undici|apiKey|GRAVITYZONE_API_KEY/;
const FORBIDDEN_ALSO: Partial<Record<ResourceKind, RegExp>> = {
  Account: /zod|undici|apiKey|GRAVITYZONE_API_KEY|password/i,
};

/** Every resource file of the registry, with what its serialized provider must never contain. */
const CAPTURE_FREE: [file: string, forbidden: RegExp][] = RESOURCE_KINDS.map((k) => [
  RESOURCES[k].file,
  FORBIDDEN_ALSO[k] ?? FORBIDDEN,
]);

describe("the registry", () => {
  it.each(RESOURCE_KINDS)("%s: its file exports its handler and class, and serializes its own file name", async (k) => {
    const entry = RESOURCES[k];
    const mod = (await import(`../../provider/resources/${entry.file}`)) as Record<string, unknown>;
    expect(mod.handler).toBe(entry.handler);
    expect(mod[k]).toBe(entry.resourceClass);
    expect(entry.type).toBe(`pulumi-nodejs:dynamic/gravityzone:${k}`);
    const source = fs.readFileSync(path.join(__dirname, `../../provider/resources/${entry.file}.ts`), "utf8");
    expect(source).toContain(`dynamicProvider(${JSON.stringify(entry.file)})`);
  });

  it("lists each file and class once", () => {
    const files = RESOURCE_KINDS.map((k) => RESOURCES[k].file);
    expect(new Set(files).size).toBe(files.length);
    expect(RESOURCE_KINDS.map((k) => RESOURCES[k].resourceClass.name)).toEqual([...RESOURCE_KINDS]);
  });
});

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
