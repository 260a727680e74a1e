/**
 * examples/siem-push through the real Pulumi CLI against the emulator (up, no-op preview, drift,
 * refresh + up, one-input change, secrets, destroy), and the CI recipe examples/ci/pulumi-ci.sh run
 * against it the way a scheduled job would: `drift` exits 0 when the tenant matches and fails,
 * naming the resource and property, after a console edit; `deploy` repairs it.
 */
import { spawn } from "node:child_process";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoPlaintextSecrets } from "../helpers/examples";
import { REPO_ROOT } from "../helpers/pulumi-cli";
import { changes, PulumiProject, type CliResult } from "../helpers/pulumi-project";

const TOKEN = "Splunk 3d7e1f0a-9c4b-4e2a-8f6d-5b1c0a9e8d7f";
const COMPANIES = ["Contoso Dental Group", "Fabrikam Logistics", "Litware Legal LLP"];
let p: PulumiProject;

const st = () => p.emu.state as any;
const idOf = (name: string) => (Object.values(st().companies).find((c: any) => c.name === name) as any).id as string;
const push = () => st().push[st().rootCompanyId];

/** Runs examples/ci/pulumi-ci.sh in the program's directory with the stack's environment. */
function ci(command: string, env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn("bash", [path.join(REPO_ROOT, "examples/ci/pulumi-ci.sh"), command], {
      cwd: p.dir,
      env: {
        ...p.env,
        PULUMI_STACK: p.stack,
        PULUMI_CI_SKIP_INSTALL: "1",
        GITHUB_ACTIONS: "",
        GITHUB_STEP_SUMMARY: "",
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

beforeAll(async () => {
  p = await PulumiProject.create({
    source: "examples/siem-push",
    config: {
      "siem:url": "https://siem.msp.example:8088/services/collector",
      "siem:companies": JSON.stringify(COMPANIES),
    },
    secrets: { "siem:authorization": TOKEN },
  });
}, 120_000);
afterAll(async () => p?.dispose());

describe("examples/siem-push with the real CLI", () => {
  it("pulumi up configures the push service for the key's company and the named companies", async () => {
    await p.up();
    const outs = await p.outputs();
    expect(outs.subscribedCompanies).toEqual(["Northwind MSP", ...COMPANIES].sort());
    const cfg = push();
    expect(cfg).toMatchObject({
      status: 1,
      serviceType: "splunk",
      serviceSettings: { url: "https://siem.msp.example:8088/services/collector", requireValidSslCertificate: true },
    });
    expect([...cfg.subscribeToCompanies].sort()).toEqual([st().rootCompanyId, ...COMPANIES.map(idOf)].sort());
    expect(cfg.subscribeToEventTypes).toMatchObject({ av: true, "new-incident": true });
    expect(cfg.serviceSettings.splunkAuthorization === TOKEN, "the HEC token was sent").toBe(true);
  }, 300_000);

  it("an immediate preview --expect-no-changes passes", async () => {
    const r = await p.run(["preview", "--expect-no-changes"]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
  }, 120_000);

  it("console edits show in preview --refresh, and the CI drift job fails naming resource and properties", async () => {
    // The service switched off after delivery errors, and a company unticked by hand.
    await p.console({ action: "disablePush" });
    push().subscribeToCompanies = push().subscribeToCompanies.filter((id: string) => id !== idOf("Fabrikam Logistics"));
    const { steps } = await p.previewJson(["--refresh"]);
    expect(changes(steps)).toEqual([
      { op: "update", resource: "PushEventSettings::siem", props: ["enabled", "subscribeToCompanies"] },
    ]);

    const r = await ci("drift");
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("PushEventSettings::siem: enabled, subscribeToCompanies");
    expect(r.stdout + r.stderr).not.toContain(TOKEN);
  }, 300_000);

  it("pulumi refresh + up restores the declared state, and then the CI drift job passes", async () => {
    await p.run(["refresh", "--yes", "--skip-preview"], { check: true });
    await p.up();
    expect(push().status).toBe(1);
    expect(push().subscribeToCompanies).toContain(idOf("Fabrikam Logistics"));
    const r = await ci("drift");
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain("no drift");
  }, 300_000);

  it("the CI deploy job repairs drift by itself", async () => {
    await p.console({ action: "disablePush" });
    // With PULUMI_STACK empty (an unset CI variable) the script uses the stack selected in the directory.
    const r = await ci("deploy", { PULUMI_STACK: "" });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(push().status).toBe(1);
  }, 300_000);

  it("subscribing one more company updates only the push settings", async () => {
    await p.run(["config", "set", "siem:companies", JSON.stringify([...COMPANIES, "Tailspin Toys"])], { check: true });
    const { steps } = await p.previewJson();
    expect(changes(steps)).toEqual([
      { op: "update", resource: "PushEventSettings::siem", props: ["subscribeToCompanies"] },
    ]);
    await p.up();
    expect(push().subscribeToCompanies).toContain(idOf("Tailspin Toys"));
  }, 300_000);

  it("the state holds no plaintext API key or push authorization", async () => {
    await expectNoPlaintextSecrets(p, { "push authorization": TOKEN, "HEC token": TOKEN.split(" ")[1]! });
  }, 60_000);

  it("pulumi destroy switches the push service off", async () => {
    await p.run(["destroy", "--yes", "--skip-preview"], { check: true });
    expect(push().status).toBe(0);
    const outs = await p.run(["stack", "output", "--json"], { check: true });
    expect(JSON.parse(outs.stdout)).toEqual({});
  }, 300_000);
});
