/**
 * Shared listings (provider/framework/shared-listing.ts) with the real client against the in-process
 * emulator over HTTP: requests made together cost one listing, each answer reflects writes made before
 * it was asked for, and reads reuse a recent listing only until a write of that kind.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { newIdResult, type GravityZoneClient } from "../../provider/client";
import { listingWrite, sharedListing, type ListingOptions } from "../../provider/framework/shared-listing";
import { startProviderEnv, type ProviderEnv } from "../helpers/provider-env";

let env: ProviderEnv;
beforeAll(async () => {
  env = await startProviderEnv({ seed: "empty" });
});
afterAll(() => env.close());
beforeEach(() => {
  env.nextCommand();
  env.reset();
});

const matches = z.array(z.object({ id: z.string(), name: z.string() }).loose());

/** The names of the companies whose name starts with "Shared", through a shared listing. */
function names(c: GravityZoneClient, options: ListingOptions = {}) {
  return sharedListing(c, "test-companies", "shared", options, (onSend) =>
    c.call("companies", "findCompaniesByName", { nameFilter: "Shared" }, matches, { onSend }),
  ).then((all) => all.map((m) => m.name).sort());
}

const create = (c: GravityZoneClient, name: string) =>
  listingWrite(c, "test-companies", () => c.call("companies", "createCompany", { type: 1, name }, newIdResult));

const listings = () => env.calls().filter((x) => x === "companies.findCompaniesByName").length;

describe("shared listings over HTTP", () => {
  it("twenty requests made together cost one listing and get the same answer", async () => {
    const c = env.client;
    await create(c, "Shared One");
    env.reset();
    const answers = await Promise.all(Array.from({ length: 20 }, () => names(c)));
    expect(new Set(answers.map((a) => a.join()))).toEqual(new Set(["Shared One"]));
    expect(listings()).toBe(1);
  });

  it("a request made after a write sees it: no answer from before the write is handed out", async () => {
    const c = env.client;
    const before = names(c);
    await before;
    await create(c, "Shared Two");
    expect(await names(c)).toContain("Shared Two");
    expect(listings()).toBe(2);
  });

  it("reads reuse a recent listing, until a write of that kind", async () => {
    const c = env.client;
    const first = await names(c, { reuse: true });
    expect(await names(c, { reuse: true })).toEqual(first);
    expect(listings()).toBe(1);
    await create(c, "Shared Three");
    expect(await names(c, { reuse: true })).toContain("Shared Three");
    expect(listings()).toBe(2);
  });
});
