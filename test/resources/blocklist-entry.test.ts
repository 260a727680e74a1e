import { createHash } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { trueResult } from "../../provider/client";
import { handler, type BlocklistEntryOutputs } from "../../provider/resources/blocklist-entry";
import { UNKNOWN } from "../../provider/framework/unknown";
import { checkedInputs, startProviderEnv, type ProviderEnv } from "../helpers/provider-env";

let env: ProviderEnv;
/** The seeded company whose blocklist holds more than 100 items. */
let bigCompany: string;
/** A seeded company with a small blocklist. */
let company: string;

const sha = (s: string) => createHash("sha256").update(s).digest("hex");
const md5 = (s: string) => createHash("md5").update(s).digest("hex");

beforeAll(async () => {
  env = await startProviderEnv({ seed: "default" });
  const counts = new Map<string, number>();
  for (const b of Object.values(env.emu.state.blocklist)) counts.set(b.companyId, (counts.get(b.companyId) ?? 0) + 1);
  bigCompany = [...counts].sort((a, b) => b[1] - a[1])[0]![0];
  expect(counts.get(bigCompany)).toBeGreaterThan(100);
  company = Object.values(env.emu.state.companies).find((c) => c.type === 1 && c.id !== bigCompany)!.id;
});
afterAll(() => env.close());
beforeEach(() => env.reset());

const checked = (news: Record<string, unknown>) => checkedInputs(handler, news);

async function create(news: Record<string, unknown>) {
  const inputs = await checked(news);
  const r = await handler.create(inputs);
  return { inputs, id: r.id, outs: r.outs as BlocklistEntryOutputs };
}

const callsOf = (method: string) => env.emu.calls().filter((c) => c.method === method);
const itemsWith = (hash: string) => Object.values(env.emu.state.blocklist).filter((b) => b.hash === hash);

describe("check", () => {
  const h = sha("check");
  it.each([
    [{ hash: h.slice(1), sourceInfo: "x" }, "hash", "hash: must be a SHA-256 hash: 64 hexadecimal characters"],
    [{ hash: h, hashType: "md5", sourceInfo: "x" }, "hash", "hash: must be an MD5 hash: 32 hexadecimal characters"],
    [{ hash: h, hashType: "sha1", sourceInfo: "x" }, "hashType", "hashType: must be sha256 or md5"],
    [{ sourceInfo: "x" }, "hash", "hash: give exactly one of hash, path or connection"],
    [{ hash: h, path: "C:\\a.exe", sourceInfo: "x" }, "path", "path: give exactly one of hash, path or connection"],
    [{ hash: h }, "sourceInfo", "sourceInfo: is required for hash entries (GravityZone records why a hash is blocked)"],
    [
      { hash: h, sourceInfo: "x", note: "n" },
      "note",
      "note: is for path and connection rules; use sourceInfo for hash entries",
    ],
    [
      { path: "C:\\a.exe", sourceInfo: "x" },
      "sourceInfo",
      "sourceInfo: is for hash entries; use note for path and connection rules",
    ],
    [{ path: "C:\\a.exe", hashType: "md5" }, "hashType", "hashType: is only for hash entries"],
    [{ hash: h, sourceInfo: "<b>bad</b>" }, "sourceInfo", "sourceInfo: must not contain HTML (< or >)"],
    [{ hash: h, sourceInfo: "x".repeat(513) }, "sourceInfo", "sourceInfo: must be at most 512 characters"],
    [
      { hash: h, sourceInfo: "x", companyId: "acme" },
      "companyId",
      "companyId: must be a GravityZone id (24 hexadecimal characters)",
    ],
    [{ path: "" }, "path", "path: must not be empty"],
    [
      { connection: { ruleName: "r", direction: "sideways" } },
      "connection",
      "connection.direction: must be inbound, outbound or both",
    ],
    [
      { connection: { ruleName: "r", protocol: "SCTP" } },
      "connection",
      "connection.protocol: must be one of ANY, TCP, UDP, ICMP, ICMPv6, IGMP, GRE",
    ],
    [
      { connection: { ruleName: "r", ipVersion: "v4" } },
      "connection",
      "connection.ipVersion: must be ANY, IPV4 or IPV6",
    ],
    [
      { connection: { ruleName: "r", localAddress: { portRange: "http" } } },
      "connection",
      "connection.localAddress.portRange: must be ports or port ranges separated by commas, e.g. 443 or 300-400,8080",
    ],
    [
      { connection: { ruleName: "r", remoteAddress: { ipMask: "ten/8" } } },
      "connection",
      "connection.remoteAddress.ipMask: must be an IP address or network in CIDR form, e.g. 10.10.10.12/32",
    ],
    [
      { connection: { ruleName: "r", operatingSystems: ["BeOS"] } },
      "connection",
      "connection.operatingSystems.0: must be Windows, Linux or macOS",
    ],
    [
      { connection: { ruleName: "r", hash: "abc" } },
      "connection",
      "connection.hash: must be an MD5 (32) or SHA-256 (64) hexadecimal hash",
    ],
    [{ connection: { ruleName: "" } }, "connection", "connection.ruleName: must not be empty"],
    [{ hash: h, sourceInfo: "x", adopt: "yes" }, "adopt", "adopt: Invalid input: expected boolean, received string"],
  ])("%j fails on %s before any API call", async (news, property, reason) => {
    const { failures } = await handler.check({}, news);
    expect(failures).toEqual([{ property, reason }]);
    expect(env.calls()).toEqual([]);
  });

  it("lower-cases the hash, infers its algorithm, and passes preview unknowns through", async () => {
    expect(await checked({ hash: sha("x").toUpperCase(), sourceInfo: "s" })).toEqual({
      hash: sha("x"),
      hashType: "sha256",
      sourceInfo: "s",
      adopt: false,
    });
    expect(await checked({ hash: md5("x"), sourceInfo: "s" })).toMatchObject({ hashType: "md5" });
    expect((await handler.check({}, { hash: UNKNOWN, sourceInfo: "s" })).failures).toBeUndefined();
    expect(
      (await handler.check({}, { hash: sha("x"), sourceInfo: UNKNOWN, companyId: UNKNOWN })).failures,
    ).toBeUndefined();
    expect(env.calls()).toEqual([]);
  });
});

describe("hash entries", () => {
  it("create looks up every page, adds with v1.0, finds the id by listing; read, no-op, replace and idempotent delete", async () => {
    const hash = sha("lifecycle");
    const { inputs, id, outs } = await create({ hash, sourceInfo: "from an incident", companyId: bigCompany });
    expect(outs).toEqual({ ...inputs, ruleType: "hash", itemId: id, adopted: false });
    const [item] = itemsWith(hash);
    expect(item!.id).toBe(id);
    expect(callsOf("addToBlocklist").map((c) => [c.version, c.params])).toEqual([
      ["v1.0", { hashType: 1, hashList: [hash], sourceInfo: "from an incident", companyId: bigCompany }],
    ]);
    // The big company's list spans two pages: the lookup before and the listing after both read them all.
    const lists = callsOf("getBlocklistItems");
    expect(lists.map((c) => (c.params as { page: number }).page)).toEqual([1, 2, 1, 2]);
    expect(lists.every((c) => c.version === "v1.0" && (c.params as { perPage: number }).perPage === 100)).toBe(true);

    const read = await handler.read(id, outs);
    expect(read).toMatchObject({ id, props: outs });
    expect(await handler.diff(id, read.props, inputs)).toEqual({
      changes: false,
      replaces: [],
      deleteBeforeReplace: false,
    });
    env.reset();
    await handler.update(id, outs, inputs);
    expect(env.calls()).toEqual([]);
    expect(await handler.diff(id, outs, { ...inputs, sourceInfo: "other" })).toEqual({
      changes: true,
      replaces: ["sourceInfo"],
      deleteBeforeReplace: true,
    });
    expect(await handler.diff(id, outs, { ...inputs, hash: sha("other") })).toEqual({
      changes: true,
      replaces: ["hash"],
      deleteBeforeReplace: true,
    });
    expect(await handler.diff(id, outs, { ...inputs, adopt: true })).toEqual({
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
    });

    env.reset();
    await handler.delete(id, outs);
    expect(callsOf("removeFromBlocklist").map((c) => [c.version, c.params])).toEqual([["v1.0", { hashItemId: id }]]);
    expect(itemsWith(hash)).toEqual([]);
    await handler.delete(id, outs);
    expect((await handler.read(id, outs)).id).toBe("");
  });

  it("an MD5 hash goes in with hashType 2", async () => {
    const hash = md5("md5 entry");
    const { id } = await create({ hash, sourceInfo: "md5", companyId: company });
    expect(callsOf("addToBlocklist")[0]!.params).toEqual({
      hashType: 2,
      hashList: [hash],
      sourceInfo: "md5",
      companyId: company,
    });
    expect(env.emu.state.blocklist[id]).toMatchObject({ hashType: 2, hash });
  });

  it("read reports an entry removed in the console as gone", async () => {
    const { id, outs } = await create({ hash: sha("console removed"), sourceInfo: "s", companyId: company });
    await env.console({ action: "removeBlocklistItem", id });
    expect((await handler.read(id, outs)).id).toBe("");
  });
});

describe("path and connection rules", () => {
  it("a path rule is added and removed with v1.2", async () => {
    const { inputs, id, outs } = await create({
      path: "C:\\Tools\\PsExec.exe",
      note: "no remote exec",
      companyId: company,
    });
    expect(outs).toMatchObject({ ruleType: "path", itemId: id });
    expect(callsOf("addToBlocklist").map((c) => [c.version, c.params])).toEqual([
      [
        "v1.2",
        {
          companyId: company,
          type: "path",
          rules: [{ details: { path: "C:\\Tools\\PsExec.exe" }, note: "no remote exec" }],
          recursive: false,
        },
      ],
    ]);
    expect(callsOf("getBlocklistItems").every((c) => c.version === "v1.2")).toBe(true);
    const read = await handler.read(id, outs);
    expect(read.props).toEqual(outs);
    expect(await handler.diff(id, read.props, inputs)).toMatchObject({ changes: false });
    env.reset();
    await handler.delete(id, outs);
    expect(callsOf("removeFromBlocklist").map((c) => [c.version, c.params])).toEqual([
      ["v1.2", { companyId: company, ids: [id] }],
    ]);
    await handler.delete(id, outs);
    expect((await handler.read(id, outs)).id).toBe("");
  });

  it("a connection rule is added with its details, read back without server-filled fields, and removed", async () => {
    const connection = {
      ruleName: "block c2",
      direction: "outbound",
      protocol: "TCP",
      ipVersion: "IPV4",
      remoteAddress: { any: false, ipMask: "203.0.113.7/32", portRange: "443" },
      localAddress: { any: true },
      operatingSystems: ["Windows"],
    };
    const { inputs, id, outs } = await create({ connection, note: "C2 server", companyId: company });
    expect(callsOf("addToBlocklist")[0]!.params).toEqual({
      companyId: company,
      type: "connection",
      rules: [{ details: connection, note: "C2 server" }],
      recursive: false,
    });
    expect(env.emu.state.blocklist[id]!.details).toHaveProperty("ruleId");
    const read = await handler.read(id, outs);
    expect(read.props).toEqual(outs);
    expect(await handler.diff(id, read.props, inputs)).toMatchObject({ changes: false });
    expect(await handler.diff(id, read.props, { ...inputs, connection: { ...connection, direction: "both" } })).toEqual(
      { changes: true, replaces: ["connection"], deleteBeforeReplace: true },
    );
    await handler.delete(id, outs);
    expect(env.emu.state.blocklist[id]).toBeUndefined();
  });
});

describe("rules stay on their company", () => {
  it("a v1.2 add carries recursive: false, so the rule does not appear in the companies below", async () => {
    const s = env.emu.state;
    const partner = Object.values(s.companies).find(
      (c) => c.type === 0 && c.id !== s.rootCompanyId && Object.values(s.companies).some((x) => x.parentId === c.id),
    )!;
    const child = Object.values(s.companies).find((c) => c.parentId === partner.id)!;
    // Every page of a company's rules, as v1.2 lists them.
    const rulesOf = (companyId: string) =>
      env.client.listAll(
        "incidents",
        "getBlocklistItems",
        { companyId },
        z.object({ id: z.string(), type: z.string(), details: z.record(z.string(), z.unknown()).nullish() }).loose(),
        { version: "v1.2" },
      );
    const withPath = <T extends { type: string; details?: Record<string, unknown> | null }>(items: T[], path: string) =>
      items.filter((i) => i.type === "path" && i.details?.path === path);

    // Without recursive: false, GravityZone copies a rule into every company below (77211-135327).
    await env.client.call(
      "incidents",
      "addToBlocklist",
      { companyId: partner.id, type: "path", rules: [{ details: { path: "C:\\Control\\copied.exe" } }] },
      trueResult,
      { version: "v1.2" },
    );
    expect(withPath(await rulesOf(child.id), "C:\\Control\\copied.exe")).toHaveLength(1);
    const control = withPath(await rulesOf(partner.id), "C:\\Control\\copied.exe").map((i) => i.id);
    await env.client.call("incidents", "removeFromBlocklist", { companyId: partner.id, ids: control }, trueResult, {
      version: "v1.2",
    });
    expect(withPath(await rulesOf(child.id), "C:\\Control\\copied.exe")).toEqual([]);

    env.reset();
    const { inputs, id, outs } = await create({
      path: "C:\\Partner\\only.exe",
      note: "partner only",
      companyId: partner.id,
    });
    expect(callsOf("addToBlocklist").map((c) => [c.version, c.params])).toEqual([
      [
        "v1.2",
        {
          companyId: partner.id,
          type: "path",
          rules: [{ details: { path: "C:\\Partner\\only.exe" }, note: "partner only" }],
          recursive: false,
        },
      ],
    ]);
    expect(withPath(await rulesOf(partner.id), "C:\\Partner\\only.exe").map((i) => i.id)).toEqual([id]);
    expect(withPath(await rulesOf(child.id), "C:\\Partner\\only.exe")).toEqual([]);
    expect(
      Object.values(s.blocklist)
        .filter((b) => b.details.path === "C:\\Partner\\only.exe")
        .map((b) => b.companyId),
    ).toEqual([partner.id]);

    const connection = {
      ruleName: "partner c2",
      direction: "outbound",
      remoteAddress: { any: false, ipMask: "192.0.2.44/32" },
    };
    const conn = await create({ connection, companyId: partner.id });
    expect(callsOf("addToBlocklist")[1]!.params).toEqual({
      companyId: partner.id,
      type: "connection",
      rules: [{ details: connection }],
      recursive: false,
    });
    expect(
      Object.values(s.blocklist)
        .filter((b) => b.details.ruleName === "partner c2")
        .map((b) => b.companyId),
    ).toEqual([partner.id]);

    expect(await handler.diff(id, (await handler.read(id, outs)).props, inputs)).toMatchObject({ changes: false });
    await handler.delete(id, outs);
    await handler.delete(conn.id, conn.outs);
    expect(s.blocklist[id]).toBeUndefined();
    expect(s.blocklist[conn.id]).toBeUndefined();
  });
});

describe("no duplicates and adopt", () => {
  it("an existing hash fails without adopt (no write) and is adopted with adopt: true (no write)", async () => {
    const seeded = Object.values(env.emu.state.blocklist).find((b) => b.companyId === bigCompany && b.type === "hash")!;
    const news = {
      hash: seeded.hash!,
      hashType: seeded.hashType === 1 ? "sha256" : "md5",
      sourceInfo: "mine",
      companyId: bigCompany,
    };
    await expect(create(news)).rejects.toThrow(
      new RegExp(
        `blocklist (sha256|md5) hash ${seeded.hash} already exists in GravityZone \\(id ${seeded.id}\\)\\. Set \`adopt: true\``,
      ),
    );
    expect(env.writes()).toEqual([]);
    const adopted = await create({ ...news, adopt: true });
    expect(adopted.id).toBe(seeded.id);
    expect(adopted.outs.adopted).toBe(true);
    expect(env.writes()).toEqual([]);
  });

  it("a connection rule whose program hash GravityZone holds in upper case is adopted with no write and reads back without a diff", async () => {
    const upper = sha("upper-case program").toUpperCase();
    await env.client.call(
      "incidents",
      "addToBlocklist",
      {
        companyId: company,
        type: "connection",
        rules: [{ details: { ruleName: "upper hash", hash: upper, direction: "outbound" }, note: "n" }],
      },
      trueResult,
      { version: "v1.2" },
    );
    env.reset();
    const { inputs, id, outs } = await create({
      connection: { ruleName: "upper hash", hash: upper, direction: "outbound" },
      note: "n",
      companyId: company,
      adopt: true,
    });
    expect(outs.adopted).toBe(true);
    expect(env.writes()).toEqual([]);
    const read = await handler.read(id, outs);
    expect(await handler.diff(id, read.props, inputs)).toMatchObject({ changes: false });
    await handler.delete(id, outs);
  });

  it("an existing path rule (any case) is found and needs adopt", async () => {
    await create({ path: "C:\\Temp\\Dropper.EXE", companyId: company });
    await expect(create({ path: "c:\\temp\\dropper.exe", companyId: company })).rejects.toThrow(
      /already exists.*adopt: true/,
    );
  });

  it("an add applied but unanswered (dropAfterWriteRate 1) leaves exactly one item and succeeds", async () => {
    const hash = sha("ambiguous");
    env.emu.setFaults({ dropAfterWriteRate: 1, methods: ["incidents.addToBlocklist"], seed: 1 });
    try {
      const { id } = await create({ hash, sourceInfo: "s", companyId: company });
      expect(itemsWith(hash).map((b) => b.id)).toEqual([id]);
    } finally {
      env.emu.setFaults(undefined);
    }
    expect(callsOf("addToBlocklist")).toHaveLength(1);
  });
});

describe("refreshing many entries", () => {
  it("entries read together share one listing of every page, and each answer is current", async () => {
    const entries = [];
    for (let i = 0; i < 6; i++)
      entries.push(await create({ hash: sha(`many ${i}`), sourceInfo: "s", companyId: bigCompany }));
    const total = Object.values(env.emu.state.blocklist).filter(
      (b) => b.companyId === bigCompany && b.type === "hash",
    ).length;
    expect(total).toBeGreaterThan(100);
    // One removed by hand just before the refresh.
    await env.console({ action: "removeBlocklistItem", id: entries[2]!.id });
    env.reset();
    const reads = await Promise.all(entries.map((e) => handler.read(e.id, e.outs)));
    expect(reads.map((r) => r.id)).toEqual(entries.map((e, i) => (i === 2 ? "" : e.id)));
    // The new entries sit on the last page: found there, with ⌈items/100⌉ list calls in all.
    expect(callsOf("getBlocklistItems")).toHaveLength(Math.ceil((total - 1) / 100));
    for (const e of entries) await handler.delete(e.id, e.outs);
  });

  it("a read that starts while a listing is under way does not join it; a read after it uses its answer", async () => {
    const { id, outs } = await create({ hash: sha("fresh"), sourceInfo: "s", companyId: company });
    env.emu.setFaults({ latencyMs: 80, methods: ["incidents.getBlocklistItems"], seed: 1 });
    env.reset();
    try {
      const a = handler.read(id, outs);
      const b = handler.read(id, outs);
      await new Promise((r) => setTimeout(r, 40));
      await env.console({ action: "removeBlocklistItem", id });
      // A refresh sees the blocklist as the listing for its first entry found it.
      const c = handler.read(id, outs);
      const [ra, rb, rc] = await Promise.all([a, b, c]);
      expect(rc.id).toBe(ra.id);
      expect(rb.id).toBe(ra.id);
    } finally {
      env.emu.setFaults(undefined);
    }
    // a, b and c shared one listing (one page for this company).
    expect(callsOf("getBlocklistItems")).toHaveLength(1);
  });

  it("a refresh handing entries over a few at a time lists each company once; a write makes the next read list again", async () => {
    const entries = [];
    for (let i = 0; i < 12; i++)
      entries.push(await create({ hash: sha(`refresh ${i}`), sourceInfo: "s", companyId: bigCompany }));
    const total = Object.values(env.emu.state.blocklist).filter(
      (b) => b.companyId === bigCompany && b.type === "hash",
    ).length;
    env.reset();
    // Like the engine with --parallel 3: the next read starts when one finishes.
    const queue = [...entries];
    const reads = await Promise.all(
      Array.from({ length: 3 }, async () => {
        const out = [];
        for (let e = queue.shift(); e; e = queue.shift()) out.push((await handler.read(e.id, e.outs)).id);
        return out;
      }),
    );
    expect(reads.flat().sort()).toEqual(entries.map((e) => e.id).sort());
    expect(callsOf("getBlocklistItems")).toHaveLength(Math.ceil(total / 100));
    // Deleting one entry is a write: the next read lists again and sees it gone.
    await handler.delete(entries[0]!.id, entries[0]!.outs);
    env.reset();
    expect((await handler.read(entries[0]!.id, entries[0]!.outs)).id).toBe("");
    expect(callsOf("getBlocklistItems")).toHaveLength(Math.ceil((total - 1) / 100));
    for (const e of entries.slice(1)) await handler.delete(e.id, e.outs);
  });
});

describe("creating and deleting many entries", () => {
  it("hashes created together with the same note go out as one addToBlocklist call, each entry with its own item", async () => {
    const hashes = Array.from({ length: 5 }, (_, i) => sha(`together ${i}`));
    const inputs = await Promise.all(hashes.map((hash) => checked({ hash, sourceInfo: "feed", companyId: company })));
    env.reset();
    const made = await Promise.all(inputs.map((i) => handler.create(i)));
    const adds = callsOf("addToBlocklist");
    expect(adds).toHaveLength(1);
    expect([...(adds[0]!.params as { hashList: string[] }).hashList].sort()).toEqual([...hashes].sort());
    expect(made.map((m) => m.id)).toEqual(hashes.map((h) => itemsWith(h)[0]!.id));
    await Promise.all(made.map((m) => handler.delete(m.id, m.outs)));
  });

  it("hash entries deleted together are removed with one v1.0 {hashItemId} call each (the only way to remove a hash rule)", async () => {
    const entries = [];
    for (let i = 0; i < 5; i++)
      entries.push(await create({ hash: sha(`batch ${i}`), sourceInfo: "s", companyId: company }));
    env.reset();
    await Promise.all(entries.map((e) => handler.delete(e.id, e.outs)));
    const removes = callsOf("removeFromBlocklist");
    expect(removes).toHaveLength(5);
    expect(removes.map((c) => c.version)).toEqual(Array(5).fill("v1.0"));
    expect(
      removes.map((c) => c.params as { hashItemId: string }).sort((a, b) => a.hashItemId.localeCompare(b.hashItemId)),
    ).toEqual(
      entries
        .map((e) => e.id)
        .sort()
        .map((hashItemId) => ({ hashItemId })),
    );
    expect(env.writes()).toEqual(Array(5).fill("incidents.removeFromBlocklist"));
    for (const e of entries) expect(itemsWith(e.outs.hash!)).toEqual([]);
  });

  it("path and connection rules of one company deleted together go out in one v1.2 {companyId, ids} call, one call per company", async () => {
    const other = Object.values(env.emu.state.companies).find(
      (c) => c.type === 1 && c.id !== bigCompany && c.id !== company,
    )!.id;
    const here = [
      await create({ path: "C:\\Batch\\one.exe", companyId: company }),
      await create({ path: "C:\\Batch\\two.exe", companyId: company }),
      await create({
        connection: {
          ruleName: "batch c2",
          direction: "outbound",
          remoteAddress: { any: false, ipMask: "198.51.100.9/32" },
        },
        companyId: company,
      }),
    ];
    const there = [
      await create({ path: "C:\\Batch\\one.exe", companyId: other }),
      await create({ path: "C:\\Batch\\three.exe", companyId: other }),
    ];
    env.reset();
    await Promise.all([...here, ...there].map((e) => handler.delete(e.id, e.outs)));
    const removes = callsOf("removeFromBlocklist").map(
      (c) => [c.version, c.params as { companyId: string; ids: string[] }] as const,
    );
    expect(removes).toHaveLength(2);
    const byCompany = Object.fromEntries(
      removes.map(([version, p]) => [p.companyId, { version, keys: Object.keys(p).sort(), ids: [...p.ids].sort() }]),
    );
    expect(byCompany).toEqual({
      [company]: { version: "v1.2", keys: ["companyId", "ids"], ids: here.map((e) => e.id).sort() },
      [other]: { version: "v1.2", keys: ["companyId", "ids"], ids: there.map((e) => e.id).sort() },
    });
    for (const e of [...here, ...there]) expect(env.emu.state.blocklist[e.id]).toBeUndefined();
  });

  it("a rule removed by hand among rules deleted together does not fail the others", async () => {
    const rules = [];
    for (let i = 0; i < 3; i++) rules.push(await create({ path: `C:\\Gone\\${i}.exe`, companyId: company }));
    await env.console({ action: "removeBlocklistItem", id: rules[1]!.id });
    env.reset();
    await Promise.all(rules.map((e) => handler.delete(e.id, e.outs)));
    // The call for all three is refused; each is then removed on its own, the one gone confirmed by a listing.
    const removes = callsOf("removeFromBlocklist").map(
      (c) => [c.version, c.params as { companyId: string; ids: string[] }] as const,
    );
    expect(removes.map(([v, p]) => [v, p.companyId, p.ids.length])).toEqual([
      ["v1.2", company, 3],
      ["v1.2", company, 1],
      ["v1.2", company, 1],
      ["v1.2", company, 1],
    ]);
    for (const e of rules) expect(env.emu.state.blocklist[e.id]).toBeUndefined();
  });

  it("an item already removed by hand does not fail the others", async () => {
    const entries = [];
    for (let i = 0; i < 3; i++)
      entries.push(await create({ hash: sha(`batch gone ${i}`), sourceInfo: "s", companyId: company }));
    await env.console({ action: "removeBlocklistItem", id: entries[1]!.id });
    await Promise.all(entries.map((e) => handler.delete(e.id, e.outs)));
    for (const e of entries) expect(itemsWith(e.outs.hash!)).toEqual([]);
  });
});
