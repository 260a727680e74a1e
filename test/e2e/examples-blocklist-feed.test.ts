/**
 * examples/blocklist-feed through the real Pulumi CLI against an emulator with GravityZone's real
 * rate-limit budgets, time-scaled 60 times (5 blocklist changes per minute become 5 per second, and
 * the provider's limiter follows through gravityzone:rateLimitScale): 300 hashes in, drift, repair,
 * a feed update touching only the changed hashes, destroy.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoPlaintextSecrets, resourceOutputs } from "../helpers/examples";
import { changes, PulumiProject } from "../helpers/pulumi-project";

const COMPANY = "Tailspin Toys";
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
const sample = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => sha256(`sample-${from + i}`));

let p: PulumiProject;
let companyId: string;

/** Our company's blocklist hashes in the emulator. */
const blockedHashes = () =>
  new Set(
    Object.values(p.emu.state.blocklist as Record<string, any>)
      .filter((b) => b.companyId === companyId && b.type === "hash")
      .map((b) => b.hash.toLowerCase()),
  );

/** Blocklist write calls since the last reset, and whether any call was refused for rate. */
function blocklistCalls() {
  const calls = p.emu.calls();
  return {
    add: calls.filter((c) => c.method === "addToBlocklist").length,
    remove: calls.filter((c) => c.method === "removeFromBlocklist").length,
    tooMany: calls.filter((c) => c.status === 429).length,
  };
}

beforeAll(async () => {
  p = await PulumiProject.create({
    source: "examples/blocklist-feed",
    config: { "feed:company": COMPANY },
    emulator: { rateLimits: 60 },
  });
  companyId = (Object.values(p.emu.state.companies as Record<string, any>).find((c) => c.name === COMPANY) as any).id;
}, 120_000);
afterAll(async () => p?.dispose());

describe("examples/blocklist-feed with the real CLI and time-scaled rate limits", () => {
  it("pulumi up blocks the 300 hashes of the shipped feed with one addToBlocklist call", async () => {
    const before = blockedHashes().size;
    p.emu.resetCalls();
    await p.up();
    const outs = await p.outputs();
    expect(outs).toMatchObject({ feedHashes: 300, blocked: { sha256: 300 }, blocklistCompanyId: companyId });
    const now = blockedHashes();
    expect(sample(1, 300).filter((h) => !now.has(h))).toEqual([]);
    expect(now.size).toBe(before + 300);
    expect(blocklistCalls()).toEqual({ add: 1, remove: 0, tooMany: 0 });
  }, 300_000);

  it("an immediate preview --expect-no-changes passes", async () => {
    const r = await p.run(["preview", "--expect-no-changes"]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
  }, 120_000);

  it("hashes removed in the console show in preview --refresh as a change of hashes", async () => {
    const ids = Object.values((await resourceOutputs(p))["feed-sha256"]!.itemIds as Record<string, string>);
    for (const id of ids.slice(0, 3)) await p.console({ action: "removeBlocklistItem", id });
    const { steps } = await p.previewJson(["--refresh"]);
    expect(changes(steps)).toEqual([{ op: "update", resource: "Blocklist::feed-sha256", props: ["hashes"] }]);
  }, 300_000);

  it("pulumi refresh + up adds back only the removed hashes", async () => {
    await p.run(["refresh", "--yes", "--skip-preview"], { check: true });
    p.emu.resetCalls();
    await p.up();
    expect(blocklistCalls()).toEqual({ add: 1, remove: 0, tooMany: 0 });
    const adds = p.emu.calls().filter((c) => c.method === "addToBlocklist");
    expect((adds[0]!.params as any).hashList).toHaveLength(3);
    const now = blockedHashes();
    expect(sample(1, 300).filter((h) => !now.has(h))).toEqual([]);
    const again = await p.run(["preview", "--refresh", "--expect-no-changes"]);
    expect(again.code, again.stdout + again.stderr).toBe(0);
  }, 300_000);

  it("a new feed removes only the dropped hashes and adds only the new ones", async () => {
    // Hashes 1-10 leave the feed, 301-320 join it.
    const lines = ["# updated feed", ...sample(11, 320)];
    fs.writeFileSync(path.join(p.dir, "hashes.txt"), lines.join("\n") + "\n");
    const { steps } = await p.previewJson();
    expect(changes(steps)).toEqual([{ op: "update", resource: "Blocklist::feed-sha256", props: ["hashes"] }]);
    p.emu.resetCalls();
    await p.up();
    // One add for the 20 new hashes; hash rules can only be removed with v1.0, one per call
    // (77211-135329): ten calls for the ten dropped hashes, paced by the 5/min budget without a 429.
    expect(blocklistCalls()).toEqual({ add: 1, remove: 10, tooMany: 0 });
    const removes = p.emu.calls().filter((c) => c.method === "removeFromBlocklist");
    expect(removes.every((c) => c.version === "v1.0" && Object.keys(c.params as object).join() === "hashItemId")).toBe(
      true,
    );
    const now = blockedHashes();
    expect(sample(11, 320).filter((h) => !now.has(h))).toEqual([]);
    expect(sample(1, 10).filter((h) => now.has(h))).toEqual([]);
  }, 300_000);

  it("a malformed feed line fails the preview, naming the line", async () => {
    fs.appendFileSync(path.join(p.dir, "hashes.txt"), "not-a-hash\n");
    const r = await p.run(["preview"]);
    expect(r.code).not.toBe(0);
    expect(r.stdout + r.stderr).toMatch(/hashes\.txt:312: "not-a-hash" is neither a SHA-256/);
    fs.writeFileSync(path.join(p.dir, "hashes.txt"), sample(11, 320).join("\n") + "\n");
  }, 120_000);

  it("the state holds no plaintext API key", async () => {
    await expectNoPlaintextSecrets(p, {});
  }, 60_000);

  it("pulumi destroy removes the feed's hashes and nothing else", async () => {
    const others = Object.keys(p.emu.state.blocklist).length - blockedHashes().size;
    await p.run(["destroy", "--yes", "--skip-preview"], { check: true });
    const now = blockedHashes();
    expect(sample(1, 320).filter((h) => now.has(h))).toEqual([]);
    expect(Object.keys(p.emu.state.blocklist).length).toBe(others + now.size);
    expect(blocklistCalls().tooMany).toBe(0);
  }, 300_000);
});
