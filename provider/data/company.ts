/**
 * A company's details: `getCompany` → `companies.getCompanyDetails {companyId?}` (the API key's own
 * company when no id is given).
 */
import type { GravityZoneClient } from "../client";
import { companyDetails, type CompanyType, type LicenseSubscriptionType } from "../resources/company";
import { programClient } from "../settings";
import { outputForm } from "./output-form";

/** Arguments of {@link getCompany}. */
export interface GetCompanyArgs {
  /** The company to read. @default the API key's own company */
  companyId?: string;
}

/** Result of {@link getCompany}. */
export interface GetCompanyResult {
  /** The company's id. */
  id: string;
  /** The company's name. */
  name: string;
  /** `partner` or `customer`. */
  type: CompanyType;
  /** The managing partner's id (none for the tenant's root). */
  parentId?: string;
  /** Postal address. */
  address?: string;
  /** ISO 3166-1 alpha-2 country code. */
  country?: string;
  /** ISO 3166-2 subdivision code. */
  state?: string;
  /** Phone number. */
  phone?: string;
  /** Industry code (0 = not set). */
  industry: number;
  /** Whether the partner above may manage the company. */
  canBeManagedByAbove: boolean;
  /** Whether two-factor authentication is enforced. */
  enforce2FA: boolean;
  /** Whether the company is suspended. */
  isSuspended: boolean;
  /** When the company was created. */
  createdAt?: string;
  /** The license subscription kind, when it is one of the kinds this package names. */
  licenseType?: LicenseSubscriptionType;
  /** Every field of the API's answer. */
  details: Record<string, unknown>;
}

const LICENSE_NAMES: Record<number, LicenseSubscriptionType> = { 1: "trial", 2: "licensed", 3: "monthly" };

const details = companyDetails;

const text = (v: string | null | undefined) => (v ? v : undefined);

/** Reads a company. @internal */
export async function readCompany(c: GravityZoneClient, args: GetCompanyArgs): Promise<GetCompanyResult> {
  const d = await c.call("companies", "getCompanyDetails", { companyId: args.companyId }, details);
  return {
    id: d.id,
    name: d.name,
    type: d.type === 0 ? "partner" : "customer",
    parentId: text(d.parentId),
    address: text(d.address),
    country: text(d.country),
    state: text(d.state),
    phone: text(d.phone),
    industry: d.industry ?? 0,
    canBeManagedByAbove: d.canBeManagedByAbove ?? true,
    enforce2FA: d.enforce2FA ?? false,
    isSuspended: d.isSuspended ?? false,
    createdAt: text(d.createdAt),
    licenseType: LICENSE_NAMES[d.licenseSubscription?.type ?? -1],
    details: d,
  };
}

/**
 * Reads a company's details (the API key's own company when no id is given).
 * @example
 * ```ts
 * const me = await gravityzone.getCompany();
 * ```
 */
export function getCompany(args: GetCompanyArgs = {}): Promise<GetCompanyResult> {
  return readCompany(programClient(), args);
}

/** Output form of {@link getCompany}. */
export const getCompanyOutput = outputForm(getCompany);
