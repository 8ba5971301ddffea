"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { ADMIN_SETUP_PATH, ADMIN_SIGN_IN_PATH, adminAccessOf } from "@/lib/auth/guard";
import { passwordProblem } from "@/lib/auth/admin-password";
import { chooseAdminPassword, type PasswordStepState } from "@/lib/auth/admin-setup";
import { sessionFromHeaders } from "@/lib/auth/session";
import { requestMessages } from "@/lib/i18n/request-locale";

// Longer than any password we take: the length itself is judged by passwordProblem, in the reader's words.
const Fields = z.object({ password: z.string().max(4096), repeat: z.string().max(4096) });

/** Setup step 1: only an admin still setting up (signed in by admin:create's link) may choose a password here. */
export async function choosePasswordAction(
  _previous: PasswordStepState,
  formData: FormData,
): Promise<PasswordStepState> {
  const requestHeaders = await headers();
  const session = await sessionFromHeaders(requestHeaders);
  if ((await adminAccessOf(session)) !== "setup") redirect(ADMIN_SIGN_IN_PATH);
  const { t } = await requestMessages();
  const parsed = Fields.safeParse({
    password: formData.get("password") ?? "",
    repeat: formData.get("repeat") ?? "",
  });
  if (!parsed.success) return { error: t.adminSetupPasswordTooLong };
  const problem = passwordProblem(parsed.data.password, parsed.data.repeat);
  if (problem) return { error: t[problem] };
  await chooseAdminPassword(requestHeaders, parsed.data.password);
  redirect(ADMIN_SETUP_PATH);
}
