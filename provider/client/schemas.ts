/**
 * Response shapes shared by many methods. Resource- and data-source-specific shapes live next to
 * the code that uses them.
 */
import { z } from "zod";

/** A GravityZone id: 24 hexadecimal characters (a MongoDB ObjectId). */
export const idSchema = z.string().regex(/^[0-9a-f]{24}$/i, "expected a 24-hex-character GravityZone id");

/** The result of a paged list method: `{page, pagesCount, perPage, total, items}`. */
export function pagedResultSchema<S extends z.ZodType>(item: S) {
  return z.object({
    page: z.number().int().optional(),
    pagesCount: z.number().int().min(0),
    perPage: z.number().int().optional(),
    total: z.number().int().min(0).optional(),
    items: z.array(item),
  });
}

/** Methods that answer `true` on success. */
export const trueResult = z.literal(true);

/** Methods that answer `null` (or, on some consoles, `true`) on success. */
export const okResult = z.union([z.null(), z.literal(true), z.undefined()]);

const createdRecords = z
  .object({ records: z.array(z.string().min(1)).min(1), success: z.boolean().optional() })
  .loose();

/**
 * Methods that answer the new object's id: documented as the id string; some consoles answer
 * `{records: [id], success: true}` or `[{records: [id], success: true}]` (seen in a community client's
 * test data for createPackage). Every form gives the id; `success: false` is refused.
 */
export const newIdResult = z
  .union([z.string().min(1), createdRecords, z.array(createdRecords).length(1)])
  .transform((r, ctx) => {
    if (typeof r === "string") return r;
    const rec = Array.isArray(r) ? r[0]! : r;
    if (rec.success === false) {
      ctx.addIssue({ code: "custom", message: "the create answered success: false" });
      return z.NEVER;
    }
    return rec.records[0]!;
  });

/**
 * assignPolicy's answer (77209-924802): true when the policy was assigned; false when it was not
 * ("The policy is not assigned to targets that have an enforced policy").
 */
export const assignResult = z.boolean();
