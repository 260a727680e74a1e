/**
 * The real Pulumi CLI end to end, with the Node.js language host that scripts/pulumi-cli.sh provides:
 * a throw-away TypeScript project (run through @pulumi/pulumi's ts-node) holding one inline dynamic
 * provider resource whose "remote" state is a JSON file, on a temporary file backend. It covers
 * up, preview --expect-no-changes, drift seen by preview --refresh --json, refresh, stack
 * export/import, a failing program, a TypeScript policy pack (preview --policy-pack) and destroy.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pulumiCli, REPO_ROOT } from "../helpers/pulumi-cli";

interface Result {
  status: number | null;
  stdout: string;
  stderr: string;
}

const PROGRAM = `
import * as pulumi from "@pulumi/pulumi";

// The "remote API" is a JSON file: { [id]: { value } }.
const remoteFile = process.env.SMOKE_REMOTE_FILE as string;

const provider: pulumi.dynamic.ResourceProvider = {
  async create(inputs: any) {
    const fs = require("fs");
    const db = fs.existsSync(remoteFile) ? JSON.parse(fs.readFileSync(remoteFile, "utf8")) : {};
    db["thing-1"] = { value: inputs.value };
    fs.writeFileSync(remoteFile, JSON.stringify(db));
    return { id: "thing-1", outs: { value: inputs.value } };
  },
  async read(id: string, props: any) {
    const fs = require("fs");
    const db = JSON.parse(fs.readFileSync(remoteFile, "utf8"));
    return { id, props: { ...props, value: db[id].value } };
  },
  async diff(_id: string, olds: any, news: any) {
    const changed = olds.value !== news.value;
    return { changes: changed, detailedDiffs: changed ? { value: { kind: "update", inputDiff: true } } : {} };
  },
  async update(id: string, _olds: any, news: any) {
    const fs = require("fs");
    const db = JSON.parse(fs.readFileSync(remoteFile, "utf8"));
    db[id] = { value: news.value };
    fs.writeFileSync(remoteFile, JSON.stringify(db));
    return { outs: { value: news.value } };
  },
  async delete(id: string) {
    const fs = require("fs");
    const db = JSON.parse(fs.readFileSync(remoteFile, "utf8"));
    delete db[id];
    fs.writeFileSync(remoteFile, JSON.stringify(db));
  },
};

class Thing extends pulumi.dynamic.Resource {
  declare readonly value: pulumi.Output<string>;
  constructor(name: string, value: pulumi.Input<string>) {
    super(provider, name, { value }, {});
  }
}

if (process.env.SMOKE_THROW) throw new Error("smoke: asked to fail");

const config = new pulumi.Config();
const thing = new Thing("thing", config.require("value"));
export const value = thing.value;
export const secretKeys: string[] = JSON.parse(process.env.PULUMI_CONFIG_SECRET_KEYS ?? "null");
`;

const POLICY_PACK = `
import * as pulumi from "@pulumi/pulumi";
import { PolicyPack } from "@pulumi/policy";

new PolicyPack("smoke-policy", {
  policies: [
    {
      name: "no-hello",
      description: "Things must not say hello.",
      enforcementLevel: "mandatory",
      validateResource: (args, reportViolation) => {
        if (args.type === "pulumi-nodejs:dynamic:Resource" && args.props.value === "hello") {
          reportViolation("thing says hello on stack " + pulumi.getStack());
        }
      },
    },
  ],
});
`;

describe("pulumi CLI with the Node.js language host", () => {
  let tmp: string;
  let project: string;
  let remoteFile: string;
  let env: NodeJS.ProcessEnv;
  let pulumiPath: string;

  const pulumi = (args: string[], extraEnv: NodeJS.ProcessEnv = {}): Result => {
    const r = spawnSync(pulumiPath, [...args, "--non-interactive"], {
      cwd: project,
      env: { ...env, ...extraEnv },
      encoding: "utf8",
      timeout: 120_000,
    });
    return { status: r.status, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
  };
  const ok = (args: string[]): Result => {
    const r = pulumi(args);
    if (r.status !== 0) throw new Error(`pulumi ${args.join(" ")} exited ${r.status}\n${r.stdout}\n${r.stderr}`);
    return r;
  };
  const remote = (): Record<string, { value: string }> => JSON.parse(fs.readFileSync(remoteFile, "utf8"));

  beforeAll(() => {
    ({ env, pulumiPath } = pulumiCli());
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "gz-cli-smoke-"));
    project = path.join(tmp, "project");
    remoteFile = path.join(tmp, "remote.json");
    fs.mkdirSync(project);
    fs.mkdirSync(path.join(tmp, "state"));
    fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(project, "node_modules"), "dir");
    fs.writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "gz-cli-smoke", private: true }));
    fs.writeFileSync(path.join(project, "Pulumi.yaml"), "name: gz-cli-smoke\nruntime: nodejs\nmain: index.ts\n");
    fs.writeFileSync(path.join(project, "index.ts"), PROGRAM);

    const policy = path.join(tmp, "policy");
    fs.mkdirSync(policy);
    fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(policy, "node_modules"), "dir");
    fs.writeFileSync(
      path.join(policy, "package.json"),
      JSON.stringify({ name: "smoke-policy", version: "0.0.1", private: true }),
    );
    fs.writeFileSync(path.join(policy, "PulumiPolicy.yaml"), "runtime: nodejs\n");
    fs.writeFileSync(path.join(policy, "index.ts"), POLICY_PACK);

    env = {
      ...env,
      PULUMI_HOME: path.join(tmp, "home"),
      PULUMI_CONFIG_PASSPHRASE: "smoke-test",
      SMOKE_REMOTE_FILE: remoteFile,
    };
    delete env.PULUMI_BACKEND_URL;
    delete env.PULUMI_ACCESS_TOKEN;
    ok(["login", `file://${path.join(tmp, "state")}`]);
    ok(["stack", "init", "dev"]);
    ok(["config", "set", "value", "hello"]);
    ok(["config", "set", "--secret", "token", "s3cr3t"]);
  }, 15 * 60_000);

  afterAll(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("up creates the resource and passes config and secret keys to the program", () => {
    const up = ok(["up", "--yes", "--skip-preview"]);
    expect(up.stdout).not.toMatch(/warning: using pulumi-resource-pulumi-nodejs from \$PATH/);
    expect(remote()).toEqual({ "thing-1": { value: "hello" } });
    const outputs = JSON.parse(ok(["stack", "output", "--json"]).stdout);
    expect(outputs).toEqual({ value: "hello", secretKeys: ["gz-cli-smoke:token"] });
  }, 60_000);

  it("preview --expect-no-changes succeeds right after up", () => {
    const r = pulumi(["preview", "--expect-no-changes"]);
    expect(r.status, r.stdout + r.stderr).toBe(0);
  }, 60_000);

  it("preview --refresh --json reports a property changed outside Pulumi", () => {
    fs.writeFileSync(remoteFile, JSON.stringify({ "thing-1": { value: "drifted" } }));
    const r = pulumi(["preview", "--refresh", "--json"]);
    expect(r.status, r.stderr).toBe(0);
    const preview = JSON.parse(r.stdout);
    const steps = preview.steps.filter((s: { urn: string }) => s.urn.endsWith("::thing"));
    expect(steps.map((s: { op: string }) => s.op)).toEqual(["refresh", "update"]);
    // The update step starts from the refreshed state (what read returned) and goes back to the program's value.
    expect(steps[1].oldState.outputs.value).toBe("drifted");
    expect(steps[1].newState.inputs.value).toBe("hello");
    expect(preview.changeSummary.update).toBe(1);
  }, 60_000);

  it("refresh --yes writes the drifted value into the state", () => {
    ok(["refresh", "--yes", "--skip-preview"]);
    const state = JSON.parse(ok(["stack", "export"]).stdout);
    const res = state.deployment.resources.find((r: { urn: string }) => r.urn.endsWith("::thing"));
    expect(res.outputs.value).toBe("drifted");
  }, 60_000);

  it("stack export and import round-trip", () => {
    const file = path.join(tmp, "export.json");
    ok(["stack", "export", "--file", file]);
    ok(["stack", "import", "--file", file]);
    const state = JSON.parse(ok(["stack", "export"]).stdout);
    expect(state.deployment.resources.map((r: { type: string }) => r.type)).toContain("pulumi-nodejs:dynamic:Resource");
  }, 60_000);

  it("a program that throws fails once, with its own message (run exit code 32 -> bail)", () => {
    const r = pulumi(["preview"], { SMOKE_THROW: "1" });
    expect(r.status).not.toBe(0);
    expect(r.stdout).toMatch(/smoke: asked to fail/);
    expect(r.stdout + r.stderr).not.toMatch(/Program exited with non-zero exit code/);
  }, 60_000);

  it("preview --policy-pack runs a TypeScript policy pack that sees the stack", () => {
    const r = pulumi(["preview", "--policy-pack", path.join(tmp, "policy")]);
    expect(r.status).not.toBe(0);
    expect(r.stdout + r.stderr).toMatch(/no-hello/);
    expect(r.stdout + r.stderr).toMatch(/thing says hello on stack dev/);
  }, 60_000);

  it("destroy --yes deletes the resource", () => {
    ok(["destroy", "--yes", "--skip-preview"]);
    expect(remote()).toEqual({});
    const state = JSON.parse(ok(["stack", "export"]).stdout);
    expect(state.deployment.resources ?? []).toEqual([]);
  }, 60_000);
});
