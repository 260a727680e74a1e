/**
 * What `pulumi up` and `pulumi preview` tell the user about GravityZone's 5-requests-per-minute budget,
 * through the real CLI: a call that waits longer than a few seconds for its slot says why, once per
 * wait; a plan that removes many hashes says how long that takes; a long removal reports progress.
 *
 * The emulator runs GravityZone's budgets 60 times faster (5 blocklist changes a second). The
 * provider's limiter may be slower than the emulator, never faster: with `gravityzone:rateLimitScale`
 * 5 a removal past the fifth waits 12 s for its slot, longer than the announcement threshold.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ANNOUNCE_WAIT_MS, BUDGETS } from "../../provider/client/rate-limit";
import { removalNotice } from "../../provider/resources/blocklist";
import { PulumiProject } from "../helpers/pulumi-project";

const LABEL = 'Blocklist (sha256, "Rate-limit notices")';
const WAIT =
  /incidents\.removeFromBlocklist waits about \d+ s for a rate-limit slot: GravityZone allows 5 requests per minute per API key for blocklist/;

let p: PulumiProject;

/** The messages the CLI lists under "Diagnostics:" for the last operation of a run. */
function diagnostics(stdout: string): string[] {
  const at = stdout.lastIndexOf("\nDiagnostics:\n");
  if (at < 0) return [];
  const rest = stdout.slice(at + "\nDiagnostics:\n".length);
  const end = rest.search(/\n(Outputs|Resources):/);
  return (end < 0 ? rest : rest.slice(0, end))
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("pulumi:pulumi:Stack") && !l.startsWith("warning:"));
}

const count = (text: string, re: RegExp) => text.split("\n").filter((l) => re.test(l)).length;
const calls = (method: string) => p.emu.calls().filter((c) => c.method === method);
const tooMany = () => p.emu.calls().filter((c) => c.status === 429).length;

async function setRange(to: number, scale: number): Promise<void> {
  await p.run(["config", "set", "notices:to", String(to)], { check: true });
  await p.run(["config", "set", "gravityzone:rateLimitScale", String(scale)], { check: true });
}

beforeAll(async () => {
  p = await PulumiProject.create({
    source: "test/e2e/fixtures/rate-limit-notices",
    config: { "notices:from": "1", "notices:to": "40" },
    emulator: { rateLimits: 60 },
  });
}, 120_000);
afterAll(async () => p?.dispose());

describe("rate-limit notices in the CLI's output", () => {
  it("pulumi up creating the list says nothing about waits", async () => {
    const r = await p.up();
    expect(diagnostics(r.stdout)).toEqual([]);
    expect((await p.outputs()).blocked).toBe(40);
  }, 300_000);

  it("a removal that must wait for the 5-per-minute budget says why, exactly once per wait", async () => {
    const scale = 5;
    const removed = 11;
    // The provider's windows last 12 s: removals 1-5 go at once, 6 and 11 each wait a window.
    const { limit, windowMs } = BUDGETS["per-minute-5"];
    expect(windowMs / scale).toBeGreaterThan(2 * ANNOUNCE_WAIT_MS);
    const waits = Math.floor((removed - 1) / limit);
    await setRange(40 - removed, scale);
    p.emu.resetCalls();
    const r = await p.up();
    const listed = diagnostics(r.stdout).filter((m) => WAIT.test(m));
    expect(listed, r.stdout).toHaveLength(waits);
    for (const m of listed)
      expect(m).toContain("(rate-limit class per-minute-5, windows divided by 5 for a time-scaled emulator).");
    // Live, each message shows at most once more (not once a second while the call waits).
    expect(count(r.stdout, WAIT)).toBeLessThanOrEqual(2 * waits);
    // Below the hash count that announces a plan.
    expect(r.stdout).not.toContain("hashes takes about");
    expect(calls("removeFromBlocklist")).toHaveLength(removed);
    expect(tooMany()).toBe(0);
  }, 300_000);

  it("a plan removing more than 25 hashes says how long that takes, and the removal reports progress", async () => {
    // Back to the emulator's clock: every wait is under a second and nothing waits long.
    const before = 40 - 11;
    const to = 2;
    const removed = before - to;
    await setRange(to, 60);
    const preview = await p.run(["preview"], { check: true });
    const notice = `${LABEL}: ${removalNotice(removed)}.`;
    expect(notice).toContain(
      `removing ${removed} hashes takes about 6 minutes (GravityZone removes hash blocklist rules`,
    );
    expect(notice).toContain("with one incidents.removeFromBlocklist call per hash");
    expect(notice).toContain("5 per minute per API key");
    expect(diagnostics(preview.stdout)).toEqual([notice]);

    p.emu.resetCalls();
    const r = await p.up();
    expect(diagnostics(r.stdout)).toEqual([
      notice,
      `${LABEL}: removed 25 of ${removed} hashes.`,
      `${LABEL}: removed ${removed} of ${removed} hashes.`,
    ]);
    expect(calls("removeFromBlocklist")).toHaveLength(removed);
    expect(tooMany()).toBe(0);
    expect((await p.outputs()).blocked).toBe(to);
  }, 300_000);
});
