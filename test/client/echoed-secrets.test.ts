/**
 * A server (or a proxy in front of it) that echoes secrets back in an error, in whatever encoding: the
 * API key, a password and a push token must never reach an error message, its details or its cause,
 * however they come back. Each form is sent by a scripted server (the emulator never echoes secrets);
 * the error is checked for the secret and for every 8-character piece of it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GravityZoneClient, GravityZoneError, okResult, REDACTED } from "../../provider/client";
import { startScriptedServer, type Received } from "../helpers/scripted-server";

const KEY = "b5f1c0de9a7e4d2c8f3b6a1e0d9c8b7a6f5e4d3c";
// A password with a slash, an umlaut, a quote and an ampersand: every escape rule applies to it.
const PASSWORD = 'Pa/ss\u00e4"&w0rd!X9';

type Echo = (key: string, password: string) => { status?: number; contentType?: string; body: string };

let requestId = "";
const jsonError = (details: string) =>
  JSON.stringify({
    id: requestId,
    jsonrpc: "2.0",
    error: { code: -32602, message: "Invalid params", data: { details } },
  });
const uEscapeAll = (s: string) => [...s].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`).join("");
const php = (s: string) =>
  JSON.stringify(s)
    .slice(1, -1)
    .replace(/\//g, "\\/")
    .replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
const entities = (s: string, hex: boolean) =>
  [...s].map((c) => (hex ? `&#x${c.charCodeAt(0).toString(16)};` : `&#${c.charCodeAt(0)};`)).join("");

/** Every form tried: name → how the server echoes the key and the password. */
const FORMS: Record<string, Echo> = {
  "as sent, in JSON details": (k, p) => ({ body: jsonError(`key ${k} password ${p}`) }),
  "every character \\u-escaped in the JSON text": (k, p) => ({
    body: `{"id":"${requestId}","jsonrpc":"2.0","error":{"code":-32602,"message":"x","data":{"details":"key ${uEscapeAll(k)} password ${uEscapeAll(p)}"}}}`,
  }),
  "PHP-style escapes (\\/ and \\u00e4)": (k, p) => ({
    body: `{"id":"${requestId}","jsonrpc":"2.0","error":{"code":-32602,"message":"x","data":{"details":"key ${php(k)} password ${php(p)}"}}}`,
  }),
  "split by a newline": (k, p) => ({
    body: jsonError(`key ${k.slice(0, 20)}\n${k.slice(20)} password ${p.slice(0, 5)}\n${p.slice(5)}`),
  }),
  "split by an escaped newline in a non-JSON body": (k, p) => ({
    status: 500,
    contentType: "text/plain",
    body: `key ${k.slice(0, 17)}\\n${k.slice(17)} password ${p.slice(0, 7)}\\n${p.slice(7)}`,
  }),
  "percent-encoded, upper-case hex": (k, p) => ({
    body: jsonError(`key=${encodeURIComponent(k)}&password=${encodeURIComponent(p)}`),
  }),
  "percent-encoded, lower-case hex": (k, p) => ({
    body: jsonError(
      `key=${encodeURIComponent(k).toLowerCase()}&password=${encodeURIComponent(p).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase())}`,
    ),
  }),
  "Basic-auth Base64 (with the colon)": (k) => ({
    body: jsonError(`Authorization: Basic ${Buffer.from(`${k}:`).toString("base64")}`),
  }),
  "Base64 of the key alone": (k, p) => ({
    body: jsonError(`${Buffer.from(k).toString("base64")} ${Buffer.from(p).toString("base64")}`),
  }),
  "HTML entities, decimal, in an HTML page": (k, p) => ({
    status: 502,
    contentType: "text/html",
    body: `<html><body><p>key ${entities(k, false)}</p><p>pw ${entities(p, false)}</p></body></html>`,
  }),
  "HTML entities, hexadecimal, in an HTML page": (k, p) => ({
    status: 502,
    contentType: "text/html",
    body: `<html><body><p>key ${entities(k, true)}</p><p>pw ${entities(p, true)}</p></body></html>`,
  }),
  'named HTML entities for & and "': (k, p) => ({
    status: 503,
    contentType: "text/html",
    body: `<p>${k} ${p.replace(/&/g, "&amp;").replace(/"/g, "&quot;")}</p>`,
  }),
  "at the 200-character cut of a summary": (k, p) => ({
    status: 500,
    contentType: "text/plain",
    body: `${"x".repeat(185)} ${k} ${p}`,
  }),
  "in the answer's id": (k) => ({ body: JSON.stringify({ id: k, jsonrpc: "2.0", result: null }) }),
};

/** Every 8-character piece of a secret: none may show. */
const pieces = (s: string) => Array.from({ length: s.length - 7 }, (_, i) => s.slice(i, i + 8));

let current: Echo = FORMS["as sent, in JSON details"]!;
let server: Awaited<ReturnType<typeof startScriptedServer>>;
let client: GravityZoneClient;

beforeAll(async () => {
  server = await startScriptedServer((req: Received, res) => {
    requestId = String(req.body?.id ?? "");
    const e = current(KEY, PASSWORD);
    res.writeHead(e.status ?? 200, { "content-type": e.contentType ?? "application/json" });
    res.end(e.body);
  });
  client = new GravityZoneClient({ accessUrl: server.url, apiKey: KEY, retry: { maxAttempts: 1 } });
});
afterAll(async () => {
  await server.close();
});

describe("echoed secrets never reach an error", () => {
  it.each(Object.keys(FORMS))("%s", async (form) => {
    current = FORMS[form]!;
    const error = await client
      .call("accounts", "updateAccount", { accountId: "5493dcd2b1a43df00b7b23c6", password: PASSWORD }, okResult)
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(GravityZoneError);
    const e = error as GravityZoneError;
    const texts = [
      e.message,
      e.details,
      String(e.stack),
      JSON.stringify(e),
      String((e as { cause?: unknown }).cause ?? ""),
    ];
    for (const t of texts) {
      for (const secret of [KEY, PASSWORD])
        for (const piece of pieces(secret))
          expect(t.includes(piece), `${form}: a piece of a secret in ${t.slice(0, 120)}`).toBe(false);
    }
    expect(texts.join(" ")).toContain(REDACTED);
  });

  it("a 32 MiB body of '<' is summarized without scanning all of it", async () => {
    current = () => ({ status: 502, contentType: "text/html", body: "<".repeat(32 * 1024 * 1024 - 1024) });
    const e = (await client
      .call("accounts", "getAccountDetails", {}, okResult)
      .catch((x: unknown) => x)) as GravityZoneError;
    expect(e).toBeInstanceOf(GravityZoneError);
    expect(e.details.length).toBeLessThanOrEqual(201);
  });
});
