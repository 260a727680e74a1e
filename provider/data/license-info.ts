/**
 * License information: `getLicenseInfo` → `licensing.getLicenseInfo {companyId?, returnAllProducts?}`.
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import type { GravityZoneClient } from "../client";
import { programClient } from "../settings";
import { outputForm } from "./output-form";

/** Arguments of {@link getLicenseInfo}. */
export interface GetLicenseInfoArgs {
  /** The company whose license to read. @default the API key's own company */
  companyId?: string;
  /** Also list every product's license (`products`). @default false */
  returnAllProducts?: boolean;
}

/** Result of {@link getLicenseInfo}. */
export interface GetLicenseInfoResult {
  /** The subscription kind code: 1 trial, 2 licensed, 3 monthly subscription, … */
  subscriptionType?: number;
  /** When the license expires. */
  expiryDate?: string;
  /** Seats in use. */
  usedSlots?: number;
  /** Seats available. */
  totalSlots?: number;
  /** Whether the license is an add-on. */
  isAddon?: boolean;
  /** Every product's license, with `returnAllProducts`. */
  products?: Record<string, unknown>[];
  /**
   * The licence key, as a secret, when GravityZone reports one. (In the Output form of this data
   * source a result holding a key is a secret as a whole.)
   */
  licenseKey?: pulumi.Output<string>;
  /** Every other field of the API's answer (add-on switches, dates, …); never the licence key. */
  details: Record<string, unknown>;
}

const entry = z
  .object({
    subscriptionType: z.number().nullish(),
    expiryDate: z.string().nullish(),
    usedSlots: z.number().nullish(),
    totalSlots: z.number().nullish(),
    isAddon: z.boolean().nullish(),
    products: z.array(z.record(z.string(), z.unknown())).nullish(),
  })
  .loose();

/**
 * The answer: documented as an Array whose members are one licence's fields (77211-127105), answered as
 * one object by the consoles community clients use. Both are read; from an array, the main licence.
 */
const info = z
  .union([entry, z.array(entry)])
  .transform((r) => (Array.isArray(r) ? (r.find((e) => e.isAddon !== true) ?? r[0] ?? {}) : r));

/** Reads license information. @internal */
export async function readLicenseInfo(c: GravityZoneClient, args: GetLicenseInfoArgs): Promise<GetLicenseInfoResult> {
  const d = await c.call(
    "licensing",
    "getLicenseInfo",
    { companyId: args.companyId, returnAllProducts: args.returnAllProducts },
    info,
  );
  const { licenseKey, ...rest } = d as typeof d & { licenseKey?: unknown };
  return {
    licenseKey: typeof licenseKey === "string" && licenseKey !== "" ? pulumi.secret(licenseKey) : undefined,
    subscriptionType: d.subscriptionType ?? undefined,
    expiryDate: d.expiryDate ?? undefined,
    usedSlots: d.usedSlots ?? undefined,
    totalSlots: d.totalSlots ?? undefined,
    isAddon: d.isAddon ?? undefined,
    products: d.products ?? undefined,
    details: rest,
  };
}

/**
 * Reads a company's license information: seats used and available, expiry, add-ons.
 * @example
 * ```ts
 * const { usedSlots, totalSlots } = await gravityzone.getLicenseInfo({ companyId });
 * ```
 */
export function getLicenseInfo(args: GetLicenseInfoArgs = {}): Promise<GetLicenseInfoResult> {
  return readLicenseInfo(programClient(), args);
}

/** Output form of {@link getLicenseInfo}. */
export const getLicenseInfoOutput = outputForm(getLicenseInfo);
