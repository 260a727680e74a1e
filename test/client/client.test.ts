import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { GravityZoneClient, GravityZoneError } from "../../provider/client";
import { sendError, sendResult, startScriptedServer, type Handler } from "../helpers/scripted-server";

const KEY = "test-key-0123456789abcdef0123456789abcdef";
let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function serve(handler: Handler) {
  const s = await startScriptedServer(handler);
  close = s.close;
  return s;
}

function client(url: string, extra: Partial<ConstructorParameters<typeof GravityZoneClient>[0]> = {}) {
  return new GravityZoneClient({ accessUrl: url, apiKey: KEY, retry: { baseDelayMs: 5, maxDelayMs: 20 }, ...extra });
}

async function failure(p: Promise<unknown>): Promise<GravityZoneError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(GravityZoneError);
    return e as GravityZoneError;
  }
  throw new Error("expected the call to fail");
}

describe("wire format", () => {
  it("POSTs a JSON-RPC 2.0 envelope to /v1.0/jsonrpc/<module> with Basic auth (key, empty password)", async () => {
    const s = await serve((req, res) => sendResult(req, res, "5f0c0c0c0c0c0c0c0c0c0c0c"));
    const id = await client(s.url).call(
      "network",
      "createCustomGroup",
      { groupName: "Servers", parentId: undefined },
      z.string(),
    );
    expect(id).toBe("5f0c0c0c0c0c0c0c0c0c0c0c");
    const [r] = s.received;
    expect(r!.method).toBe("POST");
    expect(r!.url).toBe("/api/v1.0/jsonrpc/network");
    expect(r!.headers["content-type"]).toBe("application/json");
    expect(r!.headers.authorization).toBe(`Basic ${Buffer.from(`${KEY}:`).toString("base64")}`);
    expect(r!.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      jsonrpc: "2.0",
      method: "createCustomGroup",
      params: { groupName: "Servers" },
    });
  });

  it("uses the version path asked for and a fresh id per call", async () => {
    const s = await serve((req, res) => sendResult(req, res, { items: [], pagesCount: 0, total: 0 }));
    const c = client(s.url);
    await c.call("incidents", "getBlocklistItems", {}, z.any(), { version: "v1.2" });
    await c.call("incidents", "getBlocklistItems", {}, z.any(), { version: "v1.2" });
    expect(s.received.map((r) => r.url)).toEqual(["/api/v1.2/jsonrpc/incidents", "/api/v1.2/jsonrpc/incidents"]);
    expect(s.received[0]!.body.id).not.toBe(s.received[1]!.body.id);
  });
});

describe("errors", () => {
  it("401 is an auth error with the API's details and a hint, never the key", async () => {
    const s = await serve((req, res) => sendError(req, res, -32001, "Unauthorized", `Invalid API key ${KEY}`, 401));
    const e = await failure(client(s.url).call("general", "getApiKeyDetails", {}, z.any()));
    expect(e.kind).toBe("auth");
    expect(e.httpStatus).toBe(401);
    expect(e.message).toContain("GravityZone general.getApiKeyDetails failed");
    expect(e.message).toContain("gravityzone:apiKey");
    expect(e.message).not.toContain(KEY);
    expect(JSON.stringify(e)).not.toContain(KEY);
  });

  it("403 names the module that is not enabled for the key", async () => {
    const s = await serve((req, res) =>
      sendError(req, res, -32000, "Forbidden", "API Key is not allowed to access the selected API: network", 403),
    );
    const e = await failure(client(s.url).call("network", "getCustomGroupsList", {}, z.any()));
    expect(e.kind).toBe("forbidden");
    expect(e.message).toContain("API Key is not allowed to access the selected API: network");
    expect(e.message).toContain("enable this API");
  });

  it("a 403 is 'forbidden' even when its body carries the authentication code -32001", async () => {
    const s = await serve((req, res) =>
      sendError(req, res, -32001, "Forbidden", "API Key is not allowed to access the selected API: push", 403),
    );
    expect((await failure(client(s.url).call("push", "getPushEventSettings", {}, z.any()))).kind).toBe("forbidden");
  });

  it("405 without a JSON body", async () => {
    const s = await serve((_req, res) => {
      res.writeHead(405, { "content-type": "text/plain" });
      res.end("Method Not Allowed");
    });
    const e = await failure(client(s.url).call("network", "getCustomGroupsList", {}, z.any()));
    expect(e.kind).toBe("method-not-allowed");
    expect(e.message).toBe("GravityZone network.getCustomGroupsList failed (HTTP 405): Method Not Allowed");
  });

  it("JSON-RPC errors arrive with HTTP 200 and read as '<module>.<method> failed (<code>): <details>'", async () => {
    const s = await serve((req, res) =>
      sendError(req, res, -32602, "Invalid params", "Invalid parameter: name is too long"),
    );
    const e = await failure(client(s.url).call("companies", "createCompany", { name: "x" }, z.any()));
    expect(e.kind).toBe("invalid-params");
    expect(e.code).toBe(-32602);
    expect(e.message).toBe("GravityZone companies.createCompany failed (-32602): Invalid parameter: name is too long");
  });

  it("falls back to error.message without data.details; classifies method-not-found and not-found", async () => {
    const s = await serve((req, res, n) =>
      n === 1
        ? sendError(req, res, -32601, "Method not found")
        : sendError(
            req,
            res,
            -32602,
            "Invalid params",
            "The company with the id 5f0c0c0c0c0c0c0c0c0c0c0c was not found",
          ),
    );
    const c = client(s.url);
    const e1 = await failure(c.call("companies", "updateCompany", {}, z.any()));
    expect(e1.kind).toBe("method-not-found");
    expect(e1.details).toBe("Method not found");
    const e2 = await failure(c.call("companies", "getCompanyDetails", {}, z.any()));
    expect(e2.kind).toBe("not-found");
  });

  it("an invalid JSON body, a wrong JSON-RPC id and a result of the wrong shape are unexpected-response errors", async () => {
    const s = await serve((req, res, n) => {
      if (n === 1) {
        res.writeHead(200, { "content-type": "application/json" });
        res.end("{not json");
      } else if (n === 2) {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ id: "someone-else", jsonrpc: "2.0", result: true }));
      } else sendResult(req, res, [{ id: "5f0c0c0c0c0c0c0c0c0c0c0c", name: 7 }]);
    });
    const c = client(s.url);
    const shape = z.array(z.object({ id: z.string(), name: z.string() }));
    expect((await failure(c.call("network", "getCustomGroupsList", {}, shape))).kind).toBe("unexpected-response");
    const e2 = await failure(c.call("network", "getCustomGroupsList", {}, shape));
    expect(e2.details).toContain("someone-else");
    const e3 = await failure(c.call("network", "getCustomGroupsList", {}, shape));
    expect(e3.details).toBe("unexpected result shape at 0.name: Invalid input: expected string, received number");
  });

  it("a refused connection is a network error", async () => {
    const s = await serve((req, res) => sendResult(req, res, true));
    const url = s.url;
    await s.close();
    close = undefined;
    const e = await failure(
      client(url, { retry: { maxAttempts: 1 } }).call("general", "getApiKeyDetails", {}, z.any()),
    );
    expect(e.kind).toBe("network");
    expect(e.message).toContain("ECONNREFUSED");
  });
});

describe("retries", () => {
  it("a read is retried after a 5xx and succeeds", async () => {
    const s = await serve((req, res, n) =>
      n < 3 ? sendError(req, res, -32000, "Server error", "temporary", 503) : sendResult(req, res, { ok: 1 }),
    );
    const c = client(s.url);
    await expect(c.call("general", "getApiKeyDetails", {}, z.object({ ok: z.number() }))).resolves.toEqual({ ok: 1 });
    expect(s.received).toHaveLength(3);
    expect(c.stats).toMatchObject({ requests: 3, retries: 2 });
  });

  it("a write is not retried after a 5xx and is flagged ambiguous", async () => {
    const s = await serve((req, res) => sendError(req, res, -32000, "Server error", "temporary", 500));
    const e = await failure(client(s.url).call("companies", "createCompany", { type: 1, name: "A" }, z.string()));
    expect(e.kind).toBe("server");
    expect(e.ambiguous).toBe(true);
    expect(s.received).toHaveLength(1);
  });

  it("a write whose connection drops is not retried and is flagged ambiguous", async () => {
    const s2 = await serve((_req, res) => {
      res.socket?.destroy();
    });
    const e = await failure(client(s2.url).call("network", "createCustomGroup", { groupName: "G" }, z.string()));
    expect(e.kind).toBe("network");
    expect(e.ambiguous).toBe(true);
    expect(s2.received).toHaveLength(1);
  });

  it("a 429 is retried for writes too (not processed), honouring Retry-After", async () => {
    const s = await serve((req, res, n) => {
      if (n === 1) {
        res.writeHead(429, { "content-type": "text/html", "retry-after": "1" });
        res.end("<html><body><h1>429 Too Many Requests</h1></body></html>");
      } else sendResult(req, res, true);
    });
    const c = client(s.url);
    const t0 = Date.now();
    await expect(c.call("network", "assignPolicy", { targetIds: ["a"] }, z.literal(true))).resolves.toBe(true);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(950);
    expect(s.received).toHaveLength(2);
    expect(c.stats.rateLimited).toBe(1);
  });

  it("a 429 storm ends in a rate-limited error once attempts run out", async () => {
    const s = await serve((_req, res) => {
      res.writeHead(429, { "content-type": "text/html", "retry-after": "0, 0" });
      res.end("<html>Too Many Requests</html>");
    });
    const e = await failure(
      client(s.url, { retry: { maxAttempts: 3, baseDelayMs: 1 } }).call("general", "getApiKeyDetails", {}, z.any()),
    );
    expect(e.kind).toBe("rate-limited");
    expect(e.httpStatus).toBe(429);
    expect(e.retryAfterMs).toBe(0);
    expect(s.received).toHaveLength(3);
  });

  it("a server that never answers fails within the deadline", async () => {
    const s = await serve(() => undefined);
    const t0 = Date.now();
    const e = await failure(
      client(s.url, { timeoutMs: 300, retry: { maxAttempts: 1 } }).call("general", "getApiKeyDetails", {}, z.any()),
    );
    expect(e.kind).toBe("network");
    expect(e.details).toBe("no complete answer within 300 ms");
    expect(Date.now() - t0).toBeLessThan(5_000);
  });

  it("a slow-drip body is cut at the deadline", async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      const timer = setInterval(() => res.write(" "), 50);
      res.on("close", () => clearInterval(timer));
    });
    const e = await failure(
      client(s.url, { timeoutMs: 400, retry: { maxAttempts: 1 } }).call("general", "getApiKeyDetails", {}, z.any()),
    );
    expect(e.kind).toBe("network");
  });

  it("a body over the size cap is refused", async () => {
    const s = await serve((req, res) => sendResult(req, res, "x".repeat(200_000)));
    const e = await failure(client(s.url, { maxBodyBytes: 100_000 }).call("general", "getApiKeyDetails", {}, z.any()));
    expect(e.kind).toBe("unexpected-response");
    expect(e.details).toContain("larger than 100000 bytes");
  });
});

describe("pagination", () => {
  const items = Array.from({ length: 250 }, (_, i) => ({ id: i.toString(16).padStart(24, "0"), name: `item-${i}` }));

  it("reads every page with perPage 100", async () => {
    const s = await serve((req, res) => {
      const { page, perPage } = req.body.params;
      sendResult(req, res, {
        page,
        perPage,
        total: items.length,
        pagesCount: Math.ceil(items.length / perPage),
        items: items.slice((page - 1) * perPage, page * perPage),
      });
    });
    const all = await client(s.url).listAll(
      "policies",
      "getPoliciesList",
      {},
      z.object({ id: z.string(), name: z.string() }),
    );
    expect(all.map((i) => i.name)).toEqual(items.map((i) => i.name));
    expect(s.received.map((r) => r.body.params)).toEqual([
      { page: 1, perPage: 100 },
      { page: 2, perPage: 100 },
      { page: 3, perPage: 100 },
    ]);
  });

  it("does not repeat an item that shifts to the next page while reading", async () => {
    const s = await serve((req, res, n) => {
      const { page, perPage } = req.body.params;
      // after the first page, one item is inserted at the front: page 2 starts with the last item of page 1
      const list = n === 1 ? items : [{ id: "f".repeat(24), name: "new" }, ...items];
      sendResult(req, res, {
        page,
        perPage,
        total: list.length,
        pagesCount: Math.ceil(list.length / perPage),
        items: list.slice((page - 1) * perPage, page * perPage),
      });
    });
    const all = await client(s.url).listAll(
      "policies",
      "getPoliciesList",
      {},
      z.object({ id: z.string(), name: z.string() }),
    );
    expect(new Set(all.map((i) => i.id)).size).toBe(all.length);
    expect(all).toHaveLength(250);
  });
});

describe("access URL", () => {
  it("refuses plain http to a non-loopback host and accepts https and loopback", () => {
    expect(() => new GravityZoneClient({ accessUrl: "http://gz.example.com/api", apiKey: KEY })).toThrow(
      /must use https/,
    );
    expect(() => new GravityZoneClient({ accessUrl: "not a url", apiKey: KEY })).toThrow(/not a valid URL/);
    expect(
      () => new GravityZoneClient({ accessUrl: "https://cloud.gravityzone.bitdefender.com/api/", apiKey: KEY }),
    ).not.toThrow();
    expect(new GravityZoneClient({ accessUrl: "http://127.0.0.1:9/api/", apiKey: KEY }).accessUrl).toBe(
      "http://127.0.0.1:9/api",
    );
    expect(() => new GravityZoneClient({ accessUrl: "http://[::1]:9/api", apiKey: KEY })).not.toThrow();
  });

  it("refuses an empty key with a message that says where to set it", () => {
    expect(() => new GravityZoneClient({ accessUrl: "https://x.example/api", apiKey: " " })).toThrow(
      /gravityzone:apiKey/,
    );
  });

  it("keeps the key out of the client's enumerable state", () => {
    const c = new GravityZoneClient({ accessUrl: "https://x.example/api", apiKey: KEY });
    expect(JSON.stringify(c)).not.toContain(KEY);
    expect(require("node:util").inspect(c, { depth: 5 })).not.toContain(KEY);
  });
});
