import type { SetupIntentStatus } from "./pending-setup-state";
import { stripe } from "@/lib/stripe/server";

export interface PendingSetupView {
  status: SetupIntentStatus;
  clientSecret: string;
  lastError: string | null;
}

/** A subscription's SetupIntent that still needs the customer, or null. */
export async function pendingSetupOf(setupIntentId: string | null): Promise<PendingSetupView | null> {
  if (!setupIntentId) return null;
  try {
    const intent = await stripe().setupIntents.retrieve(setupIntentId);
    if (intent.status === "succeeded" || intent.status === "canceled" || !intent.client_secret) return null;
    return {
      status: intent.status as SetupIntentStatus,
      clientSecret: intent.client_secret,
      lastError: intent.last_setup_error?.code ?? null,
    };
  } catch {
    return null;
  }
}
