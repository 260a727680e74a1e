/**
 * Endpoints (computers and virtual machines) under a company or group.
 *
 * `getEndpoints` → `network.getEndpointsList` on API v1.1, which allows 1000 endpoints per page
 * (v1.0 allows 100), reading every page.
 */
import { z } from "zod";
import type { GravityZoneClient } from "../client";
import { programClient } from "../settings";
import { outputForm } from "./output-form";

/** Endpoints per page on `getEndpointsList` v1.1 (its documented maximum). */
export const ENDPOINTS_PER_PAGE = 1000;

/** Arguments of {@link getEndpoints}. */
export interface GetEndpointsArgs {
  /** List endpoints under this company or group. @default the API key's own company */
  parentId?: string;
  /** Include endpoints in subgroups (and subordinate companies), not only the parent's direct children. @default false */
  recursive?: boolean;
  /** Only managed (true) or only unmanaged (false) endpoints. @default both */
  isManaged?: boolean;
  /** Keep only endpoints whose name contains this text (case-insensitive; filtered locally). */
  nameContains?: string;
}

/** One endpoint in a list. */
export interface EndpointSummary {
  /** The endpoint's id. */
  id: string;
  /** The endpoint's name. */
  name: string;
  /** Whether a security agent manages it, when the API says. */
  isManaged?: boolean;
  /** The id of the group it is in, when the API says. */
  groupId?: string;
  /** The fully qualified domain name, when the API says. */
  fqdn?: string;
  /** The operating system, when the API says. */
  operatingSystemVersion?: string;
  /** The IP address, when the API says. */
  ip?: string;
  /** The label set on the endpoint, when there is one. */
  label?: string;
  /** Every field of the API's answer. */
  details: Record<string, unknown>;
}

/** Result of {@link getEndpoints}. */
export interface GetEndpointsResult {
  /** The endpoints, in API order. */
  endpoints: EndpointSummary[];
}

const opt = <T extends z.ZodType>(t: T) => t.nullish().transform((v) => v ?? undefined);

const endpointItem = z
  .object({
    id: z.string(),
    name: z.string(),
    isManaged: opt(z.boolean()),
    groupId: opt(z.string()),
    fqdn: opt(z.string()),
    operatingSystemVersion: opt(z.string()),
    ip: opt(z.string()),
    label: opt(z.string()),
  })
  .loose()
  .transform((e): EndpointSummary => ({
    id: e.id,
    name: e.name,
    isManaged: e.isManaged,
    groupId: e.groupId,
    fqdn: e.fqdn,
    operatingSystemVersion: e.operatingSystemVersion,
    ip: e.ip,
    label: e.label,
    details: { ...e },
  }));

/** Lists endpoints (all pages, 1000 per page on v1.1). @internal */
export async function listEndpoints(c: GravityZoneClient, args: GetEndpointsArgs): Promise<GetEndpointsResult> {
  const endpoints = await c.listAll(
    "network",
    "getEndpointsList",
    {
      parentId: args.parentId,
      isManaged: args.isManaged,
      filters: args.recursive ? { depth: { allItemsRecursively: true } } : undefined,
    },
    endpointItem,
    {
      version: "v1.1",
      perPage: ENDPOINTS_PER_PAGE,
    },
  );
  const needle = args.nameContains?.toLowerCase();
  return { endpoints: needle ? endpoints.filter((e) => e.name.toLowerCase().includes(needle)) : endpoints };
}

/**
 * Lists the endpoints under a company or group, reading every page.
 * @example
 * ```ts
 * const { endpoints } = await gravityzone.getEndpoints({ parentId: company.id, isManaged: true });
 * ```
 */
export function getEndpoints(args: GetEndpointsArgs = {}): Promise<GetEndpointsResult> {
  return listEndpoints(programClient(), args);
}

/** Output form of {@link getEndpoints}. */
export const getEndpointsOutput = outputForm(getEndpoints);
