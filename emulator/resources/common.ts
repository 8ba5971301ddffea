/** Helpers shared by resource handlers. */
import type Stripe from "stripe";
import type { Collection } from "../store.js";
import { resourceMissing } from "../http/errors.js";

export function mustGet<T extends { id: string }>(
  collection: Collection<T>,
  id: string,
  objectName: string,
  param = "id",
): T {
  const found = collection.get(id);
  if (!found) throw resourceMissing(objectName, id, param);
  return found;
}

/** Stripe's metadata update rules: "" clears all, a key set to "" is removed. */
export function mergeMetadata(
  current: Stripe.Metadata | null,
  patch: Stripe.Emptyable<Stripe.MetadataParam> | undefined,
): Stripe.Metadata {
  if (patch === undefined) return { ...(current ?? {}) };
  if (patch === null || patch === "") return {};
  const out: Stripe.Metadata = { ...(current ?? {}) };
  for (const [k, v] of Object.entries(patch)) {
    if (v === "" || v === null) delete out[k];
    else out[k] = String(v);
  }
  return out;
}

/** Emptyable string params: "" means unset. */
export function emptyToNull(value: string | null | undefined): string | null {
  return value === undefined || value === "" ? null : value;
}

export function idOf(ref: string | { id: string } | null | undefined): string | null {
  if (ref === null || ref === undefined) return null;
  return typeof ref === "string" ? ref : ref.id;
}
