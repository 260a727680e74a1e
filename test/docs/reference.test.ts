/**
 * The reference docs against the code, so that they cannot drift apart:
 *
 * - each resource module's page (`docs/resources/<file>.md`) lists exactly the inputs of its schema,
 *   says which are required as `check` does, and marks "replace", "refused" and "no API call" exactly
 *   where the handler's rules say so; its Outputs table lists exactly the output-only fields a create
 *   and a read on the emulator return;
 * - `docs/data-sources.md` names every data source the package exports;
 * - the README's configuration section names every `gravityzone:*` key and environment variable the
 *   settings read;
 * - every relative link in README.md, CONTRIBUTING.md and docs/ points to a file (and heading) that exists;
 * - the README stays a guide (at most 300 lines).
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handlerRules, type HandlerRules, type ResourceHandler } from "../../provider/framework/handler";
import * as gravityzone from "../../provider/index";
import { RESOURCES } from "../../provider/registry";
import { resolveSettings } from "../../provider/settings";
import { checkedInputs, startProviderEnv, type ProviderEnv } from "../helpers/provider-env";

const ROOT = path.join(__dirname, "../..");
const RESOURCES_DIR = path.join(ROOT, "provider/resources");
const read = (rel: string) => fs.readFileSync(path.join(ROOT, rel), "utf8");

/** A resource module: its file name (without `.ts`), handler and the handler's rules. */
interface ResourceModule {
  file: string;
  handler: ResourceHandler;
  rules: HandlerRules;
}

/** Every registered resource (provider/registry.ts): its file, handler and the handler's rules. */
async function resourceModules(): Promise<ResourceModule[]> {
  return Object.values(RESOURCES)
    .map(({ file, handler }) => {
      const rules = handlerRules(handler);
      if (rules === undefined) throw new Error(`${file}: its handler was not built by defineHandler`);
      return { file, handler, rules };
    })
    .sort((a, b) => a.file.localeCompare(b.file));
}

/** Every module in provider/resources/ that exports a handler: each must be registered. */
async function handlerFiles(): Promise<string[]> {
  const out: string[] = [];
  for (const name of fs.readdirSync(RESOURCES_DIR).sort()) {
    if (!name.endsWith(".ts")) continue;
    const mod = (await import(path.join(RESOURCES_DIR, name))) as { handler?: ResourceHandler };
    if (mod.handler !== undefined) out.push(name.slice(0, -3));
  }
  return out;
}

/** The text of a Markdown section (`## Title` up to the next heading of that level or higher). */
function section(md: string, title: string, level = 2): string {
  const lines = md.split("\n");
  const marks = "#".repeat(level);
  const start = lines.findIndex((l) => l === `${marks} ${title}`);
  if (start < 0) return "";
  let end = lines.length;
  for (let i = start + 1; i < lines.length; i++) {
    const m = /^(#+) /.exec(lines[i]!);
    if (m && m[1]!.length <= level) {
      end = i;
      break;
    }
  }
  return lines.slice(start + 1, end).join("\n");
}

/** The cells of a Markdown table row (`\|` inside a cell is not a separator). */
function cells(row: string): string[] {
  return row
    .trim()
    .replace(/^\|/, "")
    .replace(/\|$/, "")
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());
}

/** The rows (as cells) of the first table in `text` whose first header cell is `first`. */
function table(text: string, first: string): string[][] {
  const lines = text.split("\n");
  const head = lines.findIndex((l) => l.startsWith("|") && cells(l)[0] === first);
  if (head < 0) return [];
  const rows: string[][] = [];
  for (const l of lines.slice(head + 2)) {
    if (!l.startsWith("|")) break;
    rows.push(cells(l));
  }
  return rows;
}

/** The name in a table's first cell: `` `name` `` → name. */
function nameOf(cell: string): string {
  const m = /^`([^`]+)`$/.exec(cell);
  if (!m) throw new Error(`not a \`name\` cell: ${cell}`);
  return m[1]!;
}

/** What the "on change" cell says a change does. */
function changeKind(cell: string): "replace" | "refused" | "local" | "in place" | undefined {
  if (cell.startsWith("**replace**")) return "replace";
  if (cell.startsWith("**refused**")) return "refused";
  if (cell.startsWith("no API call")) return "local";
  if (cell.startsWith("in place")) return "in place";
  return undefined;
}

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

/** Inputs that create one object of each resource on the emulator's default tenant. */
function sampleInputs(type: string, env: ProviderEnv): Record<string, unknown> {
  const s = env.emu.state;
  switch (type) {
    case "Company":
      return { name: "Docs Reference Company", deletionProtection: false };
    case "CustomGroup":
      return { name: "Docs Reference Group" };
    case "InstallationPackage":
      return { packageName: "Docs Reference Package" };
    case "Account":
      return { email: "docs.reference@example.com", profile: { fullName: "Docs Reference" }, role: "reporter" };
    case "PushEventSettings":
      return { serviceType: "splunk", url: "https://siem.example.com/collector", eventTypes: ["av"], adopt: true };
    case "BlocklistEntry":
      return { hash: sha256("docs reference entry"), sourceInfo: "docs reference" };
    case "Blocklist":
      return { hashType: "sha256", hashes: [sha256("docs reference list")], sourceInfo: "docs reference list" };
    case "PolicyAssignment": {
      const policy = Object.values(s.policies).find((p) => p.companyId === s.rootCompanyId && !p.isDefault);
      const endpoint = Object.values(s.endpoints).find((e) => e.isManaged);
      return { policyId: policy!.id, targetIds: [endpoint!.id], adopt: true };
    }
    default:
      throw new Error(`no sample inputs for ${type}: add them here`);
  }
}

let modules: ResourceModule[];
let env: ProviderEnv;

beforeAll(async () => {
  modules = await resourceModules();
  env = await startProviderEnv({ seed: "default" });
});
afterAll(() => env.close());

describe("resource pages", () => {
  it("every resource module with a handler is registered, and the registry has no other", async () => {
    expect(modules.map((m) => m.file).sort()).toEqual((await handlerFiles()).sort());
  });

  it("there is one resource module per exported resource class", () => {
    const classes = (Object.values(gravityzone) as unknown[]).filter(
      (v): v is { __pulumiType: string } => typeof v === "function" && "__pulumiType" in v,
    );
    expect(modules.map((m) => m.rules.type).sort()).toEqual(
      classes.map((c) => c.__pulumiType.replace("pulumi-nodejs:dynamic/gravityzone:", "")).sort(),
    );
  });

  it("each page's Inputs table lists exactly the schema's inputs, with the handler's change rules and check's required ones", async () => {
    for (const { file, handler, rules } of modules) {
      const page = `docs/resources/${file}.md`;
      expect(fs.existsSync(path.join(ROOT, page)), `${page} exists`).toBe(true);
      const rows = table(section(read(page), "Inputs"), "input");
      expect(rows.length, `${page}: an Inputs table`).toBeGreaterThan(0);
      const byField = new Map<string, string[][]>();
      for (const row of rows) {
        const field = nameOf(row[0]!).split(".")[0]!;
        byField.set(field, [...(byField.get(field) ?? []), row]);
      }
      expect([...byField.keys()].sort(), `${page}: inputs`).toEqual([...rules.fields].sort());

      // check({}, {}) fails on every required input, and only on those.
      const { failures } = await handler.check({}, {});
      const required = new Set((failures ?? []).map((f) => f.property));
      for (const [field, fieldRows] of byField) {
        const expected = rules.replaceOn.includes(field)
          ? "replace"
          : rules.fixed.includes(field)
            ? "refused"
            : rules.local.includes(field)
              ? "local"
              : "in place";
        const top = fieldRows.find((r) => !r[0]!.includes(".")) ?? fieldRows[0]!;
        const [, , req, , change] = top;
        // "one of …" (exactly one of several inputs) is checked by the schema as a whole.
        if (!req!.startsWith("one of")) {
          expect(req, `${page}: ${field} required`).toBe(required.has(field) ? "required" : "optional");
        }
        for (const row of fieldRows) {
          expect(changeKind(row[4]!), `${page}: ${row[0]} on change`).toBe(expected);
          // "in place" with some changes refused is only true of handlers that refuse by value.
          if (expected === "in place" && row[4]!.includes("**refused**"))
            expect(rules.refusesByValue, `${page}: ${row[0]} says some changes are refused`).toBe(true);
        }
        expect(change).toBeDefined();
      }
    }
  });

  it("each page's Outputs table lists exactly the output-only fields a create and a read return", async () => {
    for (const { file, handler, rules } of modules) {
      const page = `docs/resources/${file}.md`;
      const documented = table(section(read(page), "Outputs"), "output").map((r) => nameOf(r[0]!));
      const inputs = await checkedInputs(handler, sampleInputs(rules.type, env));
      const created = await handler.create(inputs);
      const refreshed = await handler.read(created.id, created.outs);
      const seen = new Set([...Object.keys(created.outs ?? {}), ...Object.keys(refreshed.props ?? {})]);
      const outputOnly = [...seen].filter((k) => !rules.fields.includes(k) && k !== "__provider");
      expect(documented.sort(), `${page}: outputs`).toEqual(outputOnly.sort());
    }
  }, 120_000);
});

describe("data sources", () => {
  it("docs/data-sources.md names every exported get* function", () => {
    const md = read("docs/data-sources.md");
    const getters = Object.entries(gravityzone)
      .filter(([name, v]) => /^get[A-Z]/.test(name) && typeof v === "function")
      .map(([name]) => name);
    expect(getters.length).toBeGreaterThan(0);
    for (const name of getters) expect(md, `${name} in docs/data-sources.md`).toContain(`\`${name}\``);
  });
});

describe("README", () => {
  const readme = read("README.md");

  it("is at most 300 lines", () => {
    expect(readme.split("\n").length - (readme.endsWith("\n") ? 1 : 0)).toBeLessThanOrEqual(300);
  });

  it("names every gravityzone:* key and environment variable the settings read in its configuration section", () => {
    const keys: string[] = [];
    const vars: string[] = [];
    const env = new Proxy({} as NodeJS.ProcessEnv, {
      get: (_t, p) => {
        if (typeof p === "string") vars.push(p);
        return undefined;
      },
    });
    resolveSettings((k) => {
      keys.push(k);
      return undefined;
    }, env);
    expect(keys.length).toBeGreaterThan(0);
    const config = section(readme, "Configuration");
    for (const k of keys) expect(config, `${k} in the README's configuration`).toContain(`\`${k}\``);
    for (const v of vars) expect(config, `${v} in the README's configuration`).toContain(`\`${v}\``);
  });
});

describe("links", () => {
  function markdownFiles(dir: string): string[] {
    return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
      const rel = path.join(dir, e.name);
      if (e.isDirectory()) return markdownFiles(rel);
      return e.name.endsWith(".md") ? [rel] : [];
    });
  }

  /** The anchors of a Markdown file's headings, as GitHub makes them. */
  function anchors(file: string): Set<string> {
    return new Set(
      read(file)
        .split("\n")
        .filter((l) => /^#+ /.test(l))
        .map((l) =>
          l
            .replace(/^#+ /, "")
            .trim()
            .toLowerCase()
            .replace(/[^\p{L}\p{N}_\- ]/gu, "")
            .replace(/ /g, "-"),
        ),
    );
  }

  it("every relative link in README.md, CONTRIBUTING.md and docs/ points to a file (and heading) that exists", () => {
    const files = ["README.md", "CONTRIBUTING.md", ...markdownFiles("docs")];
    const broken: string[] = [];
    for (const file of files) {
      for (const m of read(file).matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = m[1]!;
        if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
        const [rel, anchor] = target.split("#") as [string, string | undefined];
        const linked = rel === "" ? file : path.join(path.dirname(file), decodeURIComponent(rel));
        if (!fs.existsSync(path.join(ROOT, linked))) broken.push(`${file}: ${target}`);
        else if (anchor !== undefined && linked.endsWith(".md") && !anchors(linked).has(anchor))
          broken.push(`${file}: ${target} (no such heading)`);
      }
    }
    expect(broken).toEqual([]);
  });
});
