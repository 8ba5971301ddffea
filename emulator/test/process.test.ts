import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Stripe from "stripe";
import { startEmulator } from "../server.js";

const dir = mkdtempSync(join(tmpdir(), "stripe-emulator-"));
after(() => rmSync(dir, { recursive: true, force: true }));

describe("state file", () => {
  test("state written on change is loaded by the next start", async () => {
    const stateFile = join(dir, "state.json");
    const first = await startEmulator({ port: 0, stateFile });
    const stripe1 = new Stripe("sk_test_x", { host: "127.0.0.1", port: first.port, protocol: "http" });
    const customer = await stripe1.customers.create({ email: "persisted@example.com" });
    const we = await stripe1.webhookEndpoints.create({ url: "http://127.0.0.1:9/x", enabled_events: ["*"] });
    await first.close();
    assert.match(readFileSync(stateFile, "utf8"), new RegExp(customer.id));

    const second = await startEmulator({ port: 0, stateFile });
    try {
      const stripe2 = new Stripe("sk_test_x", { host: "127.0.0.1", port: second.port, protocol: "http" });
      assert.equal(((await stripe2.customers.retrieve(customer.id)) as Stripe.Customer).email, "persisted@example.com");
      assert.equal((await stripe2.webhookEndpoints.retrieve(we.id)).url, "http://127.0.0.1:9/x");
    } finally {
      await second.close();
    }
  });
});

describe("npm run emulator entry point", () => {
  test("prints its URL, serves requests and exits cleanly on SIGTERM", async () => {
    const main = fileURLToPath(new URL("../main.ts", import.meta.url));
    const child = spawn(process.execPath, ["--import", "tsx", main], {
      env: { ...process.env, STRIPE_EMULATOR_PORT: "0", STRIPE_EMULATOR_PUBLIC_URL: "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let out = "";
        child.stdout.on("data", (d: Buffer) => {
          out += d.toString();
          if (out.includes("\n")) resolve(out.trim());
        });
        child.once("exit", (code) => reject(new Error(`exited early with ${code}`)));
        setTimeout(() => reject(new Error("no output")), 15_000);
      });
      const match = /^Stripe emulator listening on http:\/\/localhost:(\d+)$/.exec(line);
      assert.ok(match, line);
      const health = await fetch(`http://127.0.0.1:${match[1]}/_emulator/health`);
      assert.deepEqual(await health.json(), { ok: true });
      const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
      child.kill("SIGTERM");
      assert.equal(await exited, 0);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });
});
