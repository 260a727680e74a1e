/**
 * `pulumi-gravityzone import` without the Pulumi CLI: names, references, the writer's output, and the
 * adoption round trip — every declaration read from an in-process emulator is checked and adopted
 * through its resource's own handler, with no write to the tenant and no diff afterwards.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { newIdResult, trueResult } from "../../provider/client";
import { HANDLERS, runImport, summaryTable, UsageError, type ImportResult } from "../../provider/cli/import-command";
import { main, parseKinds } from "../../provider/cli/main";
import {
  assignNames,
  ConfigSecret,
  identifierOf,
  KINDS,
  linkReferences,
  NameRegistry,
  Ref,
  resolvedInputs,
  slugify,
  type ImportedObject,
} from "../../provider/cli/model";
import { commentLines, renderInline, renderProgram } from "../../provider/cli/program-writer";
import { PUSH_AUTHORIZATION_KEY } from "../../provider/cli/tenant-objects";
import { MAX_GROUP_DEPTH } from "../../provider/cli/tenant-reader";
import { startProviderEnv, type ProviderEnv } from "../helpers/provider-env";
import { sendError, sendResult, startScriptedServer } from "../helpers/scripted-server";

const SIEM_TOKEN = "Splunk 3c1e9a7f-2b4d-4e8a-9f60-5a7b8c9d0e1f";

const obj = (
  o: Partial<ImportedObject> & Pick<ImportedObject, "key" | "type" | "gzId" | "baseName">,
): ImportedObject => ({ title: o.key, inputs: {}, notes: [], ...o });
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
    expect([reg.take("a", "group"), reg.take("a", "group"), reg.take("a", "group"), reg.take("a")]).toEqual([
      "a",
      "a-group",
      "a-group-2",
      "a-2",
    ]);

    const objects = [
      obj({ key: "g1", type: "CustomGroup", gzId: id(1), baseName: "acme-servers" }),
      obj({ key: "p1", type: "InstallationPackage", gzId: id(2), baseName: "acme-servers" }),
      obj({ key: "a1", type: "Account", gzId: id(3), baseName: "acme-servers" }),
      obj({ key: "g2", type: "CustomGroup", gzId: id(4), baseName: "acme-servers" }),
      obj({ key: "g3", type: "CustomGroup", gzId: id(5), baseName: "acme-servers" }),
      obj({ key: "c1", type: "Company", gzId: id(6), baseName: "acme-servers-2" }),
    ];
    assignNames(objects);
    expect(objects.map((o) => o.name)).toEqual([
      "acme-servers",
      "acme-servers-package",
      "acme-servers-account",
      "acme-servers-group",
      "acme-servers-group-2",
      "acme-servers-2",
    ]);
    const vars = objects.map((o) => o.varName!);
    expect(new Set(vars).size).toBe(vars.length);
    for (const v of vars) expect(v).toMatch(/^[A-Za-z_$][A-Za-z0-9_$]*$/);
  });
});

describe("references", () => {
  it("ids of companies and groups in the program become references; others stay literal", () => {
    const company = obj({
      key: "company:a",
      type: "Company",
      gzId: id(10),
      baseName: "acme",
      inputs: { name: "Acme", parentId: id(99) },
    });
    const servers = obj({
      key: "group:s",
      type: "CustomGroup",
      gzId: id(11),
      baseName: "acme-servers",
      inputs: { name: "Servers", parentId: id(10) },
    });
    const web = obj({
      key: "group:w",
      type: "CustomGroup",
      gzId: id(12),
      baseName: "acme-web",
      inputs: { name: "Web", parentId: id(11).toUpperCase() },
    });
    const broken = obj({
      key: "company:b",
      type: "Company",
      gzId: id(13),
      baseName: "broken",
      inputs: { name: "Broken" },
      problem: "refused",
    });
    const account = obj({
      key: "account:x",
      type: "Account",
      gzId: id(14),
      baseName: "x",
      inputs: { email: "x@acme.example", companyId: id(10), targetIds: [id(12), id(50)] },
    });
    const pkg = obj({
      key: "package:p",
      type: "InstallationPackage",
      gzId: id(15),
      baseName: "p",
      inputs: { packageName: "P", companyId: id(13) },
    });
    // An assignment's policy id is never a reference, even when it equals an object's id.
    const assignment = obj({
      key: "assignment:z",
      type: "PolicyAssignment",
      gzId: "",
      baseName: "z",
      inputs: { policyId: id(10), targetIds: [id(51)] },
    });
    const made = linkReferences([company, servers, web, broken, account, pkg, assignment]);
    expect(made).toBe(4);
    expect(company.inputs.parentId).toBe(id(99));
    expect(servers.inputs.parentId).toEqual(new Ref("company:a", id(10)));
    expect(web.inputs.parentId).toEqual(new Ref("group:s", id(11)));
    expect(account.inputs.companyId).toEqual(new Ref("company:a", id(10)));
    expect(account.inputs.targetIds).toEqual([new Ref("group:w", id(12)), id(50)]);
    expect(pkg.inputs.companyId).toBe(id(13));
    expect(assignment.inputs).toEqual({ policyId: id(10), targetIds: [id(51)] });
    expect(resolvedInputs(account)).toEqual({
      email: "x@acme.example",
      companyId: id(10),
      targetIds: [id(12), id(50)],
    });
  });
});

describe("the writer", () => {
  it("writes references as <variable>.id, secrets from config, notes, and refused objects commented out", () => {
    const company = obj({
      key: "company:a",
      type: "Company",
      gzId: id(1),
      companyId: id(1),
      baseName: "acme",
      inputs: { name: "Acme", type: "customer", parentId: id(9), deletionProtection: true, adopt: true },
      fieldNotes: { parentId: "Northwind" },
    });
    const group = obj({
      key: "group:g",
      type: "CustomGroup",
      gzId: id(2),
      companyId: id(1),
      baseName: "acme-servers",
      inputs: { name: "Servers", parentId: new Ref("company:a", id(1)), adopt: true },
    });
    const pkg = obj({
      key: "package:p",
      type: "InstallationPackage",
      gzId: id(3),
      companyId: id(1),
      baseName: "acme-agent",
      inputs: { packageName: "Agent <x>", companyId: new Ref("company:a", id(1)), adopt: true },
      problem: "the resource refuses it",
    });
    const push = obj({
      key: "push",
      type: "PushEventSettings",
      gzId: "",
      baseName: "push-settings",
      inputs: {
        serviceType: "splunk",
        url: "https://siem.example/",
        authorization: new ConfigSecret("push-authorization"),
        eventTypes: ["av"],
        adopt: true,
      },
      notes: ["Set it first."],
    });
    const objects = [company, group, pkg, push];
    assignNames(objects);
    const text = renderProgram({
      header: ["Imported."],
      objects,
      companies: [{ id: id(1), name: "Acme" }],
      comments: [{ kind: "groups", companyId: id(1), lines: ["About Acme's groups."] }],
    });
    expect(text).toContain(
      'import * as pulumi from "@pulumi/pulumi";\nimport * as gravityzone from "pulumi-gravityzone";\n\nconst config = new pulumi.Config();',
    );
    expect(text).toContain(
      `const acme = new gravityzone.Company("acme", {\n  name: "Acme",\n  type: "customer",\n  parentId: "${id(9)}", // Northwind\n  deletionProtection: true,\n  adopt: true,\n});`,
    );
    expect(text).toContain(
      'const acmeServers = new gravityzone.CustomGroup("acme-servers", {\n  name: "Servers",\n  parentId: acme.id,\n  adopt: true,\n});',
    );
    expect(text).toContain("// Acme\n// About Acme's groups.\n");
    expect(text).toContain(
      '// Not declared: the resource refuses it\n// new gravityzone.InstallationPackage("acme-agent", {\n//   packageName: "Agent <x>",\n//   companyId: acme.id,',
    );
    expect(text).toContain('// Set it first.\nnew gravityzone.PushEventSettings("push-settings", {');
    expect(text).toContain('  authorization: config.requireSecret("push-authorization"),');
    // Sections in kind order: companies, groups, packages, accounts, push, blocklist, assignments.
    expect(text.indexOf("Companies")).toBeLessThan(text.indexOf("Custom groups"));
    expect(text.indexOf("Custom groups")).toBeLessThan(text.indexOf("Event push"));
    expect(renderProgram({ header: ["Imported."], objects, companies: [{ id: id(1), name: "Acme" }] })).toBe(
      renderProgram({ header: ["Imported."], objects, companies: [{ id: id(1), name: "Acme" }] }),
    );
  });

  it("renders values inline when they fit and wraps comment paragraphs, keeping indented lines as they are", () => {
    expect(renderInline({ type: "custom", computers: { main: "local" }, "odd-key": [1, true, null] })).toBe(
      '{ type: "custom", computers: { main: "local" }, "odd-key": [1, true, null] }',
    );
    const lines = commentLines([`${"word ".repeat(40).trim()}`, '  licenseSubscription: { type: "trial" },']);
    expect(lines.every((l) => l.startsWith("// ") && l.length <= 120)).toBe(true);
    expect(lines[lines.length - 1]).toBe('//   licenseSubscription: { type: "trial" },');
  });

  it("the summary table counts declared and refused objects per kind", () => {
    const objects = [
      obj({ key: "a", type: "Company", gzId: id(1), baseName: "a" }),
      obj({ key: "b", type: "Company", gzId: id(2), baseName: "b", problem: "x" }),
      obj({ key: "c", type: "Blocklist", gzId: "", baseName: "c" }),
    ];
    expect(summaryTable(objects, new Set(["companies", "blocklist"]))).toBe(
      [
        "kind       declared  not declared",
        "companies         1             1",
        "blocklist         1             0",
        "total             2             1",
        "",
      ].join("\n"),
    );
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
    expect(
      await main(["import", "--company", id(1), "--parent", id(2), "--dry-run"], { GRAVITYZONE_API_KEY: "k" }),
    ).toBe(2);
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
      {
        status: 1,
        serviceType: "splunk",
        serviceSettings: { url: "https://siem.example.com:8088/services/collector", splunkAuthorization: SIEM_TOKEN },
        subscribeToEventTypes: { av: true, fw: true, "new-incident": true },
      },
      trueResult,
    );
  });
  afterAll(() => env.close());

  async function importOf(options: {
    companies?: string[];
    kinds?: string;
  }): Promise<{ result: ImportResult; out: string; err: string }> {
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
    expect({
      Company: byType("Company"),
      CustomGroup: byType("CustomGroup"),
      InstallationPackage: byType("InstallationPackage"),
      Account: byType("Account"),
      Blocklist: byType("Blocklist"),
      BlocklistEntry: byType("BlocklistEntry"),
      PushEventSettings: byType("PushEventSettings"),
    }).toEqual({
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
    // getCompanyDetails reports no parent, and the parent (the key's company) is not read by this
    // import: parentId is left out, which the Company resource reads as "the key's company".
    expect(text).toContain(
      [
        "// licenseSubscription is not declared (getCompanyDetails does not report it): add it to manage the licence; changes",
        "// apply in place.",
        'const fabrikamLogistics = new gravityzone.Company("fabrikam-logistics", {',
        '  name: "Fabrikam Logistics",',
        '  type: "customer",',
        '  address: "Am Sandtorkai 50, 20457 Hamburg",',
        '  country: "DE",',
        '  state: "DE-HH",',
        '  phone: "+49 40 5550 1200",',
        "  industry: 32,",
        "  deletionProtection: true,",
        "  adopt: true,",
        "});",
      ].join("\n"),
    );
    expect(result.objects.find((o) => o.type === "Company")!.inputs).not.toHaveProperty("licenseSubscription");
    // Groups are read from the company's 'Computers and Groups': those directly in it are declared with
    // the company's id as parentId, the others with their parent group's; the system groups never.
    const groups = Object.values(env.emu.state.groups).filter((g) => g.companyId === fabrikam);
    const system = new Set(groups.filter((g) => g.system !== undefined).map((g) => g.id));
    expect(system.size).toBe(2);
    expect(
      result.objects
        .filter((o) => o.type === "CustomGroup")
        .map((o) => ({ id: o.gzId, ...resolvedInputs(o) }))
        .sort((a, b) => a.id.localeCompare(b.id)),
    ).toEqual(
      groups
        .filter((g) => g.system === undefined)
        .map((g) => ({ id: g.id, name: g.name, parentId: system.has(g.parentId) ? fabrikam : g.parentId, adopt: true }))
        .sort((a, b) => a.id.localeCompare(b.id)),
    );
    expect(text).not.toMatch(/name: "(Computers and Groups|Deleted)"/);
    expect(text).not.toContain("N/A");
    expect(text).toContain("  parentId: fabrikamLogistics.id,");
    expect(text).toContain("  parentId: fabrikamLogisticsOffice.id,");
    expect(text).toContain("  companyId: fabrikamLogistics.id,");
    expect(text).toContain('  path: "C:\\\\Windows\\\\Temp\\\\psexesvc.exe",');
    expect(text).toContain('  authorization: config.requireSecret("push-authorization"),');
    expect(text).not.toContain("3c1e9a7f");
    expect(text).not.toMatch(/^\s+password:/m);
    expect(err).toContain("pulumi config set --secret push-authorization <value>");
    expect(err).not.toContain("3c1e9a7f");
    expect(result.secrets).toEqual([
      { configKey: PUSH_AUTHORIZATION_KEY, what: "the push authorization header", value: SIEM_TOKEN, masked: false },
    ]);

    expect(await adoptAll(result.objects)).toEqual([]);
    expect(env.calls().filter((c) => /\.(create|add)/.test(c))).toEqual([]);
  });

  it("an endpoint running another policy than the rest of its group is declared as a PolicyAssignment, adopted without assignPolicy", async () => {
    const contoso = companyId("Contoso Dental Group");
    env.reset();
    const { result } = await importOf({ companies: [contoso], kinds: "groups,assignments" });
    // The policy each runs is read with getManagedEndpointDetails, once per managed endpoint of the
    // company's 'Computers and Groups' and its custom groups, and for nothing else.
    const inTree = new Set(
      Object.values(env.emu.state.groups)
        .filter((g) => g.companyId === contoso && g.system !== "deleted")
        .map((g) => g.id),
    );
    const managed = Object.values(env.emu.state.endpoints).filter(
      (e) => e.companyId === contoso && e.isManaged && inTree.has(e.parentId),
    );
    expect(managed.length).toBeGreaterThan(0);
    expect(
      env.emu
        .calls()
        .filter((c) => c.method === "getManagedEndpointDetails")
        .map((c) => (c.params as { endpointId: string }).endpointId)
        .sort(),
    ).toEqual(managed.map((e) => e.id).sort());
    expect(env.emu.calls().filter((c) => c.method === "getManagedEndpointDetails" && c.module !== "network")).toEqual(
      [],
    );
    const assignments = result.objects.filter((o) => o.type === "PolicyAssignment");
    expect(assignments.map((o) => o.name)).toEqual(["contoso-dental-group-policy-edr-report-only"]);
    expect(assignments[0]!.inputs.targetIds).toHaveLength(3);
    expect(result.program).toMatch(/ {2}policyId: "[0-9a-f]{24}", \/\/ EDR Report Only\n/);
    expect(result.program).toContain(
      '//   Workstations / Front Desk: "MSP Baseline - Workstations" on 4 of 7 managed endpoints (the other 3: their own policy, declared below)',
    );
    expect(result.program).toContain('//   Servers: "MSP Baseline - Servers" on 4 of 4 managed endpoints');
    expect(await adoptAll(result.objects)).toEqual([]);
  });

  it("the API key's own company: no Company for it, custom-role rights, an MD5 list, and nothing written", async () => {
    const { result } = await importOf({ companies: [ownId], kinds: "companies,groups,packages,accounts,blocklist" });
    expect(result.objects.filter((o) => o.type === "Company")).toEqual([]);
    expect(result.program).toContain("is the API key's own company: it is not declared as a Company");
    const helpdesk = result.objects.find(
      (o) => o.type === "Account" && o.inputs.email === "helpdesk@northwind-msp.example",
    )!;
    expect(helpdesk.inputs).toMatchObject({
      role: "custom",
      rights: { manageInventory: true, manageNetworks: true, managePoliciesRead: true, manageReports: true },
      companyId: ownId,
    });
    expect(result.objects.find((o) => o.type === "Blocklist")!.inputs).toMatchObject({
      hashType: "md5",
      sourceInfo: "Known ransomware dropper",
    });
    expect(await adoptAll(result.objects)).toEqual([]);
  });

  it("writes a new project into an empty directory, only index.ts into a used one, and refuses to overwrite before reading anything", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "gz-import-unit-"));
    try {
      const base = {
        accessUrl: env.emu.url,
        apiKey: env.emu.keys[0]!.key,
        rateLimitScale: 1000,
        companies: [companyId("Coho Vineyard")],
        kinds: parseKinds("companies,groups"),
        quiet: true,
        stdout: () => undefined,
        stderr: () => undefined,
      };
      const fresh = await runImport({ ...base, out: path.join(root, "new-project") });
      expect(fresh.written.map((f) => path.basename(f)).sort()).toEqual([
        "Pulumi.yaml",
        "index.ts",
        "package.json",
        "tsconfig.json",
      ]);
      expect(fs.readFileSync(path.join(root, "new-project", "Pulumi.yaml"), "utf8")).toMatch(
        /^name: new-project\ndescription: "GravityZone objects of the company \\"Coho Vineyard\\", imported by pulumi-gravityzone import"\nruntime:\n {2}name: nodejs\nmain: index.ts\n$/,
      );
      const own = JSON.parse(fs.readFileSync(path.join(__dirname, "../../package.json"), "utf8"));
      // The SDK comes in the range the package supports (its peer dependency): one copy in the user's tree.
      expect(
        JSON.parse(fs.readFileSync(path.join(root, "new-project", "package.json"), "utf8")).dependencies,
      ).toMatchObject({
        "pulumi-gravityzone": expect.stringMatching(/^\^\d+\.\d+\.\d+/),
        "@pulumi/pulumi": own.peerDependencies["@pulumi/pulumi"],
      });

      env.reset();
      await expect(runImport({ ...base, out: path.join(root, "new-project") })).rejects.toThrow(UsageError);
      await expect(runImport({ ...base, out: path.join(root, "new-project", "index.ts") })).rejects.toThrow(
        /exists: pass --force/,
      );
      expect(env.calls()).toEqual([]);

      fs.mkdirSync(path.join(root, "used"));
      fs.writeFileSync(path.join(root, "used", "Pulumi.yaml"), "name: mine\n");
      expect((await runImport({ ...base, out: path.join(root, "used") })).written.map((f) => path.basename(f))).toEqual(
        ["index.ts"],
      );
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
    await runImport({
      accessUrl: env.emu.url,
      apiKey: env.emu.keys[0]!.key,
      rateLimitScale: 1000,
      companies: [ownId],
      kinds: parseKinds("push"),
      out: "-",
      showSecrets: true,
      stdout: () => undefined,
      stderr: (t) => (err += t),
    });
    expect(err).toContain(`pulumi config set --secret push-authorization '${SIEM_TOKEN}'`);
    let out = "";
    const dry = await runImport({
      accessUrl: env.emu.url,
      apiKey: env.emu.keys[0]!.key,
      rateLimitScale: 1000,
      kinds: parseKinds("companies"),
      dryRun: true,
      quiet: true,
      stdout: (t) => (out += t),
      stderr: () => undefined,
    });
    expect(dry.written).toEqual([]);
    expect(out).toMatch(/^kind +declared +not declared\ncompanies +10 +0\ntotal +10 +0\n/);
  });

  // Adds a company (last: the dry run above counts the seeded ones).
  it('every company below the key\'s company: a parent read in the same import becomes a reference, "N/A" is never written, and every declaration is adopted without a write', async () => {
    const blueYonder = companyId("Blue Yonder IT Services");
    // No country or state: getCompanyDetails answers "N/A" for both.
    const bare = await env.client.call(
      "companies",
      "createCompany",
      { type: 1, name: "Trey Research", parentId: blueYonder },
      newIdResult,
    );
    const { result } = await importOf({});
    expect(result.snapshot.scope).toEqual({ mode: "parent", id: ownId, name: "Northwind MSP" });
    expect(result.objects.filter((o) => o.problem !== undefined)).toEqual([]);

    // parentId comes from the inventory: each company's own parent, a reference when it is declared here.
    const companies = result.objects.filter((o) => o.type === "Company");
    expect(companies.map((o) => o.gzId).sort()).toEqual(
      Object.values(env.emu.state.companies)
        .filter((c) => c.id !== ownId)
        .map((c) => c.id)
        .sort(),
    );
    for (const o of companies)
      expect(resolvedInputs(o).parentId, o.title).toBe(env.emu.state.companies[o.gzId]!.parentId);
    const below = companies
      .filter((o) => env.emu.state.companies[o.gzId]!.parentId === blueYonder)
      .map((o) => o.inputs.name)
      .sort();
    expect(below).toEqual(["Margie's Travel", "Trey Research"]);
    for (const o of companies) {
      if (o.inputs.parentId instanceof Ref)
        expect(o.inputs.parentId).toEqual(new Ref(`company:${blueYonder}`, blueYonder));
      else expect(o.inputs.parentId).toBe(ownId);
    }
    expect(
      result.program.match(/^ {2}parentId: blueYonderItServices\.id, \/\/ Blue Yonder IT Services$/gm),
    ).toHaveLength(2);
    expect(
      result.program.match(
        new RegExp(`^ {2}parentId: "${ownId}", // Northwind MSP \\(the API key's company\\)$`, "gm"),
      ),
    ).toHaveLength(companies.length - below.length);

    // An unset country or state is left out, never written as "N/A".
    const trey = companies.find((o) => o.gzId === bare)!;
    expect(trey.inputs).toEqual({
      name: "Trey Research",
      type: "customer",
      parentId: new Ref(`company:${blueYonder}`, blueYonder),
      enforce2FA: true,
      deletionProtection: true,
      adopt: true,
    });
    expect(result.program).not.toContain("N/A");
    for (const o of companies)
      expect(o.notes, o.title).toContain(
        "licenseSubscription is not declared (getCompanyDetails does not report it): add it to manage the licence; changes apply in place.",
      );

    // The system groups of no company are declared.
    const systemIds = new Set(
      Object.values(env.emu.state.groups)
        .filter((g) => g.system !== undefined)
        .map((g) => g.id),
    );
    const groups = result.objects.filter((o) => o.type === "CustomGroup");
    expect(groups.length).toBeGreaterThan(0);
    expect(groups.filter((o) => systemIds.has(o.gzId) || systemIds.has(String(resolvedInputs(o).parentId)))).toEqual(
      [],
    );

    expect(await adoptAll(result.objects)).toEqual([]);
  });
});

describe("import from a tenant whose group tree cannot be walked", () => {
  const OWN = id(0xa0);
  const COMPANY = id(0xa1);
  const ROOT = id(0xa2);
  const DELETED = id(0xa3);
  let server: Awaited<ReturnType<typeof startScriptedServer>> | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  /** A tenant of one company whose custom groups below 'Computers and Groups' are `children(parentId)`. */
  async function importGroups(children: (parentId: string) => { id: string; name: string }[]) {
    server = await startScriptedServer((req, res) => {
      const { method, params } = req.body as { method: string; params: { companyId?: string; parentId?: string } };
      if (method === "getCompanyDetails")
        return sendResult(
          req,
          res,
          params.companyId === undefined
            ? { id: OWN, name: "Northwind MSP", type: 0 }
            : { id: COMPANY, name: "Contoso", type: 1 },
        );
      if (method === "getCustomGroupsList") {
        return sendResult(
          req,
          res,
          params.parentId === COMPANY
            ? [
                { id: ROOT, name: "Computers and Groups" },
                { id: DELETED, name: "Deleted" },
              ]
            : children(params.parentId!),
        );
      }
      sendError(req, res, -32601, "Method not found");
    });
    let out = "";
    const run = runImport({
      accessUrl: server.url,
      apiKey: "scripted-key",
      rateLimitScale: 1000,
      companies: [COMPANY],
      kinds: parseKinds("groups"),
      out: "-",
      quiet: true,
      stdout: (t) => (out += t),
      stderr: () => undefined,
    });
    return {
      run,
      out: () => out,
      listed: () =>
        server!.received.filter((r) => (r.body as { method: string }).method === "getCustomGroupsList").length,
    };
  }

  it(`a tree exactly ${MAX_GROUP_DEPTH} levels deep is imported, each level under the one above`, async () => {
    const level = (n: number) => ({ id: id(0x100 + n), name: `Level ${n}` });
    const { run, listed } = await importGroups((parentId) => {
      const n = parentId === ROOT ? 0 : parseInt(parentId, 16) - 0x100;
      return n < MAX_GROUP_DEPTH ? [level(n + 1)] : [];
    });
    const result = await run;
    expect(result.objects.map((o) => ({ id: o.gzId, ...resolvedInputs(o) }))).toEqual(
      Array.from({ length: MAX_GROUP_DEPTH }, (_, i) => ({
        ...level(i + 1),
        parentId: i === 0 ? COMPANY : level(i).id,
        adopt: true,
      })),
    );
    // The company's pair, 'Computers and Groups', then each level once.
    expect(listed()).toBe(MAX_GROUP_DEPTH + 2);
  });

  it(`a tree deeper than ${MAX_GROUP_DEPTH} levels (here: endless) stops the import with an error naming the path, before anything is written`, async () => {
    let next = 0x100;
    const { run, out, listed } = await importGroups(() => [{ id: id(next), name: `Level ${++next - 0x100}` }]);
    const path = Array.from({ length: MAX_GROUP_DEPTH }, (_, i) => `Level ${i + 1}`).join(" / ");
    await expect(run).rejects.toThrow(
      `the custom groups of company ${COMPANY} nest deeper than ${MAX_GROUP_DEPTH} levels under ${path}: not imported`,
    );
    expect(listed()).toBe(MAX_GROUP_DEPTH + 2);
    expect(out()).toBe("");
  });

  it("a group answered again below itself (a cycle) stops the import with an error naming it, before anything is written", async () => {
    const servers = { id: id(0x201), name: "Servers" };
    const web = { id: id(0x202), name: "Web" };
    const { run, out, listed } = await importGroups((parentId) =>
      parentId === ROOT ? [servers] : parentId === servers.id ? [web] : [servers],
    );
    await expect(run).rejects.toThrow(
      `getCustomGroupsList answered group ${servers.id} ("Servers") a second time, under Servers / Web: the custom groups of company ${COMPANY} form a cycle; not imported`,
    );
    expect(listed()).toBe(4);
    expect(out()).toBe("");
  });

  it("'Computers and Groups' answered below one of its groups is a cycle too: neither system group is ever declared", async () => {
    const servers = { id: id(0x301), name: "Servers" };
    const { run, out } = await importGroups((parentId) =>
      parentId === ROOT ? [servers] : [{ id: ROOT, name: "Computers and Groups" }],
    );
    await expect(run).rejects.toThrow(
      `getCustomGroupsList answered group ${ROOT} ("Computers and Groups") a second time, under Servers: the custom groups of company ${COMPANY} form a cycle; not imported`,
    );
    expect(out()).toBe("");
  });
});
