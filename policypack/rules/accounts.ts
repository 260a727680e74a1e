/**
 * Rules for {@link Account}: e-mail domains, the partner role, and the riskiest custom-role rights.
 *
 * An account's password is a secret input: no message names it (and {@link guardReport} redacts it
 * should it appear anywhere else).
 */
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { Account } from "pulumi-gravityzone";
import { resourceCheck, stackCheck } from "../support/checks";
import { listOf, settingsOf } from "../support/config";
import { StackCompanies } from "../support/stack";
import { labelOf, peek } from "../support/values";

/** Settings of {@link accountAllowedEmailDomains}. */
export interface AllowedDomainsSettings {
  /** E-mail domains accounts may use; `*.example.com` also allows its subdomains. Empty allows every domain. */
  allowedDomains: string[];
}

/** The domain part of an e-mail address, in lower case. */
function domainOf(email: string): string {
  return email.slice(email.lastIndexOf("@") + 1).toLowerCase();
}

/** Whether `domain` matches an allowed entry (`example.com`, `@example.com` or `*.example.com`). */
export function domainAllowed(domain: string, allowed: readonly string[]): boolean {
  return allowed.some((entry) => {
    const e = entry.trim().toLowerCase().replace(/^@/, "");
    if (e.startsWith("*.")) return domain === e.slice(2) || domain.endsWith(e.slice(1));
    return domain === e;
  });
}

/** Accounts use the organisation's e-mail domains only. */
export const accountAllowedEmailDomains: ResourceValidationPolicy = {
  name: "account-allowed-email-domains",
  description:
    "Console accounts must use an allowed e-mail domain (allowedDomains), so that access ends when the mailbox does. With no allowedDomains, every domain is allowed.",
  enforcementLevel: "mandatory",
  severity: "medium",
  configSchema: {
    properties: {
      allowedDomains: {
        type: "array",
        items: { type: "string", minLength: 1 },
        default: [],
        description:
          'E-mail domains accounts may use, e.g. ["example.com", "*.example.org"] (*. also allows subdomains). Empty: every domain is allowed.',
      },
    },
  },
  validateResource: resourceCheck(Account, (account, args, report) => {
    const { allowedDomains } = settingsOf<AllowedDomainsSettings>(args, accountAllowedEmailDomains.configSchema!);
    if (allowedDomains.length === 0) args.notApplicable("no allowedDomains are configured");
    const domain = domainOf(account.email);
    if (!domainAllowed(domain, allowedDomains)) {
      report(
        `account "${account.email}" uses the e-mail domain "${domain}", which is not allowed: use an address in ${listOf(allowedDomains)}.`,
      );
    }
  }),
};

/** No partner-role accounts inside customer companies. */
export const accountNoPartnerRoleInCustomerCompany: StackValidationPolicy = {
  name: "account-no-partner-role-in-customer-company",
  description:
    "Accounts with the partner role must not belong to customer companies. Checked for accounts whose companyId refers to a Company resource of the same stack.",
  enforcementLevel: "mandatory",
  severity: "high",
  validateStack: stackCheck((args, report) => {
    const companies = new StackCompanies(args.resources);
    for (const r of args.resources) {
      if (!r.isType(Account) || peek(() => r.props.role as unknown) !== "partner") continue;
      const companyId = peek(() => r.props.companyId as unknown);
      const values = typeof companyId === "string" ? [companyId] : [];
      for (const company of companies.referencedBy(r, "companyId", values)) {
        if (StackCompanies.kindOf(company) !== "customer") continue;
        const who = labelOf(() => r.props.email, r.name);
        report(
          `account "${who}" has the partner role in customer company "${StackCompanies.nameOf(company)}": give it a customer role (companyAdministrator, networkAdministrator, reporter or custom).`,
          r.urn,
        );
      }
    }
  }),
};

/** Settings of {@link accountCustomRoleRestrictedRights}. */
export interface RestrictedRightsSettings {
  /** Allow custom-role accounts the manageRemoteShell right. */
  allowRemoteShell: boolean;
  /** Allow custom-role accounts the managePoliciesWrite right. */
  allowPoliciesWrite: boolean;
}

/** Custom roles do not get remote shell or policy write access unless the config allows it. */
export const accountCustomRoleRestrictedRights: ResourceValidationPolicy = {
  name: "account-custom-role-restricted-rights",
  description:
    "Custom-role accounts must not get manageRemoteShell (a shell on every endpoint they manage) or managePoliciesWrite (changing security policies) unless the policy config allows it.",
  enforcementLevel: "mandatory",
  severity: "high",
  configSchema: {
    properties: {
      allowRemoteShell: {
        type: "boolean",
        default: false,
        description: "Allow custom-role accounts the manageRemoteShell right.",
      },
      allowPoliciesWrite: {
        type: "boolean",
        default: false,
        description: "Allow custom-role accounts the managePoliciesWrite right.",
      },
    },
  },
  validateResource: resourceCheck(Account, (account, args, report) => {
    if (account.role !== "custom") return;
    const settings = settingsOf<RestrictedRightsSettings>(args, accountCustomRoleRestrictedRights.configSchema!);
    const rights = account.rights ?? {};
    const restricted = [
      {
        right: "manageRemoteShell",
        granted: rights.manageRemoteShell === true,
        allowed: settings.allowRemoteShell,
        setting: "allowRemoteShell",
      },
      {
        right: "managePoliciesWrite",
        granted: rights.managePoliciesWrite === true,
        allowed: settings.allowPoliciesWrite,
        setting: "allowPoliciesWrite",
      },
    ];
    for (const r of restricted) {
      if (r.granted && !r.allowed) {
        report(
          `account "${account.email}" (custom role) is granted ${r.right}, which this organisation does not allow: remove it, or set ${r.setting}: true in the policy config.`,
        );
      }
    }
  }),
};
