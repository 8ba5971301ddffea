/**
 * What `npm start` keeps between runs in local mode, under one folder
 * (LOCAL_STATE_DIR, default data/local): the Stripe emulator's state, the
 * caught mail, and generated secrets (so sessions and the webhook endpoint
 * survive a restart). `npm run reset` removes the folder with the database.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";

export interface LocalSecrets {
  betterAuthSecret: string;
  /** The app's endpoint in the local emulator; Stripe shows its signing secret only once, at creation. */
  webhookEndpoint?: { id: string; url: string; secret: string };
}

export interface LocalStatePaths {
  dir: string;
  emulatorState: string;
  mailDirectory: string;
  secrets: string;
}

export function localStatePaths(root: string, dir = process.env.LOCAL_STATE_DIR || "data/local"): LocalStatePaths {
  const absolute = path.resolve(root, dir);
  return {
    dir: absolute,
    emulatorState: path.join(absolute, "stripe-emulator.json"),
    mailDirectory: path.join(absolute, "mail"),
    secrets: path.join(absolute, "secrets.json"),
  };
}

const newSecret = () => randomBytes(32).toString("hex");

/** Reads the saved secrets, generating (and saving) any that are missing. */
export function loadSecrets(paths: LocalStatePaths): LocalSecrets {
  const saved = existsSync(paths.secrets)
    ? (JSON.parse(readFileSync(paths.secrets, "utf8")) as Partial<LocalSecrets>)
    : {};
  const secrets: LocalSecrets = {
    ...saved,
    betterAuthSecret: saved.betterAuthSecret ?? newSecret(),
  };
  saveSecrets(paths, secrets);
  return secrets;
}

/** Written owner-only, through a temporary file so a crash never leaves half a file. */
export function saveSecrets(paths: LocalStatePaths, secrets: LocalSecrets): void {
  mkdirSync(paths.dir, { recursive: true });
  const tmp = `${paths.secrets}.tmp`;
  writeFileSync(tmp, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  renameSync(tmp, paths.secrets);
}
