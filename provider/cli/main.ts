#!/usr/bin/env node
/**
 * The `pulumi-gravityzone` command. Subcommands: `import`, which writes the Pulumi program for
 * what a GravityZone tenant already holds, and `fleet`, which runs a program on one stack per
 * customer with one shared rate-limit budget (`./fleet/command.ts`).
 */
import { parseArgs } from "node:util";
import { closeTransport, DEFAULT_ACCESS_URL, isGravityZoneError } from "../client";
import { PACKAGE_VERSION } from "../client/version";
import { fleetMain } from "./fleet/command";
import { runImport, UsageError, type ImportOptions } from "./import-command";
import { KINDS, type Kind } from "./model";

const HELP = `Usage: pulumi-gravityzone import [options]

Writes a TypeScript Pulumi program declaring what a GravityZone tenant already holds: companies,
custom groups, installation packages, console accounts, push settings, blocklist rules and policy
assignments, each with adopt: true. The first \`pulumi up\` of it takes every object over without
creating or changing anything.

Scope (default: every company under the API key's own company):
  --company <id>          one company, with its groups, packages, accounts, blocklist and assignments
                          (not the companies below it); repeat it for several companies
  --parent <id>           every company under this partner company, at any depth
  --kinds <list>          what to import, comma-separated (default: all):
                          ${KINDS.join(",")}

Output:
  --out <path>            a directory (index.ts, plus Pulumi.yaml, package.json and tsconfig.json when
                          the directory is new or empty), a .ts file, or - for standard output
  --dry-run               read the tenant and print how many objects of each kind would be written
  --force                 overwrite an existing index.ts (or output file)
  --show-secrets          print secrets GravityZone returns (the push authorization) in the set-up
                          commands shown at the end; they are never written to a file
  --quiet                 no progress lines

Connection:
  --access-url <url>      the API's access URL (default: GRAVITYZONE_ACCESS_URL, else
                          ${DEFAULT_ACCESS_URL})
  --api-key-env <name>    the environment variable holding the API key (default: GRAVITYZONE_API_KEY);
                          the key is never taken on the command line
  -h, --help              this help
  --version               the package version

Rate limits are respected automatically (calls wait for a slot). Progress goes to standard error.

Example:
  export GRAVITYZONE_API_KEY=…   # or: read -rs GRAVITYZONE_API_KEY && export GRAVITYZONE_API_KEY
  pulumi-gravityzone import --parent 5f1a… --out ./tenant
`;

const TOP_HELP = `Usage: pulumi-gravityzone <command> [options]

Commands:
  import    write the Pulumi program for what a GravityZone tenant already holds
  fleet     run a program on one stack per customer, many at once, with one shared API budget

Run \`pulumi-gravityzone <command> --help\` for its options.
`;

const ID = /^[0-9a-fA-F]{24}$/;

/** Parses `--kinds`. */
export function parseKinds(text: string | undefined): Set<Kind> {
  if (text === undefined || text.trim() === "" || text.trim() === "all") return new Set(KINDS);
  const out = new Set<Kind>();
  for (const raw of text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    if (!(KINDS as readonly string[]).includes(raw))
      throw new UsageError(`--kinds: unknown kind "${raw}"; allowed: ${KINDS.join(", ")}`);
    out.add(raw as Kind);
  }
  return out;
}

/** Runs the command line; returns the exit code. */
export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === "-h" || command === "--help" || command === "help") {
    process.stdout.write(TOP_HELP);
    return command === undefined ? 2 : 0;
  }
  if (command === "--version") {
    process.stdout.write(`${PACKAGE_VERSION}\n`);
    return 0;
  }
  if (command === "fleet") {
    return fleetMain(rest, env);
  }
  if (command !== "import") {
    process.stderr.write(`pulumi-gravityzone: unknown command "${command}"\n\n${TOP_HELP}`);
    return 2;
  }
  return importCommand(rest, env);
}

/** `pulumi-gravityzone import <args>`: returns the exit code (2 for a usage error, 1 for a failure). */
async function importCommand(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  try {
    const options = importOptions(args, env);
    if (options === "help") {
      process.stdout.write(HELP);
      return 0;
    }
    await runImport(options);
    return 0;
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      process.stderr.write(
        `pulumi-gravityzone import: ${(e as Error).message}\nRun \`pulumi-gravityzone import --help\` for the options.\n`,
      );
      return 2;
    }
    if (isGravityZoneError(e)) {
      process.stderr.write(`pulumi-gravityzone import: ${e.message}\n`);
      return 1;
    }
    process.stderr.write(`pulumi-gravityzone import: ${(e as Error).stack ?? String(e)}\n`);
    return 1;
  }
}

/** The import's options from its arguments and the environment, or `"help"`; throws a {@link UsageError}. */
function importOptions(args: string[], env: NodeJS.ProcessEnv): ImportOptions | "help" {
  if (args.some((a) => a === "--api-key" || a.startsWith("--api-key="))) {
    throw new UsageError(
      "the API key is never taken on the command line (it would land in shell history): export GRAVITYZONE_API_KEY, or name another variable with --api-key-env",
    );
  }
  const { values } = parseArgs({
    args,
    strict: true,
    allowPositionals: false,
    options: {
      "access-url": { type: "string" },
      "api-key-env": { type: "string" },
      company: { type: "string", multiple: true },
      parent: { type: "string" },
      kinds: { type: "string" },
      out: { type: "string" },
      "dry-run": { type: "boolean" },
      force: { type: "boolean" },
      "show-secrets": { type: "boolean" },
      quiet: { type: "boolean" },
      help: { type: "boolean", short: "h" },
      // Hidden: for an emulator started with --rate-limits <factor>.
      "rate-limit-scale": { type: "string" },
    },
  });
  if (values.help) return "help";
  if (values.company !== undefined && values.parent !== undefined)
    throw new UsageError("give --company or --parent, not both");
  for (const id of values.company ?? [])
    if (!ID.test(id))
      throw new UsageError(`--company: must be a GravityZone id (24 hexadecimal characters), not "${id}"`);
  if (values.parent !== undefined && !ID.test(values.parent))
    throw new UsageError("--parent: must be a GravityZone id (24 hexadecimal characters)");
  const keyEnv = values["api-key-env"] ?? "GRAVITYZONE_API_KEY";
  const apiKey = env[keyEnv]?.trim();
  if (!apiKey) throw new UsageError(`no API key: set the environment variable ${keyEnv}`);
  let rateLimitScale: number | undefined;
  if (values["rate-limit-scale"] !== undefined) {
    rateLimitScale = Number(values["rate-limit-scale"]);
    if (!Number.isFinite(rateLimitScale) || rateLimitScale <= 0)
      throw new UsageError("--rate-limit-scale: must be a positive number");
  }
  return {
    accessUrl: values["access-url"] ?? (env.GRAVITYZONE_ACCESS_URL?.trim() || DEFAULT_ACCESS_URL),
    apiKey,
    rateLimitScale,
    companies: values.company,
    parent: values.parent,
    kinds: parseKinds(values.kinds),
    out: values.out,
    dryRun: values["dry-run"] ?? false,
    force: values.force ?? false,
    showSecrets: values["show-secrets"] ?? false,
    quiet: values.quiet ?? false,
  };
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    async (code) => {
      // Idle keep-alive connections would hold the process for seconds.
      await closeTransport();
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`${String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
