import { stripe } from "@/lib/stripe/server";

/**
 * Where to send a customer who left the wallet's page before finishing: the
 * flow resumes from the recorded SetupIntent instead of starting again.
 */
export async function resumeUrlOf(setupIntentId: string | null): Promise<string | null> {
  if (!setupIntentId) return null;
  try {
    const intent = await stripe().setupIntents.retrieve(setupIntentId);
    return intent.status === "requires_action" ? (intent.next_action?.redirect_to_url?.url ?? null) : null;
  } catch {
    return null;
  }
}
