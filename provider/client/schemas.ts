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

/** Methods that answer the new object's id. */
export const newIdResult = z.string().min(1);
