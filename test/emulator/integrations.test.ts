/**
 * integrations module: getConfiguredIntegrations takes `companyID` (so spelled) and answers
 * `{total, data}` (77211-1300617); the emulated tenant has no integrations.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../emulator/index";
import { fails, ok, seeded, start } from "./helpers";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await start();
});
afterAll(() => emu.close());

describe("getConfiguredIntegrations", () => {
  it("answers {total, data} for the key's company or companyID", async () => {
    expect(await ok(emu, "integrations", "getConfiguredIntegrations", {})).toEqual({ total: 0, data: [] });
    const tailspin = seeded(emu).company("Tailspin Toys").id;
    expect(
      await ok(emu, "integrations", "getConfiguredIntegrations", { companyID: tailspin, page: 2, perPage: 100 }),
    ).toEqual({ total: 0, data: [] });
  });

  it("refuses companyId (the parameter is companyID), an unknown company and perPage over 100", async () => {
    const tailspin = seeded(emu).company("Tailspin Toys").id;
    const lowerCase = { companyId: tailspin };
    expect((await fails(emu, "integrations", "getConfiguredIntegrations", lowerCase)).data.details).toBe(
      "Parameter 'companyId' is not expected.",
    );
    const unknown = { companyID: "0123456789abcdef01234567" };
    expect((await fails(emu, "integrations", "getConfiguredIntegrations", unknown)).data.details).toMatch(
      /was not found/,
    );
    expect((await fails(emu, "integrations", "getConfiguredIntegrations", { perPage: 101 })).data.details).toMatch(
      /between 1 and 100/,
    );
  });
});
