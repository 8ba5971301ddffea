import assert from "node:assert/strict";
import { test } from "node:test";
import { refuseConsentBurst } from "./consent-burst";
import { takeConsentAttempt } from "./limiters";

// Read when each limiter is first used (below), so this process's limits are small.
process.env.RATE_LIMIT_CONSENT_PER_IP = "100";
process.env.RATE_LIMIT_CONSENT_PER_EMAIL = "2";

/** What proxy.ts hands over: a form post as a browser or React sends it. */
function post(path: string, body: FormData | string, headers: Record<string, string> = {}) {
  const request = new Request(`http://localhost${path}`, { method: "POST", body, headers });
  return {
    method: "POST",
    nextUrl: { pathname: path },
    headers: request.headers,
    cookies: { get: (name: string) => (name === "locale" && headers.cookie ? { value: headers.cookie } : undefined) },
    clone: () => request.clone(),
  };
}

function consentForm(email: string, prefix = "") {
  const form = new FormData();
  form.set(`${prefix}termsVersion`, "save-wallet-v3");
  form.set(`${prefix}email`, email);
  form.set(`${prefix}wallet`, "amazon_pay");
  return form;
}

test("a consent form for a used-up email is answered 429 in the reader's language; other posts go on", async () => {
  const email = "burst@example.com";
  assert.equal(await refuseConsentBurst(post("/save", consentForm(email))), null, "nothing counted yet");
  await takeConsentAttempt(email, "198.51.100.1");
  await takeConsentAttempt(email, "198.51.100.2");

  const refused = await refuseConsentBurst(
    post("/save", consentForm("Burst@example.com", "1_"), { "accept-language": "ko-KR" }),
  );
  assert.equal(refused?.status, 429, "React's field names, any letter case");
  assert.match(await refused!.text(), /<html lang="ko">/);
  const plain = await refuseConsentBurst(post("/subscribe/stock_photos_monthly_usd", consentForm(email)));
  assert.equal(plain?.status, 429, "a plan's page, as a browser without script posts it");
  const card = await refuseConsentBurst(
    post("/subscribe/stock_photos_monthly_usd", JSON.stringify([{ email, termsVersion: "v1" }]), {
      "content-type": "text/plain;charset=UTF-8",
      cookie: "de",
    }),
  );
  assert.equal(card?.status, 429, "the card form's argument");
  assert.match(await card!.text(), /Zu viele Anfragen/, "the chosen language wins over the header");

  const languageSwitch = new FormData();
  languageSwitch.set("locale", "ja");
  assert.equal(await refuseConsentBurst(post("/save", languageSwitch)), null, "not a consent");
  assert.equal(await refuseConsentBurst(post("/subscribe/return", consentForm(email))), null, "not a consent page");
  assert.equal(await refuseConsentBurst(post("/save", consentForm("other@example.com"))), null, "another email");
  assert.equal(await refuseConsentBurst(post("/save", "not json", { "content-type": "text/plain" })), null);
});
