import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    // Tests read raw JSON off the wire on purpose.
    files: ["emulator/test/**", "test/**"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  globalIgnores([
    ".next/**",
    "lib/db/generated/**",
    "playwright-report/**",
    "test-results/**",
    "next-env.d.ts",
    "data/**",
    ".tmp/**",
  ]),
]);
