/**
 * Attacks on the emulator a web page or a local user could try: driving the admin route from a page
 * (DNS rebinding through the Host header, a cross-site `text/plain` POST, an `Origin` of another site),
 * reading secrets from the call record, a request nested thousands of levels deep, and a file planted
 * where the state is saved.
 */
import * as fs from "node:fs";
import * as http from "node:http";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../emulator/index";
import { writeStateFile } from "../../emulator/persistence";
import { seedState } from "../../emulator/seed";
import { GOOD_PASSWORD, ok, post, rpc, start } from "./helpers";

/** A raw request to the emulator with full control of the headers (fetch would set Host itself). */
function raw(
  emu: RunningEmulator,
  method: string,
  pathname: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; text: string }> {
  const url = new URL(emu.adminUrl);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, method, path: pathname, headers, setHost: false },
      (res) => {
        let text = "";
        res.on("data", (c: Buffer) => (text += c.toString("utf8")));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

let emu: RunningEmulator;
let host: string;

beforeAll(async () => {
  emu = await start();
  host = new URL(emu.adminUrl).host;
});
afterAll(async () => {
  await emu.close();
});

describe("the admin route cannot be driven from a web page", () => {
  const renameBody = () =>
    JSON.stringify({ action: "renameCompany", companyId: emu.state.rootCompanyId, name: "Renamed By A Page" });

  it.each([
    ["a rebinding Host (attacker.example)", { Host: "attacker.example:80", "Content-Type": "application/json" }],
    [
      "a rebinding Host on the emulator's port",
      { Host: `rebind.attacker.example:${new URL("http://x").port || "8443"}`, "Content-Type": "application/json" },
    ],
    ["a cross-site text/plain POST (no preflight)", { Host: "HOST", "Content-Type": "text/plain" }],
    ["a form POST", { Host: "HOST", "Content-Type": "application/x-www-form-urlencoded" }],
    [
      "an Origin of another site",
      { Host: "HOST", "Content-Type": "application/json", Origin: "https://attacker.example" },
    ],
    ["an opaque Origin (sandboxed page)", { Host: "HOST", "Content-Type": "application/json", Origin: "null" }],
    [
      "Sec-Fetch-Site: cross-site",
      { Host: "HOST", "Content-Type": "application/json", "Sec-Fetch-Site": "cross-site" },
    ],
  ])("%s is refused and changes nothing", async (_what, headers) => {
    const before = emu.state.companies[emu.state.rootCompanyId]!.name;
    const h = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, v === "HOST" ? host : v]));
    const a = await raw(emu, "POST", "/__admin/console", h, renameBody());
    expect([403, 415]).toContain(a.status);
    expect(emu.state.companies[emu.state.rootCompanyId]!.name).toBe(before);
    // Reading the state with a rebinding Host is refused too.
    if ((headers as Record<string, string>).Host !== "HOST")
      expect((await raw(emu, "GET", "/__admin/state", h)).status).toBe(403);
  });

  it("a local tool (loopback Host, JSON, no Origin) is served", async () => {
    const a = await raw(
      emu,
      "POST",
      "/__admin/console",
      { Host: host, "Content-Type": "application/json" },
      renameBody(),
    );
    expect(a.status).toBe(200);
    expect(emu.state.companies[emu.state.rootCompanyId]!.name).toBe("Renamed By A Page");
  });

  it("the call record shows passwords, push authorizations and licence keys as [redacted]", async () => {
    await rpc(emu, "accounts", "createAccount", {
      email: "sec@example.com",
      profile: { fullName: "Sec" },
      password: GOOD_PASSWORD,
    });
    await rpc(emu, "licensing", "setLicenseKey", { licenseKey: "LICENSEKEY-SECRET-1" });
    const a = await raw(emu, "GET", "/__admin/calls", { Host: host });
    expect(a.status).toBe(200);
    expect(a.text).not.toContain(GOOD_PASSWORD);
    expect(a.text).not.toContain("LICENSEKEY-SECRET-1");
    expect(a.text).toContain("[redacted]");
  });
});

describe("requests nested deeper than any parameter", () => {
  it("are refused before they reach a method, and later writes still save", async () => {
    const deep = `${"[".repeat(20_000)}1${"]".repeat(20_000)}`;
    const before = JSON.stringify(emu.state);
    const a = await post(
      emu,
      "companies",
      `{"id":"1","jsonrpc":"2.0","method":"updateCompanyDetails","params":{"name":"Deep","customFields":${deep}}}`,
    );
    expect(a.json.error.code).toBe(-32600);
    expect(JSON.stringify(emu.state)).toBe(before);
    await ok(emu, "companies", "updateCompanyDetails", { name: "Shallow Again" });
  });

  it("are refused on the admin route too", async () => {
    const deep = `{"action":${"[".repeat(20_000)}${"]".repeat(20_000)}}`;
    expect(
      (await raw(emu, "POST", "/__admin/console", { Host: host, "Content-Type": "application/json" }, deep)).status,
    ).toBe(400);
  });
});

describe("saving the state", () => {
  it("never writes through a file or link planted where a temporary file would go", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gz-state-"));
    const statePath = path.join(dir, "state.json");
    const victim = path.join(dir, "victim.txt");
    fs.writeFileSync(victim, "untouched");
    // Links with every name the old scheme (pid and a counter) would use for the next saves.
    for (let i = 1; i <= 200; i++) fs.symlinkSync(victim, path.join(dir, `.state.json.${process.pid}.${i}.tmp`));
    try {
      for (let n = 0; n < 3; n++) await writeStateFile(statePath, seedState("empty"));
      expect(fs.readFileSync(victim, "utf8")).toBe("untouched");
      expect(fs.lstatSync(statePath).isSymbolicLink()).toBe(false);
      expect(JSON.parse(fs.readFileSync(statePath, "utf8")).rootCompanyId).toBe(seedState("empty").rootCompanyId);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
