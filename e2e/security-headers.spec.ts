import { expect, test } from "@playwright/test";
import { watch } from "./csp-watch";

const PAGES = ["/", "/pricing", "/save", "/account", "/subscribe/stock_photos_monthly_usd"];
const EMULATOR_ORIGIN = `http://localhost:${process.env.E2E_EMULATOR_PORT ?? 12199}`;

function nonceOf(policy: string): string {
  return /'nonce-([^']+)'/.exec(policy)?.[1] ?? "";
}

test("every route answers with the security headers, the webhook endpoint included", async ({ request }) => {
  const responses = await Promise.all([...PAGES, "/api/health"].map((route) => request.get(route)));
  responses.push(await request.post("/api/webhooks/stripe", { data: "{}" }));
  for (const response of responses) {
    const headers = response.headers();
    expect(headers["content-security-policy"], response.url()).toContain("frame-ancestors 'none'");
    // Pages and their routes get the nonce policy; the webhook endpoint loads nothing, so nothing is allowed.
    const webhook = response.url().endsWith("/api/webhooks/stripe");
    expect(headers["content-security-policy"], response.url()).toContain(
      webhook ? "default-src 'none'" : "'strict-dynamic'",
    );
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(headers["permissions-policy"]).toContain("camera=()");
    // The app is served over http here: no HSTS (it would lock browsers out of a local origin).
    expect(headers["strict-transport-security"]).toBeUndefined();
  }
  expect(responses.at(-1)!.status()).toBe(400);
});

test("each page gets its own nonce, on its scripts, and the emulator's origin for Stripe.js", async ({ request }) => {
  const nonces = new Set<string>();
  for (const route of [...PAGES, "/save"]) {
    const response = await request.get(route);
    const policy = response.headers()["content-security-policy"]!;
    const nonce = nonceOf(policy);
    expect(nonce.length, route).toBeGreaterThanOrEqual(16);
    nonces.add(nonce);
    expect(policy).toContain(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic' ${EMULATOR_ORIGIN}`);
    expect(policy).toContain(`frame-src ${EMULATOR_ORIGIN}`);
    expect(policy).toContain(`connect-src 'self' ${EMULATOR_ORIGIN}`);
    const html = await response.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length, route).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag, route).toContain(`nonce="${nonce}"`);
  }
  expect(nonces.size, "a fresh nonce per response").toBe(PAGES.length + 1);
});

test("the policy is enforced: an injected script without the nonce is refused and reported", async ({ browser }) => {
  const violations: string[] = [];
  const context = await watch(await browser.newContext(), violations);
  const page = await context.newPage();
  // As if markup had been injected into the page: the app's own response, with our headers, plus a script tag.
  await page.route("**/save", async (route) => {
    const response = await route.fetch();
    const body = (await response.text()).replace(
      "</body>",
      "<script>document.documentElement.dataset.injected = 'ran'</script></body>",
    );
    await route.fulfill({ response, body });
  });
  await page.goto("/save");
  await expect.poll(() => violations.length).toBeGreaterThan(0);
  expect(violations.join("\n")).toContain("script-src");
  expect(await page.evaluate(() => document.documentElement.dataset.injected)).toBeUndefined();
  await context.close();
});
