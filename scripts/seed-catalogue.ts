/**
 * `npm run seed`: creates the plans (by lookup key) in the Stripe account named by
 * STRIPE_SECRET_KEY, or in the local emulator at STRIPE_EMULATOR_URL.
 */
import { ensureCatalogue } from "../lib/catalogue/ensure-catalogue";
import { stripe } from "../lib/stripe/server";

process.env.BETTER_AUTH_SECRET ??= "seed-script-does-not-use-sessions-000000";
process.env.STRIPE_WEBHOOK_SECRET ??= "whsec_seed_script_does_not_receive_webhooks";

const prices = await ensureCatalogue(stripe());
for (const price of prices)
  console.log(`${price.lookup_key}: ${price.id} ${price.unit_amount} ${price.currency}/${price.recurring?.interval}`);
