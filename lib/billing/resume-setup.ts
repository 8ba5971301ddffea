import { walletRedirectUrl } from "@/lib/stripe/next-action";
import { stripe } from "@/lib/stripe/server";

/**
 * Where to send a customer who left the wallet's page (or Checkout's hosted
 * page) before finishing: the flow resumes from the recorded SetupIntent or
 * the still-open Checkout Session instead of starting again.
 */
export async function resumeUrlOf(
  setupIntentId: string | null,
  checkoutSessionId: string | null = null,
): Promise<string | null> {
  try {
    if (checkoutSessionId) {
      const session = await stripe().checkout.sessions.retrieve(checkoutSessionId);
      return session.status === "open" ? session.url : null;
    }
    if (!setupIntentId) return null;
    const intent = await stripe().setupIntents.retrieve(setupIntentId);
    return walletRedirectUrl(intent);
  } catch {
    return null;
  }
}
