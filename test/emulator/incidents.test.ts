/**
 * incidents module: v1.0 hash blocklist (formats per hashType, paging over >100 items, removal),
 * v1.2 hash/path/connection rules, duplicates, and the isolation tasks (single endpointId).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../emulator/index";
import { fails, ok, seeded, start } from "./helpers";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await start();
});
afterAll(() => emu.close());

const SHA = "a".repeat(64);
const MD5 = "b".repeat(32);

describe("blocklist v1.0", () => {
  it("pages the hash rules of a company with more than 100 items", async () => {
    const contoso = seeded(emu).company("Contoso Dental Group").id;
    const first = await ok(emu, "incidents", "getBlocklistItems", { companyId: contoso, perPage: 100 });
    expect(first).toMatchObject({ total: 160, page: 1, perPage: 100, pagesCount: 2 });
    expect(first.items).toHaveLength(100);
    const second = await ok(emu, "incidents", "getBlocklistItems", { companyId: contoso, perPage: 100, page: 2 });
    expect(second.items).toHaveLength(60);
    const ids = new Set([...first.items, ...second.items].map((i: any) => i.id));
    expect(ids.size).toBe(160);
    const item = first.items[0];
    expect(Object.keys(item).sort()).toEqual(expect.arrayContaining(["companyId", "hash", "hashType", "id", "source", "sourceInfo"]));
    expect(item).toMatchObject({ companyId: contoso, hashType: 1, hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect((await ok(emu, "incidents", "getBlocklistItems", { companyId: contoso })).perPage).toBe(30);
    expect((await fails(emu, "incidents", "getBlocklistItems", { perPage: 101 })).data.details).toMatch(/between 1 and 100/);
  });

  it("defaults to the key's company and shows only hash rules", async () => {
    const own = await ok(emu, "incidents", "getBlocklistItems", {});
    expect(own.items.every((i: any) => i.companyId === emu.state.rootCompanyId)).toBe(true);
    const fabrikam = seeded(emu).company("Fabrikam Logistics").id;
    const v10 = await ok(emu, "incidents", "getBlocklistItems", { companyId: fabrikam, perPage: 100 });
    expect(v10.total).toBe(10);
  });

  it("adds hashes validated against hashType and answers true", async () => {
    const company = seeded(emu).company("Tailspin Toys").id;
    expect(await ok(emu, "incidents", "addToBlocklist", { hashType: 1, hashList: [SHA.toUpperCase()], sourceInfo: "IR-42", companyId: company })).toBe(true);
    expect(await ok(emu, "incidents", "addToBlocklist", { hashType: 2, hashList: [MD5], sourceInfo: "IR-43", companyId: company })).toBe(true);
    const list = await ok(emu, "incidents", "getBlocklistItems", { companyId: company });
    expect(list.items).toEqual([
      expect.objectContaining({ hashType: 1, hash: SHA, source: 3, sourceInfo: "IR-42", companyId: company }),
      expect.objectContaining({ hashType: 2, hash: MD5, sourceInfo: "IR-43" }),
    ]);
  });

  it("refuses hashes that do not match the hashType and a missing sourceInfo", async () => {
    expect((await fails(emu, "incidents", "addToBlocklist", { hashType: 1, hashList: [MD5], sourceInfo: "x" })).data.details).toMatch(/'hashList\[0\]'.*SHA256.*64/);
    expect((await fails(emu, "incidents", "addToBlocklist", { hashType: 2, hashList: [MD5, SHA], sourceInfo: "x" })).data.details).toMatch(/'hashList\[1\]'.*MD5.*32/);
    expect((await fails(emu, "incidents", "addToBlocklist", { hashType: 1, hashList: ["z".repeat(64)], sourceInfo: "x" })).data.details).toMatch(/'hashList\[0\]'/);
    expect((await fails(emu, "incidents", "addToBlocklist", { hashType: 3, hashList: [SHA], sourceInfo: "x" })).data.details).toMatch(/'hashType'/);
    expect((await fails(emu, "incidents", "addToBlocklist", { hashType: 1, hashList: [SHA] })).data.details).toBe("Missing required parameter 'sourceInfo'.");
    expect((await fails(emu, "incidents", "addToBlocklist", { hashType: 1, hashList: [], sourceInfo: "x" })).data.details).toMatch(/'hashList'.*empty/);
  });

  it("ignores a hash the company already has (no duplicate rule)", async () => {
    const company = seeded(emu).company("Coho Vineyard").id;
    const hash = "c".repeat(64);
    await ok(emu, "incidents", "addToBlocklist", { hashType: 1, hashList: [hash], sourceInfo: "first", companyId: company });
    await ok(emu, "incidents", "addToBlocklist", { hashType: 1, hashList: [hash.toUpperCase()], sourceInfo: "again", companyId: company });
    const list = await ok(emu, "incidents", "getBlocklistItems", { companyId: company });
    expect(list.items.filter((i: any) => i.hash === hash)).toEqual([expect.objectContaining({ sourceInfo: "first" })]);
  });

  it("removes by hashItemId and answers true", async () => {
    const company = seeded(emu).company("Alpine Ski House").id;
    await ok(emu, "incidents", "addToBlocklist", { hashType: 2, hashList: ["d".repeat(32)], sourceInfo: "tmp", companyId: company });
    const [item] = (await ok(emu, "incidents", "getBlocklistItems", { companyId: company })).items;
    expect(await ok(emu, "incidents", "removeFromBlocklist", { hashItemId: item.id })).toBe(true);
    expect((await fails(emu, "incidents", "removeFromBlocklist", { hashItemId: item.id })).data.details).toMatch(/was not found/);
    expect((await fails(emu, "incidents", "removeFromBlocklist", { ids: [item.id] })).data.details).toBe("Parameter 'ids' is not expected.");
  });
});

describe("blocklist v1.2", () => {
  it("lists hash, path and connection rules with company, owner and source", async () => {
    const fabrikam = seeded(emu).company("Fabrikam Logistics");
    const r = await ok(emu, "incidents", "getBlocklistItems", { companyId: fabrikam.id, perPage: 100 }, { version: "v1.2" });
    expect(r.total).toBe(15);
    expect(new Set(r.items.map((i: any) => i.type))).toEqual(new Set(["hash", "path", "connection"]));
    const conn = r.items.find((i: any) => i.type === "connection");
    expect(conn).toMatchObject({ id: expect.any(String), source: { type: "manual", description: expect.any(String) }, company: { id: fabrikam.id, name: "Fabrikam Logistics" }, owner: { id: emu.state.ownerAccountId }, created: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/) });
    expect(conn.details).toMatchObject({ ruleName: expect.any(String), remoteAddress: expect.any(Object), direction: expect.any(String) });
  });

  it("adds path, hash and connection rules (recursive to subordinate companies on request) and removes by ids", async () => {
    const s = seeded(emu);
    const reseller = s.company("Blue Yonder IT Services").id;
    const margies = s.company("Margie's Travel").id;
    expect(await ok(emu, "incidents", "addToBlocklist", { companyId: reseller, type: "path", rules: [{ details: { path: "C:\\aaa.exe" }, note: "test" }, { details: { path: "C:\\test.exe" } }], recursive: true }, { version: "v1.2" })).toBe(true);
    const child = await ok(emu, "incidents", "getBlocklistItems", { companyId: margies }, { version: "v1.2" });
    expect(child.items.map((i: any) => i.details.path).sort()).toEqual(["C:\\aaa.exe", "C:\\test.exe"]);
    await ok(emu, "incidents", "addToBlocklist", { companyId: reseller, type: "hash", rules: [{ details: { hashType: 2, hash: "e".repeat(32) } }] }, { version: "v1.2" });
    await ok(emu, "incidents", "addToBlocklist", { companyId: reseller, type: "connection", rules: [{ details: { ruleName: "rule 1#", remoteAddress: { any: false, ipMask: "10.10.10.12/32", portRange: "300-400" }, protocol: "ICMP", direction: "inbound", ipVersion: "IPV4" } }] }, { version: "v1.2" });
    const all = await ok(emu, "incidents", "getBlocklistItems", { companyId: reseller }, { version: "v1.2" });
    expect(all.items.map((i: any) => i.type).sort()).toEqual(["connection", "hash", "path", "path"]);
    expect(all.items.find((i: any) => i.type === "connection").details.ruleId).toMatch(/^[0-9a-f-]{36}$/);
    const v10 = await ok(emu, "incidents", "getBlocklistItems", { companyId: reseller });
    expect(v10.items).toEqual([expect.objectContaining({ hashType: 2, hash: "e".repeat(32) })]);
    expect(await ok(emu, "incidents", "removeFromBlocklist", { ids: all.items.map((i: any) => i.id) }, { version: "v1.2" })).toBe(true);
    expect((await ok(emu, "incidents", "getBlocklistItems", { companyId: reseller }, { version: "v1.2" })).total).toBe(0);
  });

  it("validates the rule details for the type", async () => {
    const v = { version: "v1.2" as const };
    expect((await fails(emu, "incidents", "addToBlocklist", { type: "path", rules: [{ details: { hash: "x" } }] }, v)).data.details).toBe("Parameter 'rules[0].details.hash' is not expected.");
    expect((await fails(emu, "incidents", "addToBlocklist", { type: "hash", rules: [{ details: { hashType: 1, hash: MD5 } }] }, v)).data.details).toMatch(/'rules\[0\].details.hash'.*SHA256/);
    expect((await fails(emu, "incidents", "addToBlocklist", { type: "url", rules: [{ details: {} }] }, v)).data.details).toMatch(/'type'/);
    expect((await fails(emu, "incidents", "addToBlocklist", { type: "connection", rules: [{ details: { direction: "inbound" } }] }, v)).data.details).toBe("Missing required parameter 'rules[0].details.ruleName'.");
    expect((await fails(emu, "incidents", "addToBlocklist", { type: "path", rules: [] }, v)).data.details).toMatch(/'rules'.*empty/);
    expect((await fails(emu, "incidents", "removeFromBlocklist", { ids: ["0123456789abcdef01234567"] }, v)).data.details).toMatch(/was not found/);
  });
});

describe("isolation tasks", () => {
  it("takes a single endpointId (endpointIds is not expected) and restores only isolated endpoints", async () => {
    const e = seeded(emu).endpointsOf("Tailspin Toys").find((x) => x.isManaged)!;
    expect((await fails(emu, "incidents", "createIsolateEndpointTask", { endpointIds: [e.id] })).data.details).toBe("Parameter 'endpointIds' is not expected.");
    expect((await fails(emu, "incidents", "createRestoreEndpointFromIsolationTask", { endpointId: e.id })).data.details).toMatch(/cannot be restored/);
    expect(await ok(emu, "incidents", "createIsolateEndpointTask", { endpointId: e.id })).toBe(true);
    expect((await ok(emu, "network", "getManagedEndpointDetails", { endpointId: e.id })).isIsolated).toBe(true);
    expect(await ok(emu, "incidents", "createRestoreEndpointFromIsolationTask", { endpointId: e.id })).toBe(true);
  });
});
