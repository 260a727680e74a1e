/**
 * `pulumi-gravityzone import` without the Pulumi CLI: names, references, the writer's output, and the
 * adoption round trip — every declaration read from an in-process emulator is checked and adopted
 * through its resource's own handler, with no write to the tenant and no diff afterwards.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { trueResult } from "../../provider/client";
import { HANDLERS, runImport, summaryTable, UsageError, type ImportResult } from "../../provider/cli/import-command";
import { main, parseKinds } from "../../provider/cli/main";
import { assignNames, ConfigSecret, identifierOf, KINDS, linkReferences, NameRegistry, Ref, resolvedInputs, slugify, type ImportedObject } from "../../provider/cli/model";
import { commentLines, renderInline, renderProgram } from "../../provider/cli/program-writer";
import { PUSH_AUTHORIZATION_KEY } from "../../provider/cli/tenant-objects";
import { startProviderEnv, type ProviderEnv } from "../helpers/provider-env";

const SIEM_TOKEN = "Splunk 3c1e9a7f-2b4d-4e8a-9f60-5a7b8c9d0e1f";

const obj = (o: Partial<ImportedObject> & Pick<ImportedObject, "key" | "type" | "gzId" | "baseName">): ImportedObject => ({ title: o.key, inputs: {}, notes: [], ...o });
const id = (n: number) => n.toString(16).padStart(24, "0");

describe("names", () => {
  it("slugs are lower-case ASCII words joined by hyphens, cut at a word boundary", () => {
    expect(slugify("Margie's Travel")).toBe("margies-travel");
    expect(slugify("  Château Ménard & Fils ")).toBe("chateau-menard-fils");
    expect(slugify("Contoso Dental Group - Workstations")).toBe("contoso-dental-group-workstations");
    expect(slugify("***", "company")).toBe("company");
    expect(slugify("alpha beta gamma delta epsilon", "x", 20)).toBe("alpha-beta-gamma");
    expect(slugify("x".repeat(80)).length).toBe(48);
  });

  it("variables are camel-cased identifiers that never clash with keywords or the program's own names", () => {
    expect(identifierOf("contoso-dental-group")).toBe("contosoDentalGroup");
    expect(identifierOf("1st-floor")).toBe("_1stFloor");
    expect(identifierOf("default")).toBe("defaultResource");
    expect(identifierOf("config")).toBe("configResource");
  });

  it("names are unique in the program: a clash gets the kind's suffix, then a number", () => {
    const reg = new NameRegistry();
    expect([reg.take("a", "group"), reg.take("a", "group"), reg.take("a", "group"), reg.take("a")]).toEqual(["a", "a-group", "a-group-2", "a-2"]);

    const objects = [
      obj({ key: "g1", type: "CustomGroup", gzId: id(1), baseName: "acme-servers" }),
      obj({ key: "p1", type: "InstallationPackage", gzId: id(2), baseName: "acme-servers" }),
      obj({ key: "a1", type: "Account", gzId: id(3), baseName: "acme-servers" }),
      obj({ key: "g2", type: "CustomGroup", gzId: id(4), baseName: "acme-servers" }),
      obj({ key: "g3", type: "CustomGroup", gzId: id(5), baseName: "acme-servers" }),
      obj({ key: "c1", type: "Company", gzId: id(6), baseName: "acme-servers-2" }),
    ];
    assignNames(objects);
    expect(objects.map((o) => o.name)).toEqual(["acme-servers", "acme-servers-package", "acme-servers-account", "acme-servers-group", "acme-servers-group-2", "acme-servers-2"]);
    const vars = objects.map((o) => o.varName!);
    expect(new Set(vars).size).toBe(vars.length);
    for (const v of vars) expect(v).toMatch(/^[A-Za-z_$][A-Za-z0-9_$]*$/);
  });
});

describe("references", () => {
  it("ids of companies and groups in the program become references; others stay literal", () => {
    const company = obj({ key: "company:a", type: "Company", gzId: id(10), baseName: "acme", inputs: { name: "Acme", parentId: id(99) } });
    const servers = obj({ key: "group:s", type: "CustomGroup", gzId: id(11), baseName: "acme-servers", inputs: { name: "Servers", parentId: id(10) } });
    const web = obj({ key: "group:w", type: "CustomGroup", gzId: id(12), baseName: "acme-web", inputs: { name: "Web", parentId: id(11).toUpperCase() } });
    const broken = obj({ key: "company:b", type: "Company", gzId: id(13), baseName: "broken", inputs: { name: "Broken" }, problem: "refused" });
    const account = obj({ key: "account:x", type: "Account", gzId: id(14), baseName: "x", inputs: { email: "x@acme.example", companyId: id(10), targetIds: [id(12), id(50)] } });
    const pkg = obj({ key: "package:p", type: "InstallationPackage", gzId: id(15), baseName: "p", inputs: { packageName: "P", companyId: id(13) } });
    // An assignment's policy id is never a reference, even when it equals an object's id.
    const assignment = obj({ key: "assignment:z", type: "PolicyAssignment", gzId: "", baseName: "z", inputs: { policyId: id(10), targetIds: [id(51)] } });
    const made = linkReferences([company, servers, web, broken, account, pkg, assignment]);
    expect(made).toBe(4);
    expect(company.inputs.parentId).toBe(id(99));
    expect(servers.inputs.parentId).toEqual(new Ref("company:a", id(10)));
    expect(web.inputs.parentId).toEqual(new Ref("group:s", id(11)));
    expect(account.inputs.companyId).toEqual(new Ref("company:a", id(10)));
    expect(account.inputs.targetIds).toEqual([new Ref("group:w", id(12)), id(50)]);
    expect(pkg.inputs.companyId).toBe(id(13));
    expect(assignment.inputs).toEqual({ policyId: id(10), targetIds: [id(51)] });
    expect(resolvedInputs(account)).toEqual({ email: "x@acme.example", companyId: id(10), targetIds: [id(12), id(50)] });
  });
});

describe("the writer", () => {
  it("writes references as <variable>.id, secrets from config, notes, and refused objects commented out", () => {
    const company = obj({ key: "company:a", type: "Company", gzId: id(1), companyId: id(1), baseName: "acme", inputs: { name: "Acme", type: "customer", parentId: id(9), deletionProtection: true, adopt: true }, fieldNotes: { parentId: "Northwind" } });
    const group = obj({ key: "group:g", type: "CustomGroup", gzId: id(2), companyId: id(1), baseName: "acme-servers", inputs: { name: "Servers", parentId: new Ref("company:a", id(1)), adopt: true } });
    const pkg = obj({ key: "package:p", type: "InstallationPackage", gzId: id(3), companyId: id(1), baseName: "acme-agent", inputs: { packageName: "Agent <x>", companyId: new Ref("company:a", id(1)), adopt: true }, problem: "the resource refuses it" });
    const push = obj({ key: "push", type: "PushEventSettings", gzId: "", baseName: "push-settings", inputs: { serviceType: "splunk", url: "https://siem.example/", authorization: new ConfigSecret("push-authorization"), eventTypes: ["av"], adopt: true }, notes: ["Set it first."] });
    const objects = [company, group, pkg, push];
    assignNames(objects);
    const text = renderProgram({ header: ["Imported."], objects, companies: [{ id: id(1), name: "Acme" }], comments: [{ kind: "groups", companyId: id(1), lines: ["About Acme's groups."] }] });
    expect(text).toContain('import * as pulumi from "@pulumi/pulumi";\nimport * as gravityzone from "pulumi-gravityzone";\n\nconst config = new pulumi.Config();');
    expect(text).toContain(`const acme = new gravityzone.Company("acme", {\n  name: "Acme",\n  type: "customer",\n  parentId: "${id(9)}", // Northwind\n  deletionProtection: true,\n  adopt: true,\n});`);
    expect(text).toContain('const acmeServers = new gravityzone.CustomGroup("acme-servers", {\n  name: "Servers",\n  parentId: acme.id,\n  adopt: true,\n});');
    expect(text).toContain("// Acme\n// About Acme's groups.\n");
    expect(text).toContain('// Not declared: the resource refuses it\n// new gravityzone.InstallationPackage("acme-agent", {\n//   packageName: "Agent <x>",\n//   companyId: acme.id,');
    expect(text).toContain('// Set it first.\nnew gravityzone.PushEventSettings("push-settings", {');
    expect(text).toContain('  authorization: config.requireSecret("push-authorization"),');
    // Sections in kind order: companies, groups, packages, accounts, push, blocklist, assignments.
    expect(text.indexOf("Companies")).toBeLessThan(text.indexOf("Custom groups"));
    expect(text.indexOf("Custom groups")).toBeLessThan(text.indexOf("Event push"));
    expect(renderProgram({ header: ["Imported."], objects, companies: [{ id: id(1), name: "Acme" }] })).toBe(renderProgram({ header: ["Imported."], objects, companies: [{ id: id(1), name: "Acme" }] }));
  });

  it("renders values inline when they fit and wraps comment paragraphs, keeping indented lines as they are", () => {
    expect(renderInline({ type: "custom", computers: { main: "local" }, "odd-key": [1, true, null] })).toBe('{ type: "custom", computers: { main: "local" }, "odd-key": [1, true, null] }');
    const lines = commentLines([`${"word ".repeat(40).trim()}`, "  licenseSubscription: { type: \"trial\" },"]);
    expect(lines.every((l) => l.startsWith("// ") && l.length <= 120)).toBe(true);
    expect(lines[lines.length - 1]).toBe('//   licenseSubscription: { type: "trial" },');
  });

  it("the summary table counts declared and refused objects per kind", () => {
    const objects = [obj({ key: "a", type: "Company", gzId: id(1), baseName: "a" }), obj({ key: "b", type: "Company", gzId: id(2), baseName: "b", problem: "x" }), obj({ key: "c", type: "Blocklist", gzId: "", baseName: "c" })];
    expect(summaryTable(objects, new Set(["companies", "blocklist"]))).toBe(["kind       declared  not declared", "companies         1             1", "blocklist         1             0", "total             2             1", ""].join("\n"));
  });
});

describe("the command line", () => {
  let err: string;
  beforeEach(() => {
    err = "";
    vi.spyOn(process.stderr, "write").mockImplementation((s: string | Uint8Array) => ((err += String(s)), true));
  });

  it("refuses an API key on the command line, conflicting scopes, bad ids and unknown kinds (exit 2), before any call", async () => {
    expect(await main(["import", "--api-key", "k", "--dry-run"], { GRAVITYZONE_API_KEY: "k" })).toBe(2);
    expect(err).toMatch(/never taken on the command line/);
    expect(await main(["import", "--company", id(1), "--parent", id(2), "--dry-run"], { GRAVITYZONE_API_KEY: "k" })).toBe(2);
    expect(await main(["import", "--company", "acme", "--dry-run"], { GRAVITYZONE_API_KEY: "k" })).toBe(2);
    expect(await main(["import", "--kinds", "companies,endpoints", "--dry-run"], { GRAVITYZONE_API_KEY: "k" })).toBe(2);
    expect(err).toMatch(/unknown kind "endpoints"/);
    expect(await main(["import", "--dry-run"], { GRAVITYZONE_API_KEY: "" })).toBe(2);
    expect(err).toMatch(/no API key: set the environment variable GRAVITYZONE_API_KEY/);
    expect(await main(["import", "--dry-run", "--api-key-env", "MY_GZ_KEY"], {})).toBe(2);
    expect(err).toMatch(/MY_GZ_KEY/);
    expect(await main(["import", "--frobnicate"], { GRAVITYZONE_API_KEY: "k" })).toBe(2);
    expect([...parseKinds("groups, packages")]).toEqual(["groups", "packages"]);
    expect([...parseKinds(undefined)]).toEqual([...KINDS]);
    vi.restoreAllMocks();
  });
});

describe("import from the seeded emulator", () => {
  let env: ProviderEnv;
  let ownId: string;
  const companyId = (name: string) => Object.values(env.emu.state.companies).find((c) => c.name === name)!.id;

  beforeAll(async () => {
    env = await startProviderEnv();
    ownId = env.emu.state.rootCompanyId;
    // Event push configured, with an authorization the import must never write to a file.
    await env.client.call(
      "push",
      "setPushEventSettings",
      { status: 1, serviceType: "splunk", serviceSettings: { url: "https://siem.example.com:8088/services/collector", splunkAuthorization: SIEM_TOKEN }, subscribeToEventTypes: { av: true, fw: true, "new-incident": true } },
      trueResult,
    );
  });
  afterAll(() => env.close());

  async function importOf(options: { companies?: string[]; kinds?: string }): Promise<{ result: ImportResult; out: string; err: string }> {
    let out = "";
    let err = "";
    const result = await runImport({
      accessUrl: env.emu.url,
      apiKey: env.emu.keys[0]!.key,
      rateLimitScale: 1000,
      companies: options.companies,
      kinds: parseKinds(options.kinds),
      out: "-",
      stdout: (t) => (out += t),
      stderr: (t) => (err += t),
    });
    return { result, out, err };
  }

  /** Checks and adopts every declaration through its resource handler; returns the write calls made. */
  async function adoptAll(objects: ImportedObject[]): Promise<string[]> {
    env.reset();
    for (const o of objects) {
      expect(o.problem, o.title).toBeUndefined();
      const news = resolvedInputs(o, (key) => (key === PUSH_AUTHORIZATION_KEY ? SIEM_TOKEN : undefined));
      const h = HANDLERS[o.type];
      const { inputs, failures } = await h.check({}, news);
      expect(failures ?? [], o.title).toEqual([]);
      const { id: rid, outs } = await h.create(inputs);
      if (o.gzId !== "") expect(rid, o.title).toBe(o.gzId);
      expect(outs.adopted ?? (outs.adoptedHashes as string[] | undefined)?.length, o.title).toBeTruthy();
      expect((await h.diff(rid, outs, inputs)).changes, `${o.title}: diff after adopting`).toBe(false);
      const read = await h.read(rid, outs);
      expect((await h.diff(rid, read.props, inputs)).changes, `${o.title}: diff after a refresh`).toBe(false);
    }
    return env.writes();
  }

  it("one customer company: its groups, package, account, hashes, path and connection rules, adopted without a write", async () => {
    const fabrikam = companyId("Fabrikam Logistics");
    const { result, out, err } = await importOf({ companies: [fabrikam] });
    const byType = (t: string) => result.objects.filter((o) => o.type === t).length;
    expect({ Company: byType("Company"), CustomGroup: byType("CustomGroup"), InstallationPackage: byType("InstallationPackage"), Account: byType("Account"), Blocklist: byType("Blocklist"), BlocklistEntry: byType("BlocklistEntry"), PushEventSettings: byType("PushEventSettings") }).toEqual({
      Company: 1,
      CustomGroup: 6,
      InstallationPackage: 1,
      Account: 1,
      Blocklist: 1,
      BlocklistEntry: 5,
      PushEventSettings: 1,
    });
    expect(result.objects.filter((o) => o.problem !== undefined)).toEqual([]);
    expect(out).toBe(result.program);
    const text = result.program;
    expect(text.match(/adopt: true,/g)).toHaveLength(result.objects.length);
    expect(text).toContain('const fabrikamLogistics = new gravityzone.Company("fabrikam-logistics", {');
    expect(text).toContain(`  parentId: "${ownId}", // Northwind MSP (the API key's company)`);
    expect(text).toContain("  deletionProtection: true,");
    expect(text).toContain("  parentId: fabrikamLogistics.id,");
    expect(text).toContain("  parentId: fabrikamLogisticsOffice.id,");
    expect(text).toContain("  companyId: fabrikamLogistics.id,");
    expect(text).toContain('  path: "C:\\\\Windows\\\\Temp\\\\psexesvc.exe",');
    expect(text).toContain('  authorization: config.requireSecret("push-authorization"),');
    expect(text).not.toContain("3c1e9a7f");
    expect(text).not.toMatch(/^\s+password:/m);
    expect(err).toContain("pulumi config set --secret push-authorization <value>");
    expect(err).not.toContain("3c1e9a7f");
    expect(result.secrets).toEqual([{ configKey: PUSH_AUTHORIZATION_KEY, what: "the push authorization header", value: SIEM_TOKEN, masked: false }]);

    expect(await adoptAll(result.objects)).toEqual([]);
    expect(env.calls().filter((c) => /\.(create|add)/.test(c))).toEqual([]);
  });

  it("an endpoint running another policy than the rest of its group is declared as a PolicyAssignment, adopted without assignPolicy", async () => {
    const { result } = await importOf({ companies: [companyId("Contoso Dental Group")], kinds: "groups,assignments" });
    const assignments = result.objects.filter((o) => o.type === "PolicyAssignment");
    expect(assignments.map((o) => o.name)).toEqual(["contoso-dental-group-policy-edr-report-only"]);
    expect(assignments[0]!.inputs.targetIds).toHaveLength(3);
    expect(result.program).toMatch(/ {2}policyId: "[0-9a-f]{24}", \/\/ EDR Report Only\n/);
    expect(result.program).toContain('//   Workstations / Front Desk: "MSP Baseline - Workstations" on 4 of 7 managed endpoints (the other 3: their own policy, declared below)');
    expect(result.program).toContain('//   Servers: "MSP Baseline - Servers" on 4 of 4 managed endpoints');
    expect(await adoptAll(result.objects)).toEqual([]);
  });

  it("the API key's own company: no Company for it, custom-role rights, an MD5 list, and nothing written", async () => {
    const { result } = await importOf({ companies: [ownId], kinds: "companies,groups,packages,accounts,blocklist" });
    expect(result.objects.filter((o) => o.type === "Company")).toEqual([]);
    expect(result.program).toContain("is the API key's own company: it is not declared as a Company");
    const helpdesk = result.objects.find((o) => o.type === "Account" && o.inputs.email === "helpdesk@northwind-msp.example")!;
    expect(helpdesk.inputs).toMatchObject({ role: "custom", rights: { manageInventory: true, manageNetworks: true, managePoliciesRead: true, manageReports: true }, companyId: ownId });
    expect(result.objects.find((o) => o.type === "Blocklist")!.inputs).toMatchObject({ hashType: "md5", sourceInfo: "Known ransomware dropper" });
    expect(await adoptAll(result.objects)).toEqual([]);
  });

  it("writes a new project into an empty directory, only index.ts into a used one, and refuses to overwrite before reading anything", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "gz-import-unit-"));
    try {
      const base = { accessUrl: env.emu.url, apiKey: env.emu.keys[0]!.key, rateLimitScale: 1000, companies: [companyId("Coho Vineyard")], kinds: parseKinds("companies,groups"), quiet: true, stdout: () => undefined, stderr: () => undefined };
      const fresh = await runImport({ ...base, out: path.join(root, "new-project") });
      expect(fresh.written.map((f) => path.basename(f)).sort()).toEqual(["Pulumi.yaml", "index.ts", "package.json", "tsconfig.json"]);
      expect(fs.readFileSync(path.join(root, "new-project", "Pulumi.yaml"), "utf8")).toMatch(/^name: new-project\ndescription: "GravityZone objects of the company \\"Coho Vineyard\\", imported by pulumi-gravityzone import"\nruntime:\n {2}name: nodejs\nmain: index.ts\n$/);
      expect(JSON.parse(fs.readFileSync(path.join(root, "new-project", "package.json"), "utf8")).dependencies).toMatchObject({ "pulumi-gravityzone": expect.stringMatching(/^\^\d+\.\d+\.\d+/) });

      env.reset();
      await expect(runImport({ ...base, out: path.join(root, "new-project") })).rejects.toThrow(UsageError);
      await expect(runImport({ ...base, out: path.join(root, "new-project", "index.ts") })).rejects.toThrow(/exists: pass --force/);
      expect(env.calls()).toEqual([]);

      fs.mkdirSync(path.join(root, "used"));
      fs.writeFileSync(path.join(root, "used", "Pulumi.yaml"), "name: mine\n");
      expect((await runImport({ ...base, out: path.join(root, "used") })).written.map((f) => path.basename(f))).toEqual(["index.ts"]);
      expect(fs.readFileSync(path.join(root, "used", "Pulumi.yaml"), "utf8")).toBe("name: mine\n");
      const again = await runImport({ ...base, out: path.join(root, "used"), force: true });
      expect(fs.readFileSync(again.written[0]!, "utf8")).toBe(again.program);
      expect(again.program).toBe(fresh.program);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it("--show-secrets puts the authorization GravityZone returns in the set-up command; a dry run writes nothing and prints the table", async () => {
    let err = "";
    await runImport({ accessUrl: env.emu.url, apiKey: env.emu.keys[0]!.key, rateLimitScale: 1000, companies: [ownId], kinds: parseKinds("push"), out: "-", showSecrets: true, stdout: () => undefined, stderr: (t) => (err += t) });
    expect(err).toContain(`pulumi config set --secret push-authorization '${SIEM_TOKEN}'`);
    let out = "";
    const dry = await runImport({ accessUrl: env.emu.url, apiKey: env.emu.keys[0]!.key, rateLimitScale: 1000, kinds: parseKinds("companies"), dryRun: true, quiet: true, stdout: (t) => (out += t), stderr: () => undefined });
    expect(dry.written).toEqual([]);
    expect(out).toMatch(/^kind +declared +not declared\ncompanies +10 +0\ntotal +10 +0\n/);
  });
});
