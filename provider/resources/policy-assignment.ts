/**
 * PolicyAssignment: a security policy assigned to endpoints, custom groups or companies.
 *
 * | operation | GravityZone call |
 * |---|---|
 * | create | `network.getManagedEndpointDetails` per target (which targets are endpoints, and their policy now), then `network.assignPolicy {targetIds, policyId, inheritFromAbove: false, forcePolicyInheritance}` |
 * | read | `network.getManagedEndpointDetails` per endpoint target (`policy.id`); for targets assigned with `forceInheritance`, `network.getEndpointsList` v1.1 under the group/company and the details of a few of its endpoints |
 * | update | targets dropped → `assignPolicy {targetIds, inheritFromAbove: true}`; policy, force flag or new targets → `assignPolicy` with the policy |
 * | replace | nothing |
 * | delete | `network.assignPolicy {targetIds, inheritFromAbove: true}` (the targets inherit again) |
 *
 * GravityZone answers `assignPolicy` only when it also carries `inheritFromAbove: false` with a
 * `policyId` (a live quirk: without it the call is refused with a misleading "inheritFromAbove should
 * not be used"; the reference page 77209-924802 says the two may not be combined, the live tenant wins).
 * The documented answer `false` (targets under an enforced policy are skipped) fails the step with what
 * to do. The page names endpoints and containers as targets; custom groups and companies as targets
 * rest on what was seen live (policies assigned to groups). assignPolicy allows 5 requests per minute per key: each create, update or delete
 * makes one call (two for an update that also drops targets).
 *
 * The resource id is `policy-assignment:<policyId>:<12 hex digits of the sorted targets' SHA-256>` as
 * created; it is an opaque name and does not change when targets or the policy change in place.
 */
import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import {
  assignResult,
  type GravityZoneClient,
  isGravityZoneError,
  idsNamedIn,
  isNotFound,
  mayMeanNotFound,
} from "../client";
import { walkInventory } from "../client/inventory";
import { dynamicProvider } from "../framework/dynamic";
import { defineHandler } from "../framework/handler";
import { providerClient } from "../settings";
import { idRef } from "../framework/validation";

/** Endpoints checked under each group or company target assigned with `forceInheritance`. */
export const SAMPLED_ENDPOINTS_PER_TARGET = 10;

/** Inputs of {@link PolicyAssignment}. */
export interface PolicyAssignmentArgs {
  /** The policy to assign (see `getPolicies`). Changing it re-assigns in place. */
  policyId: pulumi.Input<string>;
  /**
   * Endpoints, custom groups or companies that get the policy. Order and duplicates do not matter.
   * Targets dropped from the list go back to inheriting their policy from above.
   */
  targetIds: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * Impose the policy on everything below the targets, overriding their own assignments
   * (`forcePolicyInheritance`).
   * @default false
   */
  forceInheritance?: pulumi.Input<boolean>;
  /**
   * Manage an assignment that is already in effect (every target is an endpoint already running the
   * policy) without re-assigning it. Without it, creating such an assignment fails, since another
   * stack or the console may own it.
   * @default false
   */
  adopt?: pulumi.Input<boolean>;
}

const schema = z
  .strictObject({
    policyId: idRef,
    targetIds: z
      .array(idRef)
      .min(1, "must name at least one endpoint, group or company")
      .max(1000, "must name at most 1000 targets"),
    forceInheritance: z.boolean().default(false),
    adopt: z.boolean().default(false),
  })
  .overwrite((v) => ({ ...v, targetIds: [...new Set(v.targetIds.map((t) => t.toLowerCase()))].sort() }));

/** Resolved inputs of {@link PolicyAssignment}. */
export type PolicyAssignmentInputs = z.infer<typeof schema>;

/** Outputs of {@link PolicyAssignment}. */
export interface PolicyAssignmentOutputs extends PolicyAssignmentInputs {
  /** The targets that are endpoints (their policy is read back on refresh). */
  endpointTargets: string[];
  /**
   * The policy each readable target runs, as last read: every endpoint target, and group/company
   * targets assigned with `forceInheritance` whose endpoints run another policy.
   */
  targetPolicies: Record<string, string>;
  /** True when an assignment already in effect was adopted without calling assignPolicy. */
  adopted: boolean;
}

/** The answer of `network.getManagedEndpointDetails`, as far as this resource reads it. @internal */
export const endpointDetails = z
  .object({
    id: z.string(),
    policy: z.object({ id: z.string().nullish(), name: z.string().nullish() }).loose().nullish(),
  })
  .loose();

const endpointItem = z.object({ id: z.string() }).loose();

/** An endpoint's current policy id, `null` when it runs none, `undefined` when the id is not an endpoint. */
async function endpointPolicy(c: GravityZoneClient, id: string): Promise<string | null | undefined> {
  try {
    const d = await c.call("network", "getManagedEndpointDetails", { endpointId: id }, endpointDetails);
    return d.policy?.id ?? null;
  } catch (e) {
    if (mayMeanNotFound(e)) return undefined;
    throw e;
  }
}

const inventoryItem = z.object({ id: z.string() }).loose();

/**
 * The ids of every computer and virtual machine under the API key's company (all levels and pages):
 * the structural check that an endpoint is gone before a read reports it gone.
 */
async function listedEndpoints(c: GravityZoneClient): Promise<Set<string>> {
  const ids = new Set<string>();
  for await (const item of walkInventory(c, { types: ["computers", "virtualMachines"] }, inventoryItem))
    ids.add(item.id);
  return ids;
}

/** Each target's current policy when it is an endpoint. */
async function classify(c: GravityZoneClient, targetIds: readonly string[]): Promise<Map<string, string | null>> {
  const found = await Promise.all(targetIds.map(async (t) => [t, await endpointPolicy(c, t)] as const));
  const out = new Map<string, string | null>();
  for (const [t, p] of found) if (p !== undefined) out.set(t, p);
  return out;
}

/** A policy other than `policyId` run by a sampled endpoint under a forced group/company target. */
async function forcedDrift(
  c: GravityZoneClient,
  containerId: string,
  policyId: string,
): Promise<string | null | undefined> {
  const page = await c.call(
    "network",
    "getEndpointsList",
    {
      parentId: containerId,
      isManaged: true,
      filters: { depth: { allItemsRecursively: true } },
      page: 1,
      perPage: SAMPLED_ENDPOINTS_PER_TARGET,
    },
    z.object({ items: z.array(endpointItem) }).loose(),
    { version: "v1.1" },
  );
  for (const e of page.items.slice(0, SAMPLED_ENDPOINTS_PER_TARGET)) {
    const p = await endpointPolicy(c, e.id);
    if (p !== undefined && p !== policyId) return p;
  }
  return undefined;
}

/**
 * Assigns the policy: `{targetIds, policyId, inheritFromAbove: false, forcePolicyInheritance}`. The page
 * (77209-924802) says inheritFromAbove may not be combined with policyId, but a live tenant refuses a
 * policyId without `inheritFromAbove: false` ("inheritFromAbove should not be used"): the live behaviour wins.
 * The documented answer `false` (targets with an enforced policy are skipped) is an error here.
 */
async function assign(
  c: GravityZoneClient,
  targetIds: readonly string[],
  policyId: string,
  force: boolean,
): Promise<void> {
  const assigned = await c.call(
    "network",
    "assignPolicy",
    { targetIds, policyId, inheritFromAbove: false, forcePolicyInheritance: force },
    assignResult,
  );
  if (!assigned) {
    throw new Error(
      `GravityZone did not assign policy ${policyId} to ${targetIds.join(", ")} (assignPolicy answered false): a target has a policy enforced from above. ` +
        "Remove the enforcement in Control Center (or set forceInheritance on the assignment that enforces it), then run `pulumi up` again.",
    );
  }
}

/**
 * Assigns, and when the answer is lost (the call may or may not have been applied) finds out by
 * reading the endpoint targets: an endpoint that ran another policy before and runs this one now
 * shows the call went through (GravityZone applies an assignPolicy call to all its targets or none).
 * Otherwise the call is sent again; assigning is idempotent.
 */
async function assignConfirmed(
  c: GravityZoneClient,
  targetIds: readonly string[],
  policyId: string,
  force: boolean,
  before: ReadonlyMap<string, string | null>,
): Promise<void> {
  const witnesses = [...before].filter(([, p]) => p !== policyId).map(([t]) => t);
  for (let attempt = 1; ; attempt++) {
    try {
      await assign(c, targetIds, policyId, force);
      return;
    } catch (e) {
      if (!(isGravityZoneError(e) && e.ambiguous)) throw e;
      if (witnesses.length > 0) {
        const now = await endpointPolicy(c, witnesses[0]!).catch(() => undefined);
        if (now === policyId) return;
      }
      if (attempt >= 3) throw e;
    }
  }
}

/**
 * Makes targets inherit again. Idempotent, so a lost answer is followed by sending it again. A target
 * deleted meanwhile makes GravityZone refuse the whole call ("… with ID "<id>" was not found"): that
 * target is left out and the call is sent for the others.
 */
async function inherit(c: GravityZoneClient, targetIds: readonly string[]): Promise<void> {
  let targets = [...targetIds];
  for (let attempt = 1; targets.length > 0; attempt++) {
    try {
      // false: nothing to give back (a target under an enforced policy already inherits it).
      await c.call("network", "assignPolicy", { targetIds: targets, inheritFromAbove: true }, assignResult);
      return;
    } catch (e) {
      if (isNotFound(e)) {
        const missing = idsNamedIn(e, targets);
        if (missing.length === 0 || missing.length === targets.length) throw e;
        targets = targets.filter((t) => !missing.includes(t));
        continue;
      }
      if (!(isGravityZoneError(e) && e.ambiguous) || attempt >= 3) throw e;
    }
  }
}

function idOf(i: PolicyAssignmentInputs): string {
  return `policy-assignment:${i.policyId}:${createHash("sha256").update(i.targetIds.join(",")).digest("hex").slice(0, 12)}`;
}

/** @internal */
export const handler = defineHandler<PolicyAssignmentInputs, PolicyAssignmentOutputs>({
  type: "PolicyAssignment",
  // Writes take a per-minute budget's slot: serve them before cheaper work.
  scarceWrites: true,
  schema,
  replaceOn: [],
  local: ["adopt"],

  async create(inputs) {
    const c = providerClient();
    const endpoints = await classify(c, inputs.targetIds);
    const endpointTargets = inputs.targetIds.filter((t) => endpoints.has(t));
    const inEffect =
      endpointTargets.length === inputs.targetIds.length &&
      endpointTargets.every((t) => endpoints.get(t) === inputs.policyId);
    const targetPolicies = Object.fromEntries(endpointTargets.map((t) => [t, inputs.policyId]));
    if (inEffect && !inputs.forceInheritance) {
      if (!inputs.adopt) {
        throw new Error(
          `policy ${inputs.policyId} is already in effect on every target (${inputs.targetIds.join(", ")}): another stack or the console may manage this assignment. ` +
            "Set `adopt: true` to manage it with this resource (no assignPolicy call is made).",
        );
      }
      return { id: idOf(inputs), outs: { ...inputs, endpointTargets, targetPolicies, adopted: true } };
    }
    await assignConfirmed(c, inputs.targetIds, inputs.policyId, inputs.forceInheritance, endpoints);
    return { id: idOf(inputs), outs: { ...inputs, endpointTargets, targetPolicies, adopted: false } };
  },

  async read(_id, olds) {
    const c = providerClient();
    const endpointTargets = olds.endpointTargets ?? [];
    let listed: Promise<Set<string>> | undefined;
    // An endpoint whose details cannot be read is gone only when the inventory no longer lists it.
    const policyNow = async (t: string): Promise<string | null | undefined> => {
      try {
        return (
          (await c.call("network", "getManagedEndpointDetails", { endpointId: t }, endpointDetails)).policy?.id ?? null
        );
      } catch (e) {
        if (!mayMeanNotFound(e)) throw e;
        if ((await (listed ??= listedEndpoints(c))).has(t)) throw e;
        return undefined;
      }
    };
    const now = await Promise.all(endpointTargets.map(async (t) => [t, await policyNow(t)] as const));
    const gone = new Set(now.filter(([, p]) => p === undefined).map(([t]) => t));
    const targetPolicies: Record<string, string> = {};
    for (const [t, p] of now) if (p !== undefined) targetPolicies[t] = p ?? "";
    if (olds.forceInheritance) {
      for (const t of olds.targetIds.filter((x) => !endpointTargets.includes(x))) {
        const other = await forcedDrift(c, t, olds.policyId).catch((e) => {
          if (mayMeanNotFound(e)) return undefined;
          throw e;
        });
        if (other !== undefined) targetPolicies[t] = other ?? "";
      }
    }
    const targetIds = olds.targetIds.filter((t) => !gone.has(t));
    if (targetIds.length === 0) return undefined;
    // A target running another policy means the assignment drifted: show it on `policyId`.
    const drifted = Object.keys(targetPolicies)
      .sort()
      .map((t) => targetPolicies[t]!)
      .find((p) => p !== olds.policyId);
    return {
      ...olds,
      policyId: drifted ?? olds.policyId,
      targetIds,
      endpointTargets: endpointTargets.filter((t) => !gone.has(t)),
      targetPolicies,
    };
  },

  async update(_id, olds, news, changed) {
    const c = providerClient();
    const newSet = new Set(news.targetIds);
    const oldSet = new Set(olds.targetIds);
    const dropped = olds.targetIds.filter((t) => !newSet.has(t));
    const added = news.targetIds.filter((t) => !oldSet.has(t));
    if (dropped.length > 0) await inherit(c, dropped);
    const reassignAll = changed.includes("policyId") || changed.includes("forceInheritance");
    const toAssign = reassignAll ? news.targetIds : added;
    const addedEndpoints = added.length > 0 ? await classify(c, added) : new Map<string, string | null>();
    const before = new Map([
      ...Object.entries(olds.targetPolicies ?? {}).filter(([t]) => newSet.has(t)),
      ...addedEndpoints,
    ]);
    if (toAssign.length > 0) await assignConfirmed(c, toAssign, news.policyId, news.forceInheritance, before);
    const endpointTargets = [
      ...(olds.endpointTargets ?? []).filter((t) => newSet.has(t)),
      ...added.filter((t) => addedEndpoints.has(t)),
    ].sort();
    return {
      ...news,
      endpointTargets,
      targetPolicies: Object.fromEntries(endpointTargets.map((t) => [t, news.policyId])),
      adopted: olds.adopted,
    };
  },

  async delete(_id, olds) {
    await inherit(providerClient(), olds.targetIds);
  },
});

const provider = dynamicProvider("policy-assignment");

/**
 * A security policy assigned to endpoints, custom groups or companies. Deleting the resource makes
 * the targets inherit their policy from above again.
 *
 * **Drift.** A refresh reads the policy each *endpoint* target runs (`getManagedEndpointDetails`); an
 * endpoint given another policy in the console shows up as `policyId` drifting (and in
 * `targetPolicies`), and the next `up` assigns the declared policy again. GravityZone's API cannot
 * read back which policy is assigned to a *custom group or company*: for those targets drift is only
 * detected when the assignment forces inheritance (`forceInheritance: true`), by checking up to
 * {@link SAMPLED_ENDPOINTS_PER_TARGET} managed endpoints below them. A group or company assignment
 * without `forceInheritance` changed in the console is not seen.
 *
 * Rate limits: `assignPolicy` allows 5 requests per minute per key.
 *
 * @example
 * ```ts
 * const { policies } = await gravityzone.getPolicies({ nameContains: "Servers" });
 * new gravityzone.PolicyAssignment("servers-policy", { policyId: policies[0].id, targetIds: [servers.id], forceInheritance: true });
 * ```
 */
export class PolicyAssignment extends pulumi.dynamic.Resource {
  /** The Pulumi type token (used by policy packs' `validateResourceOfType`). */
  static readonly __pulumiType = "pulumi-nodejs:dynamic/gravityzone:PolicyAssignment";
  /** The assigned policy (after a refresh: another policy found on a target, when one drifted). */
  declare readonly policyId: pulumi.Output<string>;
  /** The targets, sorted. */
  declare readonly targetIds: pulumi.Output<string[]>;
  /** Whether the policy is forced on everything below the targets. */
  declare readonly forceInheritance: pulumi.Output<boolean>;
  /** The targets that are endpoints. */
  declare readonly endpointTargets: pulumi.Output<string[]>;
  /** The policy each readable target runs, as last read. */
  declare readonly targetPolicies: pulumi.Output<Record<string, string>>;
  /** True when an assignment already in effect was adopted. */
  declare readonly adopted: pulumi.Output<boolean>;

  /** Declares a policy assignment. */
  constructor(name: string, args: PolicyAssignmentArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      provider,
      name,
      { endpointTargets: undefined, targetPolicies: undefined, adopted: undefined, ...args },
      opts,
      "gravityzone",
      "PolicyAssignment",
    );
  }
}
