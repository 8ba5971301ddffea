/**
 * `npm run admin:create -- <email>`: makes that address an admin (creating the
 * account if needed) and prints a one-time sign-in link (valid one hour).
 * `--demo`: local mode's first start: creates admin@example.com only if there is
 * no admin yet (prints nothing otherwise).
 */
import { z } from "zod";

process.env.BETTER_AUTH_SECRET ??= "admin-create-script-signs-no-cookies-000";
process.env.STRIPE_WEBHOOK_SECRET ??= "whsec_admin_create_script_receives_no_webhooks";

const DEMO_ADMIN = "admin@example.com";

async function main() {
  const args = process.argv.slice(2);
  const demo = args.includes("--demo");
  const email = z.email().safeParse(demo ? DEMO_ADMIN : args[0]);
  if (!email.success) {
    console.error("usage: npm run admin:create -- <email>");
    process.exit(2);
  }
  const { createAdmin, hasAnyAdmin } = await import("../lib/auth/create-admin");
  const { disconnectDb } = await import("../lib/db/client");
  try {
    if (demo && (await hasAnyAdmin())) return;
    const { link } = await createAdmin(email.data);
    console.log(
      `\n  ${demo ? "Demo admin" : "Admin"} ${email.data}: sign in once with this link (valid 1 hour):\n  ${link}\n`,
    );
  } finally {
    await disconnectDb();
  }
}

main().catch((error: unknown) => {
  console.error(`admin:create failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
