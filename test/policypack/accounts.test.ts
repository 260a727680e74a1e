import { describe, expect, it, vi } from "vitest";
import { Account, Company } from "./gravityzone";
import { checkResource, checkStack, res, urn, UNKNOWN_STRING } from "./harness";
import {
  accountAllowedEmailDomains,
  accountCustomRoleRestrictedRights,
  accountNoPartnerRoleInCustomerCompany,
  domainAllowed,
} from "../../policypack/rules/accounts";

vi.mock("pulumi-gravityzone", () => import("./gravityzone"));

const ACME_ID = "5f3c6a1e9b1d2c00bbbbbbbb";
const RESELLER_ID = "5f3c6a1e9b1d2c00aaaaaaaa";

/** An account every rule accepts. */
const happy = {
  email: "ops@example.com",
  companyId: ACME_ID,
  profile: { fullName: "Ops Team" },
  role: "custom",
  rights: { manageNetworks: true, manageReports: true, managePoliciesRead: true },
  password: "Correct-Horse-9-Battery",
};

describe("account-allowed-email-domains", () => {
  const policy = accountAllowedEmailDomains;
  const config = { allowedDomains: ["example.com", "*.example.org"] };

  it("does not apply while allowedDomains is empty (the default)", async () => {
    expect(await checkResource(policy, Account, { ...happy, email: "someone@anywhere.net" })).toEqual({
      violations: [],
      notApplicable: "no allowedDomains are configured",
    });
  });

  it("passes an allowed domain", async () => {
    expect(await checkResource(policy, Account, happy, config)).toEqual({ violations: [] });
  });

  it("passes a subdomain of a *. entry, whatever the case", async () => {
    expect(await checkResource(policy, Account, { ...happy, email: "Ops@EU.Example.org" }, config)).toEqual({
      violations: [],
    });
  });

  it("fails another domain", async () => {
    const out = await checkResource(policy, Account, { ...happy, email: "ops@example.com.evil.net" }, config);
    expect(out.violations).toEqual([
      {
        message:
          'account "ops@example.com.evil.net" uses the e-mail domain "example.com.evil.net", which is not allowed: use an address in example.com, *.example.org.',
      },
    ]);
  });

  it("fails a subdomain of an exact entry", async () => {
    const out = await checkResource(policy, Account, { ...happy, email: "ops@mail.example.com" }, config);
    expect(out.violations).toEqual([
      {
        message:
          'account "ops@mail.example.com" uses the e-mail domain "mail.example.com", which is not allowed: use an address in example.com, *.example.org.',
      },
    ]);
  });

  it("matches entries written with @ or in upper case", () => {
    expect(domainAllowed("example.com", ["@Example.COM"])).toBe(true);
    expect(domainAllowed("badexample.org", ["*.example.org"])).toBe(false);
  });
});

describe("account-no-partner-role-in-customer-company", () => {
  const policy = accountNoPartnerRoleInCustomerCompany;
  const acme = res(Company, "acme", { name: "Acme Ltd", type: "customer", companyId: ACME_ID });
  const reseller = res(Company, "reseller", { name: "Reseller GmbH", type: "partner", companyId: RESELLER_ID });

  /** A partner account in a partner company, an administrator in a customer company. */
  const happyStack = () => [
    acme,
    reseller,
    res(
      Account,
      "reseller-admin",
      { ...happy, email: "admin@reseller.example", role: "partner", rights: undefined, companyId: RESELLER_ID },
      { companyId: ["reseller"] },
    ),
    res(Account, "acme-admin", { ...happy, role: "companyAdministrator", rights: undefined }, { companyId: ["acme"] }),
  ];

  it("passes partner accounts in partner companies", async () => {
    expect(await checkStack(policy, happyStack())).toEqual({ violations: [] });
  });

  it("passes a partner account of a company outside the stack", async () => {
    expect(
      await checkStack(policy, [
        res(Account, "x", { ...happy, role: "partner", companyId: "5f3c6a1e9b1d2c00eeeeeeee" }),
      ]),
    ).toEqual({ violations: [] });
  });

  it("fails a partner account in a customer company", async () => {
    const bad = res(Account, "acme-partner", { ...happy, role: "partner", rights: undefined }, { companyId: ["acme"] });
    const out = await checkStack(policy, [...happyStack(), bad]);
    expect(out.violations).toEqual([
      {
        message:
          'account "ops@example.com" has the partner role in customer company "Acme Ltd": give it a customer role (companyAdministrator, networkAdministrator, reporter or custom).',
        urn: urn(bad),
      },
    ]);
  });

  it("fails it when the company id is written literally", async () => {
    const bad = res(Account, "literal", { ...happy, role: "partner", rights: undefined });
    const out = await checkStack(policy, [...happyStack(), bad]);
    expect(out.violations.map((v) => v.urn)).toEqual([urn(bad)]);
  });

  it("fails it during preview, for a company whose type defaults to customer", async () => {
    const fresh = res(Company, "fresh", { name: "Fresh Co" });
    const bad = res(
      Account,
      "fresh-partner",
      { ...happy, email: "p@fresh.example", role: "partner", rights: undefined, companyId: UNKNOWN_STRING },
      { companyId: ["fresh"] },
    );
    const out = await checkStack(policy, [fresh, bad]);
    expect(out.violations.map((v) => v.message)).toEqual([
      'account "p@fresh.example" has the partner role in customer company "Fresh Co": give it a customer role (companyAdministrator, networkAdministrator, reporter or custom).',
    ]);
  });
});

describe("account-custom-role-restricted-rights", () => {
  const policy = accountCustomRoleRestrictedRights;

  it("passes a custom role without the restricted rights", async () => {
    expect(await checkResource(policy, Account, happy)).toEqual({ violations: [] });
  });

  it("passes restricted rights set to false", async () => {
    expect(
      await checkResource(policy, Account, {
        ...happy,
        rights: { ...happy.rights, manageRemoteShell: false, managePoliciesWrite: false },
      }),
    ).toEqual({ violations: [] });
  });

  it("fails manageRemoteShell", async () => {
    const out = await checkResource(policy, Account, {
      ...happy,
      rights: { ...happy.rights, manageRemoteShell: true },
    });
    expect(out.violations).toEqual([
      {
        message:
          'account "ops@example.com" (custom role) is granted manageRemoteShell, which this organisation does not allow: remove it, or set allowRemoteShell: true in the policy config.',
      },
    ]);
  });

  it("fails managePoliciesWrite", async () => {
    const out = await checkResource(policy, Account, {
      ...happy,
      rights: { ...happy.rights, managePoliciesWrite: true },
    });
    expect(out.violations).toEqual([
      {
        message:
          'account "ops@example.com" (custom role) is granted managePoliciesWrite, which this organisation does not allow: remove it, or set allowPoliciesWrite: true in the policy config.',
      },
    ]);
  });

  it("allows each right when the config does", async () => {
    const both = { ...happy, rights: { manageRemoteShell: true, managePoliciesWrite: true } };
    expect(
      (await checkResource(policy, Account, both, { allowRemoteShell: true })).violations.map((v) => v.message),
    ).toEqual([
      'account "ops@example.com" (custom role) is granted managePoliciesWrite, which this organisation does not allow: remove it, or set allowPoliciesWrite: true in the policy config.',
    ]);
    expect(await checkResource(policy, Account, both, { allowRemoteShell: true, allowPoliciesWrite: true })).toEqual({
      violations: [],
    });
  });

  it("ignores other roles", async () => {
    expect(
      await checkResource(policy, Account, {
        ...happy,
        role: "companyAdministrator",
        rights: { manageRemoteShell: true },
      }),
    ).toEqual({ violations: [] });
  });
});
