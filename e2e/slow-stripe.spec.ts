import { expect } from "@playwright/test";
import { en } from "../lib/i18n/messages/en";
import { test } from "./csp-watch";
import { emulator, uniqueEmail } from "./support";

const EMULATOR_URL = `http://127.0.0.1:${process.env.E2E_EMULATOR_PORT ?? 12199}`;

test("Stripe hanging: the form says it is still working, then gives a clear message; nothing is created", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const email = uniqueEmail("e2e-slow");
  await page.goto("/save");
  await page.getByLabel(/email/i).fill(email);
  await page.getByRole("checkbox").check();
  // Every attempt (the first and both retries) to create the Stripe customer hangs past the 10 s timeout.
  const fault = await fetch(`${EMULATOR_URL}/_emulator/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ method: "POST", path: "/v1/customers", kind: "timeout", times: 3 }),
  });
  expect(fault.ok).toBe(true);
  await page.getByRole("button", { name: /continue/i }).click();
  await expect(page.getByTestId("still-working")).toHaveText(en.stillWorking, { timeout: 10_000 });
  await expect(page.getByText(en.errorUnavailable)).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId("still-working")).toHaveCount(0);
  expect((await emulator.customers.list({ email })).data).toHaveLength(0);
});
