/**
 * The fleet's customers file (errors name the file and the field), stack selection, the drift
 * summary of an engine step, and the report's exit codes and table.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import {
  CustomersFileError,
  loadCustomers,
  parseCustomers,
  selectStacks,
  shardStacks,
} from "../../provider/cli/fleet/customers";
import { changeOf } from "../../provider/cli/fleet/drift";
import { exitCodeOf, formatTable, type FleetReport } from "../../provider/cli/fleet/report";
import type { StackOutcome } from "../../provider/cli/fleet/runner";

const F = "customers.json";

describe("customers.json", () => {
  it("merges the common config under each stack's own, with secrets as secrets", () => {
    const stacks = parseCustomers(
      {
        config: {
          "gravityzone:apiKey": { secretFromEnv: "KEY_VAR" },
          "customer:tier": "standard",
        },
        stacks: {
          contoso: { "customer:name": "Contoso", "customer:tier": "gold", "customer:seats": 40 },
          fabrikam: {
            "customer:name": "Fabrikam",
            "customer:vpn": { secret: "s3cret" },
            "customer:groups": { value: ["Servers", "Laptops"] },
            "customer:enabled": false,
          },
        },
      },
      F,
      { KEY_VAR: "the-key" },
    );
    expect(stacks).toEqual([
      {
        name: "contoso",
        config: {
          "gravityzone:apiKey": { value: "the-key", secret: true },
          "customer:tier": { value: "gold", secret: false },
          "customer:name": { value: "Contoso", secret: false },
          "customer:seats": { value: "40", secret: false },
        },
      },
      {
        name: "fabrikam",
        config: {
          "gravityzone:apiKey": { value: "the-key", secret: true },
          "customer:tier": { value: "standard", secret: false },
          "customer:name": { value: "Fabrikam", secret: false },
          "customer:vpn": { value: "s3cret", secret: true },
          "customer:groups": { value: '["Servers","Laptops"]', secret: false },
          "customer:enabled": { value: "false", secret: false },
        },
      },
    ]);
  });

  it.each([
    [{}, /customers\.json: stacks: /],
    [{ stacks: {} }, /customers\.json: stacks: at least one stack is needed/],
    [{ stacks: { "bad name": {} } }, /customers\.json: stacks\.bad name: a stack name is/],
    [{ stacks: { a: { "no spaces allowed": "x" } } }, /customers\.json: stacks\.a\.no spaces allowed: a config key is/],
    [{ stacks: { a: { "customer:x": null } } }, /customers\.json: stacks\.a\.customer:x: a value is a string, /],
    [
      { stacks: { a: { "customer:x": { secret: "" } } } },
      "customers.json: stacks.a.customer:x.secret: a secret must not be empty",
    ],
    [{ stacks: { a: {} }, extra: 1 }, /customers\.json: .*extra/],
    [
      { config: { k: { secretFromEnv: "1BAD" } }, stacks: { a: {} } },
      "customers.json: config.k.secretFromEnv: must be an environment variable name",
    ],
  ])("refuses %j naming the field", (json, message) => {
    expect(() => parseCustomers(json, F, {})).toThrow(CustomersFileError);
    expect(() => parseCustomers(json, F, {})).toThrow(message);
  });

  it("refuses a secret from an unset environment variable, naming the field and the variable", () => {
    expect(() =>
      parseCustomers({ stacks: { a: { "gravityzone:apiKey": { secretFromEnv: "NOT_SET" } } } }, F, {}),
    ).toThrow("customers.json: stacks.a.gravityzone:apiKey: the environment variable NOT_SET is not set");
  });

  it("reports a file that is missing or not JSON", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gz-customers-"));
    try {
      expect(() => loadCustomers(path.join(dir, "none.json"))).toThrow(/cannot read the customers file/);
      fs.writeFileSync(path.join(dir, "bad.json"), "{ not json");
      expect(() => loadCustomers(path.join(dir, "bad.json"))).toThrow(/bad\.json is not JSON/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("selects stacks by name and glob, in file order; a pattern that matches nothing is an error", () => {
    const stacks = ["contoso", "fabrikam", "fourth-coffee", "trey"].map((name) => ({ name, config: {} }));
    const names = (p: string | undefined) => selectStacks(stacks, p).map((s) => s.name);
    expect(names(undefined)).toEqual(["contoso", "fabrikam", "fourth-coffee", "trey"]);
    expect(names("trey, f*")).toEqual(["fabrikam", "fourth-coffee", "trey"]);
    expect(names("tre?")).toEqual(["trey"]);
    expect(() => names("contoso,nobody*")).toThrow('--stacks: "nobody*" matches no stack');
  });
});

describe("shards for a CI matrix", () => {
  it("job i of N takes every N-th stack; together the jobs cover each stack once", () => {
    const stacks = Array.from({ length: 7 }, (_, i) => ({ name: `s${i}`, config: {} }));
    const names = (shard: string) => shardStacks(stacks, shard).map((s) => s.name);
    expect(names("1/3")).toEqual(["s0", "s3", "s6"]);
    expect(names("2/3")).toEqual(["s1", "s4"]);
    expect(names("3/3")).toEqual(["s2", "s5"]);
    expect(names("1/1")).toHaveLength(7);
    for (const bad of ["0/3", "4/3", "1/0", "x", "1-3"]) expect(() => names(bad)).toThrow(/--shard: must be i\/N/);
  });
});

describe("drift of one step", () => {
  const step = (op: string, olds: Record<string, unknown>, news: Record<string, unknown>) =>
    ({
      op,
      urn: "urn:pulumi:bravo::gravityzone-fleet::pulumi-nodejs:dynamic/gravityzone:Company::company",
      type: "pulumi-nodejs:dynamic/gravityzone:Company",
      old: { outputs: olds },
      new: { inputs: news },
    }) as never;

  it("names the resource and the properties whose declared value differs", () => {
    expect(
      changeOf(
        step(
          "update",
          { name: "Bravo (renamed)", enforce2FA: true },
          { name: "Bravo", enforce2FA: true, __provider: "x" },
        ),
      ),
    ).toEqual({ resource: "Company::company", op: "update", properties: ["name"] });
    expect(changeOf(step("create", {}, { name: "Bravo" }))).toEqual({
      resource: "Company::company",
      op: "create",
      properties: [],
    });
    expect(changeOf(step("same", {}, {}))).toBeUndefined();
    expect(changeOf(step("refresh", {}, {}))).toBeUndefined();
  });
});

describe("the report", () => {
  const outcome = (stack: string, result: StackOutcome["result"], extra: Partial<StackOutcome> = {}): StackOutcome => ({
    stack,
    result,
    changes: { create: 0, update: 0, delete: 0, replace: 0, same: 6 },
    resources: [],
    seconds: 3,
    ...extra,
  });

  it("exit codes: 2 when a stack failed, else 1 for drift found by drift, else 0", () => {
    expect(exitCodeOf("up", [outcome("a", "succeeded"), outcome("b", "no changes")])).toBe(0);
    expect(exitCodeOf("drift", [outcome("a", "in sync")])).toBe(0);
    expect(exitCodeOf("drift", [outcome("a", "in sync"), outcome("b", "drifted")])).toBe(1);
    expect(exitCodeOf("drift", [outcome("a", "failed"), outcome("b", "drifted")])).toBe(2);
    expect(exitCodeOf("up", [outcome("a", "succeeded"), outcome("b", "failed")])).toBe(2);
  });

  it("a table with every stack, and the drifted resources and failures in full below it", () => {
    const report: FleetReport = {
      operation: "drift",
      startedAt: "2026-11-29T00:00:00.000Z",
      seconds: 12,
      concurrency: 2,
      sharedBudget: true,
      exitCode: 2,
      summary: { stacks: 3, failed: 1, drifted: 1, apiCalls: 30, rateLimited: 0 },
      stacks: [
        { ...outcome("alpha", "in sync"), apiCalls: 10, rateLimited: 0 },
        {
          ...outcome("bravo", "drifted", {
            resources: [{ resource: "Company::company", op: "update", properties: ["name"] }],
          }),
          apiCalls: 12,
          rateLimited: 0,
        },
        { ...outcome("charlie", "failed", { error: "boom" }), apiCalls: 8, rateLimited: 0 },
      ],
    };
    const text = formatTable(report);
    expect(text).toMatch(/^stack\s+result\s+drifted resources \(properties\)\s+API calls\s+429s\s+time$/m);
    expect(text).toMatch(/^bravo\s+drifted\s+Company::company \(name\)\s+12\s+0\s+3 s$/m);
    expect(text).toMatch(/^charlie\s+failed\s+boom\s+8/m);
    expect(text).toContain(
      "3 stacks in 12 s (concurrency 2, one shared budget): 1 failed, 1 drifted, 30 API calls, 0 429s.",
    );
    expect(text).toContain("  bravo: Company::company update (name)");
    expect(text).toContain("  charlie failed: boom");
  });
});
