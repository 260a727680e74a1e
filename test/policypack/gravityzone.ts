/**
 * The resource classes the pack imports as `pulumi-gravityzone`, taken from the TypeScript sources so
 * the tests need no build. Each test file mocks the package with this module.
 */
export * from "../../provider/index";
export { Company } from "../../provider/resources/company";
export { PushEventSettings } from "../../provider/resources/push-event-settings";
export { BlocklistEntry } from "../../provider/resources/blocklist-entry";
export { Blocklist } from "../../provider/resources/blocklist";
export { PolicyAssignment } from "../../provider/resources/policy-assignment";
export { Account } from "../../provider/resources/account";
export { InstallationPackage } from "../../provider/resources/installation-package";
