import { describe, expect, it, vi } from "vitest";
import { Company } from "./gravityzone";
import { checkResource, inStack, UNKNOWN_STRING } from "./harness";
import { companyDeletionProtectionInProduction, companyRequires2fa } from "../../policypack/rules/companies";

vi.mock("pulumi-gravityzone", () => import("./gravityzone"));

/** A company every rule accepts. */
const happy = { name: "Acme Ltd", type: "customer", enforce2FA: true, deletionProtection: true };

describe("company-requires-2fa", () => {
  it("passes a company that enforces 2FA", async () => {
    expect(await checkResource(companyRequires2fa, Company, happy)).toEqual({ violations: [] });
  });

  it("fails a company with enforce2FA: false", async () => {
    const out = await checkResource(companyRequires2fa, Company, { ...happy, enforce2FA: false });
    expect(out.violations).toEqual([
      { message: 'company "Acme Ltd" does not enforce two-factor authentication: set enforce2FA: true.' },
    ]);
  });

  it("fails a company that leaves enforce2FA out (the resource's default is false)", async () => {
    const { enforce2FA: _omit, ...rest } = happy;
    const out = await checkResource(companyRequires2fa, Company, rest);
    expect(out.violations).toEqual([
      { message: 'company "Acme Ltd" does not enforce two-factor authentication: set enforce2FA: true.' },
    ]);
  });

  it("names the company by its Pulumi name while its name is unknown", async () => {
    const out = await checkResource(
      companyRequires2fa,
      Company,
      { ...happy, name: UNKNOWN_STRING, enforce2FA: false },
      {},
      "acme",
    );
    expect(out.violations).toEqual([
      { message: 'company "acme" does not enforce two-factor authentication: set enforce2FA: true.' },
    ]);
  });
});

describe("company-deletion-protection-in-production", () => {
  const policy = companyDeletionProtectionInProduction;

  it("passes a protected company in a production stack", async () => {
    expect(await inStack("prod", () => checkResource(policy, Company, happy))).toEqual({ violations: [] });
  });

  it("passes a company that leaves deletionProtection out (the resource's default is true)", async () => {
    const { deletionProtection: _omit, ...rest } = happy;
    expect(await inStack("prod", () => checkResource(policy, Company, rest))).toEqual({ violations: [] });
  });

  it("fails an unprotected company in a production stack", async () => {
    const out = await inStack("eu-Production", () =>
      checkResource(policy, Company, { ...happy, deletionProtection: false }),
    );
    expect(out.violations).toEqual([
      {
        message:
          'company "Acme Ltd" turns deletionProtection off in production stack "eu-Production": keep deletionProtection: true.',
      },
    ]);
  });

  it("does not apply outside production stacks", async () => {
    const out = await inStack("dev", () => checkResource(policy, Company, { ...happy, deletionProtection: false }));
    expect(out).toEqual({
      violations: [],
      notApplicable: 'stack "dev" is not a production stack (productionStackPattern: prod)',
    });
  });

  it("uses the configured productionStackPattern", async () => {
    const config = { productionStackPattern: "^(live|main)$" };
    const live = await inStack("LIVE", () =>
      checkResource(policy, Company, { ...happy, deletionProtection: false }, config),
    );
    expect(live.violations).toEqual([
      {
        message:
          'company "Acme Ltd" turns deletionProtection off in production stack "LIVE": keep deletionProtection: true.',
      },
    ]);
    const prod = await inStack("prod", () =>
      checkResource(policy, Company, { ...happy, deletionProtection: false }, config),
    );
    expect(prod.notApplicable).toBe('stack "prod" is not a production stack (productionStackPattern: ^(live|main)$)');
  });

  it("rejects an invalid productionStackPattern with a clear error", async () => {
    await expect(
      inStack("prod", () => checkResource(policy, Company, happy, { productionStackPattern: "(" })),
    ).rejects.toThrow(/productionStackPattern "\(" is not a valid regular expression/);
  });
});
