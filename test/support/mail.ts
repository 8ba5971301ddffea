import { createServer } from "node:net";
import { startMailCatcher, type MailCatcher } from "../../scripts/lib/mail-catcher";

/** A port nothing listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A real SMTP catcher (maildev) on free ports, in memory. */
export async function startTestMailCatcher(ports?: { smtpPort: number; webPort: number }): Promise<MailCatcher> {
  return startMailCatcher(ports ?? { smtpPort: await freePort(), webPort: await freePort() });
}

export interface CaughtEmail {
  subject: string;
  to: { address: string }[];
  text: string;
  html: string;
  headers: Record<string, string>;
}

/** What the catcher received (parsing is asynchronous: callers poll). */
export async function caughtEmails(catcher: MailCatcher): Promise<CaughtEmail[]> {
  return (await (await fetch(`${catcher.inboxUrl}/email`)).json()) as CaughtEmail[];
}
