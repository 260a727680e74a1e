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
