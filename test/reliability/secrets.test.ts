/**
 * Secrets: the demo program (an account password and a SIEM token as stack secrets, the API key in
 * stack config) is applied with the CLI's most verbose logging (`--debug --logtostderr -v=9
 * --logflow`), once with the account and push writes failing (so error messages with the API's
 * details are printed) and once to convergence; then previewed and destroyed at `-v=8`. Every text
 * the runs produced is scanned for the API key (also in its Basic-auth form), the password and the
 * token: the CLI's stdout and stderr, `pulumi stack export`, `pulumi stack output`, `pulumi config`,
 * `pulumi stack history`, the backend's files (checkpoints, history, backups), PULUMI_HOME, the
 * program directory and the emulator's request log. A hit is reported by kind and place, never by
 * value.
 *
 * One source is outside this package: at `-v=9` the Pulumi engine traces every property it
 * marshals over gRPC ("Marshaling property for RPC[…]: value=…"), secret config and secret inputs
 * in plaintext included. Those trace lines are counted apart; everything else must have zero hits,
 * and at `-v=8` there must be none at all.
 */
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PulumiProject } from "../helpers/pulumi-project";
import { filesUnder, scanForSecrets, SCENARIO_TIMEOUT_MS, secretForms, writeResults } from "./support";

const ADMIN_PASSWORD = "Rel1ability-Adm1n-Pass!";
const SIEM_TOKEN = "Splunk 0b5e7c1d-2f3a-4b6c-8d9e-0f1a2b3c4d5e";
const VERBOSE = ["--debug", "--logtostderr", "-v=9", "--logflow"];
const VERBOSE_8 = ["--debug", "--logtostderr", "-v=8", "--logflow"];
/** A line of the Pulumi engine's -v=9 trace of the property values it marshals over gRPC. */
const ENGINE_RPC_TRACE = /"msg":"(?:Unm|M)arshaling property for RPC\[/;

let p: PulumiProject;
const emulatorLog: string[] = [];
const texts: Record<string, string> = {};

beforeAll(async () => {
  p = await PulumiProject.create({
    source: ["Pulumi.yaml", "index.ts"],
    secrets: { "demo:adminPassword": ADMIN_PASSWORD, "demo:siemToken": SIEM_TOKEN },
    config: { "demo:deletionProtection": "false" },
    emulator: { log: (line) => emulatorLog.push(line) },
  });
}, 120_000);
afterAll(async () => p?.dispose());

describe("secrets: zero plaintext API key, password or push authorization anywhere a run writes", () => {
  it(
    "a failing verbose up, a converging verbose up, the stack's views and a verbose destroy leak nothing",
    async () => {
      const started = Date.now();
      // The account and push writes fail: their errors (with the API's details) reach the output.
      p.emu.setFaults({ errorRate: 1, methods: ["accounts.createAccount", "push.setPushEventSettings"] });
      const failing = await p.run(["up", "--yes", "--skip-preview", "--continue-on-error", ...VERBOSE], {
        timeoutMs: SCENARIO_TIMEOUT_MS,
      });
      p.emu.setFaults(undefined);
      expect(failing.code).not.toBe(0);
      expect(failing.stdout).toMatch(/GravityZone accounts\.createAccount failed/);
      expect(failing.stdout).toMatch(/GravityZone push\.setPushEventSettings failed/);
      texts["failing up: stdout"] = failing.stdout;
      texts["failing up: stderr"] = failing.stderr;

      const up = await p.run(["up", "--yes", "--skip-preview", ...VERBOSE], { timeoutMs: SCENARIO_TIMEOUT_MS });
      expect(up.code, up.stdout.slice(-3000)).toBe(0);
      texts["up: stdout"] = up.stdout;
      texts["up: stderr"] = up.stderr;

      const views: [string, string[]][] = [
        ["preview --diff", ["preview", "--diff", "--refresh"]],
        ["preview --json", ["preview", "--json"]],
        ["stack export", ["stack", "export"]],
        ["stack output --json", ["stack", "output", "--json"]],
        ["config", ["config"]],
        ["config --json", ["config", "--json"]],
        ["stack history --json", ["stack", "history", "--json"]],
      ];
      for (const [name, args] of views) {
        const r = await p.run(args, { timeoutMs: SCENARIO_TIMEOUT_MS });
        expect(r.code, `${name}: ${r.stderr.slice(-500)}`).toBe(0);
        texts[name] = r.stdout + r.stderr;
      }
      // One level below, with every other debug switch on: nothing at all.
      const belowTrace: Record<string, string> = {};
      const preview8 = await p.run(["preview", "--refresh", ...VERBOSE_8], { timeoutMs: SCENARIO_TIMEOUT_MS });
      expect(preview8.code, preview8.stdout.slice(-3000)).toBe(0);
      belowTrace["preview -v=8: stdout"] = preview8.stdout;
      belowTrace["preview -v=8: stderr"] = preview8.stderr;
      const destroy = await p.run(["destroy", "--yes", "--skip-preview", ...VERBOSE_8], {
        timeoutMs: SCENARIO_TIMEOUT_MS,
      });
      expect(destroy.code, destroy.stdout.slice(-3000)).toBe(0);
      belowTrace["destroy -v=8: stdout"] = destroy.stdout;
      belowTrace["destroy -v=8: stderr"] = destroy.stderr;

      const root = path.dirname(p.dir);
      Object.assign(
        texts,
        filesUnder(path.join(root, "backend"), "backend"),
        filesUnder(path.join(root, "home"), "PULUMI_HOME"),
      );
      for (const [k, v] of Object.entries(filesUnder(p.dir, "program"))) if (!k.includes("node_modules")) texts[k] = v;
      texts["emulator request log"] = emulatorLog.join("\n");

      // The verbose logs really are verbose (the scan would be meaningless otherwise).
      expect(up.stderr.length).toBeGreaterThan(100_000);
      expect(destroy.stderr.length).toBeGreaterThan(10_000);
      const forms = secretForms({ "account password": ADMIN_PASSWORD, "push authorization": SIEM_TOKEN }, p.apiKey);
      // The engine's -v=9 gRPC property trace, set apart; the rest of every text is scanned.
      const engineTrace: string[] = [];
      const rest: Record<string, string> = {};
      for (const [name, text] of Object.entries(texts)) {
        const lines = text.split("\n");
        engineTrace.push(...lines.filter((l) => ENGINE_RPC_TRACE.test(l)));
        rest[name] = lines.filter((l) => !ENGINE_RPC_TRACE.test(l)).join("\n");
      }
      const hits = scanForSecrets({ ...rest, ...belowTrace }, forms);
      expect(hits).toEqual([]);
      const engineTraceHits = engineTrace.filter((l) => Object.values(forms).some((v) => l.includes(v)));

      writeResults("secrets", {
        secretsLookedFor: Object.keys(forms),
        textsScanned: Object.keys(texts).length + Object.keys(belowTrace).length,
        bytesScanned: [...Object.values(texts), ...Object.values(belowTrace)].reduce((n, t) => n + t.length, 0),
        secretsFound: hits.length,
        pulumiEngineRpcTraceLinesWithSecretsAtV9: engineTraceHits.length,
        pulumiEngineRpcTraceLinesAtV9: engineTrace.length,
        seconds: Math.round((Date.now() - started) / 1000),
      });
    },
    SCENARIO_TIMEOUT_MS,
  );
});
