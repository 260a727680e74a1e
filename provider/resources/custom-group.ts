/**
 * CustomGroup: a custom group in a company's network inventory.
 *
 * A company's custom groups live under its 'Computers and Groups' system group: getCustomGroupsList
 * answers that group and 'Deleted' for a company id or for none (77209-128488). So `parentId` may name a
 * company (or be left out for the API key's company), meaning that company's 'Computers and Groups', or
 * a custom group.
 *
 * | operation | GravityZone call |
 * |---|---|
 * | resolve the parent | `network.getCustomGroupsList {parentId}`: when the answer is the two system groups, the parent is the company's 'Computers and Groups' (once per parent and process) |
 * | create | `network.createCustomGroup {groupName, parentId}` (after a lookup by name under the parent) |
 * | read | `network.getCustomGroupsList {parentId}`; if it moved, `network.getNetworkInventoryItems` (recursive, groups) |
 * | update | `parentId` → `network.moveCustomGroup {groupId, parentId}` |
 * | replace | `name` (there is no rename method) |
 * | delete | `network.deleteCustomGroup {groupId, force}`; an error that may mean "not found" is success only when `network.getNetworkInventoryItems` (recursive, groups) no longer lists the group |
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { newIdResult, okResult, type GravityZoneClient, isGroupNotEmpty } from "../client";
import { findInInventory } from "../client/inventory";
import { createOrAdopt } from "../framework/create-or-adopt";
import { dynamicProvider } from "../framework/dynamic";
import { defineHandler } from "../framework/handler";
import { providerClient } from "../settings";
import { type ListingOptions, listingWrite, sharedListing } from "../framework/shared-listing";
import { displayName, idRef } from "../framework/validation";

/** Inputs of {@link CustomGroup}. */
export interface CustomGroupArgs {
  /**
   * The group's name, unique among its siblings.
   * Caution: GravityZone cannot rename a group through the API, so changing it **replaces** the group:
   * the old group is deleted first, which fails while it still holds endpoints or subgroups unless
   * `forceDelete` is true (GravityZone then moves its endpoints to the company root and deletes its
   * subgroups). Rename by hand in the console and adopt instead when the group is in use.
   */
  name: pulumi.Input<string>;
  /**
   * Where the group lives: a company's id (the group then sits in that company's 'Computers and
   * Groups') or another custom group's id. Changing it moves the group (`moveCustomGroup`), keeping its id.
   * @default the API key's own company ('Computers and Groups')
   */
  parentId?: pulumi.Input<string>;
  /**
   * Delete the group even if it still holds endpoints or subgroups.
   * @default false — deleting a non-empty group fails with a clear message
   */
  forceDelete?: pulumi.Input<boolean>;
  /**
   * Take over an existing group with the same name under the same parent instead of failing.
   * @default false
   */
  adopt?: pulumi.Input<boolean>;
}

const schema = z.strictObject({
  name: displayName(255),
  parentId: idRef.optional(),
  forceDelete: z.boolean().default(false),
  adopt: z.boolean().default(false),
});

/** Resolved inputs of {@link CustomGroup}. */
export type CustomGroupInputs = z.infer<typeof schema>;

/** Outputs of {@link CustomGroup}. */
export interface CustomGroupOutputs extends CustomGroupInputs {
  /** The group's id. */
  groupId: string;
  /** True when an existing group was adopted rather than created. */
  adopted: boolean;
}

/** The answer of `network.getCustomGroupsList`. @internal */
export const groupList = z.array(z.object({ id: z.string(), name: z.string() }).loose());
const inventoryItem = z
  .object({ id: z.string(), name: z.string(), parentId: z.string().nullish(), type: z.number() })
  .loose();

/**
 * The groups directly under `parentId`. Siblings asking together share one call, and a refresh reads
 * each parent once ({@link sharedListing}); group writes go through {@link groupWrite}.
 */
function childGroups(c: GravityZoneClient, parentId: string | undefined, options: ListingOptions = {}) {
  return sharedListing(c, "custom-groups", parentId ?? "", options, (onSend) =>
    c.call("network", "getCustomGroupsList", { parentId }, groupList, { onSend }),
  );
}

/** The name of the system group that holds a company's custom groups and endpoints (77209-128488). */
export const COMPUTERS_AND_GROUPS = "Computers and Groups";
/** The name of a company's other system group (77209-128488). */
export const DELETED_GROUP = "Deleted";

/**
 * True when a getCustomGroupsList answer is a company's pair of system groups, i.e. it was asked for a
 * company (or for none). A custom group whose only children are named exactly like them would be taken
 * for a company: avoid those two names for subgroups.
 */
export function isSystemPair(groups: readonly { name: string }[]): boolean {
  const names = groups.map((g) => g.name).sort();
  return names.length === 2 && names[0] === COMPUTERS_AND_GROUPS && names[1] === DELETED_GROUP;
}

const resolved = new WeakMap<GravityZoneClient, Map<string, Promise<string>>>();

/**
 * The group a `parentId` stands for: a company's (or, when undefined, the API key's company's)
 * 'Computers and Groups' group, or the custom group itself. Remembered per process: a company's system
 * group does not change.
 */
export function groupParent(c: GravityZoneClient, parentId: string | undefined): Promise<string> {
  let byId = resolved.get(c);
  if (!byId) resolved.set(c, (byId = new Map()));
  const key = parentId ?? "";
  let p = byId.get(key);
  if (!p) {
    p = (async () => {
      const children = await childGroups(c, parentId, { reuse: true });
      if (isSystemPair(children)) return children.find((g) => g.name === COMPUTERS_AND_GROUPS)!.id;
      if (parentId === undefined)
        throw new Error(`getCustomGroupsList did not answer the API key's company's '${COMPUTERS_AND_GROUPS}' group`);
      return parentId;
    })();
    byId.set(key, p);
    p.catch(() => byId.delete(key));
  }
  return p;
}

/** Runs a write that changes some parent's list of groups, so that no later read misses it. */
const groupWrite = <T>(c: GravityZoneClient, write: () => Promise<T>) => listingWrite(c, "custom-groups", write);

/** The group with this id anywhere under `root` (the API key's company when undefined), if any. */
function findAnywhere(c: GravityZoneClient, id: string, root: string | undefined) {
  return findInInventory(c, { types: ["groups"], parentId: root }, inventoryItem, (item) => item.id === id);
}

/** @internal */
export const handler = defineHandler<CustomGroupInputs, CustomGroupOutputs>({
  type: "CustomGroup",
  schema,
  replaceOn: ["name"],
  local: ["forceDelete", "adopt"],
  deleteBeforeReplace: true,

  async create(inputs) {
    const c = providerClient();
    const parent = await groupParent(c, inputs.parentId);
    const { id, adopted } = await createOrAdopt({
      what: `custom group "${inputs.name}"`,
      adopt: inputs.adopt,
      find: async () => (await childGroups(c, parent)).find((g) => g.name === inputs.name),
      idOf: (g) => g.id,
      create: () =>
        groupWrite(c, () =>
          c.call("network", "createCustomGroup", { groupName: inputs.name, parentId: parent }, newIdResult),
        ),
    });
    return { id, outs: { ...inputs, groupId: id, adopted } };
  },

  async read(id, olds) {
    const c = providerClient();
    const parent = await groupParent(c, olds.parentId);
    const sibling = (await childGroups(c, parent, { reuse: true })).find((g) => g.id === id);
    if (sibling) return { ...olds, name: sibling.name, groupId: id };
    // Moved (or gone): search the whole inventory.
    const item = await findAnywhere(c, id, undefined);
    if (!item) return undefined;
    const movedTo = item.parentId ?? undefined;
    return { ...olds, name: item.name, parentId: movedTo === parent ? olds.parentId : movedTo, groupId: id };
  },

  async update(id, olds, news) {
    const c = providerClient();
    const parentId = await groupParent(c, news.parentId);
    await groupWrite(c, () => c.call("network", "moveCustomGroup", { groupId: id, parentId }, okResult));
    return { ...olds, ...news, groupId: id };
  },

  async delete(id, olds) {
    const c = providerClient();
    try {
      await groupWrite(c, () =>
        c.call("network", "deleteCustomGroup", { groupId: id, force: olds.forceDelete || undefined }, okResult),
      );
    } catch (e) {
      if (isGroupNotEmpty(e) && !olds.forceDelete) {
        throw new Error(
          `custom group "${olds.name}" (${id}) still contains endpoints or subgroups: move them out, or set forceDelete: true to delete it with its contents. (${e.message})`,
          { cause: e },
        );
      }
      throw e;
    }
  },

  async confirmAbsent(id) {
    // Gone only when no company's inventory holds the group any more, wherever it was moved.
    return (await findAnywhere(providerClient(), id, undefined)) === undefined;
  },
});

const provider = dynamicProvider("custom-group");

/**
 * A custom group in a GravityZone company's network inventory.
 *
 * @example
 * ```ts
 * const servers = new gravityzone.CustomGroup("servers", { name: "Servers", parentId: company.id });
 * const web = new gravityzone.CustomGroup("web", { name: "Web", parentId: servers.id });
 * ```
 */
export class CustomGroup extends pulumi.dynamic.Resource {
  /** The Pulumi type token (used by policy packs' `validateResourceOfType`). */
  static readonly __pulumiType = "pulumi-nodejs:dynamic/gravityzone:CustomGroup";
  /** The group's name. */
  declare readonly name: pulumi.Output<string>;
  /** The parent id, when one was given. */
  declare readonly parentId: pulumi.Output<string | undefined>;
  /** The group's id (also `id`). */
  declare readonly groupId: pulumi.Output<string>;
  /** Whether deletion removes a non-empty group. */
  declare readonly forceDelete: pulumi.Output<boolean>;
  /** True when an existing group was adopted. */
  declare readonly adopted: pulumi.Output<boolean>;

  /** Declares a custom group. */
  constructor(name: string, args: CustomGroupArgs, opts?: pulumi.CustomResourceOptions) {
    super(provider, name, { groupId: undefined, adopted: undefined, ...args }, opts, "gravityzone", "CustomGroup");
  }
}
