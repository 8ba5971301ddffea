/** The last catalogue read from Stripe, kept so the plan pages still work while Stripe is down. */
import { db } from "./client";

const KEY = "plans";

export async function saveCatalogueSnapshot(plans: unknown, readAt: Date): Promise<void> {
  const data = { plans: JSON.stringify(plans), readAt };
  await db().catalogueSnapshot.upsert({ where: { key: KEY }, create: { key: KEY, ...data }, update: data });
}

export async function readCatalogueSnapshot(): Promise<{ plans: unknown; readAt: Date } | null> {
  const row = await db().catalogueSnapshot.findUnique({ where: { key: KEY } });
  return row ? { plans: JSON.parse(row.plans) as unknown, readAt: row.readAt } : null;
}
