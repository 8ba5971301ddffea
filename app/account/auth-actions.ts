"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { auth } from "@/lib/auth/auth";
import { currentSession } from "@/lib/auth/session";

/** Ends this browser's session (the row is deleted, the cookie cleared). */
export async function signOutAction(): Promise<void> {
  if (await currentSession()) await auth().api.signOut({ headers: await headers() });
  redirect("/account");
}

/** Ends every session of the account: the other devices' rows, then this one. */
export async function signOutEverywhereAction(): Promise<void> {
  if (await currentSession()) {
    const requestHeaders = await headers();
    await auth().api.revokeOtherSessions({ headers: requestHeaders });
    await auth().api.signOut({ headers: requestHeaders });
  }
  redirect("/account?done=signed_out_everywhere");
}
