import { clickWalletButton } from "./redirect-page";

/**
 * What a browser does on Stripe Checkout's hosted page (setup mode): keep the
 * first payment method offered, press "Save payment method", then press
 * `walletLabel` on the wallet's page. Returns where Checkout sends the browser
 * next: success_url once complete, or the hosted page again after a failure.
 */
export async function saveOnCheckoutPage(sessionUrl: string, walletLabel: string): Promise<URL> {
  const page = await fetch(sessionUrl);
  if (!page.ok) throw new Error(`checkout page ${sessionUrl} answered ${page.status}`);
  const html = await page.text();
  if (!html.includes(">Save payment method</button>")) throw new Error(`no "Save payment method" on ${sessionUrl}`);
  const action = /<form method="post" action="([^"]+)">/.exec(html)?.[1];
  const choice = /<input type="radio" name="payment_method_type" value="([^"]+)" checked>/.exec(html)?.[1];
  if (!action || !choice) throw new Error(`no payment method form on ${sessionUrl}`);
  const submitted = await fetch(new URL(action, sessionUrl), {
    method: "POST",
    body: new URLSearchParams({ payment_method_type: choice }),
    headers: { "content-type": "application/x-www-form-urlencoded", "user-agent": "Mozilla/5.0 (checkout test)" },
    redirect: "manual",
  });
  const walletPage = submitted.headers.get("location");
  if (!walletPage) throw new Error(`"Save payment method" did not redirect (status ${submitted.status})`);
  const back = await clickWalletButton(new URL(walletPage, sessionUrl).toString(), walletLabel);
  const returned = await fetch(back, { redirect: "manual" });
  const next = returned.headers.get("location");
  return next ? new URL(next, back) : back;
}
