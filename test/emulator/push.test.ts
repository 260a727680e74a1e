/**
 * push module: the "were not set" state, one configuration per key's company, field rules
 * (every documented parameter required, https receiver, event names, splunk authorization, own
 * company in subscribeToCompanies), stats and test events (an object with _testEvent_: true).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../emulator/index";
import { fails, ok, seeded, start } from "./helpers";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await start();
});
afterAll(() => emu.close());

const valid = () => ({
  status: 1,
  serviceType: "jsonRPC",
  serviceSettings: {
    url: "https://siem.example.com/gz",
    authorization: "Bearer abc123",
    requireValidSslCertificate: true,
  },
  subscribeToEventTypes: { av: true, fw: true, "task-status": false },
});

describe("push", () => {
  it("answers an error containing 'were not set' before the service is configured", async () => {
    for (const method of ["getPushEventSettings", "getPushEventStats"]) {
      const e = await fails(emu, "push", method, {});
      expect(e.code).toBe(-32602);
      expect(e.data.details).toMatch(/were not set/);
    }
    expect((await fails(emu, "push", "sendTestPushEvent", { eventType: "av" })).data.details).toMatch(/were not set/);
  });

  it("validates every member before saving", async () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ ...valid(), status: 2 }, /'status'/],
      [{ ...valid(), serviceType: "syslog" }, /'serviceType'/],
      [{ ...valid(), serviceSettings: { url: "http://siem.example.com" } }, /'serviceSettings.url'.*https/],
      [{ ...valid(), serviceSettings: { url: "not a url" } }, /'serviceSettings.url'/],
      [{ ...valid(), serviceSettings: { authorization: "x" } }, /Missing required parameter 'serviceSettings.url'/],
      [
        { ...valid(), subscribeToEventTypes: { av: true, "made-up-event": true } },
        /'subscribeToEventTypes.made-up-event' is not expected/,
      ],
      [{ ...valid(), subscribeToEventTypes: { av: "yes" } }, /'subscribeToEventTypes.av'.*boolean/],
      [{ ...valid(), serviceType: "splunk" }, /splunkAuthorization/],
      [{ ...valid(), subscribeToCompanies: [] }, /'subscribeToCompanies'.*empty/],
      [{ ...valid(), status: undefined }, /Missing required parameter 'status'/],
      [{ status: 1 }, /Missing required parameter 'serviceType'/],
      [{ ...valid(), serviceSettings: [{ url: "https://siem.example.com" }] }, /'serviceSettings'.*an object/],
      [{ ...valid(), subscribeToEventTypes: ["av"] }, /'subscribeToEventTypes'.*an object/],
      [{ ...valid(), status: 0.5 }, /'status'.*integer/],
    ];
    for (const [params, why] of cases)
      expect((await fails(emu, "push", "setPushEventSettings", params)).data.details).toMatch(why);
    const other = seeded(emu).company("Tailspin Toys").id;
    expect(
      (await fails(emu, "push", "setPushEventSettings", { ...valid(), subscribeToCompanies: [other] })).data.details,
    ).toMatch(/own company/);
    expect(emu.state.push[emu.state.rootCompanyId]).toBeUndefined();
  });

  it("saves settings, answers true, and returns them (authorization included)", async () => {
    const s = seeded(emu);
    const companies = [emu.state.rootCompanyId, s.company("Tailspin Toys").id];
    expect(await ok(emu, "push", "setPushEventSettings", { ...valid(), subscribeToCompanies: companies })).toBe(true);
    expect(await ok(emu, "push", "getPushEventSettings", {})).toEqual({ ...valid(), subscribeToCompanies: companies });
    const stats = await ok(emu, "push", "getPushEventStats", {});
    expect(stats).toMatchObject({
      count: { events: 0, testEvents: 0, sentMessages: 0, errorMessages: 0 },
      error: expect.any(Object),
      lastUpdateTime: expect.any(String),
    });
  });

  it("uses splunkAuthorization for splunk and overwrites the previous configuration", async () => {
    const url = "https://splunk.example.com:8088/services/collector";
    const serviceSettings = { url, splunkAuthorization: "Splunk 1234" };
    await ok(emu, "push", "setPushEventSettings", {
      status: 1,
      serviceType: "splunk",
      serviceSettings,
      subscribeToEventTypes: { av: true },
    });
    const got = await ok(emu, "push", "getPushEventSettings", {});
    expect(got).toEqual({
      status: 1,
      serviceType: "splunk",
      serviceSettings: { url, splunkAuthorization: "Splunk 1234", requireValidSslCertificate: true },
      subscribeToEventTypes: { av: true },
      subscribeToCompanies: null,
    });
    const wrong = {
      status: 1,
      serviceType: "splunk",
      serviceSettings: { url: "https://s.example.com", authorization: "x" },
      subscribeToEventTypes: {},
    };
    expect((await fails(emu, "push", "setPushEventSettings", wrong)).data.details).toMatch(
      /'serviceSettings.authorization' is not expected/,
    );
  });

  it("sends test events while enabled, answers the event with _testEvent_: true (77209-135321) and counts them", async () => {
    await ok(emu, "push", "setPushEventSettings", valid());
    expect(await ok(emu, "push", "sendTestPushEvent", { eventType: "av" })).toEqual({
      module: "av",
      companyId: emu.state.rootCompanyId,
      _testEvent_: true,
    });
    const withData = await ok(emu, "push", "sendTestPushEvent", {
      eventType: "av",
      data: { malware_name: "Test malware name", _testEvent_: false },
    });
    expect(withData).toEqual({
      module: "av",
      companyId: emu.state.rootCompanyId,
      malware_name: "Test malware name",
      _testEvent_: true,
    });
    expect((await ok(emu, "push", "getPushEventStats", {})).count.testEvents).toBe(2);
    expect((await fails(emu, "push", "sendTestPushEvent", { eventType: "nope" })).data.details).toMatch(/'eventType'/);
    expect((await fails(emu, "push", "sendTestPushEvent", {})).data.details).toBe(
      "Missing required parameter 'eventType'.",
    );
  });

  it("status 0 disables the service and keeps the configuration readable", async () => {
    await ok(emu, "push", "setPushEventSettings", valid());
    expect(await ok(emu, "push", "setPushEventSettings", { ...valid(), status: 0 })).toBe(true);
    const got = await ok(emu, "push", "getPushEventSettings", {});
    expect(got).toMatchObject({
      status: 0,
      serviceType: "jsonRPC",
      serviceSettings: { url: "https://siem.example.com/gz" },
    });
    expect((await fails(emu, "push", "sendTestPushEvent", { eventType: "av" })).data.details).toMatch(/disabled/);
  });

  it("requires the whole configuration with status 0 too: every row is 'Optional: No' (77211-135319)", async () => {
    await ok(emu, "push", "setPushEventSettings", valid());
    expect((await fails(emu, "push", "setPushEventSettings", { status: 0 })).data.details).toBe(
      "Missing required parameter 'serviceType'.",
    );
    const { subscribeToEventTypes: _omit, ...noEvents } = valid();
    const details = (await fails(emu, "push", "setPushEventSettings", { ...noEvents, status: 0 })).data.details;
    expect(details).toBe("Missing required parameter 'subscribeToEventTypes'.");
    expect((await ok(emu, "push", "getPushEventSettings", {})).status).toBe(1);
  });

  it("replaces the stored configuration: a call without subscribeToCompanies means all companies again (77211-135319)", async () => {
    const companies = [emu.state.rootCompanyId, seeded(emu).company("Tailspin Toys").id];
    await ok(emu, "push", "setPushEventSettings", { ...valid(), subscribeToCompanies: companies });
    await ok(emu, "push", "setPushEventSettings", { ...valid(), status: 0 });
    expect((await ok(emu, "push", "getPushEventSettings", {})).subscribeToCompanies).toBeNull();
  });
});
