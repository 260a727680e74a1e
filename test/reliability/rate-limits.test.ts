/**
 * Rate limits: with the emulator enforcing GravityZone's real budgets, time-scaled ×60 (5 calls per
 * minute become 5 per second; the provider is told the same factor), a large Blocklist, single
 * BlocklistEntry rules and a batch of policy assignments are created and destroyed through the real
 * CLI. Every call must wait for its slot: zero 429 answers (the emulator enforces every budget), zero
 * errors shown to the user, and, recounted from the emulator's call log, no per-minute budget
 * exceeded in any window.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUDGETS, rateClassOf, type CallRecord, type RateClass } from "../../emulator";
import { PulumiProject, type CliResult } from "../helpers/pulumi-project";
import { countCalls, hex, prng, SCENARIO_TIMEOUT_MS, size, writeResults } from "./support";

const SCALE = 60;
const FEED_HASHES = size(400, 2500);
const ENTRIES = size(10, 40);
const GROUPS = size(10, 40);
const COMPANY = "677bafb889f3efa1dda722f1"; // Contoso Dental Group in the default seed

let p: PulumiProject;
let feed: string[];
let entries: string[];

beforeAll(async () => {
  const rng = prng(429);
  feed = Array.from({ length: FEED_HASHES }, () => hex(rng, 64));
  entries = Array.from({ length: ENTRIES }, () => hex(rng, 64));
  p = await PulumiProject.create({
    source: "test/reliability/programs/rate-limits",
    emulator: { rateLimits: SCALE },
    config: {
      "reliability:companyId": COMPANY,
      "reliability:inputsFile": "inputs.json",
      "reliability:groups": String(GROUPS),
    },
  });
  fs.writeFileSync(path.join(p.dir, "inputs.json"), JSON.stringify({ feed, entries }));
}, 120_000);
afterAll(async () => p?.dispose());

/** The most admitted calls seen in any window of each class's (scaled) budget, per class. */
function peaks(calls: CallRecord[]): Record<RateClass, { peak: number; limit: number; windowMs: number }> {
  const admitted = calls.filter((c) => c.status !== 429 && c.method !== "").sort((a, b) => a.at - b.at);
  const out = {} as Record<RateClass, { peak: number; limit: number; windowMs: number }>;
  for (const cls of Object.keys(BUDGETS) as RateClass[]) {
    const b = BUDGETS[cls];
    const windowMs = b.windowMs / SCALE;
    // The key-wide budget counts every call; a narrower class counts its own.
    const ts = admitted.filter((c) => cls === "default" || rateClassOf(c.module, c.method) === cls).map((c) => c.at);
    let peak = 0;
    for (let i = 0, j = 0; i < ts.length; i++) {
      while (ts[i]! - ts[j]! >= windowMs) j++;
      peak = Math.max(peak, i - j + 1);
    }
    out[cls] = { peak, limit: b.limit, windowMs };
  }
  return out;
}

/** Lines of CLI output that report an error or a warning to the user. */
const complaints = (r: CliResult) =>
  `${r.stdout}\n${r.stderr}`.split("\n").filter((l) => /\berror\b|\bwarning\b|429|Too Many Requests/i.test(l));

describe(`rate limits: a ${FEED_HASHES}-hash blocklist, ${ENTRIES} blocklist entries and ${GROUPS} policy assignments at GravityZone's budgets (×${SCALE})`, () => {
  it(
    "up and destroy finish with zero 429s, zero errors shown and no budget exceeded",
    async () => {
      const started = Date.now();
      p.emu.resetCalls();
      const up = await p.run(["up", "--yes", "--skip-preview"], { timeoutMs: SCENARIO_TIMEOUT_MS });
      expect(up.code, up.stdout.slice(-3000)).toBe(0);
      const upCalls = p.emu.calls();
      const upSeconds = Math.round((Date.now() - started) / 1000);

      const st = p.emu.state;
      const blocked = new Set(
        Object.values(st.blocklist)
          .filter((b) => b.companyId === COMPANY)
          .map((b) => b.hash),
      );
      expect([...feed, ...entries].filter((h) => !blocked.has(h))).toEqual([]);
      const policy = Object.values(st.policies).find((x) => x.name === "MSP Baseline - Workstations")!;
      // parentId: companyId puts the groups in the company's 'Computers and Groups' (77209-128488).
      const computersAndGroups = Object.values(st.groups).find(
        (g) => g.companyId === COMPANY && g.system === "computersAndGroups",
      )!;
      const sites = Object.values(st.groups).filter(
        (g) => g.parentId === computersAndGroups.id && g.name.startsWith("Reliability site "),
      );
      expect(sites).toHaveLength(GROUPS);
      expect(sites.filter((g) => g.policy?.policyId !== policy.id)).toEqual([]);

      const noop = await p.run(["preview", "--expect-no-changes"], { timeoutMs: SCENARIO_TIMEOUT_MS });
      expect(noop.code, noop.stdout.slice(-3000)).toBe(0);

      p.emu.resetCalls();
      const t1 = Date.now();
      const destroy = await p.run(["destroy", "--yes", "--skip-preview"], { timeoutMs: SCENARIO_TIMEOUT_MS });
      expect(destroy.code, destroy.stdout.slice(-3000)).toBe(0);
      const destroyCalls = p.emu.calls();
      const destroySeconds = Math.round((Date.now() - t1) / 1000);
      const left = new Set(Object.values(p.emu.state.blocklist).map((b) => b.hash));
      expect([...feed, ...entries].filter((h) => left.has(h))).toEqual([]);
      expect(Object.values(p.emu.state.groups).filter((g) => g.name.startsWith("Reliability site "))).toEqual([]);

      const upCounts = countCalls(upCalls);
      const destroyCounts = countCalls(destroyCalls);
      expect(upCounts.http429ByMethod).toEqual({});
      expect(destroyCounts.http429ByMethod).toEqual({});
      expect([...complaints(up), ...complaints(destroy)]).toEqual([]);
      const upPeaks = peaks(upCalls);
      const destroyPeaks = peaks(destroyCalls);
      // The emulator's own limiter is the authority (zero 429s above); recounting from arrival times
      // (whole milliseconds) is exact enough for windows of a second, not for the 17 ms ones at ×60.
      for (const [cls, v] of [...Object.entries(upPeaks), ...Object.entries(destroyPeaks)])
        if (v.windowMs >= 1_000) expect(v.peak, cls).toBeLessThanOrEqual(v.limit);

      const perMinute5 = (calls: CallRecord[]) =>
        calls.filter((c) => rateClassOf(c.module, c.method) === "per-minute-5").length;
      writeResults("rate-limits", {
        rateLimitScale: SCALE,
        feedHashes: FEED_HASHES,
        blocklistEntries: ENTRIES,
        policyAssignments: GROUPS,
        up: {
          requests: upCounts.requests,
          perMinute5Calls: perMinute5(upCalls),
          http429: upCounts.http429,
          seconds: upSeconds,
          peaks: upPeaks,
        },
        destroy: {
          requests: destroyCounts.requests,
          perMinute5Calls: perMinute5(destroyCalls),
          http429: destroyCounts.http429,
          seconds: destroySeconds,
          peaks: destroyPeaks,
        },
        errorsShown: complaints(up).length + complaints(destroy).length,
        seconds: Math.round((Date.now() - started) / 1000),
      });
    },
    SCENARIO_TIMEOUT_MS,
  );
});
