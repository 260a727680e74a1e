/**
 * Every resource of the package, listed once. The package entry point, the import command
 * (`pulumi-gravityzone import`), the tests of the serialized provider and the reference docs derive
 * from {@link RESOURCES}; a resource kind missing from any of them is a compile error, since each
 * keys a map by {@link ResourceKind}.
 *
 * @module
 */
import type { ResourceHandler } from "./framework/handler";
import { Account, handler as accountHandler } from "./resources/account";
import { Blocklist, handler as blocklistHandler } from "./resources/blocklist";
import { BlocklistEntry, handler as blocklistEntryHandler } from "./resources/blocklist-entry";
import { Company, handler as companyHandler } from "./resources/company";
import { CustomGroup, handler as customGroupHandler } from "./resources/custom-group";
import { InstallationPackage, handler as installationPackageHandler } from "./resources/installation-package";
import { PolicyAssignment, handler as policyAssignmentHandler } from "./resources/policy-assignment";
import { PushEventSettings, handler as pushEventSettingsHandler } from "./resources/push-event-settings";

/** The resource class names: one per resource, as exported by the package and written by the import. */
export type ResourceKind =
  | "Company"
  | "CustomGroup"
  | "InstallationPackage"
  | "Account"
  | "PushEventSettings"
  | "BlocklistEntry"
  | "Blocklist"
  | "PolicyAssignment";

/**
 * The `--kinds` names of `pulumi-gravityzone import`, in the order the generated program declares
 * them (parents before the objects that refer to them).
 */
export const IMPORT_KINDS = [
  "companies",
  "groups",
  "packages",
  "accounts",
  "push",
  "blocklist",
  "assignments",
] as const;

/** One of {@link IMPORT_KINDS}. */
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** The Pulumi type token of a resource kind, as stored in state (`pulumi-nodejs:dynamic/gravityzone:Company`). */
export type TypeToken<K extends ResourceKind> = `pulumi-nodejs:dynamic/gravityzone:${K}`;

/** What the package knows of one resource kind. */
export interface ResourceEntry<K extends ResourceKind = ResourceKind> {
  /** The Pulumi type token (the class's `__pulumiType`). */
  readonly type: TypeToken<K>;
  /** The resource class exported by the package. */
  readonly resourceClass: { readonly __pulumiType: TypeToken<K>; readonly name: string };
  /** The dynamic provider handler (`check`, `diff`, `create`, `read`, `update`, `delete`). */
  readonly handler: ResourceHandler;
  /**
   * The source file under `provider/resources/` (without `.ts`). Deployed state requires
   * `pulumi-gravityzone/dist/provider/resources/<file>` for the handler: a file once released must
   * keep that name.
   */
  readonly file: string;
  /** The `--kinds` name under which `pulumi-gravityzone import` reads objects of this kind. */
  readonly importKind: ImportKind;
  /** The word the import appends to a resource name already taken (`acme` → `acme-group`). */
  readonly importNameSuffix: string;
  /**
   * Input fields that may hold the ids of other objects, with the kinds allowed as targets: the import
   * turns such ids into references to the objects it declares.
   */
  readonly references: Readonly<Record<string, readonly ResourceKind[]>>;
}

/** Every resource kind, once. */
export const RESOURCES: { readonly [K in ResourceKind]: ResourceEntry<K> } = {
  Company: {
    type: Company.__pulumiType,
    resourceClass: Company,
    handler: companyHandler,
    file: "company",
    importKind: "companies",
    importNameSuffix: "company",
    references: { parentId: ["Company"] },
  },
  CustomGroup: {
    type: CustomGroup.__pulumiType,
    resourceClass: CustomGroup,
    handler: customGroupHandler,
    file: "custom-group",
    importKind: "groups",
    importNameSuffix: "group",
    references: { parentId: ["Company", "CustomGroup"] },
  },
  InstallationPackage: {
    type: InstallationPackage.__pulumiType,
    resourceClass: InstallationPackage,
    handler: installationPackageHandler,
    file: "installation-package",
    importKind: "packages",
    importNameSuffix: "package",
    references: { companyId: ["Company"] },
  },
  Account: {
    type: Account.__pulumiType,
    resourceClass: Account,
    handler: accountHandler,
    file: "account",
    importKind: "accounts",
    importNameSuffix: "account",
    references: { companyId: ["Company"], targetIds: ["Company", "CustomGroup"] },
  },
  PushEventSettings: {
    type: PushEventSettings.__pulumiType,
    resourceClass: PushEventSettings,
    handler: pushEventSettingsHandler,
    file: "push-event-settings",
    importKind: "push",
    importNameSuffix: "push",
    references: { subscribeToCompanies: ["Company"] },
  },
  BlocklistEntry: {
    type: BlocklistEntry.__pulumiType,
    resourceClass: BlocklistEntry,
    handler: blocklistEntryHandler,
    file: "blocklist-entry",
    importKind: "blocklist",
    importNameSuffix: "rule",
    references: { companyId: ["Company"] },
  },
  Blocklist: {
    type: Blocklist.__pulumiType,
    resourceClass: Blocklist,
    handler: blocklistHandler,
    file: "blocklist",
    importKind: "blocklist",
    importNameSuffix: "blocklist",
    references: { companyId: ["Company"] },
  },
  PolicyAssignment: {
    type: PolicyAssignment.__pulumiType,
    resourceClass: PolicyAssignment,
    handler: policyAssignmentHandler,
    file: "policy-assignment",
    importKind: "assignments",
    importNameSuffix: "policy",
    references: { targetIds: ["Company", "CustomGroup"] },
  },
};

/** Every resource kind, in the order of {@link RESOURCES}. */
export const RESOURCE_KINDS = Object.keys(RESOURCES) as readonly ResourceKind[];

/** A map with one value per resource kind, computed from its registry entry. */
export function perResource<V>(f: (entry: ResourceEntry, kind: ResourceKind) => V): Readonly<Record<ResourceKind, V>> {
  const out = {} as Record<ResourceKind, V>;
  for (const kind of RESOURCE_KINDS) out[kind] = f(RESOURCES[kind] as ResourceEntry, kind);
  return out;
}

/**
 * Resource kinds the package entry point does not export under their own name: must stay `never`.
 * @internal
 */
export type UnexportedResourceKinds = Exclude<ResourceKind, keyof typeof import("./index")>;

/**
 * Compile-time proof that the package entry point exports every registered class (this fails to
 * compile when {@link UnexportedResourceKinds} is not empty).
 * @internal
 */
export const EVERY_KIND_EXPORTED: [UnexportedResourceKinds] extends [never] ? true : never = true;
