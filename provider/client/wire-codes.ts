/**
 * The numeric codes GravityZone uses on the wire, each table once for the whole provider (resources,
 * data sources and the import command). Names are the words the package's inputs use.
 *
 * @module
 */

/**
 * Company `type`: 0 partner, 1 customer.
 * https://www.bitdefender.com/business/support/en/77211-126236-createcompany.html
 */
export const COMPANY_TYPE_CODES = { partner: 0, customer: 1 } as const;

/**
 * Licence subscription `type` (`licenseSubscription.type`, `getLicenseInfo`'s `subscriptionType`):
 * 1 trial, 2 licensed, 3 monthly. GravityZone has further kinds this package does not manage.
 * https://www.bitdefender.com/business/support/en/77211-126236-createcompany.html,
 * https://www.bitdefender.com/business/support/en/77211-127105-getlicenseinfo.html
 */
export const LICENSE_TYPE_CODES = { trial: 1, licensed: 2, monthly: 3 } as const;

/**
 * Installation package `productType`: 0 detection and prevention, 3 EDR (report only), 5 PHASR standalone.
 * https://www.bitdefender.com/business/support/en/77209-532512-updatepackage.html
 */
export const PRODUCT_TYPE_CODES = { detectionAndPrevention: 0, edrReportOnly: 3, phasrStandalone: 5 } as const;

/**
 * Installation package scan engines (`scanMode.computers.main`, …): 1 central, 2 hybrid, 3 local.
 * https://www.bitdefender.com/business/support/en/77211-135298-createpackage.html
 */
export const SCAN_ENGINE_CODES = { central: 1, hybrid: 2, local: 3 } as const;

/**
 * Installation package `scanMode.type`: 1 automatic, 2 custom.
 * https://www.bitdefender.com/business/support/en/77211-135298-createpackage.html
 */
export const SCAN_MODE_CODES = { automatic: 1, custom: 2 } as const;

/**
 * Account `role`: 1 company administrator, 2 network administrator, 3 reporter, 4 partner, 5 custom.
 * https://www.bitdefender.com/business/support/en/77209-125284-createaccount.html
 */
export const ACCOUNT_ROLE_CODES = {
  companyAdministrator: 1,
  networkAdministrator: 2,
  reporter: 3,
  partner: 4,
  custom: 5,
} as const;

/**
 * Blocklist v1.0 `hashType`: 1 SHA256, 2 MD5.
 * https://www.bitdefender.com/business/support/en/77211-135327-addtoblocklist.html
 */
export const HASH_TYPE_CODES = { sha256: 1, md5: 2 } as const;

/**
 * Network inventory item `type`: 1 company, 2 root container, 3 company folder, 4 custom group,
 * 5 computer, 6 virtual machine, 7 EC2 instance, 14–16 containers.
 * https://www.bitdefender.com/business/support/en/77211-128494-getnetworkinventoryitems.html
 */
export const INVENTORY_TYPE_CODES = {
  company: 1,
  rootContainer: 2,
  companyFolder: 3,
  customGroup: 4,
  computer: 5,
  virtualMachine: 6,
  ec2Instance: 7,
} as const;

/** The inventory `type` codes of containers (three codes, one name). */
export const INVENTORY_CONTAINER_CODES = [14, 15, 16] as const;

/** The name of `code` in a code table, or undefined for a code the table does not name. */
export function nameOfCode<T extends Readonly<Record<string, number>>>(
  table: T,
  code: unknown,
): (keyof T & string) | undefined {
  return (Object.keys(table) as (keyof T & string)[]).find((k) => table[k] === code);
}
