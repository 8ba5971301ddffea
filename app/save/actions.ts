"use server";

import { cookies, headers } from "next/headers";
import { z } from "zod";
import { startWalletSetup } from "@/lib/billing/start-wallet-setup";
import { requestContextFrom } from "@/lib/http/request-context";
import { LOCALES } from "@/lib/i18n/locales";
import { WALLETS } from "@/lib/mandate/wallets";
import { SESSION_COOKIE, sessionCookieOptions, signSession } from "@/lib/session";

const SaveWalletForm = z.object({
  submissionId: z.uuid(),
  email: z.email().max(254).transform((email) => email.toLowerCase()),
  wallet: z.enum(WALLETS),
  locale: z.enum(LOCALES),
  termsVersion: z.string().min(1).max(40),
  consent: z.literal("on"),
});

export type SaveWalletState =
  | { status: "idle" }
  | { status: "invalid"; fields: Partial<Record<"email" | "wallet" | "consent" | "form", true>> }
  | { status: "error"; message: string }
  | { status: "redirect"; redirectUrl: string; clientSecret: string }
  | { status: "done"; returnUrl: string };

/** Thin boundary: parse the form, capture the consenting request's evidence, delegate. */
export async function saveWalletAction(_previous: SaveWalletState, formData: FormData): Promise<SaveWalletState> {
  const parsed = SaveWalletForm.safeParse(Object.fromEntries(formData));
  if (!parsed.success) {
    const fields: Partial<Record<"email" | "wallet" | "consent" | "form", true>> = {};
    for (const issue of parsed.error.issues) {
      const key = issue.path[0];
      fields[key === "email" || key === "wallet" || key === "consent" ? key : "form"] = true;
    }
    return { status: "invalid", fields };
  }
  const result = await startWalletSetup(parsed.data, requestContextFrom(await headers()));
  if (result.customerId) (await cookies()).set(SESSION_COOKIE, signSession(result.customerId), sessionCookieOptions());
  if (!result.ok) return { status: "error", message: result.error };
  return "redirectUrl" in result.next
    ? { status: "redirect", redirectUrl: result.next.redirectUrl, clientSecret: result.next.clientSecret }
    : { status: "done", returnUrl: result.next.returnUrl };
}
