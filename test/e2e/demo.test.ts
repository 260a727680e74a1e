/**
 * The demo program (Pulumi.yaml + index.ts) through the real Pulumi CLI against the emulator:
 * up, no-op preview, drift of every resource kind, refresh + up, a one-input change, secrets in
 * state, protected destroy, destroy.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changes, PulumiProject } from "../helpers/pulumi-project";

const ADMIN_PASSWORD = "Demo-Adm1n-Passw0rd!";
const SIEM_TOKEN = "Splunk 7f3c9a1e-5b2d-4c8f-9e6a-0d1b2c3e4f5a";
let p: PulumiProject;
let outs: Record<string, any>;

/** The outputs of each stack resource by its name, from `pulumi stack export`. */
async function resourceOutputs(): Promise<Record<string, Record<string, any>>> {
  const state = JSON.parse(await p.exportState());
  const out: Record<string, Record<string, any>> = {};
  for (const r of state.deployment.resources) out[r.urn.split("::").pop()] = r.outputs ?? {};
  return out;
}

/** What the stack could have touched in the emulator, without any secret (safe to print). */
function inventory() {
  const st = p.emu.state as any;
  return {
    companies: Object.keys(st.companies).sort(),
    groups: Object.keys(st.groups).sort(),
    packages: Object.keys(st.packages).sort(),
    accounts: Object.keys(st.accounts).sort(),
    blocklist: Object.keys(st.blocklist).sort(),
    push: Object.fromEntries(Object.entries(st.push).map(([k, v]: [string, any]) => [k, v.status])),
  };
}

const company = () =>
  Object.values(p.emu.state.companies as Record<string, any>).find((c: any) => c.id === outs.companyId);

beforeAll(async () => {
  p = await PulumiProject.create({
    source: ["Pulumi.yaml", "index.ts"],
    secrets: { "demo:adminPassword": ADMIN_PASSWORD, "demo:siemToken": SIEM_TOKEN },
  });
}, 120_000);
afterAll(async () => p?.dispose());

describe("the demo program with the real CLI", () => {
  it("pulumi up onboards the customer", async () => {
    await p.up();
    outs = await p.outputs();
    expect(outs.companyId).toMatch(/^[0-9a-f]{24}$/);
    expect(outs.serverPolicyName).toBe("MSP Baseline - Servers");
    expect(outs.installLinks.windows).toMatch(/^https:\/\//);
    expect(company()).toMatchObject({ name: "Proseware Pediatrics" });
  }, 300_000);

  it("an immediate preview --expect-no-changes passes", async () => {
    const r = await p.run(["preview", "--expect-no-changes"]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
  }, 120_000);

  it("console edits of each resource kind show in preview --refresh as the property that drifted", async () => {
    const r = await resourceOutputs();
    await p.console({ action: "renameCompany", companyId: outs.companyId, name: "Proseware (renamed by hand)" });
    await p.console({ action: "renameCustomGroup", groupId: r["front-desk"]!.groupId, name: "Reception" });
    await p.console({
      action: "updatePackage",
      packageId: r["agent"]!.packageId,
      description: "edited in the console",
    });
    await p.console({ action: "updateAccount", accountId: r["it-admin"]!.accountId, fullName: "Someone Else" });
    await p.console({ action: "disablePush" });
    const [firstHash] = Object.values(r["known-bad"]!.itemIds as Record<string, string>);
    await p.console({ action: "removeBlocklistItem", id: firstHash });

    const { steps } = await p.previewJson(["--refresh"]);
    const found = changes(steps);
    expect(found).toEqual(
      expect.arrayContaining([
        { op: "update", resource: "Company::customer", props: ["name"] },
        expect.objectContaining({
          op: "replace",
          resource: "CustomGroup::front-desk",
          props: expect.arrayContaining(["name"]),
        }),
        { op: "update", resource: "InstallationPackage::agent", props: ["description"] },
        { op: "update", resource: "Account::it-admin", props: ["profile"] },
        { op: "update", resource: "PushEventSettings::siem", props: ["enabled"] },
        expect.objectContaining({ op: "update", resource: "Blocklist::known-bad" }),
      ]),
    );
    expect(found).toHaveLength(6);
    const failed = await p.run(["preview", "--refresh", "--expect-no-changes"]);
    expect(failed.code).not.toBe(0);
  }, 300_000);

  it("pulumi refresh + up restores the declared state, and then nothing changes", async () => {
    await p.run(["refresh", "--yes", "--skip-preview"], { check: true });
    await p.up();
    expect(company()).toMatchObject({ name: "Proseware Pediatrics" });
    const r = await resourceOutputs();
    expect(r["siem"]).toMatchObject({ enabled: true });
    expect(Object.keys(r["known-bad"]!.itemIds)).toHaveLength(3);
    expect(r["front-desk"]).toMatchObject({ name: "Front desk" });
    const again = await p.run(["preview", "--refresh", "--expect-no-changes"]);
    expect(again.code, again.stdout + again.stderr).toBe(0);
  }, 300_000);

  it("a change to one input updates only that resource", async () => {
    await p.run(["config", "set", "demo:customerDomain", "proseware.example"], { check: true });
    const { steps } = await p.previewJson();
    expect(changes(steps)).toEqual([{ op: "update", resource: "Account::it-admin", props: ["email"] }]);
    await p.up();
  }, 300_000);

  it("the state holds no plaintext API key, password or push authorization", async () => {
    const state = await p.exportState();
    expect(state).not.toContain(p.apiKey);
    expect(state).not.toContain(ADMIN_PASSWORD);
    expect(state).not.toContain(SIEM_TOKEN);
    expect(state).not.toContain("7f3c9a1e-5b2d-4c8f");
  }, 60_000);

  it("destroy refuses while deletionProtection is on and removes nothing", async () => {
    const before = inventory();
    const r = await p.run(["destroy", "--yes"]);
    expect(r.code).not.toBe(0);
    expect(r.stdout + r.stderr).toMatch(/protected/i);
    expect(inventory()).toEqual(before);
  }, 120_000);

  it("with protection off, destroy removes everything the stack created", async () => {
    const r = await resourceOutputs();
    await p.run(["config", "set", "demo:deletionProtection", "false"], { check: true });
    await p.up();
    await p.run(["destroy", "--yes", "--skip-preview"], { check: true });
    expect(company()).toBeUndefined();
    const left = inventory();
    const created = [
      r["servers"]!.groupId,
      r["workstations"]!.groupId,
      r["agent"]!.packageId,
      r["it-admin"]!.accountId,
      ...Object.values(r["known-bad"]!.itemIds),
    ] as string[];
    expect(
      created.filter((id) => [...left.groups, ...left.packages, ...left.accounts, ...left.blocklist].includes(id)),
    ).toEqual([]);
    expect(Object.values(left.push)).toEqual([0]);
  }, 300_000);
});
