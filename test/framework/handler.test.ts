/**
 * The shared handler's contracts (provider/framework/handler.ts), on a small resource whose "API" is
 * an in-memory table: preview unknowns in check and diff, changed-field diffs, fixed fields refused
 * in preview, local fields that make no API call, and "gone" only when the listing confirms it.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { currentOrder, GravityZoneError, inOperation } from "../../provider/client";
import {
  changedFields,
  checkInputs,
  defineHandler,
  sameValue,
  wireSafe,
  type ResourceDefinition,
} from "../../provider/framework/handler";
import { UNKNOWN } from "../../provider/framework/unknown";

const schema = z.strictObject({
  name: z.string().min(1, "must not be empty"),
  size: z.number().int().default(1),
  parentId: z.string().optional(),
  adopt: z.boolean().default(false),
});
type In = z.infer<typeof schema>;
type Out = In & { thingId: string };

/** A resource over an in-memory table that records every API-side operation. */
function thing(extra: Partial<ResourceDefinition<In, Out>> = {}) {
  const rows = new Map<string, In>();
  const ops: string[] = [];
  let next = 1;
  const def: ResourceDefinition<In, Out> = {
    type: "Thing",
    schema,
    replaceOn: ["parentId"],
    fixed: { size: "Create a new thing instead." },
    local: ["adopt"],
    async create(i) {
      const id = `t${next++}`;
      rows.set(id, { ...i });
      ops.push(`create ${id}`);
      return { id, outs: { ...i, thingId: id } };
    },
    async read(id) {
      ops.push(`read ${id}`);
      const r = rows.get(id);
      if (!r) throw new GravityZoneError({ kind: "invalid-params", module: "m", method: "get", details: "bad id" });
      return { ...r, thingId: id };
    },
    async update(id, _o, n, changed) {
      ops.push(`update ${id} ${changed.join(",")}`);
      rows.set(id, { ...n });
      return { ...n, thingId: id };
    },
    async delete(id) {
      ops.push(`delete ${id}`);
      if (!rows.delete(id))
        throw new GravityZoneError({ kind: "not-found", module: "m", method: "delete", details: "gone" });
    },
    async confirmAbsent(id) {
      ops.push(`list ${id}`);
      return !rows.has(id);
    },
    ...extra,
  };
  return { handler: defineHandler(def), rows, ops };
}

describe("check", () => {
  it("validates known inputs, names the field, and fills defaults", async () => {
    const { handler } = thing();
    expect((await handler.check({}, { name: "a" })).inputs).toEqual({ name: "a", size: 1, adopt: false });
    const bad = await handler.check({}, { name: "", colour: "red" });
    expect(bad.failures?.map((f) => f.property).sort()).toEqual(["colour", "name"]);
  });

  it("lets preview unknowns through unvalidated, but still refuses known bad fields beside them", () => {
    const passed = checkInputs(schema, { name: UNKNOWN, size: UNKNOWN });
    expect(passed.failures).toBeUndefined();
    expect(passed.inputs).toEqual({ name: UNKNOWN, size: UNKNOWN });
    const mixed = checkInputs(schema, { name: UNKNOWN, size: 1.5 });
    expect(mixed.failures?.map((f) => f.property)).toEqual(["size"]);
  });
});

describe("changed fields", () => {
  it("sameValue: null, undefined and a missing key are the same; key order does not matter; array order does", () => {
    expect(sameValue(undefined, null)).toBe(true);
    expect(sameValue({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(sameValue({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(true);
    expect(sameValue([1, 2], [2, 1])).toBe(false);
    expect(sameValue({ a: { b: [1] } }, { a: { b: [1, 2] } })).toBe(false);
    expect(sameValue(0, null)).toBe(false);
  });

  it("changedFields: differing and unknown fields, in schema order", () => {
    const fields = ["name", "size", "parentId"];
    expect(changedFields(fields, { name: "a", size: 1 }, { name: "a", size: 1, parentId: null })).toEqual([]);
    expect(changedFields(fields, { name: "a", size: 1 }, { name: "b", size: 1, parentId: UNKNOWN })).toEqual([
      "name",
      "parentId",
    ]);
    expect(changedFields(fields, { name: "a", size: 1 }, { name: "a", size: { n: [UNKNOWN] } })).toEqual(["size"]);
  });
});

describe("diff", () => {
  const olds = { name: "a", size: 1, adopt: false, thingId: "t1", __provider: "serialized" };

  it("reports no change for equal inputs, names the changed ones, and replaces only on replaceOn fields", async () => {
    const { handler } = thing();
    expect(await handler.diff("t1", olds, { name: "a", size: 1, adopt: false })).toMatchObject({
      changes: false,
      replaces: [],
    });
    expect(await handler.diff("t1", olds, { name: "b", size: 1, adopt: false })).toMatchObject({
      changes: true,
      replaces: [],
    });
    expect(await handler.diff("t1", olds, { name: "a", size: 1, parentId: UNKNOWN })).toMatchObject({
      changes: true,
      replaces: ["parentId"],
    });
  });

  it("refuses a known change of a fixed field in preview, with the old and new value and what to do", async () => {
    const { handler } = thing();
    await expect(handler.diff("t1", olds, { name: "a", size: 2 })).rejects.toThrow(
      "Thing t1: size cannot change from 1 to 2. Create a new thing instead.",
    );
    // Unknown in preview: let through, and checked again at update when it is known.
    await expect(handler.diff("t1", olds, { name: "a", size: UNKNOWN })).resolves.toMatchObject({ changes: true });
    await expect(handler.update("t1", olds, { name: "a", size: 2 })).rejects.toThrow(/size cannot change/);
  });

  it("refuses what the resource's refuse() names, but not while any new input is unknown", async () => {
    const { handler } = thing({
      refuse: (o, n) => (n.name === "forbidden" ? `${o.name} cannot be renamed so` : undefined),
    });
    await expect(handler.diff("t1", olds, { name: "forbidden", size: 1 })).rejects.toThrow(
      "Thing t1: a cannot be renamed so",
    );
    await expect(handler.diff("t1", olds, { name: "forbidden", size: 1, parentId: UNKNOWN })).resolves.toMatchObject({
      changes: true,
    });
  });
});

describe("create, update, read, delete", () => {
  it("strips the serialized provider before the resource sees its inputs, and drops undefined outputs", async () => {
    const { handler, rows } = thing();
    const { id, outs } = await handler.create({
      name: "a",
      size: 1,
      adopt: false,
      parentId: undefined,
      __provider: "p",
    });
    expect(rows.get(id)).not.toHaveProperty("__provider");
    expect(Object.keys(outs!)).not.toContain("parentId");
    expect(wireSafe({ a: undefined, b: [1, undefined, { c: undefined }] })).toEqual({ b: [1, {}] });
  });

  it("a change of a local field alone makes no API call and is carried into the outputs", async () => {
    const { handler, ops } = thing();
    const { id, outs } = await handler.create({ name: "a", size: 1, adopt: false });
    ops.length = 0;
    const updated = await handler.update(id, outs!, { name: "a", size: 1, adopt: true });
    expect(ops).toEqual([]);
    expect(updated.outs).toMatchObject({ adopt: true });
    await handler.update(id, updated.outs!, { name: "b", size: 1, adopt: true });
    expect(ops).toEqual([`update ${id} name`]);
  });

  it("read reports an object gone only when its listing confirms it; otherwise the error stands", async () => {
    const { handler, rows, ops } = thing();
    const { id, outs } = await handler.create({ name: "a", size: 1, adopt: true });
    expect((await handler.read(id, outs!)).props).toMatchObject({ name: "a", adopt: true });
    rows.delete(id);
    expect(await handler.read(id, outs!)).toEqual({ id: "", props: {} });
    expect(ops.slice(-2)).toEqual([`read ${id}`, `list ${id}`]);
    // The listing still shows it: the "bad id" error is reported, not taken as gone.
    const stubborn = thing({ confirmAbsent: async () => false });
    await expect(stubborn.handler.read("t9", outs!)).rejects.toThrow(/bad id/);
  });

  it("delete treats a not-found as success only when confirmed, and never an error of another kind", async () => {
    const { handler } = thing();
    await expect(handler.delete("t404", {})).resolves.toBeUndefined();
    const unconfirmed = thing({ confirmAbsent: async () => false });
    await expect(unconfirmed.handler.delete("t404", {})).rejects.toThrow(/gone/);
    const other = thing({
      delete: async () => {
        throw new GravityZoneError({ kind: "server", module: "m", method: "delete", details: "boom" });
      },
    });
    await expect(other.handler.delete("t1", {})).rejects.toThrow(/boom/);
  });
});

describe("operation order", () => {
  /** The order every API call of each handler method would be served in, as the method saw it. */
  async function ordersOf(scarceWrites: boolean) {
    const seen: Record<string, number> = {};
    const { handler } = thing({
      scarceWrites,
      async create(i) {
        seen.create = currentOrder();
        return { id: "t1", outs: { ...i, thingId: "t1" } };
      },
      async read(id, olds) {
        seen.read = currentOrder();
        return { ...olds, thingId: id };
      },
      async update(id, _o, n) {
        seen.update = currentOrder();
        return { ...n, thingId: id };
      },
      async delete() {
        seen.delete = currentOrder();
      },
    });
    const { id, outs } = await handler.create({ name: "a", size: 1, adopt: false });
    await handler.read(id, outs!);
    await handler.update(id, outs!, { name: "b", size: 1, adopt: false });
    await handler.delete(id, outs!);
    // A plain operation started after all of them.
    seen.later = await inOperation(async () => currentOrder());
    return seen;
  }

  it("a resource whose writes take a per-minute slot has its creates, updates and deletes served before any plain operation", async () => {
    const o = await ordersOf(true);
    for (const write of [o.create!, o.update!, o.delete!]) {
      expect(write).toBeLessThan(o.read!);
      expect(write).toBeLessThan(o.later!);
    }
    // Among themselves, scarce operations keep their start order; the read stays a plain operation.
    expect(o.create).toBeLessThan(o.update!);
    expect(o.update).toBeLessThan(o.delete!);
    expect(o.read).toBeLessThan(o.later!);
  });

  it("other resources' operations are served in start order", async () => {
    const o = await ordersOf(false);
    expect([o.create, o.read, o.update, o.delete, o.later]).toEqual(
      [o.create, o.read, o.update, o.delete, o.later].sort((a, b) => a! - b!),
    );
  });
});
