/**
 * pulumi-gravityzone: Bitdefender GravityZone tenants as code.
 *
 * Configure with `pulumi config set gravityzone:accessUrl <url>` and
 * `pulumi config set --secret gravityzone:apiKey <key>` (or GRAVITYZONE_ACCESS_URL / GRAVITYZONE_API_KEY).
 * @packageDocumentation
 */
export { CustomGroup, type CustomGroupArgs, type CustomGroupOutputs } from "./resources/custom-group";
export { GravityZoneClient, GravityZoneError, type GravityZoneClientOptions, type GravityZoneErrorKind } from "./client";
export { getPolicies, getPoliciesOutput, getPolicy, getPolicyOutput, type GetPoliciesArgs, type GetPoliciesResult, type PolicySummary, type GetPolicyArgs, type GetPolicyResult } from "./data/policies";
export { Company, type CompanyArgs, type CompanyOutputs, type CompanyType, type LicenseSubscriptionArgs, type LicenseSubscriptionType } from "./resources/company";
export { InstallationPackage, PACKAGE_MODULES, PACKAGE_ROLES, type InstallationPackageArgs, type InstallationPackageOutputs, type InstallLinks, type Language, type PackageModule, type PackageRole, type ProductType, type ScanEngine, type ScanEnginesArgs, type ScanModeArgs } from "./resources/installation-package";
export { Account, ACCOUNT_RIGHTS, type AccountArgs, type AccountOutputs, type AccountPhoneNumberArgs, type AccountProfileArgs, type AccountRight, type AccountRole } from "./resources/account";
export { getCompany, getCompanyOutput, type GetCompanyArgs, type GetCompanyResult } from "./data/company";
export { getLicenseInfo, getLicenseInfoOutput, type GetLicenseInfoArgs, type GetLicenseInfoResult } from "./data/license-info";
export { getInstallationLinks, getInstallationLinksOutput, type GetInstallationLinksArgs, type GetInstallationLinksResult, type PackageInstallLinks } from "./data/installation-links";
export { getApiKeyDetails, getApiKeyDetailsOutput, type GetApiKeyDetailsResult } from "./data/api-key-details";
