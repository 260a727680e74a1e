/**
 * A scripted HTTP server for client tests: each request is recorded and answered by a handler the
 * test supplies. Used only for faults the emulator cannot produce on demand (wrong ids, malformed
 * bodies, slow drips); everything else runs against the emulator.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One received request. */
export interface Received {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: any;
}

/** Handler: answer `res` for request `req` (the n-th, from 1). */
export type Handler = (req: Received, res: ServerResponse, n: number) => void | Promise<void>;

/** Starts the server; `url` is its access URL (`http://127.0.0.1:PORT/api`). */
export async function startScriptedServer(handler: Handler) {
  const received: Received[] = [];
  const serve = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* keep text */
    }
    const r: Received = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body };
    received.push(r);
    await handler(r, res, received.length);
  };
  // A script that throws ends the exchange with a broken connection instead of an unhandled rejection.
  const server = createServer((req, res) => void serve(req, res).catch((e: Error) => res.destroy(e)));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/api`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Writes a JSON-RPC success answer for `req`. */
export function sendResult(req: Received, res: ServerResponse, result: unknown): void {
  res.writeHead(200, { "content-type": "application/json" });
  res.end(JSON.stringify({ id: req.body?.id, jsonrpc: "2.0", result }));
}

/** Writes a JSON-RPC error answer (HTTP `status`, 200 by default). */
export function sendError(
  req: Received,
  res: ServerResponse,
  code: number,
  message: string,
  details?: string,
  status = 200,
): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(
    JSON.stringify({
      id: req.body?.id,
      jsonrpc: "2.0",
      error: { code, message, data: details === undefined ? undefined : { details } },
    }),
  );
}
