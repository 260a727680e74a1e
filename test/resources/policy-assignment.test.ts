import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import type { EndpointRecord, GroupRecord, TenantState } from "../../emulator";
import { handler, type PolicyAssignmentOutputs } from "../../provider/resources/policy-assignment";
import { setProviderClient } from "../../provider/settings";
import { UNKNOWN } from "../../provider/framework/unknown";
import { checkedInputs, startProviderEnv, type ProviderEnv } from "../helpers/provider-env";

let env: ProviderEnv;
let root: string;
/** Partner policies, available to every customer company. */
let policyP: string;
let policyQ: string;

/** Managed endpoints in a customer company's 'Computers and Groups' that run its default policy (no own assignment, no assigned group). */
let plain: EndpointRecord[];
/** A custom group without an own policy, holding managed endpoints without own assignments. */
let group: GroupRecord;

beforeAll(async () => {
  env = await startProviderEnv({ seed: "default" });
  const s = env.emu.state;
  root = s.rootCompanyId;
  const partnerPolicies = Object.values(s.policies).filter((p) => p.companyId === root && !p.isDefault);
  policyP = partnerPolicies[0]!.id;
  policyQ = partnerPolicies[1]!.id;
  plain = Object.values(s.endpoints).filter(
    (e) => e.isManaged && !e.policy && atCompanyRoot(s, e.parentId) && s.companies[e.companyId]?.type === 1,
  );
  expect(plain.length).toBeGreaterThan(13);
  group = pickGroup(s)!;
  expect(group).toBeDefined();
});
afterAll(() => env.close());
beforeEach(() => env.reset());

/** True when `groupId` is a company's 'Computers and Groups' group (the root of its custom groups and endpoints). */
function atCompanyRoot(s: TenantState, groupId: string): boolean {
  return s.groups[groupId]?.system === "computersAndGroups";
}

function pickGroup(s: TenantState): GroupRecord | undefined {
  return Object.values(s.groups).find((g) => {
    if (g.system || g.policy || !atCompanyRoot(s, g.parentId)) return false;
    const inside = Object.values(s.endpoints).filter((e) => e.parentId === g.id);
    return inside.length >= 2 && inside.every((e) => e.isManaged && !e.policy);
  });
}

const checked = (news: Record<string, unknown>) => checkedInputs(handler, news);

const assigns = () =>
  env.emu
    .calls()
    .filter((c) => c.method === "assignPolicy")
    .map((c) => c.params);
const sorted = (xs: string[]) => [...xs].sort();

describe("check", () => {
  const ok = { policyId: "677ba0b8cf62c2ec7cbffe44", targetIds: ["677bb42c5fb9e33107836b65"] };
  it.each([
    [{ ...ok, policyId: "servers" }, "policyId", "policyId: must be a GravityZone id (24 hexadecimal characters)"],
    [{ ...ok, targetIds: [] }, "targetIds", "targetIds: must name at least one endpoint, group or company"],
    [{ ...ok, targetIds: ["x"] }, "targetIds", "targetIds.0: must be a GravityZone id (24 hexadecimal characters)"],
    [
      { ...ok, forceInheritance: 1 },
      "forceInheritance",
      "forceInheritance: Invalid input: expected boolean, received number",
    ],
    [
      { ...ok, inheritFromAbove: false },
      "inheritFromAbove",
      "inheritFromAbove: not a known input (check the spelling)",
    ],
    [{ targetIds: ok.targetIds }, "policyId", "policyId: Invalid input: expected string, received undefined"],
  ])("%j fails on %s before any API call", async (news, property, reason) => {
    const { failures } = await handler.check({}, news);
    expect(failures).toEqual([{ property, reason }]);
    expect(env.calls()).toEqual([]);
  });

  it("sorts and de-duplicates targets, fills defaults, and passes preview unknowns through", async () => {
    const [a, b] = ["677bb5580274872ad7432445", "677bb42c5fb9e33107836b65"];
    expect(await checked({ policyId: ok.policyId, targetIds: [a, b, a.toUpperCase()] })).toEqual({
      policyId: ok.policyId,
      targetIds: [b, a],
      forceInheritance: false,
      adopt: false,
    });
    expect((await handler.check({}, { policyId: UNKNOWN, targetIds: [UNKNOWN] })).failures).toBeUndefined();
    expect((await handler.check({}, { policyId: ok.policyId, targetIds: UNKNOWN })).failures).toBeUndefined();
    expect(env.calls()).toEqual([]);
  });
});

describe("lifecycle", () => {
  it("assigns with inheritFromAbove:false, reads each endpoint back, re-assigns on drift, moves targets, and returns them to inheriting", async () => {
    const [e1, e2, e3] = plain.slice(0, 3).map((e) => e.id);
    const inputs = await checked({ policyId: policyP, targetIds: [e1, e2, group.id] });
    const { id, outs } = (await handler.create(inputs)) as { id: string; outs: PolicyAssignmentOutputs };
    expect(id).toMatch(new RegExp(`^policy-assignment:${policyP}:[0-9a-f]{12}$`));
    expect(assigns()).toEqual([
      { targetIds: inputs.targetIds, policyId: policyP, inheritFromAbove: false, forcePolicyInheritance: false },
    ]);
    expect(env.writes()).toEqual(["network.assignPolicy"]);
    expect(outs).toEqual({
      ...inputs,
      endpointTargets: sorted([e1!, e2!]),
      targetPolicies: { [e1!]: policyP, [e2!]: policyP },
      adopted: false,
    });
    expect(env.emu.state.endpoints[e1!]!.policy).toEqual({ policyId: policyP, force: false });
    expect(env.emu.state.groups[group.id]!.policy).toEqual({ policyId: policyP, force: false });

    env.reset();
    const read = await handler.read(id, outs);
    expect(read.props).toEqual(outs);
    expect(env.calls()).toEqual(["network.getManagedEndpointDetails", "network.getManagedEndpointDetails"]);
    expect(await handler.diff(id, read.props, inputs)).toEqual({
      changes: false,
      replaces: [],
      deleteBeforeReplace: false,
    });
    env.reset();
    await handler.update(id, outs, inputs);
    expect(env.calls()).toEqual([]);

    // An endpoint given another policy in the console: policyId drifts; the update assigns again.
    await env.console({ action: "setEndpointPolicy", endpointId: e2, policyId: policyQ });
    const drifted = await handler.read(id, outs);
    expect(drifted.props).toMatchObject({ policyId: policyQ, targetPolicies: { [e1!]: policyP, [e2!]: policyQ } });
    expect(await handler.diff(id, drifted.props, inputs)).toEqual({
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
    });
    env.reset();
    const repaired = (await handler.update(id, drifted.props as PolicyAssignmentOutputs, inputs))
      .outs as PolicyAssignmentOutputs;
    expect(assigns()).toEqual([
      { targetIds: inputs.targetIds, policyId: policyP, inheritFromAbove: false, forcePolicyInheritance: false },
    ]);
    expect(env.emu.state.endpoints[e2!]!.policy).toEqual({ policyId: policyP, force: false });
    expect((await handler.read(id, repaired)).props).toMatchObject({ policyId: policyP });

    // Targets changed: the dropped one inherits again, only the new one is assigned.
    const moved = await checked({ policyId: policyP, targetIds: [e1, e3, group.id] });
    env.reset();
    const updated = (await handler.update(id, repaired, moved)).outs as PolicyAssignmentOutputs;
    expect(assigns()).toEqual([
      { targetIds: [e2], inheritFromAbove: true },
      { targetIds: [e3], policyId: policyP, inheritFromAbove: false, forcePolicyInheritance: false },
    ]);
    expect(env.emu.state.endpoints[e2!]!.policy).toBeUndefined();
    expect(updated).toMatchObject({ targetIds: moved.targetIds, endpointTargets: sorted([e1!, e3!]) });

    // Forcing inheritance re-assigns every target with the flag.
    const forced = { ...moved, forceInheritance: true };
    env.reset();
    const forcedOuts = (await handler.update(id, updated, forced)).outs as PolicyAssignmentOutputs;
    expect(assigns()).toEqual([
      { targetIds: moved.targetIds, policyId: policyP, inheritFromAbove: false, forcePolicyInheritance: true },
    ]);

    // Delete: every target inherits again, and deleting twice is fine.
    env.reset();
    await handler.delete(id, forcedOuts);
    expect(assigns()).toEqual([{ targetIds: moved.targetIds, inheritFromAbove: true }]);
    expect(env.emu.state.endpoints[e1!]!.policy).toBeUndefined();
    expect(env.emu.state.groups[group.id]!.policy).toBeUndefined();
    await handler.delete(id, forcedOuts);
  });

  it("a forced group assignment changed in the console is seen through the group's endpoints; an unforced one is not readable", async () => {
    const forced = await checked({ policyId: policyP, targetIds: [group.id], forceInheritance: true });
    const { id, outs } = await handler.create(forced);
    expect((await handler.read(id, outs)).props).toEqual(outs);
    await env.console({ action: "setPolicyAssignment", targetId: group.id, policyId: policyQ });
    const read = await handler.read(id, outs);
    expect(read.props).toMatchObject({ policyId: policyQ, targetPolicies: { [group.id]: policyQ } });
    expect(await handler.diff(id, read.props, forced)).toEqual({
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
    });
    await handler.update(id, read.props, forced);
    expect(env.emu.state.groups[group.id]!.policy).toEqual({ policyId: policyP, force: true });
    await handler.delete(id, outs);

    // Without forceInheritance, GravityZone cannot say which policy a group has: no drift is reported.
    const unforced = await checked({ policyId: policyP, targetIds: [group.id] });
    const created = await handler.create(unforced);
    await env.console({ action: "setPolicyAssignment", targetId: group.id, policyId: policyQ });
    env.reset();
    expect((await handler.read(created.id, created.outs)).props).toEqual(created.outs);
    expect(env.calls()).toEqual([]);
    await handler.delete(created.id, created.outs);
  });

  it("an endpoint target deleted in the console leaves the targets; when none is left the assignment is gone", async () => {
    const [a, b] = plain.slice(3, 5).map((e) => e.id);
    const { id, outs } = await handler.create(await checked({ policyId: policyQ, targetIds: [a, b] }));
    await env.console({ action: "deleteObject", id: a });
    const read = await handler.read(id, outs);
    expect(read.props).toMatchObject({ targetIds: [b], endpointTargets: [b] });
    await env.console({ action: "deleteObject", id: b });
    expect((await handler.read(id, read.props)).id).toBe("");
  });
  it("deleting after a target was deleted in the console still returns the other targets to inheriting", async () => {
    const [a, b] = plain.slice(9, 11).map((e) => e.id);
    const { id, outs } = await handler.create(await checked({ policyId: policyQ, targetIds: [a, b] }));
    await env.console({ action: "deleteObject", id: a });
    env.reset();
    await handler.delete(id, outs);
    expect(assigns()).toEqual([
      { targetIds: sorted([a!, b!]), inheritFromAbove: true },
      { targetIds: [b], inheritFromAbove: true },
    ]);
    expect(env.emu.state.endpoints[b!]!.policy).toBeUndefined();
  });
});

describe("refusals and unreadable targets", () => {
  it("assignPolicy answering false (a target under a policy forced from above) fails the create with what to do", async () => {
    const s = env.emu.state;
    const home = plain[13]!.companyId;
    const root = Object.values(s.groups).find((g) => g.companyId === home && g.system === "computersAndGroups")!.id;
    const forcedGroup = await env.client.call(
      "network",
      "createCustomGroup",
      { groupName: "Forced from above", parentId: root },
      z.string(),
    );
    await env.console({ action: "addEndpoint", parentId: forcedGroup, name: "forced-host" });
    const endpoint = Object.values(s.endpoints).find((e) => e.parentId === forcedGroup)!.id;
    await env.console({ action: "setPolicyAssignment", targetId: forcedGroup, policyId: policyQ, force: true });

    const inputs = await checked({ policyId: policyP, targetIds: [endpoint] });
    env.reset();
    await expect(handler.create(inputs)).rejects.toThrow(
      new RegExp(
        `GravityZone did not assign policy ${policyP} to ${endpoint} \\(assignPolicy answered false\\): a target has a policy enforced from above\\. ` +
          "Remove the enforcement in Control Center \\(or set forceInheritance on the assignment that enforces it\\), then run `pulumi up` again\\.",
      ),
    );
    // One call, not retried; the endpoint keeps the forced policy.
    expect(assigns()).toEqual([
      { targetIds: [endpoint], policyId: policyP, inheritFromAbove: false, forcePolicyInheritance: false },
    ]);
    expect(s.endpoints[endpoint]!.policy).toBeUndefined();

    // Doing what the message says makes the next attempt succeed.
    await env.console({ action: "setPolicyAssignment", targetId: forcedGroup, policyId: policyQ, force: false });
    env.reset();
    const { outs } = await handler.create(inputs);
    expect(assigns()).toHaveLength(1);
    expect(outs).toMatchObject({
      endpointTargets: [endpoint],
      targetPolicies: { [endpoint]: policyP },
      adopted: false,
    });
    expect(s.endpoints[endpoint]!.policy).toEqual({ policyId: policyP, force: false });
  });

  it("an endpoint target whose details cannot be read is reported gone only once the inventory no longer lists it", async () => {
    const [a, b] = plain.slice(11, 13).map((e) => e.id);
    const { id, outs } = await handler.create(await checked({ policyId: policyQ, targetIds: [a, b] }));
    // The agent removed: getManagedEndpointDetails refuses the endpoint, but the inventory still lists it.
    env.emu.state.endpoints[a!]!.isManaged = false;
    env.reset();
    await expect(handler.read(id, outs)).rejects.toThrow(/getManagedEndpointDetails failed .*not managed/);
    expect(env.calls()).toContain("network.getNetworkInventoryItems");
    expect(env.calls().filter((c) => c === "network.getManagedEndpointDetails")).toHaveLength(2);

    // Deleted from the inventory: now it is gone, and the other target stays.
    await env.console({ action: "deleteObject", id: a });
    env.reset();
    const read = await handler.read(id, outs);
    expect(read.props).toEqual({ ...outs, targetIds: [b], endpointTargets: [b], targetPolicies: { [b!]: policyQ } });
    expect(env.calls()).toContain("network.getNetworkInventoryItems");
    await handler.delete(id, read.props);
  });
});

describe("adopt and lost answers", () => {
  it("an assignment already in effect on every target fails without adopt (no write) and is adopted with adopt: true (no write)", async () => {
    const targets = plain.slice(5, 7).map((e) => e.id);
    for (const t of targets) env.emu.state.endpoints[t]!.policy = { policyId: policyQ, force: false };
    const inputs = await checked({ policyId: policyQ, targetIds: targets });
    await expect(handler.create(inputs)).rejects.toThrow(
      /policy [0-9a-f]{24} is already in effect on every target .* Set `adopt: true`/,
    );
    expect(env.writes()).toEqual([]);
    const adopted = await handler.create({ ...inputs, adopt: true });
    expect(adopted.outs).toMatchObject({ adopted: true, endpointTargets: sorted(targets) });
    expect(env.writes()).toEqual([]);
  });

  it("an assignPolicy applied but unanswered (dropAfterWriteRate 1) is confirmed by reading an endpoint, not sent twice", async () => {
    const targets = plain.slice(7, 9).map((e) => e.id);
    env.emu.setFaults({ dropAfterWriteRate: 1, methods: ["network.assignPolicy"], seed: 1 });
    try {
      await handler.create(await checked({ policyId: policyP, targetIds: targets }));
    } finally {
      env.emu.setFaults(undefined);
    }
    expect(assigns()).toHaveLength(1);
    for (const t of targets) expect(env.emu.state.endpoints[t]!.policy).toEqual({ policyId: policyP, force: false });
  });
});

describe("rate limits", () => {
  it("six assignPolicy calls at a scaled 5/min budget: the client waits, no 429 reaches the caller", async () => {
    const scaled = await startProviderEnv({ seed: "default", rateLimits: 60 });
    try {
      const s = scaled.emu.state;
      const eps = Object.values(s.endpoints)
        .filter((e) => e.isManaged && !e.policy && atCompanyRoot(s, e.parentId) && s.companies[e.companyId]?.type === 1)
        .slice(0, 4)
        .map((e) => e.id);
      const inputs = await checked({ policyId: policyP, targetIds: eps.slice(0, 2) });
      const { id, outs } = await handler.create(inputs);
      let o = outs as PolicyAssignmentOutputs;
      for (const targets of [eps.slice(1, 3), eps.slice(2, 4)]) {
        o = (await handler.update(id, o, await checked({ policyId: policyP, targetIds: targets })))
          .outs as PolicyAssignmentOutputs;
      }
      await handler.delete(id, o);
      expect(scaled.emu.calls().filter((c) => c.method === "assignPolicy")).toHaveLength(6);
      expect(scaled.emu.calls().filter((c) => c.status === 429)).toEqual([]);
      expect(scaled.client.stats.rateLimited).toBe(0);
    } finally {
      await scaled.close();
      setProviderClient(env.client);
    }
  }, 60_000);
});
