/**
 * Rules for {@link PolicyAssignment}: forced inheritance onto a partner company.
 *
 * A partner company's root holds every company below it: a policy assigned there with
 * `forceInheritance` overrides the policies of all those customers at once.
 */
import type { StackValidationPolicy } from "@pulumi/policy";
import { PolicyAssignment } from "pulumi-gravityzone";
import { stackCheck } from "../support/checks";
import { settingsOf } from "../support/config";
import { StackCompanies } from "../support/stack";
import { knownStrings, peek } from "../support/values";

/** Settings of {@link policyAssignmentNoForcedInheritanceOnPartners}. */
export interface ForcedInheritanceSettings {
  /** Allow forced inheritance onto partner companies. */
  allowForcedInheritanceOnPartners: boolean;
  /** Ids of partner companies not declared in the stack (e.g. the API key's own partner company). */
  partnerIds: string[];
}

/** Policy assignments do not force inheritance onto a partner company. */
export const policyAssignmentNoForcedInheritanceOnPartners: StackValidationPolicy = {
  name: "policy-assignment-no-forced-inheritance-on-partners",
  description:
    "Policy assignments must not target a partner company with forceInheritance: that overrides the policies of every company below the partner. " +
    "Partners are the stack's Company resources of type partner and the ids listed in partnerIds.",
  enforcementLevel: "mandatory",
  severity: "high",
  configSchema: {
    properties: {
      allowForcedInheritanceOnPartners: {
        type: "boolean",
        default: false,
        description: "Allow policy assignments with forceInheritance to target partner companies.",
      },
      partnerIds: {
        type: "array",
        items: { type: "string", pattern: "^[0-9a-fA-F]{24}$" },
        default: [],
        description:
          "Ids of partner companies that are not Company resources of the stack (e.g. the API key's own partner company).",
      },
    },
  },
  validateStack: stackCheck((args, report) => {
    const settings = settingsOf<ForcedInheritanceSettings>(
      args,
      policyAssignmentNoForcedInheritanceOnPartners.configSchema!,
    );
    if (settings.allowForcedInheritanceOnPartners) args.notApplicable("allowForcedInheritanceOnPartners is set");
    const companies = new StackCompanies(args.resources);
    const configured = new Set(settings.partnerIds.map((id) => id.toLowerCase()));

    for (const r of args.resources) {
      if (!r.isType(PolicyAssignment)) continue;
      if (peek(() => r.props.forceInheritance as unknown) !== true) continue;
      const targets = knownStrings(() => r.props.targetIds);
      const partners: string[] = [];
      for (const c of companies.referencedBy(r, "targetIds", targets)) {
        if (StackCompanies.kindOf(c) === "partner") partners.push(`partner company "${StackCompanies.nameOf(c)}"`);
      }
      for (const t of new Set(targets.map((t) => t.toLowerCase()))) {
        if (configured.has(t)) partners.push(`partner ${t}`);
      }
      for (const partner of partners) {
        report(
          `policy assignment "${r.name}" forces its policy onto ${partner} and every company below it: target the customer companies instead, or drop forceInheritance.`,
          r.urn,
        );
      }
    }
  }),
};
