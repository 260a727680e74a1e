import { createHash } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { BLOCKLIST_HASHES_PER_CALL, handler, type BlocklistOutputs } from "../../provider/resources/blocklist";
import { PartialCreateError } from "../../provider/framework/partial-failure";
import { setProviderClient } from "../../provider/settings";
import { UNKNOWN } from "../../provider/framework/unknown";
import { checkedInputs, startProviderEnv, type ProviderEnv } from "../helpers/provider-env";

let env: ProviderEnv;
let bigCompany: string;
let companies: string[];

const sha = (s: string) => createHash("sha256").update(s).digest("hex");
const md5 = (s: string) => createHash("md5").update(s).digest("hex");
const shas = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => sha(`${prefix} ${i}`));

beforeAll(async () => {
  env = await startProviderEnv({ seed: "default" });
  const counts = new Map<string, number>();
  for (const b of Object.values(env.emu.state.blocklist)) counts.set(b.companyId, (counts.get(b.companyId) ?? 0) + 1);
  bigCompany = [...counts].sort((a, b) => b[1] - a[1])[0]![0];
  companies = Object.values(env.emu.state.companies)
    .filter((c) => c.type === 1 && c.id !== bigCompany)
    .map((c) => c.id);
});
afterAll(() => env.close());
beforeEach(() => env.reset());

const checked = (news: Record<string, unknown>) => checkedInputs(handler, news);

async function create(news: Record<string, unknown>) {
  const inputs = await checked(news);
  const r = await handler.create(inputs);
  return { inputs, id: r.id, outs: r.outs as BlocklistOutputs };
}

const callsOf = (method: string) => env.emu.calls().filter((c) => c.method === method);
const hashesIn = (companyId: string) =>
  Object.values(env.emu.state.blocklist)
    .filter((b) => b.companyId === companyId && b.type === "hash")
    .map((b) => b.hash!);

describe("check", () => {
  it.each([
    [
      { hashType: "sha256", hashes: [sha("a"), "xyz"], sourceInfo: "s" },
      "hashes",
      'hashes.1: "xyz" is not a SHA-256 hash: 64 hexadecimal characters',
    ],
    [
      { hashType: "md5", hashes: [sha("a")], sourceInfo: "s" },
      "hashes",
      `hashes.0: "${sha("a")}" is not an MD5 hash: 32 hexadecimal characters`,
    ],
    [{ hashType: "sha256", hashes: [], sourceInfo: "s" }, "hashes", "hashes: must hold at least one hash"],
    [{ hashType: "sha1", hashes: [sha("a")], sourceInfo: "s" }, "hashType", "hashType: must be sha256 or md5"],
    [
      { hashType: "sha256", hashes: [sha("a")] },
      "sourceInfo",
      "sourceInfo: Invalid input: expected string, received undefined",
    ],
    [
      { hashType: "sha256", hashes: [sha("a")], sourceInfo: "a <script>" },
      "sourceInfo",
      "sourceInfo: must not contain HTML (< or >)",
    ],
    [
      { hashType: "sha256", hashes: [sha("a")], sourceInfo: "s", companyId: "x" },
      "companyId",
      "companyId: must be a GravityZone id (24 hexadecimal characters)",
    ],
    [
      { hashType: "sha256", hash: [sha("a")], hashes: [sha("a")], sourceInfo: "s" },
      "hash",
      "hash: not a known input (check the spelling)",
    ],
  ])("%j fails on %s before any API call", async (news, property, reason) => {
    const { failures } = await handler.check({}, news);
    expect(failures).toEqual([{ property, reason }]);
    expect(env.calls()).toEqual([]);
  });

  it("lower-cases, de-duplicates and sorts the hashes; passes preview unknowns through", async () => {
    const [a, b] = [sha("a"), sha("b")].sort();
    expect(await checked({ hashType: "sha256", hashes: [b!.toUpperCase(), a, b], sourceInfo: "s" })).toEqual({
      hashType: "sha256",
      hashes: [a, b],
      sourceInfo: "s",
      adopt: false,
    });
    expect(
      (await handler.check({}, { hashType: "sha256", hashes: UNKNOWN, sourceInfo: "s" })).failures,
    ).toBeUndefined();
    expect(
      (await handler.check({}, { hashType: "sha256", hashes: [a, UNKNOWN], sourceInfo: "s" })).failures,
    ).toBeUndefined();
    expect(env.calls()).toEqual([]);
  });
});

describe("lifecycle", () => {
  it("250 hashes: one add call carries them all; read lists every page; diff adds and drops only what changed", async () => {
    const companyId = bigCompany;
    const hashes = shas("feed", 250);
    const { inputs, id, outs } = await create({ companyId, hashType: "sha256", hashes, sourceInfo: "Threat feed" });
    const adds = callsOf("addToBlocklist");
    expect(adds).toHaveLength(Math.ceil(250 / BLOCKLIST_HASHES_PER_CALL));
    expect(adds[0]!.version).toBe("v1.0");
    expect(adds[0]!.params).toEqual({
      hashType: 1,
      hashList: [...hashes].sort(),
      sourceInfo: "Threat feed",
      companyId,
    });
    expect(Object.keys(outs.itemIds)).toHaveLength(250);
    expect(outs).toMatchObject({ missingHashes: [], adoptedHashes: [], hashes: [...hashes].sort() });
    expect(id).toMatch(new RegExp(`^blocklist:${companyId}:sha256:[0-9a-f]{8}$`));
    const total = hashesIn(companyId).length;
    expect(total).toBeGreaterThan(400);

    // Read: every page of the company's blocklist (one listing).
    env.reset();
    const read = await handler.read(id, outs);
    expect(read.props).toEqual(outs);
    expect(callsOf("getBlocklistItems")).toHaveLength(Math.ceil(total / 100));
    expect(await handler.diff(id, read.props, inputs)).toEqual({
      changes: false,
      replaces: [],
      deleteBeforeReplace: false,
    });
    env.reset();
    await handler.update(id, outs, inputs);
    expect(env.calls()).toEqual([]);

    // Three hashes added, two dropped: one add call with the three, one v1.0 remove call per dropped item.
    const added = shas("feed extra", 3);
    const dropped = [...hashes].sort().slice(0, 2);
    const news = await checked({
      companyId,
      hashType: "sha256",
      hashes: [...hashes.filter((h) => !dropped.includes(h)), ...added],
      sourceInfo: "Threat feed",
    });
    expect(await handler.diff(id, outs, news)).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    env.reset();
    const updated = (await handler.update(id, outs, news)).outs as BlocklistOutputs;
    expect(env.writes()).toEqual([
      "incidents.removeFromBlocklist",
      "incidents.removeFromBlocklist",
      "incidents.addToBlocklist",
    ]);
    expect(callsOf("removeFromBlocklist").map((c) => [c.version, c.params])).toEqual(
      dropped.map((h) => ["v1.0", { hashItemId: outs.itemIds[h] }]),
    );
    expect(callsOf("addToBlocklist")[0]!.params).toMatchObject({ hashList: [...added].sort() });
    expect(Object.keys(updated.itemIds)).toHaveLength(251);
    for (const h of dropped) expect(hashesIn(companyId)).not.toContain(h);

    expect(await handler.diff(id, updated, { ...news, sourceInfo: "Renamed feed" })).toEqual({
      changes: true,
      replaces: ["sourceInfo"],
      deleteBeforeReplace: true,
    });
    expect(await handler.diff(id, updated, { ...news, hashType: "md5" })).toEqual({
      changes: true,
      replaces: ["hashType"],
      deleteBeforeReplace: true,
    });
    expect(await handler.diff(id, updated, { ...news, companyId: companies[0] })).toEqual({
      changes: true,
      replaces: ["companyId"],
      deleteBeforeReplace: true,
    });

    // Delete removes every item with its own v1.0 {hashItemId} call (the only way to remove a hash rule),
    // and deleting again is a no-op success.
    env.reset();
    await handler.delete(id, updated);
    expect(callsOf("removeFromBlocklist").map((c) => [c.version, c.params])).toEqual(
      Object.values(updated.itemIds).map((itemId) => ["v1.0", { hashItemId: itemId }]),
    );
    expect(callsOf("removeFromBlocklist")).toHaveLength(251);
    expect(hashesIn(companyId).filter((h) => news.hashes.includes(h))).toEqual([]);
    await handler.delete(id, updated);
    expect((await handler.read(id, updated)).id).toBe("");
  }, 60_000);

  it("more hashes than one call carries are added in chunks; each is removed with its own v1.0 call", async () => {
    const companyId = companies[1]!;
    const n = 2 * BLOCKLIST_HASHES_PER_CALL + 1;
    const { id, outs } = await create({
      companyId,
      hashType: "sha256",
      hashes: shas("chunked", n),
      sourceInfo: "bulk",
    });
    expect(callsOf("addToBlocklist").map((c) => (c.params as { hashList: string[] }).hashList.length)).toEqual([
      BLOCKLIST_HASHES_PER_CALL,
      BLOCKLIST_HASHES_PER_CALL,
      1,
    ]);
    expect(Object.keys(outs.itemIds)).toHaveLength(n);
    env.reset();
    await handler.delete(id, outs);
    const removes = callsOf("removeFromBlocklist");
    expect(removes).toHaveLength(n);
    expect(removes.every((c) => c.version === "v1.0")).toBe(true);
    expect(removes.map((c) => (c.params as { hashItemId: string }).hashItemId).sort()).toEqual(
      Object.values(outs.itemIds).sort(),
    );
    expect(removes.every((c) => Object.keys(c.params as object).join() === "hashItemId")).toBe(true);
    expect(hashesIn(companyId).filter((h) => outs.hashes.includes(h))).toEqual([]);
  }, 60_000);

  it("a hash removed in the console shows as drift (missingHashes) and the update adds back only that one", async () => {
    const companyId = companies[2]!;
    const hashes = [md5("one"), md5("two"), md5("three")];
    const { inputs, id, outs } = await create({ companyId, hashType: "md5", hashes, sourceInfo: "md5 list" });
    const victim = [...hashes].sort()[1]!;
    await env.console({ action: "removeBlocklistItem", id: outs.itemIds[victim] });
    const read = await handler.read(id, outs);
    expect(read.props).toMatchObject({
      hashes: [...hashes].sort().filter((h) => h !== victim),
      missingHashes: [victim],
    });
    expect(await handler.diff(id, read.props, inputs)).toEqual({
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
    });
    // A second refresh keeps reporting it.
    expect((await handler.read(id, read.props)).props).toMatchObject({ missingHashes: [victim] });
    env.reset();
    const repaired = (await handler.update(id, read.props, inputs)).outs as BlocklistOutputs;
    expect(env.writes()).toEqual(["incidents.addToBlocklist"]);
    expect(callsOf("addToBlocklist")[0]!.params).toEqual({
      hashType: 2,
      hashList: [victim],
      sourceInfo: "md5 list",
      companyId,
    });
    expect(repaired).toMatchObject({ hashes: [...hashes].sort(), missingHashes: [] });
    // All removed by hand: the resource is gone.
    for (const itemId of Object.values(repaired.itemIds)) delete env.emu.state.blocklist[itemId];
    expect((await handler.read(id, repaired)).id).toBe("");
  });
});

describe("no duplicates and adopt", () => {
  it("hashes already present fail without adopt (no write); with adopt only the others are added", async () => {
    const existing = Object.values(env.emu.state.blocklist)
      .filter((b) => b.companyId === bigCompany && b.hashType === 1)
      .slice(0, 2)
      .map((b) => b.hash!);
    const fresh = shas("adopt", 3);
    const news = { companyId: bigCompany, hashType: "sha256", hashes: [...existing, ...fresh], sourceInfo: "adopting" };
    await expect(create(news)).rejects.toThrow(
      /2 of the 5 sha256 hashes are already in the blocklist \(e\.g\. [0-9a-f]{64}, item [0-9a-f]{24}\)\. Set `adopt: true`/,
    );
    expect(env.writes()).toEqual([]);
    const { outs } = await create({ ...news, adopt: true });
    expect(callsOf("addToBlocklist").map((c) => (c.params as { hashList: string[] }).hashList)).toEqual([
      [...fresh].sort(),
    ]);
    expect(outs.adoptedHashes).toEqual([...existing].sort());
    expect(Object.keys(outs.itemIds)).toHaveLength(5);
  });

  it("an add applied but unanswered (dropAfterWriteRate 1) adds every hash exactly once and succeeds", async () => {
    const companyId = companies[3]!;
    const hashes = shas("lost answer", 40);
    env.emu.setFaults({ dropAfterWriteRate: 1, methods: ["incidents.addToBlocklist"], seed: 1 });
    try {
      const { outs } = await create({ companyId, hashType: "sha256", hashes, sourceInfo: "s" });
      expect(Object.keys(outs.itemIds)).toHaveLength(40);
    } finally {
      env.emu.setFaults(undefined);
    }
    expect(callsOf("addToBlocklist")).toHaveLength(1);
    const inCompany = hashesIn(companyId);
    for (const h of hashes) expect(inCompany.filter((x) => x === h)).toHaveLength(1);
  });
});

describe("partial failure", () => {
  it("a later chunk refused after the first was added: the stack records what is there, so the next up adds only the rest", async () => {
    const companyId = companies[4]!;
    const good = shas("partial", BLOCKLIST_HASHES_PER_CALL);
    // check would refuse this hash; sent straight to create, GravityZone refuses the second chunk.
    const inputs = {
      companyId,
      hashType: "sha256" as const,
      hashes: [...good.sort(), "f".repeat(63) + "z"],
      sourceInfo: "partial",
      adopt: false,
      __provider: "serialized",
    };
    const err = await handler.create(inputs).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PartialCreateError);
    const partial = err as PartialCreateError;
    expect(partial.id).toMatch(/^blocklist:/);
    expect(partial.properties).toMatchObject({ hashes: good, __provider: "serialized" });
    expect(Object.keys(partial.properties.itemIds as object)).toHaveLength(BLOCKLIST_HASHES_PER_CALL);
    expect(partial.message).toMatch(/was created .* adding 1 hashes failed/);
    expect(callsOf("addToBlocklist")).toHaveLength(2);
  });
});

describe("rate limits", () => {
  it("create, update and delete at a scaled 5/min budget: no 429 reaches the caller", async () => {
    const scaled = await startProviderEnv({ seed: "default", rateLimits: 60 });
    try {
      const companyId = Object.values(scaled.emu.state.companies).find((c) => c.type === 1)!.id;
      const hashes = shas("rate", 30);
      const inputs = await checked({ companyId, hashType: "sha256", hashes, sourceInfo: "rl" });
      const { id, outs } = await handler.create(inputs);
      let o = outs as BlocklistOutputs;
      for (let i = 0; i < 4; i++) {
        const news = { ...inputs, hashes: [...inputs.hashes.slice(1 + i), ...shas(`rate new ${i}`, 2)].sort() };
        o = (await handler.update(id, o, news)).outs as BlocklistOutputs;
      }
      await handler.delete(id, o);
      const adds = scaled.emu.calls().filter((c) => c.method === "addToBlocklist");
      const removes = scaled.emu.calls().filter((c) => c.method === "removeFromBlocklist");
      // One add per create and update; one v1.0 remove per dropped hash (1, then 3 three times: the first
      // hash left and the two added before) and per hash held at delete (26 + 2).
      expect(adds).toHaveLength(1 + 4);
      expect(removes).toHaveLength(1 + 3 * 3 + 28);
      expect(
        removes.every(
          (c) => c.version === "v1.0" && typeof (c.params as { hashItemId?: unknown }).hashItemId === "string",
        ),
      ).toBe(true);
      expect(scaled.emu.calls().filter((c) => c.status === 429)).toEqual([]);
      expect(scaled.client.stats.rateLimited).toBe(0);
    } finally {
      await scaled.close();
      setProviderClient(env.client);
    }
  }, 60_000);
});
