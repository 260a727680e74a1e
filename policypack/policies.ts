/**
 * Every policy of the GravityZone pack, kept apart from `new PolicyPack(...)` (index.ts), whose
 * constructor starts a gRPC server: tests and other packs import the rules from here.
 *
 * To build your own pack, import the policies you want, e.g.
 * `new PolicyPack("my-org", { policies: [companyRequires2fa, pushHttpsOnly] })`.
 */
import type { Policies } from "@pulumi/policy";
import {
  accountAllowedEmailDomains,
  accountCustomRoleRestrictedRights,
  accountNoPartnerRoleInCustomerCompany,
} from "./rules/accounts";
import { blocklistNoDuplicateHashes, blocklistPreferSha256, blocklistSourceNote } from "./rules/blocklist";
import { companyDeletionProtectionInProduction, companyRequires2fa } from "./rules/companies";
import { companyCoverage } from "./rules/coverage";
import { installationPackageRequiredModules } from "./rules/installation-packages";
import { policyAssignmentNoForcedInheritanceOnPartners } from "./rules/policy-assignments";
import { pushHttpsOnly, pushRequireValidCertificate, pushRequiredEventTypes } from "./rules/push-event-settings";

export {
  accountAllowedEmailDomains,
  accountCustomRoleRestrictedRights,
  accountNoPartnerRoleInCustomerCompany,
} from "./rules/accounts";
export { blocklistNoDuplicateHashes, blocklistPreferSha256, blocklistSourceNote } from "./rules/blocklist";
export { companyDeletionProtectionInProduction, companyRequires2fa } from "./rules/companies";
export { companyCoverage } from "./rules/coverage";
export { installationPackageRequiredModules } from "./rules/installation-packages";
export { policyAssignmentNoForcedInheritanceOnPartners } from "./rules/policy-assignments";
export { pushHttpsOnly, pushRequireValidCertificate, pushRequiredEventTypes } from "./rules/push-event-settings";

/** The pack's policies, in the order README.md lists them. */
export const policies: Policies = [
  companyRequires2fa,
  companyDeletionProtectionInProduction,
  accountAllowedEmailDomains,
  accountNoPartnerRoleInCustomerCompany,
  accountCustomRoleRestrictedRights,
  pushHttpsOnly,
  pushRequireValidCertificate,
  pushRequiredEventTypes,
  blocklistPreferSha256,
  blocklistNoDuplicateHashes,
  blocklistSourceNote,
  installationPackageRequiredModules,
  policyAssignmentNoForcedInheritanceOnPartners,
  companyCoverage,
];
