/**
 * Writes the imported objects as a TypeScript Pulumi program: one section per kind, companies before
 * what refers to them, `<variable>.id` for references, `config.requireSecret(…)` for secrets, and
 * objects that cannot be declared as read written commented out with the reason. The output is
 * deterministic (no dates), so importing the same tenant twice gives the same file.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { ConfigSecret, KIND_OF, KINDS, Ref, referencesOf, type ImportedObject, type Kind, type Value } from "./model";

/** Comment lines placed at the start of a company's part of a section. */
export interface SectionComment {
  kind: Kind;
  /** The company the lines are about (undefined: the section's start). */
  companyId?: string;
  lines: string[];
}

/** What {@link renderProgram} writes. */
export interface ProgramSpec {
  /** Comment lines at the top of the file. */
  header: string[];
  /** The objects, named (see `assignNames`), in the order to write them within each kind. */
  objects: ImportedObject[];
  /** Extra comments. */
  comments?: SectionComment[];
  /** The companies in section order, with their names for sub-headings. */
  companies: { id: string; name: string }[];
}

const SECTION_TITLES: Readonly<Record<Kind, string>> = {
  companies: "Companies",
  groups: "Custom groups",
  packages: "Installation packages",
  accounts: "Console accounts",
  push: "Event push (SIEM) settings",
  blocklist: "Blocklist",
  assignments: "Policy assignments",
};

const WIDTH = 120;
const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * Characters that must never reach the program as they are: C0/C1 controls (line feeds among them),
 * U+2028 and U+2029 (line terminators to JavaScript, which would end a `//` comment) and lone surrogates.
 */
const UNSAFE =
  // Control characters are exactly what this pattern exists to find.
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001f\u007f-\u009f\u2028\u2029]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const escapeUnit = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;

/**
 * A string literal for any text read from a tenant: JSON's escaping, plus U+2028, U+2029 and lone
 * surrogates escaped, so the literal is one line and means exactly the text.
 */
export function jsString(s: string): string {
  return JSON.stringify(s).replace(UNSAFE, escapeUnit);
}

/**
 * Text for a `//` comment: every character that could end the line (or hide one) is shown as an
 * escape, so nothing after `//` can ever become code.
 */
export function commentText(s: string): string {
  return s.replace(UNSAFE, escapeUnit);
}

const keyText = (k: string) => (IDENT.test(k) ? k : jsString(k));

/** A value on one line (references as `<variable>.id`). */
export function renderInline(v: Value, vars: ReadonlyMap<string, string> = new Map()): string {
  if (v instanceof Ref) return `${vars.get(v.key) ?? jsString(v.id)}${vars.has(v.key) ? ".id" : ""}`;
  if (v instanceof ConfigSecret) return `config.requireSecret(${jsString(v.configKey)})`;
  if (v === null) return "null";
  if (Array.isArray(v)) return `[${v.map((x) => renderInline(x, vars)).join(", ")}]`;
  if (typeof v === "object") {
    const entries = Object.entries(v);
    return entries.length === 0
      ? "{}"
      : `{ ${entries.map(([k, x]) => `${keyText(k)}: ${renderInline(x, vars)}`).join(", ")} }`;
  }
  return typeof v === "string" ? jsString(v) : String(v);
}

/** A value starting at column `indent`, broken over lines when it does not fit. */
export function renderValue(v: Value, indent: number, vars: ReadonlyMap<string, string> = new Map()): string {
  const inline = renderInline(v, vars);
  if (
    indent + inline.length <= WIDTH - 20 ||
    v instanceof Ref ||
    v instanceof ConfigSecret ||
    v === null ||
    typeof v !== "object"
  )
    return inline;
  const pad = " ".repeat(indent + 2);
  const end = " ".repeat(indent);
  if (Array.isArray(v)) return `[\n${v.map((x) => `${pad}${renderValue(x, indent + 2, vars)},`).join("\n")}\n${end}]`;
  return `{\n${Object.entries(v)
    .map(([k, x]) => `${pad}${keyText(k)}: ${renderValue(x, indent + 2, vars)},`)
    .join("\n")}\n${end}}`;
}

/**
 * Comment lines (`// …`): each entry is a paragraph wrapped at the page width, except entries starting
 * with two spaces, which are kept as they are (code, lists).
 */
export function commentLines(paragraphs: readonly string[], indent = ""): string[] {
  const out: string[] = [];
  for (const raw of paragraphs) {
    const p = commentText(raw);
    if (p === "") {
      out.push(`${indent}//`);
      continue;
    }
    if (p.startsWith("  ")) {
      out.push(`${indent}// ${p}`);
      continue;
    }
    let cur = "";
    for (const w of p.trim().split(/\s+/)) {
      if (cur !== "" && indent.length + 3 + cur.length + 1 + w.length > WIDTH) {
        out.push(`${indent}// ${cur}`);
        cur = w;
      } else cur = cur === "" ? w : `${cur} ${w}`;
    }
    out.push(`${indent}// ${cur}`);
  }
  return out;
}

/** The declaration of one object (commented out when it has a problem). */
export function renderObject(o: ImportedObject, vars: ReadonlyMap<string, string>, declareVariable: boolean): string[] {
  if (o.name === undefined || o.varName === undefined) throw new Error(`${o.title}: names not assigned`);
  const body: string[] = [];
  const lead = declareVariable && o.problem === undefined ? `const ${o.varName} = ` : "";
  body.push(`${lead}new gravityzone.${o.type}(${jsString(o.name)}, {`);
  for (const [k, v] of Object.entries(o.inputs)) {
    const note = o.fieldNotes?.[k];
    body.push(`  ${keyText(k)}: ${renderValue(v, 2, vars)},${note ? ` // ${commentText(note)}` : ""}`);
  }
  body.push("});");
  const out = commentLines(o.notes);
  if (o.problem !== undefined) {
    out.push(...commentLines([`Not declared: ${o.problem}`]));
    out.push(...body.flatMap((l) => l.split("\n")).map((l) => `// ${l}`));
  } else out.push(...body);
  return out;
}

function containsSecret(v: Value): boolean {
  if (v instanceof ConfigSecret) return true;
  if (v instanceof Ref || v === null || typeof v !== "object") return false;
  return (Array.isArray(v) ? v : Object.values(v)).some(containsSecret);
}

/** The whole program. */
export function renderProgram(spec: ProgramSpec): string {
  const vars = new Map<string, string>();
  for (const o of spec.objects) if (o.problem === undefined && o.varName) vars.set(o.key, o.varName);
  const referenced = new Set(spec.objects.flatMap((o) => (o.problem === undefined ? referencesOf(o) : [])));
  const usesConfig = spec.objects.some((o) => o.problem === undefined && containsSecret(o.inputs));

  const lines: string[] = [...commentLines(spec.header), ""];
  if (usesConfig) lines.push('import * as pulumi from "@pulumi/pulumi";');
  lines.push('import * as gravityzone from "pulumi-gravityzone";');
  if (usesConfig) lines.push("", "const config = new pulumi.Config();");

  // Section-wide comments and objects of no company (push settings) first.
  const companyIds = [undefined, ...spec.companies.map((c) => c.id)];
  const names = new Map(spec.companies.map((c) => [c.id, c.name]));
  for (const kind of KINDS) {
    const objects = spec.objects.filter((o) => KIND_OF[o.type] === kind);
    const comments = (spec.comments ?? []).filter((c) => c.kind === kind);
    if (objects.length === 0 && comments.length === 0) continue;
    lines.push(
      "",
      `// ${"─".repeat(3)} ${SECTION_TITLES[kind]} ${"─".repeat(Math.max(3, 96 - SECTION_TITLES[kind].length))}`,
    );
    for (const companyId of companyIds) {
      const mine = objects.filter(
        (o) =>
          (o.companyId ?? undefined) === companyId ||
          (companyId === undefined && o.companyId !== undefined && !names.has(o.companyId)),
      );
      const notes = comments.filter((c) => c.companyId === companyId);
      if (mine.length === 0 && notes.length === 0) continue;
      if (kind !== "companies" && companyId !== undefined)
        lines.push("", ...commentLines([names.get(companyId) ?? companyId]));
      for (const n of notes) lines.push(...commentLines(n.lines));
      for (const o of mine) {
        lines.push("");
        const declare = kind === "companies" || kind === "groups" || referenced.has(o.key);
        lines.push(...renderObject(o, vars, declare));
      }
    }
  }
  return `${lines.join("\n")}\n`;
}

/** Options of {@link projectFiles}. */
export interface ProjectFileOptions {
  /** The Pulumi project name. */
  projectName: string;
  /** One line for Pulumi.yaml's description. */
  description: string;
}

/** The package's own version and dependency ranges (from its package.json). */
function ownPackage(): {
  version: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
} {
  for (const rel of ["../../../package.json", "../../package.json"]) {
    const file = path.resolve(__dirname, rel);
    if (!fs.existsSync(file)) continue;
    const pkg = JSON.parse(fs.readFileSync(file, "utf8")) as {
      name?: string;
      version: string;
      dependencies?: Record<string, string>;
      devDependencies?: Record<string, string>;
      peerDependencies?: Record<string, string>;
    };
    if (pkg.name === "pulumi-gravityzone") {
      return {
        version: pkg.version,
        dependencies: pkg.dependencies ?? {},
        devDependencies: pkg.devDependencies ?? {},
        peerDependencies: pkg.peerDependencies ?? {},
      };
    }
  }
  return { version: "0.1.0", dependencies: {}, devDependencies: {}, peerDependencies: {} };
}

/** Pulumi.yaml, package.json and tsconfig.json for a new project holding the program as index.ts. */
export function projectFiles(options: ProjectFileOptions): Record<string, string> {
  const own = ownPackage();
  const pick = (from: Record<string, string>, name: string, fallback: string) => from[name] ?? fallback;
  const packageJson = {
    name: options.projectName,
    version: "0.1.0",
    private: true,
    description: options.description,
    dependencies: {
      // The SDK is a peer dependency: the generated project holds the one copy, in the supported range.
      "@pulumi/pulumi": pick(own.peerDependencies, "@pulumi/pulumi", "^3.0.0"),
      "pulumi-gravityzone": `^${own.version}`,
    },
    devDependencies: {
      "@types/node": pick(own.devDependencies, "@types/node", "^22.0.0"),
      typescript: pick(own.devDependencies, "typescript", "^5.0.0"),
    },
  };
  const tsconfig = {
    compilerOptions: {
      target: "ES2022",
      module: "nodenext",
      moduleResolution: "nodenext",
      strict: true,
      esModuleInterop: true,
      skipLibCheck: true,
    },
    files: ["index.ts"],
  };
  return {
    "Pulumi.yaml": [
      `name: ${options.projectName}`,
      `description: ${jsString(options.description)}`,
      "runtime:",
      "  name: nodejs",
      "main: index.ts",
      "",
    ].join("\n"),
    "package.json": `${JSON.stringify(packageJson, null, 2)}\n`,
    "tsconfig.json": `${JSON.stringify(tsconfig, null, 2)}\n`,
  };
}
