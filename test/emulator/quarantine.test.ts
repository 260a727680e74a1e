/**
 * quarantine module: getQuarantineItemsList under a service path (77211-140256), v1.0 and v1.1,
 * with the documented parameters.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../emulator/index";
import { fails, ok, seeded, start } from "./helpers";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await start();
});
afterAll(() => emu.close());

describe("getQuarantineItemsList", () => {
  it("is served under the computers and exchange service paths, in v1.0 and v1.1", async () => {
    for (const service of ["computers", "exchange"]) {
      for (const version of ["v1.0", "v1.1"] as const) {
        const empty = { items: [], page: 1, pagesCount: 0, perPage: 30, total: 0 };
        expect(await ok(emu, "quarantine", "getQuarantineItemsList", {}, { service, version })).toEqual(empty);
      }
    }
    expect((await fails(emu, "quarantine", "getQuarantineItemsList", {})).code).toBe(-32601);
  });

  it("takes companyId, endpointId, filters, page and perPage ≤ 100; the endpoint must exist", async () => {
    const s = seeded(emu);
    const endpoint = s.endpointsOf("Tailspin Toys")[0]!;
    const params = {
      companyId: s.company("Tailspin Toys").id,
      endpointId: endpoint.id,
      filters: { threatName: "EICAR" },
      page: 1,
      perPage: 100,
    };
    expect(await ok(emu, "quarantine", "getQuarantineItemsList", params, { service: "computers" })).toMatchObject({
      total: 0,
      perPage: 100,
    });
    const missing = { endpointId: "0123456789abcdef01234567" };
    expect(
      (await fails(emu, "quarantine", "getQuarantineItemsList", missing, { service: "computers" })).data.details,
    ).toMatch(/endpoint.*was not found/);
    expect(
      (await fails(emu, "quarantine", "getQuarantineItemsList", { perPage: 101 }, { service: "computers" })).data
        .details,
    ).toMatch(/between 1 and 100/);
    expect(
      (await fails(emu, "quarantine", "getQuarantineItemsList", { page: 1.5 }, { service: "computers" })).data.details,
    ).toMatch(/'page'.*integer/);
  });
});
