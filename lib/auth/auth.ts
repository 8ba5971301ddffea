import { passkey } from "@better-auth/passkey";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { nextCookies } from "better-auth/next-js";
import { admin, emailOTP, magicLink, twoFactor } from "better-auth/plugins";
import { linkCustomerToUser } from "@/lib/db/customers";
import { db, dbProvider, type Db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { ADMIN_PASSWORD_MAX, ADMIN_PASSWORD_MIN } from "./admin-password";
import { guardAdminAuthRoutes, notePasskeyUserVerified, sessionWithSecondFactor } from "./admin-factors";
import { checkoutAccount } from "./checkout-account";
import { localeOfHeaders } from "@/lib/i18n/locale-of";
import { sendSignInCode } from "./send-sign-in-code";
import { limitSignInCodes } from "./sign-in-code-limit";

export const SIGN_IN_CODE_MINUTES = 10;

function createAuth() {
  const appUrl = new URL(env().appUrl);
  return betterAuth({
    appName: "Lumen Stock Photos",
    baseURL: env().appUrl,
    basePath: "/api/auth",
    secret: env().authSecret,
    telemetry: { enabled: false },
    database: prismaAdapter(db(), { provider: dbProvider() === "postgres" ? "postgresql" : "sqlite" }),
    // Sessions are rows: every request re-reads it, so sign-out and revocation take effect at once.
    session: {
      expiresIn: 60 * 60 * 24 * 30,
      updateAge: 60 * 60 * 24,
      cookieCache: { enabled: false },
      // Which second factor this session's sign-in proved (lib/auth/admin-factors.ts); never set by a client.
      additionalFields: { secondFactor: { type: "string", required: false, input: false } },
    },
    // Passwords exist only for admins (set by an admin); nobody signs up with one.
    emailAndPassword: {
      enabled: true,
      disableSignUp: true,
      minPasswordLength: ADMIN_PASSWORD_MIN,
      maxPasswordLength: ADMIN_PASSWORD_MAX,
    },
    rateLimit: { enabled: env().authRateLimit },
    advanced: {
      useSecureCookies: appUrl.protocol === "https:",
      // The client address scripts/serve.ts derives from TRUSTED_PROXY_HOPS (as the consent evidence does);
      // X-Forwarded-For's first entry is whatever the client sent, so per-IP limits must not read it.
      ipAddress: { ipAddressHeaders: ["x-real-ip"] },
    },
    databaseHooks: {
      user: {
        // An address proven by a code (or link) claims the customer record that carries it.
        create: { after: async (user) => void (user.emailVerified && (await linkCustomerToUser(user.email, user.id))) },
        update: { after: async (user) => void (user.emailVerified && (await linkCustomerToUser(user.email, user.id))) },
      },
      session: { create: { before: sessionWithSecondFactor } },
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        // Sign-in links are made only by admin:create (server code, no request), never asked for over HTTP.
        if (ctx.path === "/sign-in/magic-link" && ctx.request) throw new APIError("NOT_FOUND");
        await guardAdminAuthRoutes(ctx);
        // Over the limit, no code is generated or sent (customer sign-in codes and admins' second-factor codes).
        await limitSignInCodes(ctx);
        // A passkey needs a proven address: otherwise whoever pre-registered it would keep a way in.
        if (ctx.path !== "/passkey/generate-register-options") return;
        const session = ctx.context.session ?? (await getSessionFrom(ctx.headers));
        if (!session?.user.emailVerified) throw new APIError("FORBIDDEN", { message: "EMAIL_NOT_VERIFIED" });
      }),
    },
    plugins: [
      emailOTP({
        otpLength: 6,
        expiresIn: SIGN_IN_CODE_MINUTES * 60,
        allowedAttempts: 5,
        storeOTP: "hashed",
        async sendVerificationOTP({ email, otp }, ctx) {
          await sendSignInCode({ email, code: otp, locale: localeOfHeaders(ctx?.headers ?? ctx?.request?.headers) });
        },
      }),
      magicLink({
        disableSignUp: true,
        expiresIn: 60 * 60,
        storeToken: "hashed",
        async sendMagicLink({ email, url }, ctx) {
          await sendSignInCode({ email, url, locale: localeOfHeaders(ctx?.headers ?? ctx?.request?.headers) });
        },
      }),
      // Admins: a password, then a code emailed to them (the same message as a sign-in code, in their language).
      twoFactor({
        issuer: "Lumen Stock Photos",
        otpOptions: {
          period: SIGN_IN_CODE_MINUTES,
          allowedAttempts: 5,
          storeOTP: "hashed",
          async sendOTP({ user, otp }, ctx) {
            await sendSignInCode({
              email: user.email,
              code: otp,
              locale: localeOfHeaders(ctx?.headers ?? ctx?.request?.headers),
            });
          },
        },
      }),
      passkey({
        rpID: appUrl.hostname,
        rpName: "Lumen Stock Photos",
        origin: appUrl.origin,
        // A passkey whose authenticator verified the user is possession plus a PIN or biometric: an admin's two factors.
        authentication: {
          afterVerification: ({ ctx, verification }) =>
            notePasskeyUserVerified(ctx, verification.authenticationInfo.userVerified),
        },
      }),
      admin({ defaultRole: "customer", adminRoles: ["admin"] }),
      checkoutAccount(),
      nextCookies(),
    ],
  });
}

type Auth = ReturnType<typeof createAuth>;
const globalForAuth = globalThis as typeof globalThis & { __auth?: { client: Db; appUrl: string; auth: Auth } };

/** The process-wide better-auth instance (rebuilt when the database client or the origin changes, as in tests). */
export function auth(): Auth {
  const cached = globalForAuth.__auth;
  if (cached && cached.client === db() && cached.appUrl === env().appUrl) return cached.auth;
  globalForAuth.__auth = { client: db(), appUrl: env().appUrl, auth: createAuth() };
  return globalForAuth.__auth.auth;
}

async function getSessionFrom(headers: Headers | undefined) {
  return headers ? auth().api.getSession({ headers }) : null;
}
