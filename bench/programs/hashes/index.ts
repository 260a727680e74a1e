// Benchmark program: `bench:hashes` SHA-256 hashes blocked in one company, split evenly over
// `bench:lists` Blocklist resources (each adds its hashes with one call per 500).
import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import * as gravityzone from "pulumi-gravityzone";

const config = new pulumi.Config("bench");
const total = config.getNumber("hashes") ?? 1000;
const lists = config.getNumber("lists") ?? 1;
const companyId = config.require("companyId");
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

for (let l = 0; l < lists; l++) {
  const hashes = [];
  for (let i = l; i < total; i += lists) hashes.push(sha256(`bench hash ${i}`));
  new gravityzone.Blocklist(`feed-${l}`, { companyId, hashType: "sha256", hashes, sourceInfo: `bench feed ${l}` });
}
