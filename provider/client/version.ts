/**
 * The package's version, read once from its own package.json (which ships with the package), so the
 * version is written in one place.
 *
 * @module
 */
import * as fs from "node:fs";
import * as path from "node:path";

function readVersion(): string {
  // provider/client/ in the sources, dist/provider/client/ once built.
  for (const rel of ["../../../package.json", "../../package.json"]) {
    const file = path.resolve(__dirname, rel);
    if (!fs.existsSync(file)) continue;
    const pkg = JSON.parse(fs.readFileSync(file, "utf8")) as { name?: string; version?: string };
    if (pkg.name === "pulumi-gravityzone") return pkg.version ?? "unknown";
  }
  return "unknown";
}

/** The version of pulumi-gravityzone in use, e.g. `0.1.0` (`unknown` if its package.json cannot be read). */
export const PACKAGE_VERSION: string = readVersion();
