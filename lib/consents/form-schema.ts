import { z } from "zod";
import { LOCALES } from "@/lib/i18n/locales";
import { WALLETS } from "@/lib/mandate/wallets";

/** The consent form's fields, as every consent action parses them. */
export const ConsentFormFields = z.object({
  submissionId: z.uuid(),
  email: z
    .email()
    .max(254)
    .transform((email) => email.toLowerCase()),
  wallet: z.enum(WALLETS),
  locale: z.enum(LOCALES),
  termsVersion: z.string().min(1).max(40),
  consent: z.literal("on"),
});
