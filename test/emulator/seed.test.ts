/**
 * The seeded tenants: deterministic, shaped like a small MSP, and internally consistent.
 */
import { describe, expect, it } from "vitest";
import { seedState } from "../../emulator/index";
import { isObjectId } from "../../emulator/ids";
import { isCompanyWithin } from "../../emulator/tree";

describe("seed", () => {
  it("is deterministic", () => {
    expect(seedState("default")).toEqual(seedState("default"));
    expect(seedState("empty")).toEqual(seedState("empty"));
  });

  it("looks like an MSP tenant", () => {
    const s = seedState("default");
    const companies = Object.values(s.companies);
    const root = s.companies[s.rootCompanyId]!;
    expect(root).toMatchObject({ type: 0, parentId: null, name: "Northwind MSP" });
    const customers = companies.filter((c) => c.parentId === root.id && c.type === 1);
    expect(customers.length).toBe(8);
    expect(customers.filter((c) => c.isSuspended)).toHaveLength(1);
    const resellers = companies.filter((c) => c.parentId === root.id && c.type === 0);
    expect(resellers).toHaveLength(1);
    expect(companies.filter((c) => c.parentId === resellers[0]!.id)).toHaveLength(1);
    const endpoints = Object.values(s.endpoints);
    expect(endpoints.length).toBeGreaterThanOrEqual(280);
    expect(new Set(endpoints.map((e) => e.type))).toEqual(new Set([5, 6]));
    expect(endpoints.some((e) => !e.isManaged)).toBe(true);
    expect(Object.values(s.groups).some((g) => s.groups[g.parentId])).toBe(true);
    for (const c of companies)
      expect(Object.values(s.policies).filter((p) => p.companyId === c.id && p.isDefault)).toHaveLength(1);
    expect(
      Object.values(s.policies).filter((p) => p.companyId === root.id && !p.isDefault).length,
    ).toBeGreaterThanOrEqual(3);
    expect(Object.keys(s.packages).length).toBeGreaterThanOrEqual(10);
    expect(Object.keys(s.accounts).length).toBeGreaterThanOrEqual(10);
    const perCompany = new Map<string, number>();
    for (const b of Object.values(s.blocklist)) perCompany.set(b.companyId, (perCompany.get(b.companyId) ?? 0) + 1);
    expect(Math.max(...perCompany.values())).toBeGreaterThanOrEqual(150);
    expect(s.push).toEqual({});
    expect(s.accounts[s.ownerAccountId]!.companyId).toBe(root.id);
  });

  it("is internally consistent", () => {
    const s = seedState("default");
    const all = [
      ...Object.values(s.companies),
      ...Object.values(s.groups),
      ...Object.values(s.endpoints),
      ...Object.values(s.policies),
      ...Object.values(s.packages),
      ...Object.values(s.accounts),
      ...Object.values(s.blocklist),
    ];
    const ids = all.map((x) => x.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every(isObjectId)).toBe(true);
    for (const g of Object.values(s.groups)) {
      const parent = s.groups[g.parentId] ?? s.companies[g.parentId];
      expect(parent).toBeDefined();
      expect(s.groups[g.parentId] ? s.groups[g.parentId]!.companyId : g.parentId).toBe(g.companyId);
    }
    for (const e of Object.values(s.endpoints)) {
      expect(s.groups[e.parentId]?.companyId ?? (s.companies[e.parentId] ? e.parentId : undefined)).toBe(e.companyId);
    }
    const nodes = [
      ...Object.values(s.companies).map((c) => ({ company: c.id, policy: c.policy })),
      ...Object.values(s.groups).map((g) => ({ company: g.companyId, policy: g.policy })),
      ...Object.values(s.endpoints).map((e) => ({ company: e.companyId, policy: e.policy })),
    ];
    for (const n of nodes) {
      if (!n.policy) continue;
      const p = s.policies[n.policy.policyId];
      expect(p).toBeDefined();
      expect(isCompanyWithin(s, n.company, p!.companyId)).toBe(true);
    }
  });

  it("'empty' holds the root company with its two system groups, its default policy and the key's own account only", () => {
    const s = seedState("empty");
    expect(Object.keys(s.companies)).toEqual([s.rootCompanyId]);
    expect(Object.values(s.policies)).toEqual([
      expect.objectContaining({ name: "Default policy", companyId: s.rootCompanyId }),
    ]);
    expect(Object.keys(s.accounts)).toEqual([s.ownerAccountId]);
    expect(s.endpoints).toEqual({});
    // Every company has 'Computers and Groups' and 'Deleted' (77209-128488), directly under it; no custom group.
    const root = s.rootCompanyId;
    expect(
      Object.values(s.groups)
        .map(({ name, parentId, companyId, system }) => ({ name, parentId, companyId, system }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    ).toEqual([
      { name: "Computers and Groups", parentId: root, companyId: root, system: "computersAndGroups" },
      { name: "Deleted", parentId: root, companyId: root, system: "deleted" },
    ]);
  });
});
