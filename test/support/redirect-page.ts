/**
 * A minimal browser for the emulator's wallet test page: loads it and submits
 * the form whose button carries the given label, exactly as a click would
 * (hidden inputs plus the button's own name/value), without following the
 * final redirect back to the app.
 */
export async function clickWalletButton(pageUrl: string, label: string): Promise<URL> {
  const page = await fetch(pageUrl);
  if (!page.ok) throw new Error(`wallet page ${pageUrl} answered ${page.status}`);
  const html = await page.text();
  for (const [, attrs = "", body = ""] of html.matchAll(/<form([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const button = [...body.matchAll(/<button([^>]*)>([\s\S]*?)<\/button>/gi)].find(
      ([, , text]) => text?.trim() === label,
    );
    if (!button) continue;
    const fields = new URLSearchParams();
    for (const [, inputAttrs = ""] of body.matchAll(/<input([^>]*)>/gi)) {
      const name = attr(inputAttrs, "name");
      if (name) fields.append(name, decodeEntities(attr(inputAttrs, "value") ?? ""));
    }
    const buttonName = attr(button[1] ?? "", "name");
    if (buttonName) fields.append(buttonName, decodeEntities(attr(button[1] ?? "", "value") ?? ""));
    const action = new URL(decodeEntities(attr(attrs, "action") ?? pageUrl), pageUrl);
    const response = await fetch(action, {
      method: "POST",
      body: fields,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      redirect: "manual",
    });
    const location = response.headers.get("location");
    if (!location) throw new Error(`"${label}" did not redirect (status ${response.status})`);
    return new URL(location, action);
  }
  throw new Error(`no button labelled "${label}" on ${pageUrl}`);
}

function attr(attrs: string, name: string): string | undefined {
  return new RegExp(`\\b${name}\\s*=\\s*"([^"]*)"`, "i").exec(attrs)?.[1];
}

function decodeEntities(value: string): string {
  return value
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">");
}
