/**
 * Every method the provider calls, against the catalogue: the provider's result schema parses each
 * documented example result and each other documented form, and a value of each documented result type
 * where the type alone says what comes back (null, a Boolean, an id string).
 */
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { CATALOGUE } from "../../emulator/catalogue/index";
import type { JsonType } from "../../emulator/catalogue/types";
import { assignResult, newIdResult, okResult, pagedResultSchema, trueResult } from "../../provider/client";
import { hashItemSchema, ruleItemSchema } from "../../provider/resources/blocklist-items";
import { companyDetails, companyMatches } from "../../provider/resources/company";
import { licenseInfoResult } from "../../provider/resources/company-license";
import { groupList } from "../../provider/resources/custom-group";
import { packageDetails } from "../../provider/resources/installation-package";
import { accountView } from "../../provider/resources/account";
import { endpointDetails } from "../../provider/resources/policy-assignment";
import { settingsSchema } from "../../provider/resources/push-event-settings";

/** The schema the provider reads each method's answer with (module.method@version). */
const PROVIDER_SCHEMAS: Record<string, z.ZodType> = {
  "companies.createCompany@v1.0": newIdResult,
  "companies.getCompanyDetails@v1.0": companyDetails,
  "companies.updateCompanyDetails@v1.0": okResult,
  "companies.suspendCompany@v1.0": okResult,
  "companies.activateCompany@v1.0": okResult,
  "companies.deleteCompany@v1.0": okResult,
  "companies.findCompaniesByName@v1.0": companyMatches,
  "licensing.getLicenseInfo@v1.0": licenseInfoResult,
  "licensing.setMonthlySubscription@v1.0": okResult,
  "licensing.setLicenseKey@v1.0": okResult,
  "network.createCustomGroup@v1.0": newIdResult,
  "network.getCustomGroupsList@v1.0": groupList,
  "network.moveCustomGroup@v1.0": okResult,
  "network.deleteCustomGroup@v1.0": okResult,
  "network.assignPolicy@v1.0": assignResult,
  "network.getManagedEndpointDetails@v1.0": endpointDetails,
  "packages.createPackage@v1.0": newIdResult,
  "packages.updatePackage@v1.0": okResult,
  "packages.deletePackage@v1.0": okResult,
  "packages.getPackageDetails@v1.0": packageDetails,
  "accounts.createAccount@v1.0": newIdResult,
  "accounts.updateAccount@v1.0": okResult,
  "accounts.deleteAccount@v1.0": okResult,
  "accounts.getAccountDetails@v1.0": accountView,
  "accounts.getAccountsList@v1.0": pagedResultSchema(accountView),
  "incidents.addToBlocklist@v1.0": trueResult,
  "incidents.addToBlocklist@v1.2": trueResult,
  "incidents.removeFromBlocklist@v1.0": trueResult,
  "incidents.removeFromBlocklist@v1.2": trueResult,
  "incidents.getBlocklistItems@v1.0": pagedResultSchema(hashItemSchema),
  "incidents.getBlocklistItems@v1.2": pagedResultSchema(ruleItemSchema),
  "push.setPushEventSettings@v1.0": trueResult,
  "push.getPushEventSettings@v1.0": settingsSchema,
};

/** A value of a result type that needs no example to be known. */
const REPRESENTATIVE: Partial<Record<JsonType | "null", unknown>> = {
  null: null,
  boolean: true,
  string: "5493dcd2b1a43df00b7b23c6",
};

const cases = Object.entries(PROVIDER_SCHEMAS).map(([key, schema]) => {
  const [name, version] = key.split("@") as [string, string];
  const [module, method] = name.split(".") as [string, string];
  const entry = CATALOGUE.find(
    (e) => e.module === module && e.method === method && (e.versions as readonly string[]).includes(version),
  );
  return { key, schema, entry };
});

describe("documented results parse in the provider", () => {
  it("every method the provider reads is catalogued", () => {
    expect(cases.filter((c) => c.entry === undefined).map((c) => c.key)).toEqual([]);
  });

  it.each(cases.map((c) => [c.key, c] as const))("%s", (_key, { schema, entry }) => {
    const forms: unknown[] = [];
    if (entry!.result.example !== undefined) forms.push(entry!.result.example);
    forms.push(...(entry!.result.otherForms ?? []));
    const types = typeof entry!.result.type === "string" ? [entry!.result.type] : entry!.result.type;
    for (const t of types) if (t in REPRESENTATIVE) forms.push(REPRESENTATIVE[t as keyof typeof REPRESENTATIVE]);
    for (const form of forms) {
      const parsed = schema.safeParse(form);
      expect(
        parsed.success,
        `${JSON.stringify(form).slice(0, 200)}: ${parsed.success ? "" : parsed.error.message}`,
      ).toBe(true);
    }
  });

  it("reads assignPolicy's documented false as 'not assigned', not as a malformed answer", () => {
    expect(assignResult.parse(false)).toBe(false);
  });

  it("reads a new id from every form a create may answer", () => {
    expect(newIdResult.parse("5493dcd2b1a43df00b7b23c6")).toBe("5493dcd2b1a43df00b7b23c6");
    expect(newIdResult.parse({ records: ["5493dcd2b1a43df00b7b23c7"], success: true })).toBe(
      "5493dcd2b1a43df00b7b23c7",
    );
    expect(newIdResult.parse([{ records: ["5493dcd2b1a43df00b7b23c8"], success: true }])).toBe(
      "5493dcd2b1a43df00b7b23c8",
    );
    expect(newIdResult.safeParse([{ records: ["5493dcd2b1a43df00b7b23c8"], success: false }]).success).toBe(false);
  });

  it("reads getLicenseInfo as an array (as documented) or an object (as observed)", () => {
    const one = { subscriptionType: 3, isAddon: false, totalSlots: 40 };
    expect(licenseInfoResult.parse(one)).toMatchObject({ subscriptionType: 3 });
    expect(licenseInfoResult.parse([{ subscriptionType: 2, isAddon: true }, one])).toMatchObject({
      subscriptionType: 3,
      totalSlots: 40,
    });
  });
});
