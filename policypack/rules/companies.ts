/**
 * Rules for {@link Company}: two-factor authentication, and deletion protection in production stacks.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import * as pulumi from "@pulumi/pulumi";
import { Company } from "pulumi-gravityzone";
import { resourceCheck } from "../support/checks";
import { settingsOf } from "../support/config";
import { labelOf } from "../support/values";

/** Companies enforce two-factor authentication for their console accounts. */
export const companyRequires2fa: ResourceValidationPolicy = {
  name: "company-requires-2fa",
  description: "Companies must enforce two-factor authentication (enforce2FA: true) for their console accounts.",
  enforcementLevel: "mandatory",
  severity: "high",
  validateResource: resourceCheck(Company, (company, args, report) => {
    // The resource's default is false, so an omitted enforce2FA is a violation too.
    if (company.enforce2FA !== true) {
      report(
        `company "${labelOf(() => company.name, args.name)}" does not enforce two-factor authentication: set enforce2FA: true.`,
      );
    }
  }),
};

/** Settings of {@link companyDeletionProtectionInProduction}. */
export interface DeletionProtectionSettings {
  /** A regular expression (matched case-insensitively) that production stack names match. */
  productionStackPattern: string;
}

/** Companies in production stacks keep deletionProtection on. */
export const companyDeletionProtectionInProduction: ResourceValidationPolicy = {
  name: "company-deletion-protection-in-production",
  description:
    "In production stacks, companies must keep deletionProtection on, so that a destroy or a replacement cannot delete a customer's tenant.",
  enforcementLevel: "mandatory",
  severity: "critical",
  configSchema: {
    properties: {
      productionStackPattern: {
        type: "string",
        minLength: 1,
        default: "prod",
        description:
          "A regular expression, matched case-insensitively against the stack name, that marks production stacks.",
      },
    },
  },
  validateResource: resourceCheck(Company, (company, args, report) => {
    const { productionStackPattern } = settingsOf<DeletionProtectionSettings>(
      args,
      companyDeletionProtectionInProduction.configSchema!,
    );
    const stack = pulumi.getStack();
    if (!productionPattern(productionStackPattern).test(stack)) {
      args.notApplicable(
        `stack "${stack}" is not a production stack (productionStackPattern: ${productionStackPattern})`,
      );
    }
    // The resource's default is true: only an explicit false turns protection off.
    if (company.deletionProtection === false) {
      report(
        `company "${labelOf(() => company.name, args.name)}" turns deletionProtection off in production stack "${stack}": keep deletionProtection: true.`,
      );
    }
  }),
};

function productionPattern(source: string): RegExp {
  try {
    return new RegExp(source, "i");
  } catch (e) {
    throw new Error(
      `company-deletion-protection-in-production: productionStackPattern ${JSON.stringify(source)} is not a valid regular expression (${(e as Error).message})`,
      { cause: e },
    );
  }
}
