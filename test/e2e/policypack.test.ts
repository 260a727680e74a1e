/**
 * The GravityZone policy pack (policypack/) with the real CLI: `pulumi preview --policy-pack` stops
 * a violating program with the rules' messages (and no secret in them), and lets the demo program
 * through. The pack must be set up (policypack/node_modules link, compiled bin/): scripts/test.sh
 * does it with gz_policypack_setup; when run alone, this file does it first.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pulumiCli, REPO_ROOT } from "../helpers/pulumi-cli";
import { PulumiProject } from "../helpers/pulumi-project";

const PACK = path.join(REPO_ROOT, "policypack");
const PUSH_AUTHORIZATION = "Bearer 9f8e7d6c5b4a39281706f5e4d3c2b1a0";
const projects: PulumiProject[] = [];

beforeAll(() => {
  if (!fs.existsSync(path.join(PACK, "bin", "index.js")) || !fs.existsSync(path.join(PACK, "node_modules"))) {
    execFileSync("bash", ["-c", "source policypack/setup.sh && gz_policypack_setup"], {
      cwd: REPO_ROOT,
      env: pulumiCli().env,
      stdio: ["ignore", "ignore", "inherit"],
    });
  }
}, 180_000);
afterAll(async () => {
  for (const p of projects) await p.dispose();
});

describe("pulumi preview --policy-pack policypack", () => {
  it("stops a violating program with the rules' messages, before any API call", async () => {
    const p = await PulumiProject.create({
      source: "test/e2e/fixtures/policy-violation",
      secrets: { "violation:pushAuthorization": PUSH_AUTHORIZATION },
    });
    projects.push(p);
    p.emu.resetCalls();
    const r = await p.run(["preview", "--policy-pack", PACK]);
    const out = r.stdout + r.stderr;
    expect(r.code, out).not.toBe(0);
    expect(out).toContain("company-requires-2fa");
    expect(out).toContain('company "Lax Logistics" does not enforce two-factor authentication: set enforce2FA: true.');
    expect(out).toContain("push-require-valid-certificate");
    expect(out.includes(PUSH_AUTHORIZATION), "the push authorization appears in the output").toBe(false);
    expect(p.emu.calls().filter((c) => /^(create|set|add|assign|update|delete)/.test(c.method))).toEqual([]);
  }, 180_000);

  it("lets the demo program through", async () => {
    const p = await PulumiProject.create({
      source: ["Pulumi.yaml", "index.ts"],
      secrets: {
        "demo:adminPassword": "Demo-Adm1n-Passw0rd!",
        "demo:siemToken": "Splunk 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
      },
    });
    projects.push(p);
    const r = await p.run(["preview", "--policy-pack", PACK]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout + r.stderr).not.toMatch(/mandatory/);
  }, 180_000);
});
