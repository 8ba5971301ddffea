import type Stripe from "stripe";
import { EmulatorOnlyError } from "./emulator-controls";
import { testTarget } from "./target";

/** Answers a card intent's 3D Secure challenge the way the Stripe.js stand-in's dialog does. */
export async function answerThreeDs(intent: Stripe.SetupIntent | Stripe.PaymentIntent, action: "complete" | "fail") {
  // Stripe's own challenge page is a browser's business; only the emulator's can be answered over HTTP.
  if (testTarget().kind !== "emulator") throw new EmulatorOnlyError("the 3D Secure challenge page");
  const challenge = (intent.next_action?.use_stripe_sdk as { stripe_js?: string } | undefined)?.stripe_js;
  if (!challenge) throw new Error(`${intent.id} has no 3D Secure challenge`);
  const url = new URL(challenge);
  const response = await fetch(new URL(`${url.pathname}/${action}`, url), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ token: url.searchParams.get("token") }),
  });
  if (!response.ok) throw new Error(`3DS ${action} answered ${response.status}`);
}
