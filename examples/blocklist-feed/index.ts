// Blocklist feed: block every hash of a threat-intel file in a company's GravityZone blocklist.
//
// GravityZone allows 5 blocklist changes per minute per API key, so the file is not turned into one
// resource per hash: a `Blocklist` resource holds all hashes of one algorithm and adds them with one
// call per 500 hashes. When the file changes, the next `pulumi up` adds only the new hashes and
// removes only the dropped ones (one call each); a hash deleted by hand in the console shows as
// drift and is added back.
//
// Stack config (namespace "feed"):
//   hashesFile   the feed, relative to this folder: one SHA-256 (64 hex digits) or MD5 (32) hash
//                per line; blank lines and text after # are ignored        (default: hashes.txt)
//   company      the name of the company whose blocklist holds the hashes
//                (default: the API key's own company)
//   companyId    the company's id instead of its name
//   sourceInfo   the note stored with every item; changing it re-creates the items
//                (default: "Threat intel feed")
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import * as gravityzone from "pulumi-gravityzone";

const config = new pulumi.Config("feed");
const hashesFile = path.resolve(__dirname, config.get("hashesFile") ?? "hashes.txt");
const sourceInfo = config.get("sourceInfo") ?? "Threat intel feed";
const companyName = config.get("company");
const companyIdConfig = config.get("companyId");

/** The hashes of the feed by algorithm; a malformed line fails the program, naming it. */
function readFeed(file: string): { sha256: string[]; md5: string[] } {
  const feed = { sha256: [] as string[], md5: [] as string[] };
  const lines = fs.readFileSync(file, "utf8").split(/\r?\n/);
  lines.forEach((line, i) => {
    const token = line.replace(/#.*/, "").trim().toLowerCase();
    if (token === "") return;
    if (/^[0-9a-f]{64}$/.test(token)) feed.sha256.push(token);
    else if (/^[0-9a-f]{32}$/.test(token)) feed.md5.push(token);
    else
      throw new Error(
        `${file}:${i + 1}: "${token.slice(0, 80)}" is neither a SHA-256 (64 hex digits) nor an MD5 (32) hash`,
      );
  });
  if (feed.sha256.length + feed.md5.length === 0) throw new Error(`${file} holds no hashes`);
  return feed;
}

const feed = readFeed(hashesFile);

// The company, by id or by exact name (looked up in the network inventory); none = the key's own.
let companyId: pulumi.Input<string> | undefined = companyIdConfig;
if (companyName !== undefined && companyIdConfig === undefined) {
  companyId = gravityzone
    .getNetworkInventoryOutput({ types: ["companies"], recursive: true, nameContains: companyName })
    .apply((inv) => {
      const found = inv.items.filter((i) => i.kind === "company" && i.name === companyName);
      if (found.length !== 1)
        throw new Error(
          `feed:company: ${found.length === 0 ? "no" : "more than one"} company named "${companyName}" under the API key's company`,
        );
      return found[0]!.id;
    });
}

const lists: gravityzone.Blocklist[] = [];
for (const hashType of ["sha256", "md5"] as const) {
  if (feed[hashType].length === 0) continue;
  lists.push(
    new gravityzone.Blocklist(`feed-${hashType}`, { companyId, hashType, hashes: feed[hashType], sourceInfo }),
  );
}

export const feedHashes = feed.sha256.length + feed.md5.length;
/** Hashes in the blocklist now, per algorithm. */
export const blocked = pulumi
  .all(lists.map((l) => pulumi.all([l.hashType, l.hashes])))
  .apply((xs) => Object.fromEntries(xs.map(([t, h]) => [t, h.length])));
export const blocklistCompanyId = companyId;
