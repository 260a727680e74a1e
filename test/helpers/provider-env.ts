/**
 * Provider-level test set-up: an in-process emulator over real HTTP, and the provider's shared client
 * pointed at it. Tests call the resource handlers directly and count the emulator's calls.
 */
import { expect } from "vitest";
import { GravityZoneClient } from "../../provider/client";
import type { ResourceHandler } from "../../provider/framework/handler";
import { setProviderClient } from "../../provider/settings";
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "../../emulator";

/** Method-name prefixes that change state. */
const WRITE = /^(create|update|delete|set|add|remove|move|assign|suspend|activate|configure|send)/;

/** A running emulator plus the provider client bound to it. */
export interface ProviderEnv {
  emu: RunningEmulator;
  client: GravityZoneClient;
  /** Calls the emulator received since the last reset, as "module.method". */
  calls(): string[];
  /** The write calls among them. */
  writes(): string[];
  reset(): void;
  /**
   * Binds a new provider client, as the next CLI command (a new provider process) would: listings
   * shared within one refresh are not carried over.
   */
  nextCommand(): void;
  /** A console-style out-of-band edit in the emulator (POST /__admin/console); fails unless it is applied. */
  console(action: Record<string, unknown>): Promise<void>;
  close(): Promise<void>;
}

/** Starts an emulator (rate limits off unless asked) and binds the provider client to it. */
export async function startProviderEnv(options: EmulatorOptions = {}): Promise<ProviderEnv> {
  const emu = await startEmulator({ rateLimits: "off", ...options });
  // The emulator runs without rate limits here unless asked, so the client budget is scaled up to match.
  const scale = typeof options.rateLimits === "number" ? options.rateLimits : 20_000;
  const newClient = () =>
    new GravityZoneClient({
      accessUrl: emu.url,
      apiKey: emu.keys[0]!.key,
      rateLimitScale: scale,
      retry: { baseDelayMs: 5, maxDelayMs: 50 },
    });
  const client = newClient();
  setProviderClient(client);
  const calls = () => emu.calls().map((c) => `${c.module}.${c.method}`);
  return {
    emu,
    client,
    calls,
    writes: () => calls().filter((c) => WRITE.test(c.split(".")[1] ?? "")),
    reset: () => emu.resetCalls(),
    nextCommand: () => setProviderClient(newClient()),
    console: async (action) => {
      const res = await fetch(`${emu.adminUrl}/console`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(action),
      });
      if (res.status !== 200)
        throw new Error(`console ${JSON.stringify(action)} failed: ${res.status} ${await res.text()}`);
    },
    close: async () => {
      setProviderClient(undefined);
      await emu.close();
    },
  };
}

/** `handler.check` of `news`, expected to pass: the checked inputs (defaults filled in). */
export async function checkedInputs(handler: ResourceHandler, news: Record<string, unknown>) {
  const { inputs, failures } = await handler.check({}, news);
  expect(failures ?? []).toEqual([]);
  return inputs!;
}
