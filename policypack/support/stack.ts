/**
 * Joining resources within one stack: which {@link Company} resources another resource refers to.
 *
 * A reference is found two ways, so a rule works in `pulumi preview` as well as in `pulumi up`:
 * - by dependency: the property was computed from a Company (`companyId: acme.id`); the engine records
 *   that in `propertyDependencies`, even while the id itself is still unknown;
 * - by value: the property holds a literal id equal (ignoring case) to the `companyId` output of a
 *   Company of the stack (known once the company exists).
 * Companies that are not declared in the stack (the API key's own company, companies managed
 * elsewhere) cannot be resolved, and rules that need them say so in their description.
 */
import type { PolicyResource } from "@pulumi/policy";
import { Company } from "pulumi-gravityzone";
import { known, labelOf, peek, type Peeked, UNKNOWN } from "./values";

/** A company's kind, as the resource declares it. */
export type CompanyKind = "partner" | "customer";

/** The Company resources of a stack, indexed for lookups. */
export class StackCompanies {
  /** Every Company resource of the stack. */
  readonly all: readonly PolicyResource[];
  private readonly byId = new Map<string, PolicyResource>();
  private readonly urns: ReadonlySet<string>;

  constructor(resources: readonly PolicyResource[]) {
    this.all = resources.filter((r) => r.isType(Company));
    this.urns = new Set(this.all.map((c) => c.urn));
    for (const c of this.all) {
      const id = peek(() => c.props.companyId as unknown);
      if (typeof id === "string" && id !== "") this.byId.set(id.toLowerCase(), c);
    }
  }

  /** The Companies that `property` of `r` refers to; `values` are the property's known string values. */
  referencedBy(r: PolicyResource, property: string, values: readonly string[]): PolicyResource[] {
    const found = new Map<string, PolicyResource>();
    for (const dep of r.propertyDependencies[property] ?? []) {
      if (this.urns.has(dep.urn)) found.set(dep.urn, dep);
    }
    for (const v of values) {
      const c = this.byId.get(v.toLowerCase());
      if (c) found.set(c.urn, c);
    }
    return [...found.values()];
  }

  /** The company's id when it is known. */
  idOf(company: PolicyResource): string | undefined {
    const id = peek(() => company.props.companyId as unknown);
    return typeof id === "string" && id !== "" ? id : undefined;
  }

  /** `partner` or `customer` (the resource's default is customer), or unknown. */
  static kindOf(company: PolicyResource): Peeked<CompanyKind> {
    const t = peek(() => company.props.type as unknown);
    if (!known(t)) return UNKNOWN;
    return t === "partner" ? "partner" : "customer";
  }

  /** The company's display name (its Pulumi name when the name is not known). */
  static nameOf(company: PolicyResource): string {
    return labelOf(() => company.props.name, company.name);
  }
}
