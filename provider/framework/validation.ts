/**
 * The zod building blocks for resource inputs, mirroring GravityZone's documented limits on values
 * (name, address and phone lengths, ISO country codes:
 * https://www.bitdefender.com/business/support/en/77211-126236-createcompany.html; passwords and
 * console languages: https://www.bitdefender.com/business/support/en/77209-125284-createaccount.html).
 * Messages say what is allowed.
 */
import { z } from "zod";

/** A GravityZone object id: 24 hexadecimal characters. */
export const idRef = z.string().regex(/^[0-9a-fA-F]{24}$/, "must be a GravityZone id (24 hexadecimal characters)");

// Control characters, bidirectional overrides and zero-width characters make names that look alike;
// U+2028 and U+2029 end a line in JavaScript; a lone surrogate is not text.
const INVISIBLE =
  // Control characters are among what this pattern exists to find.
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** A display name: 1..`max` characters, no control or invisible characters, no surrounding spaces. */
export function displayName(max: number) {
  return z
    .string()
    .min(1, "must not be empty")
    .max(max, `must be at most ${max} characters`)
    .refine(
      (s) => !INVISIBLE.test(s),
      "must not contain control, line-separator or invisible characters (or a lone surrogate)",
    )
    .refine((s) => s.trim() === s, "must not start or end with spaces");
}

/** Free text up to `max` characters without HTML markup (GravityZone rejects tags). */
export function plainText(max: number) {
  return z
    .string()
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !/<[^>]*>|[<>]/.test(s), "must not contain HTML (< or >)")
    .refine((s) => !INVISIBLE.test(s.replace(/[\n\t]/g, "")), "must not contain control characters");
}

/** An e-mail address. */
export const email = z
  .string()
  .max(254, "must be at most 254 characters")
  .regex(/^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[A-Za-z]{2,}$/, "must be an e-mail address like admin@example.com");

/** ISO 3166-1 alpha-2 country codes. */
export const COUNTRY_CODES = new Set(
  (
    "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ " +
    "CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR " +
    "GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP " +
    "KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT " +
    "MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW " +
    "SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG " +
    "UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW"
  ).split(" "),
);

/** An ISO 3166-1 alpha-2 country code, upper case (`RO`, `US`). */
export const countryCode = z
  .string()
  .refine((s) => COUNTRY_CODES.has(s), "must be an ISO 3166-1 alpha-2 country code in upper case, e.g. US or RO");

/** A phone number: at most 32 characters of digits, spaces and + - ( ) . */
export const phone = z
  .string()
  .max(32, "must be at most 32 characters")
  .regex(/^[0-9+()\-. ]*$/, "may only contain digits, spaces and + - ( ) .");

/** An https:// URL (GravityZone pushes events only over TLS). */
export const httpsUrl = z
  .string()
  .max(2048, "must be at most 2048 characters")
  .refine((s) => {
    try {
      const u = new URL(s);
      return u.protocol === "https:" && u.hostname !== "";
    } catch {
      return false;
    }
  }, "must be an https:// URL")
  // The URL is stored in state in plain text: credentials belong in the (secret) authorization.
  .refine((s) => {
    try {
      const u = new URL(s);
      return u.username === "" && u.password === "";
    } catch {
      return true;
    }
  }, "must not contain credentials (user:password@): put them in `authorization`, which is kept secret")
  .refine((s) => {
    try {
      return ![...new URL(s).searchParams.keys()].some((k) => SECRET_QUERY.test(k));
    } catch {
      return true;
    }
  }, "must not carry a token, key, password or signature in its query: put it in `authorization`, which is kept secret");

/** Query parameter names that hold credentials (`?token=…`, `?api_key=…`, `?sig=…`, …). */
const SECRET_QUERY = /token|key|secret|pass|auth|sig|credential|code/i;

/** A lower-case SHA-256 hex digest (input may be any case; it is normalised). */
export const sha256 = z
  .string()
  .regex(/^[0-9a-fA-F]{64}$/, "must be a SHA-256 hash: 64 hexadecimal characters")
  .transform((s) => s.toLowerCase());

/** A lower-case MD5 hex digest. */
export const md5 = z
  .string()
  .regex(/^[0-9a-fA-F]{32}$/, "must be an MD5 hash: 32 hexadecimal characters")
  .transform((s) => s.toLowerCase());

/** Keys that must never appear in user-supplied objects. */
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/** The paths of prototype keys in `v`, at any depth (own keys, as JSON.parse and YAML parsers make them). */
function prototypeKeyPaths(
  v: unknown,
  at: (string | number)[] = [],
  out: (string | number)[][] = [],
): (string | number)[][] {
  if (Array.isArray(v)) v.forEach((x, i) => prototypeKeyPaths(x, [...at, i], out));
  else if (v !== null && typeof v === "object") {
    for (const k of Object.keys(v)) {
      if (FORBIDDEN_KEYS.has(k)) out.push([...at, k]);
      else prototypeKeyPaths((v as Record<string, unknown>)[k], [...at, k], out);
    }
  }
  return out;
}

/**
 * `schema`, refusing a value that holds `__proto__`, `constructor` or `prototype` as a key at any
 * depth. zod's records drop a `__proto__` key without a word, so it must be caught before them.
 */
export function withoutPrototypeKeys<T extends z.ZodType>(schema: T) {
  return z
    .unknown()
    .superRefine((v, ctx) => {
      for (const path of prototypeKeyPaths(v))
        ctx.addIssue({ code: "custom", path, message: `"${String(path[path.length - 1])}" is not allowed as a key` });
    })
    .pipe(schema);
}

/** A record of booleans keyed by `allowed` names, rejecting anything else (and prototype keys). */
export function flagsOf<K extends string>(allowed: readonly K[], what: string) {
  const allowedSet = new Set<string>(allowed);
  return withoutPrototypeKeys(
    z.record(z.string(), z.boolean()).superRefine((rec, ctx) => {
      for (const k of Object.keys(rec)) {
        if (FORBIDDEN_KEYS.has(k) || !allowedSet.has(k)) {
          ctx.addIssue({
            code: "custom",
            path: [k],
            message: `unknown ${what} "${k}"; allowed: ${allowed.join(", ")}`,
          });
        }
      }
    }),
  );
}

/** An ISO 8601 calendar date (`2027-12-31`) or date-time (`2027-12-31T23:59:59Z`) that exists. */
export const isoDate = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/,
    "must be an ISO 8601 date like 2027-12-31 (or a date-time like 2027-12-31T23:59:59Z)",
  )
  .refine((s) => {
    const day = new Date(`${s.slice(0, 10)}T00:00:00Z`);
    return (
      !Number.isNaN(Date.parse(s)) && !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === s.slice(0, 10)
    );
  }, "must be a real calendar date");

/** Installer languages GravityZone documents for installation packages. */
export const LANGUAGES = ["en_US", "fr_FR", "de_DE", "it_IT", "pl_PL", "pt_BR", "ro_RO", "ru_RU", "es_ES"] as const;

/** An installer language code (`en_US`, `fr_FR`, …): the languages createPackage documents (77211-135298). */
export const languageCode = z.enum(LANGUAGES, { error: `must be one of ${LANGUAGES.join(", ")}` });

/**
 * Console languages an account can use: the 15 of Control Center ("Manage your account", 77211-94051:
 * English, Spanish, German, French, Romanian, Polish, Portuguese, Italian, Russian, Czech, Chinese,
 * Vietnamese, Turkish, Korean, Japanese). The page names languages, not codes: the codes of the last six
 * follow the same locale convention (a production client sends `vi_VN`).
 */
export const CONSOLE_LANGUAGES = [...LANGUAGES, "cs_CZ", "zh_CN", "vi_VN", "tr_TR", "ko_KR", "ja_JP"] as const;

/** A console language code (`en_US`, `vi_VN`, …). */
export const consoleLanguageCode = z.enum(CONSOLE_LANGUAGES, {
  error: `must be one of ${CONSOLE_LANGUAGES.join(", ")}`,
});

/** An ISO 3166-2 subdivision code (`US-CA`, `RO-B`): a country code, a hyphen, 1–3 letters or digits. */
export const subdivisionCode = z.string().refine((s) => {
  const m = /^([A-Z]{2})-[A-Z0-9]{1,3}$/.exec(s);
  return m !== null && COUNTRY_CODES.has(m[1]!);
}, "must be an ISO 3166-2 subdivision code in upper case, e.g. US-CA or RO-B");
