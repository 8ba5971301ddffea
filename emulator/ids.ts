import { randomBytes } from "node:crypto";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** Random alphanumerics; rejection sampling keeps the distribution uniform. */
export function randomAlnum(length: number): string {
  let out = "";
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += ALPHABET[byte % 62];
    }
  }
  return out;
}

/** Stripe-shaped id: prefix + "_" + 24 alphanumerics. */
export function newId(prefix: string): string {
  return `${prefix}_${randomAlnum(24)}`;
}

/** Client secret shaped like Stripe's: `<id>_secret_<random>`. */
export function newClientSecret(id: string): string {
  return `${id}_secret_${randomAlnum(25)}`;
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
