/**
 * `pulumi-gravityzone import`: reads a tenant through the client, checks every declaration against
 * its resource's own input validation, links references, names the resources, and writes the program
 * (or, with `--dry-run`, prints what it would write).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { GravityZoneClient } from "../client";
import { sameValue, type ResourceHandler } from "../framework/handler";
import { perResource } from "../registry";
import {
  assignNames,
  KIND_OF,
  KINDS,
  linkReferences,
  resolvedInputs,
  slugify,
  type ImportedObject,
  type Kind,
  type ResourceType,
} from "./model";
import { commentText, jsString, projectFiles, renderProgram } from "./program-writer";
import { toObjects, type SecretPlaceholder } from "./tenant-objects";
import { readTenant, type TenantSnapshot } from "./tenant-reader";

/** The handler of each resource class (their `check` validates the generated inputs). */
export const HANDLERS: Readonly<Record<ResourceType, ResourceHandler>> = perResource((e) => e.handler);

/** Options of {@link runImport}. */
export interface ImportOptions {
  accessUrl: string;
  apiKey: string;
  /** Divides the rate-limit windows (a time-scaled emulator only). */
  rateLimitScale?: number;
  /** Import these companies (each on its own, not the companies below it). */
  companies?: readonly string[];
  /** Import the companies under this one (default: the key's own company). */
  parent?: string;
  kinds: ReadonlySet<Kind>;
  /** A directory, a `.ts` file, or `-` for standard output. Required unless `dryRun`. */
  out?: string;
  dryRun?: boolean;
  /** Overwrite an existing index.ts / output file. */
  force?: boolean;
  /** Print secrets GravityZone returns (the push authorization) in the set-up commands. */
  showSecrets?: boolean;
  /** No progress lines. */
  quiet?: boolean;
  /** Where the program (with `--out -`) and the dry-run table go. */
  stdout?: (text: string) => void;
  /** Where progress, warnings and next steps go. */
  stderr?: (text: string) => void;
}

/** What an import did. */
export interface ImportResult {
  snapshot: TenantSnapshot;
  objects: ImportedObject[];
  program: string;
  secrets: SecretPlaceholder[];
  /** Files written (absolute paths); empty for a dry run or standard output. */
  written: string[];
}

/** Checks each object's inputs with its resource's `check`; sets `problem` on those that fail or would be changed by it. */
export async function validateObjects(objects: ImportedObject[]): Promise<void> {
  for (const o of objects) {
    if (o.problem !== undefined) continue;
    const given = resolvedInputs(o, () => "placeholder-secret");
    const { inputs, failures } = await HANDLERS[o.type].check({}, given);
    if (failures && failures.length > 0) {
      o.problem = `the resource refuses what GravityZone reports: ${failures.map((f) => f.reason).join("; ")}`;
      continue;
    }
    const changed = Object.keys(given).filter((k) => !sameValue((inputs as Record<string, unknown>)[k], given[k]));
    if (changed.length > 0)
      o.problem = `the resource would normalise ${changed.join(", ")} to another value than GravityZone reports`;
  }
}

/** The scope in words: `the companies under "Northwind MSP" (…)`, `the company "Contoso" (…)`. */
function scopeText(snap: TenantSnapshot): string {
  if (snap.scope.mode === "parent") return `the companies under ${jsString(snap.scope.name)} (${snap.scope.id})`;
  const list = snap.scope.companies.map((c) => `${jsString(c.name)} (${c.id})`);
  return list.length === 1
    ? `the company ${list[0]}`
    : `the companies ${list.slice(0, -1).join(", ")} and ${list[list.length - 1]}`;
}

/** The header comment of the program. */
function headerOf(snap: TenantSnapshot, kinds: ReadonlySet<Kind>, objects: ImportedObject[]): string[] {
  const scope = scopeText(snap);
  const declared = objects.filter((o) => o.problem === undefined).length;
  return [
    `GravityZone objects imported by \`pulumi-gravityzone import\` from ${scope}: ${declared} declared (${[...kinds].join(", ")}).`,
    "",
    "Every object is adopted (adopt: true): the first `pulumi up` takes it over without creating or " +
      "changing anything, and `pulumi preview --expect-no-changes` passes right after. From then on this " +
      "program is the truth: edit it and run `pulumi up`.",
    "",
    "Companies are protected from deletion (deletionProtection: true). Ids of objects outside the program" +
      " (endpoints, policies, the API key's company) are literal. Read the comments: they say what could " +
      "not be read or declared.",
  ];
}

/** The per-kind summary table. */
export function summaryTable(objects: ImportedObject[], kinds: ReadonlySet<Kind>): string {
  const rows: [string, string, string][] = [["kind", "declared", "not declared"]];
  let total = 0;
  let skipped = 0;
  for (const kind of KINDS) {
    if (!kinds.has(kind)) continue;
    const mine = objects.filter((o) => KIND_OF[o.type] === kind);
    const bad = mine.filter((o) => o.problem !== undefined).length;
    rows.push([kind, String(mine.length - bad), String(bad)]);
    total += mine.length - bad;
    skipped += bad;
  }
  rows.push(["total", String(total), String(skipped)]);
  const w = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
  return `${rows.map((r) => `${r[0].padEnd(w[0]!)}  ${r[1].padStart(w[1]!)}  ${r[2].padStart(w[2]!)}`.trimEnd()).join("\n")}\n`;
}

/** A path as the user would type it: relative to the working directory when below it. */
function shown(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel === "" ? "." : rel.startsWith("..") || path.isAbsolute(rel) ? file : rel;
}

/** A shell word for `s` (single-quoted unless plain). */
function shellQuote(s: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Where the program goes: standard output, one `.ts` file, or a directory (a new project when it is new or empty). */
type OutputTarget =
  { kind: "stdout" } | { kind: "file"; path: string } | { kind: "dir"; path: string; newProject: boolean };

function outputTarget(out: string, force: boolean): OutputTarget {
  if (out === "-") return { kind: "stdout" };
  const full = path.resolve(out);
  if (out.endsWith(".ts")) {
    if (fs.existsSync(full) && !force) throw new UsageError(`${out} exists: pass --force to overwrite it`);
    return { kind: "file", path: full };
  }
  if (fs.existsSync(full) && !fs.statSync(full).isDirectory())
    throw new UsageError(`${out} is not a directory (a .ts file name writes just the program)`);
  const newProject = !fs.existsSync(full) || fs.readdirSync(full).length === 0;
  if (fs.existsSync(path.join(full, "index.ts")) && !force)
    throw new UsageError(`${path.join(out, "index.ts")} exists: pass --force to overwrite it, or give a .ts file name`);
  return { kind: "dir", path: full, newProject };
}

/** Runs the import. */
export async function runImport(options: ImportOptions): Promise<ImportResult> {
  const stdout = options.stdout ?? ((t: string) => process.stdout.write(t));
  const stderr = options.stderr ?? ((t: string) => process.stderr.write(t));
  // Progress lines carry tenant names: shown with control characters escaped (no terminal escapes).
  const progress = options.quiet ? undefined : (line: string) => stderr(`${commentText(line)}\n`);
  if (!options.dryRun && options.out === undefined)
    throw new UsageError("--out is required (a directory, a .ts file, or - for standard output), unless --dry-run");
  // Refuse an output that cannot be written before spending rate-limited calls on reading.
  const target = options.dryRun ? undefined : outputTarget(options.out!, options.force ?? false);

  const client = new GravityZoneClient({
    accessUrl: options.accessUrl,
    apiKey: options.apiKey,
    rateLimitScale: options.rateLimitScale,
  });
  const started = Date.now();
  const snapshot = await readTenant(client, {
    companies: options.companies,
    parent: options.parent,
    kinds: options.kinds,
    progress,
  });
  const { objects, comments, secrets } = toObjects(snapshot, options.kinds);
  await validateObjects(objects);
  linkReferences(objects);
  assignNames(objects);
  const companies = snapshot.companies.map((c) => ({ id: c.details.id, name: c.details.name }));
  const program = renderProgram({ header: headerOf(snapshot, options.kinds, objects), objects, comments, companies });
  const limited = client.stats.rateLimited;
  progress?.(
    `read in ${((Date.now() - started) / 1000).toFixed(1)} s with ${client.stats.requests} API calls${limited > 0 ? ` (${limited} answered 429 and retried)` : ""}`,
  );

  for (const o of objects.filter((x) => x.problem !== undefined))
    stderr(commentText(`warning: ${o.title} is written commented out: ${o.problem}`) + "\n");

  const written: string[] = [];
  if (options.dryRun) {
    stdout(summaryTable(objects, options.kinds));
    stdout(
      options.out === undefined ? "(dry run: nothing written)\n" : `(dry run: nothing written to ${options.out})\n`,
    );
    return { snapshot, objects, program, secrets, written };
  }

  if (target!.kind === "stdout") {
    stdout(program);
  } else if (target!.kind === "file") {
    fs.mkdirSync(path.dirname(target!.path), { recursive: true });
    fs.writeFileSync(target!.path, program);
    written.push(target!.path);
  } else {
    const dir = target!.path;
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "index.ts"), program);
    written.push(path.join(dir, "index.ts"));
    if (target!.newProject) {
      const projectName = slugify(path.basename(dir), "gravityzone-tenant");
      const files = projectFiles({
        projectName,
        description: `GravityZone objects of ${scopeText(snapshot).replace(/ \([0-9a-fA-F]{24}\)/g, "")}, imported by pulumi-gravityzone import`,
      });
      for (const [name, text] of Object.entries(files)) {
        fs.writeFileSync(path.join(dir, name), text);
        written.push(path.join(dir, name));
      }
    }
  }
  stderr(summaryTable(objects, options.kinds));
  if (written.length > 0) stderr(`wrote ${written.map(shown).join(", ")}\n`);
  stderr(nextSteps(options, objects, secrets, written));
  return { snapshot, objects, program, secrets, written };
}

function nextSteps(
  options: ImportOptions,
  objects: ImportedObject[],
  secrets: SecretPlaceholder[],
  written: string[],
): string {
  const declared = objects.filter((o) => o.problem === undefined).length;
  const dir = written.length > 0 ? path.dirname(written[0]!) : undefined;
  const lines = ["", "Next:"];
  if (dir && written.some((f) => f.endsWith("package.json")))
    lines.push(`  cd ${shellQuote(shown(dir))} && npm install`);
  lines.push("  pulumi stack init <stack>");
  lines.push(`  pulumi config set gravityzone:accessUrl ${shellQuote(options.accessUrl)}`);
  lines.push("  pulumi config set --secret gravityzone:apiKey            # prompts for the key");
  for (const s of secrets) {
    if (s.value !== undefined && options.showSecrets)
      lines.push(`  pulumi config set --secret ${s.configKey} ${shellQuote(s.value)}`);
    else if (s.value !== undefined) {
      lines.push(
        `  pulumi config set --secret ${s.configKey} <value>       # ${s.what}: exactly the value GravityZone holds now`,
      );
      lines.push(
        "      (GravityZone returns it: run the import again with --show-secrets to print this command with the value)",
      );
    } else
      lines.push(
        `  pulumi config set --secret ${s.configKey} <value>       # ${s.what}: GravityZone does not show it; the first up writes it once`,
      );
  }
  lines.push(
    `  pulumi up                              # adopts the ${declared} object${declared === 1 ? "" : "s"}: no creates, no changes to the tenant`,
  );
  lines.push("  pulumi preview --expect-no-changes");
  return `${lines.join("\n")}\n`;
}

/** A mistake in the command line or the output path (exit code 2). */
export class UsageError extends Error {}
