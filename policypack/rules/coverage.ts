/**
 * A stack-wide rule: every company the stack declares gets a policy assignment or push settings.
 * Off by default (many stacks manage companies and their protection separately); turn it on in the
 * policy pack config.
 */
import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { PolicyAssignment, PushEventSettings } from "pulumi-gravityzone";
import { stackCheck } from "../support/checks";
import { settingsOf } from "../support/config";
import { StackCompanies } from "../support/stack";
import { known, knownStrings, peek } from "../support/values";

/** What counts as covering a company. */
export type Coverage = "either" | "policy-assignment" | "push-settings";

/** Settings of {@link companyCoverage}. */
export interface CoverageSettings {
  /** What a company must have. */
  coverage: Coverage;
}

/** Every company of the stack has a policy assignment or push settings. */
export const companyCoverage: StackValidationPolicy = {
  name: "company-coverage",
  description:
    "Every company declared in the stack must be targeted by a PolicyAssignment or receive push (SIEM) settings (configurable with coverage). Off by default.",
  enforcementLevel: "disabled",
  severity: "medium",
  configSchema: {
    properties: {
      coverage: {
        type: "string",
        enum: ["either", "policy-assignment", "push-settings"],
        default: "either",
        description:
          "What each company needs: either (a policy assignment or push settings), policy-assignment, or push-settings. " +
          "Push settings without subscribeToCompanies cover every company.",
      },
    },
  },
  validateStack: stackCheck((args, report) => {
    const { coverage } = settingsOf<CoverageSettings>(args, companyCoverage.configSchema!);
    const companies = new StackCompanies(args.resources);
    const assigned = new Set<string>();
    const pushed = new Set<string>();
    let pushCoversAll = false;

    for (const r of args.resources) {
      if (r.isType(PolicyAssignment)) {
        for (const c of companies.referencedBy(
          r,
          "targetIds",
          knownStrings(() => r.props.targetIds),
        ))
          assigned.add(c.urn);
      } else if (r.isType(PushEventSettings)) {
        if (peek(() => r.props.enabled as unknown) === false) continue;
        const subscribed = peek(() => r.props.subscribeToCompanies as unknown);
        if (
          known(subscribed) &&
          (subscribed === undefined || subscribed === null || (Array.isArray(subscribed) && subscribed.length === 0))
        )
          pushCoversAll = true;
        for (const c of companies.referencedBy(
          r,
          "subscribeToCompanies",
          knownStrings(() => r.props.subscribeToCompanies),
        ))
          pushed.add(c.urn);
      }
    }

    const byAssignment = (c: PolicyResource) => assigned.has(c.urn);
    const byPush = (c: PolicyResource) => pushCoversAll || pushed.has(c.urn);
    for (const c of companies.all) {
      const name = StackCompanies.nameOf(c);
      if (coverage === "policy-assignment" && !byAssignment(c)) {
        report(`company "${name}" has no policy assignment in this stack: target it with a PolicyAssignment.`, c.urn);
      } else if (coverage === "push-settings" && !byPush(c)) {
        report(
          `company "${name}" receives no push settings in this stack: subscribe a PushEventSettings to it (subscribeToCompanies).`,
          c.urn,
        );
      } else if (coverage === "either" && !byAssignment(c) && !byPush(c)) {
        report(
          `company "${name}" has neither a policy assignment nor push settings in this stack: target it with a PolicyAssignment or subscribe a PushEventSettings to it.`,
          c.urn,
        );
      }
    }
  }),
};
