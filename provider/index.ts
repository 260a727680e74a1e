/**
 * pulumi-gravityzone: Bitdefender GravityZone tenants as code.
 *
 * Configure with `pulumi config set gravityzone:accessUrl <url>` and
 * `pulumi config set --secret gravityzone:apiKey <key>` (or GRAVITYZONE_ACCESS_URL / GRAVITYZONE_API_KEY).
 * @packageDocumentation
 */
export {
  RESOURCES,
  RESOURCE_KINDS,
  IMPORT_KINDS,
  type ResourceKind,
  type ResourceEntry,
  type ImportKind,
  type TypeToken,
} from "./registry";
export { CustomGroup, type CustomGroupArgs, type CustomGroupOutputs } from "./resources/custom-group";
export {
  GravityZoneClient,
  GravityZoneError,
  type GravityZoneClientOptions,
  type GravityZoneErrorKind,
} from "./client";
export {
  getPolicies,
  getPoliciesOutput,
  getPolicy,
  getPolicyOutput,
  type GetPoliciesArgs,
  type GetPoliciesResult,
  type PolicySummary,
  type GetPolicyArgs,
  type GetPolicyResult,
} from "./data/policies";
export {
  Company,
  type CompanyArgs,
  type CompanyOutputs,
  type CompanyType,
  type LicenseSubscriptionArgs,
  type LicenseSubscriptionType,
} from "./resources/company";
export {
  InstallationPackage,
  PACKAGE_MODULES,
  PACKAGE_ROLES,
  type InstallationPackageArgs,
  type InstallationPackageOutputs,
  type InstallLinks,
  type Language,
  type PackageModule,
  type PackageRole,
  type ProductType,
  type ScanEngine,
  type ScanEnginesArgs,
  type ScanModeArgs,
} from "./resources/installation-package";
export {
  Account,
  ACCOUNT_RIGHTS,
  type AccountArgs,
  type AccountOutputs,
  type AccountPhoneNumberArgs,
  type AccountProfileArgs,
  type AccountRight,
  type AccountRole,
} from "./resources/account";
export { getCompany, getCompanyOutput, type GetCompanyArgs, type GetCompanyResult } from "./data/company";
export {
  getLicenseInfo,
  getLicenseInfoOutput,
  type GetLicenseInfoArgs,
  type GetLicenseInfoResult,
} from "./data/license-info";
export {
  getInstallationLinks,
  getInstallationLinksOutput,
  type GetInstallationLinksArgs,
  type GetInstallationLinksResult,
  type PackageInstallLinks,
} from "./data/installation-links";
export { getApiKeyDetails, getApiKeyDetailsOutput, type GetApiKeyDetailsResult } from "./data/api-key-details";
export {
  PushEventSettings,
  PUSH_EVENT_TYPES,
  PUSH_SERVICE_TYPES,
  type PushEventSettingsArgs,
  type PushEventSettingsOutputs,
  type PushEventType,
  type PushServiceType,
} from "./resources/push-event-settings";
export {
  BlocklistEntry,
  CONNECTION_PROTOCOLS,
  HASH_TYPES,
  type BlocklistEntryArgs,
  type BlocklistEntryOutputs,
  type BlocklistRuleType,
  type ConnectionAddress,
  type ConnectionProtocol,
  type ConnectionRule,
  type HashType,
} from "./resources/blocklist-entry";
export { Blocklist, BLOCKLIST_HASHES_PER_CALL, type BlocklistArgs, type BlocklistOutputs } from "./resources/blocklist";
export {
  PolicyAssignment,
  SAMPLED_ENDPOINTS_PER_TARGET,
  type PolicyAssignmentArgs,
  type PolicyAssignmentOutputs,
} from "./resources/policy-assignment";
export {
  getNetworkInventory,
  getNetworkInventoryOutput,
  INVENTORY_TYPE_FILTERS,
  type GetNetworkInventoryArgs,
  type GetNetworkInventoryResult,
  type InventoryItem,
  type InventoryItemKind,
  type InventoryTypeFilter,
} from "./data/network-inventory";
export {
  getEndpoints,
  getEndpointsOutput,
  ENDPOINTS_PER_PAGE,
  type GetEndpointsArgs,
  type GetEndpointsResult,
  type EndpointSummary,
} from "./data/endpoints";
