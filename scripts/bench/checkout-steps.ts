/** The subscribe flow's steps (shared by both levels), the samples they leave, and the tables printed from them. */
import type { Wallet } from "../../lib/mandate/wallets";
import { percentile } from "./load";
import type { StepSample } from "./stripe-attribution";

export const PLAN_OF: Record<Wallet, string> = {
  amazon_pay: "stock_photos_monthly_usd",
  kakao_pay: "stock_photos_monthly_krw",
};

export const WALLET_LABEL: Record<Wallet, string> = { amazon_pay: "Amazon Pay", kakao_pay: "Kakao Pay" };

export const STEPS = {
  planPage: "plan page (GET: catalogue, terms)",
  consent: "consent form: account + consent + customer + SetupIntent",
  setupReturn: "setup return page: verify + record + subscription",
  verify: "↳ verify + record the SetupIntent",
  subscribe: "↳ create the subscription (first invoice)",
  paymentReturn: "payment return page (first payment verified)",
} as const;

export type Recorder = (step: string, sample: StepSample) => void;

/** Samples per "wallet: step", in the order steps were first seen; nothing is kept while `counting` is false. */
export class Samples {
  counting = false;
  readonly byStep = new Map<string, StepSample[]>();

  recorderFor(wallet: Wallet): Recorder {
    return (step, sample) => {
      if (!this.counting) return;
      const key = `${WALLET_LABEL[wallet]}: ${step}`;
      this.byStep.set(key, [...(this.byStep.get(key) ?? []), sample]);
    };
  }
}

const f = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : "—");
const p3 = (values: number[]) => [50, 95, 99].map((p) => f(percentile(values, p))).join(" / ");

/** The server-action level: wall, ours and Stripe per step. */
export function actionTable(samples: Samples): string[] {
  const lines = [
    "| step | n | wall p50 / p95 / p99 | ours p50 / p95 / p99 | Stripe p50 / p95 / p99 | Stripe calls |",
    "|---|---:|---:|---:|---:|---:|",
  ];
  for (const [step, list] of samples.byStep) {
    const calls = list.reduce((sum, s) => sum + s.calls, 0) / list.length;
    lines.push(
      `| ${step} | ${list.length} | ${p3(list.map((s) => s.wall))} | ${p3(list.map((s) => s.ours))} | ${p3(list.map((s) => s.stripe))} | ${calls.toFixed(1)} |`,
    );
  }
  return lines;
}

/** The HTTP level (through Next's request handling) beside the server-action level's wall time for the same step. */
export function httpTable(http: Samples, actions: Samples): string[] {
  const lines = ["| step | n | HTTP p50 / p95 / p99 | server action p50 / p95 / p99 |", "|---|---:|---:|---:|"];
  for (const [step, list] of http.byStep) {
    const beside = actions.byStep.get(step);
    lines.push(
      `| ${step} | ${list.length} | ${p3(list.map((s) => s.wall))} | ${beside ? p3(beside.map((s) => s.wall)) : "— (HTTP only)"} |`,
    );
  }
  return lines;
}
