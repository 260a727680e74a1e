/**
 * Concurrency: parallel writes keep names unique and lose nothing (each call is applied atomically
 * and saved before it is answered).
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../emulator/index";
import { GOOD_PASSWORD, rpc, start } from "./helpers";

const dir = mkdtempSync(path.join(tmpdir(), "gz-emu-conc-"));
const file = path.join(dir, "state.json");
let emu: RunningEmulator;
beforeAll(async () => {
  emu = await start({ statePath: file });
});
afterAll(async () => {
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("concurrency", () => {
  it("20 parallel createCompany calls with the same name: exactly one succeeds", async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        rpc(emu, "companies", "createCompany", { type: 1, name: "Race Condition GmbH" }),
      ),
    );
    const won = answers.filter((a) => a.json.result);
    const lost = answers.filter((a) => a.json.error);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(19);
    for (const a of lost)
      expect(a.json.error).toMatchObject({ code: -32602, data: { details: expect.stringMatching(/already exists/) } });
    expect(Object.values(emu.state.companies).filter((c) => c.name === "Race Condition GmbH")).toHaveLength(1);
  });

  it("20 parallel distinct creates: none is lost, in memory or on disk", async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => rpc(emu, "companies", "createCompany", { type: 1, name: `Parallel ${i}` })),
    );
    const ids = answers.map((a) => a.json.result as string);
    expect(new Set(ids).size).toBe(20);
    const saved = JSON.parse(readFileSync(file, "utf8"));
    for (const id of ids) {
      expect(emu.state.companies[id]).toBeDefined();
      expect(saved.companies[id]).toBeDefined();
    }
  });

  it("parallel groups with one name under one parent: one wins; mixed writes all land", async () => {
    const groups = await Promise.all(
      Array.from({ length: 10 }, () => rpc(emu, "network", "createCustomGroup", { groupName: "Same Group" })),
    );
    expect(groups.filter((a) => a.json.result)).toHaveLength(1);
    const mixed = await Promise.all([
      ...Array.from({ length: 8 }, (_, i) => rpc(emu, "packages", "createPackage", { packageName: `Pkg ${i}` })),
      ...Array.from({ length: 8 }, (_, i) =>
        rpc(emu, "accounts", "createAccount", {
          email: `parallel${i}@example.com`,
          profile: { fullName: `P ${i}` },
          password: GOOD_PASSWORD,
        }),
      ),
    ]);
    expect(mixed.every((a) => typeof a.json.result === "string")).toBe(true);
    const saved = JSON.parse(readFileSync(file, "utf8"));
    for (const a of mixed) expect(saved.packages[a.json.result] ?? saved.accounts[a.json.result]).toBeDefined();
  });
});
