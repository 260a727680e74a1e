/**
 * Installation links: `getInstallationLinks` → `packages.getInstallationLinks {companyId?, packageName?}`.
 */
import { z } from "zod";
import type { GravityZoneClient } from "../client";
import { installLinksOf, type InstallLinks } from "../resources/installation-package";
import { programClient } from "../settings";
import { outputForm } from "./output-form";

/** Arguments of {@link getInstallationLinks}. */
export interface GetInstallationLinksArgs {
  /** The company whose packages to list. @default the API key's own company */
  companyId?: string;
  /** Only this package (a name no package has gives no entries). @default every package of the company */
  packageName?: string;
}

/** One package's links. */
export interface PackageInstallLinks {
  /** The package name. */
  packageName: string;
  /** The owning company's name, when the API says. */
  companyName?: string;
  /** The download links: windows, mac, macArm, linux, and any others under their API names. */
  links: InstallLinks;
}

/** Result of {@link getInstallationLinks}. */
export interface GetInstallationLinksResult {
  /** One entry per package. */
  packages: PackageInstallLinks[];
}

const entry = z.object({ packageName: z.string(), companyName: z.string().nullish() }).loose();

/** Reads installation links. @internal */
export async function readInstallationLinks(
  c: GravityZoneClient,
  args: GetInstallationLinksArgs,
): Promise<GetInstallationLinksResult> {
  const all = await c.call(
    "packages",
    "getInstallationLinks",
    { companyId: args.companyId, packageName: args.packageName },
    z.array(entry),
  );
  return {
    packages: all.map((e) => ({
      packageName: e.packageName,
      companyName: e.companyName ?? undefined,
      links: installLinksOf(e),
    })),
  };
}

/**
 * Reads the download links of a company's installation packages.
 * @example
 * ```ts
 * const { packages } = await gravityzone.getInstallationLinks({ packageName: "Servers" });
 * export const windows = packages[0]?.links.windows;
 * ```
 */
export function getInstallationLinks(args: GetInstallationLinksArgs = {}): Promise<GetInstallationLinksResult> {
  return readInstallationLinks(programClient(), args);
}

/** Output form of {@link getInstallationLinks}. */
export const getInstallationLinksOutput = outputForm(getInstallationLinks);
