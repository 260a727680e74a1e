import * as pulumi from "@pulumi/pulumi";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import {
  handler,
  PushEventSettings,
  type PushEventSettingsOutputs,
} from "../../provider/resources/push-event-settings";
import { setProviderClient } from "../../provider/settings";
import { UNKNOWN } from "../../provider/framework/unknown";
import { checkedInputs, startProviderEnv, type ProviderEnv } from "../helpers/provider-env";

let env: ProviderEnv;
let companyId: string;

const URL_A = "https://siem.example.com/gz";
const base = { serviceType: "splunk", url: URL_A, authorization: "Splunk 1234-abcd", eventTypes: ["fw", "av", "av"] };

beforeAll(async () => {
  env = await startProviderEnv({ seed: "empty" });
  companyId = (await env.client.call("companies", "getCompanyDetails", {}, z.object({ id: z.string() }).loose())).id;
});
afterAll(() => env.close());
beforeEach(() => env.reset());

const checked = (news: Record<string, unknown>) => checkedInputs(handler, news);

const setCalls = () =>
  env.emu
    .calls()
    .filter((c) => c.method === "setPushEventSettings")
    .map((c) => c.params as Record<string, unknown>);

describe("check", () => {
  it.each([
    [
      { ...base, serviceType: "syslog" },
      "serviceType",
      "serviceType: must be one of jsonRPC, splunk, cef, qradar, azuresentinel",
    ],
    [{ ...base, url: "http://siem.example.com/gz" }, "url", "url: must be an https:// URL"],
    [{ ...base, url: "not a url" }, "url", "url: must be an https:// URL"],
    [
      { ...base, url: "https://siem:hunter2@siem.example.com/gz" },
      "url",
      "url: must not contain credentials (user:password@): put them in `authorization`, which is kept secret",
    ],
    [
      { ...base, url: "https://siem.example.com/gz?token=abc123" },
      "url",
      "url: must not carry a token, key, password or signature in its query: put it in `authorization`, which is kept secret",
    ],
    [
      { ...base, url: "https://siem.example.com/gz?api_key=abc123&x=1" },
      "url",
      "url: must not carry a token, key, password or signature in its query: put it in `authorization`, which is kept secret",
    ],
    [{ ...base, authorization: "" }, "authorization", "authorization: must not be empty (omit it instead)"],
    [{ ...base, eventTypes: [] }, "eventTypes", "eventTypes: must name at least one event type"],
    [
      { ...base, subscribeToCompanies: ["nope"] },
      "subscribeToCompanies",
      "subscribeToCompanies.0: must be a GravityZone id (24 hexadecimal characters)",
    ],
    [
      { ...base, subscribeToCompanies: [] },
      "subscribeToCompanies",
      "subscribeToCompanies: must not be empty (omit it for all companies)",
    ],
    [{ ...base, enabled: "yes" }, "enabled", "enabled: Invalid input: expected boolean, received string"],
    [{ ...base, eventType: ["av"] }, "eventType", "eventType: not a known input (check the spelling)"],
  ])("%j fails on %s before any API call", async (news, property, reason) => {
    const { failures } = await handler.check({}, news);
    expect(failures).toEqual([{ property, reason }]);
    expect(env.calls()).toEqual([]);
  });

  it("rejects an unknown event name and lists the allowed ones", async () => {
    const { failures } = await handler.check({}, { ...base, eventTypes: ["av", "malware"] });
    expect(failures).toHaveLength(1);
    expect(failures![0]!.property).toBe("eventTypes");
    expect(failures![0]!.reason).toMatch(
      /^eventTypes\.1: unknown push event type "malware"; allowed: adcloud, antiexploit, aph, av, .*uninstall$/,
    );
    expect(env.calls()).toEqual([]);
  });

  it("passes preview unknowns through, sorts and de-duplicates event names, and fills defaults", async () => {
    expect((await handler.check({}, { ...base, url: UNKNOWN, authorization: UNKNOWN })).failures).toBeUndefined();
    expect(await checked(base)).toEqual({
      serviceType: "splunk",
      url: URL_A,
      authorization: "Splunk 1234-abcd",
      eventTypes: ["av", "fw"],
      requireValidSslCertificate: true,
      enabled: true,
      adopt: false,
    });
    expect(env.calls()).toEqual([]);
  });
});

describe("lifecycle", () => {
  it('reads an unconfigured service ("were not set") as gone', async () => {
    const { id } = await handler.read(`push-settings:${companyId}`, {
      ...(await checked(base)),
      companyId,
      adopted: false,
    });
    expect(id).toBe("");
    expect(env.calls()).toEqual(["push.getPushEventSettings"]);
  });

  it("creates with one read and one write, reads back, updates with the whole configuration, and deletes by switching off", async () => {
    const inputs = await checked({ ...base, subscribeToCompanies: [companyId] });
    const { id, outs } = await handler.create(inputs);
    expect(id).toBe(`push-settings:${companyId}`);
    expect(outs).toEqual({ ...inputs, companyId, adopted: false });
    expect(env.calls()).toEqual([
      "companies.getCompanyDetails",
      "push.getPushEventSettings",
      "push.setPushEventSettings",
    ]);
    expect(setCalls()).toEqual([
      {
        status: 1,
        serviceType: "splunk",
        serviceSettings: { url: URL_A, requireValidSslCertificate: true, splunkAuthorization: "Splunk 1234-abcd" },
        subscribeToEventTypes: { av: true, fw: true },
        subscribeToCompanies: [companyId],
      },
    ]);

    const read = await handler.read(id, outs);
    expect(read.id).toBe(id);
    expect(read.props).toEqual(outs);
    expect(await handler.diff(id, read.props, inputs)).toEqual({
      changes: false,
      replaces: [],
      deleteBeforeReplace: false,
    });

    env.reset();
    await handler.update(id, outs, inputs);
    expect(env.calls()).toEqual([]);

    // A change sends the whole configuration once, with no read after it.
    const news = {
      ...inputs,
      serviceType: "jsonRPC",
      authorization: "Bearer xyz",
      eventTypes: ["av", "new-incident"],
      requireValidSslCertificate: false,
    };
    expect(await handler.diff(id, outs, news)).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    env.reset();
    const updated = await handler.update(id, outs, news);
    expect(env.calls()).toEqual(["push.setPushEventSettings"]);
    expect(setCalls()).toEqual([
      {
        status: 1,
        serviceType: "jsonRPC",
        serviceSettings: { url: URL_A, requireValidSslCertificate: false, authorization: "Bearer xyz" },
        subscribeToEventTypes: { av: true, "new-incident": true },
        subscribeToCompanies: [companyId],
      },
    ]);
    expect((await handler.read(id, updated.outs)).props).toEqual(updated.outs);

    // Delete switches the service off: GravityZone wants the whole configuration even with status 0.
    env.reset();
    await handler.delete(id, updated.outs);
    expect(env.calls()).toEqual(["push.setPushEventSettings"]);
    expect(setCalls()).toEqual([
      {
        status: 0,
        serviceType: "jsonRPC",
        serviceSettings: { url: URL_A, requireValidSslCertificate: false, authorization: "Bearer xyz" },
        subscribeToEventTypes: { av: true, "new-incident": true },
        subscribeToCompanies: [companyId],
      },
    ]);
    expect(env.emu.state.push[companyId]).toMatchObject({
      status: 0,
      serviceType: "jsonRPC",
      serviceSettings: { url: URL_A, authorization: "Bearer xyz" },
    });
    await handler.delete(id, updated.outs);
    const after = await handler.read(id, updated.outs);
    expect(after.props).toMatchObject({ enabled: false });
  });

  it("shows the service switching itself off (disablePush) as drift on enabled, repaired by one write", async () => {
    const inputs = await checked({ ...base, serviceType: "cef", authorization: undefined });
    const { id, outs } = await handler.create({ ...inputs, adopt: true });
    await env.console({ action: "disablePush", companyId });
    const read = await handler.read(id, outs);
    expect(read.props).toEqual({ ...outs, enabled: false });
    expect(await handler.diff(id, read.props, inputs)).toEqual({
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
    });
    env.reset();
    await handler.update(id, read.props, inputs);
    expect(env.calls()).toEqual(["push.setPushEventSettings"]);
    expect(setCalls()[0]).toMatchObject({ status: 1, serviceType: "cef" });
    expect(env.emu.state.push[companyId]!.status).toBe(1);
  });

  it("shows an authorization changed elsewhere as drift, comparing the secret without exposing it", async () => {
    const inputs = await checked({ ...base, serviceType: "jsonRPC", authorization: "Bearer one" });
    const { id, outs } = await handler.create({ ...inputs, adopt: true });
    env.emu.state.push[companyId]!.serviceSettings.authorization = "Bearer two";
    const read = await handler.read(id, outs);
    expect(read.props).toMatchObject({ authorization: "Bearer two" });
    expect(await handler.diff(id, read.props, inputs)).toEqual({
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
    });
  });
});

describe("adopt", () => {
  it("an enabled configuration fails without adopt (no write), and is adopted with no write when it matches", async () => {
    const inputs = await checked({ ...base, serviceType: "qradar", authorization: "QRadar t" });
    await handler.create({ ...inputs, adopt: true });
    env.reset();
    await expect(handler.create(inputs)).rejects.toThrow(
      /already configured and enabled for company [0-9a-f]{24}.*one push configuration per company.*Set `adopt: true`/,
    );
    expect(env.writes()).toEqual([]);

    const adopted = await handler.create({ ...inputs, adopt: true });
    expect(adopted.outs).toMatchObject({ adopted: true, companyId });
    expect(env.writes()).toEqual([]);

    // A different declared configuration is written once.
    env.reset();
    await handler.create({ ...inputs, url: "https://other.example.com/", adopt: true });
    expect(env.writes()).toEqual(["push.setPushEventSettings"]);
    expect(env.emu.state.push[companyId]!.serviceSettings.url).toBe("https://other.example.com/");
  });

  it("a disabled configuration counts as absent: creating needs no adopt", async () => {
    const inputs = await checked({ ...base, serviceType: "azuresentinel", authorization: "SharedKey k" });
    await handler.create({ ...inputs, adopt: true });
    await env.console({ action: "disablePush", companyId });
    env.reset();
    const { outs } = await handler.create(inputs);
    expect(outs.adopted).toBe(false);
    expect(env.writes()).toEqual(["push.setPushEventSettings"]);
    expect(env.emu.state.push[companyId]!.status).toBe(1);
  });

  it("a disabled configuration that already is the declared one (enabled: false) is taken as it is, with no write", async () => {
    const inputs = await checked({ ...base, serviceType: "jsonRPC", authorization: "Bearer off", enabled: false });
    await handler.create({ ...inputs, enabled: true, adopt: true });
    await env.console({ action: "disablePush", companyId });
    env.reset();
    const { outs } = await handler.create({ ...inputs, adopt: true });
    expect(outs).toMatchObject({ enabled: false, adopted: false });
    expect(env.writes()).toEqual([]);
    expect(await handler.diff(`push-settings:${companyId}`, outs, { ...inputs, adopt: true })).toEqual({
      changes: false,
      replaces: [],
      deleteBeforeReplace: false,
    });
  });
});

describe("lost answers", () => {
  it("a write applied but unanswered (dropAfterWriteRate 1) is confirmed by reading back, with no second write", async () => {
    const inputs = await checked({
      ...base,
      serviceType: "jsonRPC",
      authorization: "Bearer lost",
      url: "https://lost.example.com/",
    });
    await env.console({ action: "disablePush", companyId }).catch(() => undefined);
    env.reset();
    env.emu.setFaults({ dropAfterWriteRate: 1, methods: ["push.setPushEventSettings"], seed: 1 });
    try {
      const { outs } = await handler.create(inputs);
      expect(outs).toMatchObject({ url: "https://lost.example.com/", enabled: true });
    } finally {
      env.emu.setFaults(undefined);
    }
    expect(env.writes()).toEqual(["push.setPushEventSettings"]);
    expect(env.emu.state.push[companyId]).toMatchObject({
      status: 1,
      serviceSettings: { url: "https://lost.example.com/", authorization: "Bearer lost" },
    });
  });
});

describe("rate limits", () => {
  it("create, update and delete at a scaled 5/min budget: the client waits, no 429 reaches the caller", async () => {
    const scaled = await startProviderEnv({ seed: "empty", rateLimits: 60 });
    const scaledClient = scaled.client;
    try {
      const inputs = await checked({ ...base, serviceType: "jsonRPC", authorization: "Bearer rl" });
      const { id, outs } = await handler.create(inputs);
      let o: PushEventSettingsOutputs = outs as PushEventSettingsOutputs;
      for (let i = 0; i < 5; i++) {
        const news = { ...inputs, url: `https://siem${i}.example.com/` };
        o = (await handler.update(id, o, news)).outs as PushEventSettingsOutputs;
        expect((await handler.read(id, o)).props).toMatchObject({ url: `https://siem${i}.example.com/` });
      }
      await handler.delete(id, o);
      const push = scaled.emu.calls().filter((c) => c.module === "push");
      expect(push.length).toBe(13);
      expect(push.filter((c) => c.status === 429)).toEqual([]);
      expect(scaledClient.stats.rateLimited).toBe(0);
    } finally {
      await scaled.close();
      setProviderClient(env.client);
    }
  }, 60_000);
});

describe("secrets and serialization", () => {
  it("the class turns a plain authorization into a secret output", async () => {
    await pulumi.runtime.setMocks(
      { newResource: (a) => ({ id: "push-settings:x", state: a.inputs }), call: () => ({}) },
      "project",
      "stack",
      false,
    );
    const r = new PushEventSettings("siem", {
      serviceType: "jsonRPC",
      url: URL_A,
      authorization: "Bearer plain",
      eventTypes: ["av"],
    });
    expect(await (r.authorization as unknown as { isSecret: Promise<boolean> }).isSecret).toBe(true);
    expect(await (r.url as unknown as { isSecret: Promise<boolean> }).isSecret).toBe(false);
  });
});
