import { defineConfig } from "vitest/config";

/**
 * The HTTP contract suite (style §12): Node drives the worker over HTTP on both runtimes that
 * `test/contract/global-setup.ts` starts. Run after the workerd tests by `pnpm test`.
 */
export default defineConfig({
  test: {
    include: ["test/contract/**/*.test.ts"],
    globalSetup: ["./test/contract/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
