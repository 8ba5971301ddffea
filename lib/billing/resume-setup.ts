import { walletRedirectUrl } from "@/lib/stripe/next-action";
import { stripe } from "@/lib/stripe/server";

/**
 * Where to send a customer who left the wallet's page before finishing: the
 * flow resumes from the recorded SetupIntent instead of starting again.
 */
export async function resumeUrlOf(setupIntentId: string | null): Promise<string | null> {
  if (!setupIntentId) return null;
  try {
    const intent = await stripe().setupIntents.retrieve(setupIntentId);
    return walletRedirectUrl(intent);
  } catch {
    return null;
  }
}
