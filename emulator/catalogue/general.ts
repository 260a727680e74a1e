/** The `general` API as the reference documents it (see types.ts). */
import type { MethodDoc } from "./types";

/** Every documented `general` method the emulator answers or the provider calls. */
export const generalCatalogue: readonly MethodDoc[] = [
  {
    module: "general",
    method: "getApiKeyDetails",
    versions: ["v1.0"],
    pages: ["https://www.bitdefender.com/business/support/en/77209-140282-getapikeydetails.html"],
    fidelity: "assumed",
    assumptions: [
      "createdAt: the emulator's keys have no generation time of their own; the creation time of the key's account stands for it, in " +
        "the example's format (YYYY-MM-DDTHH:MM:SS, UTC, no zone).",
    ],
    params: {},
    result: {
      type: "object",
      doc:
        "An Object with the details of the API key: enabledApis (Array of the enabled API names) and createdAt (String, the UTC date and " +
        'time the key was generated). "No input parameters are required."',
      example: { enabledApis: ["packages", "network", "policies", "reports"], createdAt: "2019-04-11T12:00:54" },
    },
    exampleRequest: {},
    rateLimit: "10/s",
    n8n: { file: "nodes/GravityZone/actions/general/getApiKeyDetails.operation.ts", sends: [] },
  },
];
