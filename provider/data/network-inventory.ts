/**
 * The network inventory tree: companies, groups and endpoints under a parent.
 *
 * `getNetworkInventory` → `network.getNetworkInventoryItems` (every page, 100 per page).
 */
import { z } from "zod";
import type { GravityZoneClient } from "../client";
import { INVENTORY_CONTAINER_CODES, INVENTORY_TYPE_CODES, nameOfCode } from "../client/wire-codes";
import { programClient } from "../settings";
import { outputForm } from "./output-form";

/** The inventory item kinds that can be asked for (the API's `filters.type` flags). */
export const INVENTORY_TYPE_FILTERS = ["companies", "groups", "computers", "virtualMachines"] as const;

/** An inventory item kind to list. */
export type InventoryTypeFilter = (typeof INVENTORY_TYPE_FILTERS)[number];

/** What an inventory item is, named after GravityZone's numeric `type`. */
export type InventoryItemKind =
  | "company"
  | "rootContainer"
  | "companyFolder"
  | "customGroup"
  | "computer"
  | "virtualMachine"
  | "ec2Instance"
  | "container"
  | "other";

/** Arguments of {@link getNetworkInventory}. */
export interface GetNetworkInventoryArgs {
  /** List under this company, group or folder. @default the API key's own company */
  parentId?: string;
  /** Keep only these kinds (sent as `filters.type`). @default every kind */
  types?: InventoryTypeFilter[];
  /** Include everything below `parentId`, not only its direct children. @default false */
  recursive?: boolean;
  /** Keep only items whose name contains this text (case-insensitive; filtered locally). */
  nameContains?: string;
}

/** One inventory item. */
export interface InventoryItem {
  /** The item's id. */
  id: string;
  /** The item's name. */
  name: string;
  /** GravityZone's numeric type (1 company, 2 root container, 3 company folder, 4 custom group, 5 computer, 6 virtual machine, 7 EC2 instance, 14–16 containers). */
  type: number;
  /** The type as a word. */
  kind: InventoryItemKind;
  /** The parent's id, when there is one. */
  parentId?: string;
  /** The owning company's id, when the API says. */
  companyId?: string;
  /** The item's `details` object as the API returns it. */
  details: Record<string, unknown>;
}

/** Result of {@link getNetworkInventory}. */
export interface GetNetworkInventoryResult {
  /** The items, in API order. */
  items: InventoryItem[];
}

/** The word for a numeric inventory type. */
export function inventoryKind(type: number): InventoryItemKind {
  if ((INVENTORY_CONTAINER_CODES as readonly number[]).includes(type)) return "container";
  return nameOfCode(INVENTORY_TYPE_CODES, type) ?? "other";
}

const inventoryItem = z
  .object({
    id: z.string(),
    name: z.string(),
    type: z.number().int(),
    parentId: z.string().nullish(),
    companyId: z.string().nullish(),
    details: z.record(z.string(), z.unknown()).nullish(),
  })
  .loose()
  .transform((i): InventoryItem => ({
    id: i.id,
    name: i.name,
    type: i.type,
    kind: inventoryKind(i.type),
    parentId: i.parentId ?? undefined,
    companyId: i.companyId ?? undefined,
    details: i.details ?? {},
  }));

/** The `filters` parameter for the arguments, or undefined when none apply. */
function filtersOf(args: GetNetworkInventoryArgs): Record<string, unknown> | undefined {
  const filters: Record<string, unknown> = {};
  if (args.types !== undefined && args.types.length > 0) {
    for (const t of args.types) {
      if (!(INVENTORY_TYPE_FILTERS as readonly string[]).includes(t)) {
        throw new Error(
          `getNetworkInventory: unknown type filter ${JSON.stringify(t)}; allowed: ${INVENTORY_TYPE_FILTERS.join(", ")}`,
        );
      }
    }
    filters.type = Object.fromEntries(args.types.map((t) => [t, true]));
  }
  if (args.recursive) filters.depth = { allItemsRecursively: true };
  return Object.keys(filters).length > 0 ? filters : undefined;
}

/** Lists inventory items (all pages). @internal */
export async function listNetworkInventory(
  c: GravityZoneClient,
  args: GetNetworkInventoryArgs,
): Promise<GetNetworkInventoryResult> {
  const items = await c.listAll(
    "network",
    "getNetworkInventoryItems",
    { parentId: args.parentId, filters: filtersOf(args) },
    inventoryItem,
  );
  const needle = args.nameContains?.toLowerCase();
  return { items: needle ? items.filter((i) => i.name.toLowerCase().includes(needle)) : items };
}

/**
 * Lists the network inventory under a parent (companies, custom groups, computers, virtual
 * machines), reading every page.
 * @example
 * ```ts
 * const { items } = await gravityzone.getNetworkInventory({ parentId: companyId, types: ["groups"], recursive: true });
 * ```
 */
export function getNetworkInventory(args: GetNetworkInventoryArgs = {}): Promise<GetNetworkInventoryResult> {
  return listNetworkInventory(programClient(), args);
}

/** Output form of {@link getNetworkInventory}. */
export const getNetworkInventoryOutput = outputForm(getNetworkInventory);
