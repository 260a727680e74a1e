/**
 * Which policy applies to an inventory node.
 *
 * Within one company: a node uses its own assignment; a node without one inherits from the nearest
 * ancestor (custom group, then the company) that has one; an ancestor assigned with
 * `forcePolicyInheritance` imposes its policy on everything below it, overriding their own assignments
 * (the highest forcing ancestor wins). Inheritance stops at the company node: every company has its
 * own assignment (its default policy when created), so a subordinate company never inherits from its
 * partner.
 */
import type { PolicyAssignment, TenantState } from "./state";
import { ancestorNodes, type NodeRef } from "./tree";

/** The policy in force on a node and where it comes from. */
export interface EffectivePolicy {
  /** The policy id (null only for a corrupt state without any assignment). */
  policyId: string | null;
  /** The node whose assignment applies. */
  fromId: string | null;
  /** True when the policy comes from an ancestor (inherited or forced). */
  inherited: boolean;
  /** True when an ancestor forces it. */
  forced: boolean;
}

function assignmentOf(node: NodeRef): PolicyAssignment | undefined {
  return node.record.policy;
}

/** Computes the {@link EffectivePolicy} of a node. */
export function effectivePolicy(state: TenantState, node: NodeRef): EffectivePolicy {
  const chain: NodeRef[] = [];
  if (node.kind !== "company") {
    for (const a of ancestorNodes(state, node)) {
      chain.push(a);
      if (a.kind === "company") break;
    }
  }
  for (let i = chain.length - 1; i >= 0; i--) {
    const a = assignmentOf(chain[i]!);
    if (a?.force) return { policyId: a.policyId, fromId: chain[i]!.record.id, inherited: true, forced: true };
  }
  const own = assignmentOf(node);
  if (own) return { policyId: own.policyId, fromId: node.record.id, inherited: false, forced: false };
  for (const n of chain) {
    const a = assignmentOf(n);
    if (a) return { policyId: a.policyId, fromId: n.record.id, inherited: true, forced: false };
  }
  return { policyId: null, fromId: null, inherited: true, forced: false };
}
