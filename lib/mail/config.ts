import { z } from "zod";

/**
 * Mail settings, read from the environment on each call (cheap; tests change them).
 * Without SMTP_URL nothing is sent: messages stay queued in the outbox until a
 * server that has one configured sends them.
 */
const schema = z.object({
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must be an SMTP URL such as smtp://user:pass@host:587")
    .optional(),
  MAIL_FROM: z.string().min(3).default("Lumen Stock Photos <no-reply@lumen.example>"),
  /** First retry delay; doubles per attempt up to MAIL_RETRY_MAX_MS. */
  MAIL_RETRY_BASE_MS: z.coerce.number().int().min(100).default(30_000),
  MAIL_RETRY_MAX_MS: z.coerce.number().int().min(100).default(3_600_000),
  /** How often the server sweeps the outbox for due messages. */
  MAIL_SWEEP_MS: z.coerce.number().int().min(100).default(10_000),
});

export interface MailConfig {
  smtpUrl: string | null;
  from: string;
  retryBaseMs: number;
  retryMaxMs: number;
  sweepMs: number;
}

export function mailConfig(source: Record<string, string | undefined> = process.env): MailConfig {
  const parsed = schema.safeParse({ ...source, SMTP_URL: source.SMTP_URL || undefined });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`Invalid environment: ${issue.path.join(".")} ${issue.message}`);
  }
  const env = parsed.data;
  return {
    smtpUrl: env.SMTP_URL ?? null,
    from: env.MAIL_FROM,
    retryBaseMs: env.MAIL_RETRY_BASE_MS,
    retryMaxMs: env.MAIL_RETRY_MAX_MS,
    sweepMs: env.MAIL_SWEEP_MS,
  };
}

/** After the tenth failed attempt a message is marked failed and left for a person to look at. */
export const MAX_ATTEMPTS = 10;

/** How long a claimed row stays with its sender before another may take it over (a crashed sender). */
export const CLAIM_LEASE_MS = 120_000;

export function retryDelayMs(attempts: number, config: Pick<MailConfig, "retryBaseMs" | "retryMaxMs">): number {
  return Math.min(config.retryBaseMs * 2 ** Math.max(0, attempts - 1), config.retryMaxMs);
}
