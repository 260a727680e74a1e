/**
 * A Blocklist change that removes many hashes says how long it takes when it is planned (diff), and
 * a long removal reports its progress; small changes say nothing. Messages name the list by its
 * algorithm and note, never by a hash.
 */
import { createHash } from "node:crypto";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { setEngineLogSink } from "../../provider/framework/engine-log";
import {
  REMOVAL_NOTICE_HASHES,
  REMOVAL_PROGRESS_EVERY,
  handler,
  removalNotice,
  type BlocklistOutputs,
} from "../../provider/resources/blocklist";
import { UNKNOWN } from "../../provider/framework/unknown";
import { checkedInputs, startProviderEnv, type ProviderEnv } from "../helpers/provider-env";

let env: ProviderEnv;
let said: string[];

const sha = (s: string) => createHash("sha256").update(s).digest("hex");
let lists = 0;
/** `n` hashes no other list of these tests holds. */
const shas = (n: number) => {
  const list = ++lists;
  return Array.from({ length: n }, (_, i) => sha(`notice ${list} ${i}`));
};
const LABEL = 'Blocklist (sha256, "IOC feed")';

beforeAll(async () => {
  env = await startProviderEnv({ seed: "default" });
});
afterAll(() => env.close());
beforeEach(() => {
  env.reset();
  said = [];
  setEngineLogSink((m) => said.push(m));
});
afterEach(() => setEngineLogSink(undefined));

async function create(hashes: string[]) {
  const inputs = await checkedInputs(handler, { hashType: "sha256", hashes, sourceInfo: "IOC feed" });
  const r = await handler.create(inputs);
  said.length = 0;
  env.reset();
  return { inputs, id: r.id, outs: r.outs as BlocklistOutputs };
}

describe("the plan of a large removal", () => {
  it(`dropping more than ${REMOVAL_NOTICE_HASHES} hashes says how long the removal takes, in the diff, without an API call`, async () => {
    const all = shas(REMOVAL_NOTICE_HASHES + 11);
    const { id, outs, inputs } = await create(all);
    const dropped = REMOVAL_NOTICE_HASHES + 1;
    await handler.diff(id, outs, await checkedInputs(handler, { ...inputs, hashes: all.slice(dropped) }));
    expect(said).toEqual([
      `${LABEL}: removing ${dropped} hashes takes about 6 minutes (GravityZone removes hash blocklist rules with one incidents.removeFromBlocklist ` +
        "call per hash, 5 per minute per API key, a budget shared with adding hashes, policy assignments and push settings).",
    ]);
    expect(env.calls()).toEqual([]);
    await handler.delete(id, outs);
  });

  it(`dropping ${REMOVAL_NOTICE_HASHES} hashes or fewer, adding hashes, or an unknown new list says nothing`, async () => {
    const all = shas(REMOVAL_NOTICE_HASHES + 11);
    const { id, outs, inputs } = await create(all);
    await handler.diff(id, outs, await checkedInputs(handler, { ...inputs, hashes: all.slice(REMOVAL_NOTICE_HASHES) }));
    await handler.diff(id, outs, await checkedInputs(handler, { ...inputs, hashes: [...all, ...shas(100)] }));
    await handler.diff(id, outs, { ...inputs, hashes: UNKNOWN });
    await handler.diff(id, outs, { ...inputs, hashes: [UNKNOWN] });
    expect(said).toEqual([]);
    await handler.delete(id, outs);
  });

  it("a replacement removes every item first: its plan says so, and its delete does not repeat it", async () => {
    const all = shas(REMOVAL_NOTICE_HASHES + 5);
    const { id, outs, inputs } = await create(all);
    const diff = await handler.diff(id, outs, await checkedInputs(handler, { ...inputs, sourceInfo: "Renamed feed" }));
    expect(diff.replaces).toEqual(["sourceInfo"]);
    expect(said).toEqual([`${LABEL}: ${removalNotice(all.length)}.`]);
    said.length = 0;
    await handler.delete(id, outs);
    expect(said.filter((m) => m.includes("takes about"))).toEqual([]);
  });
});

describe("progress of a long removal", () => {
  it(`an update removing more than ${REMOVAL_NOTICE_HASHES} hashes reports every ${REMOVAL_PROGRESS_EVERY} and at the end`, async () => {
    const all = shas(2 * REMOVAL_PROGRESS_EVERY + 10);
    const { id, outs, inputs } = await create(all);
    const keep = all.slice(0, 3);
    const removed = all.length - keep.length;
    await handler.update(id, outs, await checkedInputs(handler, { ...inputs, hashes: keep }));
    expect(said).toEqual([
      `${LABEL}: removed ${REMOVAL_PROGRESS_EVERY} of ${removed} hashes.`,
      `${LABEL}: removed ${2 * REMOVAL_PROGRESS_EVERY} of ${removed} hashes.`,
      `${LABEL}: removed ${removed} of ${removed} hashes.`,
    ]);
    expect(env.calls().filter((c) => c === "incidents.removeFromBlocklist")).toHaveLength(removed);
    for (const m of said) for (const h of all) expect(m).not.toContain(h);
  });

  it(`an update removing ${REMOVAL_NOTICE_HASHES} hashes or fewer says nothing`, async () => {
    const all = shas(REMOVAL_NOTICE_HASHES + 2);
    const { id, outs, inputs } = await create(all);
    const news = await checkedInputs(handler, { ...inputs, hashes: all.slice(REMOVAL_NOTICE_HASHES) });
    const updated = (await handler.update(id, outs, news)).outs as BlocklistOutputs;
    expect(said).toEqual([]);
    await handler.delete(id, updated);
  });

  it("a destroy (no plan) says how long it takes, then reports progress", async () => {
    const all = shas(REMOVAL_NOTICE_HASHES + 5);
    const { id, outs } = await create(all);
    await handler.delete(id, outs);
    expect(said).toEqual([
      `${LABEL}: ${removalNotice(all.length)}.`,
      `${LABEL}: removed ${REMOVAL_PROGRESS_EVERY} of ${all.length} hashes.`,
      `${LABEL}: removed ${all.length} of ${all.length} hashes.`,
    ]);
  });
});

it("removalNotice counts minutes from the 5-per-minute budget", () => {
  expect(removalNotice(26)).toMatch(/^removing 26 hashes takes about 6 minutes \(/);
  expect(removalNotice(300)).toMatch(/^removing 300 hashes takes about 60 minutes \(/);
  expect(removalNotice(3)).toMatch(/^removing 3 hashes takes about 1 minute \(/);
});
