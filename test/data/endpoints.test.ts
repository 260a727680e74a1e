import * as pulumi from "@pulumi/pulumi";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  ENDPOINTS_PER_PAGE,
  getEndpointsOutput,
  listEndpoints,
  type GetEndpointsResult,
} from "../../provider/data/endpoints";
import { startProviderEnv, type ProviderEnv } from "../helpers/provider-env";

let env: ProviderEnv;

beforeAll(async () => {
  env = await startProviderEnv({ seed: "default" });
});
afterAll(() => env.close());
beforeEach(() => env.reset());

const lists = () => env.emu.calls().filter((c) => c.method === "getEndpointsList");

describe("getEndpoints", () => {
  it("reads a whole tenant's endpoints in one v1.1 call of up to 1000", async () => {
    const all = Object.values(env.emu.state.endpoints);
    const { endpoints } = await listEndpoints(env.client, { recursive: true });
    expect(endpoints).toHaveLength(all.length);
    expect(lists().map((c) => [c.version, c.params])).toEqual([
      ["v1.1", { filters: { depth: { allItemsRecursively: true } }, page: 1, perPage: ENDPOINTS_PER_PAGE }],
    ]);
    const sample = all.find((e) => e.isManaged)!;
    expect(endpoints.find((e) => e.id === sample.id)).toMatchObject({
      id: sample.id,
      name: sample.name,
      isManaged: true,
      groupId: sample.parentId,
      fqdn: sample.fqdn,
      ip: sample.ip,
      operatingSystemVersion: sample.operatingSystemVersion,
    });
  });

  it("filters managed or unmanaged endpoints under a company (those directly in its 'Computers and Groups')", async () => {
    const s = env.emu.state;
    // A company id means the endpoints directly in the company's 'Computers and Groups' group (77212-128483).
    const homeOf = (companyId: string) =>
      Object.values(s.groups).find((g) => g.system === "computersAndGroups" && g.companyId === companyId)!;
    const company = Object.values(s.companies).find((c) =>
      Object.values(s.endpoints).some((e) => e.parentId === homeOf(c.id).id && !e.isManaged),
    )!;
    const home = homeOf(company.id);
    const { endpoints } = await listEndpoints(env.client, { parentId: company.id, isManaged: false });
    expect(lists().map((c) => [c.version, c.params])).toEqual([
      ["v1.1", { parentId: company.id, isManaged: false, page: 1, perPage: ENDPOINTS_PER_PAGE }],
    ]);
    const expected = Object.values(s.endpoints).filter((e) => e.parentId === home.id && !e.isManaged);
    expect(expected.length).toBeGreaterThan(0);
    expect(endpoints.map((e) => e.id).sort()).toEqual(expected.map((e) => e.id).sort());
    expect(endpoints.every((e) => e.isManaged === false && e.groupId === home.id)).toBe(true);
  });

  it("reads every page when there are more than 1000", async () => {
    const s = env.emu.state;
    const template = Object.values(s.endpoints)[0]!;
    const extra = ENDPOINTS_PER_PAGE + 5 - Object.keys(s.endpoints).length;
    for (let i = 0; i < extra; i++) {
      const id = (0xe0000000 + i).toString(16).padStart(8, "0") + "0".repeat(16);
      s.endpoints[id] = { ...template, id, name: `bulk-${String(i).padStart(4, "0")}`, macs: [id.slice(-12)] };
    }
    const { endpoints } = await listEndpoints(env.client, { recursive: true });
    expect(endpoints).toHaveLength(ENDPOINTS_PER_PAGE + 5);
    expect(new Set(endpoints.map((e) => e.id)).size).toBe(ENDPOINTS_PER_PAGE + 5);
    expect(lists().map((c) => (c.params as { page: number }).page)).toEqual([1, 2]);
  });

  it("filters by name locally", async () => {
    const name = Object.values(env.emu.state.endpoints)[3]!.name;
    const { endpoints } = await listEndpoints(env.client, { recursive: true, nameContains: name.toUpperCase() });
    expect(endpoints.map((e) => e.name)).toContain(name);
    expect(endpoints.every((e) => e.name.toLowerCase().includes(name.toLowerCase()))).toBe(true);
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
    const out = getEndpointsOutput({ recursive: pulumi.output(true), isManaged: true });
    const r = await new Promise<GetEndpointsResult>((resolve) =>
      out.apply((v) => resolve(v as unknown as GetEndpointsResult)),
    );
    expect(r.endpoints).toHaveLength(Object.values(env.emu.state.endpoints).filter((e) => e.isManaged).length);
  });
});
