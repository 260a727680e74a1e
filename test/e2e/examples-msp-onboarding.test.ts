/**
 * examples/msp-onboarding through the real Pulumi CLI against the emulator: up, no-op preview,
 * console drift seen by preview --refresh, refresh + up, the customers file as the only source of
 * per-customer resources, secrets in state, protected and unprotected destroy.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoPlaintextSecrets, resourceCounts, resourceOutputs } from "../helpers/examples";
import { changes, PulumiProject } from "../helpers/pulumi-project";

interface Customer {
  key: string;
  name: string;
  adminEmail: string;
  blockedHashes?: string[];
}

const shipped: Customer[] = JSON.parse(
  fs.readFileSync(path.join(__dirname, "../../examples/msp-onboarding/customers.json"), "utf8"),
);
let p: PulumiProject;
let outs: Record<string, any>;

const st = () => p.emu.state as any;
const companyNamed = (name: string) => Object.values(st().companies).find((c: any) => c.name === name) as any;

beforeAll(async () => {
  p = await PulumiProject.create({ source: "examples/msp-onboarding" });
}, 120_000);
afterAll(async () => p?.dispose());

describe("examples/msp-onboarding with the real CLI", () => {
  it("pulumi up onboards every customer of customers.json", async () => {
    await p.up();
    outs = await p.outputs();
    expect(outs.customerCount).toBe(shipped.length);
    expect(outs.assignedPolicy).toBe("MSP Baseline - Workstations");
    const policyId = Object.values(st().policies).find((x: any) => x.name === "MSP Baseline - Workstations") as any;
    for (const c of shipped) {
      const company = companyNamed(c.name);
      expect(company, c.name).toMatchObject({ id: outs.customersOnboarded[c.key].companyId, enforce2FA: true });
      // Custom groups live under the company's 'Computers and Groups' group (77209-128488).
      const root = Object.values(st().groups).find(
        (g: any) => g.parentId === company.id && g.name === "Computers and Groups",
      ) as any;
      const groups = Object.values(st().groups).filter((g: any) => g.parentId === root.id) as any[];
      expect(groups.map((g) => g.name).sort()).toEqual(["Servers", "Workstations"]);
      expect(groups.find((g) => g.name === "Workstations").policy).toMatchObject({ policyId: policyId.id });
      expect(
        Object.values(st().accounts)
          .filter((a: any) => a.companyId === company.id)
          .map((a: any) => a.email),
      ).toEqual([c.adminEmail]);
      expect(Object.values(st().packages).filter((k: any) => k.companyId === company.id)).toHaveLength(1);
      const blocked = Object.values(st().blocklist).filter((b: any) => b.companyId === company.id).length;
      expect(blocked).toBe(c.blockedHashes?.length ?? 0);
      expect(outs.customersOnboarded[c.key].windowsInstaller).toMatch(/^https:\/\//);
    }
  }, 300_000);

  it("an immediate preview --expect-no-changes passes", async () => {
    const r = await p.run(["preview", "--expect-no-changes"]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
  }, 120_000);

  it("per-customer resources come from the customers file only", async () => {
    // The same customers plus one, in another file: only the new customer's resources appear.
    const extra = { key: "fourth-coffee", name: "Fourth Coffee", adminEmail: "it@fourthcoffee.example" };
    fs.writeFileSync(path.join(p.dir, "more.json"), JSON.stringify([...shipped, extra]));
    await p.run(["config", "set", "onboarding:customersFile", "more.json"], { check: true });
    const { steps } = await p.previewJson();
    expect(
      changes(steps)
        .map((c) => `${c.op} ${c.resource}`)
        .sort(),
    ).toEqual(
      [
        "create Account::fourth-coffee-admin",
        "create Company::fourth-coffee-company",
        "create CustomGroup::fourth-coffee-servers",
        "create CustomGroup::fourth-coffee-workstations",
        "create InstallationPackage::fourth-coffee-agent",
        "create PolicyAssignment::fourth-coffee-workstations-policy",
      ].sort(),
    );
    await p.run(["config", "rm", "onboarding:customersFile"], { check: true });
  }, 180_000);

  it("console edits show in preview --refresh as the resources and properties that drifted", async () => {
    const r = await resourceOutputs(p);
    const [a, b, c, d] = shipped;
    await p.console({
      action: "renameCompany",
      companyId: outs.customersOnboarded[a!.key].companyId,
      name: `${a!.name} (renamed by hand)`,
    });
    await p.console({ action: "updateAccount", accountId: r[`${b!.key}-admin`]!.accountId, fullName: "Someone Else" });
    await p.console({
      action: "updatePackage",
      packageId: r[`${c!.key}-agent`]!.packageId,
      description: "edited in the console",
    });
    await p.console({ action: "deleteObject", id: r[`${d!.key}-servers`]!.groupId });

    const { steps } = await p.previewJson(["--refresh"]);
    const found = changes(steps);
    expect(found).toEqual(
      expect.arrayContaining([
        { op: "update", resource: `Company::${a!.key}-company`, props: ["name"] },
        { op: "update", resource: `Account::${b!.key}-admin`, props: ["profile"] },
        { op: "update", resource: `InstallationPackage::${c!.key}-agent`, props: ["description"] },
        expect.objectContaining({ op: "create", resource: `CustomGroup::${d!.key}-servers` }),
      ]),
    );
    expect(found).toHaveLength(4);
  }, 300_000);

  it("pulumi refresh + up restores the declared state, and then nothing changes", async () => {
    await p.run(["refresh", "--yes", "--skip-preview"], { check: true });
    await p.up();
    const [a, b, c, d] = shipped;
    expect(companyNamed(a!.name)).toBeDefined();
    const r = await resourceOutputs(p);
    expect(st().accounts[r[`${b!.key}-admin`]!.accountId].fullName).not.toBe("Someone Else");
    expect(st().packages[r[`${c!.key}-agent`]!.packageId].description).not.toBe("edited in the console");
    expect(st().groups[r[`${d!.key}-servers`]!.groupId]).toMatchObject({
      name: "Servers",
      companyId: outs.customersOnboarded[d!.key].companyId,
    });
    const again = await p.run(["preview", "--refresh", "--expect-no-changes"]);
    expect(again.code, again.stdout + again.stderr).toBe(0);
  }, 300_000);

  it("the state holds no plaintext API key", async () => {
    await expectNoPlaintextSecrets(p, {});
  }, 60_000);

  it("destroy refuses while deletionProtection is on, then removes everything with it off", async () => {
    const counts = () =>
      ["companies", "groups", "accounts", "packages", "blocklist"].map((k) => Object.keys(st()[k]).length);
    const before = counts();
    // The preview of the destroy stops at the protected companies, before any delete.
    const refused = await p.run(["destroy", "--yes"]);
    expect(refused.code).not.toBe(0);
    expect(refused.stdout + refused.stderr).toMatch(/protected/i);
    expect(counts()).toEqual(before);

    await p.run(["config", "set", "onboarding:deletionProtection", "false"], { check: true });
    await p.up();
    const r = await resourceOutputs(p);
    const created = Object.values(r)
      .flatMap((o) => [o.groupId, o.accountId, o.packageId, ...Object.values(o.itemIds ?? {})])
      .filter((x) => typeof x === "string");
    expect(created).toHaveLength(shipped.length * 4 + shipped.reduce((n, c) => n + (c.blockedHashes?.length ?? 0), 0));
    await p.run(["destroy", "--yes", "--skip-preview"], { check: true });
    for (const c of shipped) expect(companyNamed(c.name), c.name).toBeUndefined();
    const emails = new Set(shipped.map((c) => c.adminEmail));
    expect(Object.values(st().accounts).filter((a: any) => emails.has(a.email))).toEqual([]);
    expect(Object.keys(st().companies)).toHaveLength(before[0]! - shipped.length);
    const left = new Set(["groups", "accounts", "packages", "blocklist"].flatMap((k) => Object.keys(st()[k])));
    expect(created.filter((id) => left.has(id))).toEqual([]);
    expect(await resourceCounts(p)).toEqual({});
  }, 300_000);
});
