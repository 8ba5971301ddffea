import type { BetterAuthPlugin } from "better-auth";
import { createAuthEndpoint } from "better-auth/api";
import { setSessionCookie } from "better-auth/cookies";
import { z } from "zod";

/**
 * Checkout's account creation, callable only from server code (never routed):
 * a new email gets an unverified user and this browser gets its session. An
 * email that already has a user is refused here; the caller asks for a code.
 * When the address is later verified by a code, better-auth signs out every
 * session opened before (revokeUnprovenAccountAccess), so a stranger who typed
 * someone else's address keeps nothing.
 */
export function checkoutAccount() {
  return {
    id: "checkout-account",
    endpoints: {
      createCheckoutAccount: createAuthEndpoint.serverOnly(
        { method: "POST", body: z.object({ email: z.email() }) },
        async (ctx) => {
          const email = ctx.body.email.toLowerCase();
          if (await ctx.context.internalAdapter.findUserByEmail(email)) return ctx.json({ created: false as const });
          let user;
          try {
            user = await ctx.context.internalAdapter.createUser(
              { email, emailVerified: false, name: "" },
              { method: "checkout" },
            );
          } catch {
            // A concurrent first request created it: that browser owns it, not this one.
            return ctx.json({ created: false as const });
          }
          const session = await ctx.context.internalAdapter.createSession(user.id);
          await setSessionCookie(ctx, { session, user });
          return ctx.json({ created: true as const, userId: user.id });
        },
      ),
    },
  } satisfies BetterAuthPlugin;
}
