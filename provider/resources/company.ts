/**
 * Company: a partner or customer company under a GravityZone partner.
 *
 * | operation | GravityZone call |
 * |---|---|
 * | create | `companies.createCompany {type, name, parentId, …}` after a lookup by exact name (`companies.findCompaniesByName`); then `companies.suspendCompany` when `suspended: true` |
 * | read | `companies.getCompanyDetails {companyId}` (not found → gone) |
 * | update | `companies.updateCompanyDetails {id, …changed fields}` (name, type, address, country, state, phone, industry, canBeManagedByAbove, enforce2FA); `suspended` → `companies.suspendCompany` / `companies.activateCompany {companyId}` |
 * | replace | `parentId`, `licenseSubscription` (updateCompanyDetails takes neither) |
 * | delete | `companies.deleteCompany {companyId}`, refused by this provider while `deletionProtection` is true |
 *
 * The program is the truth for the company's details: an optional text field left out means "empty"
 * (removing `address` from the program clears the address). `licenseSubscription` is managed only
 * when the program sets it, and then only the sub-fields it sets.
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { newIdResult, okResult, type GravityZoneClient, isGravityZoneError } from "../client";
import { createOrAdopt } from "../create-or-adopt";
import { dynamicProvider } from "../dynamic";
import { defineHandler, sameValue } from "../handler";
import { PartialCreateError, withPartialFailures } from "../partial-failure";
import { providerClient } from "../settings";
import { countryCode, displayName, idRef, isoDate, phone, plainText, subdivisionCode } from "../validation";

/** A company's kind: a partner can own companies, a customer cannot. */
export type CompanyType = "partner" | "customer";

/** The license subscription kinds (`licenseSubscription.type` 1, 2, 3 on the wire). */
export type LicenseSubscriptionType = "trial" | "licensed" | "monthly";

/**
 * A company's license subscription, set when the company is created.
 * Caution: `updateCompanyDetails` cannot change it, so any change here **replaces** the company
 * (refused while `deletionProtection` is true); change a live company's license in Control Center.
 */
export interface LicenseSubscriptionArgs {
  /**
   * The subscription kind: `trial` (1 on the wire), `licensed` (2, a license key) or `monthly`
   * (3, monthly subscription from the partner's pool).
   * @default "trial"
   */
  type?: pulumi.Input<LicenseSubscriptionType>;
  /** The license key: required with `licensed`, allowed with `trial` and `licensed` only. Up to 64 characters. */
  licenseKey?: pulumi.Input<string>;
  /** Seats reserved for the company out of the partner's pool (0–1000000). */
  reservedSlots?: pulumi.Input<number>;
  /** When a `monthly` subscription ends, as an ISO 8601 date (`2027-12-31`). Only with `monthly`. */
  endSubscription?: pulumi.Input<string>;
  /** Automatic renewal period of a `monthly` subscription, in months (0–120). Only with `monthly`. */
  autoRenewPeriod?: pulumi.Input<number>;
}

/** Inputs of {@link Company}. */
export interface CompanyArgs {
  /** The company's name: 1–64 characters, unique in GravityZone. Renaming is done in place. */
  name: pulumi.Input<string>;
  /**
   * `partner` (can own companies) or `customer`. Changed in place (`updateCompanyDetails`); GravityZone
   * refuses to turn a partner that still owns companies into a customer.
   * @default "customer"
   */
  type?: pulumi.Input<CompanyType>;
  /**
   * The partner company that owns this company.
   * Caution: companies cannot be moved through the API, so changing it **replaces** the company.
   * @default the API key's own company
   */
  parentId?: pulumi.Input<string>;
  /** Postal address: at most 128 characters, no HTML. Left out = none. */
  address?: pulumi.Input<string>;
  /** ISO 3166-1 alpha-2 country code in upper case, e.g. `RO`, `US`. Left out = none. */
  country?: pulumi.Input<string>;
  /** ISO 3166-2 subdivision code in upper case, e.g. `US-CA`, `RO-B`; must be in `country` when both are set. Left out = none. */
  state?: pulumi.Input<string>;
  /** Phone number: at most 32 characters of digits, spaces and `+ - ( ) .`. Left out = none. */
  phone?: pulumi.Input<string>;
  /** GravityZone's industry code: 0 (not set) to 34, or a sub-industry `<industry>01`–`<industry>99` (e.g. 1201). @default 0 */
  industry?: pulumi.Input<number>;
  /** Whether the partner above may manage this company's security. @default true */
  canBeManagedByAbove?: pulumi.Input<boolean>;
  /** Require two-factor authentication for the company's console accounts. @default false */
  enforce2FA?: pulumi.Input<boolean>;
  /**
   * The company's license subscription. Not managed when left out.
   * Caution: the API cannot change it after creation, so changing it **replaces** the company.
   */
  licenseSubscription?: pulumi.Input<LicenseSubscriptionArgs>;
  /**
   * Suspend the company (`suspendCompany`; its endpoints stop being protected by license) or keep it
   * active (`activateCompany`). A company created with `true` is suspended right after creation.
   * @default false
   */
  suspended?: pulumi.Input<boolean>;
  /**
   * Refuse to delete the company (on `pulumi destroy`, on removal from the program, or on a replace).
   * Set it to `false` and run `pulumi up` before destroying.
   * @default true
   */
  deletionProtection?: pulumi.Input<boolean>;
  /**
   * Take over an existing company with the same name instead of failing. Its details are then brought
   * in line with the program.
   * @default false
   */
  adopt?: pulumi.Input<boolean>;
}

const TYPE_CODES = { partner: 0, customer: 1 } as const satisfies Record<CompanyType, number>;
const LICENSE_CODES = { trial: 1, licensed: 2, monthly: 3 } as const satisfies Record<LicenseSubscriptionType, number>;

const wholeNumber = (min: number, max: number) =>
  z.number().int("must be a whole number").min(min, `must be between ${min} and ${max}`).max(max, `must be between ${min} and ${max}`);

const licenseSubscriptionSchema = z
  .strictObject({
    type: z.enum(["trial", "licensed", "monthly"], { error: "must be one of trial, licensed, monthly" }).default("trial"),
    licenseKey: z.string().min(1, "must not be empty").max(64, "must be at most 64 characters").optional(),
    reservedSlots: wholeNumber(0, 1_000_000).optional(),
    endSubscription: isoDate.optional(),
    autoRenewPeriod: wholeNumber(0, 120).optional(),
  })
  .superRefine((l, ctx) => {
    if (l.type === "licensed" && l.licenseKey === undefined) ctx.addIssue({ code: "custom", path: ["licenseKey"], message: 'is required with type "licensed"' });
    if (l.type === "monthly" && l.licenseKey !== undefined) ctx.addIssue({ code: "custom", path: ["licenseKey"], message: 'is only allowed with type "trial" or "licensed"' });
    for (const f of ["endSubscription", "autoRenewPeriod"] as const) {
      if (l.type !== "monthly" && l[f] !== undefined) ctx.addIssue({ code: "custom", path: [f], message: 'is only allowed with type "monthly"' });
    }
  });

/** GravityZone industry codes: 0–34, or a sub-industry `<industry>01`–`<industry>99`. */
const industryCode = z
  .number()
  .int("must be a whole number")
  .refine((v) => (v >= 0 && v <= 34) || (Math.floor(v / 100) >= 1 && Math.floor(v / 100) <= 34 && v % 100 >= 1), "must be an industry code: 0–34, or a sub-industry like 1201");

const schema = z.strictObject({
  name: displayName(64),
  type: z.enum(["partner", "customer"], { error: "must be partner or customer" }).default("customer"),
  parentId: idRef.optional(),
  address: plainText(128).optional(),
  country: countryCode.optional(),
  state: subdivisionCode.optional(),
  phone: phone.optional(),
  industry: industryCode.default(0),
  canBeManagedByAbove: z.boolean().default(true),
  enforce2FA: z.boolean().default(false),
  licenseSubscription: licenseSubscriptionSchema.optional(),
  suspended: z.boolean().default(false),
  deletionProtection: z.boolean().default(true),
  adopt: z.boolean().default(false),
}).superRefine((c, ctx) => {
  if (c.country !== undefined && c.state !== undefined && !c.state.startsWith(`${c.country}-`)) {
    ctx.addIssue({ code: "custom", path: ["state"], message: `must be a subdivision of country ${c.country} (${c.country}-…)` });
  }
});

/** Resolved inputs of {@link Company}. */
export type CompanyInputs = z.infer<typeof schema>;

/** Outputs of {@link Company}. */
export interface CompanyOutputs extends CompanyInputs {
  /** The company's id. */
  companyId: string;
  /** Whether the company is suspended now (as GravityZone reports it). */
  isSuspended: boolean;
  /** When the company was created, as GravityZone reports it. */
  createdAt?: string;
  /** True when an existing company was adopted rather than created. */
  adopted: boolean;
}

const licenseDetails = z
  .object({
    type: z.number().nullish(),
    licenseKey: z.string().nullish(),
    reservedSlots: z.number().nullish(),
    endSubscription: z.string().nullish(),
    autoRenewPeriod: z.number().nullish(),
  })
  .loose();

/** The answer of `companies.getCompanyDetails`, as the company resource, data source and import read it. @internal */
export const companyDetails = z
  .object({
    id: z.string(),
    name: z.string(),
    type: z.number(),
    parentId: z.string().nullish(),
    address: z.string().nullish(),
    country: z.string().nullish(),
    state: z.string().nullish(),
    phone: z.string().nullish(),
    industry: z.number().nullish(),
    canBeManagedByAbove: z.boolean().nullish(),
    enforce2FA: z.boolean().nullish(),
    isSuspended: z.boolean().nullish(),
    createdAt: z.string().nullish(),
    licenseSubscription: licenseDetails.nullish(),
  })
  .loose();
type CompanyDetails = z.infer<typeof companyDetails>;

const companyMatch = z.object({ id: z.string(), name: z.string() }).loose();
const companyMatches = z.union([z.array(companyMatch), z.object({ items: z.array(companyMatch) }).loose().transform((r) => r.items), z.null().transform(() => [])]);

/** Fields sent to `updateCompanyDetails` when they change. */
const DETAIL_FIELDS = ["name", "type", "address", "country", "state", "phone", "industry", "canBeManagedByAbove", "enforce2FA"] as const;
/** Optional text fields: left out of the program = empty (sent as "" to clear). */
const TEXT_FIELDS = new Set<string>(["address", "country", "state", "phone"]);

async function details(c: GravityZoneClient, id: string): Promise<CompanyDetails | undefined> {
  try {
    return await c.call("companies", "getCompanyDetails", { companyId: id }, companyDetails);
  } catch (e) {
    if (isGravityZoneError(e, "not-found")) return undefined;
    throw e;
  }
}

/**
 * The company with this name, if any. `findCompaniesByName` matches substrings; GravityZone keeps
 * company names unique regardless of case, so the match is exact but case-insensitive.
 */
async function findByName(c: GravityZoneClient, name: string) {
  const matches = await c.call("companies", "findCompaniesByName", { nameFilter: name }, companyMatches);
  const key = name.trim().toLowerCase();
  return matches.find((m) => m.name.trim().toLowerCase() === key);
}

function licenseWire(l: CompanyInputs["licenseSubscription"]) {
  if (l === undefined) return undefined;
  return { type: LICENSE_CODES[l.type], licenseKey: l.licenseKey, reservedSlots: l.reservedSlots, endSubscription: l.endSubscription, autoRenewPeriod: l.autoRenewPeriod };
}

const typeName = (code: number): CompanyType => (code === TYPE_CODES.partner ? "partner" : "customer");
const licenseName = (code: number | null | undefined): LicenseSubscriptionType | undefined =>
  (Object.keys(LICENSE_CODES) as LicenseSubscriptionType[]).find((k) => LICENSE_CODES[k] === code);
const orUndefined = <T>(v: T | null | undefined): T | undefined => (v === null || v === "" ? undefined : v);

/** The outputs for `base` (the program's view) with what GravityZone reports now, for managed fields. */
function reflect(base: CompanyOutputs, d: CompanyDetails): CompanyOutputs {
  const out: CompanyOutputs = {
    ...base,
    name: d.name,
    type: typeName(d.type),
    industry: d.industry ?? base.industry,
    canBeManagedByAbove: d.canBeManagedByAbove ?? base.canBeManagedByAbove,
    enforce2FA: d.enforce2FA ?? base.enforce2FA,
    suspended: d.isSuspended ?? false,
    companyId: d.id,
    isSuspended: d.isSuspended ?? false,
    createdAt: orUndefined(d.createdAt) ?? base.createdAt,
    address: orUndefined(d.address),
    country: orUndefined(d.country),
    state: orUndefined(d.state),
    phone: orUndefined(d.phone),
  };
  // parentId left out means "the key's company": reported only when the program names a parent.
  if (base.parentId !== undefined && orUndefined(d.parentId) !== undefined) out.parentId = d.parentId!;
  // The license: only the sub-fields the program sets.
  const l = base.licenseSubscription;
  const dl = d.licenseSubscription;
  if (l !== undefined && dl) {
    out.licenseSubscription = {
      type: licenseName(dl.type) ?? l.type,
      licenseKey: l.licenseKey === undefined ? undefined : orUndefined(dl.licenseKey),
      reservedSlots: l.reservedSlots === undefined ? undefined : orUndefined(dl.reservedSlots),
      endSubscription: l.endSubscription === undefined ? undefined : orUndefined(dl.endSubscription),
      autoRenewPeriod: l.autoRenewPeriod === undefined ? undefined : orUndefined(dl.autoRenewPeriod),
    };
  }
  return out;
}

/** `updateCompanyDetails` parameters for the detail fields that differ; undefined when none. */
function detailChanges(id: string, olds: CompanyInputs, news: CompanyInputs): Record<string, unknown> | undefined {
  const params: Record<string, unknown> = { id };
  let any = false;
  for (const f of DETAIL_FIELDS) {
    if (sameValue(olds[f], news[f])) continue;
    params[f] = f === "type" ? TYPE_CODES[news.type] : news[f] === undefined && TEXT_FIELDS.has(f) ? "" : news[f];
    any = true;
  }
  return any ? params : undefined;
}

async function setSuspended(c: GravityZoneClient, id: string, suspended: boolean): Promise<void> {
  await c.call("companies", suspended ? "suspendCompany" : "activateCompany", { companyId: id }, okResult);
}

/** @internal */
export const handler = withPartialFailures(
  defineHandler<CompanyInputs, CompanyOutputs>({
    type: "Company",
    schema,
    replaceOn: ["parentId", "licenseSubscription"],
    local: ["deletionProtection", "adopt"],
    // Company names are unique: the old company must go before its replacement is created.
    deleteBeforeReplace: true,

    async create(inputs) {
      const c = providerClient();
      const what = `company "${inputs.name}"`;
      const { id, adopted } = await createOrAdopt({
        what,
        adopt: inputs.adopt,
        find: () => findByName(c, inputs.name),
        idOf: (m) => m.id,
        create: () =>
          c.call(
            "companies",
            "createCompany",
            {
              type: TYPE_CODES[inputs.type],
              name: inputs.name,
              parentId: inputs.parentId,
              address: inputs.address,
              country: inputs.country,
              state: inputs.state,
              phone: inputs.phone,
              industry: inputs.industry,
              canBeManagedByAbove: inputs.canBeManagedByAbove,
              enforce2FA: inputs.enforce2FA,
              licenseSubscription: licenseWire(inputs.licenseSubscription),
            },
            newIdResult,
          ),
      });

      const base: CompanyOutputs = { ...inputs, companyId: id, isSuspended: false, adopted };
      if (adopted) {
        const now = await details(c, id);
        if (now === undefined) throw new Error(`${what} (id ${id}) was found but GravityZone no longer finds it; run \`pulumi up\` again.`);
        const actual = reflect(base, now);
        // Bring the adopted company's details in line with the program. parentId and the license
        // cannot change in place: the outputs keep GravityZone's values, so the next preview shows them.
        const params = detailChanges(id, actual, inputs);
        if (params) await c.call("companies", "updateCompanyDetails", params, okResult);
        if (actual.suspended !== inputs.suspended) await setSuspended(c, id, inputs.suspended);
        const converged: CompanyOutputs = { ...actual, suspended: inputs.suspended, isSuspended: inputs.suspended };
        for (const f of DETAIL_FIELDS) (converged as unknown as Record<string, unknown>)[f] = inputs[f];
        return { id, outs: converged };
      }
      // A new company is what the program asked for: no read-back (it would cost a third call of the
      // companies budget per company). createdAt and the fields GravityZone fills in when the program
      // leaves them out are outputs the next refresh reads; they are not compared, so that read shows
      // no change.
      if (inputs.suspended) {
        try {
          await setSuspended(c, id, true);
        } catch (e) {
          throw new PartialCreateError(what, id, { ...base, suspended: false }, "suspending it (companies.suspendCompany)", e);
        }
      }
      return { id, outs: { ...base, isSuspended: inputs.suspended } };
    },

    async read(id, olds) {
      const now = await details(providerClient(), id);
      return now === undefined ? undefined : reflect(olds, now);
    },

    async update(id, olds, news) {
      const c = providerClient();
      const params = detailChanges(id, olds, news);
      if (params) await c.call("companies", "updateCompanyDetails", params, okResult);
      if (olds.suspended !== news.suspended) await setSuspended(c, id, news.suspended);
      return { ...olds, ...news, companyId: id, isSuspended: news.suspended, adopted: olds.adopted };
    },

    async delete(id, olds) {
      if (olds.deletionProtection !== false) {
        throw new Error(
          `company "${olds.name}" (${id}) is protected from deletion: set deletionProtection: false on it and run \`pulumi up\` before destroying or replacing it.`,
        );
      }
      try {
        await providerClient().call("companies", "deleteCompany", { companyId: id }, okResult);
      } catch (e) {
        if (isGravityZoneError(e, "invalid-params", "server") && /manages|subordinate|child|sub-?compan|has companies|contains/i.test(e.details)) {
          throw new Error(`company "${olds.name}" (${id}) still owns other companies: delete or move them first. (${e.message})`);
        }
        throw e;
      }
    },
  }),
);

const provider = dynamicProvider("company");

/**
 * A GravityZone company (partner or customer).
 *
 * Protected from deletion by default: set `deletionProtection: false` and run `pulumi up` before
 * `pulumi destroy` (or before a change that replaces it).
 *
 * @example
 * ```ts
 * const acme = new gravityzone.Company("acme", {
 *   name: "Acme Ltd",
 *   type: "customer",
 *   country: "RO",
 *   licenseSubscription: { type: "monthly", reservedSlots: 50 },
 * });
 * ```
 */
export class Company extends pulumi.dynamic.Resource {
  /** The Pulumi type token (used by policy packs' `validateResourceOfType`). */
  static readonly __pulumiType = "pulumi-nodejs:dynamic/gravityzone:Company";
  /** The company's name. */
  declare readonly name: pulumi.Output<string>;
  /** `partner` or `customer`. */
  declare readonly type: pulumi.Output<CompanyType>;
  /** The owning partner's id, when one was given. */
  declare readonly parentId: pulumi.Output<string | undefined>;
  /** The postal address, when managed. */
  declare readonly address: pulumi.Output<string | undefined>;
  /** The country code, when managed. */
  declare readonly country: pulumi.Output<string | undefined>;
  /** The state or region, when managed. */
  declare readonly state: pulumi.Output<string | undefined>;
  /** The phone number, when managed. */
  declare readonly phone: pulumi.Output<string | undefined>;
  /** The industry code. */
  declare readonly industry: pulumi.Output<number>;
  /** Whether the partner above may manage the company. */
  declare readonly canBeManagedByAbove: pulumi.Output<boolean>;
  /** Whether two-factor authentication is enforced. */
  declare readonly enforce2FA: pulumi.Output<boolean>;
  /** The license subscription, when managed. */
  declare readonly licenseSubscription: pulumi.Output<{ type: LicenseSubscriptionType; licenseKey?: string; reservedSlots?: number; endSubscription?: string; autoRenewPeriod?: number } | undefined>;
  /** Whether the company should be suspended. */
  declare readonly suspended: pulumi.Output<boolean>;
  /** Whether deletion is refused. */
  declare readonly deletionProtection: pulumi.Output<boolean>;
  /** The company's id (also `id`); use it as `parentId`/`companyId` of other resources. */
  declare readonly companyId: pulumi.Output<string>;
  /** Whether GravityZone reports the company as suspended. */
  declare readonly isSuspended: pulumi.Output<boolean>;
  /** When the company was created. */
  declare readonly createdAt: pulumi.Output<string | undefined>;
  /** True when an existing company was adopted. */
  declare readonly adopted: pulumi.Output<boolean>;

  /**
   * Declares a company.
   *
   * When `deletionProtection` is a plain boolean (or omitted, i.e. on), it also sets Pulumi's
   * `protect` option unless you set `protect` yourself, so `pulumi destroy` stops before deleting
   * anything — not after the company's groups, packages and accounts are gone.
   */
  constructor(name: string, args: CompanyArgs, opts?: pulumi.CustomResourceOptions) {
    const dp = args.deletionProtection;
    const protect = opts?.protect ?? (dp === undefined ? true : typeof dp === "boolean" ? dp : undefined);
    super(provider, name, { companyId: undefined, isSuspended: undefined, createdAt: undefined, adopted: undefined, ...args }, { ...opts, protect }, "gravityzone", "Company");
  }
}
