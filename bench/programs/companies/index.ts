// Benchmark program: `bench:companies` customer companies, each with `bench:groupsPerCompany` custom groups.
import * as pulumi from "@pulumi/pulumi";
import * as gravityzone from "pulumi-gravityzone";

const config = new pulumi.Config("bench");
const companies = config.getNumber("companies") ?? 200;
const groupsPerCompany = config.getNumber("groupsPerCompany") ?? 2;
const prefix = config.get("prefix") ?? "Bench";
// Bumped by the benchmark to measure an in-place update of every company.
const phone = config.get("phone");

for (let i = 0; i < companies; i++) {
  const n = String(i).padStart(4, "0");
  const company = new gravityzone.Company(`company-${n}`, {
    name: `${prefix} Customer ${n}`,
    type: "customer",
    country: "US",
    phone,
    deletionProtection: false,
  });
  for (let g = 0; g < groupsPerCompany; g++) {
    new gravityzone.CustomGroup(`group-${n}-${g}`, { name: `Group ${g}`, parentId: company.id });
  }
}
