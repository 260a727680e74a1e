/**
 * The method catalogue against itself and against the emulator: every method the emulator answers is
 * catalogued (and the other way round), every entry names the reference page(s) it was transcribed from
 * or says what it assumes, and the emulator accepts each documented example request's parameters.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CATALOGUE, catalogueEntry } from "../../emulator/catalogue/index";
import { MODULES } from "../../emulator/methods/index";
import { withFidelityTable } from "../../emulator/catalogue/table";
import type { ApiVersion } from "../../emulator/methods/registry";
import type { RunningEmulator } from "../../emulator/index";
import { rpc, start } from "../emulator/helpers";

const REFERENCE_PAGE =
  /^https:\/\/(www\.)?(bitdefender\.com\/business\/support\/en|bitdefender-cn\.com\/help\/en)\/772(09|11|12)-\d+-[a-z0-9-]+\.html$/;

describe("catalogue", () => {
  it("documents every method and version the emulator answers, and the emulator answers every catalogued one", () => {
    const missing: string[] = [];
    for (const [module, methods] of Object.entries(MODULES)) {
      for (const [method, spec] of Object.entries(methods)) {
        for (const v of Object.keys(spec.versions) as ApiVersion[])
          if (!catalogueEntry(module, method, v)) missing.push(`${module}.${method}@${v}`);
      }
    }
    const unanswered = CATALOGUE.flatMap((e) =>
      e.versions
        .filter((v) => MODULES[e.module]?.[e.method]?.versions[v] === undefined)
        .map((v) => `${e.module}.${e.method}@${v}`),
    );
    expect(missing).toEqual([]);
    expect(unanswered).toEqual([]);
  });

  it("cites a reference page for every entry, and says what it assumes where it is not verified", () => {
    for (const e of CATALOGUE) {
      const name = `${e.module}.${e.method}`;
      for (const page of e.pages) expect(page, name).toMatch(REFERENCE_PAGE);
      if (e.fidelity === "verified") expect(e.pages.length, `${name} is verified but cites no page`).toBeGreaterThan(0);
      else expect(e.assumptions.length, `${name} is assumed but says nothing about what`).toBeGreaterThan(0);
    }
  });

  it("the emulator README's fidelity table is the one the catalogue renders (run node scripts/fidelity-table.cjs)", () => {
    const readme = fs.readFileSync(path.join(__dirname, "../../emulator/README.md"), "utf8");
    expect(readme).toBe(withFidelityTable(readme));
  });

  it("names each parameter with a type and a description", () => {
    for (const e of CATALOGUE) {
      for (const [p, doc] of Object.entries(e.params)) {
        expect(doc.doc.length, `${e.module}.${e.method} ${p}`).toBeGreaterThan(0);
        expect(typeof doc.required, `${e.module}.${e.method} ${p}`).toBe("boolean");
      }
    }
  });
});

describe("documented example requests", () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await start();
  });
  afterAll(async () => {
    await emu.close();
  });

  const examples = CATALOGUE.filter((e) => e.exampleRequest !== undefined);

  it("covers the examples the reference gives", () => {
    expect(examples.length).toBeGreaterThan(10);
  });

  // Ids in the examples name objects the emulator's tenant does not have (some are masked with
  // "****"): a refusal of a value is fine; a refusal of the request's shape is not.
  it.each(examples.map((e) => [`${e.module}.${e.method}@${e.versions[0]}`, e] as const))(
    "%s: parameters accepted as documented",
    async (_name, e) => {
      const service = e.module === "quarantine" ? "computers" : undefined;
      const a = await rpc(emu, e.module, e.method, e.exampleRequest, { version: e.versions[0], service });
      expect(a.status).toBe(200);
      const details: string = a.json?.error?.data?.details ?? "";
      expect(details).not.toMatch(/is not expected|Missing required parameter/);
      expect(a.json?.error?.code).not.toBe(-32601);
    },
  );
});
