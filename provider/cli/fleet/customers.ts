/**
 * The fleet's customers file: one entry per stack, with the stack's config values.
 *
 * ```json
 * {
 *   "config": {
 *     "gravityzone:accessUrl": "https://cloud.gravityzone.bitdefender.com/api",
 *     "gravityzone:apiKey": { "secretFromEnv": "GRAVITYZONE_API_KEY" }
 *   },
 *   "stacks": {
 *     "contoso": { "customer:name": "Contoso Ltd", "customer:groups": { "value": ["Servers"] } },
 *     "fabrikam": { "customer:name": "Fabrikam", "customer:vpnPassword": { "secret": "…" } }
 *   }
 * }
 * ```
 *
 * `config` applies to every stack (a stack's own value wins). A value is a string, number or boolean;
 * `{ "value": <any JSON> }` (objects and arrays are passed as JSON, which `Config.getObject` reads);
 * `{ "secret": "…" }` or `{ "secretFromEnv": "NAME" }` for a secret, set with `--secret` so that it
 * is encrypted in the stack's settings and state.
 */
import * as fs from "node:fs";
import { z } from "zod";

/** One config value as the Automation API sets it. */
export interface ConfigEntry {
  /** The value (objects and arrays JSON-encoded). */
  value: string;
  /** Set as a secret. */
  secret: boolean;
}

/** One stack of the fleet. */
export interface FleetStack {
  /** The stack name. */
  name: string;
  /** Its config: `namespace:key` → value (the file's common `config` merged under the stack's own). */
  config: Record<string, ConfigEntry>;
}

/** A customers file that cannot be used; the message names the file and the field. */
export class CustomersFileError extends Error {
  /** @param message what is wrong, and where. */
  constructor(message: string) {
    super(message);
    this.name = "CustomersFileError";
  }
}

const configKey = z
  .string()
  .regex(/^[A-Za-z0-9_.-]+(:[A-Za-z0-9_.-]+)?$/, "a config key is `namespace:name` (letters, digits, _ . -)");
const configValue = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.strictObject({ value: z.json() }),
  z.strictObject({ secret: z.string().min(1, "a secret must not be empty") }),
  z.strictObject({
    secretFromEnv: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "must be an environment variable name"),
  }),
]);
const configMap = z.record(configKey, configValue);
const stackName = z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/, "a stack name is 1-100 letters, digits, _ . or -");
const customersSchema = z.strictObject({
  config: configMap.optional(),
  stacks: z.record(stackName, configMap).refine((s) => Object.keys(s).length > 0, "at least one stack is needed"),
});

type ConfigValue = z.infer<typeof configValue>;

/** A readable message for a zod issue: a bad record key says why, a bad value says what is allowed. */
function messageOf(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_key") return issue.issues[0]?.message ?? issue.message;
  if (issue.code === "invalid_union")
    return 'a value is a string, a number, a boolean, { "value": <JSON> }, { "secret": "…" } or { "secretFromEnv": "NAME" }';
  return issue.message;
}

/** Reads and checks a customers file. */
export function loadCustomers(file: string, env: NodeJS.ProcessEnv = process.env): FleetStack[] {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new CustomersFileError(`cannot read the customers file ${file}: ${(e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new CustomersFileError(`${file} is not JSON: ${(e as Error).message}`);
  }
  return parseCustomers(json, file, env);
}

/** Checks a parsed customers file; `file` only names it in errors. */
export function parseCustomers(json: unknown, file: string, env: NodeJS.ProcessEnv = process.env): FleetStack[] {
  const parsed = customersSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length > 0 ? issue.path.map(String).join(".") : "(top level)";
    throw new CustomersFileError(`${file}: ${where}: ${messageOf(issue)}`);
  }
  const common = parsed.data.config ?? {};
  return Object.entries(parsed.data.stacks).map(([name, own]) => {
    const config: Record<string, ConfigEntry> = {};
    for (const [key, v] of Object.entries({ ...common, ...own })) {
      const where = key in own ? `stacks.${name}.${key}` : `config.${key}`;
      config[key] = entryOf(v, `${file}: ${where}`, env);
    }
    return { name, config };
  });
}

function entryOf(v: ConfigValue, where: string, env: NodeJS.ProcessEnv): ConfigEntry {
  if (typeof v !== "object") return { value: String(v), secret: false };
  if ("secret" in v) return { value: v.secret, secret: true };
  if ("secretFromEnv" in v) {
    const value = env[v.secretFromEnv];
    if (value === undefined || value === "")
      throw new CustomersFileError(`${where}: the environment variable ${v.secretFromEnv} is not set`);
    return { value, secret: true };
  }
  return { value: typeof v.value === "string" ? v.value : JSON.stringify(v.value), secret: false };
}

/**
 * The stacks `patterns` select (names or globs with `*` and `?`, comma-separated; none = all), in
 * file order. A pattern that matches nothing is an error: a typo must not silently skip customers.
 */
export function selectStacks(stacks: readonly FleetStack[], patterns: string | undefined): FleetStack[] {
  const list = (patterns ?? "")
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean);
  if (list.length === 0) return [...stacks];
  const regexes = list.map((p) => ({
    p,
    re: new RegExp(
      `^${p
        .replace(/[.+^${}()|[\]\\]/g, "\\$&")
        .replace(/\*/g, ".*")
        .replace(/\?/g, ".")}$`,
    ),
  }));
  for (const { p, re } of regexes)
    if (!stacks.some((s) => re.test(s.name))) throw new CustomersFileError(`--stacks: "${p}" matches no stack`);
  return stacks.filter((s) => regexes.some(({ re }) => re.test(s.name)));
}

/**
 * The part of `stacks` job `index` of `count` runs (`--shard 2/4`: the second of four CI jobs): every
 * `count`-th stack in file order, so each job gets a near-equal part and together they cover all.
 * @param shard `i/N` with 1 ≤ i ≤ N.
 */
export function shardStacks(stacks: readonly FleetStack[], shard: string | undefined): FleetStack[] {
  if (shard === undefined) return [...stacks];
  const m = /^(\d+)\/(\d+)$/.exec(shard.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!(count >= 1 && index >= 1 && index <= count))
    throw new CustomersFileError(`--shard: must be i/N with 1 <= i <= N (e.g. 2/4), not "${shard}"`);
  return stacks.filter((_, i) => i % count === index - 1);
}
