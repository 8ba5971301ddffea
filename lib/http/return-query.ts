import { z } from "zod";

/** The query Stripe appends to a SetupIntent's return_url (plus our consent id). */
export const SetupReturnQuery = z.object({
  consent: z.string().min(1).max(64),
  setup_intent: z.string().regex(/^seti_\w+$/),
  setup_intent_client_secret: z.string().min(1).max(200),
});

/** The query Stripe appends to a PaymentIntent's return_url (plus our subscription id). */
export const PaymentReturnQuery = z.object({
  subscription: z.string().min(1).max(64),
  payment_intent: z.string().regex(/^pi_\w+$/),
  payment_intent_client_secret: z.string().min(1).max(200),
});

/** Checkout's success_url query: the session id Stripe put in place of {CHECKOUT_SESSION_ID}. */
export const CheckoutReturnQuery = z.object({
  session_id: z
    .string()
    .regex(/^cs_\w+$/)
    .max(200),
});

export type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** A key read from the address names a text only if it is one of `texts`' own keys (`constructor`, `__proto__` name none). */
export function ownText(texts: Record<string, string>, key: string): string | undefined {
  return Object.hasOwn(texts, key) ? texts[key] : undefined;
}
