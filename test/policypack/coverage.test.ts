import { describe, expect, it, vi } from "vitest";
import { Company, PolicyAssignment, PushEventSettings } from "./gravityzone";
import { checkStack, res, urn, UNKNOWN_STRING } from "./harness";
import { companyCoverage } from "../../policypack/rules/coverage";

vi.mock("pulumi-gravityzone", () => import("./gravityzone"));

const policy = companyCoverage;
const ACME_ID = "5f3c6a1e9b1d2c00bbbbbbbb";
const GLOBEX_ID = "5f3c6a1e9b1d2c00dddddddd";
const POLICY_ID = "60aa00000000000000000001";

const acme = res(Company, "acme", { name: "Acme Ltd", type: "customer", companyId: ACME_ID });
const globex = res(Company, "globex", { name: "Globex", type: "customer", companyId: GLOBEX_ID });
const assignAcme = res(
  PolicyAssignment,
  "acme-policy",
  { policyId: POLICY_ID, targetIds: [ACME_ID] },
  { targetIds: ["acme"] },
);
const push = (props: Record<string, unknown>, deps?: Record<string, string[]>) =>
  res(
    PushEventSettings,
    "siem",
    { serviceType: "jsonRPC", url: "https://siem.example.com/", eventTypes: ["av"], enabled: true, ...props },
    deps,
  );

/** Acme has a policy assignment, Globex receives push settings. */
const happy = () => [
  acme,
  globex,
  assignAcme,
  push({ subscribeToCompanies: [GLOBEX_ID] }, { subscribeToCompanies: ["globex"] }),
];

describe("company-coverage", () => {
  it("is off by default", () => {
    expect(policy.enforcementLevel).toBe("disabled");
  });

  it("passes when every company has a policy assignment or push settings", async () => {
    expect(await checkStack(policy, happy())).toEqual({ violations: [] });
  });

  it("passes when push settings cover every company (no subscribeToCompanies)", async () => {
    expect(await checkStack(policy, [acme, globex, push({})])).toEqual({ violations: [] });
  });

  it("fails a company with neither", async () => {
    const out = await checkStack(policy, [acme, globex, assignAcme]);
    expect(out.violations).toEqual([
      {
        message:
          'company "Globex" has neither a policy assignment nor push settings in this stack: target it with a PolicyAssignment or subscribe a PushEventSettings to it.',
        urn: urn(globex),
      },
    ]);
  });

  it("does not count disabled push settings", async () => {
    const out = await checkStack(policy, [acme, assignAcme, globex, push({ enabled: false })]);
    expect(out.violations.map((v) => v.urn)).toEqual([urn(globex)]);
  });

  it("finds coverage during preview through dependencies", async () => {
    const fresh = res(Company, "fresh", { name: "Fresh" });
    const assign = res(
      PolicyAssignment,
      "fresh-policy",
      { policyId: POLICY_ID, targetIds: [UNKNOWN_STRING] },
      { targetIds: ["fresh"] },
    );
    expect(await checkStack(policy, [fresh, assign])).toEqual({ violations: [] });
  });

  it("with coverage: policy-assignment, push settings do not count", async () => {
    const out = await checkStack(policy, happy(), { coverage: "policy-assignment" });
    expect(out.violations).toEqual([
      {
        message: 'company "Globex" has no policy assignment in this stack: target it with a PolicyAssignment.',
        urn: urn(globex),
      },
    ]);
  });

  it("with coverage: push-settings, policy assignments do not count", async () => {
    const out = await checkStack(policy, happy(), { coverage: "push-settings" });
    expect(out.violations).toEqual([
      {
        message:
          'company "Acme Ltd" receives no push settings in this stack: subscribe a PushEventSettings to it (subscribeToCompanies).',
        urn: urn(acme),
      },
    ]);
  });
});
