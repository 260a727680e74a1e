/**
 * The one walk of the network inventory (`network.getNetworkInventoryItems`, every level and page)
 * that resources use to find an object wherever it is: a company by id or by name, a custom group
 * that moved, an endpoint before it is reported gone.
 * https://www.bitdefender.com/business/support/en/77211-128494-getnetworkinventoryitems.html
 *
 * @module
 */
import type { z } from "zod";
import type { GravityZoneClient } from "./client";

/** The item kinds the inventory's `filters.type` selects. */
export type InventoryWalkType = "companies" | "groups" | "computers" | "virtualMachines";

/** What to walk. */
export interface InventoryWalk {
  /** The item kinds to list. */
  readonly types: readonly InventoryWalkType[];
  /** Where to start: the API key's company when left out. */
  readonly parentId?: string;
}

/**
 * Every item of the given kinds under `walk.parentId`, at every level, page after page. Stopping
 * early (a `return` or `break` in the caller's loop) reads no further page.
 */
export function walkInventory<S extends z.ZodType<{ id: string }>>(
  c: GravityZoneClient,
  walk: InventoryWalk,
  itemSchema: S,
): AsyncGenerator<z.infer<S>> {
  const type = Object.fromEntries(walk.types.map((t) => [t, true]));
  const params = { parentId: walk.parentId, filters: { type, depth: { allItemsRecursively: true } } };
  return c.paginate("network", "getNetworkInventoryItems", params, itemSchema);
}

/** The first item of the walk that `match` accepts, reading no page after it; undefined when none does. */
export async function findInInventory<S extends z.ZodType<{ id: string }>>(
  c: GravityZoneClient,
  walk: InventoryWalk,
  itemSchema: S,
  match: (item: z.infer<S>) => boolean,
): Promise<z.infer<S> | undefined> {
  for await (const item of walkInventory(c, walk, itemSchema)) if (match(item)) return item;
  return undefined;
}
