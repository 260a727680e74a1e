import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { InstallationPackage, handler } from "../../provider/resources/installation-package";
import { UNKNOWN } from "../../provider/unknown";
import { checkedInputs, startProviderEnv, type ProviderEnv } from "../helpers/provider-env";

let env: ProviderEnv;
let companyId: string;

beforeAll(async () => {
  env = await startProviderEnv({ seed: "empty" });
  companyId = await env.client.call("companies", "createCompany", { type: 1, name: "Package Customer" }, z.string());
});
afterAll(() => env.close());
beforeEach(() => env.reset());

const paramsOf = (method: string) => env.emu.calls().filter((c) => c.method === method).map((c) => c.params);
const packagesNamed = async (name: string, company = companyId) => {
  const all = await env.client.listAll("packages", "getPackagesList", { companyId: company }, z.object({ id: z.string(), name: z.string() }));
  return all.filter((p) => p.name === name);
};

const checked = (news: Record<string, unknown>) => checkedInputs(handler, news);

async function create(packageName: string, extra: Record<string, unknown> = {}) {
  const inputs = await checked({ packageName, companyId, ...extra });
  return { inputs, ...(await handler.create(inputs)) };
}

describe("check", () => {
  const ok = { packageName: "Servers" };
  it.each([
    [{ packageName: "x".repeat(256) }, "packageName", "packageName: must be at most 255 characters"],
    [{ packageName: "<b>Servers</b>" }, "packageName", "packageName: must not contain HTML (< or >)"],
    [{ ...ok, companyId: "acme" }, "companyId", "companyId: must be a GravityZone id (24 hexadecimal characters)"],
    [{ ...ok, description: "d".repeat(1025) }, "description", "description: must be at most 1024 characters"],
    [{ ...ok, description: "<script>x</script>" }, "description", "description: must not contain HTML (< or >)"],
    [{ ...ok, language: "en_GB" }, "language", "language: must be one of en_US, fr_FR, de_DE, it_IT, pl_PL, pt_BR, ro_RO, ru_RU, es_ES"],
    [{ ...ok, modules: { firewall: 1 } }, "modules", "modules.firewall: Invalid input: expected boolean, received number"],
    [{ ...ok, productType: "full" }, "productType", "productType: must be detectionAndPrevention, edrReportOnly or phasrStandalone"],
    [{ ...ok, scanMode: { type: "automatic", computers: { main: "local" } } }, "scanMode", 'scanMode.computers: is only allowed with type "custom"'],
    [{ ...ok, scanMode: { type: "custom", vms: { main: "cloud" } } }, "scanMode", "scanMode.vms.main: must be central, hybrid or local"],
    [{ ...ok, settings: "yes" }, "settings", "settings: Invalid input: expected record, received string"],
  ])("%j fails on %s before any API call", async (news, property, reason) => {
    const { failures } = await handler.check({}, news);
    expect(failures).toEqual([{ property, reason }]);
    expect(env.calls()).toEqual([]);
  });

  it("rejects unknown module and role names, listing the allowed ones", async () => {
    const { failures } = await handler.check({}, { ...ok, modules: { antivirus: true }, roles: { boss: true } });
    expect(failures).toEqual([
      { property: "modules", reason: expect.stringMatching(/^modules\.antivirus: unknown module "antivirus"; allowed: antimalware, advancedThreatControl, .*applicationControl$/) },
      { property: "roles", reason: 'roles.boss: unknown role "boss"; allowed: relay, exchange, patchCachingServer' },
    ]);
    expect(env.calls()).toEqual([]);
  });

  it("accepts the limits, fills defaults and passes preview unknowns", async () => {
    expect(await checked({ packageName: "x".repeat(255) })).toEqual({ packageName: "x".repeat(255), language: "en_US", productType: "detectionAndPrevention", adopt: false });
    expect((await handler.check({}, { packageName: "Servers", companyId: UNKNOWN })).failures).toBeUndefined();
    expect(env.calls()).toEqual([]);
  });
});

describe("diff", () => {
  const inputs = { packageName: "Servers", companyId: "a".repeat(24), language: "en_US", modules: { firewall: true }, productType: "detectionAndPrevention", adopt: false };
  const olds = { ...inputs, packageId: "c".repeat(24), installLinks: { windows: "https://x" }, adopted: false };
  it.each([
    [{}, false, []],
    [{ packageName: "Servers 2" }, true, []],
    [{ description: "new" }, true, []],
    [{ language: "fr_FR" }, true, []],
    [{ modules: { firewall: false } }, true, []],
    [{ scanMode: { type: "automatic" } }, true, []],
    [{ roles: { relay: true } }, true, []],
    [{ deploymentOptions: { type: 2 } }, true, []],
    [{ productType: "edrReportOnly" }, true, []],
    [{ adopt: true }, true, []],
    [{ companyId: "b".repeat(24) }, true, ["companyId"]],
  ])("%j → changes %s, replaces %j", async (change, changes, replaces) => {
    expect(await handler.diff("x", olds, { ...inputs, ...change })).toEqual({ changes, replaces, deleteBeforeReplace: replaces.length > 0 });
  });
});

describe("lifecycle", () => {
  it("creates with the exact payload and links, reads, no-op is free, updates and renames in place", async () => {
    const { id, outs, inputs } = await create("Servers", {
      description: "Windows servers",
      language: "de_DE",
      modules: { firewall: false, edrSensor: true, contentControl: true },
      scanMode: { type: "custom", computers: { main: "local" }, vms: { main: "central", fallback: "hybrid" } },
      roles: { relay: true },
      deploymentOptions: { type: 1 },
      productType: "edrReportOnly",
    });
    expect(paramsOf("createPackage")).toEqual([
      {
        packageName: "Servers",
        companyId,
        description: "Windows servers",
        language: "de_DE",
        modules: { firewall: 0, edrSensor: 1, contentControl: 1 },
        scanMode: { type: 2, computers: { main: 3 }, vms: { main: 1, fallback: 2 } },
        roles: { relay: 1 },
        deploymentOptions: { type: 1 },
        productType: 3,
      },
    ]);
    expect(env.writes()).toEqual(["packages.createPackage"]);
    // The company's links in one answer (shared by the packages created or refreshed together).
    expect(paramsOf("getInstallationLinks")).toEqual([{ companyId }]);
    expect(outs).toMatchObject({ packageId: id, adopted: false });
    expect(outs.installLinks).toMatchObject({ windows: expect.stringMatching(/^https:\/\//), mac: expect.stringMatching(/^https:\/\//), linux: expect.stringMatching(/^https:\/\//) });

    const read = await handler.read(id, outs);
    expect(read.props).toEqual(outs);
    expect(await handler.diff(id, read.props, inputs)).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });
    env.reset();
    await handler.update(id, read.props, inputs);
    expect(env.writes()).toEqual([]);

    const changed = { ...inputs, description: undefined, modules: { firewall: true, edrSensor: true, contentControl: true }, productType: "detectionAndPrevention" };
    const updated = await handler.update(id, outs, changed);
    expect(env.writes()).toEqual(["packages.updatePackage"]);
    expect(paramsOf("updatePackage")).toEqual([{ packageId: id, packageName: "Servers", description: "", modules: { firewall: 1, edrSensor: 1, contentControl: 1 }, productType: 0 }]);
    expect((await handler.read(id, updated.outs)).props).toEqual(updated.outs);

    env.reset();
    const renamed = await handler.update(id, updated.outs, { ...changed, packageName: "Servers EU" });
    expect(paramsOf("updatePackage")).toEqual([{ packageId: id, packageName: "Servers EU" }]);
    expect(paramsOf("getInstallationLinks")).toEqual([{ companyId }]);
    expect(renamed.outs).toMatchObject({ packageName: "Servers EU", packageId: id });
    expect(await packagesNamed("Servers EU")).toHaveLength(1);
  });

  it("read shows console edits as drift, and an empty id when the package is gone", async () => {
    const { id, outs, inputs } = await create("Drifty Package", { modules: { firewall: true }, language: "en_US" });
    await env.console({ action: "updatePackage", packageId: id, packageName: "Renamed By Hand", modules: { firewall: 0 }, language: "ro_RO", description: "hand made" });
    const after = await handler.read(id, outs);
    expect(after.props).toMatchObject({ packageName: "Renamed By Hand", modules: { firewall: false }, language: "ro_RO", description: "hand made" });
    // Only the switches the program names are compared.
    expect(Object.keys((after.props as { modules: object }).modules)).toEqual(["firewall"]);
    env.reset();
    await handler.update(id, after.props!, inputs);
    expect(paramsOf("updatePackage")).toEqual([{ packageId: id, packageName: "Drifty Package", description: "", language: "en_US", modules: { firewall: 1 } }]);

    await env.console({ action: "deleteObject", id });
    expect(await handler.read(id, outs)).toEqual({ id: "", props: {} });
  });
});

describe("no duplicates", () => {
  it("an ambiguous create (write applied, connection dropped) ends with exactly one package and success", async () => {
    env.emu.setFaults({ dropAfterWriteRate: 1, methods: ["packages.createPackage"], seed: 1 });
    try {
      const { id } = await create("Ambiguous Package");
      expect((await packagesNamed("Ambiguous Package")).map((p) => p.id)).toEqual([id]);
      expect(paramsOf("createPackage")).toHaveLength(1);
    } finally {
      env.emu.setFaults(undefined);
    }
  });

  it("finds an existing package on a later page: fails without adopt, adopts with adopt: true", async () => {
    const bulk = await env.client.call("companies", "createCompany", { type: 1, name: "Bulk Packages" }, z.string());
    // 105 packages straight into the emulator's state (creating them through the API would take the rate limit's time).
    const template = await env.client.call("packages", "createPackage", { packageName: "bulk-template", companyId: bulk }, z.string());
    for (let i = 0; i < 105; i++) {
      const pid = `0000000000000000000${String(i).padStart(5, "0")}`;
      env.emu.state.packages[pid] = { ...env.emu.state.packages[template]!, id: pid, name: `bulk-${String(i).padStart(3, "0")}` };
    }
    const [last] = await packagesNamed("bulk-104", bulk);
    env.reset();
    await expect(handler.create(await checked({ packageName: "bulk-104", companyId: bulk }))).rejects.toThrow(
      /installation package "bulk-104" already exists in GravityZone \(id [0-9a-f]{24}\)\. Set `adopt: true`/,
    );
    expect(env.writes()).toEqual([]);
    expect(paramsOf("getPackagesList")).toEqual([
      { companyId: bulk, page: 1, perPage: 100 },
      { companyId: bulk, page: 2, perPage: 100 },
    ]);
    env.reset();
    const adopted = await handler.create(await checked({ packageName: "bulk-104", companyId: bulk, adopt: true }));
    expect(adopted.id).toBe(last!.id);
    expect(adopted.outs).toMatchObject({ adopted: true, packageId: last!.id });
    expect(env.writes()).toEqual([]);
  });

  it("adopting brings the package's settings in line with the program", async () => {
    const first = await create("Adopt Package", { language: "en_US" });
    env.reset();
    const adopted = await create("Adopt Package", { adopt: true, language: "fr_FR", modules: { powerUser: true } });
    expect(adopted.id).toBe(first.id);
    expect(paramsOf("updatePackage")).toEqual([{ packageId: first.id, packageName: "Adopt Package", language: "fr_FR", modules: { powerUser: 1 } }]);
    expect(env.writes()).toEqual(["packages.updatePackage"]);
  });
});

describe("packages created together", () => {
  it("share one lookup of the company's packages, and each is created once", async () => {
    env.reset();
    const made = await Promise.all(["Together A", "Together B", "Together C"].map((n) => create(n)));
    expect(env.calls().filter((c) => c === "packages.getPackagesList")).toHaveLength(1);
    expect(env.writes()).toEqual(Array(3).fill("packages.createPackage"));
    expect(new Set(made.map((m) => m.id)).size).toBe(3);
    // Each has its own links, out of at most as many links calls as there were creates.
    expect(new Set(made.map((m) => (m.outs.installLinks as Record<string, string>).windows)).size).toBe(3);
    expect(env.calls().filter((c) => c === "packages.getInstallationLinks").length).toBeLessThanOrEqual(3);

    // A refresh asks for the company's links once, and a package made since is never missed.
    env.nextCommand();
    env.reset();
    const reads = await Promise.all(made.map((m) => handler.read(m.id, m.outs)));
    expect(reads.map((r) => r.props!.installLinks)).toEqual(made.map((m) => m.outs.installLinks));
    expect(env.calls().filter((c) => c === "packages.getInstallationLinks")).toHaveLength(1);
    const late = await create("Together D");
    expect((await handler.read(late.id, late.outs)).props!.installLinks).toEqual(late.outs.installLinks);
    expect(Object.keys(late.outs.installLinks as object).length).toBeGreaterThan(0);
    for (const m of [...made, late]) await handler.delete(m.id, m.outs);
  });
});

describe("delete", () => {
  it("deletes by id and is idempotent", async () => {
    const { id, outs } = await create("Doomed Package");
    env.reset();
    await handler.delete(id, outs);
    expect(paramsOf("deletePackage")).toEqual([{ packageId: id }]);
    await handler.delete(id, outs);
    expect(await packagesNamed("Doomed Package")).toEqual([]);
  });
});

describe("serialized provider", () => {
  it("has the type token policy packs look for", () => {
    expect(InstallationPackage.__pulumiType).toBe("pulumi-nodejs:dynamic/gravityzone:InstallationPackage");
  });
});
