/**
 * State persistence: the file is written atomically after every acknowledged change and before the
 * answer, survives restarts, is refused when it is not a state of this version, and a failure (or a
 * crash) in the middle of a save never leaves a torn file.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, promises as fsp, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { seedState } from "../../emulator/index";
import { readStateFile, writeStateFile } from "../../emulator/persistence";
import { ok, start } from "./helpers";

const dir = mkdtempSync(path.join(tmpdir(), "gz-emu-persist-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const readJson = (file: string) => JSON.parse(readFileSync(file, "utf8"));

describe("persistence", () => {
  it("writes the seeded state at start, and each change before answering", async () => {
    const file = path.join(dir, "a.json");
    const emu = await start({ statePath: file });
    try {
      expect(readJson(file).version).toBe(1);
      const id = await ok<string>(emu, "network", "createCustomGroup", { groupName: "Persisted" });
      expect(readJson(file).groups[id].name).toBe("Persisted");
      await ok(emu, "network", "deleteCustomGroup", { groupId: id });
      expect(readJson(file).groups[id]).toBeUndefined();
    } finally {
      await emu.close();
    }
  });

  it("loads the file on restart instead of seeding", async () => {
    const file = path.join(dir, "b.json");
    const first = await start({ statePath: file });
    const id = await ok<string>(first, "companies", "createCompany", { type: 1, name: "Survivor Ltd" });
    const root = first.state.rootCompanyId;
    await first.close();
    const second = await start({ statePath: file, seed: "empty" });
    try {
      expect(second.state.rootCompanyId).toBe(root);
      expect((await ok(second, "companies", "getCompanyDetails", { companyId: id })).name).toBe("Survivor Ltd");
    } finally {
      await second.close();
    }
  });

  it("saves admin edits, console actions and persist() after direct changes", async () => {
    const file = path.join(dir, "c.json");
    const emu = await start({ statePath: file });
    try {
      const company = Object.values(emu.state.companies).find((c) => c.name === "Tailspin Toys")!;
      await fetch(`${emu.adminUrl}/console`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ action: "renameCompany", companyId: company.id, name: "Tailspin Games" }),
      });
      expect(readJson(file).companies[company.id].name).toBe("Tailspin Games");
      emu.state.companies[company.id]!.phone = "+44 1";
      await emu.persist();
      expect(readJson(file).companies[company.id].phone).toBe("+44 1");
      await fetch(`${emu.adminUrl}/state`, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(seedState("empty")),
      });
      expect(Object.keys(readJson(file).companies)).toHaveLength(1);
    } finally {
      await emu.close();
    }
  });

  it("leaves no temporary files behind after many concurrent writes", async () => {
    const sub = mkdtempSync(path.join(dir, "many-"));
    const file = path.join(sub, "state.json");
    const emu = await start({ statePath: file });
    try {
      const ids = await Promise.all(
        Array.from({ length: 25 }, (_, i) =>
          ok<string>(emu, "network", "createCustomGroup", { groupName: `Concurrent ${i}` }),
        ),
      );
      const saved = readJson(file);
      for (const id of ids) expect(saved.groups[id]).toBeDefined();
      expect(readdirSync(sub)).toEqual(["state.json"]);
    } finally {
      await emu.close();
    }
  });

  it("refuses a file of another version or that is not JSON, with a clear message", async () => {
    const wrong = path.join(dir, "wrong.json");
    writeFileSync(wrong, JSON.stringify({ ...seedState("empty"), version: 99 }));
    await expect(start({ statePath: wrong })).rejects.toThrow(/unsupported state version 99/);
    const corrupt = path.join(dir, "corrupt.json");
    writeFileSync(corrupt, '{"version":1,"companies":');
    await expect(start({ statePath: corrupt })).rejects.toThrow(/not valid JSON/);
    expect(readStateFile(path.join(dir, "missing.json"))).toBeUndefined();
  });

  it("keeps the previous complete file when a save fails before the rename", async () => {
    const file = path.join(dir, "d.json");
    const good = seedState("empty");
    await writeStateFile(file, good);
    const spy = vi.spyOn(fsp, "rename").mockRejectedValueOnce(new Error("simulated crash"));
    const changed = structuredClone(good);
    changed.companies[changed.rootCompanyId]!.name = "Changed";
    await expect(writeStateFile(file, changed)).rejects.toThrow(/simulated crash/);
    spy.mockRestore();
    expect(readStateFile(file)).toEqual(good);
    expect(readdirSync(dir).filter((f) => f.startsWith(".d.json"))).toEqual([]);
  });

  const dist = path.resolve(__dirname, "../../dist/emulator/persistence.js");
  it.skipIf(!existsSync(dist))("never leaves a torn file when the process is killed while saving", async () => {
    const file = path.join(dir, "killed.json");
    const script = `
      const { writeStateFile } = require(${JSON.stringify(dist)});
      const { seedState } = require(${JSON.stringify(path.resolve(__dirname, "../../dist/emulator/seed.js"))});
      const s = seedState("default");
      let i = 0;
      (async () => { for (;;) { s.companies[s.rootCompanyId].phone = String(i++); await writeStateFile(${JSON.stringify(file)}, s); if (i === 3) process.stdout.write("go\\n"); } })();
    `;
    for (let round = 0; round < 3; round++) {
      const child = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "inherit"] });
      await new Promise<void>((resolve) => child.stdout.once("data", () => resolve()));
      await new Promise((r) => setTimeout(r, 20 + round * 37));
      child.kill("SIGKILL");
      await new Promise((r) => child.once("exit", r));
      const loaded = readStateFile(file)!;
      expect(loaded.version).toBe(1);
      expect(Object.keys(loaded.endpoints).length).toBeGreaterThan(250);
    }
    const emu = await start({ statePath: file });
    await emu.close();
    expect(readdirSync(dir).filter((f) => f.startsWith(".killed.json."))).toEqual([]);
  });
});
