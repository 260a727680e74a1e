/**
 * The reference columns of the call-count table, per kind and operation:
 *  - `min`: the fewest calls the API allows for the same result — lookups shared by every resource
 *    they serve (one sibling, package, account or blocklist listing per parent or company), every
 *    page of a listing read once, batch methods used to the full (addToBlocklist takes up to 1000
 *    hashes; hash rules are removed only with v1.0 removeFromBlocklist, one per call: 77211-135329);
 *  - `naive`: one call per item for every step the operation needs, page 1 only, nothing shared
 *    (a lookup before a create, the create, a lookup for the id when the create answers none).
 * `n` is the number of resources (or hashes, for Blocklist); `ctx` holds the number of blocklist
 * items the listings see before (`i0`) and after (`i1`) the operation.
 */

/** Calls to list `items` at 100 per page (an empty list still takes one call). @param {number} items */
export const pages = (items) => Math.max(1, Math.ceil(items / 100));
/** Calls to add `n` hashes at up to 1000 per call. @param {number} n */
const batch = (n) => Math.ceil(n / 1000);

/** @type {Record<string, Record<string, (n: number, ctx: {i0: number, i1: number}) => {min: number, naive: number}>>} */
export const MODEL = {
  Company: {
    create: (n) => ({ min: 2 * n, naive: 2 * n }), // findCompaniesByName + createCompany
    refresh: (n) => ({ min: n, naive: n }),
    update: (n) => ({ min: n, naive: n }),
    delete: (n) => ({ min: n, naive: n }),
  },
  CustomGroup: {
    // A company parent is its 'Computers and Groups' group (77209-128488): one getCustomGroupsList of the
    // company finds it, one of that group looks the siblings up, then createCustomGroup each.
    create: (n) => ({ min: n + 2, naive: 3 * n }),
    refresh: (n) => ({ min: 2, naive: 2 * n }), // the company's list (its system groups), then the parent's list of siblings
    update: (n) => ({ min: n + 1, naive: 2 * n }), // the new parent's list (a company or a group?), then moveCustomGroup each
    delete: (n) => ({ min: n, naive: n }),
  },
  InstallationPackage: {
    create: (n) => ({ min: n + 2, naive: 3 * n }), // getPackagesList + createPackage each + getInstallationLinks of the company
    refresh: (n) => ({ min: n + 1, naive: 2 * n }), // getPackageDetails each + the company's getInstallationLinks
    update: (n) => ({ min: 2 * n, naive: 2 * n }), // getPackageDetails + updatePackage with the whole package (77209-532512)
    delete: (n) => ({ min: n, naive: n }),
  },
  Account: {
    create: (n) => ({ min: n + 1, naive: 2 * n }), // getAccountsList + createAccount each
    refresh: (n) => ({ min: n, naive: n }),
    update: (n) => ({ min: n, naive: n }),
    delete: (n) => ({ min: n, naive: n }),
  },
  PushEventSettings: {
    create: () => ({ min: 2, naive: 3 }), // getPushEventSettings (is one enabled?) + setPushEventSettings
    refresh: () => ({ min: 1, naive: 1 }),
    update: () => ({ min: 1, naive: 1 }),
    delete: () => ({ min: 1, naive: 1 }),
  },
  BlocklistEntry: {
    create: (n, c) => ({ min: batch(n) + pages(c.i0) + pages(c.i1), naive: 3 * n }), // one listing before, one add, one listing for the ids
    refresh: (n, c) => ({ min: pages(c.i0), naive: n }),
    update: (n, c) => ({ min: n + batch(n) + pages(c.i0) + pages(c.i1), naive: 4 * n }), // a replacement: remove each, then add
    delete: (n) => ({ min: n, naive: n }),
  },
  BlocklistEntryAdopted: {
    create: (n, c) => ({ min: pages(c.i0), naive: n }),
    refresh: (n, c) => ({ min: pages(c.i0), naive: n }),
    update: () => ({ min: 0, naive: 0 }),
    delete: (n) => ({ min: n, naive: n }),
  },
  Blocklist: {
    create: (n, c) => ({ min: batch(n) + pages(c.i0) + pages(c.i1), naive: 3 * n }),
    refresh: (n, c) => ({ min: pages(c.i0), naive: n }),
    update: (_n, c) => ({ min: 2 + pages(c.i1), naive: 4 }), // one hash dropped, one added
    delete: (n) => ({ min: n, naive: n }),
  },
  PolicyAssignment: {
    create: (n) => ({ min: n, naive: 2 * n }), // assignPolicy each (one target each)
    refresh: (n) => ({ min: n, naive: n }),
    update: (n) => ({ min: n, naive: n }),
    delete: (n) => ({ min: n, naive: n }),
  },
};

/** A no-op preview or `up` needs no call at all, for every kind. */
export const NOOP = { min: 0, naive: 0 };
