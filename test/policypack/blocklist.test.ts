import { describe, expect, it, vi } from "vitest";
import { Blocklist, BlocklistEntry, Company } from "./gravityzone";
import { checkResource, checkStack, res, urn, UNKNOWN_STRING } from "./harness";
import {
  blocklistNoDuplicateHashes,
  blocklistPreferSha256,
  blocklistSourceNote,
} from "../../policypack/rules/blocklist";

vi.mock("pulumi-gravityzone", () => import("./gravityzone"));

const SHA = "275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f";
const SHA2 = "131f95c51cc819465fa1797f6ccacf9d494aaaff46fa3eac73ae63ffbdfd8267";
const MD5 = "44d88612fea8a8f36de82e1278abb02f";
const ACME_ID = "5f3c6a1e9b1d2c0012345678";

/** A hash entry, a path rule and a hash list every rule accepts. */
const entry = { hash: SHA, hashType: "sha256", sourceInfo: "EICAR test file", companyId: ACME_ID };
const pathRule = { path: "C:\\Tools\\PsExec.exe", note: "no remote execution tools", companyId: ACME_ID };
const connectionRule = {
  connection: { ruleName: "block-tor", direction: "outbound", remoteAddress: { ipMask: "10.0.0.0/8" } },
  note: "known exit nodes",
};
const list = { hashType: "sha256", hashes: [SHA2], sourceInfo: "Threat intel feed 2025-07", companyId: ACME_ID };

describe("blocklist-prefer-sha256", () => {
  const policy = blocklistPreferSha256;

  it("is advisory", () => {
    expect(policy.enforcementLevel).toBe("advisory");
  });

  it("passes SHA-256 entries and lists, and path rules", async () => {
    expect(await checkResource(policy, BlocklistEntry, entry)).toEqual({ violations: [] });
    expect(await checkResource(policy, BlocklistEntry, pathRule)).toEqual({ violations: [] });
    expect(await checkResource(policy, Blocklist, list)).toEqual({ violations: [] });
  });

  it("warns about an MD5 entry", async () => {
    const out = await checkResource(policy, BlocklistEntry, { ...entry, hash: MD5, hashType: "md5" });
    expect(out.violations).toEqual([
      { message: `blocklist entry for hash ${MD5} uses MD5: prefer the file's SHA-256 hash.` },
    ]);
  });

  it("warns about an MD5 entry whose type is inferred from its length", async () => {
    const { hashType: _omit, ...rest } = entry;
    const out = await checkResource(policy, BlocklistEntry, { ...rest, hash: MD5.toUpperCase() });
    expect(out.violations).toEqual([
      { message: `blocklist entry for hash ${MD5} uses MD5: prefer the file's SHA-256 hash.` },
    ]);
  });

  it("warns about an MD5 list", async () => {
    const out = await checkResource(policy, Blocklist, { ...list, hashType: "md5", hashes: [MD5] }, {}, "legacy-iocs");
    expect(out.violations).toEqual([
      { message: 'blocklist "legacy-iocs" holds MD5 hashes: prefer the files\' SHA-256 hashes.' },
    ]);
  });
});

describe("blocklist-source-note", () => {
  const policy = blocklistSourceNote;

  it("passes entries and lists that say why", async () => {
    expect(await checkResource(policy, BlocklistEntry, entry)).toEqual({ violations: [] });
    expect(await checkResource(policy, BlocklistEntry, pathRule)).toEqual({ violations: [] });
    expect(await checkResource(policy, BlocklistEntry, connectionRule)).toEqual({ violations: [] });
    expect(await checkResource(policy, Blocklist, list)).toEqual({ violations: [] });
  });

  it("fails a hash entry with a blank sourceInfo", async () => {
    const out = await checkResource(policy, BlocklistEntry, { ...entry, sourceInfo: "  " });
    expect(out.violations).toEqual([
      { message: `blocklist entry for hash ${SHA} has no sourceInfo: say where the hash comes from.` },
    ]);
  });

  it("fails a path rule without a note", async () => {
    const { note: _omit, ...rest } = pathRule;
    const out = await checkResource(policy, BlocklistEntry, rest);
    expect(out.violations).toEqual([
      { message: 'blocklist path rule for "C:\\Tools\\PsExec.exe" has no note: say why it is blocked.' },
    ]);
  });

  it("fails a connection rule without a note", async () => {
    const out = await checkResource(policy, BlocklistEntry, { ...connectionRule, note: "" });
    expect(out.violations).toEqual([
      { message: 'blocklist connection rule "block-tor" has no note: say why it is blocked.' },
    ]);
  });

  it("fails a list with an empty sourceInfo", async () => {
    const out = await checkResource(policy, Blocklist, { ...list, sourceInfo: "" }, {}, "ioc-feed");
    expect(out.violations).toEqual([
      { message: 'blocklist "ioc-feed" has no sourceInfo: say where the hashes come from.' },
    ]);
  });
});

describe("blocklist-no-duplicate-hashes", () => {
  const policy = blocklistNoDuplicateHashes;
  const acme = res(Company, "acme", { name: "Acme Ltd", type: "customer", companyId: ACME_ID });
  const globex = res(Company, "globex", { name: "Globex", type: "customer", companyId: "5f3c6a1e9b1d2c0087654321" });

  /** A stack every rule accepts: one entry and one list for Acme, distinct hashes. */
  const happy = () => [
    acme,
    globex,
    res(BlocklistEntry, "eicar", entry, { companyId: ["acme"] }),
    res(Blocklist, "feed", list, { companyId: ["acme"] }),
  ];

  it("passes distinct hashes", async () => {
    expect(await checkStack(policy, happy())).toEqual({ violations: [] });
  });

  it("passes the same hash for different companies", async () => {
    const stack = [
      ...happy(),
      res(
        BlocklistEntry,
        "eicar-globex",
        { ...entry, companyId: "5f3c6a1e9b1d2c0087654321" },
        { companyId: ["globex"] },
      ),
    ];
    expect(await checkStack(policy, stack)).toEqual({ violations: [] });
  });

  it("passes the same hex digits as SHA-256 and MD5 (different algorithms)", async () => {
    const stack = [
      ...happy(),
      res(Blocklist, "md5-feed", { ...list, hashType: "md5", hashes: [MD5] }, { companyId: ["acme"] }),
      res(BlocklistEntry, "md5-one", { ...entry, hash: MD5, hashType: "sha256" }, { companyId: ["acme"] }),
    ];
    expect(await checkStack(policy, stack)).toEqual({ violations: [] });
  });

  it("fails a hash declared by an entry and by a list of the same company", async () => {
    const stack = [
      ...happy().slice(0, 3),
      res(Blocklist, "feed", { ...list, hashes: [SHA2, SHA.toUpperCase()] }, { companyId: ["acme"] }),
    ];
    const out = await checkStack(policy, stack);
    expect(out.violations).toEqual([
      {
        message: `sha256 hash ${SHA} is blocklisted more than once for company "Acme Ltd" (by blocklist entry "eicar", blocklist "feed"): declare each hash once.`,
        urn: urn(res(Blocklist, "feed", {})),
      },
    ]);
  });

  it("matches a literal company id with a reference to the company", async () => {
    const stack = [...happy(), res(BlocklistEntry, "eicar-again", entry)];
    const out = await checkStack(policy, stack);
    expect(out.violations.map((v) => v.message)).toEqual([
      `sha256 hash ${SHA} is blocklisted more than once for company "Acme Ltd" (by blocklist entry "eicar", blocklist entry "eicar-again"): declare each hash once.`,
    ]);
  });

  it("finds duplicates in a company outside the stack, ignoring the id's case", async () => {
    const other = "5f3c6a1e9b1d2c00abcdef12";
    const out = await checkStack(policy, [
      res(BlocklistEntry, "a", { ...entry, companyId: other }),
      res(BlocklistEntry, "b", { ...entry, companyId: other.toUpperCase() }),
    ]);
    expect(out.violations.map((v) => v.message)).toEqual([
      `sha256 hash ${SHA} is blocklisted more than once for company ${other} (by blocklist entry "a", blocklist entry "b"): declare each hash once.`,
    ]);
  });

  it("finds duplicates in the API key's own company", async () => {
    const { companyId: _a, ...own } = entry;
    const out = await checkStack(policy, [
      res(BlocklistEntry, "a", own),
      res(BlocklistEntry, "b", { ...own, sourceInfo: "again" }),
    ]);
    expect(out.violations.map((v) => v.message)).toEqual([
      `sha256 hash ${SHA} is blocklisted more than once for the API key's own company (by blocklist entry "a", blocklist entry "b"): declare each hash once.`,
    ]);
  });

  it("finds duplicates during preview, when the company's id is not known yet", async () => {
    const fresh = res(Company, "initech", { name: "Initech", type: "customer" });
    const pending = { ...entry, companyId: UNKNOWN_STRING };
    const out = await checkStack(policy, [
      fresh,
      res(BlocklistEntry, "x", pending, { companyId: ["initech"] }),
      res(BlocklistEntry, "y", pending, { companyId: ["initech"] }),
    ]);
    expect(out.violations.map((v) => v.message)).toEqual([
      `sha256 hash ${SHA} is blocklisted more than once for company "Initech" (by blocklist entry "x", blocklist entry "y"): declare each hash once.`,
    ]);
  });

  it("skips entries whose company cannot be known yet", async () => {
    const pending = { ...entry, companyId: UNKNOWN_STRING };
    expect(await checkStack(policy, [res(BlocklistEntry, "x", pending), res(BlocklistEntry, "y", pending)])).toEqual({
      violations: [],
    });
  });
});
