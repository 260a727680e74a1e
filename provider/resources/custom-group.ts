/**
 * CustomGroup: a custom group in a company's network inventory.
 *
 * | operation | GravityZone call |
 * |---|---|
 * | create | `network.createCustomGroup {groupName, parentId}` (after a lookup by name under the parent) |
 * | read | `network.getCustomGroupsList {parentId}`; if it moved, `network.getNetworkInventoryItems` (recursive, groups) |
 * | update | `parentId` → `network.moveCustomGroup {groupId, parentId}` |
 * | replace | `name` (there is no rename method) |
 * | delete | `network.deleteCustomGroup {groupId, force}` |
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { newIdResult, okResult, type GravityZoneClient, isGravityZoneError } from "../client";
import { createOrAdopt } from "../create-or-adopt";
import { dynamicProvider } from "../dynamic";
import { defineHandler } from "../handler";
import { providerClient } from "../settings";
import { type ListingOptions, listingWrite, sharedListing } from "../shared-listing";
import { displayName, idRef } from "../validation";

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
   * Where the group lives: a company's id (its network root) or another custom group's id.
   * Changing it moves the group (`moveCustomGroup`), keeping its id.
   * @default the API key's own company root
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

const groupList = z.array(z.object({ id: z.string(), name: z.string() }).loose());
const inventoryItem = z.object({ id: z.string(), name: z.string(), parentId: z.string().nullish(), type: z.number() }).loose();

/**
 * The groups directly under `parentId`. Siblings asking together share one call, and a refresh reads
 * each parent once ({@link sharedListing}); group writes go through {@link groupWrite}.
 */
function childGroups(c: GravityZoneClient, parentId: string | undefined, options: ListingOptions = {}) {
  return sharedListing(c, "custom-groups", parentId ?? "", options, (onSend) => c.call("network", "getCustomGroupsList", { parentId }, groupList, { onSend }));
}

/** Runs a write that changes some parent's list of groups, so that no later read misses it. */
const groupWrite = <T>(c: GravityZoneClient, write: () => Promise<T>) => listingWrite(c, "custom-groups", write);

async function findAnywhere(c: GravityZoneClient, id: string, root: string | undefined) {
  for await (const item of c.paginate("network", "getNetworkInventoryItems", { parentId: root, filters: { type: { groups: true }, depth: { allItemsRecursively: true } } }, inventoryItem)) {
    if (item.id === id) return item;
  }
  return undefined;
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
    const { id, adopted } = await createOrAdopt({
      what: `custom group "${inputs.name}"`,
      adopt: inputs.adopt,
      find: async () => (await childGroups(c, inputs.parentId)).find((g) => g.name === inputs.name),
      idOf: (g) => g.id,
      create: () => groupWrite(c, () => c.call("network", "createCustomGroup", { groupName: inputs.name, parentId: inputs.parentId }, newIdResult)),
    });
    return { id, outs: { ...inputs, groupId: id, adopted } };
  },

  async read(id, olds) {
    const c = providerClient();
    const sibling = (await childGroups(c, olds.parentId, { reuse: true })).find((g) => g.id === id);
    if (sibling) return { ...olds, name: sibling.name, groupId: id };
    // Moved (or gone): search the whole inventory.
    const item = await findAnywhere(c, id, undefined);
    if (!item) return undefined;
    return { ...olds, name: item.name, parentId: item.parentId ?? undefined, groupId: id };
  },

  async update(id, olds, news) {
    const c = providerClient();
    let parentId = news.parentId;
    if (parentId === undefined) {
      parentId = (await c.call("companies", "getCompanyDetails", {}, z.object({ id: z.string() }).loose())).id;
    }
    await groupWrite(c, () => c.call("network", "moveCustomGroup", { groupId: id, parentId }, okResult));
    return { ...olds, ...news, groupId: id };
  },

  async delete(id, olds) {
    const c = providerClient();
    try {
      await groupWrite(c, () => c.call("network", "deleteCustomGroup", { groupId: id, force: olds.forceDelete || undefined }, okResult));
    } catch (e) {
      if (isGravityZoneError(e, "invalid-params", "server") && !olds.forceDelete && /not empty|contains|endpoints|subgroups/i.test(e.details)) {
        throw new Error(`custom group "${olds.name}" (${id}) still contains endpoints or subgroups: move them out, or set forceDelete: true to delete it with its contents. (${e.message})`);
      }
      throw e;
    }
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
