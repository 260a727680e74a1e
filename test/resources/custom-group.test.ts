import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { COMPUTERS_AND_GROUPS, DELETED_GROUP, handler } from "../../provider/resources/custom-group";
import { UNKNOWN } from "../../provider/framework/unknown";
import { checkedInputs, startProviderEnv, type ProviderEnv } from "../helpers/provider-env";

let env: ProviderEnv;
let companyId: string;

beforeAll(async () => {
  env = await startProviderEnv({ seed: "empty" });
  companyId = (await env.client.call("companies", "getCompanyDetails", {}, z.object({ id: z.string() }).loose())).id;
});
afterAll(() => env.close());
beforeEach(() => env.reset());

const groupsUnder = async (parentId?: string) =>
  await env.client.call(
    "network",
    "getCustomGroupsList",
    { parentId },
    z.array(z.object({ id: z.string(), name: z.string() })),
  );

/** The id of a company's 'Computers and Groups' system group (of the API key's company when undefined). */
async function computersAndGroups(company?: string): Promise<string> {
  const system = await groupsUnder(company);
  expect(system.map((g) => g.name).sort()).toEqual([COMPUTERS_AND_GROUPS, DELETED_GROUP]);
  return system.find((g) => g.name === COMPUTERS_AND_GROUPS)!.id;
}

async function create(name: string, extra: Record<string, unknown> = {}) {
  const { inputs, failures } = await handler.check({}, { name, parentId: companyId, ...extra });
  expect(failures ?? []).toEqual([]);
  return { inputs: inputs!, ...(await handler.create(inputs!)) };
}

describe("check", () => {
  it.each([
    [{ name: "" }, "name", "name: must not be empty"],
    [{ name: "x".repeat(256) }, "name", "name: must be at most 255 characters"],
    [{ name: " Servers" }, "name", "name: must not start or end with spaces"],
    [
      { name: "Ser\u202evers" },
      "name",
      "name: must not contain control, line-separator or invisible characters (or a lone surrogate)",
    ],
    [
      { name: "Servers", parentId: "not-an-id" },
      "parentId",
      "parentId: must be a GravityZone id (24 hexadecimal characters)",
    ],
    [
      { name: "Servers", forceDelete: "yes" },
      "forceDelete",
      "forceDelete: Invalid input: expected boolean, received string",
    ],
    [{ name: "Servers", groupname: "typo" }, "groupname", "groupname: not a known input (check the spelling)"],
  ])("%j fails on %s before any API call", async (news, property, reason) => {
    const { failures } = await handler.check({}, news);
    expect(failures).toEqual([{ property, reason }]);
    expect(env.calls()).toEqual([]);
  });

  it("passes preview unknowns through and fills defaults", async () => {
    expect((await handler.check({}, { name: "Servers", parentId: UNKNOWN })).failures).toBeUndefined();
    expect((await handler.check({}, { name: "Servers" })).inputs).toEqual({
      name: "Servers",
      forceDelete: false,
      adopt: false,
    });
  });
});

describe("lifecycle", () => {
  it("creates once, reads, diffs a no-op as no change, moves in place, replaces on rename, deletes idempotently", async () => {
    const { id, outs, inputs } = await create("Servers");
    expect(outs).toMatchObject({ name: "Servers", parentId: companyId, groupId: id, adopted: false });
    // A company id stands for its 'Computers and Groups' group: the group is created there.
    const root = await computersAndGroups(companyId);
    const creates = env.emu.calls().filter((c) => c.method === "createCustomGroup");
    expect(creates.map((c) => c.params)).toEqual([{ groupName: "Servers", parentId: root }]);

    const read = await handler.read(id, outs);
    expect(read.id).toBe(id);
    expect(read.props).toMatchObject({ name: "Servers", groupId: id });

    expect(await handler.diff(id, outs, inputs)).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });
    env.reset();
    await handler.update(id, outs, inputs);
    expect(env.writes()).toEqual([]);

    const parent = await create("Parent");
    const moved = { ...inputs, parentId: parent.id };
    expect(await handler.diff(id, outs, moved)).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    env.reset();
    const updated = await handler.update(id, outs, moved);
    expect(env.writes()).toEqual(["network.moveCustomGroup"]);
    expect(env.emu.calls().find((c) => c.method === "moveCustomGroup")!.params).toEqual({
      groupId: id,
      parentId: parent.id,
    });
    expect((await groupsUnder(parent.id)).map((g) => g.id)).toEqual([id]);

    expect(await handler.diff(id, updated.outs, { ...moved, name: "Servers2" })).toEqual({
      changes: true,
      replaces: ["name"],
      deleteBeforeReplace: true,
    });
    expect(await handler.diff(id, updated.outs, { ...moved, forceDelete: true })).toEqual({
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
    });

    await handler.delete(id, updated.outs);
    // Deleting again: the refusal is success only because the inventory no longer lists the group.
    env.reset();
    await handler.delete(id, updated.outs);
    expect([...new Set(env.calls())]).toEqual(["network.deleteCustomGroup", "network.getNetworkInventoryItems"]);
    expect((await handler.read(id, updated.outs)).id).toBe("");
  });

  it("read shows a console rename and a console move as drift", async () => {
    const { id, outs } = await create("Drifty");
    const other = await create("Elsewhere");
    await env.console({ action: "renameCustomGroup", groupId: id, name: "Renamed by hand" });
    expect((await handler.read(id, outs)).props).toMatchObject({ name: "Renamed by hand" });
    await env.console({ action: "moveCustomGroup", groupId: id, parentId: other.id });
    env.nextCommand();
    const after = await handler.read(id, outs);
    expect(after.props).toMatchObject({ name: "Renamed by hand", parentId: other.id });
    expect(
      (await handler.diff(id, after.props, { name: "Drifty", parentId: companyId, forceDelete: false, adopt: false }))
        .replaces,
    ).toEqual(["name"]);
  });
});

describe("a company (or none) as parent", () => {
  /** A customer company below the API key's company. */
  let sub: string;
  /** Its 'Computers and Groups' group. */
  let subRoot: string;

  beforeAll(async () => {
    sub = await env.client.call("companies", "createCompany", { type: 1, name: "Group Customer" }, z.string());
    subRoot = await computersAndGroups(sub);
  });

  const listParams = () =>
    env.emu
      .calls()
      .filter((c) => c.method === "getCustomGroupsList")
      .map((c) => c.params);
  const paramsOf = (method: string) =>
    env.emu
      .calls()
      .filter((c) => c.method === method)
      .map((c) => c.params);

  it("a company id is that company's 'Computers and Groups': created there, found again by name, read without drift", async () => {
    env.nextCommand();
    env.reset();
    const inputs = await checkedInputs(handler, { name: "Branch", parentId: sub });
    const { id, outs } = await handler.create(inputs);
    // The company's listing answers its system groups; the lookup by name is made in 'Computers and Groups'.
    expect(env.calls()).toEqual([
      "network.getCustomGroupsList",
      "network.getCustomGroupsList",
      "network.createCustomGroup",
    ]);
    expect(listParams()).toEqual([{ parentId: sub }, { parentId: subRoot }]);
    expect(paramsOf("createCustomGroup")).toEqual([{ groupName: "Branch", parentId: subRoot }]);
    // The outputs keep the program's parentId, so the next diff sees no change.
    expect(outs).toEqual({ ...inputs, groupId: id, adopted: false });
    expect((await groupsUnder(subRoot)).map((g) => g.id)).toEqual([id]);
    expect(env.emu.state.groups[id]).toMatchObject({ parentId: subRoot, companyId: sub });

    // Declared again: found by name under 'Computers and Groups', never created twice.
    env.reset();
    await expect(handler.create(inputs)).rejects.toThrow(
      new RegExp(`custom group "Branch" already exists in GravityZone \\(id ${id}\\)\\. Set \`adopt: true\``),
    );
    expect(env.writes()).toEqual([]);
    const adopted = await handler.create({ ...inputs, adopt: true });
    expect(adopted).toEqual({ id, outs: { ...inputs, adopt: true, groupId: id, adopted: true } });
    expect(env.writes()).toEqual([]);
    expect((await groupsUnder(subRoot)).filter((g) => g.name === "Branch")).toHaveLength(1);

    // A refresh in a new process: no drift.
    env.nextCommand();
    const read = await handler.read(id, outs);
    expect(read.props).toEqual(outs);
    expect(read.inputs).toEqual({ name: "Branch", parentId: sub, forceDelete: false, adopt: false });
    expect(await handler.diff(id, read.props, inputs)).toEqual({
      changes: false,
      replaces: [],
      deleteBeforeReplace: false,
    });
  });

  it("no parentId is the API key's company's 'Computers and Groups': created there, found again by name, read without drift", async () => {
    const root = await computersAndGroups(undefined);
    expect(root).toBe(await computersAndGroups(companyId));
    env.nextCommand();
    env.reset();
    const inputs = await checkedInputs(handler, { name: "Unparented" });
    const { id, outs } = await handler.create(inputs);
    expect(listParams()).toEqual([{}, { parentId: root }]);
    expect(paramsOf("createCustomGroup")).toEqual([{ groupName: "Unparented", parentId: root }]);
    expect(outs).toEqual({ name: "Unparented", forceDelete: false, adopt: false, groupId: id, adopted: false });
    expect(env.emu.state.groups[id]).toMatchObject({ parentId: root, companyId });

    env.reset();
    await expect(handler.create(inputs)).rejects.toThrow(
      /custom group "Unparented" already exists in GravityZone \(id [0-9a-f]{24}\)\. Set `adopt: true`/,
    );
    expect(env.writes()).toEqual([]);
    expect((await groupsUnder(root)).filter((g) => g.name === "Unparented").map((g) => g.id)).toEqual([id]);

    env.nextCommand();
    const read = await handler.read(id, outs);
    expect(read.props).toEqual(outs);
    expect(await handler.diff(id, read.props, inputs)).toEqual({
      changes: false,
      replaces: [],
      deleteBeforeReplace: false,
    });
  });

  it("moving a group to a company id moves it into that company's 'Computers and Groups' with moveCustomGroup", async () => {
    const parent = await handler.create(await checkedInputs(handler, { name: "Mover parent", parentId: sub }));
    const childInputs = await checkedInputs(handler, { name: "Mover", parentId: parent.id });
    const child = await handler.create(childInputs);
    expect(env.emu.state.groups[child.id]!.parentId).toBe(parent.id);

    const moved = { ...childInputs, parentId: sub };
    expect(await handler.diff(child.id, child.outs, moved)).toEqual({
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
    });
    env.reset();
    const updated = await handler.update(child.id, child.outs, moved);
    expect(env.writes()).toEqual(["network.moveCustomGroup"]);
    expect(paramsOf("moveCustomGroup")).toEqual([{ groupId: child.id, parentId: subRoot }]);
    expect(updated.outs).toEqual({ ...moved, groupId: child.id, adopted: false });
    expect(env.emu.state.groups[child.id]!.parentId).toBe(subRoot);

    env.nextCommand();
    const read = await handler.read(child.id, updated.outs);
    expect(read.props).toEqual(updated.outs);
    expect(await handler.diff(child.id, read.props, moved)).toEqual({
      changes: false,
      replaces: [],
      deleteBeforeReplace: false,
    });
  });

  it("a group moved by hand to another group shows the new parentId as drift, and update moves it back", async () => {
    const inputs = await checkedInputs(handler, { name: "Wanderer", parentId: sub });
    const { id, outs } = await handler.create(inputs);
    const other = await handler.create(await checkedInputs(handler, { name: "Destination", parentId: sub }));
    await env.console({ action: "moveCustomGroup", groupId: id, parentId: other.id });

    env.nextCommand();
    const drifted = await handler.read(id, outs);
    expect(drifted.props).toEqual({ ...outs, parentId: other.id });
    expect(await handler.diff(id, drifted.props, inputs)).toEqual({
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
    });

    env.reset();
    const repaired = await handler.update(id, drifted.props, inputs);
    expect(env.writes()).toEqual(["network.moveCustomGroup"]);
    expect(paramsOf("moveCustomGroup")).toEqual([{ groupId: id, parentId: subRoot }]);
    expect(repaired.outs).toEqual(outs);
    expect(env.emu.state.groups[id]!.parentId).toBe(subRoot);

    env.nextCommand();
    const read = await handler.read(id, repaired.outs);
    expect(read.props).toEqual(outs);
    expect(await handler.diff(id, read.props, inputs)).toEqual({
      changes: false,
      replaces: [],
      deleteBeforeReplace: false,
    });
  });
});

describe("shared sibling listings", () => {
  const listCalls = () => env.emu.calls().filter((c) => c.method === "getCustomGroupsList");

  it("siblings created together resolve their parent with one shared call and look their names up with one more; each is created once", async () => {
    const parent = await create("Shared parent");
    env.reset();
    const made = await Promise.all(
      ["A", "B", "C", "D"].map((n) =>
        handler.create({ name: n, parentId: parent.id, forceDelete: false, adopt: false }),
      ),
    );
    // One listing tells the parent is a custom group (not a company), one fresh listing is the lookup by name.
    expect(listCalls().map((c) => c.params)).toEqual([{ parentId: parent.id }, { parentId: parent.id }]);
    expect(env.writes()).toEqual(Array(4).fill("network.createCustomGroup"));
    const createParams = env.emu
      .calls()
      .filter((c) => c.method === "createCustomGroup")
      .map((c) => c.params as { groupName: string });
    expect(createParams.sort((a, b) => a.groupName.localeCompare(b.groupName))).toEqual(
      ["A", "B", "C", "D"].map((groupName) => ({ groupName, parentId: parent.id })),
    );
    expect((await groupsUnder(parent.id)).map((g) => g.name).sort()).toEqual(["A", "B", "C", "D"]);
    expect(new Set(made.map((m) => m.id)).size).toBe(4);
    // The parent is resolved once per process: the next siblings cost only the lookup by name.
    env.reset();
    await Promise.all(
      ["E", "F"].map((n) => handler.create({ name: n, parentId: parent.id, forceDelete: false, adopt: false })),
    );
    expect(listCalls().map((c) => c.params)).toEqual([{ parentId: parent.id }]);
    expect(env.writes()).toEqual(Array(2).fill("network.createCustomGroup"));
  });

  it("a refresh lists each parent once, however many of its groups it reads, and never misses a group created since", async () => {
    const parent = await create("Refresh parent");
    const kids = [];
    for (const n of ["R1", "R2", "R3"]) kids.push(await create(n, { parentId: parent.id }));
    env.nextCommand();
    env.reset();
    for (const k of kids) expect((await handler.read(k.id, k.outs)).id).toBe(k.id);
    expect(listCalls()).toHaveLength(1);
    // A group created by this provider after that listing is found by the next read.
    const late = await create("R4", { parentId: parent.id });
    env.reset();
    expect((await handler.read(late.id, late.outs)).id).toBe(late.id);
    expect(listCalls()).toHaveLength(1);
  });

  it("a lookup before a create never uses an earlier listing: a group made by hand meanwhile is found", async () => {
    const parent = await create("Lookup parent");
    const first = await create("First", { parentId: parent.id });
    await handler.read(first.id, first.outs);
    await env.client.call("network", "createCustomGroup", { groupName: "By hand", parentId: parent.id }, z.string());
    await expect(
      handler.create({ name: "By hand", parentId: parent.id, forceDelete: false, adopt: false }),
    ).rejects.toThrow(/already exists .*adopt: true/);
  });
});

describe("no duplicates", () => {
  it("an ambiguous create (write applied, connection dropped) ends with exactly one group and success", async () => {
    env.emu.setFaults({ dropAfterWriteRate: 1, methods: ["network.createCustomGroup"], seed: 1 });
    try {
      const { id } = await create("Ambiguous");
      const named = (await groupsUnder(await computersAndGroups(companyId))).filter((g) => g.name === "Ambiguous");
      expect(named.map((g) => g.id)).toEqual([id]);
    } finally {
      env.emu.setFaults(undefined);
    }
  });

  it("an existing group fails without adopt, and is adopted with adopt: true without a create call", async () => {
    const first = await create("Existing");
    env.reset();
    await expect(create("Existing")).rejects.toThrow(
      /custom group "Existing" already exists in GravityZone \(id [0-9a-f]{24}\)\. Set `adopt: true`/,
    );
    expect(env.writes()).toEqual([]);
    const adopted = await create("Existing", { adopt: true });
    expect(adopted.id).toBe(first.id);
    expect(adopted.outs.adopted).toBe(true);
    expect(env.writes()).toEqual([]);
  });
});

describe("delete protection", () => {
  it("a group with subgroups is not deleted without forceDelete, and says how to proceed", async () => {
    const parent = await create("Full");
    await create("Child", { parentId: parent.id });
    await expect(handler.delete(parent.id, parent.outs)).rejects.toThrow(
      /still contains endpoints or subgroups.*forceDelete: true/,
    );
    await handler.delete(parent.id, { ...parent.outs, forceDelete: true });
    expect((await handler.read(parent.id, parent.outs)).id).toBe("");
  });
});

describe("check messages for nested inputs", () => {
  it("names the nested path of a misspelt key and reports it on its top-level property", async () => {
    const { checkInputs } = await import("../../provider/framework/handler");
    const schema = z.strictObject({ connection: z.strictObject({ ruleName: z.string() }) });
    expect(checkInputs(schema, { connection: { ruleName: "r", foo: 1 } }).failures).toEqual([
      { property: "connection", reason: "connection.foo: not a known input (check the spelling)" },
    ]);
  });
});
