import { test as base, expect, type Browser, type BrowserContext } from "@playwright/test";

/**
 * Every spec that imports `test` from here fails on any Content Security
 * Policy violation, in any page or frame of any context it opens: the browser
 * reports each one (securitypolicyviolation event, and Chromium's own
 * "Refused to …" console message).
 */
export async function watch(context: BrowserContext, violations: string[]): Promise<BrowserContext> {
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || "inline"}`);
    });
  });
  context.on("console", (message) => {
    if (/CSP violation|Content Security Policy/i.test(message.text())) {
      violations.push(`${message.location().url}: ${message.text()}`);
    }
  });
  return context;
}

export const test = base.extend<{ cspViolations: string[] }>({
  cspViolations: [
    async ({ browser }, provide) => {
      const violations: string[] = [];
      const newContext = browser.newContext.bind(browser);
      (browser as { newContext: Browser["newContext"] }).newContext = async (options) =>
        watch(await newContext(options), violations);
      await provide(violations);
      (browser as { newContext: Browser["newContext"] }).newContext = newContext;
      expect(violations, "Content Security Policy violations").toEqual([]);
    },
    { auto: true },
  ],
  context: async ({ context, cspViolations }, provide) => {
    await provide(await watch(context, cspViolations));
  },
});
