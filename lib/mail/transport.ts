import nodemailer, { type Transporter } from "nodemailer";

const globalForMail = globalThis as typeof globalThis & { __mailTransport?: { url: string; transport: Transporter } };

/**
 * One nodemailer transport per SMTP_URL. Short timeouts: a mail server that
 * hangs delays only the outbox sender, which retries later.
 */
export function smtpTransport(url: string): Transporter {
  const cached = globalForMail.__mailTransport;
  if (cached?.url === url) return cached.transport;
  cached?.transport.close();
  const transport = nodemailer.createTransport(url, {
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  } as Parameters<typeof nodemailer.createTransport>[1]);
  globalForMail.__mailTransport = { url, transport };
  return transport;
}
