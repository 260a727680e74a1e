/**
 * Messages to the Pulumi engine's log: found from the dynamic provider host's command line, sent as
 * info messages to the engine, and harmless anywhere else (no output, no exception).
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { engineAddressFromArgv, logInfo, setEngineLogSink } from "../../provider/framework/engine-log";

const HOST = "/home/u/proj/node_modules/@pulumi/pulumi/cmd/dynamic-provider/index.js";

describe("engineAddressFromArgv", () => {
  it.each([
    [["node", HOST, "127.0.0.1:45123"], "127.0.0.1:45123"],
    [["node", HOST.replace("/index.js", ""), "localhost:9"], "localhost:9"],
    [["node", HOST, "--logtostderr", "-v=9", "--tracing", "127.0.0.1:1", "127.0.0.1:45123"], "127.0.0.1:45123"],
    [["node", "C:\\p\\node_modules\\@pulumi\\pulumi\\cmd\\dynamic-provider\\index.js", "[::1]:5000"], "[::1]:5000"],
  ])("finds the engine in %j", (argv, addr) => {
    expect(engineAddressFromArgv(argv)).toBe(addr);
  });

  it.each([
    [["node", "/usr/lib/node_modules/vitest/vitest.mjs", "run", "127.0.0.1:45123"]],
    [["node", "/p/index.ts", "127.0.0.1:45123"]],
    [["node", HOST]],
    [["node", HOST, "not an address"]],
    [["node"]],
  ])("finds none in %j", (argv) => {
    expect(engineAddressFromArgv(argv)).toBeUndefined();
  });
});

describe("logInfo", () => {
  afterEach(() => {
    setEngineLogSink(undefined);
    vi.restoreAllMocks();
  });

  it("goes to an installed sink", () => {
    const got: string[] = [];
    setEngineLogSink((m) => got.push(m));
    logInfo("one");
    logInfo("two");
    expect(got).toEqual(["one", "two"]);
  });

  it("never throws, even when the sink does", () => {
    setEngineLogSink(() => {
      throw new Error("sink down");
    });
    expect(() => logInfo("x")).not.toThrow();
  });

  it("outside a Pulumi process prints nothing and does nothing", () => {
    const log = vi.spyOn(console, "log");
    const out = vi.spyOn(process.stdout, "write");
    expect(() => logInfo("nobody listens")).not.toThrow();
    expect(log).not.toHaveBeenCalled();
    expect(out).not.toHaveBeenCalled();
  });
});
