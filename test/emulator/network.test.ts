/**
 * network module: the inventory tree (type codes, filters, recursion, paging limits per version),
 * endpoints, custom groups, scan tasks and policy assignment (effective policy, the live
 * inheritFromAbove quirk, forced inheritance).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../emulator/index";
import { fails, ok, seeded, start } from "./helpers";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await start();
});
afterAll(() => emu.close());

const ZERO_ID = "0123456789abcdef01234567";

describe("getNetworkInventoryItems", () => {
  it("lists the direct children of the key's company with type codes and details", async () => {
    const r = await ok(emu, "network", "getNetworkInventoryItems", { perPage: 100 });
    const types = new Set(r.items.map((i: any) => i.type));
    expect(types).toEqual(new Set([1, 4]));
    const company = r.items.find((i: any) => i.name === "Contoso Dental Group");
    expect(company).toMatchObject({ type: 1, parentId: emu.state.rootCompanyId, details: { type: 1, isSuspended: false } });
    const group = r.items.find((i: any) => i.type === 4);
    expect(group).toMatchObject({ name: "MSP Internal", parentId: emu.state.rootCompanyId, companyId: emu.state.rootCompanyId });
    expect(group.details).toBeUndefined();
    expect(Object.keys(r).sort()).toEqual(["hasMoreRecords", "items", "page", "pagesCount", "perPage", "total"]);
  });

  it("filters by type and recurses with depth.allItemsRecursively", async () => {
    const s = seeded(emu);
    const contoso = s.company("Contoso Dental Group").id;
    const direct = await ok(emu, "network", "getNetworkInventoryItems", { parentId: contoso, filters: { type: { groups: true } } });
    expect(direct.items.map((i: any) => i.name).sort()).toEqual(["Laptops", "Servers", "Workstations"]);
    const all = await ok(emu, "network", "getNetworkInventoryItems", { parentId: contoso, filters: { type: { groups: true }, depth: { allItemsRecursively: true } } });
    expect(all.items.map((i: any) => i.name).sort()).toEqual(["Front Desk", "Laptops", "Operatories", "Servers", "Workstations"]);
    const machines = await ok(emu, "network", "getNetworkInventoryItems", { parentId: contoso, filters: { type: { computers: true, virtualMachines: true }, depth: { allItemsRecursively: true } } });
    expect(machines.total).toBe(s.endpointsOf("Contoso Dental Group").length);
    const e = machines.items[0];
    expect(e.details).toMatchObject({ fqdn: expect.any(String), groupId: e.parentId, isManaged: expect.any(Boolean), machineType: expect.any(Number), operatingSystemVersion: expect.any(String) });
  });

  it("pages over more than 100 items with consistent totals", async () => {
    const params = { filters: { depth: { allItemsRecursively: true } }, perPage: 100 };
    const first = await ok(emu, "network", "getNetworkInventoryItems", params);
    const total = Object.keys(emu.state.companies).length - 1 + Object.keys(emu.state.groups).length + Object.keys(emu.state.endpoints).length;
    expect(first).toMatchObject({ page: 1, perPage: 100, total, pagesCount: Math.ceil(total / 100), hasMoreRecords: true });
    const ids = new Set<string>();
    for (let page = 1; page <= first.pagesCount; page++) {
      const r = await ok(emu, "network", "getNetworkInventoryItems", { ...params, page });
      r.items.forEach((i: any) => ids.add(i.id));
      expect(r.hasMoreRecords).toBe(page < first.pagesCount);
    }
    expect(ids.size).toBe(total);
    const beyond = await ok(emu, "network", "getNetworkInventoryItems", { ...params, page: first.pagesCount + 1 });
    expect(beyond.items).toEqual([]);
  });

  it("allows perPage 1–100 on v1.0 and 1–1000 on v1.1", async () => {
    expect((await ok(emu, "network", "getNetworkInventoryItems", { perPage: 100 })).perPage).toBe(100);
    expect((await fails(emu, "network", "getNetworkInventoryItems", { perPage: 101 })).data.details).toBe("Invalid value for 'perPage' parameter. The value should be between 1 and 100.");
    expect((await fails(emu, "network", "getNetworkInventoryItems", { perPage: 0 })).data.details).toMatch(/'perPage'/);
    expect((await fails(emu, "network", "getNetworkInventoryItems", { page: 0 })).data.details).toMatch(/'page'/);
    expect((await ok(emu, "network", "getNetworkInventoryItems", { perPage: 1000 }, { version: "v1.1" })).perPage).toBe(1000);
    expect((await fails(emu, "network", "getNetworkInventoryItems", { perPage: 1001 }, { version: "v1.1" })).data.details).toBe("Invalid value for 'perPage' parameter. The value should be between 1 and 1000.");
  });

  it("defaults to 30 per page", async () => {
    const r = await ok(emu, "network", "getNetworkInventoryItems", { filters: { depth: { allItemsRecursively: true } } });
    expect(r.perPage).toBe(30);
    expect(r.items).toHaveLength(30);
  });

  it("matches names by prefix, or by substring with a leading *", async () => {
    const prefix = await ok(emu, "network", "getNetworkInventoryItems", { filters: { details: { name: "cdg-srv" }, depth: { allItemsRecursively: true } } });
    expect(prefix.total).toBeGreaterThan(0);
    expect(prefix.items.every((i: any) => i.name.startsWith("CDG-SRV"))).toBe(true);
    const contains = await ok(emu, "network", "getNetworkInventoryItems", { filters: { details: { name: "*-DC-" }, depth: { allItemsRecursively: true } } });
    expect(contains.items.length).toBeGreaterThan(0);
    expect(contains.items.every((i: any) => i.name.includes("-DC-"))).toBe(true);
  });

  it("refuses an endpoint or an unknown id as parent", async () => {
    const e = Object.values(emu.state.endpoints)[0]!;
    expect((await fails(emu, "network", "getNetworkInventoryItems", { parentId: e.id })).data.details).toMatch(/endpoint/);
    expect((await fails(emu, "network", "getNetworkInventoryItems", { parentId: ZERO_ID })).data.details).toMatch(/was not found/);
  });
});

describe("companies in the network API", () => {
  it("getCompaniesList answers a bare array and refuses paging parameters", async () => {
    const list = await ok(emu, "network", "getCompaniesList", {});
    expect(Array.isArray(list)).toBe(true);
    expect(list.map((c: any) => c.name)).toContain("Blue Yonder IT Services");
    expect(list.map((c: any) => c.name)).not.toContain("Margie's Travel");
    expect((await fails(emu, "network", "getCompaniesList", { page: 1 })).data.details).toBe("Parameter 'page' is not expected.");
    expect((await fails(emu, "network", "getCompaniesList", { perPage: 10 })).data.details).toBe("Parameter 'perPage' is not expected.");
    const partners = await ok(emu, "network", "getCompaniesList", { filters: { companyType: 0 } });
    expect(partners.map((c: any) => c.name)).toEqual(["Blue Yonder IT Services"]);
  });

  it("getRootContainers answers the company's network root", async () => {
    const s = seeded(emu);
    const r = await ok(emu, "network", "getRootContainers", { companyId: s.company("Tailspin Toys").id });
    expect(r).toEqual([{ id: s.company("Tailspin Toys").id, name: "Tailspin Toys", type: 1 }]);
  });
});

describe("endpoints", () => {
  it("getEndpointsList allows perPage ≤100 on v1.0 and 1–1000 on v1.1", async () => {
    const recursive = { filters: { depth: { allItemsRecursively: true } } };
    const all = Object.keys(emu.state.endpoints).length;
    const v10 = await ok(emu, "network", "getEndpointsList", { ...recursive, perPage: 100 });
    expect(v10).toMatchObject({ total: all, perPage: 100, pagesCount: Math.ceil(all / 100) });
    expect(v10.items).toHaveLength(100);
    expect((await fails(emu, "network", "getEndpointsList", { perPage: 101 })).data.details).toMatch(/between 1 and 100/);
    const v11 = await ok(emu, "network", "getEndpointsList", { ...recursive, perPage: 1000 }, { version: "v1.1" });
    expect(v11.items).toHaveLength(all);
    expect((await fails(emu, "network", "getEndpointsList", { perPage: 1001 }, { version: "v1.1" })).data.details).toMatch(/between 1 and 1000/);
    expect((await fails(emu, "network", "getEndpointsList", { perPage: 0 }, { version: "v1.1" })).data.details).toMatch(/between 1 and 1000/);
  });

  it("filters managed and unmanaged endpoints", async () => {
    const recursive = { filters: { depth: { allItemsRecursively: true } }, perPage: 1000 };
    const managed = await ok(emu, "network", "getEndpointsList", { ...recursive, isManaged: true }, { version: "v1.1" });
    const unmanaged = await ok(emu, "network", "getEndpointsList", { ...recursive, isManaged: false }, { version: "v1.1" });
    expect(managed.total + unmanaged.total).toBe(Object.keys(emu.state.endpoints).length);
    expect(unmanaged.total).toBeGreaterThan(0);
    expect(managed.items.every((e: any) => e.isManaged)).toBe(true);
  });

  it("getManagedEndpointDetails shows agent, modules, state and the effective policy", async () => {
    const s = seeded(emu);
    const laptop = s.endpointsOf("Contoso Dental Group").find((e) => e.isManaged && e.parentId === s.group("Contoso Dental Group", "Laptops").id)!;
    const d = await ok(emu, "network", "getManagedEndpointDetails", { endpointId: laptop.id });
    expect(d).toMatchObject({ id: laptop.id, name: laptop.name, companyId: laptop.companyId, groupId: laptop.parentId, state: expect.any(Number), malwareStatus: { detection: expect.any(Boolean), infected: expect.any(Boolean) } });
    expect(d.agent).toMatchObject({ productVersion: expect.any(String), engineVersion: expect.any(String), signatureOutdated: expect.any(Boolean), productOutdated: expect.any(Boolean), lastUpdate: expect.any(String) });
    expect(d.policy).toEqual({ id: s.policy("MSP Hardened - Laptops").id, name: "MSP Hardened - Laptops", applied: true });
    expect(d.lastSuccessfulScan).toBeUndefined();
    expect((await ok(emu, "network", "getManagedEndpointDetails", { endpointId: laptop.id, options: { includeScanLogs: true } })).lastSuccessfulScan).toBeTruthy();
  });

  it("refuses details of an unmanaged endpoint", async () => {
    const e = Object.values(emu.state.endpoints).find((x) => !x.isManaged)!;
    expect((await fails(emu, "network", "getManagedEndpointDetails", { endpointId: e.id })).data.details).toMatch(/not managed/);
  });

  it("moves endpoints within a company only", async () => {
    const s = seeded(emu);
    const [a, b] = s.endpointsOf("Tailspin Toys");
    const stores = s.group("Tailspin Toys", "Head Office");
    expect(await ok(emu, "network", "moveEndpoints", { endpointIds: [a!.id, b!.id], groupId: stores.id })).toBeNull();
    expect(emu.state.endpoints[a!.id]!.parentId).toBe(stores.id);
    const other = s.group("Contoso Dental Group", "Servers");
    expect((await fails(emu, "network", "moveEndpoints", { endpointIds: [a!.id], groupId: other.id })).data.details).toMatch(/another company/);
    expect((await fails(emu, "network", "moveEndpoints", { endpointIds: [], groupId: stores.id })).data.details).toMatch(/'endpointIds'.*empty/);
  });

  it("sets labels up to 64 characters", async () => {
    const e = seeded(emu).endpointsOf("Coho Vineyard")[0]!;
    expect(await ok(emu, "network", "setEndpointLabel", { endpointId: e.id, label: "x".repeat(64) })).toBe(true);
    expect(emu.state.endpoints[e.id]!.label).toHaveLength(64);
    expect((await fails(emu, "network", "setEndpointLabel", { endpointId: e.id, label: "x".repeat(65) })).data.details).toMatch(/'label'.*64/);
  });

  it("deletes an endpoint", async () => {
    const e = seeded(emu).endpointsOf("Coho Vineyard").at(-1)!;
    expect(await ok(emu, "network", "deleteEndpoint", { endpointId: e.id })).toBeNull();
    expect((await fails(emu, "network", "deleteEndpoint", { endpointId: e.id })).data.details).toMatch(/was not found/);
  });

  it("lists endpoint tags with counts", async () => {
    const tags = await ok(emu, "network", "getEndpointTags", {});
    expect(tags.map((t: any) => t.name)).toEqual(expect.arrayContaining(["Kiosk", "VIP"]));
    expect(tags[0]).toMatchObject({ id: expect.stringMatching(/^[0-9a-f]{24}$/), endpointsCount: expect.any(Number) });
  });
});

describe("custom groups", () => {
  it("createCustomGroup takes groupName (not name) and defaults to the key's company", async () => {
    const id = await ok<string>(emu, "network", "createCustomGroup", { groupName: "Lab Machines" });
    expect(emu.state.groups[id]).toMatchObject({ name: "Lab Machines", parentId: emu.state.rootCompanyId, companyId: emu.state.rootCompanyId });
    expect((await fails(emu, "network", "createCustomGroup", { name: "Lab" })).data.details).toBe("Parameter 'name' is not expected.");
  });

  it("keeps names unique among siblings (case-insensitively) but not across parents", async () => {
    const s = seeded(emu);
    const tailspin = s.company("Tailspin Toys").id;
    expect((await fails(emu, "network", "createCustomGroup", { groupName: "stores", parentId: tailspin })).data.details).toMatch(/already exists/);
    const nested = await ok<string>(emu, "network", "createCustomGroup", { groupName: "Stores", parentId: s.group("Tailspin Toys", "Stores").id });
    expect(emu.state.groups[nested]!.companyId).toBe(tailspin);
  });

  it("limits group names to 128 characters without HTML", async () => {
    const parent = seeded(emu).company("Wingtip Accounting").id;
    expect(await ok(emu, "network", "createCustomGroup", { groupName: "g".repeat(128), parentId: parent })).toMatch(/^[0-9a-f]{24}$/);
    expect((await fails(emu, "network", "createCustomGroup", { groupName: "g".repeat(129), parentId: parent })).data.details).toMatch(/'groupName'.*128/);
    expect((await fails(emu, "network", "createCustomGroup", { groupName: "<script>x</script>", parentId: parent })).data.details).toMatch(/HTML/);
    expect((await fails(emu, "network", "createCustomGroup", { groupName: "  ", parentId: parent })).data.details).toMatch(/empty/);
  });

  it("refuses endpoints and unknown ids as parents", async () => {
    const e = Object.values(emu.state.endpoints)[0]!;
    expect((await fails(emu, "network", "createCustomGroup", { groupName: "X", parentId: e.id })).data.details).toMatch(/endpoint/);
    expect((await fails(emu, "network", "createCustomGroup", { groupName: "X", parentId: ZERO_ID })).data.details).toMatch(/was not found/);
  });

  it("getCustomGroupsList answers a plain array of direct child groups", async () => {
    const s = seeded(emu);
    const list = await ok(emu, "network", "getCustomGroupsList", { parentId: s.company("Contoso Dental Group").id });
    expect(list).toEqual([
      { id: s.group("Contoso Dental Group", "Laptops").id, name: "Laptops" },
      { id: s.group("Contoso Dental Group", "Servers").id, name: "Servers" },
      { id: s.group("Contoso Dental Group", "Workstations").id, name: "Workstations" },
    ]);
    const sub = await ok(emu, "network", "getCustomGroupsList", { parentId: s.group("Contoso Dental Group", "Workstations").id });
    expect(sub.map((g: any) => g.name)).toEqual(["Front Desk", "Operatories"]);
  });

  it("moveCustomGroup takes {groupId, parentId}, stays in the company and refuses cycles and name clashes", async () => {
    const s = seeded(emu);
    const company = s.company("Litware Legal LLP").id;
    const a = await ok<string>(emu, "network", "createCustomGroup", { groupName: "Move A", parentId: company });
    const b = await ok<string>(emu, "network", "createCustomGroup", { groupName: "Move B", parentId: company });
    expect(await ok(emu, "network", "moveCustomGroup", { groupId: b, parentId: a })).toBeNull();
    expect(emu.state.groups[b]!.parentId).toBe(a);
    expect((await fails(emu, "network", "moveCustomGroup", { groupId: a, newParentId: b })).data.details).toBe("Parameter 'newParentId' is not expected.");
    expect((await fails(emu, "network", "moveCustomGroup", { groupId: a, parentId: b })).data.details).toMatch(/under itself/);
    expect((await fails(emu, "network", "moveCustomGroup", { groupId: a, parentId: s.company("Tailspin Toys").id })).data.details).toMatch(/another company/);
    await ok(emu, "network", "createCustomGroup", { groupName: "Move B", parentId: company });
    expect((await fails(emu, "network", "moveCustomGroup", { groupId: b, parentId: company })).data.details).toMatch(/already exists/);
  });

  it("deleteCustomGroup refuses a non-empty group without force", async () => {
    const s = seeded(emu);
    const withEndpoints = s.group("Alpine Ski House", "Rental Desk");
    expect((await fails(emu, "network", "deleteCustomGroup", { groupId: withEndpoints.id })).data.details).toMatch(/is not empty \(9 endpoints, 0 subgroups\)/);
    const parent = await ok<string>(emu, "network", "createCustomGroup", { groupName: "Has Child", parentId: s.company("Alpine Ski House").id });
    await ok(emu, "network", "createCustomGroup", { groupName: "Child", parentId: parent });
    expect((await fails(emu, "network", "deleteCustomGroup", { groupId: parent, force: false })).data.details).toMatch(/0 endpoints, 1 subgroups/);
  });

  it("deleteCustomGroup with force deletes subgroups and moves endpoints to the company root", async () => {
    const s = seeded(emu);
    const company = s.company("Wingtip Accounting");
    const group = s.group("Wingtip Accounting", "Accountants");
    const sub = s.group("Wingtip Accounting", "Tax Season Temps");
    const inside = Object.values(emu.state.endpoints).filter((e) => e.parentId === group.id || e.parentId === sub.id).map((e) => e.id);
    expect(inside.length).toBe(21);
    expect(await ok(emu, "network", "deleteCustomGroup", { groupId: group.id, force: true })).toBeNull();
    expect(emu.state.groups[group.id]).toBeUndefined();
    expect(emu.state.groups[sub.id]).toBeUndefined();
    for (const id of inside) expect(emu.state.endpoints[id]!.parentId).toBe(company.id);
  });

  it("deletes an empty group without force", async () => {
    const id = await ok<string>(emu, "network", "createCustomGroup", { groupName: "Empty One" });
    expect(await ok(emu, "network", "deleteCustomGroup", { groupId: id })).toBeNull();
    expect((await fails(emu, "network", "deleteCustomGroup", { groupId: id })).data.details).toBe(`The group with ID "${id}" was not found.`);
  });
});

describe("scan tasks", () => {
  it("creates and lists scan tasks", async () => {
    const company = seeded(emu).company("Tailspin Toys").id;
    expect(await ok(emu, "network", "createScanTask", { targetIds: [company], type: 1, name: "Weekly quick scan" })).toBe(true);
    const list = await ok(emu, "network", "getScanTasksList", { name: "Weekly" });
    expect(list.items).toEqual([expect.objectContaining({ name: "Weekly quick scan", status: 1 })]);
    expect((await fails(emu, "network", "createScanTask", { targetIds: [company], type: 5 })).data.details).toMatch(/'type'/);
    expect((await fails(emu, "network", "createScanTask", { targetIds: [company], type: 4 })).data.details).toMatch(/customScanSettings/);
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

  it("assigns with inheritFromAbove:false and returns targets to inheriting with inheritFromAbove:true", async () => {
    const s = seeded(emu);
    const target = s.endpointsOf("Litware Legal LLP").find((e) => e.isManaged && e.parentId === s.group("Litware Legal LLP", "Associates").id)!;
    const before = (await ok(emu, "network", "getManagedEndpointDetails", { endpointId: target.id })).policy;
    expect(before.name).toBe("MSP Baseline - Workstations");
    const edr = s.policy("EDR Report Only");
    expect(await ok(emu, "network", "assignPolicy", { targetIds: [target.id], policyId: edr.id, inheritFromAbove: false })).toBe(true);
    expect((await ok(emu, "network", "getManagedEndpointDetails", { endpointId: target.id })).policy).toMatchObject({ id: edr.id, name: "EDR Report Only" });
    expect(await ok(emu, "network", "assignPolicy", { targetIds: [target.id], inheritFromAbove: true })).toBe(true);
    expect((await ok(emu, "network", "getManagedEndpointDetails", { endpointId: target.id })).policy).toEqual(before);
  });

  it("needs a policyId or inheritFromAbove:true, and known targets", async () => {
    const s = seeded(emu);
    const target = s.endpointsOf("Litware Legal LLP")[0]!;
    expect((await fails(emu, "network", "assignPolicy", { targetIds: [target.id] })).data.details).toMatch(/policyId/);
    expect((await fails(emu, "network", "assignPolicy", { targetIds: [target.id], inheritFromAbove: false })).data.details).toMatch(/policyId/);
    expect((await fails(emu, "network", "assignPolicy", { policyId: s.policy("EDR Report Only").id, inheritFromAbove: false })).data.details).toBe("Missing required parameter 'targetIds'.");
    expect((await fails(emu, "network", "assignPolicy", { targetIds: [ZERO_ID], inheritFromAbove: true })).data.details).toBe(`The target with ID "${ZERO_ID}" was not found.`);
    expect((await fails(emu, "network", "assignPolicy", { targetIds: [target.id], policyId: ZERO_ID, inheritFromAbove: false })).data.details).toMatch(/policy.*was not found/);
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
    await ok(emu, "network", "assignPolicy", { targetIds: [group.id], policyId: servers.id, inheritFromAbove: false, forcePolicyInheritance: true });
    expect((await ok(emu, "network", "getManagedEndpointDetails", { endpointId: e1!.id })).policy.id).toBe(servers.id);
  });

  it("assigns to companies, and inheritFromAbove:true puts back the company's default policy", async () => {
    const s = seeded(emu);
    const company = s.company("Coho Vineyard");
    const loose = s.endpointsOf("Coho Vineyard").find((e) => e.parentId === company.id && e.isManaged)!;
    const strict = s.policy("MSP Hardened - Laptops");
    await ok(emu, "network", "assignPolicy", { targetIds: [company.id], policyId: strict.id, inheritFromAbove: false });
    expect((await ok(emu, "network", "getManagedEndpointDetails", { endpointId: loose.id })).policy.id).toBe(strict.id);
    await ok(emu, "network", "assignPolicy", { targetIds: [company.id], inheritFromAbove: true });
    expect((await ok(emu, "network", "getManagedEndpointDetails", { endpointId: loose.id })).policy).toMatchObject({ id: s.policy("Default policy", "Coho Vineyard").id, name: "Default policy" });
  });

  it("refuses a policy the target's company cannot use", async () => {
    const s = seeded(emu);
    const target = s.endpointsOf("Tailspin Toys")[0]!;
    const foreign = s.policy("Blue Yonder Standard");
    expect((await fails(emu, "network", "assignPolicy", { targetIds: [target.id], policyId: foreign.id, inheritFromAbove: false })).data.details).toMatch(/not available to the target/);
  });

  it("the seeded forced Servers group of Fabrikam wins over an endpoint's own policy", async () => {
    const s = seeded(emu);
    const e = s.endpointsOf("Fabrikam Logistics").find((x) => x.policy && x.name.startsWith("FAB-SRV"))!;
    expect((await ok(emu, "network", "getManagedEndpointDetails", { endpointId: e.id })).policy.name).toBe("MSP Baseline - Servers");
  });
});
