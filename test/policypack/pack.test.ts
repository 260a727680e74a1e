/** The pack as a whole: what `pulumi preview --policy-pack` and `pulumi policy publish` rely on. */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { policies } from "../../policypack/policies";
import * as exported from "../../policypack/policies";

vi.mock("pulumi-gravityzone", () => import("./gravityzone"));

const PACK = path.resolve(__dirname, "../../policypack");

describe("the policy pack", () => {
  it("has unique kebab-case policy names and a description and enforcement level for each", () => {
    const names = policies.map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
    for (const p of policies) {
      expect(p.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(p.name).not.toBe("all");
      expect(p.description.length).toBeGreaterThan(20);
      expect(["advisory", "mandatory", "disabled"]).toContain(p.enforcementLevel);
    }
  });

  it("exports every policy by name and lists each exported policy once", () => {
    const consts = Object.entries(exported)
      .filter(([k]) => k !== "policies")
      .map(([, v]) => v);
    expect(new Set(consts)).toEqual(new Set(policies));
  });

  it("gives every setting a default and a description, and no enforcementLevel setting", () => {
    for (const p of policies) {
      for (const [key, schema] of Object.entries(p.configSchema?.properties ?? {})) {
        expect(key).not.toBe("enforcementLevel");
        expect(typeof schema).toBe("object");
        const s = schema as { default?: unknown; description?: string; type?: string };
        expect(s.default, `${p.name}.${key}`).toBeDefined();
        expect(s.description, `${p.name}.${key}`).toBeTruthy();
        const actual = Array.isArray(s.default) ? "array" : typeof s.default;
        expect(actual, `${p.name}.${key}`).toBe(s.type);
      }
    }
  });

  it("uses the documented default levels", () => {
    const levels = Object.fromEntries(policies.map((p) => [p.name, p.enforcementLevel]));
    expect(levels).toEqual({
      "company-requires-2fa": "mandatory",
      "company-deletion-protection-in-production": "mandatory",
      "account-allowed-email-domains": "mandatory",
      "account-no-partner-role-in-customer-company": "mandatory",
      "account-custom-role-restricted-rights": "mandatory",
      "push-https-only": "mandatory",
      "push-require-valid-certificate": "mandatory",
      "push-required-event-types": "mandatory",
      "blocklist-prefer-sha256": "advisory",
      "blocklist-no-duplicate-hashes": "mandatory",
      "blocklist-source-note": "mandatory",
      "installation-package-required-modules": "mandatory",
      "policy-assignment-no-forced-inheritance-on-partners": "mandatory",
      "company-coverage": "disabled",
    });
  });

  it("documents every policy in README.md", () => {
    const readme = readFileSync(path.join(PACK, "README.md"), "utf8");
    for (const p of policies) expect(readme, p.name).toContain(`\`${p.name}\``);
  });

  it("is a Node.js pack whose package.json carries the version and main the PolicyPack constructor needs", () => {
    expect(readFileSync(path.join(PACK, "PulumiPolicy.yaml"), "utf8")).toMatch(/^runtime: nodejs$/m);
    const pkg = JSON.parse(readFileSync(path.join(PACK, "package.json"), "utf8")) as {
      version?: string;
      main?: string;
      name?: string;
    };
    expect(pkg.name).toBe("pulumi-gravityzone-policypack");
    expect(pkg.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(pkg.main).toBe("bin/index.js");
  });
});
