/**
 * Interrupted run: `pulumi up` of examples/msp-onboarding is killed with SIGKILL (the CLI, its
 * language host and the provider at once, as when a CI runner dies) after some objects were created.
 * The creates that were in flight are left in the state as pending operations, and the stack stays
 * locked. The lock is removed with `pulumi cancel`; the pending creates are resolved by Pulumi's
 * manual route (`pulumi stack export`, edit, `pulumi stack import`): the ones that happened (found in
 * GravityZone by their natural key) become resources with their ids, the others are dropped; then
 * `pulumi refresh` and `pulumi up` finish the job. Checked in the emulator: no duplicate, no orphan,
 * nothing seeded deleted or changed, state equal to the emulator.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TenantState } from "../../emulator";
import { PulumiProject } from "../helpers/pulumi-project";
import {
  checkInvariants,
  expectedOnboardingResources,
  generateCustomers,
  parseExport,
  SCENARIO_TIMEOUT_MS,
  size,
  snapshot,
  writeResults,
  type Customer,
  type StackExport,
} from "./support";
import { resolvePendingCreates } from "./pending-creates";

const CUSTOMERS = size(10, 50);
/** Kill once this many create calls have been answered. */
const KILL_AFTER_CREATES = size(12, 90);

let p: PulumiProject;
let customers: Customer[];
let before: TenantState;

beforeAll(async () => {
  customers = generateCustomers(CUSTOMERS, 1608, "Interrupted");
  p = await PulumiProject.create({
    source: "examples/msp-onboarding",
    config: { "onboarding:customersFile": "customers.reliability.json" },
  });
  fs.writeFileSync(path.join(p.dir, "customers.reliability.json"), JSON.stringify(customers, null, 2));
  before = snapshot(p.emu.state);
}, 120_000);
afterAll(async () => p?.dispose());

const createsAnswered = () => p.emu.calls().filter((c) => /^create/.test(c.method) && c.status === 200).length;
/** The pids of every live descendant of `root` (from /proc), deepest last. */
function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const d of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(d)]);
    } catch {
      /* exited meanwhile */
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const c of children.get(p) ?? []) {
      out.push(c);
      walk(c);
    }
  };
  walk(root);
  return out;
}

/** Removes zero-length `*.attrs` files under `dir`; returns how many there were. */
function removeEmptySidecars(dir: string): number {
  let n = 0;
  for (const e of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const full = path.join(e.parentPath, e.name);
    if (e.isFile() && e.name.endsWith(".attrs") && fs.statSync(full).size === 0) {
      fs.rmSync(full);
      n++;
    }
  }
  return n;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe(`interrupted run: pulumi up of ${CUSTOMERS} customers killed with SIGKILL`, () => {
  it(
    "after the repair of its pending creates, refresh + up converge with no duplicate, orphan or wrongly deleted object",
    async () => {
      const started = Date.now();
      p.emu.resetCalls();
      let pid: number | undefined;
      let killed = false;
      const up = p.run(["up", "--yes", "--skip-preview"], {
        timeoutMs: SCENARIO_TIMEOUT_MS,
        onSpawn: (x) => (pid = x),
      });
      let settled = false;
      void up.finally(() => (settled = true));
      const watcher = (async () => {
        while (!settled) {
          if (createsAnswered() >= KILL_AFTER_CREATES && pid !== undefined) {
            // Pulumi starts its language host and plugins in process groups of their own: every
            // process of the run is killed by pid, the CLI first.
            for (const x of [pid, ...descendants(pid)]) {
              try {
                process.kill(x, "SIGKILL");
              } catch {
                /* already gone */
              }
            }
            killed = true;
            return;
          }
          await sleep(20);
        }
      })();
      const first = await Promise.race([up, watcher.then(() => up)]);
      expect(killed, `pulumi up ended before the kill (exit ${first.code})`).toBe(true);
      const createsBeforeKill = createsAnswered();
      const callsAtKill = p.emu.calls().length;
      await sleep(2_000);
      // Nothing of the killed run is still talking to GravityZone.
      const callsAfterKill = p.emu.calls().length - callsAtKill;
      expect(callsAfterKill).toBe(0);

      // The file backend writes a checkpoint's metadata sidecar (`<stack>.json.attrs`) in place: a kill
      // in the middle leaves it empty and every later command fails with "failed to load checkpoint: EOF".
      // The sidecar holds only the blob's content type and checksum; an empty one is removed.
      const truncatedSidecars = removeEmptySidecars(path.join(path.dirname(p.dir), "backend", ".pulumi", "stacks"));
      const interrupted: StackExport = parseExport(await p.exportState());
      const pending = interrupted.pendingOperations;
      expect(pending.length, "the killed run left no pending operation").toBeGreaterThan(0);
      expect(
        pending.every((o) => o.type === "creating"),
        "only creates were under way",
      ).toBe(true);

      // The killed CLI left its lock on the stack; `pulumi cancel` removes it, as the lock error says.
      const locked = await p.run(["refresh", "--yes", "--skip-preview"]);
      expect(locked.code).not.toBe(0);
      expect(locked.stdout + locked.stderr).toMatch(/locked/);
      await p.run(["cancel", "--yes"], { check: true });

      // The repair Pulumi documents for pending creates in a script: export the state, record each
      // create that happened (found in GravityZone by its natural key) as a resource with its id, drop
      // the others, import the state; then refresh (reads the recorded objects) and up.
      // (`pulumi refresh --import-pending-creates <urn> <id>` is the one-command form; with CLI v3.259 and
      // a file backend it drops the pending creates without recording them, leaving the objects
      // unmanaged, so it is not used here.)
      const resolution = resolvePendingCreates(await p.exportState(), p.emu.state);
      const edited = path.join(path.dirname(p.dir), "repaired-state.json");
      fs.writeFileSync(edited, resolution.deployment);
      await p.run(["stack", "import", "--file", edited], { check: true });
      fs.rmSync(edited);
      const imports = resolution.imported;
      const cleared = resolution.cleared.length;
      expect(imports.length + cleared).toBe(pending.length);
      expect(parseExport(await p.exportState()).pendingOperations).toEqual([]);
      await p.run(["refresh", "--yes", "--skip-preview"], { check: true, timeoutMs: SCENARIO_TIMEOUT_MS });

      let runs = 0;
      let last;
      do {
        runs++;
        last = await p.run(["up", "--yes", "--skip-preview"], { timeoutMs: SCENARIO_TIMEOUT_MS });
      } while (last.code !== 0 && runs < 3);
      expect(last.code, last.stdout.slice(-4000)).toBe(0);
      const check = await p.run(["preview", "--refresh", "--expect-no-changes"], { timeoutMs: SCENARIO_TIMEOUT_MS });
      expect(check.code, check.stdout.slice(-4000)).toBe(0);

      const stack = parseExport(await p.exportState());
      expect(stack.resources.filter((r) => r.kind !== "")).toHaveLength(expectedOnboardingResources(customers));
      const report = checkInvariants(before, p.emu.state, stack);
      expect(report.duplicates).toEqual([]);
      expect(report.orphans).toEqual([]);
      expect(report.wronglyDeleted).toEqual([]);
      expect(report.wronglyChanged).toEqual([]);
      expect(report.stateMismatches).toEqual([]);

      writeResults("interrupted", {
        customers: CUSTOMERS,
        stackResources: report.checked.stackResources,
        createsAnsweredBeforeKill: createsBeforeKill,
        callsAfterKill,
        checkpointSidecarsTruncatedByKill: truncatedSidecars,
        pendingCreates: pending.length,
        pendingCreatesImported: imports.length,
        pendingCreatesCleared: cleared,
        upRunsAfterRepair: runs,
        duplicates: report.duplicates.length,
        orphans: report.orphans.length,
        wronglyDeleted: report.wronglyDeleted.length,
        wronglyChanged: report.wronglyChanged.length,
        stateMismatches: report.stateMismatches.length,
        seconds: Math.round((Date.now() - started) / 1000),
      });
    },
    SCENARIO_TIMEOUT_MS,
  );
});
