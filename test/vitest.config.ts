import { defineConfig } from "vitest/config";

// Real processes (wrangler dev, vite, Chromium) on a 2-core machine: generous timeouts, and at most
// two files at once (each file owns one stack; more would only make them wait on each other).
export default defineConfig({
  test: {
    include: ["e2e/**/*.test.ts"],
    testTimeout: 240_000,
    hookTimeout: 180_000,
    pool: "forks",
    maxWorkers: 2,
  },
});
