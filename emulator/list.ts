/** Stripe list objects with cursor pagination (newest first). */
import type Stripe from "stripe";
import { parameterInvalid, resourceMissing } from "./http/errors.js";

export type ListObject<T> = Stripe.ApiList<T>;

export const paginationSpec = {
  limit: "integer",
  starting_after: "string",
  ending_before: "string",
} as const;

/**
 * `items` must already be newest first. `objectName` is used in the
 * resource_missing error for an unknown cursor, as Stripe does.
 */
export function paginate<T extends { id: string }>(
  items: T[],
  params: Stripe.PaginationParams,
  url: string,
  objectName: string,
): ListObject<T> {
  const limit = params.limit ?? 10;
  if (limit < 1 || limit > 100) {
    throw parameterInvalid("limit", `Invalid limit: must be between 1 and 100`);
  }
  if (params.starting_after && params.ending_before) {
    throw parameterInvalid(
      "ending_before",
      "You may only specify one of these parameters: ending_before, starting_after.",
    );
  }
  if (params.starting_after) {
    const index = items.findIndex((i) => i.id === params.starting_after);
    if (index === -1) throw resourceMissing(objectName, params.starting_after, "starting_after");
    const rest = items.slice(index + 1);
    return { object: "list", data: rest.slice(0, limit), has_more: rest.length > limit, url };
  }
  if (params.ending_before) {
    const index = items.findIndex((i) => i.id === params.ending_before);
    if (index === -1) throw resourceMissing(objectName, params.ending_before, "ending_before");
    const before = items.slice(0, index);
    const start = Math.max(before.length - limit, 0);
    return { object: "list", data: before.slice(start), has_more: start > 0, url };
  }
  return { object: "list", data: items.slice(0, limit), has_more: items.length > limit, url };
}
