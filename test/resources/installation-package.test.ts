import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { GravityZoneClient, GravityZoneError } from "../../provider/client";
import { InstallationPackage, handler } from "../../provider/resources/installation-package";
import { UNKNOWN } from "../../provider/framework/unknown";
import { checkedInputs, startProviderEnv, type ProviderEnv } from "../helpers/provider-env";

let env: ProviderEnv;
let companyId: string;

beforeAll(async () => {
  env = await startProviderEnv({ seed: "empty" });
  companyId = await env.client.call("companies", "createCompany", { type: 1, name: "Package Customer" }, z.string());
});
afterAll(() => env.close());
beforeEach(() => env.reset());

const paramsOf = (method: string) =>
  env.emu
    .calls()
    .filter((c) => c.method === method)
    .map((c) => c.params);
const packagesNamed = async (name: string, company = companyId) => {
  const all = await env.client.listAll(
    "packages",
    "getPackagesList",
    { companyId: company },
    z.object({ id: z.string(), name: z.string() }),
  );
  return all.filter((p) => p.name === name);
};

const checked = (news: Record<string, unknown>) => checkedInputs(handler, news);

/** getPackageDetails' answer, as GravityZone gives it. */
const details = (packageId: string) =>
  env.client.call("packages", "getPackageDetails", { packageId }, z.record(z.string(), z.unknown()));

/** The module switches createPackage and updatePackage document (contentControl aside: it stands for three of them). */
const DOCUMENTED_SWITCHES = [
  "advancedThreatControl",
  "firewall",
  "userControl",
  "antiphishing",
  "trafficScan",
  "deviceControl",
  "powerUser",
  "edrSensor",
  "advancedAntiExploit",
  "containerProtection",
  "encryption",
  "patchManagement",
  "networkAttackDefense",
  "integrityMonitoring",
];

/** Every documented switch, 1 for the ones named and 0 for the others, plus `extra`. */
const switches = (on: readonly string[], extra: Record<string, number> = {}) => ({
  ...Object.fromEntries(DOCUMENTED_SWITCHES.map((m) => [m, on.includes(m) ? 1 : 0])),
  ...extra,
});

/** The modules an EDR (Report only) package must have: edrSensor, contentControl (its three parts), networkAttackDefense, advancedThreatControl. */
const EDR_SWITCHES = switches(
  ["edrSensor", "userControl", "antiphishing", "trafficScan", "networkAttackDefense", "advancedThreatControl"],
  { contentControl: 1 },
);

/**
 * Makes `module.method` fail once with a GravityZone error of `kind` before it reaches the emulator,
 * as a real console may answer for an object it cannot show; other calls go through.
 */
function failOnce(module: string, method: string, kind: "not-found" | "invalid-params") {
  const original = GravityZoneClient.prototype.call;
  let failed = false;
  return vi.spyOn(GravityZoneClient.prototype, "call").mockImplementation(function (
    this: GravityZoneClient,
    ...args: Parameters<GravityZoneClient["call"]>
  ) {
    if (!failed && args[0] === module && args[1] === method) {
      failed = true;
      return Promise.reject(new GravityZoneError({ kind, module, method, details: "Invalid params" }));
    }
    return original.apply(this, args) as never;
  });
}

async function create(packageName: string, extra: Record<string, unknown> = {}) {
  const inputs = await checked({ packageName, companyId, ...extra });
  return { inputs, ...(await handler.create(inputs)) };
}

/** The module names the check accepts, as its message lists them. */
const ALLOWED_MODULES =
  "advancedThreatControl, firewall, contentControl, userControl, antiphishing, trafficScan, deviceControl, powerUser, edrSensor, advancedAntiExploit, containerProtection, encryption, patchManagement, networkAttackDefense, integrityMonitoring";

describe("check", () => {
  const ok = { packageName: "Servers" };
  it.each([
    [{ packageName: "x".repeat(256) }, "packageName", "packageName: must be at most 255 characters"],
    [{ packageName: "<b>Servers</b>" }, "packageName", "packageName: must not contain HTML (< or >)"],
    [{ ...ok, companyId: "acme" }, "companyId", "companyId: must be a GravityZone id (24 hexadecimal characters)"],
    [{ ...ok, description: "d".repeat(1025) }, "description", "description: must be at most 1024 characters"],
    [{ ...ok, description: "<script>x</script>" }, "description", "description: must not contain HTML (< or >)"],
    [
      { ...ok, language: "en_GB" },
      "language",
      "language: must be one of en_US, fr_FR, de_DE, it_IT, pl_PL, pt_BR, ro_RO, ru_RU, es_ES",
    ],
    // A console language (accounts) that installers do not have.
    [
      { ...ok, language: "vi_VN" },
      "language",
      "language: must be one of en_US, fr_FR, de_DE, it_IT, pl_PL, pt_BR, ro_RO, ru_RU, es_ES",
    ],
    [
      { ...ok, modules: { firewall: 1 } },
      "modules",
      "modules.firewall: Invalid input: expected boolean, received number",
    ],
    [
      { ...ok, productType: "full" },
      "productType",
      "productType: must be detectionAndPrevention, edrReportOnly or phasrStandalone",
    ],
    [
      { ...ok, scanMode: { type: "automatic", computers: { main: "local" } } },
      "scanMode",
      'scanMode.computers: is only allowed with type "custom"',
    ],
    [
      { ...ok, scanMode: { type: "custom", vms: { main: "cloud" } } },
      "scanMode",
      "scanMode.vms.main: must be central, hybrid or local",
    ],
    [{ ...ok, settings: "yes" }, "settings", "settings: Invalid input: expected record, received string"],
  ])("%j fails on %s before any API call", async (news, property, reason) => {
    const { failures } = await handler.check({}, news);
    expect(failures).toEqual([{ property, reason }]);
    expect(env.calls()).toEqual([]);
  });

  it("rejects unknown module and role names, listing the allowed ones", async () => {
    const { failures } = await handler.check({}, { ...ok, modules: { antivirus: true }, roles: { boss: true } });
    expect(failures).toEqual([
      { property: "modules", reason: `modules.antivirus: unknown module "antivirus"; allowed: ${ALLOWED_MODULES}` },
      { property: "roles", reason: 'roles.boss: unknown role "boss"; allowed: relay, exchange, patchCachingServer' },
    ]);
    expect(env.calls()).toEqual([]);
  });

  // getPackageDetails reports antimalware (no createPackage/updatePackage switch) and the deprecated atc
  // alias; neither, nor names GravityZone documents nowhere, can be sent.
  it.each(["antimalware", "atc", "hyperDetect", "applicationControl", "sandboxAnalyzer"])(
    "the undocumented module name %s fails on modules.%s before any API call",
    async (name) => {
      const { failures } = await handler.check({}, { ...ok, modules: { firewall: true, [name]: true } });
      expect(failures).toEqual([
        { property: "modules", reason: `modules.${name}: unknown module "${name}"; allowed: ${ALLOWED_MODULES}` },
      ]);
      expect(env.calls()).toEqual([]);
    },
  );

  it.each([
    [{ contentControl: true, userControl: false }, "userControl", true],
    [{ contentControl: false, antiphishing: true }, "antiphishing", false],
    [{ trafficScan: true, contentControl: false }, "trafficScan", false],
  ])("contentControl and a part of it with another value (%j) fail on the part", async (modules, part, value) => {
    const { failures } = await handler.check({}, { ...ok, modules });
    expect(failures).toEqual([
      {
        property: "modules",
        reason: `modules.${part}: must equal contentControl (${value}) when both are set: GravityZone copies contentControl to userControl, antiphishing, trafficScan`,
      },
    ]);
    expect(env.calls()).toEqual([]);
  });

  it("contentControl and its parts with the same value pass", async () => {
    const modules = { contentControl: true, userControl: true, antiphishing: true, trafficScan: true };
    expect((await checked({ ...ok, modules })).modules).toEqual(modules);
  });

  const EDR_RULE =
    "with productType edrReportOnly must switch on exactly edrSensor, contentControl, networkAttackDefense, advancedThreatControl (GravityZone's rule; differs on";
  it.each([
    [{ edrSensor: true }, "advancedThreatControl, contentControl, networkAttackDefense"],
    [
      {
        edrSensor: true,
        contentControl: true,
        networkAttackDefense: true,
        advancedThreatControl: true,
        firewall: true,
      },
      "firewall",
    ],
    [
      { edrSensor: true, contentControl: false, networkAttackDefense: true, advancedThreatControl: true },
      "contentControl",
    ],
    [{}, "advancedThreatControl, contentControl, edrSensor, networkAttackDefense"],
  ])("edrReportOnly with the modules %j fails on modules (differs on %s)", async (modules, wrong) => {
    const { failures } = await handler.check({}, { ...ok, productType: "edrReportOnly", modules });
    expect(failures).toEqual([{ property: "modules", reason: `modules: ${EDR_RULE} ${wrong}), or be left out` }]);
    expect(env.calls()).toEqual([]);
  });

  it("edrReportOnly passes with exactly the documented modules (others may be named off) or none", async () => {
    const modules = {
      edrSensor: true,
      contentControl: true,
      networkAttackDefense: true,
      advancedThreatControl: true,
      firewall: false,
    };
    expect((await checked({ ...ok, productType: "edrReportOnly", modules })).modules).toEqual(modules);
    expect(await checked({ ...ok, productType: "edrReportOnly" })).not.toHaveProperty("modules");
  });

  it("accepts the limits, fills defaults and passes preview unknowns", async () => {
    expect(await checked({ packageName: "x".repeat(255) })).toEqual({
      packageName: "x".repeat(255),
      language: "en_US",
      productType: "detectionAndPrevention",
      adopt: false,
    });
    expect((await handler.check({}, { packageName: "Servers", companyId: UNKNOWN })).failures).toBeUndefined();
    expect(env.calls()).toEqual([]);
  });
});

describe("diff", () => {
  const inputs = {
    packageName: "Servers",
    companyId: "a".repeat(24),
    language: "en_US",
    modules: { firewall: true },
    productType: "detectionAndPrevention",
    adopt: false,
  };
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
    [{ companyId: UNKNOWN }, true, []],
  ])("%j → changes %s, replaces %j", async (change, changes, replaces) => {
    expect(await handler.diff("x", olds, { ...inputs, ...change })).toEqual({
      changes,
      replaces,
      deleteBeforeReplace: replaces.length > 0,
    });
  });

  it("refuses a companyId change in preview (never deletes the package), and again at update, without an API call", async () => {
    const message =
      `InstallationPackage x: companyId cannot change from "${"a".repeat(24)}" to "${"b".repeat(24)}". ` +
      "A package cannot move to another company, and this provider never deletes a package to recreate it (its installation links would change). " +
      "Declare a new InstallationPackage for the other company instead.";
    await expect(handler.diff("x", olds, { ...inputs, companyId: "b".repeat(24) })).rejects.toThrow(message);
    await expect(
      handler.update("x", olds, { ...inputs, companyId: "b".repeat(24), packageName: "Servers 2" }),
    ).rejects.toThrow(message);
    // Set where it was not: refused the same way.
    await expect(handler.diff("x", { ...olds, companyId: undefined }, inputs)).rejects.toThrow(
      /^InstallationPackage x: companyId cannot change from \(not set\) to "a{24}"\./,
    );
    expect(env.calls()).toEqual([]);
  });
});

describe("lifecycle", () => {
  it("creates with the exact payload and links, reads, no-op is free, updates and renames in place with the whole package", async () => {
    const { id, outs, inputs } = await create("Servers", {
      description: "Windows servers",
      language: "de_DE",
      modules: { firewall: false, edrSensor: true, contentControl: true },
      scanMode: { type: "custom", computers: { main: "local" }, vms: { main: "central", fallback: "hybrid" } },
      roles: { relay: true },
      deploymentOptions: { type: 1 },
    });
    expect(paramsOf("createPackage")).toEqual([
      {
        packageName: "Servers",
        companyId,
        description: "Windows servers",
        language: "de_DE",
        // Every documented switch: a module not sent is disabled; contentControl's parts carry its value.
        modules: switches(["edrSensor", "userControl", "antiphishing", "trafficScan"], { contentControl: 1 }),
        scanMode: { type: 2, computers: { main: 3 }, vms: { main: 1, fallback: 2 } },
        roles: { relay: 1 },
        deploymentOptions: { type: 1 },
        productType: 0,
      },
    ]);
    expect(env.writes()).toEqual(["packages.createPackage"]);
    // The company's links in one answer (shared by the packages created or refreshed together).
    expect(paramsOf("getInstallationLinks")).toEqual([{ companyId }]);
    expect(outs).toMatchObject({ packageId: id, adopted: false });
    expect(outs.installLinks).toMatchObject({
      windows: expect.stringMatching(/^https:\/\//),
      mac: expect.stringMatching(/^https:\/\//),
      linux: expect.stringMatching(/^https:\/\//),
    });

    const read = await handler.read(id, outs);
    expect(read.props).toEqual(outs);
    expect(await handler.diff(id, read.props, inputs)).toEqual({
      changes: false,
      replaces: [],
      deleteBeforeReplace: false,
    });
    env.reset();
    await handler.update(id, read.props, inputs);
    expect(env.calls()).toEqual([]);

    // updatePackage resets what it is not sent: the package is read first and sent whole.
    const changed = {
      ...inputs,
      description: undefined,
      modules: { firewall: true, edrSensor: true, contentControl: true },
    };
    const asRead = await details(id);
    env.reset();
    const updated = await handler.update(id, outs, changed);
    expect(env.calls()).toEqual(["packages.getPackageDetails", "packages.updatePackage"]);
    expect(paramsOf("getPackageDetails")).toEqual([{ packageId: id }]);
    const whole = {
      packageId: id,
      packageName: "Servers",
      description: "",
      language: "de_DE",
      modules: switches(["firewall", "edrSensor", "userControl", "antiphishing", "trafficScan"], { contentControl: 1 }),
      scanMode: { type: 2, computers: { main: 3 }, vms: { main: 1, fallback: 2 } },
      roles: { relay: 1 },
      // Not managed by the program: sent back as GravityZone reports it.
      settings: asRead.settings,
      deploymentOptions: { type: 1 },
      productType: 0,
    };
    expect(asRead.settings).toEqual({});
    expect(paramsOf("updatePackage")).toEqual([whole]);
    expect((await handler.read(id, updated.outs)).props).toEqual(updated.outs);
    expect(await details(id)).toEqual({
      ...asRead,
      description: "",
      modules: { ...(asRead.modules as object), firewall: 1 },
    });

    env.reset();
    const renamed = await handler.update(id, updated.outs, { ...changed, packageName: "Servers EU" });
    expect(env.calls()).toEqual([
      "packages.getPackageDetails",
      "packages.updatePackage",
      "packages.getInstallationLinks",
    ]);
    expect(paramsOf("updatePackage")).toEqual([{ ...whole, packageName: "Servers EU" }]);
    expect(paramsOf("getInstallationLinks")).toEqual([{ companyId }]);
    expect(renamed.outs).toMatchObject({ packageName: "Servers EU", packageId: id, installLinks: outs.installLinks });
    expect(await packagesNamed("Servers EU")).toHaveLength(1);
    expect(
      await handler.diff(id, (await handler.read(id, renamed.outs)).props, { ...changed, packageName: "Servers EU" }),
    ).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });
  });

  it("an update sends what the program leaves out exactly as getPackageDetails answered it, and resets nothing", async () => {
    const { id, outs, inputs } = await create("Unmanaged Package");
    expect(paramsOf("createPackage")).toEqual([
      { packageName: "Unmanaged Package", companyId, language: "en_US", productType: 0 },
    ]);
    await env.console({
      action: "updatePackage",
      packageId: id,
      modules: { firewall: 1, contentControl: 1, atc: 1, deviceControl: 1 },
      scanMode: { type: 2, computers: { main: 2, fallback: 3 }, vms: { main: 1 } },
      settings: { scanBeforeInstall: 1, uninstallPassword: "" },
      roles: { relay: 1, patchCachingServer: 1 },
      deploymentOptions: { type: 2 },
    });
    const asRead = await details(id);
    // getPackageDetails also reports switches no update takes: antimalware, the deprecated atc and the derived contentControl.
    expect(asRead.modules).toMatchObject({ antimalware: 1, atc: 1, contentControl: 1 });
    const {
      antimalware: _antimalware,
      atc: _atc,
      contentControl: _contentControl,
      ...documented
    } = asRead.modules as Record<string, number>;
    expect(documented).toEqual(
      switches(["advancedThreatControl", "firewall", "userControl", "antiphishing", "trafficScan", "deviceControl"]),
    );

    // The program manages none of them: no drift.
    const read = await handler.read(id, outs);
    expect(read.props).toEqual(outs);
    env.reset();
    const renamed = await handler.update(id, read.props!, { ...inputs, packageName: "Unmanaged Package 2" });
    expect(paramsOf("updatePackage")).toEqual([
      {
        packageId: id,
        packageName: "Unmanaged Package 2",
        description: "",
        language: "en_US",
        productType: 0,
        modules: documented,
        scanMode: asRead.scanMode,
        settings: asRead.settings,
        roles: asRead.roles,
        deploymentOptions: asRead.deploymentOptions,
      },
    ]);
    expect(asRead).toMatchObject({
      scanMode: { type: 2, computers: { main: 2, fallback: 3 }, vms: { main: 1 } },
      settings: { scanBeforeInstall: 1, uninstallPassword: "" },
      roles: { relay: 1, patchCachingServer: 1 },
      deploymentOptions: { type: 2 },
    });
    // The rename reset none of them.
    expect(await details(id)).toEqual({ ...asRead, packageName: "Unmanaged Package 2" });
    expect((await handler.read(id, renamed.outs)).props).toEqual(renamed.outs);
  });

  it("read shows console edits as drift, including a module the program does not name switched on", async () => {
    const { id, outs, inputs } = await create("Drifty Package", { modules: { firewall: true }, language: "en_US" });
    await env.console({
      action: "updatePackage",
      packageId: id,
      packageName: "Renamed By Hand",
      modules: { firewall: 0, deviceControl: 1 },
      language: "ro_RO",
      description: "hand made",
    });
    const after = await handler.read(id, outs);
    expect(after.props).toMatchObject({ packageName: "Renamed By Hand", language: "ro_RO", description: "hand made" });
    // A module not named is off in the program, so one switched on by hand is drift; the others stay out.
    expect(after.props!.modules).toEqual({ firewall: false, deviceControl: true });
    expect(await handler.diff(id, after.props, inputs)).toEqual({
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
    });
    const asRead = await details(id);
    env.reset();
    await handler.update(id, after.props!, inputs);
    expect(paramsOf("updatePackage")).toEqual([
      {
        packageId: id,
        packageName: "Drifty Package",
        description: "",
        language: "en_US",
        modules: switches(["firewall"]),
        scanMode: asRead.scanMode,
        settings: asRead.settings,
        roles: asRead.roles,
        deploymentOptions: asRead.deploymentOptions,
        productType: 0,
      },
    ]);
    expect((await handler.read(id, outs)).props).toEqual(outs);
  });

  it("contentControl stands for its three parts, on create, read and update", async () => {
    // Named: sent with its parts carrying its value; read as on only while all three parts are.
    const named = await create("Content Control", { modules: { contentControl: true } });
    const contentControlOn = switches(["userControl", "antiphishing", "trafficScan"], { contentControl: 1 });
    expect(paramsOf("createPackage")).toEqual([
      { packageName: "Content Control", companyId, language: "en_US", modules: contentControlOn, productType: 0 },
    ]);
    expect((await handler.read(named.id, named.outs)).props!.modules).toEqual({ contentControl: true });
    await env.console({ action: "updatePackage", packageId: named.id, modules: { antiphishing: 0 } });
    const drifted = await handler.read(named.id, named.outs);
    expect(drifted.props!.modules).toEqual({ contentControl: false });
    env.reset();
    const namedAsRead = await details(named.id);
    await handler.update(named.id, drifted.props!, named.inputs);
    expect(paramsOf("updatePackage")).toEqual([
      {
        packageId: named.id,
        packageName: "Content Control",
        description: "",
        language: "en_US",
        modules: contentControlOn,
        scanMode: namedAsRead.scanMode,
        settings: namedAsRead.settings,
        roles: namedAsRead.roles,
        deploymentOptions: namedAsRead.deploymentOptions,
        productType: 0,
      },
    ]);
    expect((await details(named.id)).modules).toMatchObject({
      contentControl: 1,
      userControl: 1,
      antiphishing: 1,
      trafficScan: 1,
    });

    // The three parts named instead: contentControl is never sent, and GravityZone's derived contentControl is no drift.
    env.reset();
    const parts = await create("Content Parts", {
      modules: { userControl: true, antiphishing: true, trafficScan: true },
    });
    expect(paramsOf("createPackage")).toEqual([
      {
        packageName: "Content Parts",
        companyId,
        language: "en_US",
        modules: switches(["userControl", "antiphishing", "trafficScan"]),
        productType: 0,
      },
    ]);
    expect((await details(parts.id)).modules).toMatchObject({ contentControl: 1 });
    const partsRead = await handler.read(parts.id, parts.outs);
    expect(partsRead.props!.modules).toEqual({ userControl: true, antiphishing: true, trafficScan: true });
    expect(await handler.diff(parts.id, partsRead.props, parts.inputs)).toEqual({
      changes: false,
      replaces: [],
      deleteBeforeReplace: false,
    });

    // Neither named: content control switched on by hand shows as drift, with its parts.
    const neither = await create("Content Unnamed", { modules: { firewall: true } });
    await env.console({ action: "updatePackage", packageId: neither.id, modules: { contentControl: 1 } });
    expect((await handler.read(neither.id, neither.outs)).props!.modules).toEqual({
      firewall: true,
      contentControl: true,
      userControl: true,
      antiphishing: true,
      trafficScan: true,
    });
  });

  it("an edrReportOnly package without modules gets the documented set on create and on every update", async () => {
    const { id, outs, inputs } = await create("EDR Sensor Only", { productType: "edrReportOnly" });
    expect(paramsOf("createPackage")).toEqual([
      { packageName: "EDR Sensor Only", companyId, language: "en_US", modules: EDR_SWITCHES, productType: 3 },
    ]);
    expect(outs).not.toHaveProperty("modules");
    const read = await handler.read(id, outs);
    expect(read.props).toEqual(outs);
    expect(await handler.diff(id, read.props, inputs)).toEqual({
      changes: false,
      replaces: [],
      deleteBeforeReplace: false,
    });
    const asRead = await details(id);
    // EDR (Report only) has no antimalware engine of its own.
    expect(asRead.modules).toMatchObject({
      antimalware: 0,
      edrSensor: 1,
      contentControl: 1,
      networkAttackDefense: 1,
      advancedThreatControl: 1,
      firewall: 0,
    });
    env.reset();
    await handler.update(id, read.props!, { ...inputs, description: "Sensor beside another antivirus" });
    expect(paramsOf("updatePackage")).toEqual([
      {
        packageId: id,
        packageName: "EDR Sensor Only",
        description: "Sensor beside another antivirus",
        language: "en_US",
        modules: EDR_SWITCHES,
        scanMode: asRead.scanMode,
        settings: asRead.settings,
        roles: asRead.roles,
        deploymentOptions: asRead.deploymentOptions,
        productType: 3,
      },
    ]);
    expect(env.writes()).toEqual(["packages.updatePackage"]);
  });

  it("read and delete count the package gone only when getPackagesList no longer lists it", async () => {
    const { id, outs } = await create("Listed Package");
    // An error that may mean "not found" while the company still lists the package: reported, not taken as gone.
    const spy = failOnce("packages", "getPackageDetails", "not-found");
    try {
      env.reset();
      await expect(handler.read(id, outs)).rejects.toThrow(GravityZoneError);
      expect(paramsOf("getPackagesList")).toEqual([{ companyId, page: 1, perPage: 100 }]);
    } finally {
      spy.mockRestore();
    }
    const spyDelete = failOnce("packages", "deletePackage", "invalid-params");
    try {
      await expect(handler.delete(id, outs)).rejects.toThrow(GravityZoneError);
    } finally {
      spyDelete.mockRestore();
    }
    expect((await packagesNamed("Listed Package")).map((p) => p.id)).toEqual([id]);

    // Deleted in the console: the error is confirmed by the listing.
    await env.console({ action: "deleteObject", id });
    env.reset();
    expect(await handler.read(id, outs)).toEqual({ id: "", props: {} });
    expect(env.calls()).toEqual(["packages.getPackageDetails", "packages.getPackagesList"]);
  });
});

describe("links", () => {
  it("a package without companyId gets its own company's links, never those of a same-named package of a managed company", async () => {
    // The managed company's package is listed first by getInstallationLinks without a companyId.
    const theirs = await env.client.call(
      "packages",
      "createPackage",
      { packageName: "Same Name", companyId },
      z.string(),
    );
    env.nextCommand();
    env.reset();
    const mine = await handler.create(await checked({ packageName: "Same Name" }));
    const own = await env.client.call("companies", "getCompanyDetails", {}, z.object({ id: z.string() }).loose());
    expect(paramsOf("getCompanyDetails")).toEqual([{}, {}]);
    expect(paramsOf("getInstallationLinks")).toEqual([{ companyId: own.id }]);
    const byCompany = async (company: string) =>
      (
        await env.client.call(
          "packages",
          "getInstallationLinks",
          { companyId: company, packageName: "Same Name" },
          z.array(z.record(z.string(), z.string())),
        )
      )[0]!;
    expect(mine.outs.installLinks).toMatchObject({ windows: (await byCompany(own.id)).installLinkWindows });
    expect((mine.outs.installLinks as Record<string, string>).windows).not.toBe(
      (await byCompany(companyId)).installLinkWindows,
    );
    expect((await handler.read(mine.id, mine.outs)).props!.installLinks).toEqual(mine.outs.installLinks);
    for (const id of [mine.id, theirs]) await env.client.call("packages", "deletePackage", { packageId: id }, z.null());
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
    const template = await env.client.call(
      "packages",
      "createPackage",
      { packageName: "bulk-template", companyId: bulk },
      z.string(),
    );
    for (let i = 0; i < 105; i++) {
      const pid = `0000000000000000000${String(i).padStart(5, "0")}`;
      env.emu.state.packages[pid] = {
        ...env.emu.state.packages[template]!,
        id: pid,
        name: `bulk-${String(i).padStart(3, "0")}`,
      };
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
    const asRead = await details(first.id);
    env.reset();
    const adopted = await create("Adopt Package", { adopt: true, language: "fr_FR", modules: { powerUser: true } });
    expect(adopted.id).toBe(first.id);
    expect(paramsOf("updatePackage")).toEqual([
      {
        packageId: first.id,
        packageName: "Adopt Package",
        description: "",
        language: "fr_FR",
        modules: switches(["powerUser"]),
        scanMode: asRead.scanMode,
        settings: asRead.settings,
        roles: asRead.roles,
        deploymentOptions: asRead.deploymentOptions,
        productType: 0,
      },
    ]);
    expect(env.writes()).toEqual(["packages.updatePackage"]);
    expect(adopted.outs).toMatchObject({ adopted: true, language: "fr_FR", modules: { powerUser: true } });
    expect((await handler.read(adopted.id, adopted.outs)).props).toEqual(adopted.outs);
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
    expect(env.calls()).toEqual(["packages.deletePackage"]);
    env.reset();
    // Already gone: GravityZone's error is confirmed by the company's listing, so the delete succeeds.
    await handler.delete(id, outs);
    expect(env.calls()).toEqual(["packages.deletePackage", "packages.getPackagesList"]);
    expect(paramsOf("getPackagesList")).toEqual([{ companyId, page: 1, perPage: 100 }]);
    expect(await packagesNamed("Doomed Package")).toEqual([]);
  });
});

describe("serialized provider", () => {
  it("has the type token policy packs look for", () => {
    expect(InstallationPackage.__pulumiType).toBe("pulumi-nodejs:dynamic/gravityzone:InstallationPackage");
  });
});
