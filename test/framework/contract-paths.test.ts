/**
 * The paths deployed stacks depend on. Every resource's state holds a serialized provider whose
 * `configure` requires `pulumi-gravityzone/dist/provider/resources/<file>` (and installs its `handler`)
 * and `pulumi-gravityzone/dist/provider/settings` (and calls its `configureProvider`). Those modules
 * must keep loading, under those names, for every resource file any released version shipped, or
 * refresh and destroy of an existing stack fail. This test loads them the way the stored code does,
 * through the installed package name (built `dist/`).
 */
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { RESOURCE_KINDS, RESOURCES } from "../../provider/registry";

/** The resource files 0.1.0 serialized into state (its `provider/resources/*.ts` with a `handler`). */
const SHIPPED_IN_0_1_0 = [
  "account",
  "blocklist-entry",
  "blocklist",
  "company",
  "custom-group",
  "installation-package",
  "policy-assignment",
  "push-event-settings",
] as const;

/** Every file a deployed state may name: those released, and those of every registered resource. */
const ALL_FILES = [...new Set([...SHIPPED_IN_0_1_0, ...RESOURCE_KINDS.map((k) => RESOURCES[k].file)])];

/** Loads a module the way the stored provider code does: by the installed package name. */
const load = createRequire(__filename);

const CRUD = ["check", "diff", "create", "read", "update", "delete"] as const;

describe("paths stored in deployed state", () => {
  it.each(ALL_FILES)("dist/provider/resources/%s exports a handler with every CRUD method", (file) => {
    const mod = load(`pulumi-gravityzone/dist/provider/resources/${file}`) as { handler?: unknown };
    expect(typeof mod.handler, "handler").toBe("object");
    const handler = mod.handler as Record<string, unknown>;
    for (const m of CRUD) expect(typeof handler[m], `${file}.handler.${m}`).toBe("function");
  });

  it("dist/provider/settings exports configureProvider, which accepts a config getter", () => {
    const mod = load("pulumi-gravityzone/dist/provider/settings") as { configureProvider?: unknown };
    expect(typeof mod.configureProvider).toBe("function");
    expect(() => (mod.configureProvider as (get: (k: string) => undefined) => void)(() => undefined)).not.toThrow();
  });

  it("the 0.1.0 fixture stack requires only these two kinds of path", () => {
    const stack = fs.readFileSync(path.join(__dirname, "../fixtures/upgrade-0.1.0/stack.json"), "utf8");
    const required = new Set([...stack.matchAll(/require\((.*?)\)/g)].map((m) => m[1]));
    expect([...required].sort()).toEqual([
      '\\"pulumi-gravityzone/dist/provider/settings\\"',
      "`pulumi-gravityzone/dist/provider/resources/${file}`",
    ]);
    const files = new Set(
      [...stack.matchAll(/"type": "pulumi-nodejs:dynamic\/gravityzone:(\w+)"/g)].map((m) => kebab(m[1]!)),
    );
    for (const f of files) expect(SHIPPED_IN_0_1_0 as readonly string[]).toContain(f);
    const types = new Set([...stack.matchAll(/"type": "(pulumi-nodejs:dynamic\/gravityzone:\w+)"/g)].map((m) => m[1]));
    for (const t of types) expect(RESOURCE_KINDS.map((k) => RESOURCES[k].type)).toContain(t);
  });
});

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c, i: number) => (i === 0 ? "" : "-") + c.toLowerCase());
}
