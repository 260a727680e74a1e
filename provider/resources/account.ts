/**
 * Account: a GravityZone Control Center user account.
 *
 * | operation | GravityZone call |
 * |---|---|
 * | create | `accounts.createAccount {email, profile, role, …}` after a lookup by email in `accounts.getAccountsList` (every page) of the company, one for the accounts created together |
 * | read | `accounts.getAccountDetails {accountId}`; an error that may mean "not found" counts as gone only when `accounts.getAccountsList` no longer lists the id and it is not the API key's own account (`getAccountDetails {}`), which no list shows |
 * | update | `accounts.updateAccount {accountId, …changed fields}` (email, profile, role, rights, targetIds, phoneNumber, userName, password) |
 * | refused | `companyId` (an account cannot move to another company) |
 * | delete | `accounts.deleteAccount {accountId}`; an error counts as "already gone" under the same rule as read |
 *
 * The password is write-only: GravityZone never returns it, so read keeps the value last applied and
 * a password changed in Control Center is not seen as drift. It is stored in state as a secret.
 * `userName`, `profile.timezone`, `profile.language` and `phoneNumber` are managed only when the
 * program sets them.
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { newIdResult, okResult, type GravityZoneClient } from "../client";
import { ACCOUNT_ROLE_CODES } from "../client/wire-codes";
import { createOrAdopt } from "../framework/create-or-adopt";
import { dynamicProvider } from "../framework/dynamic";
import { defineHandler, sameValue } from "../framework/handler";
import { providerClient } from "../settings";
import { sharedListing } from "../framework/shared-listing";
import { type CONSOLE_LANGUAGES, consoleLanguageCode, email, flagsOf, idRef, plainText } from "../framework/validation";

/** Account roles: `companyAdministrator` (1 on the wire), `networkAdministrator` (2), `reporter` (3), `partner` (4, partner companies only), `custom` (5, with `rights`). */
export type AccountRole = "companyAdministrator" | "networkAdministrator" | "reporter" | "partner" | "custom";

/** Rights a `custom` role account can be given. */
export const ACCOUNT_RIGHTS = [
  "manageCompanies",
  "manageNetworks",
  "manageUsers",
  "manageReports",
  "companyManager",
  "manageRemoteShell",
  "manageInventory",
  "managePoliciesRead",
  "managePoliciesWrite",
] as const;

/** A right name. */
export type AccountRight = (typeof ACCOUNT_RIGHTS)[number];

/** The account holder's profile. */
export interface AccountProfileArgs {
  /** Display name: 1–128 characters, no HTML. */
  fullName: pulumi.Input<string>;
  /** IANA time zone, e.g. `Europe/Bucharest`. Not managed when left out (GravityZone uses UTC). */
  timezone?: pulumi.Input<string>;
  /**
   * Console language: en_US, es_ES, de_DE, fr_FR, ro_RO, pl_PL, pt_BR, it_IT, ru_RU, cs_CZ, zh_CN, vi_VN, tr_TR,
   * ko_KR or ja_JP (Control Center's 15 languages). Not managed when left out.
   */
  language?: pulumi.Input<(typeof CONSOLE_LANGUAGES)[number]>;
}

/** A phone number for notifications. */
export interface AccountPhoneNumberArgs {
  /** Country calling code, e.g. `+40` (1–4 digits, optional `+`). */
  countryCode: pulumi.Input<string>;
  /** The subscriber number: 4–20 digits. */
  subscriberNumber: pulumi.Input<string>;
}

/** Inputs of {@link Account}. */
export interface AccountArgs {
  /** The login e-mail address, unique in GravityZone (regardless of case). Changed in place. */
  email: pulumi.Input<string>;
  /**
   * The company the account belongs to.
   * Caution: an account cannot move between companies, so a change is refused in preview.
   * @default the API key's own company
   */
  companyId?: pulumi.Input<string>;
  /** The holder's name, time zone and language. */
  profile: pulumi.Input<AccountProfileArgs>;
  /**
   * Login name, at most 254 characters, no HTML: only on-premises consoles document it (77212-125284);
   * cloud consoles refuse it. Not managed when left out (GravityZone uses the e-mail).
   */
  userName?: pulumi.Input<string>;
  /** What the account may do; `partner` only in partner companies; `custom` takes `rights`. */
  role: pulumi.Input<AccountRole>;
  /** The rights granted (`true`) with the `custom` role; rejected with any other role. Rights not named are not granted. */
  rights?: pulumi.Input<Partial<Record<AccountRight, pulumi.Input<boolean>>>>;
  /** Companies or groups the account manages (at most 1000). @default its whole company */
  targetIds?: pulumi.Input<pulumi.Input<string>[]>;
  /** Phone number for notifications. Not managed when left out. */
  phoneNumber?: pulumi.Input<AccountPhoneNumberArgs>;
  /**
   * The password (a secret): 12–128 characters with an upper-case letter, a lower-case letter, a digit
   * and a special character. Left out, GravityZone e-mails an activation link. Changing it sets the new
   * password; it is never read back.
   */
  password?: pulumi.Input<string>;
  /**
   * Take over an existing account with the same e-mail in the company instead of failing. Its details
   * (and the password, when given) are then brought in line with the program.
   * @default false
   */
  adopt?: pulumi.Input<boolean>;
}

const ROLE_CODES = ACCOUNT_ROLE_CODES satisfies Record<AccountRole, number>;

/** Why a password breaks GravityZone's rule; never contains the password. */
export function passwordProblem(p: string): string | undefined {
  if (p.length < 12) return "must be at least 12 characters long";
  if (p.length > 128) return "must be at most 128 characters long";
  if (!/[A-Z]/.test(p)) return "must contain an upper-case letter";
  if (!/[a-z]/.test(p)) return "must contain a lower-case letter";
  if (!/[0-9]/.test(p)) return "must contain a digit";
  if (!/[^A-Za-z0-9]/.test(p)) return "must contain a special character (not a letter or digit)";
  return undefined;
}

const password = z.string({ error: "must be a string" }).superRefine((p, ctx) => {
  const why = passwordProblem(p);
  if (why)
    ctx.addIssue({
      code: "custom",
      message: `${why} (12–128 characters with upper- and lower-case letters, a digit and a special character)`,
    });
});

const timezone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return tz.length <= 64;
  } catch {
    return false;
  }
}, "must be an IANA time zone such as Europe/Bucharest or UTC");

const profileSchema = z.strictObject({
  fullName: plainText(128).min(1, "must not be empty"),
  timezone: timezone.optional(),
  language: consoleLanguageCode.optional(),
});

const phoneSchema = z.strictObject({
  countryCode: z.string().regex(/^\+?[0-9]{1,4}$/, "must be a country calling code such as +40"),
  subscriberNumber: z.string().regex(/^[0-9]{4,20}$/, "must be 4–20 digits"),
});

/** Rights as the set of granted ones: `false` entries are dropped so equal grants compare equal. */
const grantedOnly = (r: Record<string, boolean>) =>
  Object.fromEntries(
    Object.entries(r)
      .filter(([, v]) => v)
      .sort(([a], [b]) => a.localeCompare(b)),
  );

const schema = z
  .strictObject({
    email,
    companyId: idRef.optional(),
    profile: profileSchema,
    userName: plainText(254).min(1, "must not be empty").optional(),
    role: z.enum(["companyAdministrator", "networkAdministrator", "reporter", "partner", "custom"], {
      error: "must be one of companyAdministrator, networkAdministrator, reporter, partner, custom",
    }),
    rights: flagsOf(ACCOUNT_RIGHTS, "right").transform(grantedOnly).optional(),
    targetIds: z.array(idRef).max(1000, "must hold at most 1000 ids").optional(),
    phoneNumber: phoneSchema.optional(),
    password: password.optional(),
    adopt: z.boolean().default(false),
  })
  .superRefine((a, ctx) => {
    if (a.rights !== undefined && a.role !== "custom")
      ctx.addIssue({ code: "custom", path: ["rights"], message: 'are only allowed with role "custom"' });
  });

/** Resolved inputs of {@link Account}. */
export type AccountInputs = z.infer<typeof schema>;

/** Outputs of {@link Account}. */
export interface AccountOutputs extends AccountInputs {
  /** The account's id. */
  accountId: string;
  /** True when an existing account was adopted rather than created. */
  adopted: boolean;
}

/** The answer of `accounts.getAccountDetails`, as the resource and the import read it. @internal */
export const accountView = z
  .object({
    id: z.string(),
    email: z.string(),
    userName: z.string().nullish(),
    companyId: z.string().nullish(),
    role: z.number(),
    rights: z.record(z.string(), z.boolean()).nullish(),
    targetIds: z.array(z.string()).nullish(),
    // Both members are null when no number is set (the getAccountDetails example, 77211-1081603).
    phoneNumber: z
      .object({ countryCode: z.string().nullish(), subscriberNumber: z.string().nullish() })
      .loose()
      .nullish(),
    profile: z
      .object({ fullName: z.string(), timezone: z.string().nullish(), language: z.string().nullish() })
      .loose()
      .nullish(),
  })
  .loose();
type AccountView = z.infer<typeof accountView>;

/** Fields sent to `updateAccount` when they change. */
const UPDATE_FIELDS = [
  "email",
  "profile",
  "userName",
  "role",
  "rights",
  "targetIds",
  "phoneNumber",
  "password",
] as const;

const roleName = (code: number): AccountRole | undefined =>
  (Object.keys(ROLE_CODES) as AccountRole[]).find((k) => ROLE_CODES[k] === code);

/** The company's account with this email, if any. Accounts created together share one listing ({@link sharedListing}). */
async function findByEmail(c: GravityZoneClient, companyId: string | undefined, address: string) {
  const key = address.toLowerCase();
  const all = await sharedListing(c, "accounts", companyId ?? "", {}, (onSend) =>
    c.listAll("accounts", "getAccountsList", { companyId }, accountView, { onSend }),
  );
  return all.find((a) => a.email.toLowerCase() === key);
}

function accountDetails(c: GravityZoneClient, id: string): Promise<AccountView> {
  return c.call("accounts", "getAccountDetails", { accountId: id }, accountView);
}

/**
 * True when the company's account list (every page) has no account with this id and it is not the
 * API key's own account: getAccountsList always omits that one (77209-125282), so its absence from the
 * list proves nothing. The own account is what getAccountDetails answers without an accountId; when
 * that lookup fails, nothing is confirmed.
 */
async function accountUnlisted(c: GravityZoneClient, companyId: string | undefined, id: string): Promise<boolean> {
  const all = await c.listAll("accounts", "getAccountsList", { companyId }, accountView);
  if (all.some((a) => a.id === id)) return false;
  try {
    return (await c.call("accounts", "getAccountDetails", {}, accountView)).id !== id;
  } catch {
    return false;
  }
}

/** The program's view (`base`) updated with what GravityZone reports now. The password is kept as is. */
function reflect(base: AccountOutputs, a: AccountView): AccountOutputs {
  const role = roleName(a.role) ?? base.role;
  const out: AccountOutputs = { ...base, email: a.email, role };
  if (base.companyId !== undefined && a.companyId) out.companyId = a.companyId;
  if (a.profile) {
    out.profile = {
      fullName: a.profile.fullName,
      timezone: base.profile.timezone === undefined ? undefined : (a.profile.timezone ?? undefined),
      language:
        base.profile.language === undefined
          ? undefined
          : ((a.profile.language as AccountInputs["profile"]["language"]) ?? undefined),
    };
  }
  if (base.userName !== undefined) out.userName = a.userName ?? undefined;
  const pn = a.phoneNumber;
  if (base.phoneNumber !== undefined)
    out.phoneNumber =
      pn?.countryCode && pn.subscriberNumber
        ? { countryCode: pn.countryCode, subscriberNumber: pn.subscriberNumber }
        : undefined;
  const granted = role === "custom" && a.rights ? grantedOnly(a.rights) : undefined;
  // Rights left out of the program are not managed: reporting them would show a diff that no update can fix.
  out.rights = base.rights !== undefined ? (granted ?? {}) : undefined;
  // targetIds is not among the documented members of getAccountDetails: when the answer has none,
  // the targets last applied are kept (they cannot be read back).
  if (a.targetIds === undefined || a.targetIds === null) return out;
  const targets = a.targetIds;
  // The same targets in another order are no change.
  const sameSet =
    base.targetIds !== undefined &&
    base.targetIds.length === targets.length &&
    targets.every((t) => base.targetIds!.includes(t));
  out.targetIds = sameSet ? base.targetIds : targets.length > 0 || base.targetIds !== undefined ? targets : undefined;
  return out;
}

function wire(field: (typeof UPDATE_FIELDS)[number], i: AccountInputs): unknown {
  switch (field) {
    case "role":
      return ROLE_CODES[i.role];
    case "targetIds":
      return i.targetIds ?? [];
    default:
      return i[field];
  }
}

/** `updateAccount` parameters for the fields that differ; undefined when nothing differs. */
function changes(id: string, olds: AccountInputs, news: AccountInputs): Record<string, unknown> | undefined {
  const params: Record<string, unknown> = { accountId: id };
  let any = false;
  for (const f of UPDATE_FIELDS) {
    if (sameValue(olds[f], news[f])) continue;
    const v = wire(f, news);
    // userName, phoneNumber, password or rights removed from the program: no longer managed, nothing to send.
    if (v === undefined) continue;
    params[f] = v;
    any = true;
  }
  // Granting rights requires the custom role in the same call, even when only rights changed.
  if (params.rights !== undefined) params.role = ROLE_CODES[news.role];
  return any ? params : undefined;
}

/** @internal */
export const handler = defineHandler<AccountInputs, AccountOutputs>({
  type: "Account",
  // Writes take a per-minute budget's slot: serve them before cheaper work.
  scarceWrites: true,
  schema,
  replaceOn: [],
  fixed: {
    companyId:
      "An account cannot move to another company, and this provider never deletes an account to recreate it. " +
      "Declare a new Account in the other company (with another e-mail) and remove this one from the program.",
  },
  local: ["adopt"],

  async create(inputs) {
    const c = providerClient();
    const { id, adopted, found } = await createOrAdopt({
      what: `account "${inputs.email}"`,
      adopt: inputs.adopt,
      find: () => findByEmail(c, inputs.companyId, inputs.email),
      idOf: (a) => a.id,
      create: () =>
        c.call(
          "accounts",
          "createAccount",
          {
            email: inputs.email,
            companyId: inputs.companyId,
            profile: inputs.profile,
            userName: inputs.userName,
            role: ROLE_CODES[inputs.role],
            rights: inputs.rights,
            targetIds: inputs.targetIds,
            phoneNumber: inputs.phoneNumber,
            password: inputs.password,
          },
          newIdResult,
        ),
    });
    const outs: AccountOutputs = { ...inputs, accountId: id, adopted };
    if (adopted && found) {
      // Bring the adopted account in line with the program (the password too, when one is given).
      const actual = reflect({ ...outs, password: undefined }, found);
      const params = changes(id, actual, inputs);
      if (params) await c.call("accounts", "updateAccount", params, okResult);
    }
    return { id, outs };
  },

  async read(id, olds) {
    return reflect({ ...olds, accountId: id }, await accountDetails(providerClient(), id));
  },

  confirmAbsent: (id, olds) => accountUnlisted(providerClient(), olds.companyId, id),

  async update(id, olds, news) {
    const params = changes(id, olds, news);
    if (params) await providerClient().call("accounts", "updateAccount", params, okResult);
    return { ...olds, ...news, accountId: id, adopted: olds.adopted };
  },

  async delete(id) {
    await providerClient().call("accounts", "deleteAccount", { accountId: id }, okResult);
  },
});

const provider = dynamicProvider("account");

/**
 * A GravityZone Control Center user account.
 *
 * The password is a secret: it is stored encrypted in state and never shown in outputs.
 *
 * @example
 * ```ts
 * const soc = new gravityzone.Account("soc", {
 *   email: "soc@acme.example",
 *   companyId: acme.companyId,
 *   profile: { fullName: "SOC team", timezone: "Europe/Bucharest" },
 *   role: "custom",
 *   rights: { manageReports: true, managePoliciesRead: true },
 *   password: config.requireSecret("socPassword"),
 * });
 * ```
 */
export class Account extends pulumi.dynamic.Resource {
  /** The Pulumi type token (used by policy packs' `validateResourceOfType`). */
  static readonly __pulumiType = "pulumi-nodejs:dynamic/gravityzone:Account";
  /** The login e-mail. */
  declare readonly email: pulumi.Output<string>;
  /** The company id, when one was given. */
  declare readonly companyId: pulumi.Output<string | undefined>;
  /** The holder's profile. */
  declare readonly profile: pulumi.Output<{ fullName: string; timezone?: string; language?: string }>;
  /** The login name, when managed. */
  declare readonly userName: pulumi.Output<string | undefined>;
  /** The role. */
  declare readonly role: pulumi.Output<AccountRole>;
  /** The granted rights (custom role). */
  declare readonly rights: pulumi.Output<Partial<Record<AccountRight, boolean>> | undefined>;
  /** The managed companies or groups. */
  declare readonly targetIds: pulumi.Output<string[] | undefined>;
  /** The phone number, when managed. */
  declare readonly phoneNumber: pulumi.Output<{ countryCode: string; subscriberNumber: string } | undefined>;
  /** The password last applied (a secret). */
  declare readonly password: pulumi.Output<string | undefined>;
  /** The account's id (also `id`). */
  declare readonly accountId: pulumi.Output<string>;
  /** True when an existing account was adopted. */
  declare readonly adopted: pulumi.Output<boolean>;

  /** Declares an account. */
  constructor(name: string, args: AccountArgs, opts?: pulumi.CustomResourceOptions) {
    const props = {
      accountId: undefined,
      adopted: undefined,
      ...args,
      password: args.password === undefined ? undefined : pulumi.secret(args.password),
    };
    super(provider, name, props, withSecretOutputs(opts, ["password"]), "gravityzone", "Account");
  }
}

/** `opts` with `names` added to `additionalSecretOutputs` (keeping the caller's). */
function withSecretOutputs(
  opts: pulumi.CustomResourceOptions | undefined,
  names: string[],
): pulumi.CustomResourceOptions {
  const merged = [...new Set([...(opts?.additionalSecretOutputs ?? []), ...names])];
  return { ...opts, additionalSecretOutputs: merged };
}
