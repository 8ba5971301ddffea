/**
 * The local SMTP catcher with a web inbox (maildev), run as a child process:
 * `npm start` sends the app's mail to it in local mode, and tests read what
 * arrived through its HTTP API (GET /email, DELETE /email/all).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

export interface MailCatcher {
  smtpUrl: string;
  inboxUrl: string;
  smtpPort: number;
  webPort: number;
  stop(): Promise<void>;
}

const require = createRequire(import.meta.url);

export async function startMailCatcher(options: {
  smtpPort: number;
  webPort: number;
  /** Keep received mail here across restarts (omit: in memory only). */
  mailDirectory?: string;
  host?: string;
}): Promise<MailCatcher> {
  const host = options.host ?? "127.0.0.1";
  const bin = path.join(path.dirname(require.resolve("maildev/package.json")), "bin", "maildev");
  const args = [bin, "--smtp", String(options.smtpPort), "--web", String(options.webPort), "--ip", host, "--silent"];
  if (options.mailDirectory) {
    mkdirSync(options.mailDirectory, { recursive: true });
    args.push("--mail-directory", options.mailDirectory);
  }
  const child = spawn(process.execPath, args, { stdio: ["ignore", "ignore", "pipe"] });
  // Never outlive the process that started it (a crash, a process.exit on a startup error).
  const killOnExit = () => child.kill("SIGTERM");
  process.once("exit", killOnExit);
  child.once("exit", () => process.removeListener("exit", killOnExit));
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const inboxUrl = `http://${host}:${options.webPort}`;
  await waitUntilUp(child, `${inboxUrl}/healthz`, () => stderr);
  return {
    smtpUrl: `smtp://${host}:${options.smtpPort}`,
    inboxUrl,
    smtpPort: options.smtpPort,
    webPort: options.webPort,
    stop: () => stopChild(child),
  };
}

async function waitUntilUp(child: ChildProcess, healthUrl: string, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`mail catcher exited (${child.exitCode}): ${stderr().trim()}`);
    try {
      if ((await fetch(healthUrl)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stopChild(child);
  throw new Error(`mail catcher did not answer on ${healthUrl}: ${stderr().trim()}`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}
