/**
 * The admin overview's figures, computed at most every OVERVIEW_MAX_AGE_MS per
 * process. Counting a million consents by status, method and day takes
 * hundreds of milliseconds whatever the index (bench:admin), so the page
 * serves the last figures with the time they were counted and, once they are
 * older than that, counts again behind the answer (one count at a time). Only
 * the very first view of a process waits for a count.
 */
import { adminOverview, consentsPerDay, OVERVIEW_CHART_DAYS } from "@/lib/db/admin-overview";

export const OVERVIEW_MAX_AGE_MS = 30_000;

export interface OverviewFigures {
  overview: Awaited<ReturnType<typeof adminOverview>>;
  perDay: Awaited<ReturnType<typeof consentsPerDay>>;
  countedAt: Date;
}

type Cache = { figures: OverviewFigures | null; counting: Promise<OverviewFigures> | null };
const globalForOverview = globalThis as typeof globalThis & { __adminOverview?: Cache };
const cache = (globalForOverview.__adminOverview ??= { figures: null, counting: null });

function count(): Promise<OverviewFigures> {
  cache.counting ??= (async () => {
    const countedAt = new Date();
    const [overview, perDay] = await Promise.all([
      adminOverview(countedAt),
      consentsPerDay(OVERVIEW_CHART_DAYS, countedAt),
    ]);
    cache.figures = { overview, perDay, countedAt };
    return cache.figures;
  })().finally(() => {
    cache.counting = null;
  });
  return cache.counting;
}

/** The newest figures; stale ones are served while fresh ones are counted. */
export async function overviewFigures(now = Date.now()): Promise<OverviewFigures> {
  const { figures } = cache;
  if (!figures) return count();
  if (now - figures.countedAt.getTime() >= OVERVIEW_MAX_AGE_MS) {
    count().catch((error: unknown) =>
      console.error("admin overview: counting failed:", error instanceof Error ? error.message : error),
    );
  }
  return figures;
}

/** Forgets the figures (tests, benchmarks): the next view counts again. */
export function forgetOverviewFigures(): void {
  cache.figures = null;
}
