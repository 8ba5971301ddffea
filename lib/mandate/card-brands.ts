/** Card brands as Stripe names them (`card.brand`), as people write them. */
export const CARD_BRANDS: Record<string, string> = {
  visa: "Visa",
  mastercard: "Mastercard",
  amex: "American Express",
  jcb: "JCB",
  discover: "Discover",
  diners: "Diners Club",
  unionpay: "UnionPay",
};

export function cardBrandName(brand: string): string {
  return CARD_BRANDS[brand] ?? brand;
}
