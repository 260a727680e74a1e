/**
 * A company's details: `getCompany` → `companies.getCompanyDetails {companyId?}` (the API key's own
 * company when no id is given), then `licensing.getLicenseInfo {companyId}` for the licence kind.
 */
import type { GravityZoneClient } from "../client";
import { COMPANY_TYPE_CODES } from "../client/wire-codes";
import { companyDetails, type CompanyType, type LicenseSubscriptionType } from "../resources/company";
import { licenseName, readLicense } from "../resources/company-license";
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
  /**
   * The managing partner's id, only when GravityZone reports it: `parentId` is not a documented member
   * of getCompanyDetails' answer (77209-126239), so it is usually undefined.
   */
  parentId?: string;
  /** Postal address. */
  address?: string;
  /** ISO 3166-1 alpha-2 country code; undefined when unset (GravityZone answers "N/A"). */
  country?: string;
  /** ISO 3166-2 subdivision code; undefined when unset (GravityZone answers "N/A"). */
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

const details = companyDetails;

const text = (v: string | null | undefined) => (v ? v : undefined);
/** An unset country or state reads "N/A" (77209-126239). */
const code = (v: string | null | undefined) => (v && v !== "N/A" ? v : undefined);

/** Reads a company. @internal */
export async function readCompany(c: GravityZoneClient, args: GetCompanyArgs): Promise<GetCompanyResult> {
  const d = await c.call("companies", "getCompanyDetails", { companyId: args.companyId }, details);
  // getCompanyDetails does not document the licence: getLicenseInfo does (77211-127105).
  const license = await readLicense(c, d.id);
  return {
    id: d.id,
    name: d.name,
    type: d.type === COMPANY_TYPE_CODES.partner ? "partner" : "customer",
    parentId: text(d.parentId),
    address: text(d.address),
    country: code(d.country),
    state: code(d.state),
    phone: text(d.phone),
    industry: d.industry ?? 0,
    canBeManagedByAbove: d.canBeManagedByAbove ?? true,
    enforce2FA: d.enforce2FA ?? false,
    isSuspended: d.isSuspended ?? false,
    createdAt: text(d.createdAt),
    licenseType: licenseName(license.subscriptionType),
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
