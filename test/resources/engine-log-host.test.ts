/**
 * In a process started like the dynamic provider host (`…/@pulumi/pulumi/cmd/dynamic-provider <engine>`),
 * messages reach the engine's Log RPC as info messages. A fake engine stands in for the CLI. (Own file:
 * it points this test process's Pulumi runtime at that engine.)
 */
import * as grpc from "@grpc/grpc-js";
import { afterAll, beforeAll, expect, it, vi } from "vitest";

const engrpc = require("@pulumi/pulumi/proto/engine_grpc_pb");
const engproto = require("@pulumi/pulumi/proto/engine_pb");
const emptyproto = require("google-protobuf/google/protobuf/empty_pb");

const received: { severity: number; message: string; urn: string }[] = [];
let server: grpc.Server;
let addr: string;
const argv = process.argv;

beforeAll(async () => {
  server = new grpc.Server();
  server.addService(engrpc.EngineService, {
    log(
      call: { request: { getSeverity(): number; getMessage(): string; getUrn(): string } },
      cb: (e: null, r: unknown) => void,
    ) {
      received.push({
        severity: call.request.getSeverity(),
        message: call.request.getMessage(),
        urn: call.request.getUrn(),
      });
      cb(null, new emptyproto.Empty());
    },
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))),
  );
  addr = `127.0.0.1:${port}`;
});

afterAll(() => {
  process.argv = argv;
  server?.forceShutdown();
});

it("a dynamic provider host's messages reach the engine as info messages", async () => {
  const state = require("@pulumi/pulumi/runtime/state");
  expect(state.getStore().settings.options.engineAddr).toBeFalsy();
  process.argv = [argv[0]!, "/p/node_modules/@pulumi/pulumi/cmd/dynamic-provider/index.js", addr];
  const { logInfo } = await import("../../provider/framework/engine-log");
  logInfo("push.getPushEventSettings waits about 51 s for a rate-limit slot");
  await vi.waitFor(() => expect(received).toHaveLength(1), { timeout: 10_000 });
  expect(received[0]).toEqual({
    severity: engproto.LogSeverity.INFO,
    message: "push.getPushEventSettings waits about 51 s for a rate-limit slot",
    urn: "",
  });
});
