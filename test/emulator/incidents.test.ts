/**
 * incidents module: v1.0 hash blocklist (formats per hashType, paging over >100 items, removal),
 * v1.2 hash/path/connection rules (recursive by default, hash rules removable only with v1.0),
 * duplicates, the 100,000-hash limit, and the isolation tasks (v1.0 one endpointId, v1.2 a list).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../emulator/index";
import { fails, ok, seeded, start, type RpcOptions } from "./helpers";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await start();
});
afterAll(() => emu.close());

const SHA = "a".repeat(64);
const MD5 = "b".repeat(32);
const V12: RpcOptions = { version: "v1.2" };
const OBJECT_ID = /^[0-9a-f]{24}$/;

/** The error details of an incidents call that must fail. */
async function why(method: string, params: unknown, o: RpcOptions = {}): Promise<string> {
  return (await fails(emu, "incidents", method, params, o)).data.details;
}

/** Calls an incidents method that must succeed. */
function call<T = any>(method: string, params: unknown, o: RpcOptions = {}): Promise<T> {
  return ok<T>(emu, "incidents", method, params, o);
}

/** The v1.2 rules of a company (first 100). */
async function rules12(companyId: string): Promise<any[]> {
  return (await call("getBlocklistItems", { companyId, perPage: 100 }, V12)).items;
}

/** The v1.0 hash rules of a company (first 100). */
async function hashes10(companyId: string): Promise<any[]> {
  return (await call("getBlocklistItems", { companyId, perPage: 100 })).items;
}

/** Path rules, as v1.2 details: `{path}`. */
const pathRules = (...paths: string[]) => paths.map((path) => ({ details: { path } }));

describe("blocklist v1.0", () => {
  it("pages the hash rules of a company with more than 100 items", async () => {
    const contoso = seeded(emu).company("Contoso Dental Group").id;
    const first = await call("getBlocklistItems", { companyId: contoso, perPage: 100 });
    expect(first).toMatchObject({ total: 160, page: 1, perPage: 100, pagesCount: 2 });
    expect(first.items).toHaveLength(100);
    const second = await call("getBlocklistItems", { companyId: contoso, perPage: 100, page: 2 });
    expect(second.items).toHaveLength(60);
    const ids = new Set([...first.items, ...second.items].map((i: any) => i.id));
    expect(ids.size).toBe(160);
    const item = first.items[0];
    expect(Object.keys(item).sort()).toEqual(
      expect.arrayContaining(["companyId", "hash", "hashType", "id", "source", "sourceInfo"]),
    );
    expect(item).toMatchObject({ companyId: contoso, hashType: 1, hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect((await call("getBlocklistItems", { companyId: contoso })).perPage).toBe(30);
    expect(await why("getBlocklistItems", { perPage: 101 })).toMatch(/between 1 and 100/);
  });

  it("defaults to the key's company and shows only hash rules", async () => {
    const own = await call("getBlocklistItems", {});
    expect(own.items.every((i: any) => i.companyId === emu.state.rootCompanyId)).toBe(true);
    const fabrikam = seeded(emu).company("Fabrikam Logistics").id;
    const v10 = await call("getBlocklistItems", { companyId: fabrikam, perPage: 100 });
    expect(v10.total).toBe(10);
  });

  it("adds hashes validated against hashType and answers true", async () => {
    const company = seeded(emu).company("Tailspin Toys").id;
    expect(
      await call("addToBlocklist", {
        hashType: 1,
        hashList: [SHA.toUpperCase()],
        sourceInfo: "IR-42",
        companyId: company,
      }),
    ).toBe(true);
    expect(
      await call("addToBlocklist", { hashType: 2, hashList: [MD5], sourceInfo: "IR-43", companyId: company }),
    ).toBe(true);
    const list = await call("getBlocklistItems", { companyId: company });
    expect(list.items).toEqual([
      expect.objectContaining({ hashType: 1, hash: SHA, source: 3, sourceInfo: "IR-42", companyId: company }),
      expect.objectContaining({ hashType: 2, hash: MD5, sourceInfo: "IR-43" }),
    ]);
  });

  it("refuses hashes that do not match the hashType and a missing sourceInfo", async () => {
    expect(await why("addToBlocklist", { hashType: 1, hashList: [MD5], sourceInfo: "x" })).toMatch(
      /'hashList\[0\]'.*SHA256.*64/,
    );
    expect(await why("addToBlocklist", { hashType: 2, hashList: [MD5, SHA], sourceInfo: "x" })).toMatch(
      /'hashList\[1\]'.*MD5.*32/,
    );
    expect(await why("addToBlocklist", { hashType: 1, hashList: ["z".repeat(64)], sourceInfo: "x" })).toMatch(
      /'hashList\[0\]'/,
    );
    expect(await why("addToBlocklist", { hashType: 3, hashList: [SHA], sourceInfo: "x" })).toMatch(/'hashType'/);
    expect(await why("addToBlocklist", { hashType: 1, hashList: [SHA] })).toBe(
      "Missing required parameter 'sourceInfo'.",
    );
    expect(await why("addToBlocklist", { hashType: 1, hashList: [], sourceInfo: "x" })).toMatch(/'hashList'.*empty/);
  });

  it("ignores a hash the company already has (no duplicate rule)", async () => {
    const company = seeded(emu).company("Coho Vineyard").id;
    const hash = "c".repeat(64);
    await call("addToBlocklist", { hashType: 1, hashList: [hash], sourceInfo: "first", companyId: company });
    await call("addToBlocklist", {
      hashType: 1,
      hashList: [hash.toUpperCase()],
      sourceInfo: "again",
      companyId: company,
    });
    const list = await call("getBlocklistItems", { companyId: company });
    expect(list.items.filter((i: any) => i.hash === hash)).toEqual([expect.objectContaining({ sourceInfo: "first" })]);
  });

  it("removes by hashItemId and answers true", async () => {
    const company = seeded(emu).company("Alpine Ski House").id;
    await call("addToBlocklist", { hashType: 2, hashList: ["d".repeat(32)], sourceInfo: "tmp", companyId: company });
    const [item] = (await call("getBlocklistItems", { companyId: company })).items;
    expect(await call("removeFromBlocklist", { hashItemId: item.id })).toBe(true);
    expect(await why("removeFromBlocklist", { hashItemId: item.id })).toMatch(/was not found/);
    expect(await why("removeFromBlocklist", { ids: [item.id] })).toBe("Parameter 'ids' is not expected.");
  });

  it("takes any number of hashes per call and only the documented parameters (77211-135327)", async () => {
    const company = seeded(emu).company("Alpine Ski House").id;
    const hashes = Array.from({ length: 1001 }, (_, i) => i.toString(16).padStart(32, "0"));
    expect(
      await call("addToBlocklist", {
        hashType: 2,
        hashList: hashes,
        sourceInfo: "<b>bulk</b> import",
        companyId: company,
      }),
    ).toBe(true);
    expect((await call("getBlocklistItems", { companyId: company })).total).toBe(1001);
    const extra = { hashType: 2, hashList: [MD5], sourceInfo: "x", companyId: company, operatingSystems: ["Windows"] };
    expect(await why("addToBlocklist", extra)).toBe("Parameter 'operatingSystems' is not expected.");
    expect(await why("addToBlocklist", { hashType: 1.5, hashList: [MD5], sourceInfo: "x" })).toMatch(
      /'hashType'.*integer/,
    );
  });

  it("refuses an add that would take a company past 100,000 hashes (77211-151159)", async () => {
    const company = seeded(emu).company("Coho Vineyard");
    const template = Object.values(emu.state.blocklist).find((b) => b.type === "hash")!;
    const have = Object.values(emu.state.blocklist).filter(
      (b) => b.companyId === company.id && b.type === "hash",
    ).length;
    const filler: string[] = [];
    for (let i = have; i < 99_999; i++) {
      const bid = `f${i.toString(16).padStart(23, "0")}`;
      emu.state.blocklist[bid] = {
        ...template,
        id: bid,
        companyId: company.id,
        hash: i.toString(16).padStart(64, "0"),
      };
      filler.push(bid);
    }
    try {
      const two = { hashType: 1, hashList: ["e".repeat(64), "f".repeat(64)], sourceInfo: "x", companyId: company.id };
      expect(await why("addToBlocklist", two)).toMatch(/at most 100000 hash values/);
      expect(await call("addToBlocklist", { ...two, hashList: ["e".repeat(64)] })).toBe(true);
      const v12 = {
        companyId: company.id,
        type: "hash",
        rules: [{ details: { algorithm: "sha256", hash: "d".repeat(64) } }],
      };
      expect(await why("addToBlocklist", v12, V12)).toMatch(/at most 100000/);
    } finally {
      for (const bid of filler) delete emu.state.blocklist[bid];
    }
  });
});

describe("blocklist v1.2", () => {
  it("lists hash, path and connection rules with company, owner and source", async () => {
    const fabrikam = seeded(emu).company("Fabrikam Logistics");
    const r = await call("getBlocklistItems", { companyId: fabrikam.id, perPage: 100 }, V12);
    expect(r.total).toBe(15);
    expect(new Set(r.items.map((i: any) => i.type))).toEqual(new Set(["hash", "path", "connection"]));
    const conn = r.items.find((i: any) => i.type === "connection");
    expect(conn).toMatchObject({
      id: expect.any(String),
      source: { type: "manual", description: expect.any(String) },
      company: { id: fabrikam.id, name: "Fabrikam Logistics" },
      owner: { id: emu.state.ownerAccountId },
      created: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/),
    });
    expect(conn.details).toMatchObject({
      ruleName: expect.any(String),
      remoteAddress: expect.any(Object),
      direction: expect.any(String),
    });
  });

  it("answers the documented item members: owner {id, userName = the email}, hash details {algorithm, hash} (77211-135328)", async () => {
    const items = await rules12(seeded(emu).company("Fabrikam Logistics").id);
    for (const item of items)
      expect(Object.keys(item).sort()).toEqual(["company", "created", "details", "id", "owner", "source", "type"]);
    expect(items[0].owner).toEqual({
      id: emu.state.ownerAccountId,
      userName: emu.state.accounts[emu.state.ownerAccountId]!.email,
    });
    expect(items.find((i: any) => i.type === "hash").details).toEqual({
      algorithm: "sha256",
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it("defaults page to 1 and perPage to 30 although the page marks them Mandatory (77211-135328)", async () => {
    const contoso = seeded(emu).company("Contoso Dental Group").id;
    expect(await call("getBlocklistItems", { companyId: contoso }, V12)).toMatchObject({
      page: 1,
      perPage: 30,
      total: 160,
      pagesCount: 6,
    });
    expect(await why("getBlocklistItems", { perPage: 101 }, V12)).toMatch(/between 1 and 100/);
  });

  it("adds path, hash and connection rules; v1.2 removes path and connection rules, v1.0 hash rules", async () => {
    const reseller = seeded(emu).company("Blue Yonder IT Services").id;
    const paths = [{ details: { path: "C:\\aaa.exe" }, note: "test" }, { details: { path: "C:\\test.exe" } }];
    expect(
      await call("addToBlocklist", { companyId: reseller, type: "path", rules: paths, recursive: false }, V12),
    ).toBe(true);
    const md5Rule = { details: { algorithm: "md5", hash: "E".repeat(32) } };
    await call("addToBlocklist", { companyId: reseller, type: "hash", rules: [md5Rule], recursive: false }, V12);
    const conn = {
      ruleName: "rule 1#",
      remoteAddress: { any: false, ipMask: "10.10.10.12/32", portRange: "300-400" },
      protocol: "ICMP",
      direction: "inbound",
    };
    await call(
      "addToBlocklist",
      { companyId: reseller, type: "connection", rules: [{ details: conn }], recursive: false },
      V12,
    );
    const all = await rules12(reseller);
    expect(all.map((i: any) => i.type).sort()).toEqual(["connection", "hash", "path", "path"]);
    expect(all.find((i: any) => i.type === "connection").details.ruleId).toMatch(/^[0-9a-f-]{36}$/);
    const hash = all.find((i: any) => i.type === "hash");
    expect(hash.details).toEqual({ algorithm: "md5", hash: "e".repeat(32) });
    expect(await hashes10(reseller)).toEqual([
      expect.objectContaining({ id: hash.id, hashType: 2, hash: "e".repeat(32) }),
    ]);
    const others = all.filter((i: any) => i.type !== "hash").map((i: any) => i.id);
    expect(await call("removeFromBlocklist", { companyId: reseller, ids: others }, V12)).toBe(true);
    expect(await call("removeFromBlocklist", { hashItemId: hash.id })).toBe(true);
    expect((await call("getBlocklistItems", { companyId: reseller }, V12)).total).toBe(0);
  });

  it("refuses hash rule ids at v1.2, naming them, and removes nothing (77211-135329)", async () => {
    const tailspin = seeded(emu).company("Tailspin Toys").id;
    await call("addToBlocklist", { companyId: tailspin, type: "path", rules: pathRules("C:\\keep.exe") }, V12);
    const hashRules = [
      { details: { algorithm: "sha256", hash: "1".repeat(64) } },
      { details: { algorithm: "md5", hash: "2".repeat(32) } },
    ];
    await call("addToBlocklist", { companyId: tailspin, type: "hash", rules: hashRules }, V12);
    const before = await rules12(tailspin);
    const hashIds = before
      .filter((i: any) => ["1".repeat(64), "2".repeat(32)].includes(i.details.hash))
      .map((i: any) => i.id);
    const pathId = before.find((i: any) => i.details.path === "C:\\keep.exe").id;
    const e = await fails(
      emu,
      "incidents",
      "removeFromBlocklist",
      { companyId: tailspin, ids: [pathId, ...hashIds] },
      V12,
    );
    expect(e.code).toBe(-32602);
    expect(e.data.details).toMatch(/version 1\.0/);
    for (const hid of hashIds) expect(e.data.details).toContain(hid);
    expect(e.data.details).not.toContain(pathId);
    expect(await rules12(tailspin)).toHaveLength(before.length);
  });

  it("removes only rules of companyId (default: the key's company) at v1.2 (77211-135329)", async () => {
    const coho = seeded(emu).company("Coho Vineyard").id;
    await call("addToBlocklist", { companyId: coho, type: "path", rules: pathRules("C:\\coho.exe") }, V12);
    const rule = (await rules12(coho)).find((i: any) => i.details.path === "C:\\coho.exe");
    expect(await why("removeFromBlocklist", { ids: [rule.id] }, V12)).toMatch(new RegExp(`${rule.id}.*not found`));
    expect(await call("removeFromBlocklist", { companyId: coho, ids: [rule.id] }, V12)).toBe(true);
    expect(emu.state.blocklist[rule.id]).toBeUndefined();
  });

  it("applies rules to every company below the target unless recursive is false; removing the original removes the copies (77211-135327)", async () => {
    const s = seeded(emu);
    const reseller = s.company("Blue Yonder IT Services").id;
    const margies = s.company("Margie's Travel").id;
    const paths = async (companyId: string) =>
      (await rules12(companyId))
        .map((i: any) => i.details.path)
        .filter(Boolean)
        .sort();
    await call(
      "addToBlocklist",
      { companyId: reseller, type: "path", rules: pathRules("C:\\local.exe"), recursive: false },
      V12,
    );
    expect(await paths(margies)).toEqual([]);
    const twoPaths = [{ details: { path: "C:\\aaa.exe" }, note: "test" }, ...pathRules("C:\\test.exe")];
    await call("addToBlocklist", { companyId: reseller, type: "path", rules: twoPaths }, V12);
    expect(await paths(reseller)).toEqual(["C:\\aaa.exe", "C:\\local.exe", "C:\\test.exe"]);
    expect(await paths(margies)).toEqual(["C:\\aaa.exe", "C:\\test.exe"]);
    const copy = (await rules12(margies)).find((i: any) => i.details.path === "C:\\aaa.exe");
    expect(copy).toMatchObject({
      company: { id: margies, name: "Margie's Travel" },
      source: { type: "manual", description: "test" },
    });
    const original = (await rules12(reseller)).find((i: any) => i.details.path === "C:\\aaa.exe");
    expect(await call("removeFromBlocklist", { companyId: reseller, ids: [original.id] }, V12)).toBe(true);
    expect(await paths(margies)).toEqual(["C:\\test.exe"]);

    await call(
      "addToBlocklist",
      { companyId: reseller, type: "hash", rules: [{ details: { algorithm: "md5", hash: "9".repeat(32) } }] },
      V12,
    );
    const childHashes = async () => (await hashes10(margies)).filter((i: any) => i.hash === "9".repeat(32));
    expect(await childHashes()).toHaveLength(1);
    const parentHash = (await hashes10(reseller)).find((i: any) => i.hash === "9".repeat(32));
    expect(await call("removeFromBlocklist", { hashItemId: parentHash.id })).toBe(true);
    expect(await childHashes()).toEqual([]);

    const rest = (await rules12(reseller)).map((i: any) => i.id);
    await call("removeFromBlocklist", { companyId: reseller, ids: rest }, V12);
    expect(await paths(margies)).toEqual([]);
  });

  it("validates the rule details for the type", async () => {
    const add = (type: string, details: unknown) => why("addToBlocklist", { type, rules: [{ details }] }, V12);
    expect(await add("path", { hash: "x" })).toBe("Parameter 'rules[0].details.hash' is not expected.");
    expect(await add("hash", { algorithm: "sha256", hash: MD5 })).toMatch(/'rules\[0\].details.hash'.*SHA256/);
    expect(await add("hash", { hashType: 2, hash: MD5 })).toBe(
      "Parameter 'rules[0].details.hashType' is not expected.",
    );
    expect(await add("hash", { algorithm: "sha1", hash: MD5 })).toMatch(/'rules\[0\].details.algorithm'.*sha256, md5/);
    expect(await add("url", {})).toMatch(/'type'/);
    expect(await add("connection", { direction: "inbound" })).toBe(
      "Missing required parameter 'rules[0].details.ruleName'.",
    );
    expect(await why("addToBlocklist", { type: "path", rules: [] }, V12)).toMatch(/'rules'.*empty/);
    expect(await why("removeFromBlocklist", { ids: ["0123456789abcdef01234567"] }, V12)).toMatch(/was not found/);
  });
});

describe("isolation tasks", () => {
  it("v1.2 takes endpointIds and answers one task id per company; one invalid id changes nothing (77209-135330, 77211-135331)", async () => {
    const s = seeded(emu);
    const [a0, a1] = s.endpointsOf("Alpine Ski House").filter((x) => x.isManaged && !x.isolated);
    const b = s.endpointsOf("Coho Vineyard").find((x) => x.isManaged && !x.isolated)!;
    const unmanaged = Object.values(emu.state.endpoints).find((x) => !x.isManaged)!;
    expect(await why("createIsolateEndpointTask", { endpointIds: [a0!.id, unmanaged.id] }, V12)).toMatch(/not managed/);
    expect(await why("createIsolateEndpointTask", { endpointIds: [a0!.id, "0123456789abcdef01234567"] }, V12)).toMatch(
      /was not found/,
    );
    expect(emu.state.endpoints[a0!.id]!.isolated).toBe(false);
    expect(await why("createIsolateEndpointTask", { endpointId: a0!.id }, V12)).toBe(
      "Parameter 'endpointId' is not expected.",
    );
    const tasks = await call<string[]>("createIsolateEndpointTask", { endpointIds: [a0!.id, a1!.id, b.id] }, V12);
    expect(tasks).toEqual([expect.stringMatching(OBJECT_ID), expect.stringMatching(OBJECT_ID)]);
    for (const e of [a0!, a1!, b])
      expect((await ok(emu, "network", "getManagedEndpointDetails", { endpointId: e.id })).isIsolated).toBe(true);
    expect(await call<string[]>("createRestoreEndpointFromIsolationTask", { endpointIds: [a0!.id] }, V12)).toHaveLength(
      1,
    );
    expect(await why("createRestoreEndpointFromIsolationTask", { endpointIds: [a0!.id, a1!.id] }, V12)).toMatch(
      /cannot be restored/,
    );
    expect(emu.state.endpoints[a1!.id]!.isolated).toBe(true);
    expect(await call("createRestoreEndpointFromIsolationTask", { endpointIds: [a1!.id, b.id] }, V12)).toHaveLength(2);
  });

  it("takes a single endpointId (endpointIds is not expected) and restores only isolated endpoints", async () => {
    const e = seeded(emu)
      .endpointsOf("Tailspin Toys")
      .find((x) => x.isManaged)!;
    expect(await why("createIsolateEndpointTask", { endpointIds: [e.id] })).toBe(
      "Parameter 'endpointIds' is not expected.",
    );
    expect(await why("createRestoreEndpointFromIsolationTask", { endpointId: e.id })).toMatch(/cannot be restored/);
    expect(await call("createIsolateEndpointTask", { endpointId: e.id })).toBe(true);
    expect((await ok(emu, "network", "getManagedEndpointDetails", { endpointId: e.id })).isIsolated).toBe(true);
    expect(await call("createRestoreEndpointFromIsolationTask", { endpointId: e.id })).toBe(true);
  });
});
