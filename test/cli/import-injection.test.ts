/**
 * Tenant text is data, never code: names read from a tenant that try to end a comment or a string in
 * the generated program (newlines, U+2028, U+2029, carriage returns, quotes, backslashes, lone
 * surrogates, terminal escapes) are written as escapes. The program is compiled and run in a sandbox:
 * the payload hidden in the names never runs, and every name reads back exactly.
 */
import * as vm from "node:vm";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { assignNames, Ref, type ImportedObject } from "../../provider/cli/model";
import { commentText, jsString, renderProgram } from "../../provider/cli/program-writer";

const PAYLOAD = "globalThis.pwned = (globalThis.pwned ?? 0) + 1;";

/** Names that end a `//` comment or a string literal, each followed by the payload. */
const HOSTILE = [
  `Acme\n${PAYLOAD}`,
  `Acme\r${PAYLOAD}`,
  `Acme\r\n${PAYLOAD}`,
  `Acme\u2028${PAYLOAD}`,
  `Acme\u2029${PAYLOAD}`,
  `Acme\u0085${PAYLOAD}`,
  `Acme"; ${PAYLOAD} //`,
  `Acme\\"; ${PAYLOAD} //`,
  `Acme*/ ${PAYLOAD} /*`,
  `Acme\`; ${PAYLOAD} \``,
  `Acme\ud800\n${PAYLOAD}`,
  `Acme\u001b[2J\u001b]0;title\u0007\n${PAYLOAD}`,
];

const id = (n: number) => n.toString(16).padStart(24, "0");

function programFor(name: string): string {
  const company: ImportedObject = {
    key: "company:a",
    type: "Company",
    gzId: id(1),
    companyId: id(1),
    baseName: "acme",
    title: `company "${name}"`,
    inputs: { name, type: "customer", parentId: id(9), adopt: true },
    notes: [`GravityZone calls it ${name}.`, `  ${name}`],
    fieldNotes: { parentId: name },
  };
  const group: ImportedObject = {
    key: "group:g",
    type: "CustomGroup",
    gzId: id(2),
    companyId: id(1),
    baseName: "acme-servers",
    title: `custom group "${name}"`,
    inputs: { name, parentId: new Ref("company:a", id(1)), adopt: true },
    notes: [],
    problem: `the resource refuses ${name}`,
  };
  const objects = [company, group];
  assignNames(objects);
  return renderProgram({
    header: [`Imported from ${name}.`],
    objects,
    companies: [{ id: id(1), name }],
    comments: [{ kind: "groups", companyId: id(1), lines: [name] }],
  });
}

/** Compiles and runs the program with a stub SDK; returns the names the resources were given. */
function run(program: string): { pwned: unknown; declared: string[] } {
  const js = ts.transpileModule(program, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  const declared: string[] = [];
  const resource = class {
    readonly id = "id";
    constructor(_name: string, args: { name?: string }) {
      if (args.name !== undefined) declared.push(args.name);
    }
  };
  const modules: Record<string, unknown> = {
    "pulumi-gravityzone": { Company: resource, CustomGroup: resource },
    "@pulumi/pulumi": { Config: class {} },
  };
  const sandbox: Record<string, unknown> = { exports: {}, require: (m: string) => modules[m] };
  vm.runInNewContext(js, sandbox);
  return { pwned: (sandbox as { pwned?: unknown }).pwned, declared };
}

describe("hostile tenant text in the generated program", () => {
  it.each(HOSTILE.map((n) => [JSON.stringify(n), n] as const))(
    "%s never runs, and the name reads back exactly",
    (_shown, name) => {
      const program = programFor(name);
      // eslint-disable-next-line no-control-regex -- the escape character is what must not appear
      for (const line of program.split("\n")) expect(line).not.toMatch(/[\u2028\u2029\r\u0085\u001b]/);
      const { pwned, declared } = run(program);
      expect(pwned).toBeUndefined();
      expect(declared).toEqual([name]);
    },
  );

  it("escapes every line terminator in comment text and string literals", () => {
    for (const name of HOSTILE) {
      expect(commentText(name)).not.toMatch(/[\n\r\u2028\u2029\u0085]/);
      expect(JSON.parse(jsString(name))).toBe(name);
      expect(jsString(name)).not.toMatch(/[\n\r\u2028\u2029]/);
    }
  });
});
