/**
 * Bad input: every entry of the corpus (bad-input-corpus.ts, over 100 malformed or hostile inputs
 * across all resources) is refused by the resource's `check` with a failure on the expected field,
 * without echoing a password, and with zero calls to GravityZone.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { perResource } from "../../provider/registry";
import { startProviderEnv, type ProviderEnv } from "../helpers/provider-env";
import { BAD_INPUTS, BASES, inputsOf } from "./bad-input-corpus";
import { writeResults } from "./support";

/** Every registered resource's handler: the corpus must cover each. */
const HANDLERS = perResource((e) => e.handler);

let env: ProviderEnv;
const refused: Record<string, number> = {};
const pollution: string[] = [];

beforeAll(async () => {
  env = await startProviderEnv();
  env.reset();
});
afterAll(async () => env?.close());

describe("bad-input corpus", () => {
  it("has at least 100 entries covering every resource", () => {
    expect(BAD_INPUTS.length).toBeGreaterThanOrEqual(100);
    expect(new Set(BAD_INPUTS.map((b) => b.resource))).toEqual(new Set(Object.keys(HANDLERS)));
  });

  it.each(Object.keys(BASES) as (keyof typeof BASES)[])("the valid base input of %s passes check", async (resource) => {
    const { failures } = await HANDLERS[resource].check({}, { ...BASES[resource] });
    expect(failures ?? []).toEqual([]);
  });

  it.each(BAD_INPUTS.map((b, i) => [`${i + 1}. ${b.resource}.${b.field}: ${b.what}`, b] as const))(
    "%s is refused, naming the field",
    async (_name, entry) => {
      const inputs = inputsOf(entry);
      const { failures } = await HANDLERS[entry.resource].check({}, inputs);
      expect(failures, "check accepted it").toBeDefined();
      const named = (failures ?? []).filter((f) => f.property === entry.field);
      expect(named.length, `failures name ${JSON.stringify((failures ?? []).map((f) => f.property))}`).toBeGreaterThan(
        0,
      );
      for (const f of named) expect(f.reason.startsWith(entry.field), f.reason.slice(0, 200)).toBe(true);
      // A refused password is never repeated in the message.
      if (entry.field === "password" && typeof inputs.password === "string")
        for (const f of failures ?? []) expect(f.reason).not.toContain(inputs.password);
      // Checking never pollutes a prototype.
      if (
        ({} as Record<string, unknown>).polluted !== undefined ||
        ({} as Record<string, unknown>).isAdmin !== undefined
      )
        pollution.push(_name);
      refused[entry.resource] = (refused[entry.resource] ?? 0) + 1;
    },
  );

  it("made zero API calls and polluted no prototype", () => {
    expect(env.calls()).toEqual([]);
    expect(pollution).toEqual([]);
    writeResults("bad-input", {
      inputsTried: BAD_INPUTS.length,
      refusedNamingTheField: Object.values(refused).reduce((a, b) => a + b, 0),
      byResource: refused,
      apiCalls: env.calls().length,
      prototypesPolluted: pollution.length,
    });
  });
});
