/**
 * The GravityZone policy pack. Run it with `pulumi preview --policy-pack <this directory>` (see
 * README.md). The rules live in policies.ts; this file only serves them, because constructing a
 * PolicyPack starts the gRPC server the Pulumi engine talks to.
 */
import { PolicyPack } from "@pulumi/policy";
import { policies } from "./policies";

new PolicyPack("gravityzone", {
  policies,
  enforcementLevel: "mandatory",
  description: "Guard-rails for Bitdefender GravityZone tenants managed with pulumi-gravityzone.",
});
