import { describe, expect, it, vi } from "vitest";
import { PushEventSettings } from "./gravityzone";
import { checkResource } from "./harness";
import {
  pushHttpsOnly,
  pushRequireValidCertificate,
  pushRequiredEventTypes,
} from "../../policypack/rules/push-event-settings";

vi.mock("pulumi-gravityzone", () => import("./gravityzone"));

/** Push settings every rule accepts. */
const happy = {
  serviceType: "splunk",
  url: "https://siem.example.com:8088/services/collector",
  authorization: "Splunk 3f1b2c4d-secret-hec-token",
  requireValidSslCertificate: true,
  eventTypes: ["av", "fw", "new-incident", "ransomware-mitigation"],
  enabled: true,
};

describe("push-https-only", () => {
  it("passes an https receiver", async () => {
    expect(await checkResource(pushHttpsOnly, PushEventSettings, happy)).toEqual({ violations: [] });
  });

  it("fails an http receiver without repeating the URL", async () => {
    const out = await checkResource(pushHttpsOnly, PushEventSettings, {
      ...happy,
      url: "http://user:hunter2pass@siem.example.com/collector?token=abc123",
    });
    expect(out.violations).toEqual([
      { message: "the push receiver URL uses http://: only https:// receivers are allowed." },
    ]);
  });

  it.each([
    ["a URL without a scheme", "siem.example.com:8088/collector"],
    ["credentials without a scheme", "admin:hunter2pass@siem.example.com"],
    ["another scheme", "ftp://siem.example.com/"],
    ["a string that is not a URL", "not a url"],
  ])("fails %s without repeating it", async (_what, url) => {
    const out = await checkResource(pushHttpsOnly, PushEventSettings, { ...happy, url });
    expect(out.violations).toEqual([
      { message: "the push receiver URL is not an https:// URL: only https:// receivers are allowed." },
    ]);
  });
});

describe("push-require-valid-certificate", () => {
  it("passes requireValidSslCertificate: true", async () => {
    expect(await checkResource(pushRequireValidCertificate, PushEventSettings, happy)).toEqual({ violations: [] });
  });

  it("passes when it is left out (the resource's default is true)", async () => {
    const { requireValidSslCertificate: _omit, ...rest } = happy;
    expect(await checkResource(pushRequireValidCertificate, PushEventSettings, rest)).toEqual({ violations: [] });
  });

  it("fails requireValidSslCertificate: false", async () => {
    const out = await checkResource(pushRequireValidCertificate, PushEventSettings, {
      ...happy,
      requireValidSslCertificate: false,
    });
    expect(out.violations).toEqual([
      {
        message:
          "push settings accept a receiver with an invalid TLS certificate: set requireValidSslCertificate: true.",
      },
    ]);
  });
});

describe("push-required-event-types", () => {
  it("passes settings that subscribe to the default minimum", async () => {
    expect(await checkResource(pushRequiredEventTypes, PushEventSettings, happy)).toEqual({ violations: [] });
  });

  it("fails settings missing default event types", async () => {
    const out = await checkResource(pushRequiredEventTypes, PushEventSettings, { ...happy, eventTypes: ["av", "fw"] });
    expect(out.violations).toEqual([
      {
        message:
          "push settings do not subscribe to the required event types new-incident, ransomware-mitigation: add them to eventTypes.",
      },
    ]);
  });

  it("uses the configured requiredEventTypes", async () => {
    const config = { requiredEventTypes: ["av", "exchange-malware"] };
    const out = await checkResource(pushRequiredEventTypes, PushEventSettings, happy, config);
    expect(out.violations).toEqual([
      {
        message: "push settings do not subscribe to the required event types exchange-malware: add them to eventTypes.",
      },
    ]);
    expect(
      await checkResource(
        pushRequiredEventTypes,
        PushEventSettings,
        { ...happy, eventTypes: ["exchange-malware", "av"] },
        config,
      ),
    ).toEqual({ violations: [] });
  });

  it("accepts an empty requiredEventTypes (no minimum)", async () => {
    expect(
      await checkResource(
        pushRequiredEventTypes,
        PushEventSettings,
        { ...happy, eventTypes: ["fw"] },
        { requiredEventTypes: [] },
      ),
    ).toEqual({ violations: [] });
  });
});
