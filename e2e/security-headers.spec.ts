import { expect, test } from "@playwright/test";

const ROUTES = ["/", "/pricing", "/save", "/account", "/subscribe/stock_photos_monthly_usd", "/api/health"];

test("every route answers with the security headers, the webhook endpoint included", async ({ request }) => {
  const responses = await Promise.all(ROUTES.map((route) => request.get(route)));
  responses.push(await request.post("/api/webhooks/stripe", { data: "{}" }));
  for (const response of responses) {
    const headers = response.headers();
    expect(headers["content-security-policy"], response.url()).toContain("frame-ancestors 'none'");
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(headers["permissions-policy"]).toContain("camera=()");
  }
  expect(responses.at(-1)!.status()).toBe(400);
});
