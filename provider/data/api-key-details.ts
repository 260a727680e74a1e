/**
 * The API key's own details: `getApiKeyDetails` → `general.getApiKeyDetails {}`. The key itself is
 * never part of the answer.
 */
import { z } from "zod";
import type { GravityZoneClient } from "../client";
import { programClient } from "../settings";
import { outputForm } from "./output-form";

/** Result of {@link getApiKeyDetails}. */
export interface GetApiKeyDetailsResult {
  /** The API modules enabled for the key (`companies`, `network`, `packages`, …). */
  enabledApis: string[];
  /** The key's company, when the API says. */
  companyId?: string;
  /** The account that created the key, when the API says. */
  userId?: string;
  /** Every field of the API's answer. */
  details: Record<string, unknown>;
}

const answer = z
  .object({ enabledApis: z.array(z.string()).nullish(), companyId: z.string().nullish(), userId: z.string().nullish() })
  .loose();

/** Reads the key's details. @internal */
export async function readApiKeyDetails(c: GravityZoneClient): Promise<GetApiKeyDetailsResult> {
  const d = await c.call("general", "getApiKeyDetails", {}, answer);
  return { enabledApis: d.enabledApis ?? [], companyId: d.companyId ?? undefined, userId: d.userId ?? undefined, details: d };
}

/**
 * Reads the configured API key's details: which API modules it may call.
 * @example
 * ```ts
 * const { enabledApis } = await gravityzone.getApiKeyDetails();
 * ```
 */
export function getApiKeyDetails(): Promise<GetApiKeyDetailsResult> {
  return readApiKeyDetails(programClient());
}

/** Output form of {@link getApiKeyDetails}. */
export const getApiKeyDetailsOutput = outputForm((_args: Record<string, never>) => getApiKeyDetails());
