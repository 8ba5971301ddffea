/** Where a customer fixes a subscription's payment (our subscription id): the account page and the failed-renewal email link here. */
export function fixPath(subscriptionId: string): string {
  return `/account/subscriptions/${encodeURIComponent(subscriptionId)}/fix`;
}
