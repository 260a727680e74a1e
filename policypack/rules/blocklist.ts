/**
 * Rules for {@link BlocklistEntry} and {@link Blocklist}: the hash algorithm, a recorded reason on
 * every entry, and no hash declared twice for the same company within a stack.
 */
import type { PolicyResource, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { Blocklist, BlocklistEntry } from "pulumi-gravityzone";
import { oneOf, resourceCheck, stackCheck } from "../support/checks";
import { StackCompanies } from "../support/stack";
import { known, knownStrings, peek } from "../support/values";

const MD5_LENGTH = 32;

/** The hash algorithm of an entry: as declared, or inferred from the hash's length like the resource does. */
function entryHashType(hashType: unknown, hash: string): "sha256" | "md5" {
  if (hashType === "md5" || hashType === "sha256") return hashType;
  return hash.length === MD5_LENGTH ? "md5" : "sha256";
}

const isBlank = (s: unknown) => typeof s !== "string" || s.trim() === "";

/** SHA-256 hashes are preferred; MD5 is accepted with a warning. */
export const blocklistPreferSha256: ResourceValidationPolicy = {
  name: "blocklist-prefer-sha256",
  description:
    "Blocklist hashes should be SHA-256: MD5 collisions are practical, so an MD5 rule can be matched by a different file.",
  enforcementLevel: "advisory",
  severity: "low",
  validateResource: oneOf(
    resourceCheck(BlocklistEntry, (entry, _args, report) => {
      if (typeof entry.hash !== "string") return; // a path or connection rule
      if (entryHashType(entry.hashType, entry.hash) === "md5") {
        report(`blocklist entry for hash ${entry.hash.toLowerCase()} uses MD5: prefer the file's SHA-256 hash.`);
      }
    }),
    resourceCheck(Blocklist, (list, args, report) => {
      if (list.hashType === "md5")
        report(`blocklist "${args.name}" holds MD5 hashes: prefer the files' SHA-256 hashes.`);
    }),
  ),
};

/** Every blocklist rule records why it exists. */
export const blocklistSourceNote: ResourceValidationPolicy = {
  name: "blocklist-source-note",
  description:
    "Every blocklist rule must say why it exists (sourceInfo for hashes, note for path and connection rules), so it can be reviewed and retired.",
  enforcementLevel: "mandatory",
  severity: "low",
  validateResource: oneOf(
    resourceCheck(BlocklistEntry, (entry, args, report) => {
      if (typeof entry.hash === "string") {
        if (isBlank(entry.sourceInfo))
          report(
            `blocklist entry for hash ${entry.hash.toLowerCase()} has no sourceInfo: say where the hash comes from.`,
          );
      } else if (isBlank(entry.note)) {
        const what =
          typeof entry.path === "string"
            ? `path rule for "${entry.path}"`
            : `connection rule "${entry.connection?.ruleName ?? args.name}"`;
        report(`blocklist ${what} has no note: say why it is blocked.`);
      }
    }),
    resourceCheck(Blocklist, (list, args, report) => {
      if (isBlank(list.sourceInfo))
        report(`blocklist "${args.name}" has no sourceInfo: say where the hashes come from.`);
    }),
  ),
};

/** A hash as declared by one resource. */
interface Declaration {
  hash: string;
  hashType: "sha256" | "md5";
  resource: PolicyResource;
}

/** No hash is declared twice for the same company within a stack. */
export const blocklistNoDuplicateHashes: StackValidationPolicy = {
  name: "blocklist-no-duplicate-hashes",
  description:
    "A hash may be blocklisted only once per company within a stack (across BlocklistEntry and Blocklist resources): two resources would own the same blocklist item, and removing either unblocks the hash for both.",
  enforcementLevel: "mandatory",
  severity: "medium",
  validateStack: stackCheck((args, report) => {
    const companies = new StackCompanies(args.resources);
    const groups = new Map<string, { company: string; declarations: Declaration[] }>();

    const add = (
      resource: PolicyResource,
      hashes: readonly string[],
      hashType: "sha256" | "md5" | ((h: string) => "sha256" | "md5"),
    ) => {
      const company = companyOf(companies, resource);
      if (company === undefined) return; // the company is not known yet: nothing to compare with
      for (const raw of new Set(hashes.map((h) => h.toLowerCase()))) {
        const type = typeof hashType === "function" ? hashType(raw) : hashType;
        const key = `${company.key}\u0000${type}\u0000${raw}`;
        const group = groups.get(key) ?? { company: company.label, declarations: [] };
        group.declarations.push({ hash: raw, hashType: type, resource });
        groups.set(key, group);
      }
    };

    for (const r of args.resources) {
      if (r.isType(BlocklistEntry)) {
        const hash = peek(() => r.props.hash as unknown);
        if (typeof hash !== "string") continue;
        const hashType = peek(() => r.props.hashType as unknown);
        if (!known(hashType)) continue;
        add(r, [hash], (h) => entryHashType(hashType, h));
      } else if (r.isType(Blocklist)) {
        const hashType = peek(() => r.props.hashType as unknown);
        if (hashType !== "sha256" && hashType !== "md5") continue;
        add(r, [...knownStrings(() => r.props.hashes), ...knownStrings(() => r.props.missingHashes)], hashType);
      }
    }

    for (const { company, declarations } of groups.values()) {
      if (declarations.length < 2) continue;
      const [first, second] = declarations as [Declaration, Declaration];
      const by = declarations.map((d) => describe(d.resource)).join(", ");
      report(
        `${first.hashType} hash ${first.hash} is blocklisted more than once for ${company} (by ${by}): declare each hash once.`,
        second.resource.urn,
      );
    }
  }),
};

function describe(r: PolicyResource): string {
  return r.isType(Blocklist) ? `blocklist "${r.name}"` : `blocklist entry "${r.name}"`;
}

/** Which company's blocklist a resource writes to: a key to group by and a label, or undefined when unknown. */
function companyOf(companies: StackCompanies, r: PolicyResource): { key: string; label: string } | undefined {
  const literal = peek(() => r.props.companyId as unknown);
  const values = typeof literal === "string" ? [literal] : [];
  const [declared] = companies.referencedBy(r, "companyId", values);
  if (declared) return { key: `urn:${declared.urn}`, label: `company "${StackCompanies.nameOf(declared)}"` };
  if (!known(literal)) return undefined;
  if (literal === undefined || literal === null || literal === "")
    return { key: "own", label: "the API key's own company" };
  if (typeof literal === "string") return { key: `id:${literal.toLowerCase()}`, label: `company ${literal}` };
  return undefined;
}
