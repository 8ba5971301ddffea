/** Where the customer must go to finish an intent in their wallet, if anywhere. */
export function walletRedirectUrl(intent: {
  status: string;
  next_action?: { redirect_to_url?: { url?: string | null } | null } | null;
}): string | null {
  return intent.status === "requires_action" ? (intent.next_action?.redirect_to_url?.url ?? null) : null;
}
