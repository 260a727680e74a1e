/**
 * A company's licence subscription, as the Company resource declares, reads and changes it.
 *
 * | step | GravityZone call |
 * |---|---|
 * | create | `createCompany {…, licenseSubscription}` (77211-126236) |
 * | read | `licensing.getLicenseInfo {companyId}` (77211-127105; `getCompanyDetails` does not document the licence) |
 * | to `monthly`, or its seats and dates | `licensing.setMonthlySubscription {companyId, reservedSlots, endSubscription, autoRenewPeriod}` (77211-127106) |
 * | to `licensed`, or another key | `licensing.setLicenseKey {companyId, licenseKey}` (77211-127107) |
 * | back to `trial`, a key on a trial, seats of a licensed company | refused in preview: no documented method does it |
 *
 * A company is never deleted to change its licence.
 */
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { okResult, type GravityZoneClient } from "../client";
import { LICENSE_TYPE_CODES, nameOfCode } from "../client/wire-codes";
import { sameValue } from "../framework/handler";
import { isoDate } from "../framework/validation";

/** The license subscription kinds (`licenseSubscription.type` 1, 2, 3 on the wire). */
export type LicenseSubscriptionType = "trial" | "licensed" | "monthly";

/**
 * A company's license subscription. Changed in place through the licensing API: `monthly` and its
 * seats and dates with `setMonthlySubscription`, a license key with `setLicenseKey`. A change no
 * documented method can make (back to `trial`, a key on a trial, seats of a `licensed` company) is
 * refused in preview; the company is never deleted to change its license.
 */
export interface LicenseSubscriptionArgs {
  /**
   * The subscription kind: `trial` (1 on the wire), `licensed` (2, a license key) or `monthly`
   * (3, monthly subscription from the partner's pool).
   * @default "trial"
   */
  type?: pulumi.Input<LicenseSubscriptionType>;
  /** The license key (a secret): required with `licensed`, allowed with `trial` and `licensed` only. Up to 64 characters. */
  licenseKey?: pulumi.Input<string>;
  /** Seats reserved for the company out of the partner's pool (0–1000000). */
  reservedSlots?: pulumi.Input<number>;
  /** When a `monthly` subscription ends, as an ISO 8601 date (`2027-12-31`). Only with `monthly`. */
  endSubscription?: pulumi.Input<string>;
  /** Automatic renewal period of a `monthly` subscription, in months (0–120). Only with `monthly`. */
  autoRenewPeriod?: pulumi.Input<number>;
}

/** The wire codes of the subscription kinds. */
export const LICENSE_CODES = LICENSE_TYPE_CODES satisfies Record<LicenseSubscriptionType, number>;

const wholeNumber = (min: number, max: number) =>
  z
    .number()
    .int("must be a whole number")
    .min(min, `must be between ${min} and ${max}`)
    .max(max, `must be between ${min} and ${max}`);

/** Validates `licenseSubscription`. */
export const licenseSubscriptionSchema = z
  .strictObject({
    type: z
      .enum(["trial", "licensed", "monthly"], { error: "must be one of trial, licensed, monthly" })
      .default("trial"),
    licenseKey: z.string().min(1, "must not be empty").max(64, "must be at most 64 characters").optional(),
    reservedSlots: wholeNumber(0, 1_000_000).optional(),
    endSubscription: isoDate.optional(),
    autoRenewPeriod: wholeNumber(0, 120).optional(),
  })
  .superRefine((l, ctx) => {
    if (l.type === "licensed" && l.licenseKey === undefined)
      ctx.addIssue({ code: "custom", path: ["licenseKey"], message: 'is required with type "licensed"' });
    if (l.type === "monthly" && l.licenseKey !== undefined)
      ctx.addIssue({
        code: "custom",
        path: ["licenseKey"],
        message: 'is only allowed with type "trial" or "licensed"',
      });
    for (const f of ["endSubscription", "autoRenewPeriod"] as const) {
      if (l.type !== "monthly" && l[f] !== undefined)
        ctx.addIssue({ code: "custom", path: [f], message: 'is only allowed with type "monthly"' });
    }
  });

/** A resolved `licenseSubscription`. */
export type LicenseSubscription = z.infer<typeof licenseSubscriptionSchema>;

/** `createCompany`'s `licenseSubscription` member. */
export function licenseWire(l: LicenseSubscription | undefined) {
  if (l === undefined) return undefined;
  return {
    type: LICENSE_CODES[l.type],
    licenseKey: l.licenseKey,
    reservedSlots: l.reservedSlots,
    endSubscription: l.endSubscription,
    autoRenewPeriod: l.autoRenewPeriod,
  };
}

/** The subscription kind of a wire code, if it is one the resource manages. */
export const licenseName = (code: number | null | undefined): LicenseSubscriptionType | undefined =>
  nameOfCode(LICENSE_CODES, code);

const licenseEntry = z
  .object({
    subscriptionType: z.number().nullish(),
    isAddon: z.boolean().nullish(),
    licenseKey: z.string().nullish(),
    totalSlots: z.number().nullish(),
    endSubscription: z.string().nullish(),
    autoRenewPeriod: z.number().nullish(),
  })
  .loose();

/**
 * `getLicenseInfo`'s answer: documented as an Array whose members are one licence's fields
 * (77211-127105), answered as a single object by the consoles community clients use. Both forms are
 * read; from an array, the main (non-add-on) licence.
 */
export const licenseInfoResult = z
  .union([licenseEntry, z.array(licenseEntry)])
  .transform((r) => (Array.isArray(r) ? (r.find((e) => e.isAddon !== true) ?? r[0] ?? {}) : r));

/** A company's licence as `getLicenseInfo` reports it. */
export type LicenseInfo = z.infer<typeof licenseInfoResult>;

/** Reads a company's licence. */
export function readLicense(c: GravityZoneClient, companyId: string): Promise<LicenseInfo> {
  return c.call("licensing", "getLicenseInfo", { companyId }, licenseInfoResult);
}

const orUndefined = <T>(v: T | null | undefined): T | undefined => (v === null || v === "" ? undefined : v);

/** The same calendar date (`2027-12-31` and `2027-12-31T00:00:00` are one date). */
const sameDate = (a: string | undefined, b: string | undefined) =>
  a !== undefined && b !== undefined && a.slice(0, 10) === b.slice(0, 10);

/** The program's licence (`mine`) as GravityZone reports it now: only the sub-fields the program sets. */
export function licenseAsRead(mine: LicenseSubscription, info: LicenseInfo): LicenseSubscription {
  const type = licenseName(info.subscriptionType) ?? mine.type;
  const end = orUndefined(info.endSubscription);
  return {
    type,
    licenseKey: mine.licenseKey === undefined ? undefined : orUndefined(info.licenseKey),
    // For a monthly subscription, totalSlots is the seats reserved for the company (77211-127105).
    reservedSlots:
      mine.reservedSlots === undefined
        ? undefined
        : type === "monthly"
          ? (orUndefined(info.totalSlots) ?? mine.reservedSlots)
          : mine.reservedSlots,
    endSubscription:
      mine.endSubscription === undefined ? undefined : sameDate(mine.endSubscription, end) ? mine.endSubscription : end,
    autoRenewPeriod: mine.autoRenewPeriod === undefined ? undefined : (orUndefined(info.autoRenewPeriod) ?? undefined),
  };
}

/**
 * Why a licence change cannot be made in place, with what to do; undefined when it can. `olds` is the
 * licence as last applied or read, `news` the program's.
 */
export function licenseChangeRefused(
  olds: LicenseSubscription | undefined,
  news: LicenseSubscription | undefined,
): string | undefined {
  if (news === undefined || sameValue(olds, news)) return undefined;
  const from = olds?.type;
  if (news.type === "trial" && from !== undefined && from !== "trial") {
    return `GravityZone has no method to turn a ${from} subscription back into a trial. Keep type "${from}", or change the licence in Control Center and then in the program.`;
  }
  // A trial the program starts to declare needs no call: the next refresh reads whether it is one.
  if (news.type === "trial" && olds !== undefined) {
    return 'GravityZone has no method to change a trial in place (setting a licence key makes it licensed). Use type "licensed" with the key, or type "monthly".';
  }
  // reservedSlots left out is not managed: only a value the program sets has to match.
  if (
    news.type === "licensed" &&
    news.reservedSlots !== undefined &&
    !sameValue(olds?.reservedSlots, news.reservedSlots)
  ) {
    return "GravityZone has no method to change the seats of a licensed (license key) subscription: the key decides them. Remove reservedSlots, or keep its old value.";
  }
  return undefined;
}

/**
 * Applies a licence change in place: `setMonthlySubscription` for `monthly` (its seats and dates;
 * a removed end date is sent as '' to unset it), `setLicenseKey` for `licensed`. Call only when
 * {@link licenseChangeRefused} has no objection.
 */
export async function applyLicense(
  c: GravityZoneClient,
  companyId: string,
  olds: LicenseSubscription | undefined,
  news: LicenseSubscription,
): Promise<void> {
  if (sameValue(olds, news)) return;
  if (news.type === "monthly") {
    const params: Record<string, unknown> = {
      companyId,
      reservedSlots: news.reservedSlots,
      autoRenewPeriod: news.autoRenewPeriod,
    };
    params.endSubscription = news.endSubscription ?? (olds?.endSubscription !== undefined ? "" : undefined);
    await c.call("licensing", "setMonthlySubscription", params, okResult);
    return;
  }
  if (news.type === "licensed" && (olds?.type !== "licensed" || olds.licenseKey !== news.licenseKey)) {
    await c.call("licensing", "setLicenseKey", { companyId, licenseKey: news.licenseKey }, okResult);
  }
}
