/**
 * Policies receive secret inputs (passwords, push authorization headers, provider keys) in plain
 * text. Whatever the inputs, no violation message may contain one.
 */
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { describe, expect, it, vi } from "vitest";
import {
  Account,
  Blocklist,
  BlocklistEntry,
  Company,
  InstallationPackage,
  PolicyAssignment,
  PushEventSettings,
} from "./gravityzone";
import { checkResource, checkStack, inStack, res, type StackEntry } from "./harness";
import { policies } from "../../policypack/policies";
import { accountAllowedEmailDomains } from "../../policypack/rules/accounts";
import { pushHttpsOnly } from "../../policypack/rules/push-event-settings";
import { collectSecrets, redact } from "../../policypack/support/secrets";

vi.mock("pulumi-gravityzone", () => import("./gravityzone"));

const PASSWORD = "Tr0ub4dour&3-Horse-Staple";
const AUTHORIZATION = "Splunk 7c1e5b8a-0d3f-4e2a-9b6c-5a4d3e2f1a0b";
const TOKEN_IN_URL = "hec-token-0123456789abcdef";
const SECRETS = [PASSWORD, AUTHORIZATION, TOKEN_IN_URL];

const PARTNER_ID = "5f3c6a1e9b1d2c00aaaaaaaa";
const CUSTOMER_ID = "5f3c6a1e9b1d2c00bbbbbbbb";
const SHA = "275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f";
const MD5 = "44d88612fea8a8f36de82e1278abb02f";

/**
 * A stack that breaks every rule, with secrets in their own fields, copied into fields of the same
 * resource that messages quote (an e-mail address), and into fields messages must never quote (URLs,
 * profile names, sources).
 */
const stack: StackEntry[] = [
  res(Company, "partner", {
    name: "Partner",
    type: "partner",
    enforce2FA: false,
    deletionProtection: false,
    companyId: PARTNER_ID,
  }),
  res(Company, "customer", {
    name: "Customer",
    type: "customer",
    enforce2FA: false,
    deletionProtection: false,
    companyId: CUSTOMER_ID,
  }),
  res(
    Account,
    "account",
    {
      email: `${PASSWORD}@evil.example`,
      companyId: CUSTOMER_ID,
      profile: { fullName: AUTHORIZATION },
      role: "partner",
      password: PASSWORD,
    },
    { companyId: ["customer"] },
  ),
  res(Account, "custom", {
    email: `x-${PASSWORD}@evil.example`,
    role: "custom",
    rights: { manageRemoteShell: true, managePoliciesWrite: true },
    password: PASSWORD,
  }),
  res(PushEventSettings, "push", {
    serviceType: "splunk",
    url: `http://admin:${PASSWORD}@siem.example.com/collector?token=${TOKEN_IN_URL}`,
    authorization: AUTHORIZATION,
    requireValidSslCertificate: false,
    eventTypes: ["fw"],
    subscribeToCompanies: [PARTNER_ID],
  }),
  res(PushEventSettings, "push-no-scheme", {
    serviceType: "cef",
    url: `${PASSWORD}:x@siem.example.com`,
    authorization: AUTHORIZATION,
    eventTypes: ["fw"],
    enabled: false,
  }),
  res(BlocklistEntry, "md5", { hash: MD5, hashType: "md5", sourceInfo: " ", companyId: CUSTOMER_ID }),
  res(BlocklistEntry, "dup", { hash: SHA, sourceInfo: AUTHORIZATION, companyId: CUSTOMER_ID }),
  res(BlocklistEntry, "path", { path: "C:\\Tools\\PsExec.exe", companyId: CUSTOMER_ID }),
  res(BlocklistEntry, "conn", { connection: { ruleName: "block-tor" } }),
  res(Blocklist, "list", { hashType: "md5", hashes: [MD5, SHA], sourceInfo: "", companyId: CUSTOMER_ID }),
  res(Blocklist, "list2", { hashType: "sha256", hashes: [SHA], sourceInfo: PASSWORD, companyId: CUSTOMER_ID }),
  res(InstallationPackage, "package", { packageName: "Servers", modules: { edrSensor: false } }),
  res(
    PolicyAssignment,
    "assignment",
    { policyId: "60aa00000000000000000001", targetIds: [PARTNER_ID], forceInheritance: true },
    { targetIds: ["partner"] },
  ),
];

/** Config that makes every configurable rule apply. */
const config: Record<string, Record<string, unknown>> = {
  "account-allowed-email-domains": { allowedDomains: ["example.com"] },
  "company-coverage": { coverage: "either" },
};

/** Every message of every policy on the stack above, by policy name. */
async function allMessages(): Promise<Map<string, string[]>> {
  const byPolicy = new Map<string, string[]>();
  for (const policy of policies) {
    const cfg = config[policy.name] ?? {};
    const messages: string[] = [];
    if ("validateStack" in policy) {
      const out = await checkStack(policy as StackValidationPolicy, stack, cfg);
      messages.push(...out.violations.map((v) => v.message));
    } else {
      for (const e of stack) {
        const out = await inStack("production", () =>
          checkResource(policy as ResourceValidationPolicy, e.cls, e.props, cfg, e.name),
        );
        messages.push(...out.violations.map((v) => v.message));
      }
    }
    byPolicy.set(policy.name, messages);
  }
  return byPolicy;
}

describe("secret values never appear in violation messages", () => {
  it("holds for every rule, with secrets copied into other fields", async () => {
    const byPolicy = await allMessages();
    // Every rule fired, so every kind of message was produced.
    for (const [name, messages] of byPolicy) expect(messages.length, name).toBeGreaterThan(0);
    const messages = [...byPolicy.values()].flat();
    for (const m of messages) for (const s of SECRETS) expect(m).not.toContain(s);
    for (const m of messages) expect(m).not.toContain("Tr0ub4dour");
  });

  it("redacts a password that is also the account's e-mail local part", async () => {
    const out = await checkResource(accountAllowedEmailDomains, Account, stack[2]!.props, {
      allowedDomains: ["example.com"],
    });
    expect(out.violations).toEqual([
      {
        message:
          'account "[secret]@evil.example" uses the e-mail domain "evil.example", which is not allowed: use an address in example.com.',
      },
    ]);
  });

  it("never repeats a push receiver URL", async () => {
    const out = await checkResource(pushHttpsOnly, PushEventSettings, stack[4]!.props);
    expect(out.violations).toEqual([
      { message: "the push receiver URL uses http://: only https:// receivers are allowed." },
    ]);
  });
});

describe("collectSecrets / redact", () => {
  it("finds values under secret-looking keys at any depth", () => {
    const found = collectSecrets({
      password: "p4ssw0rd!",
      nested: { authorization: "Bearer abc", list: [{ apiKey: "k-123456" }] },
      name: "visible",
      token: "ab",
    });
    expect([...found].sort()).toEqual(["Bearer abc", "k-123456", "p4ssw0rd!"]);
  });

  it("replaces the longest secrets first", () => {
    expect(redact("x Bearer abcdef y abcdef", ["abcdef", "Bearer abcdef"])).toBe("x [secret] y [secret]");
  });
});
