/**
 * Policies (read-only: GravityZone has no API to create or edit policies).
 *
 * `getPolicies` → `policies.getPoliciesList` (every page); `getPolicy` → `policies.getPolicyDetails`.
 */
import { z } from "zod";
import type { GravityZoneClient } from "../client";
import { programClient } from "../settings";
import { outputForm } from "./output-form";

/** Arguments of {@link getPolicies}. */
export interface GetPoliciesArgs {
  /** List the policies of this company. @default the API key's own company */
  companyId?: string;
  /** Keep only policies whose name contains this text (case-insensitive). */
  nameContains?: string;
}

/** One policy in a list. */
export interface PolicySummary {
  /** The policy id. */
  id: string;
  /** The policy name. */
  name: string;
  /** The owning company's id, when the API says. */
  companyId?: string;
  /** The owning company's name, when the API says. */
  companyName?: string;
}

/** Result of {@link getPolicies}. */
export interface GetPoliciesResult {
  /** The policies, in API order. */
  policies: PolicySummary[];
}

const policyItem = z
  .object({ id: z.string(), name: z.string(), companyId: z.string().nullish(), companyName: z.string().nullish() })
  .loose()
  .transform((p): PolicySummary => ({
    id: p.id,
    name: p.name,
    companyId: p.companyId ?? undefined,
    companyName: p.companyName ?? undefined,
  }));

/** Lists policies (all pages). @internal */
export async function listPolicies(c: GravityZoneClient, args: GetPoliciesArgs): Promise<GetPoliciesResult> {
  const all = await c.listAll("policies", "getPoliciesList", { companyId: args.companyId }, policyItem);
  const needle = args.nameContains?.toLowerCase();
  return { policies: needle ? all.filter((p) => p.name.toLowerCase().includes(needle)) : all };
}

/**
 * Lists the policies of a company, reading every page.
 * @example
 * ```ts
 * const { policies } = await gravityzone.getPolicies({ nameContains: "Servers" });
 * ```
 */
export function getPolicies(args: GetPoliciesArgs = {}): Promise<GetPoliciesResult> {
  return listPolicies(programClient(), args);
}

/** Output form of {@link getPolicies}. */
export const getPoliciesOutput = outputForm(getPolicies);

/** Arguments of {@link getPolicy}. */
export interface GetPolicyArgs {
  /** The policy id. */
  policyId: string;
}

/** Result of {@link getPolicy}: the policy and its full settings tree. */
export interface GetPolicyResult {
  /** The policy id. */
  id: string;
  /** The policy name. */
  name: string;
  /** The settings tree as the API returns it. */
  settings: Record<string, unknown>;
  /** Every field of the API's answer. */
  details: Record<string, unknown>;
}

const policyDetails = z
  .object({ id: z.string(), name: z.string(), settings: z.record(z.string(), z.unknown()).optional() })
  .loose();

/** Reads one policy. @internal */
export async function readPolicy(c: GravityZoneClient, args: GetPolicyArgs): Promise<GetPolicyResult> {
  const d = await c.call("policies", "getPolicyDetails", { policyId: args.policyId }, policyDetails);
  return { id: d.id, name: d.name, settings: d.settings ?? {}, details: d };
}

/** Reads one policy's details (its settings tree). */
export function getPolicy(args: GetPolicyArgs): Promise<GetPolicyResult> {
  return readPolicy(programClient(), args);
}

/** Output form of {@link getPolicy}. */
export const getPolicyOutput = outputForm(getPolicy);
