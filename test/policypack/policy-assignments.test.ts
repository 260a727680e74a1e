import { describe, expect, it, vi } from "vitest";
import { Company, PolicyAssignment } from "./gravityzone";
import { checkStack, res, urn, UNKNOWN_STRING } from "./harness";
import { policyAssignmentNoForcedInheritanceOnPartners } from "../../policypack/rules/policy-assignments";

vi.mock("pulumi-gravityzone", () => import("./gravityzone"));

const policy = policyAssignmentNoForcedInheritanceOnPartners;
const RESELLER_ID = "5f3c6a1e9b1d2c00aaaaaaaa";
const ACME_ID = "5f3c6a1e9b1d2c00bbbbbbbb";
const OWN_PARTNER_ID = "5f3c6a1e9b1d2c00cccccccc";
const POLICY_ID = "60aa00000000000000000001";

const reseller = res(Company, "reseller", { name: "Reseller GmbH", type: "partner", companyId: RESELLER_ID });
const acme = res(Company, "acme", { name: "Acme Ltd", type: "customer", companyId: ACME_ID });

/** A stack the rule accepts: forced inheritance onto a customer, plain assignment onto the partner. */
const happy = () => [
  reseller,
  acme,
  res(
    PolicyAssignment,
    "acme-baseline",
    { policyId: POLICY_ID, targetIds: [ACME_ID], forceInheritance: true },
    { targetIds: ["acme"] },
  ),
  res(
    PolicyAssignment,
    "reseller-baseline",
    { policyId: POLICY_ID, targetIds: [RESELLER_ID], forceInheritance: false },
    { targetIds: ["reseller"] },
  ),
];

const message = (assignment: string, partner: string) =>
  `policy assignment "${assignment}" forces its policy onto ${partner} and every company below it: target the customer companies instead, or drop forceInheritance.`;

describe("policy-assignment-no-forced-inheritance-on-partners", () => {
  it("passes forced inheritance onto customers and plain assignments onto partners", async () => {
    expect(await checkStack(policy, happy())).toEqual({ violations: [] });
  });

  it("passes an assignment that leaves forceInheritance out (the resource's default is false)", async () => {
    const stack = [
      reseller,
      res(PolicyAssignment, "a", { policyId: POLICY_ID, targetIds: [RESELLER_ID] }, { targetIds: ["reseller"] }),
    ];
    expect(await checkStack(policy, stack)).toEqual({ violations: [] });
  });

  it("fails forced inheritance onto a partner company of the stack", async () => {
    const [p, c, a] = happy();
    const forced = res(
      PolicyAssignment,
      "reseller-baseline",
      { policyId: POLICY_ID, targetIds: [RESELLER_ID], forceInheritance: true },
      { targetIds: ["reseller"] },
    );
    const out = await checkStack(policy, [p!, c!, a!, forced]);
    expect(out.violations).toEqual([
      { message: message("reseller-baseline", 'partner company "Reseller GmbH"'), urn: urn(forced) },
    ]);
  });

  it("fails it during preview, through the dependency on the partner", async () => {
    const fresh = res(Company, "fresh-partner", { name: "Fresh Partner", type: "partner" });
    const forced = res(
      PolicyAssignment,
      "f",
      { policyId: POLICY_ID, targetIds: [UNKNOWN_STRING], forceInheritance: true },
      { targetIds: ["fresh-partner"] },
    );
    const out = await checkStack(policy, [fresh, forced]);
    expect(out.violations).toEqual([{ message: message("f", 'partner company "Fresh Partner"'), urn: urn(forced) }]);
  });

  it("fails it when the partner's id is written literally", async () => {
    const forced = res(PolicyAssignment, "literal", {
      policyId: POLICY_ID,
      targetIds: [ACME_ID, RESELLER_ID.toUpperCase()],
      forceInheritance: true,
    });
    const out = await checkStack(policy, [reseller, acme, forced]);
    expect(out.violations.map((v) => v.message)).toEqual([message("literal", 'partner company "Reseller GmbH"')]);
  });

  it("fails forced inheritance onto a partner listed in partnerIds", async () => {
    const forced = res(PolicyAssignment, "root", {
      policyId: POLICY_ID,
      targetIds: [OWN_PARTNER_ID],
      forceInheritance: true,
    });
    const out = await checkStack(policy, [...happy(), forced], { partnerIds: [OWN_PARTNER_ID] });
    expect(out.violations).toEqual([{ message: message("root", `partner ${OWN_PARTNER_ID}`), urn: urn(forced) }]);
  });

  it("allows it when allowForcedInheritanceOnPartners is set", async () => {
    const forced = res(
      PolicyAssignment,
      "reseller-forced",
      { policyId: POLICY_ID, targetIds: [RESELLER_ID], forceInheritance: true },
      { targetIds: ["reseller"] },
    );
    expect(await checkStack(policy, [reseller, forced], { allowForcedInheritanceOnPartners: true })).toEqual({
      violations: [],
      notApplicable: "allowForcedInheritanceOnPartners is set",
    });
  });
});
