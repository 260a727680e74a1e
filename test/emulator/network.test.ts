/**
 * network module: the inventory tree (every company's 'Computers and Groups' and 'Deleted' groups, type
 * codes, filters, recursion, paging per version), endpoints, custom groups, scan tasks and policy
 * assignment (effective policy, the live inheritFromAbove quirk, forced inheritance and enforced targets).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { runConsoleAction } from "../../emulator/console";
import { seedState, type RunningEmulator } from "../../emulator/index";
import { readStateFile } from "../../emulator/persistence";
import { fails, ok, seeded, start } from "./helpers";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await start();
});
afterAll(() => emu.close());

const ZERO_ID = "0123456789abcdef01234567";

/** A company's system groups, looked up in the state. */
function systemGroups(companyId: string) {
  const groups = Object.values(emu.state.groups).filter((g) => g.companyId === companyId && g.system !== undefined);
  return {
    home: groups.find((g) => g.system === "computersAndGroups")!,
    deleted: groups.find((g) => g.system === "deleted")!,
  };
}

/** The details of a network call that must fail with a JSON-RPC error. */
async function refusal(method: string, params: unknown, version?: "v1.0" | "v1.1"): Promise<string> {
  return (await fails(emu, "network", method, params, version ? { version } : {})).data.details;
}

/** The runtime error a console action throws, or undefined. */
function consoleError(body: Record<string, unknown>): string | undefined {
  try {
    runConsoleAction(emu.state, body);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

describe("the network tree", () => {
  it("gives every company a 'Computers and Groups' and a 'Deleted' group, and puts custom groups and endpoints under the first", () => {
    for (const c of Object.values(emu.state.companies)) {
      const { home, deleted } = systemGroups(c.id);
      expect(home).toMatchObject({ name: "Computers and Groups", parentId: c.id });
      expect(deleted).toMatchObject({ name: "Deleted", parentId: c.id });
    }
    const homes = new Set(
      Object.values(emu.state.groups)
        .filter((g) => g.system === "computersAndGroups")
        .map((g) => g.id),
    );
    const s = seeded(emu);
    expect(homes.has(s.group("Contoso Dental Group", "Laptops").parentId)).toBe(true);
    for (const e of Object.values(emu.state.endpoints)) expect(emu.state.companies[e.parentId]).toBeUndefined();
  });
});

describe("companies created later and older state files", () => {
  it("gives a company created through the API its two system groups", async () => {
    const id = await ok<string>(emu, "companies", "createCompany", { type: 1, name: "Tree Test Customer" });
    const list = await ok(emu, "network", "getCustomGroupsList", { parentId: id });
    expect(list.map((g: any) => g.name)).toEqual(["Computers and Groups", "Deleted"]);
    const group = await ok<string>(emu, "network", "createCustomGroup", { groupName: "First", parentId: list[0].id });
    expect(await ok(emu, "network", "getCustomGroupsList", { parentId: list[0].id })).toEqual([
      { id: group, name: "First" },
    ]);
  });

  it("moves groups and endpoints of a state file without system groups into 'Computers and Groups' when it is read", () => {
    const current = seedState("default");
    const old = structuredClone(current);
    for (const g of Object.values(old.groups)) if (g.system) delete old.groups[g.id];
    for (const g of Object.values(old.groups)) if (!old.groups[g.parentId]) g.parentId = g.companyId;
    for (const e of Object.values(old.endpoints)) if (!old.groups[e.parentId]) e.parentId = e.companyId;
    const dir = mkdtempSync(path.join(tmpdir(), "gz-tree-"));
    try {
      const file = path.join(dir, "old.json");
      writeFileSync(file, JSON.stringify(old));
      expect(readStateFile(file)).toEqual(current);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("getNetworkInventoryItems", () => {
  it("lists the key's company's subordinate companies and its two system groups as root containers (type 2, no details)", async () => {
    const r = await ok(emu, "network", "getNetworkInventoryItems", { perPage: 100 });
    expect(new Set(r.items.map((i: any) => i.type))).toEqual(new Set([1, 2]));
    const company = r.items.find((i: any) => i.name === "Contoso Dental Group");
    expect(company).toMatchObject({
      type: 1,
      parentId: emu.state.rootCompanyId,
      details: { type: 1, isSuspended: false },
    });
    const { home, deleted } = systemGroups(emu.state.rootCompanyId);
    const containers = r.items.filter((i: any) => i.type === 2);
    expect(containers).toEqual([
      {
        id: home.id,
        name: "Computers and Groups",
        type: 2,
        parentId: emu.state.rootCompanyId,
        companyId: emu.state.rootCompanyId,
      },
      {
        id: deleted.id,
        name: "Deleted",
        type: 2,
        parentId: emu.state.rootCompanyId,
        companyId: emu.state.rootCompanyId,
      },
    ]);
    const inside = await ok(emu, "network", "getNetworkInventoryItems", { parentId: home.id, perPage: 100 });
    const group = inside.items.find((i: any) => i.type === 4);
    expect(group).toMatchObject({ name: "MSP Internal", parentId: home.id, companyId: emu.state.rootCompanyId });
    expect(group.details).toBeUndefined();
    expect((await ok(emu, "network", "getNetworkInventoryItems", { parentId: deleted.id })).items).toEqual([]);
  });

  it("answers {page, pagesCount, perPage, total, items} in v1.0, without hasMoreRecords", async () => {
    const r = await ok(emu, "network", "getNetworkInventoryItems", { perPage: 5 });
    expect(Object.keys(r).sort()).toEqual(["items", "page", "pagesCount", "perPage", "total"]);
  });

  it("filters by type and recurses with depth.allItemsRecursively; the groups filter leaves out the system groups", async () => {
    const s = seeded(emu);
    const contoso = s.company("Contoso Dental Group").id;
    const { home } = systemGroups(contoso);
    expect(
      (await ok(emu, "network", "getNetworkInventoryItems", { parentId: contoso, filters: { type: { groups: true } } }))
        .items,
    ).toEqual([]);
    const direct = await ok(emu, "network", "getNetworkInventoryItems", {
      parentId: home.id,
      filters: { type: { groups: true } },
    });
    expect(direct.items.map((i: any) => i.name).sort()).toEqual(["Laptops", "Servers", "Workstations"]);
    const recursiveGroups = { type: { groups: true }, depth: { allItemsRecursively: true } };
    const all = await ok(emu, "network", "getNetworkInventoryItems", { parentId: contoso, filters: recursiveGroups });
    expect(all.items.map((i: any) => i.name).sort()).toEqual([
      "Front Desk",
      "Laptops",
      "Operatories",
      "Servers",
      "Workstations",
    ]);
    const machineFilter = { type: { computers: true, virtualMachines: true }, depth: { allItemsRecursively: true } };
    const machines = await ok(emu, "network", "getNetworkInventoryItems", {
      parentId: contoso,
      perPage: 100,
      filters: machineFilter,
    });
    expect(machines.total).toBe(s.endpointsOf("Contoso Dental Group").length);
    const e = machines.items[0];
    expect(e.details).toMatchObject({
      fqdn: expect.any(String),
      groupId: e.parentId,
      isManaged: expect.any(Boolean),
      machineType: expect.any(Number),
    });
    expect(machines.items.some((i: any) => i.parentId === home.id)).toBe(true);
  });

  it("sends no undocumented policy member in endpoint details", async () => {
    const params = {
      filters: { type: { computers: true, virtualMachines: true }, depth: { allItemsRecursively: true } },
      perPage: 100,
    };
    const r = await ok(emu, "network", "getNetworkInventoryItems", params);
    expect(r.items.length).toBeGreaterThan(0);
    for (const i of r.items) expect(i.details.policy).toBeUndefined();
  });

  it("pages over more than 100 items with pagesCount and total on every v1.0 page", async () => {
    const params = { filters: { depth: { allItemsRecursively: true } }, perPage: 100 };
    const first = await ok(emu, "network", "getNetworkInventoryItems", params);
    const total =
      Object.keys(emu.state.companies).length -
      1 +
      Object.keys(emu.state.groups).length +
      Object.keys(emu.state.endpoints).length;
    expect(first).toMatchObject({ page: 1, perPage: 100, total, pagesCount: Math.ceil(total / 100) });
    const ids = new Set<string>();
    for (let page = 1; page <= first.pagesCount; page++) {
      const r = await ok(emu, "network", "getNetworkInventoryItems", { ...params, page });
      r.items.forEach((i: any) => ids.add(i.id));
      expect(r).toMatchObject({ page, total, pagesCount: first.pagesCount });
    }
    expect(ids.size).toBe(total);
    const beyond = await ok(emu, "network", "getNetworkInventoryItems", { ...params, page: first.pagesCount + 1 });
    expect(beyond.items).toEqual([]);
  });

  it("v1.1 sends pagesCount and total on the first page only, and hasMoreRecords on every page", async () => {
    const params = { filters: { depth: { allItemsRecursively: true } }, perPage: 100 };
    const first = await ok(emu, "network", "getNetworkInventoryItems", params, { version: "v1.1" });
    expect(Object.keys(first).sort()).toEqual(["hasMoreRecords", "items", "page", "pagesCount", "perPage", "total"]);
    expect(first.hasMoreRecords).toBe(true);
    const second = await ok(emu, "network", "getNetworkInventoryItems", { ...params, page: 2 }, { version: "v1.1" });
    expect(Object.keys(second).sort()).toEqual(["hasMoreRecords", "items", "page", "perPage"]);
    const last = await ok(
      emu,
      "network",
      "getNetworkInventoryItems",
      { ...params, page: first.pagesCount },
      { version: "v1.1" },
    );
    expect(last.hasMoreRecords).toBe(false);
  });

  it("allows perPage 1–100 on v1.0 and 1–1000 on v1.1", async () => {
    expect((await ok(emu, "network", "getNetworkInventoryItems", { perPage: 100 })).perPage).toBe(100);
    expect(await refusal("getNetworkInventoryItems", { perPage: 101 })).toBe(
      "Invalid value for 'perPage' parameter. The value should be between 1 and 100.",
    );
    expect(await refusal("getNetworkInventoryItems", { perPage: 0 })).toMatch(/'perPage'/);
    expect(await refusal("getNetworkInventoryItems", { page: 0 })).toMatch(/'page'/);
    expect((await ok(emu, "network", "getNetworkInventoryItems", { perPage: 1000 }, { version: "v1.1" })).perPage).toBe(
      1000,
    );
    const tooMany = await refusal("getNetworkInventoryItems", { perPage: 1001 }, "v1.1");
    expect(tooMany).toBe("Invalid value for 'perPage' parameter. The value should be between 1 and 1000.");
  });

  it("accepts the on-premises viewType (1–4) in v1.0 only", async () => {
    expect((await ok(emu, "network", "getNetworkInventoryItems", { viewType: 2 })).items.length).toBeGreaterThan(0);
    expect(await refusal("getNetworkInventoryItems", { viewType: 5 })).toMatch(/'viewType'/);
    expect(await refusal("getNetworkInventoryItems", { viewType: 1 }, "v1.1")).toBe(
      "Parameter 'viewType' is not expected.",
    );
    expect((await ok(emu, "network", "getEndpointsList", { viewType: 4 })).items).toBeInstanceOf(Array);
    expect(await refusal("getEndpointsList", { viewType: 1 }, "v1.1")).toBe("Parameter 'viewType' is not expected.");
  });

  it("defaults to 30 per page", async () => {
    const r = await ok(emu, "network", "getNetworkInventoryItems", {
      filters: { depth: { allItemsRecursively: true } },
    });
    expect(r.perPage).toBe(30);
    expect(r.items).toHaveLength(30);
  });

  it("matches names by prefix, or by substring with a leading *", async () => {
    const prefix = await ok(emu, "network", "getNetworkInventoryItems", {
      filters: { details: { name: "cdg-srv" }, depth: { allItemsRecursively: true } },
    });
    expect(prefix.total).toBeGreaterThan(0);
    expect(prefix.items.every((i: any) => i.name.startsWith("CDG-SRV"))).toBe(true);
    const contains = await ok(emu, "network", "getNetworkInventoryItems", {
      filters: { details: { name: "*-DC-" }, depth: { allItemsRecursively: true } },
    });
    expect(contains.items.length).toBeGreaterThan(0);
    expect(contains.items.every((i: any) => i.name.includes("-DC-"))).toBe(true);
  });

  it("refuses an endpoint or an unknown id as parent", async () => {
    const e = Object.values(emu.state.endpoints)[0]!;
    expect(await refusal("getNetworkInventoryItems", { parentId: e.id })).toMatch(/endpoint/);
    expect(await refusal("getNetworkInventoryItems", { parentId: ZERO_ID })).toMatch(/was not found/);
  });
});

describe("companies in the network API", () => {
  it("getCompaniesList answers a bare array of {id, name} and refuses paging parameters", async () => {
    const list = await ok(emu, "network", "getCompaniesList", {});
    expect(Array.isArray(list)).toBe(true);
    expect(list.map((c: any) => c.name)).toContain("Blue Yonder IT Services");
    expect(list.map((c: any) => c.name)).not.toContain("Margie's Travel");
    for (const c of list) expect(Object.keys(c).sort()).toEqual(["id", "name"]);
    expect(await refusal("getCompaniesList", { page: 1 })).toBe("Parameter 'page' is not expected.");
    expect(await refusal("getCompaniesList", { perPage: 10 })).toBe("Parameter 'perPage' is not expected.");
    const partners = await ok(emu, "network", "getCompaniesList", { filters: { companyType: 0 } });
    expect(partners.map((c: any) => c.name)).toEqual(["Blue Yonder IT Services"]);
  });

  it("getCompaniesList filters by the documented license types 1–3 only", async () => {
    const licensed = await ok(emu, "network", "getCompaniesList", { filters: { licenseType: 2 } });
    expect(licensed.map((c: any) => c.name)).toEqual(["Litware Legal LLP"]);
    expect(await refusal("getCompaniesList", { filters: { licenseType: 4 } })).toMatch(/'filters.licenseType'/);
  });

  it("getRootContainers answers the company's 'Computers and Groups' and 'Deleted' as {id, name}", async () => {
    const s = seeded(emu);
    const tailspin = s.company("Tailspin Toys").id;
    const { home, deleted } = systemGroups(tailspin);
    const r = await ok(emu, "network", "getRootContainers", { companyId: tailspin });
    expect(r).toEqual([
      { id: home.id, name: "Computers and Groups" },
      { id: deleted.id, name: "Deleted" },
    ]);
    expect(await ok(emu, "network", "getCustomGroupsList", { parentId: tailspin })).toEqual(r);
    const own = await ok(emu, "network", "getRootContainers", {});
    expect(own.map((c: any) => c.id)).toEqual([
      systemGroups(emu.state.rootCompanyId).home.id,
      systemGroups(emu.state.rootCompanyId).deleted.id,
    ]);
  });
});

describe("endpoints", () => {
  it("getEndpointsList allows perPage ≤100 on v1.0 and 1–1000 on v1.1", async () => {
    const recursive = { filters: { depth: { allItemsRecursively: true } } };
    const all = Object.keys(emu.state.endpoints).length;
    const v10 = await ok(emu, "network", "getEndpointsList", { ...recursive, perPage: 100 });
    expect(v10).toMatchObject({ total: all, perPage: 100, pagesCount: Math.ceil(all / 100) });
    expect(v10.items).toHaveLength(100);
    expect(await refusal("getEndpointsList", { perPage: 101 })).toMatch(/between 1 and 100/);
    const v11 = await ok(emu, "network", "getEndpointsList", { ...recursive, perPage: 1000 }, { version: "v1.1" });
    expect(v11.items).toHaveLength(all);
    expect(await refusal("getEndpointsList", { perPage: 1001 }, "v1.1")).toMatch(/between 1 and 1000/);
    expect(await refusal("getEndpointsList", { perPage: 0 }, "v1.1")).toMatch(/between 1 and 1000/);
  });

  it("getEndpointsList with a company lists the endpoints directly in its 'Computers and Groups', without a policy member", async () => {
    const s = seeded(emu);
    const coho = s.company("Coho Vineyard").id;
    const { home } = systemGroups(coho);
    const byCompany = await ok(emu, "network", "getEndpointsList", { parentId: coho, perPage: 100 });
    const byGroup = await ok(emu, "network", "getEndpointsList", { parentId: home.id, perPage: 100 });
    expect(byCompany.items.length).toBeGreaterThan(0);
    expect(byCompany).toEqual(byGroup);
    for (const e of byCompany.items) {
      expect(e.groupId).toBe(home.id);
      expect(e.policy).toBeUndefined();
    }
  });

  it("filters managed and unmanaged endpoints", async () => {
    const recursive = { filters: { depth: { allItemsRecursively: true } }, perPage: 1000 };
    const managed = await ok(
      emu,
      "network",
      "getEndpointsList",
      { ...recursive, isManaged: true },
      { version: "v1.1" },
    );
    const unmanaged = await ok(
      emu,
      "network",
      "getEndpointsList",
      { ...recursive, isManaged: false },
      { version: "v1.1" },
    );
    expect(managed.total + unmanaged.total).toBe(Object.keys(emu.state.endpoints).length);
    expect(unmanaged.total).toBeGreaterThan(0);
    expect(managed.items.every((e: any) => e.isManaged)).toBe(true);
  });

  it("takes getEndpointsList options as the documented Array or as an Object of sections", async () => {
    const sections = { endpoints: { returnProductOutdated: true } };
    expect(
      (await ok(emu, "network", "getEndpointsList", { options: [sections] }, { version: "v1.1" })).items,
    ).toBeInstanceOf(Array);
    expect((await ok(emu, "network", "getEndpointsList", { options: [] }, { version: "v1.1" })).items).toBeInstanceOf(
      Array,
    );
    expect(
      (await ok(emu, "network", "getEndpointsList", { options: sections }, { version: "v1.1" })).items,
    ).toBeInstanceOf(Array);
    expect(await refusal("getEndpointsList", { options: ["returnProductOutdated"] }, "v1.1")).toMatch(/'options\[0\]'/);
    expect(await refusal("getEndpointsList", { options: [{ colour: true }] }, "v1.1")).toBe(
      "Parameter 'options[0].colour' is not expected.",
    );
  });

  it("getManagedEndpointDetails shows agent, modules, state, the group and the effective policy", async () => {
    const s = seeded(emu);
    const laptop = s
      .endpointsOf("Contoso Dental Group")
      .find((e) => e.isManaged && e.parentId === s.group("Contoso Dental Group", "Laptops").id)!;
    const d = await ok(emu, "network", "getManagedEndpointDetails", { endpointId: laptop.id });
    expect(d).toMatchObject({
      id: laptop.id,
      name: laptop.name,
      companyId: laptop.companyId,
      groupId: laptop.parentId,
    });
    expect(d.group).toEqual({ id: laptop.parentId, name: "Laptops" });
    expect(d).toMatchObject({
      state: expect.any(Number),
      malwareStatus: { detection: expect.any(Boolean), infected: expect.any(Boolean) },
    });
    expect(d.agent).toMatchObject({
      productVersion: expect.any(String),
      engineVersion: expect.any(String),
      productOutdated: expect.any(Boolean),
    });
    expect(d.policy).toEqual({
      id: s.policy("MSP Hardened - Laptops").id,
      name: "MSP Hardened - Laptops",
      applied: true,
    });
    expect(d.lastSuccessfulScan).toBeUndefined();
    const loose = s
      .endpointsOf("Coho Vineyard")
      .find((e) => e.isManaged && e.parentId === systemGroups(e.companyId).home.id)!;
    const looseDetails = await ok(emu, "network", "getManagedEndpointDetails", { endpointId: loose.id });
    expect(looseDetails.group).toEqual({ id: loose.parentId, name: "Computers and Groups" });
  });

  it("takes getManagedEndpointDetails options as the documented Array or as an Object", async () => {
    const e = Object.values(emu.state.endpoints).find((x) => x.isManaged && x.lastSuccessfulScan)!;
    const scanLog = async (options: unknown) =>
      (await ok(emu, "network", "getManagedEndpointDetails", { endpointId: e.id, options })).lastSuccessfulScan;
    expect(await scanLog([{ includeScanLogs: true }])).toEqual(e.lastSuccessfulScan);
    expect(await scanLog({ includeScanLogs: true })).toEqual(e.lastSuccessfulScan);
    expect(
      (await ok(emu, "network", "getManagedEndpointDetails", { endpointId: e.id, options: [] })).lastSuccessfulScan,
    ).toBeUndefined();
    expect(
      (await fails(emu, "network", "getManagedEndpointDetails", { endpointId: e.id, options: ["includeScanLogs"] }))
        .code,
    ).toBe(-32602);
    expect(await refusal("getManagedEndpointDetails", { endpointId: e.id, options: [{ includeScanLogs: 1 }] })).toMatch(
      /includeScanLogs.*boolean/,
    );
  });

  it("refuses details of an unmanaged endpoint", async () => {
    const e = Object.values(emu.state.endpoints).find((x) => !x.isManaged)!;
    expect(await refusal("getManagedEndpointDetails", { endpointId: e.id })).toMatch(/not managed/);
  });

  it("moves endpoints to a group of their company: a custom group or 'Computers and Groups', not a company or 'Deleted'", async () => {
    const s = seeded(emu);
    const tailspin = s.company("Tailspin Toys").id;
    const [a, b] = s.endpointsOf("Tailspin Toys");
    const office = s.group("Tailspin Toys", "Head Office");
    expect(await ok(emu, "network", "moveEndpoints", { endpointIds: [a!.id, b!.id], groupId: office.id })).toBeNull();
    expect(emu.state.endpoints[a!.id]!.parentId).toBe(office.id);
    const { home, deleted } = systemGroups(tailspin);
    expect(await ok(emu, "network", "moveEndpoints", { endpointIds: [b!.id], groupId: home.id })).toBeNull();
    expect(emu.state.endpoints[b!.id]!.parentId).toBe(home.id);
    expect(await refusal("moveEndpoints", { endpointIds: [a!.id], groupId: tailspin })).toMatch(
      /'groupId'.*is a company, not a group/,
    );
    expect(await refusal("moveEndpoints", { endpointIds: [a!.id], groupId: deleted.id })).toMatch(/'Deleted'/);
    const other = s.group("Contoso Dental Group", "Servers");
    expect(await refusal("moveEndpoints", { endpointIds: [a!.id], groupId: other.id })).toMatch(/another company/);
    expect(await refusal("moveEndpoints", { endpointIds: [], groupId: office.id })).toMatch(/'endpointIds'.*empty/);
  });

  it("sets labels up to 64 characters", async () => {
    const e = seeded(emu).endpointsOf("Coho Vineyard")[0]!;
    expect(await ok(emu, "network", "setEndpointLabel", { endpointId: e.id, label: "x".repeat(64) })).toBe(true);
    expect(emu.state.endpoints[e.id]!.label).toHaveLength(64);
    expect(await refusal("setEndpointLabel", { endpointId: e.id, label: "x".repeat(65) })).toMatch(/'label'.*64/);
  });

  it("deletes an endpoint", async () => {
    const e = seeded(emu).endpointsOf("Coho Vineyard").at(-1)!;
    expect(await ok(emu, "network", "deleteEndpoint", { endpointId: e.id })).toBeNull();
    expect(await refusal("deleteEndpoint", { endpointId: e.id })).toMatch(/was not found/);
  });
});

describe("getEndpointTags", () => {
  it("answers an Array of {name, type, description, company, created, rules}, newest first by default", async () => {
    const tags = await ok(emu, "network", "getEndpointTags", {});
    expect(tags.map((t: any) => t.name)).toEqual(expect.arrayContaining(["Kiosk", "VIP", "Critical"]));
    const contoso = seeded(emu).company("Contoso Dental Group");
    expect(tags.find((t: any) => t.name === "VIP" && t.company.id === contoso.id)).toEqual({
      name: "VIP",
      type: 1,
      description: "",
      company: { id: contoso.id, name: contoso.name },
      created: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/),
      rules: null,
    });
    const created = tags.map((t: any) => t.created);
    expect(created).toEqual([...created].sort().reverse());
  });

  it("orders by name or type in either direction and pages with perPage ≤ 100", async () => {
    const asc = await ok(emu, "network", "getEndpointTags", { orderBy: "name", order: "ASC", perPage: 100 });
    const names = asc.map((t: any) => t.name);
    expect(names).toEqual([...names].sort((a: string, b: string) => a.localeCompare(b)));
    const desc = await ok(emu, "network", "getEndpointTags", { orderBy: "name", order: "DESC", perPage: 100 });
    expect(desc.map((t: any) => t.name)[0]).toBe("VIP");
    expect(await ok(emu, "network", "getEndpointTags", { orderBy: "type" })).toHaveLength(Math.min(30, asc.length));
    expect(await ok(emu, "network", "getEndpointTags", { orderBy: "name", order: "ASC", perPage: 2, page: 2 })).toEqual(
      asc.slice(2, 4),
    );
    expect(await refusal("getEndpointTags", { perPage: 101 })).toMatch(/'perPage'/);
    expect(await refusal("getEndpointTags", { orderBy: "count" })).toMatch(/'orderBy'/);
    expect(await refusal("getEndpointTags", { order: "asc" })).toMatch(/'order'/);
    expect(await refusal("getEndpointTags", { companyId: emu.state.rootCompanyId })).toBe(
      "Parameter 'companyId' is not expected.",
    );
  });
});

describe("custom groups", () => {
  it("getCustomGroupsList answers the system groups for null, nothing or a company id, and child groups for a group", async () => {
    const s = seeded(emu);
    const root = systemGroups(emu.state.rootCompanyId);
    const expected = [
      { id: root.home.id, name: "Computers and Groups" },
      { id: root.deleted.id, name: "Deleted" },
    ];
    expect(await ok(emu, "network", "getCustomGroupsList", {})).toEqual(expected);
    expect(await ok(emu, "network", "getCustomGroupsList", { parentId: null })).toEqual(expected);
    expect(await ok(emu, "network", "getCustomGroupsList", { parentId: emu.state.rootCompanyId })).toEqual(expected);
    const contoso = systemGroups(s.company("Contoso Dental Group").id);
    expect(await ok(emu, "network", "getCustomGroupsList", { parentId: contoso.home.id })).toEqual([
      { id: s.group("Contoso Dental Group", "Laptops").id, name: "Laptops" },
      { id: s.group("Contoso Dental Group", "Servers").id, name: "Servers" },
      { id: s.group("Contoso Dental Group", "Workstations").id, name: "Workstations" },
    ]);
    const sub = await ok(emu, "network", "getCustomGroupsList", {
      parentId: s.group("Contoso Dental Group", "Workstations").id,
    });
    expect(sub.map((g: any) => g.name)).toEqual(["Front Desk", "Operatories"]);
    expect(await ok(emu, "network", "getCustomGroupsList", { parentId: contoso.deleted.id })).toEqual([]);
  });

  it("createCustomGroup takes groupName (not name) and without parentId lands in the key's company's 'Computers and Groups'", async () => {
    const id = await ok<string>(emu, "network", "createCustomGroup", { groupName: "Lab Machines" });
    const root = emu.state.rootCompanyId;
    expect(emu.state.groups[id]).toMatchObject({
      name: "Lab Machines",
      parentId: systemGroups(root).home.id,
      companyId: root,
    });
    expect(await refusal("createCustomGroup", { name: "Lab" })).toBe("Parameter 'name' is not expected.");
  });

  it("createCustomGroup refuses a company id and the 'Deleted' group as parent", async () => {
    const s = seeded(emu);
    const tailspin = s.company("Tailspin Toys").id;
    const e = await fails(emu, "network", "createCustomGroup", { groupName: "X", parentId: tailspin });
    expect(e.code).toBe(-32602);
    expect(e.data.details).toMatch(/'parentId'.*is a company, not a group/);
    expect(await refusal("createCustomGroup", { groupName: "X", parentId: systemGroups(tailspin).deleted.id })).toMatch(
      /'Deleted'/,
    );
    const id = await ok<string>(emu, "network", "createCustomGroup", {
      groupName: "Warehouse Scanners",
      parentId: systemGroups(tailspin).home.id,
    });
    expect(emu.state.groups[id]).toMatchObject({ parentId: systemGroups(tailspin).home.id, companyId: tailspin });
  });

  it("keeps names unique among siblings (case-insensitively) but not across parents", async () => {
    const s = seeded(emu);
    const tailspin = s.company("Tailspin Toys").id;
    const home = systemGroups(tailspin).home.id;
    expect(await refusal("createCustomGroup", { groupName: "stores", parentId: home })).toMatch(/already exists/);
    const nested = await ok<string>(emu, "network", "createCustomGroup", {
      groupName: "Stores",
      parentId: s.group("Tailspin Toys", "Stores").id,
    });
    expect(emu.state.groups[nested]!.companyId).toBe(tailspin);
  });

  it("limits group names to 128 characters without HTML", async () => {
    const parent = systemGroups(seeded(emu).company("Wingtip Accounting").id).home.id;
    expect(await ok(emu, "network", "createCustomGroup", { groupName: "g".repeat(128), parentId: parent })).toMatch(
      /^[0-9a-f]{24}$/,
    );
    expect(await refusal("createCustomGroup", { groupName: "g".repeat(129), parentId: parent })).toMatch(
      /'groupName'.*128/,
    );
    expect(await refusal("createCustomGroup", { groupName: "<script>x</script>", parentId: parent })).toMatch(/HTML/);
    expect(await refusal("createCustomGroup", { groupName: "  ", parentId: parent })).toMatch(/empty/);
  });

  it("refuses endpoints and unknown ids as parents", async () => {
    const e = Object.values(emu.state.endpoints)[0]!;
    expect(await refusal("createCustomGroup", { groupName: "X", parentId: e.id })).toMatch(/endpoint/);
    expect(await refusal("createCustomGroup", { groupName: "X", parentId: ZERO_ID })).toMatch(/was not found/);
  });

  it("moveCustomGroup takes {groupId, parentId} (a group), stays in the company and refuses cycles and name clashes", async () => {
    const s = seeded(emu);
    const company = s.company("Litware Legal LLP").id;
    const home = systemGroups(company).home.id;
    const a = await ok<string>(emu, "network", "createCustomGroup", { groupName: "Move A", parentId: home });
    const b = await ok<string>(emu, "network", "createCustomGroup", { groupName: "Move B", parentId: home });
    expect(await ok(emu, "network", "moveCustomGroup", { groupId: b, parentId: a })).toBeNull();
    expect(emu.state.groups[b]!.parentId).toBe(a);
    expect(await refusal("moveCustomGroup", { groupId: a, newParentId: b })).toBe(
      "Parameter 'newParentId' is not expected.",
    );
    expect(await refusal("moveCustomGroup", { groupId: a, parentId: b })).toMatch(/under itself/);
    const tailspin = s.company("Tailspin Toys").id;
    expect(await refusal("moveCustomGroup", { groupId: a, parentId: systemGroups(tailspin).home.id })).toMatch(
      /another company/,
    );
    expect(await refusal("moveCustomGroup", { groupId: b, parentId: company })).toMatch(
      /'parentId'.*is a company, not a group/,
    );
    expect(await refusal("moveCustomGroup", { groupId: b, parentId: systemGroups(company).deleted.id })).toMatch(
      /'Deleted'/,
    );
    await ok(emu, "network", "createCustomGroup", { groupName: "Move B", parentId: home });
    expect(await refusal("moveCustomGroup", { groupId: b, parentId: home })).toMatch(/already exists/);
  });

  it("refuses to move or delete a system group", async () => {
    const company = seeded(emu).company("Litware Legal LLP").id;
    const { home, deleted } = systemGroups(company);
    const target = seeded(emu).group("Litware Legal LLP", "Partners").id;
    expect(await refusal("moveCustomGroup", { groupId: home.id, parentId: target })).toBe(
      'The group "Computers and Groups" is a system group and cannot be moved.',
    );
    expect(await refusal("deleteCustomGroup", { groupId: home.id, force: true })).toBe(
      'The group "Computers and Groups" is a system group and cannot be deleted.',
    );
    expect(await refusal("deleteCustomGroup", { groupId: deleted.id })).toMatch(/system group/);
    expect(emu.state.groups[home.id]).toBeDefined();
  });

  it("deleteCustomGroup refuses a non-empty group without force", async () => {
    const s = seeded(emu);
    const withEndpoints = s.group("Alpine Ski House", "Rental Desk");
    expect(await refusal("deleteCustomGroup", { groupId: withEndpoints.id })).toMatch(
      /is not empty \(9 endpoints, 0 subgroups\)/,
    );
    const home = systemGroups(s.company("Alpine Ski House").id).home.id;
    const parent = await ok<string>(emu, "network", "createCustomGroup", { groupName: "Has Child", parentId: home });
    await ok(emu, "network", "createCustomGroup", { groupName: "Child", parentId: parent });
    expect(await refusal("deleteCustomGroup", { groupId: parent, force: false })).toMatch(/0 endpoints, 1 subgroups/);
  });

  it("deleteCustomGroup with force deletes subgroups and moves endpoints to the company's 'Computers and Groups'", async () => {
    const s = seeded(emu);
    const company = s.company("Wingtip Accounting");
    const group = s.group("Wingtip Accounting", "Accountants");
    const sub = s.group("Wingtip Accounting", "Tax Season Temps");
    const inside = Object.values(emu.state.endpoints)
      .filter((e) => e.parentId === group.id || e.parentId === sub.id)
      .map((e) => e.id);
    expect(inside.length).toBe(21);
    expect(await ok(emu, "network", "deleteCustomGroup", { groupId: group.id, force: true })).toBeNull();
    expect(emu.state.groups[group.id]).toBeUndefined();
    expect(emu.state.groups[sub.id]).toBeUndefined();
    for (const id of inside) expect(emu.state.endpoints[id]!.parentId).toBe(systemGroups(company.id).home.id);
  });

  it("deletes an empty group without force", async () => {
    const id = await ok<string>(emu, "network", "createCustomGroup", { groupName: "Empty One" });
    expect(await ok(emu, "network", "deleteCustomGroup", { groupId: id })).toBeNull();
    expect(await refusal("deleteCustomGroup", { groupId: id })).toBe(`The group with ID "${id}" was not found.`);
  });
});

describe("console edits keep the tree", () => {
  it("cannot rename, move or delete a system group", () => {
    const { home, deleted } = systemGroups(seeded(emu).company("Coho Vineyard").id);
    const winery = seeded(emu).group("Coho Vineyard", "Winery").id;
    expect(consoleError({ action: "renameCustomGroup", groupId: home.id, name: "Everything" })).toMatch(
      /system group and cannot be renamed/,
    );
    expect(consoleError({ action: "moveCustomGroup", groupId: deleted.id, parentId: winery })).toMatch(
      /system group and cannot be moved/,
    );
    expect(consoleError({ action: "deleteObject", id: home.id })).toMatch(/system group and cannot be deleted/);
    const coho = seeded(emu).company("Coho Vineyard").id;
    expect(consoleError({ action: "moveCustomGroup", groupId: winery, parentId: coho })).toMatch(
      /is a company, not a group/,
    );
    expect(emu.state.groups[home.id]).toMatchObject({ name: "Computers and Groups" });
  });

  it("adds an endpoint to the company's 'Computers and Groups' (or to a group), never to 'Deleted'", () => {
    const coho = seeded(emu).company("Coho Vineyard").id;
    const { home, deleted } = systemGroups(coho);
    const added = runConsoleAction(emu.state, { action: "addEndpoint", parentId: coho, name: "COHO-NEW-001" }) as {
      id: string;
    };
    expect(emu.state.endpoints[added.id]).toMatchObject({ parentId: home.id, companyId: coho });
    expect(consoleError({ action: "addEndpoint", parentId: deleted.id, name: "COHO-NEW-002" })).toMatch(/'Deleted'/);
  });
});

describe("scan tasks", () => {
  it("creates and lists scan tasks", async () => {
    const company = seeded(emu).company("Tailspin Toys").id;
    expect(
      await ok(emu, "network", "createScanTask", { targetIds: [company], type: 1, name: "Weekly quick scan" }),
    ).toBe(true);
    const list = await ok(emu, "network", "getScanTasksList", { name: "Weekly" });
    expect(list.items).toEqual([expect.objectContaining({ name: "Weekly quick scan", status: 1 })]);
    expect(await refusal("createScanTask", { targetIds: [company], type: 5 })).toMatch(/'type'/);
    expect(await refusal("createScanTask", { targetIds: [company], type: 4 })).toMatch(/customScanSettings/);
  });

  it("accepts and ignores customScanSettings for scan types other than custom", async () => {
    const company = seeded(emu).company("Tailspin Toys").id;
    expect(
      await ok(emu, "network", "createScanTask", {
        targetIds: [company],
        type: 2,
        customScanSettings: { scanDepth: 1, scanPath: ["C:\\"] },
      }),
    ).toBe(true);
  });
});

describe("assignPolicy", () => {
  it("refuses policyId without inheritFromAbove:false with the live, misleading message", async () => {
    const s = seeded(emu);
    const target = s.endpointsOf("Litware Legal LLP").find((e) => e.isManaged)!;
    const policy = s.policy("EDR Report Only");
    for (const extra of [{}, { inheritFromAbove: true }]) {
      const e = await fails(emu, "network", "assignPolicy", { targetIds: [target.id], policyId: policy.id, ...extra });
      expect(e.code).toBe(-32602);
      expect(e.data.details).toBe("inheritFromAbove should not be used");
    }
  });

  it("refuses forcePolicyInheritance without policyId", async () => {
    const target = seeded(emu).endpointsOf("Litware Legal LLP")[0]!;
    for (const force of [true, false]) {
      const e = await fails(emu, "network", "assignPolicy", {
        targetIds: [target.id],
        inheritFromAbove: true,
        forcePolicyInheritance: force,
      });
      expect(e.code).toBe(-32602);
      expect(e.data.details).toBe("Parameter 'forcePolicyInheritance' can only be used together with 'policyId'.");
    }
  });

  it("assigns with inheritFromAbove:false and returns targets to inheriting with inheritFromAbove:true", async () => {
    const s = seeded(emu);
    const target = s
      .endpointsOf("Litware Legal LLP")
      .find((e) => e.isManaged && e.parentId === s.group("Litware Legal LLP", "Associates").id)!;
    const before = (await ok(emu, "network", "getManagedEndpointDetails", { endpointId: target.id })).policy;
    expect(before.name).toBe("MSP Baseline - Workstations");
    const edr = s.policy("EDR Report Only");
    expect(
      await ok(emu, "network", "assignPolicy", { targetIds: [target.id], policyId: edr.id, inheritFromAbove: false }),
    ).toBe(true);
    expect((await ok(emu, "network", "getManagedEndpointDetails", { endpointId: target.id })).policy).toMatchObject({
      id: edr.id,
      name: "EDR Report Only",
    });
    expect(await ok(emu, "network", "assignPolicy", { targetIds: [target.id], inheritFromAbove: true })).toBe(true);
    expect((await ok(emu, "network", "getManagedEndpointDetails", { endpointId: target.id })).policy).toEqual(before);
  });

  it("needs a policyId or inheritFromAbove:true, and known targets", async () => {
    const s = seeded(emu);
    const target = s.endpointsOf("Litware Legal LLP")[0]!;
    expect(await refusal("assignPolicy", { targetIds: [target.id] })).toMatch(/policyId/);
    expect(await refusal("assignPolicy", { targetIds: [target.id], inheritFromAbove: false })).toMatch(/policyId/);
    const edr = s.policy("EDR Report Only").id;
    expect(await refusal("assignPolicy", { policyId: edr, inheritFromAbove: false })).toBe(
      "Missing required parameter 'targetIds'.",
    );
    expect(await refusal("assignPolicy", { targetIds: [ZERO_ID], inheritFromAbove: true })).toBe(
      `The target with ID "${ZERO_ID}" was not found.`,
    );
    expect(
      await refusal("assignPolicy", { targetIds: [target.id], policyId: ZERO_ID, inheritFromAbove: false }),
    ).toMatch(/policy.*was not found/);
  });

  it("applies a group's assignment to its endpoints and forcePolicyInheritance overrides their own", async () => {
    const s = seeded(emu);
    const group = s.group("Litware Legal LLP", "Partners");
    const [e1, e2] = s.endpointsOf("Litware Legal LLP").filter((e) => e.parentId === group.id && e.isManaged);
    const edr = s.policy("EDR Report Only");
    const servers = s.policy("MSP Baseline - Servers");
    await ok(emu, "network", "assignPolicy", { targetIds: [e1!.id], policyId: edr.id, inheritFromAbove: false });
    await ok(emu, "network", "assignPolicy", { targetIds: [group.id], policyId: servers.id, inheritFromAbove: false });
    expect((await ok(emu, "network", "getManagedEndpointDetails", { endpointId: e1!.id })).policy.id).toBe(edr.id);
    expect((await ok(emu, "network", "getManagedEndpointDetails", { endpointId: e2!.id })).policy.id).toBe(servers.id);
    await ok(emu, "network", "assignPolicy", {
      targetIds: [group.id],
      policyId: servers.id,
      inheritFromAbove: false,
      forcePolicyInheritance: true,
    });
    expect((await ok(emu, "network", "getManagedEndpointDetails", { endpointId: e1!.id })).policy.id).toBe(servers.id);
  });

  it("answers false and leaves a target alone when a policy is enforced on it from above", async () => {
    const s = seeded(emu);
    const forced = s.group("Fabrikam Logistics", "Servers");
    const enforced = s
      .endpointsOf("Fabrikam Logistics")
      .find((e) => e.parentId === forced.id && e.isManaged && !e.policy)!;
    const free = s
      .endpointsOf("Fabrikam Logistics")
      .find((e) => e.parentId === s.group("Fabrikam Logistics", "Warehouse").id && e.isManaged)!;
    const edr = s.policy("EDR Report Only");
    expect(
      await ok(emu, "network", "assignPolicy", { targetIds: [enforced.id], policyId: edr.id, inheritFromAbove: false }),
    ).toBe(false);
    expect(emu.state.endpoints[enforced.id]!.policy).toBeUndefined();
    expect(
      await ok(emu, "network", "assignPolicy", {
        targetIds: [enforced.id, free.id],
        policyId: edr.id,
        inheritFromAbove: false,
      }),
    ).toBe(false);
    expect(emu.state.endpoints[free.id]!.policy).toEqual({ policyId: edr.id, force: false });
    expect(emu.state.endpoints[enforced.id]!.policy).toBeUndefined();
    expect((await ok(emu, "network", "getManagedEndpointDetails", { endpointId: enforced.id })).policy.name).toBe(
      "MSP Baseline - Servers",
    );
    expect(
      await ok(emu, "network", "assignPolicy", { targetIds: [free.id], policyId: edr.id, inheritFromAbove: false }),
    ).toBe(true);
  });

  it("assigns to companies, and inheritFromAbove:true puts back the company's default policy", async () => {
    const s = seeded(emu);
    const company = s.company("Coho Vineyard");
    const loose = s
      .endpointsOf("Coho Vineyard")
      .find((e) => e.parentId === systemGroups(company.id).home.id && e.isManaged)!;
    const strict = s.policy("MSP Hardened - Laptops");
    await ok(emu, "network", "assignPolicy", { targetIds: [company.id], policyId: strict.id, inheritFromAbove: false });
    expect((await ok(emu, "network", "getManagedEndpointDetails", { endpointId: loose.id })).policy.id).toBe(strict.id);
    await ok(emu, "network", "assignPolicy", { targetIds: [company.id], inheritFromAbove: true });
    const restored = (await ok(emu, "network", "getManagedEndpointDetails", { endpointId: loose.id })).policy;
    expect(restored).toMatchObject({ id: s.policy("Default policy", "Coho Vineyard").id, name: "Default policy" });
  });

  it("refuses a policy the target's company cannot use", async () => {
    const s = seeded(emu);
    const target = s.endpointsOf("Tailspin Toys")[0]!;
    const foreign = s.policy("Blue Yonder Standard");
    expect(
      await refusal("assignPolicy", { targetIds: [target.id], policyId: foreign.id, inheritFromAbove: false }),
    ).toMatch(/not available to the target/);
  });

  it("the seeded forced Servers group of Fabrikam wins over an endpoint's own policy", async () => {
    const s = seeded(emu);
    const e = s.endpointsOf("Fabrikam Logistics").find((x) => x.policy && x.name.startsWith("FAB-SRV"))!;
    expect((await ok(emu, "network", "getManagedEndpointDetails", { endpointId: e.id })).policy.name).toBe(
      "MSP Baseline - Servers",
    );
  });
});
