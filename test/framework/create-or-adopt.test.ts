/**
 * "Create never duplicates" (provider/framework/create-or-adopt.ts) against the in-process emulator
 * over real HTTP: a create whose connection drops after GravityZone applied it is found and used, not
 * sent again; a name already taken is refused unless `adopt` is set; a write that never happened is
 * sent again. And partial failures (provider/framework/partial-failure.ts) keep the serialized
 * provider in what the engine records.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { newIdResult } from "../../provider/client";
import { createOrAdopt } from "../../provider/framework/create-or-adopt";
import { defineHandler } from "../../provider/framework/handler";
import { PartialCreateError, withPartialFailures } from "../../provider/framework/partial-failure";
import { startProviderEnv, type ProviderEnv } from "../helpers/provider-env";

let env: ProviderEnv;
beforeAll(async () => {
  env = await startProviderEnv({ seed: "empty" });
});
afterAll(() => env.close());
beforeEach(() => {
  env.emu.setFaults(undefined);
  env.reset();
});

const matches = z.array(z.object({ id: z.string(), name: z.string() }).loose());

/** The companies named exactly `name`, as GravityZone lists them now. */
async function companiesNamed(name: string) {
  const all = await env.client.call("companies", "findCompaniesByName", { nameFilter: name }, matches);
  return all.filter((m) => m.name === name);
}

function companySpec(name: string, adopt: boolean) {
  return {
    what: `company "${name}"`,
    adopt,
    find: async () => (await companiesNamed(name))[0],
    idOf: (found: { id: string }) => found.id,
    create: () => env.client.call("companies", "createCompany", { type: 1, name }, newIdResult),
  };
}

const creates = () => env.calls().filter((c) => c === "companies.createCompany").length;

describe("createOrAdopt", () => {
  it("after a create whose answer was lost, finds the company it made and does not create another", async () => {
    env.emu.setFaults({ dropAfterWriteRate: 1, methods: ["companies.createCompany"], seed: 1 });
    const result = await createOrAdopt(companySpec("Dropped Answer Ltd", false));
    const listed = await companiesNamed("Dropped Answer Ltd");
    expect(listed).toHaveLength(1);
    expect(result).toMatchObject({ id: listed[0]!.id, adopted: false });
    expect(creates()).toBe(1);
  });

  it("refuses a name already taken without adopt, and takes it over with adopt, creating nothing", async () => {
    const first = await createOrAdopt(companySpec("Taken Ltd", false));
    env.reset();
    await expect(createOrAdopt(companySpec("Taken Ltd", false))).rejects.toThrow(
      /already exists in GravityZone \(id [0-9a-f]{24}\)\. Set `adopt: true`/,
    );
    const adopted = await createOrAdopt(companySpec("Taken Ltd", true));
    expect(adopted).toMatchObject({ id: first.id, adopted: true });
    expect(creates()).toBe(0);
    expect(await companiesNamed("Taken Ltd")).toHaveLength(1);
  });

  it("when another writer creates the name between lookup and create, adopts it only with adopt", async () => {
    const spec = companySpec("Raced Ltd", true);
    let looked = 0;
    const raced = {
      ...spec,
      // The first lookup misses; someone else creates the company before our create goes out.
      find: async () => (looked++ === 0 ? undefined : spec.find()),
      create: async () => {
        if (looked === 1)
          await env.client.call("companies", "createCompany", { type: 1, name: "Raced Ltd" }, newIdResult);
        return spec.create();
      },
    };
    const result = await createOrAdopt(raced);
    expect(result.adopted).toBe(true);
    expect(await companiesNamed("Raced Ltd")).toHaveLength(1);
  });

  it("sends a create again when it failed (HTTP 500) before GravityZone applied it, and makes one company", async () => {
    env.emu.setFaults({ errorRate: 1, methods: ["companies.createCompany"], seed: 3 });
    const spec = companySpec("Retried Ltd", false);
    const result = await createOrAdopt({
      ...spec,
      create: async () => {
        try {
          return await spec.create();
        } finally {
          // Only the first attempt meets the fault.
          env.emu.setFaults(undefined);
        }
      },
    });
    const listed = await companiesNamed("Retried Ltd");
    expect(listed).toHaveLength(1);
    expect(result).toMatchObject({ id: listed[0]!.id, adopted: false });
    expect(creates()).toBeGreaterThanOrEqual(2);
  });

  it("gives up after `attempts` creates that all fail, having created nothing", async () => {
    env.emu.setFaults({ errorRate: 1, methods: ["companies.createCompany"], seed: 3 });
    let attempts = 0;
    const spec = companySpec("Never Ltd", false);
    await expect(
      createOrAdopt({
        ...spec,
        attempts: 2,
        create: () => {
          attempts++;
          return spec.create();
        },
      }),
    ).rejects.toThrow(/createCompany failed/);
    expect(attempts).toBe(2);
    env.emu.setFaults(undefined);
    expect(await companiesNamed("Never Ltd")).toHaveLength(0);
  });
});

describe("partial failures", () => {
  const schema = z.strictObject({ name: z.string() });
  const handler = withPartialFailures(
    defineHandler<{ name: string }, { name: string; companyId: string }>({
      type: "Thing",
      schema,
      replaceOn: [],
      async create(i) {
        const id = await env.client.call("companies", "createCompany", { type: 1, name: i.name }, newIdResult);
        throw new PartialCreateError(
          `company "${i.name}"`,
          id,
          { name: i.name, companyId: id },
          "suspendCompany",
          new Error("refused"),
        );
      },
      read: async () => undefined,
      update: async (_id, o) => o,
      delete: async () => undefined,
    }),
  );

  it("reports the created object's id and outputs with the serialized provider, and says to run up again", async () => {
    const e = await handler
      .create({ name: "Half Done Ltd", __provider: "serialized-provider" })
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(PartialCreateError);
    const partial = e as PartialCreateError;
    const [made] = await companiesNamed("Half Done Ltd");
    expect(partial.id).toBe(made!.id);
    expect(partial.properties).toEqual({
      name: "Half Done Ltd",
      companyId: made!.id,
      __provider: "serialized-provider",
    });
    expect(partial.reasons).toEqual(["suspendCompany failed: refused"]);
    expect(partial.message).toMatch(/was created \(id [0-9a-f]{24}\) but suspendCompany failed: refused.*pulumi up/);
  });
});
