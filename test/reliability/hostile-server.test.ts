/**
 * Hostile server: a scripted server answers the provider's resource handlers with what a broken or
 * malicious endpoint might send — results of the wrong shape, huge and slow-drip bodies, bodies cut
 * off, invalid JSON, JSON that is not a JSON-RPC answer, wrong ids, redirects, and error details that
 * echo the request's secrets. Each call must fail with a clear `GravityZone <module>.<method>
 * failed …` error, within the client's deadline (never hang), without repeating a secret.
 * (test/client/client.test.ts covers the client alone; this goes through the resources.)
 */
import type { ServerResponse } from "node:http";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { GravityZoneClient } from "../../provider/client";
import { handler as account } from "../../provider/resources/account";
import { handler as blocklist } from "../../provider/resources/blocklist";
import { handler as company } from "../../provider/resources/company";
import { handler as customGroup } from "../../provider/resources/custom-group";
import { handler as pushEventSettings } from "../../provider/resources/push-event-settings";
import { setProviderClient } from "../../provider/settings";
import { sendError, sendResult, startScriptedServer, type Received } from "../helpers/scripted-server";
import { writeResults } from "./support";

const KEY = "hostile-test-key-4d1f9a0b8c7e6d5f4a3b2c1d";
const PASSWORD = "Hostile-Passw0rd-7731!";
const AUTHORIZATION = "Splunk 9d8c7b6a-5f4e-3d2c-1b0a-hostile";
const TIMEOUT_MS = 1_000;
const MAX_BODY = 1024 * 1024;
const ATTEMPTS = 2;
/** A call that takes longer than this has hung (every attempt times out, plus backoff). */
const HANG_GUARD_MS = ATTEMPTS * TIMEOUT_MS * 5 + 5_000;
const ID = "5f0c0c0c0c0c0c0c0c0c0c0c";

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  setProviderClient(undefined);
  await close?.();
  close = undefined;
});
const figures: { case: string; kind: string; ms: number }[] = [];
// Each recorded case failed with a clear error and no secret (failure() asserts it before recording).
afterAll(() =>
  writeResults("hostile-server", {
    casesFailedClearly: figures.length,
    timeoutMs: TIMEOUT_MS,
    attempts: ATTEMPTS,
    slowestMs: Math.max(...figures.map((f) => f.ms)),
    byCase: figures,
  }),
);

type Answer = (req: Received, res: ServerResponse) => void;

/** Answers every request with `answer`, binds the provider client to the server. */
async function hostile(answer: Answer) {
  const s = await startScriptedServer((req, res) => answer(req, res));
  close = s.close;
  setProviderClient(
    new GravityZoneClient({
      accessUrl: s.url,
      apiKey: KEY,
      timeoutMs: TIMEOUT_MS,
      maxBodyBytes: MAX_BODY,
      retry: { maxAttempts: ATTEMPTS, baseDelayMs: 5, maxDelayMs: 20 },
    }),
  );
  return s;
}

const raw =
  (
    status: number,
    body: string | Buffer,
    headers: Record<string, string> = { "content-type": "application/json" },
  ): Answer =>
  (_req, res) => {
    res.writeHead(status, headers);
    res.end(body);
  };

/** Runs `op` against the server and returns its error, failing if it succeeds or hangs. */
async function failure(name: string, op: () => Promise<unknown>): Promise<Error> {
  const t0 = Date.now();
  let guard: NodeJS.Timeout | undefined;
  const hang = new Promise<never>(
    (_, reject) =>
      (guard = setTimeout(() => reject(new Error(`${name}: still waiting after ${HANG_GUARD_MS} ms`)), HANG_GUARD_MS)),
  );
  try {
    await Promise.race([op(), hang]);
  } catch (e) {
    if ((e as Error).message.includes("still waiting after")) throw e;
    const err = e as Error;
    figures.push({ case: name, kind: (e as { kind?: string }).kind ?? err.name, ms: Date.now() - t0 });
    for (const secret of [KEY, PASSWORD, AUTHORIZATION, Buffer.from(`${KEY}:`).toString("base64")]) {
      expect(err.message).not.toContain(secret);
      expect(JSON.stringify({ ...err, stack: err.stack })).not.toContain(secret);
    }
    // Clear: says which call failed, and is short enough to read.
    expect(err.message).toMatch(/GravityZone \w+\.\w+ failed/);
    expect(err.message.length).toBeLessThan(2_000);
    return err;
  } finally {
    clearTimeout(guard);
  }
  throw new Error(`${name}: the call succeeded`);
}

const createCompany = () => company.create({ name: "Hostile Co", type: "customer" });
const readGroup = () =>
  customGroup.read(ID, {
    name: "Servers",
    parentId: ID,
    forceDelete: false,
    adopt: false,
    groupId: ID,
    adopted: false,
  });
const readBlocklist = () =>
  blocklist.read(`blocklist:${ID}:sha256:00000000`, {
    companyId: ID,
    hashType: "sha256",
    hashes: ["e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b856"],
    sourceInfo: "x",
    adopt: false,
    itemIds: {},
    missingHashes: [],
    adoptedHashes: [],
  });

describe("hostile server: every resource call fails clearly, within its deadline, without secrets", () => {
  it("a result of the wrong shape", async () => {
    await hostile((req, res) => sendResult(req, res, { items: "not a list", total: "many" }));
    const e = await failure("wrong shape", createCompany);
    expect(e.message).toMatch(/companies\.findCompaniesByName failed \(unexpected-response\): unexpected result shape/);
  });

  it("a result of the wrong type (a string for a list)", async () => {
    await hostile((req, res) => sendResult(req, res, "Servers"));
    expect((await failure("wrong type", readGroup)).message).toMatch(
      /network\.getCustomGroupsList failed .*unexpected result shape/,
    );
  });

  it("a body over the size cap, sent chunked", async () => {
    await hostile((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      for (let i = 0; i < 40; i++) res.write(chunk);
      res.end("{}");
    });
    expect((await failure("huge chunked body", readGroup)).message).toMatch(/larger than 1048576 bytes/);
  });

  it("a body declared larger than the cap", async () => {
    await hostile((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": String(500 * 1024 * 1024) });
      res.write("{");
    });
    expect((await failure("declared huge body", readBlocklist)).message).toMatch(/larger than 1048576 bytes/);
  });

  it("a slow-drip body that never ends", async () => {
    await hostile((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      const t = setInterval(() => res.write(" "), 50);
      res.on("close", () => clearInterval(t));
    });
    expect((await failure("slow drip", readGroup)).message).toMatch(/no complete answer within 1000 ms/);
  });

  it("headers that never come", async () => {
    await hostile(() => undefined);
    expect((await failure("no headers", createCompany)).message).toMatch(/no complete answer within 1000 ms/);
  });

  it("a body cut off in the middle", async () => {
    await hostile((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
      res.write('{"id":"x","jsonrpc":"2.0","result":[');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    expect((await failure("cut-off body", readGroup)).message).toMatch(
      /network\.getCustomGroupsList failed \(network\)/,
    );
  });

  it.each([
    ["truncated JSON", '{"id":"1","jsonrpc":"2.0","result":'],
    ["binary garbage", Buffer.from([0xff, 0xfe, 0x00, 0x81, 0x9f, 0x7b, 0x22]).toString("latin1")],
    ["a JSON array", "[1,2,3]"],
    ["JSON null", "null"],
    ["a JSON number", "42"],
    ["a JSON string", '"ok"'],
    ["an HTML page with status 200", "<html><body><h1>Maintenance</h1></body></html>"],
    ["nested arrays 100000 deep", `${"[".repeat(100_000)}${"]".repeat(100_000)}`],
  ])("%s", async (name, body) => {
    await hostile(raw(200, body));
    expect((await failure(name, readGroup)).message).toMatch(
      /network\.getCustomGroupsList failed \(unexpected-response\): the body is not a JSON-RPC object/,
    );
  });

  it("an answer for another request id", async () => {
    await hostile((_req, res) =>
      raw(200, JSON.stringify({ id: "someone-else", jsonrpc: "2.0", result: [] }))(_req, res),
    );
    expect((await failure("wrong id", readGroup)).message).toMatch(/the answer is for request id "someone-else"/);
  });

  it("an answer with neither result nor error, or an error that is not an object", async () => {
    await hostile((req, res) => raw(200, JSON.stringify({ id: req.body?.id, jsonrpc: "2.0" }))(req, res));
    expect((await failure("no result", readGroup)).message).toMatch(/neither result nor error/);
    await close?.();
    await hostile((req, res) =>
      raw(200, JSON.stringify({ id: req.body?.id, jsonrpc: "2.0", error: "boom" }))(req, res),
    );
    expect((await failure("string error", readGroup)).message).toMatch(/neither result nor error/);
  });

  it("a redirect elsewhere", async () => {
    await hostile(raw(302, "", { location: "https://evil.example/api" }));
    expect((await failure("redirect", createCompany)).message).toMatch(
      /companies\.findCompaniesByName failed \(HTTP 302\)/,
    );
  });

  it("an error whose details are 256 KiB long", async () => {
    await hostile((req, res) => sendError(req, res, -32602, "Invalid params", `bad: ${"x".repeat(256 * 1024)}`));
    await failure("huge error details", createCompany);
  });

  it("error details that echo the API key, the password or the push authorization", async () => {
    const echo = (req: Received, res: ServerResponse) =>
      sendError(req, res, -32602, "Invalid params", `refused ${JSON.stringify(req.body?.params)} for key ${KEY}`);
    await hostile((req, res) => {
      // Lookups find nothing; the create is refused with the parameters echoed back.
      if (/^get/.test(req.body?.method))
        return sendResult(
          req,
          res,
          req.body.method === "getCompanyDetails"
            ? { id: ID, name: "Root" }
            : { items: [], page: 1, pagesCount: 0, perPage: 100, total: 0 },
        );
      echo(req, res);
    });
    await failure("echoed password", () =>
      account.create({
        email: "it@hostile.example",
        companyId: ID,
        profile: { fullName: "IT" },
        role: "companyAdministrator",
        password: PASSWORD,
      }),
    );
    await failure("echoed push authorization", () =>
      pushEventSettings.create({
        serviceType: "splunk",
        url: "https://siem.hostile.example/collector",
        authorization: AUTHORIZATION,
        requireValidSslCertificate: true,
        eventTypes: ["av"],
        enabled: true,
      }),
    );
  });
});
