/**
 * Company: a partner or customer company under a GravityZone partner.
 *
 * | operation | GravityZone call |
 * |---|---|
 * | create | `companies.createCompany {type, name, parentId, …}` after a lookup by exact name (`companies.findCompaniesByName`); then `companies.suspendCompany {companyId, recursive: false}` when `suspended: true` |
 * | read | `companies.getCompanyDetails {companyId}` (an unset country or state reads "N/A"); `licensing.getLicenseInfo {companyId}` when the program sets `licenseSubscription`; an error that may mean "not found" counts as gone only when `network.getNetworkInventoryItems` no longer lists the company |
 * | update | `companies.updateCompanyDetails {id, …changed fields}` (name, type, address, country, state, phone, industry, enforce2FA, skip2FAPeriod, contactPerson: 77211-126238); the licence through `licensing.setMonthlySubscription` / `setLicenseKey` (see company-license.ts); `suspended` → `companies.suspendCompany` / `companies.activateCompany {companyId, recursive: false}` |
 * | refused | `parentId`, `canBeManagedByAbove` (no method changes them), licence changes no method makes |
 * | delete | `companies.deleteCompany {companyId}`, refused by this provider while `deletionProtection` is true |
 *
 * The program is the truth for the company's details: an optional text field left out means "empty"
 * (removing `address` from the program clears the address). `licenseSubscription`, `skip2FAPeriod`
 * and `contactPerson` are managed only when the program sets them, and then only the sub-fields it sets.
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { newIdResult, okResult, type GravityZoneClient, isStillOwnsCompanies } from "../client";
import { findInInventory } from "../client/inventory";
import { COMPANY_TYPE_CODES, INVENTORY_TYPE_CODES } from "../client/wire-codes";
import { createOrAdopt } from "../framework/create-or-adopt";
import { dynamicProvider } from "../framework/dynamic";
import { defineHandler, sameValue } from "../framework/handler";
import { PartialCreateError, withPartialFailures } from "../framework/partial-failure";
import { providerClient } from "../settings";
import { countryCode, displayName, email, idRef, phone, plainText, subdivisionCode } from "../framework/validation";
import {
  applyLicense,
  licenseAsRead,
  licenseChangeRefused,
  type LicenseSubscriptionArgs,
  licenseSubscriptionSchema,
  type LicenseSubscriptionType,
  licenseWire,
  readLicense,
} from "./company-license";

export type { LicenseSubscriptionArgs, LicenseSubscriptionType } from "./company-license";

/** A company's kind: a partner can own companies, a customer cannot. */
export type CompanyType = "partner" | "customer";

/** A company's designated contact person (`contactPerson` in createCompany and updateCompanyDetails). */
export interface ContactPersonArgs {
  /** Full name, at most 128 characters. */
  fullName?: pulumi.Input<string>;
  /** E-mail address. */
  email?: pulumi.Input<string>;
  /** Phone number: at most 32 characters of digits, spaces and `+ - ( ) .`. */
  phoneNumber?: pulumi.Input<string>;
  /** The person's role in the company, at most 128 characters. */
  companyRole?: pulumi.Input<string>;
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
   * Caution: companies cannot be moved through the API, so a change is refused in preview (the
   * provider never deletes a company to move it).
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
  /**
   * Whether the partner above may manage this company's security. Set when the company is created.
   * Caution: `updateCompanyDetails` does not take it, so a change is refused in preview; change it in
   * Control Center, then in the program.
   * @default true
   */
  canBeManagedByAbove?: pulumi.Input<boolean>;
  /**
   * Require two-factor authentication for the company's console accounts. GravityZone's methods can
   * only turn it on (createCompany and updateCompanyDetails: "The value is always true"), so `true` is
   * sent and kept (turned back on if switched off in Control Center), and `false` leaves it as GravityZone
   * sets it (never sent, not compared). Going from `true` to `false` is refused in preview.
   * @default false
   */
  enforce2FA?: pulumi.Input<boolean>;
  /**
   * Days a console user's device may skip the two-factor code: 0, 1, 3, 7, 14, 30 or 90. Not managed
   * when left out.
   */
  skip2FAPeriod?: pulumi.Input<number>;
  /** The company's designated contact person. Not managed when left out. */
  contactPerson?: pulumi.Input<ContactPersonArgs>;
  /**
   * The company's license subscription. Not managed when left out. Changed in place through the
   * licensing API; a change no documented method can make is refused in preview (see
   * {@link LicenseSubscriptionArgs}).
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

const TYPE_CODES = COMPANY_TYPE_CODES satisfies Record<CompanyType, number>;

/** GravityZone industry codes: 0–34, or a sub-industry `<industry>01`–`<industry>99`. */
const industryCode = z
  .number()
  .int("must be a whole number")
  .refine(
    (v) => (v >= 0 && v <= 34) || (Math.floor(v / 100) >= 1 && Math.floor(v / 100) <= 34 && v % 100 >= 1),
    "must be an industry code: 0–34, or a sub-industry like 1201",
  );

/** The documented values of `skip2FAPeriod`, in days (updateCompanyDetails, 77211-126238). */
const SKIP_2FA_DAYS = [0, 1, 3, 7, 14, 30, 90] as const;

const contactPersonSchema = z.strictObject({
  fullName: plainText(128).optional(),
  email: email.optional(),
  phoneNumber: phone.optional(),
  companyRole: plainText(128).optional(),
});

const schema = z
  .strictObject({
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
    skip2FAPeriod: z
      .union(
        SKIP_2FA_DAYS.map((d) => z.literal(d)),
        { error: `must be one of ${SKIP_2FA_DAYS.join(", ")} (days)` },
      )
      .optional(),
    contactPerson: contactPersonSchema.optional(),
    licenseSubscription: licenseSubscriptionSchema.optional(),
    suspended: z.boolean().default(false),
    deletionProtection: z.boolean().default(true),
    adopt: z.boolean().default(false),
  })
  .superRefine((c, ctx) => {
    if (c.country !== undefined && c.state !== undefined && !c.state.startsWith(`${c.country}-`)) {
      ctx.addIssue({
        code: "custom",
        path: ["state"],
        message: `must be a subdivision of country ${c.country} (${c.country}-…)`,
      });
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
    // Documented as an Integer on one page and a String on another (77209-126239, 77211-126239).
    industry: z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]).nullish(),
    skip2FAPeriod: z.number().nullish(),
    contactPerson: z
      .object({
        fullName: z.string().nullish(),
        email: z.string().nullish(),
        phoneNumber: z.string().nullish(),
        companyRole: z.string().nullish(),
      })
      .loose()
      .nullish(),
    canBeManagedByAbove: z.boolean().nullish(),
    enforce2FA: z.boolean().nullish(),
    isSuspended: z.boolean().nullish(),
    createdAt: z.string().nullish(),
  })
  .loose();
type CompanyDetails = z.infer<typeof companyDetails>;

const companyMatch = z.object({ id: z.string(), name: z.string() }).loose();
/** The answer of `companies.findCompaniesByName`, in the forms consoles give it. @internal */
export const companyMatches = z.union([
  z.array(companyMatch),
  z
    .object({ items: z.array(companyMatch) })
    .loose()
    .transform((r) => r.items),
  z.null().transform(() => []),
]);

/**
 * Fields sent to `updateCompanyDetails` when they change: the documented parameters the resource
 * manages (77211-126238; `canBeManagedByAbove` is not one of them).
 */
const DETAIL_FIELDS = [
  "name",
  "type",
  "address",
  "country",
  "state",
  "phone",
  "industry",
  "enforce2FA",
  "skip2FAPeriod",
  "contactPerson",
] as const;
/** Optional text fields: left out of the program = empty (sent as "" to clear). */
const TEXT_FIELDS = new Set<string>(["address", "country", "state", "phone"]);

function details(c: GravityZoneClient, id: string): Promise<CompanyDetails> {
  return c.call("companies", "getCompanyDetails", { companyId: id }, companyDetails);
}

/**
 * True when no company with this id is listed anywhere under the API key's company
 * (`network.getNetworkInventoryItems`, companies only, every level and page).
 */
async function companyUnlisted(c: GravityZoneClient, id: string): Promise<boolean> {
  return (await findInInventory(c, { types: ["companies"] }, inventoryNamed, (item) => item.id === id)) === undefined;
}

/** Most matches findCompaniesByName returns in one answer (`maxResults`, 1–100, default 25: 77211-126241). */
const MAX_NAME_MATCHES = 100;

const inventoryNamed = z.object({ id: z.string(), name: z.string(), type: z.number().optional() }).loose();

/**
 * The company with this name, if any. `findCompaniesByName` matches names that start with the filter
 * (77211-126241); GravityZone keeps company names unique regardless of case, so the match is exact but
 * case-insensitive. When the answer is full (more names start with this one than one answer holds), the
 * inventory's companies are searched instead, so a match is never cut off.
 */
async function findByName(c: GravityZoneClient, name: string) {
  const key = name.trim().toLowerCase();
  const matches = await c.call(
    "companies",
    "findCompaniesByName",
    { nameFilter: name, maxResults: MAX_NAME_MATCHES },
    companyMatches,
  );
  const found = matches.find((m) => m.name.trim().toLowerCase() === key);
  if (found || matches.length < MAX_NAME_MATCHES) return found;
  const item = await findInInventory(
    c,
    { types: ["companies"] },
    inventoryNamed,
    (i) => i.type === INVENTORY_TYPE_CODES.company && i.name.trim().toLowerCase() === key,
  );
  return item && { id: item.id, name: item.name };
}

const typeName = (code: number): CompanyType => (code === TYPE_CODES.partner ? "partner" : "customer");
const orUndefined = <T>(v: T | null | undefined): T | undefined => (v === null || v === "" ? undefined : v);
/** A country or state as read: "N/A" is how getCompanyDetails reports an unset code (77209-126239). */
const codeOrUndefined = (v: string | null | undefined): string | undefined =>
  v === "N/A" ? undefined : orUndefined(v);

/** The outputs for `base` (the program's view) with what GravityZone reports now, for managed fields. */
function reflect(base: CompanyOutputs, d: CompanyDetails): CompanyOutputs {
  const out: CompanyOutputs = {
    ...base,
    name: d.name,
    type: typeName(d.type),
    industry: d.industry ?? base.industry,
    canBeManagedByAbove: d.canBeManagedByAbove ?? base.canBeManagedByAbove,
    // false (the default) does not manage it: GravityZone's methods can only turn enforcement on.
    enforce2FA: base.enforce2FA ? (d.enforce2FA ?? base.enforce2FA) : base.enforce2FA,
    suspended: d.isSuspended ?? false,
    companyId: d.id,
    isSuspended: d.isSuspended ?? false,
    createdAt: orUndefined(d.createdAt) ?? base.createdAt,
    address: orUndefined(d.address),
    country: codeOrUndefined(d.country),
    state: codeOrUndefined(d.state),
    phone: orUndefined(d.phone),
  };
  // Managed only when the program sets them.
  if (base.skip2FAPeriod !== undefined && typeof d.skip2FAPeriod === "number")
    out.skip2FAPeriod = d.skip2FAPeriod as CompanyInputs["skip2FAPeriod"];
  const cp = base.contactPerson;
  if (cp !== undefined && d.contactPerson) {
    out.contactPerson = Object.fromEntries(
      Object.keys(cp).map((k) => [k, orUndefined(d.contactPerson![k as keyof typeof cp])]),
    );
  }
  // parentId left out means "the key's company": reported only when the program names a parent and
  // GravityZone reports one (getCompanyDetails does not document it).
  if (base.parentId !== undefined && orUndefined(d.parentId) !== undefined) out.parentId = d.parentId!;
  return out;
}

/** `updateCompanyDetails` parameters for the detail fields that differ; undefined when none. */
function detailChanges(id: string, olds: CompanyInputs, news: CompanyInputs): Record<string, unknown> | undefined {
  const params: Record<string, unknown> = { id };
  let any = false;
  for (const f of DETAIL_FIELDS) {
    if (sameValue(olds[f], news[f])) continue;
    // A structured field removed from the program is no longer managed: nothing to send.
    if (news[f] === undefined && !TEXT_FIELDS.has(f)) continue;
    // enforce2FA takes only true (77211-126238: "The value is always true").
    if (f === "enforce2FA" && news.enforce2FA !== true) continue;
    params[f] = f === "type" ? TYPE_CODES[news.type] : news[f] === undefined && TEXT_FIELDS.has(f) ? "" : news[f];
    any = true;
  }
  return any ? params : undefined;
}

/**
 * Suspends or activates the company alone: `recursive` is required by suspendCompany (77211-126242)
 * and sent as false, so companies below it keep their own state.
 */
async function setSuspended(c: GravityZoneClient, id: string, suspended: boolean): Promise<void> {
  await c.call(
    "companies",
    suspended ? "suspendCompany" : "activateCompany",
    { companyId: id, recursive: false },
    okResult,
  );
}

/** @internal */
export const handler = withPartialFailures(
  defineHandler<CompanyInputs, CompanyOutputs>({
    type: "Company",
    schema,
    replaceOn: [],
    fixed: {
      parentId:
        "GravityZone cannot move a company to another partner, and this provider never deletes a company to recreate it. " +
        "Keep the old parentId, or move the company in Control Center and then change the program.",
      canBeManagedByAbove:
        "updateCompanyDetails does not take canBeManagedByAbove (it is set when a company is created). Change it in Control Center, then in the program.",
    },
    refuse: (olds, news) =>
      olds.enforce2FA === true && news.enforce2FA === false
        ? 'GravityZone\'s methods can only turn two-factor enforcement on (updateCompanyDetails: enforce2FA "The value is always true"). ' +
          "Turn it off in Control Center, then run `pulumi up --refresh` with enforce2FA: false."
        : licenseChangeRefused(olds.licenseSubscription, news.licenseSubscription),
    local: ["deletionProtection", "adopt"],

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
              enforce2FA: inputs.enforce2FA || undefined,
              skip2FAPeriod: inputs.skip2FAPeriod,
              contactPerson: inputs.contactPerson,
              licenseSubscription: licenseWire(inputs.licenseSubscription),
            },
            newIdResult,
          ),
      });

      const base: CompanyOutputs = { ...inputs, companyId: id, isSuspended: false, adopted };
      if (adopted) {
        const now = await details(c, id);
        const actual = reflect(base, now);
        // Bring the adopted company's details in line with the program. parentId and
        // canBeManagedByAbove cannot change in place: the outputs keep GravityZone's values, so the next
        // preview shows them (and refuses the change).
        if (inputs.licenseSubscription !== undefined)
          actual.licenseSubscription = licenseAsRead(inputs.licenseSubscription, await readLicense(c, id));
        const params = detailChanges(id, actual, inputs);
        if (params) await c.call("companies", "updateCompanyDetails", params, okResult);
        if (actual.suspended !== inputs.suspended) await setSuspended(c, id, inputs.suspended);
        const converged: CompanyOutputs = { ...actual, suspended: inputs.suspended, isSuspended: inputs.suspended };
        for (const f of DETAIL_FIELDS) (converged as unknown as Record<string, unknown>)[f] = inputs[f];
        if (
          inputs.licenseSubscription !== undefined &&
          licenseChangeRefused(actual.licenseSubscription, inputs.licenseSubscription) === undefined
        ) {
          await applyLicense(c, id, actual.licenseSubscription, inputs.licenseSubscription);
          converged.licenseSubscription = inputs.licenseSubscription;
        }
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
          throw new PartialCreateError(
            what,
            id,
            { ...base, suspended: false },
            "suspending it (companies.suspendCompany)",
            e,
          );
        }
      }
      return { id, outs: { ...base, isSuspended: inputs.suspended } };
    },

    async read(id, olds) {
      const c = providerClient();
      const out = reflect(olds, await details(c, id));
      if (olds.licenseSubscription !== undefined)
        out.licenseSubscription = licenseAsRead(olds.licenseSubscription, await readLicense(c, id));
      return out;
    },

    confirmAbsent: (id) => companyUnlisted(providerClient(), id),

    async update(id, olds, news) {
      const c = providerClient();
      const params = detailChanges(id, olds, news);
      if (params) await c.call("companies", "updateCompanyDetails", params, okResult);
      if (news.licenseSubscription !== undefined)
        await applyLicense(c, id, olds.licenseSubscription, news.licenseSubscription);
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
        if (isStillOwnsCompanies(e)) {
          throw new Error(
            `company "${olds.name}" (${id}) still owns other companies: delete or move them first. (${e.message})`,
            { cause: e },
          );
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
  /** The license subscription, when managed (a secret: it may hold the licence key). */
  declare readonly licenseSubscription: pulumi.Output<
    | {
        type: LicenseSubscriptionType;
        licenseKey?: string;
        reservedSlots?: number;
        endSubscription?: string;
        autoRenewPeriod?: number;
      }
    | undefined
  >;
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
    // The licence may hold a licence key: a secret in state, in the program's inputs and in outputs.
    const licenseSubscription =
      args.licenseSubscription === undefined ? undefined : pulumi.secret(args.licenseSubscription);
    const secretOutputs = [...new Set([...(opts?.additionalSecretOutputs ?? []), "licenseSubscription"])];
    super(
      provider,
      name,
      {
        companyId: undefined,
        isSuspended: undefined,
        createdAt: undefined,
        adopted: undefined,
        ...args,
        licenseSubscription,
      },
      { ...opts, protect, additionalSecretOutputs: secretOutputs },
      "gravityzone",
      "Company",
    );
  }
}
