import * as pulumi from "@pulumi/pulumi";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  getNetworkInventoryOutput,
  inventoryKind,
  listNetworkInventory,
  type GetNetworkInventoryResult,
} from "../../provider/data/network-inventory";
import { startProviderEnv, type ProviderEnv } from "../helpers/provider-env";

let env: ProviderEnv;
let root: string;

beforeAll(async () => {
  env = await startProviderEnv({ seed: "default" });
  root = env.emu.state.rootCompanyId;
});
afterAll(() => env.close());
beforeEach(() => env.reset());

const lists = () => env.emu.calls().filter((c) => c.method === "getNetworkInventoryItems");

describe("getNetworkInventory", () => {
  it("lists the key's company's direct children by default, every page", async () => {
    const s = env.emu.state;
    const { items } = await listNetworkInventory(env.client, {});
    const expected =
      Object.values(s.companies).filter((c) => c.parentId === root).length +
      Object.values(s.groups).filter((g) => g.parentId === root).length +
      Object.values(s.endpoints).filter((e) => e.parentId === root).length;
    expect(items).toHaveLength(expected);
    expect(lists().map((c) => [c.version, c.params])).toEqual([["v1.0", { page: 1, perPage: 100 }]]);
    const company = items.find((i) => i.type === 1)!;
    expect(company).toMatchObject({ kind: "company", parentId: root });
    expect(typeof company.details).toBe("object");
  });

  it("sends type filters and recursion, and reads every page of a large result", async () => {
    const s = env.emu.state;
    const { items } = await listNetworkInventory(env.client, {
      types: ["computers", "virtualMachines"],
      recursive: true,
    });
    expect(items).toHaveLength(Object.values(s.endpoints).length);
    expect(items.length).toBeGreaterThan(200);
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
    expect(new Set(items.map((i) => i.kind))).toEqual(new Set(items.map((i) => inventoryKind(i.type))));
    expect(items.every((i) => i.kind === "computer" || i.kind === "virtualMachine")).toBe(true);
    const calls = lists();
    expect(calls.map((c) => (c.params as { page: number }).page)).toEqual(
      Array.from({ length: Math.ceil(items.length / 100) }, (_, i) => i + 1),
    );
    expect(calls[0]!.params).toEqual({
      filters: { type: { computers: true, virtualMachines: true }, depth: { allItemsRecursively: true } },
      page: 1,
      perPage: 100,
    });
  });

  it("lists the companies below a partner, and the content of a group", async () => {
    const s = env.emu.state;
    const { items: companies } = await listNetworkInventory(env.client, { types: ["companies"], recursive: true });
    expect(companies.map((c) => c.id).sort()).toEqual(
      Object.keys(s.companies)
        .filter((id) => id !== root)
        .sort(),
    );
    expect(companies.every((c) => c.kind === "company")).toBe(true);

    const group = Object.values(s.groups).find((g) => Object.values(s.endpoints).some((e) => e.parentId === g.id))!;
    env.reset();
    const { items } = await listNetworkInventory(env.client, { parentId: group.id });
    expect(lists()[0]!.params).toEqual({ parentId: group.id, page: 1, perPage: 100 });
    const expected = [
      ...Object.values(s.groups).filter((g) => g.parentId === group.id),
      ...Object.values(s.endpoints).filter((e) => e.parentId === group.id),
    ];
    expect(items.map((i) => i.id).sort()).toEqual(expected.map((x) => x.id).sort());
    expect(items.every((i) => i.parentId === group.id)).toBe(true);
  });

  it("filters by name locally", async () => {
    const { items } = await listNetworkInventory(env.client, {
      types: ["companies"],
      recursive: true,
      nameContains: "TOYS",
    });
    expect(items.map((i) => i.name)).toEqual(["Tailspin Toys"]);
  });

  it("refuses an unknown type filter before any call", async () => {
    await expect(listNetworkInventory(env.client, { types: ["printers" as never] })).rejects.toThrow(
      /unknown type filter "printers"; allowed: companies, groups, computers, virtualMachines/,
    );
    expect(env.calls()).toEqual([]);
  });

  it("has an Output form that takes Outputs and reads the program's stack configuration", async () => {
    await pulumi.runtime.setMocks(
      { newResource: (a) => ({ id: "id", state: a.inputs }), call: () => ({}) },
      "project",
      "stack",
      false,
    );
    pulumi.runtime.setAllConfig({
      "gravityzone:accessUrl": env.emu.url,
      "gravityzone:apiKey": env.emu.keys[0]!.key,
      "gravityzone:rateLimitScale": "1000",
    });
    const out = getNetworkInventoryOutput({ types: ["companies"], recursive: pulumi.output(true) });
    const r = await new Promise<GetNetworkInventoryResult>((resolve) =>
      out.apply((v) => resolve(v as unknown as GetNetworkInventoryResult)),
    );
    expect(r.items).toHaveLength(Object.keys(env.emu.state.companies).length - 1);
  });
});
