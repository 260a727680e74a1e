/**
 * The `gravityzone-emulator` command: argument parsing, and (when the package is built) the first
 * stdout line, the key lines and a clean, state-saving exit on SIGTERM.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { describe, expect, it } from "vitest";
import { parseArgs } from "../../emulator/cli";

describe("parseArgs", () => {
  it("reads every flag", () => {
    const o = parseArgs([
      "--port",
      "8080",
      "--host=0.0.0.0",
      "--api-key",
      "K1",
      "--api-key",
      "K2:network,policies",
      "--state",
      "s.json",
      "--seed",
      "empty",
      "--rate-limits",
      "60",
      "--fault-seed",
      "7",
      "--error-rate",
      "0.1",
      "--drop-after-write-rate",
      "0.2",
      "--latency-ms",
      "5",
      "--storm-rate",
      "0.3",
    ]);
    expect(o).toMatchObject({
      port: 8080,
      host: "0.0.0.0",
      keys: [{ key: "K1" }, { key: "K2", modules: ["network", "policies"] }],
      statePath: "s.json",
      seed: "empty",
      rateLimits: 60,
      faults: { seed: 7, errorRate: 0.1, dropAfterWriteRate: 0.2, latencyMs: 5, stormRate: 0.3 },
    });
    expect(parseArgs(["--rate-limits", "off"])).toMatchObject({ rateLimits: "off" });
    expect(parseArgs(["--help"])).toBe("help");
  });

  it("refuses bad values and unknown flags", () => {
    expect(() => parseArgs(["--error-rate", "2"])).toThrow(/--error-rate/);
    expect(() => parseArgs(["--seed", "full"])).toThrow(/--seed/);
    expect(() => parseArgs(["--port"])).toThrow(/needs a value/);
    expect(() => parseArgs(["--frobnicate"])).toThrow(/unknown option/);
    expect(() => parseArgs(["--rate-limits", "0"])).toThrow(/--rate-limits/);
  });
});

const cli = path.resolve(__dirname, "../../dist/emulator/cli.js");

describe.skipIf(!existsSync(cli))("the built command", () => {
  it("prints the access URL first, then the keys, and saves the state on SIGTERM", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "gz-emu-cli-"));
    const state = path.join(dir, "state.json");
    try {
      const child = spawn(
        process.execPath,
        [
          cli,
          "--port",
          "0",
          "--api-key",
          "cli-key-1",
          "--api-key",
          "cli-key-2:network",
          "--state",
          state,
          "--seed",
          "empty",
        ],
        { stdio: ["ignore", "pipe", "pipe"] },
      );
      const lines: string[] = [];
      const rl = createInterface({ input: child.stdout! });
      await new Promise<void>((resolve) => rl.on("line", (l) => (lines.push(l), lines.length === 3 && resolve())));
      expect(lines[0]).toMatch(/^GravityZone emulator listening on http:\/\/127\.0\.0\.1:\d+\/api$/);
      expect(lines[1]).toBe("API key: cli-key-1 (modules: all)");
      expect(lines[2]).toBe("API key: cli-key-2 (modules: network)");
      const url = lines[0]!.replace("GravityZone emulator listening on ", "");
      const res = await fetch(`${url}/v1.0/jsonrpc/network`, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          Authorization: `Basic ${Buffer.from("cli-key-1:").toString("base64")}`,
        },
        body: JSON.stringify({ id: 1, jsonrpc: "2.0", method: "createCustomGroup", params: { groupName: "From CLI" } }),
      });
      const id = ((await res.json()) as { result: string }).result;
      child.kill("SIGTERM");
      const code = await new Promise((r) => child.once("exit", r));
      expect(code).toBe(0);
      expect(JSON.parse(readFileSync(state, "utf8")).groups[id].name).toBe("From CLI");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
