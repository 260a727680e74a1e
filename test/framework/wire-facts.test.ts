/**
 * The provider's wire tables against the emulator's. The emulator is an independent reading of the
 * GravityZone reference (it never imports provider code), so where both read the same page the same
 * way their tables agree; every place where they do not is listed in EXPECTED with the reason, and
 * any other difference fails with the values that differ.
 */
import { describe, expect, it } from "vitest";
import {
  ACCOUNT_ROLE_CODES,
  COMPANY_TYPE_CODES,
  HASH_TYPE_CODES,
  INVENTORY_CONTAINER_CODES,
  INVENTORY_TYPE_CODES,
  LICENSE_TYPE_CODES,
  PRODUCT_TYPE_CODES,
  SCAN_ENGINE_CODES,
  SCAN_MODE_CODES,
} from "../../provider/client/wire-codes";
import { CONSOLE_LANGUAGES, LANGUAGES } from "../../provider/framework/validation";
import { ACCOUNT_RIGHTS } from "../../provider/resources/account";
import { PACKAGE_MODULES } from "../../provider/resources/installation-package";
import { PUSH_EVENT_TYPES, PUSH_SERVICE_TYPES } from "../../provider/resources/push-event-settings";
import { ACCOUNT_LANGUAGES, PACKAGE_LANGUAGES, RIGHTS, ROLES } from "../../emulator/methods/accounts-rules";
import { COMPANY_TYPES, LICENSE_TYPES } from "../../emulator/methods/companies";
import { ALGORITHMS } from "../../emulator/methods/incidents";
import { NodeType } from "../../emulator/methods/network";
import {
  PACKAGE_MODULES as EMULATOR_PACKAGE_MODULES,
  PRODUCT_TYPES,
  SCAN_ENGINES,
  SCAN_MODE_TYPES,
} from "../../emulator/methods/packages";
import {
  PUSH_EVENT_TYPES as EMULATOR_PUSH_EVENT_TYPES,
  PUSH_SERVICE_TYPES as EMULATOR_PUSH_SERVICE_TYPES,
} from "../../emulator/methods/push";

/** The values only one side has. */
interface Difference {
  onlyProvider: (string | number)[];
  onlyEmulator: (string | number)[];
}

function difference(provider: Iterable<string | number>, emulator: Iterable<string | number>): Difference {
  const p = new Set(provider);
  const e = new Set(emulator);
  return {
    onlyProvider: [...p].filter((v) => !e.has(v)).sort(),
    onlyEmulator: [...e].filter((v) => !p.has(v)).sort(),
  };
}

const NONE: Difference = { onlyProvider: [], onlyEmulator: [] };

/** Each compared table: the provider's values and the emulator's. */
const TABLES: Record<string, [provider: Iterable<string | number>, emulator: Iterable<string | number>]> = {
  "company type codes": [Object.values(COMPANY_TYPE_CODES), COMPANY_TYPES],
  "licence type codes": [Object.values(LICENSE_TYPE_CODES), LICENSE_TYPES],
  "product type codes": [Object.values(PRODUCT_TYPE_CODES), PRODUCT_TYPES],
  "scan engine codes": [Object.values(SCAN_ENGINE_CODES), SCAN_ENGINES],
  "scan mode codes": [Object.values(SCAN_MODE_CODES), SCAN_MODE_TYPES],
  "account role codes": [Object.values(ACCOUNT_ROLE_CODES), ROLES],
  "hash type codes and names": [
    Object.entries(HASH_TYPE_CODES).map(([name, code]) => `${code}=${name}`),
    Object.entries(ALGORITHMS).map(([code, name]) => `${code}=${name}`),
  ],
  "inventory type codes": [
    [...Object.values(INVENTORY_TYPE_CODES), ...INVENTORY_CONTAINER_CODES],
    Object.values(NodeType),
  ],
  "package modules": [PACKAGE_MODULES, EMULATOR_PACKAGE_MODULES],
  "push event types": [PUSH_EVENT_TYPES, EMULATOR_PUSH_EVENT_TYPES],
  "push service types": [PUSH_SERVICE_TYPES, EMULATOR_PUSH_SERVICE_TYPES],
  "account rights": [ACCOUNT_RIGHTS, RIGHTS],
  "package languages": [LANGUAGES, PACKAGE_LANGUAGES],
  "console languages": [CONSOLE_LANGUAGES, ACCOUNT_LANGUAGES],
};

/** The differences known and accepted, with why. Everything else must agree. */
const EXPECTED: Partial<Record<keyof typeof TABLES, Difference & { why: string }>> = {
  "licence type codes": {
    onlyProvider: [],
    onlyEmulator: [4, 5, 6],
    why: "createCompany accepts further subscription kinds; the Company resource manages trial, licensed and monthly only",
  },
  "inventory type codes": {
    onlyProvider: [14, 15, 16, 7],
    onlyEmulator: [],
    why: "the emulator's inventory holds no EC2 instances or containers; the data source still names their codes",
  },
  "package modules": {
    onlyProvider: [],
    onlyEmulator: ["atc"],
    why: "atc is the deprecated alias of advancedThreatControl: accepted by the API, never sent by the provider",
  },
};

describe("wire tables: provider and emulator agree", () => {
  it.each(Object.keys(TABLES))("%s", (name) => {
    const [provider, emulator] = TABLES[name]!;
    const { why: _why, ...expected } = EXPECTED[name] ?? { ...NONE, why: "" };
    expect(difference(provider, emulator)).toEqual(expected);
  });

  it("lists no expected difference that is not there any more", () => {
    for (const name of Object.keys(EXPECTED)) expect(Object.keys(TABLES)).toContain(name);
  });
});
