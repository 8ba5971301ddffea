import { env, EnvError } from "./env";

// A bad configuration stops the server at start-up with one clear line, not at the first request.
try {
  env();
} catch (error) {
  if (!(error instanceof EnvError)) throw error;
  console.error(error.message);
  process.exit(1);
}
