/**
 * Which step waited on Stripe, and for how long. Each measured step runs in its
 * own AsyncLocalStorage context; the SDK's `response` event fires in the context
 * of the call that made the request, so each call's interval lands on the step
 * that made it (and on the steps enclosing it). Calls from elsewhere (the inbox
 * worker applying webhooks, the webhook route) have no step in their context and
 * are only counted; a call a step left running after it returned is counted as late.
 * A step's Stripe time is the union of its calls' intervals (parallel calls are
 * not counted twice), so "ours" = wall − Stripe is never negative.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type Stripe from "stripe";

interface Span {
  startedAt: number;
  endedAt: number | null;
  calls: [number, number][];
  parent: Span | null;
}

export interface StepSample {
  wall: number;
  stripe: number;
  ours: number;
  calls: number;
}

const context = new AsyncLocalStorage<Span>();

/** How the SDK's calls were attributed since the start. */
export const stripeCalls = { inSteps: 0, outsideSteps: 0, afterStepEnded: 0 };

/** Attributes every call of this SDK client to the step (if any) whose context made it. */
export function attributeStripeCalls(sdk: Stripe): void {
  sdk.on("response", (event: { elapsed: number }) => {
    const end = performance.now();
    const span = context.getStore();
    if (!span) return void stripeCalls.outsideSteps++;
    if (span.endedAt !== null) return void stripeCalls.afterStepEnded++;
    stripeCalls.inSteps++;
    for (let s: Span | null = span; s && s.endedAt === null; s = s.parent) s.calls.push([end - event.elapsed, end]);
  });
}

/** Length of the union of `intervals`, clipped to [from, to]. */
export function busyTime(intervals: [number, number][], from: number, to: number): number {
  const sorted = intervals
    .map(([a, b]): [number, number] => [Math.max(a, from), Math.min(b, to)])
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  let total = 0;
  let [curA, curB] = [-Infinity, -Infinity];
  for (const [a, b] of sorted) {
    if (a > curB) {
      if (curB > curA) total += curB - curA;
      [curA, curB] = [a, b];
    } else curB = Math.max(curB, b);
  }
  if (curB > curA) total += curB - curA;
  return total;
}

/** Runs `work` as a step (nested inside the current one, if any) and measures it. */
export async function measureStep<T>(work: () => Promise<T>): Promise<{ result: T; sample: StepSample }> {
  const span: Span = { startedAt: performance.now(), endedAt: null, calls: [], parent: context.getStore() ?? null };
  try {
    const result = await context.run(span, work);
    return { result, sample: sampleOf(span) };
  } finally {
    span.endedAt ??= performance.now();
  }
}

function sampleOf(span: Span): StepSample {
  span.endedAt = performance.now();
  const wall = span.endedAt - span.startedAt;
  const stripe = busyTime(span.calls, span.startedAt, span.endedAt);
  return { wall, stripe, ours: Math.max(0, wall - stripe), calls: span.calls.length };
}
