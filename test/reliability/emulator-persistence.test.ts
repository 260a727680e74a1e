/**
 * Emulator persistence: the emulator command (`node dist/emulator/cli.js --state FILE`) is killed
 * with SIGKILL while concurrent clients are writing (creating groups and companies, adding blocklist
 * hashes). After each kill the state file must be valid JSON that the emulator starts from again,
 * holding every write the emulator acknowledged before it died. Repeated over several rounds on the
 * same file.
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../helpers/pulumi-cli";
import { hex, prng, size, writeResults } from "./support";

const CLI = path.join(REPO_ROOT, "dist", "emulator", "cli.js");
const KEY = "persistence-test-key-0123456789abcdef01";
const ROUNDS = size(6, 40);
const WRITERS = 8;

let dir: string;
let stateFile: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "gz-persist-"));
  stateFile = path.join(dir, "tenant.json");
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Starts the emulator command on the state file; resolves with the process and its access URL. */
async function start(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    [CLI, "--port", "0", "--api-key", KEY, "--state", stateFile, "--rate-limits", "off"],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let stderr = "";
  child.stderr!.on("data", (d) => (stderr += d));
  const rl = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    rl.once("line", (l) => resolve(l.replace("GravityZone emulator listening on ", "")));
    child.once("exit", (code) =>
      reject(new Error(`the emulator exited (${code}) before listening: ${stderr.slice(-2000)}`)),
    );
  });
  return { child, url };
}

/** One JSON-RPC call; resolves with the result, rejects on anything else (including a dropped connection). */
async function rpc(url: string, module: string, method: string, params: Record<string, unknown>): Promise<unknown> {
  const res = await fetch(`${url}/v1.0/jsonrpc/${module}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      authorization: `Basic ${Buffer.from(`${KEY}:`).toString("base64")}`,
    },
    body: JSON.stringify({ id: 1, jsonrpc: "2.0", method, params }),
  });
  const body = (await res.json()) as { result?: unknown; error?: unknown };
  if (res.status !== 200 || body.error) throw new Error(`${module}.${method}: HTTP ${res.status}`);
  return body.result;
}

type Ack = { kind: "group" | "company"; id: string } | { kind: "hash"; hash: string };

describe(`emulator persistence: SIGKILL mid-write, ${ROUNDS} rounds`, () => {
  it("the state file stays valid JSON and holds every acknowledged write", { timeout: 600_000 }, async () => {
    if (!fs.existsSync(CLI)) throw new Error(`build first (npx tsc -p tsconfig.json): ${CLI} is missing`);
    const rng = prng(4242);
    const acked: Ack[] = [];
    let attempted = 0;
    let inFlightAtKill = 0;
    let invalidFiles = 0;
    let killsDuringASave = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      const { child, url } = await start();
      const exited = new Promise<void>((r) => child.once("exit", () => r()));
      let stop = false;
      let inFlight = 0;
      const writer = async (w: number) => {
        for (let i = 0; !stop; i++) {
          const n = `${round}-${w}-${i}`;
          const pick = (w + i) % 3;
          attempted++;
          inFlight++;
          try {
            if (pick === 0)
              acked.push({
                kind: "group",
                id: String(await rpc(url, "network", "createCustomGroup", { groupName: `Persist ${n}` })),
              });
            else if (pick === 1)
              acked.push({
                kind: "company",
                id: String(await rpc(url, "companies", "createCompany", { type: 1, name: `Persist Co ${n}` })),
              });
            else {
              const hash = hex(rng, 64);
              await rpc(url, "incidents", "addToBlocklist", {
                hashType: 1,
                hashList: [hash],
                sourceInfo: "persistence test",
              });
              acked.push({ kind: "hash", hash });
            }
          } catch {
            return; // the emulator died: this write was not acknowledged
          } finally {
            inFlight--;
          }
        }
      };
      const writers = Array.from({ length: WRITERS }, (_, w) => writer(w));
      // Let a varying number of writes through, then kill in the middle of the traffic.
      await new Promise((r) => setTimeout(r, 150 + Math.floor(rng() * 600)));
      inFlightAtKill += inFlight;
      child.kill("SIGKILL");
      stop = true;
      await exited;
      await Promise.all(writers);

      // A temp file left behind means the kill landed in the middle of a save.
      if (fs.readdirSync(dir).some((f) => f.endsWith(".tmp"))) killsDuringASave++;
      // The file is valid JSON and holds every acknowledged write so far.
      let state: any;
      try {
        state = JSON.parse(fs.readFileSync(stateFile, "utf8"));
      } catch {
        invalidFiles++;
      }
      expect(state, `round ${round}: the state file is not valid JSON`).toBeDefined();
      const hashes = new Set(
        Object.values(state.blocklist as Record<string, { hash: string | null }>).map((b) => b.hash),
      );
      const missing = acked.filter((a) =>
        a.kind === "hash" ? !hashes.has(a.hash) : a.kind === "group" ? !state.groups[a.id] : !state.companies[a.id],
      );
      expect(missing, `round ${round}: acknowledged writes missing from the state file`).toEqual([]);
    }
    // And the emulator starts from the file the last kill left.
    const { child } = await start();
    const exited = new Promise<void>((r) => child.once("exit", () => r()));
    child.kill("SIGTERM");
    await exited;
    const leftovers = fs.readdirSync(dir).filter((f) => f.endsWith(".tmp"));
    expect(leftovers).toEqual([]);

    writeResults("emulator-persistence", {
      rounds: ROUNDS,
      concurrentWriters: WRITERS,
      writesAttempted: attempted,
      writesAcknowledged: acked.length,
      writesInFlightAtKills: inFlightAtKill,
      killsDuringAStateSave: killsDuringASave,
      acknowledgedWritesMissing: 0,
      invalidStateFiles: invalidFiles,
    });
  });
});
