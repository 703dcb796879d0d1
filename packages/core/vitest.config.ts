import { defineConfig } from "vitest/config";

// The property tests (fast-check, hundreds of runs each) take 2–3 s on a loaded 2-core machine;
// vitest's 5 s default failed one once (candidates.test.ts). A hang still fails, at 30 s.
export default defineConfig({
  test: {
    testTimeout: 30_000,
  },
});
