/**
 * The project's own client against the emulator: the emulator's error codes and details map to the
 * client's error kinds, paging reads every page, and a client scaled like the emulator waits out the
 * rate limits instead of failing. (Everything else is checked over raw HTTP in the other files.)
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { closeTransport, GravityZoneClient, GravityZoneError } from "../../provider/client/index";
import type { RunningEmulator } from "../../emulator/index";
import { seeded, start } from "./helpers";

let emu: RunningEmulator;
const SCOPED = "client-scoped-5555555555555555555555555555";
beforeAll(async () => {
  emu = await start({
    rateLimits: 60,
    keys: [{ key: "client-key-66666666666666666666666666666" }, { key: SCOPED, modules: ["network"] }],
  });
});
afterAll(async () => {
  await closeTransport();
  await emu.close();
});

const client = (apiKey = emu.keys[0]!.key) =>
  new GravityZoneClient({ accessUrl: emu.url, apiKey, rateLimitScale: 60, retry: { maxAttempts: 4 } });

async function failure(p: Promise<unknown>): Promise<GravityZoneError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(GravityZoneError);
  return e as GravityZoneError;
}

describe("provider client against the emulator", () => {
  it("reads every page of a list with more than 100 items", async () => {
    const contoso = seeded(emu).company("Contoso Dental Group").id;
    const items = await client().listAll(
      "incidents",
      "getBlocklistItems",
      { companyId: contoso },
      z.object({ id: z.string(), hash: z.string() }),
    );
    expect(items).toHaveLength(160);
  });

  it("maps emulator errors to the client's kinds with the API's details", async () => {
    const c = client();
    const bad = await failure(c.call("network", "createCustomGroup", { name: "x" }, z.string()));
    expect(bad.kind).toBe("invalid-params");
    expect(bad.message).toContain("Parameter 'name' is not expected.");
    expect(
      (
        await failure(
          c.call("network", "getManagedEndpointDetails", { endpointId: "0123456789abcdef01234567" }, z.unknown()),
        )
      ).kind,
    ).toBe("not-found");
    expect((await failure(c.call("companies", "updateCompany", {}, z.unknown()))).kind).toBe("method-not-found");
    expect((await failure(client(SCOPED).call("companies", "getCompanyDetails", {}, z.unknown()))).kind).toBe(
      "forbidden",
    );
    expect((await failure(client("wrong-key").call("network", "getCustomGroupsList", {}, z.unknown()))).kind).toBe(
      "auth",
    );
    const push = await failure(c.call("push", "getPushEventSettings", {}, z.unknown()));
    expect(push.details).toMatch(/were not set/);
  });

  it("waits out the scaled 5/min budget of assignPolicy instead of failing", async () => {
    const c = client();
    const target = emu.state.rootCompanyId;
    const t0 = Date.now();
    for (let i = 0; i < 7; i++)
      expect(
        await c.call("network", "assignPolicy", { targetIds: [target], inheritFromAbove: true }, z.literal(true)),
      ).toBe(true);
    expect(Date.now() - t0).toBeGreaterThan(900);
    expect(emu.calls().filter((x) => x.method === "assignPolicy" && x.status === 429)).toHaveLength(0);
  });
});
