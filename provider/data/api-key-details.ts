/**
 * The API key's own details: `getApiKeyDetails` → `general.getApiKeyDetails {}`, answered as
 * `{enabledApis, createdAt}` (77209-140282). The key itself is never part of the answer.
 */
import { z } from "zod";
import type { GravityZoneClient } from "../client";
import { programClient } from "../settings";
import { outputForm } from "./output-form";

/** Result of {@link getApiKeyDetails}. */
export interface GetApiKeyDetailsResult {
  /** The API modules enabled for the key (`companies`, `network`, `packages`, …). */
  enabledApis: string[];
  /**
   * When the key was generated: UTC date and time without a zone, e.g. `2019-04-11T12:00:54`
   * (77209-140282), when the API says.
   */
  createdAt?: string;
  /**
   * The key's company, when the API says. Not a documented member of the answer: kept for consoles
   * that send it, undefined otherwise.
   */
  companyId?: string;
  /**
   * The account that created the key, when the API says. Not a documented member of the answer: kept
   * for consoles that send it, undefined otherwise.
   */
  userId?: string;
  /** Every field of the API's answer. */
  details: Record<string, unknown>;
}

const answer = z
  .object({
    enabledApis: z.array(z.string()).nullish(),
    createdAt: z.string().nullish(),
    companyId: z.string().nullish(),
    userId: z.string().nullish(),
  })
  .loose();

/** Reads the key's details. @internal */
export async function readApiKeyDetails(c: GravityZoneClient): Promise<GetApiKeyDetailsResult> {
  const d = await c.call("general", "getApiKeyDetails", {}, answer);
  return {
    enabledApis: d.enabledApis ?? [],
    createdAt: d.createdAt || undefined,
    companyId: d.companyId ?? undefined,
    userId: d.userId ?? undefined,
    details: d,
  };
}

/**
 * Reads the configured API key's details: which API modules it may call, and when it was generated.
 * @example
 * ```ts
 * const { enabledApis, createdAt } = await gravityzone.getApiKeyDetails();
 * ```
 */
export function getApiKeyDetails(): Promise<GetApiKeyDetailsResult> {
  return readApiKeyDetails(programClient());
}

/** Output form of {@link getApiKeyDetails}. */
export const getApiKeyDetailsOutput = outputForm((_args: Record<string, never>) => getApiKeyDetails());
