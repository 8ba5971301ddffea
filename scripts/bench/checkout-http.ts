/**
 * One subscribe flow at the HTTP level, against the production build: what a
 * browser without JavaScript sends, through Next's request handling. The plan
 * page is loaded, its consent form posted as the browser posts it (every field
 * React rendered, the server action's own included, as multipart/form-data),
 * the wallet page clicked, and the return pages loaded with the session cookie
 * the form's answer set. Each request's wall time is one step.
 */
import type { Wallet } from "../../lib/mandate/wallets";
import { clickWalletButton } from "../../test/support/redirect-page";
import { PLAN_OF, STEPS, type Recorder } from "./checkout-steps";

/** The cookies a browser would keep for the app (name → value). */
class CookieJar {
  private cookies = new Map<string, string>();

  keep(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const at = pair.indexOf("=");
      if (at > 0) this.cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
  }

  has(pattern: RegExp): boolean {
    return [...this.cookies.keys()].some((name) => pattern.test(name));
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

const decode = (value: string) =>
  value
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">");
const attr = (attrs: string, name: string) => {
  const value = new RegExp(`\\b${name}="([^"]*)"`, "i").exec(attrs)?.[1];
  return value === undefined ? undefined : decode(value);
};

/** The consent form's fields as the browser would send them, with the customer's choices filled in. */
function consentForm(html: string, wallet: Wallet, email: string): FormData {
  const form = /<form([^>]*)>([\s\S]*?)<\/form>/g;
  for (const [, , body = ""] of html.matchAll(form)) {
    if (!body.includes('name="submissionId"')) continue;
    const data = new FormData();
    for (const [, attrs = ""] of body.matchAll(/<input([^>]*)>/gi)) {
      const name = attr(attrs, "name");
      const type = attr(attrs, "type") ?? "text";
      if (!name || type === "radio" || type === "checkbox" || name === "email") continue;
      data.append(name, attr(attrs, "value") ?? "");
    }
    data.append("email", email);
    data.append("wallet", wallet);
    data.append("consent", "on");
    data.append("via", "wallet");
    return data;
  }
  throw new Error("no consent form on the plan page");
}

/** The address the page sends the browser on to (a `<meta refresh>` without JavaScript, or the link beside it). */
function walletLink(html: string, walletOrigin: string): string {
  const escaped = walletOrigin.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const match = new RegExp(`(?:url=|href=")(${escaped}[^"]*)"`).exec(html);
  if (!match) throw new Error("the page did not send the browser on to the wallet");
  return decode(match[1]!);
}

function resultStatus(html: string): string | undefined {
  return /data-testid="subscription-result"[^>]*data-status="([^"]*)"/.exec(html)?.[1];
}

export async function httpFlow(
  appUrl: string,
  walletOrigin: string,
  wallet: Wallet,
  email: string,
  record: Recorder,
): Promise<void> {
  const jar = new CookieJar();
  const timed = async (step: string, url: string, init: RequestInit = {}): Promise<string> => {
    const started = performance.now();
    const response = await fetch(url, {
      ...init,
      redirect: "manual",
      headers: { ...(init.headers as Record<string, string>), cookie: jar.header(), "accept-language": "en" },
    });
    const html = await response.text();
    record(step, { wall: performance.now() - started, stripe: NaN, ours: NaN, calls: NaN });
    jar.keep(response);
    if (response.status !== 200) throw new Error(`${init.method ?? "GET"} ${url} answered ${response.status}`);
    return html;
  };

  const planUrl = `${appUrl}/subscribe/${PLAN_OF[wallet]}?wallet=${wallet}`;
  const page = await timed(STEPS.planPage, planUrl);
  const answer = await timed(STEPS.consent, planUrl, {
    method: "POST",
    body: consentForm(page, wallet, email),
    headers: { origin: appUrl },
  });
  // A new email: the action created the account and signed this browser in; the return pages read that session.
  if (!jar.has(/session_token/)) throw new Error("the consent form's answer set no session cookie");
  const back = await clickWalletButton(walletLink(answer, walletOrigin), "Authorize test setup");

  const result = await timed(STEPS.setupReturn, back.href);
  const status = resultStatus(result);
  if (wallet === "amazon_pay") {
    if (status !== "active") throw new Error(`Amazon Pay: the return page says ${status ?? "nothing"}`);
    return;
  }
  const paid = await clickWalletButton(walletLink(result, walletOrigin), "Authorize test payment");
  const final = await timed(STEPS.paymentReturn, paid.href);
  if (resultStatus(final) !== "active")
    throw new Error(`Kakao Pay: the payment return page says ${resultStatus(final)}`);
}
