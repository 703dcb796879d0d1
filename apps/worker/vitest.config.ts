import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(import.meta.dirname, "migrations"));
  return {
    plugins: [
      cloudflareTest({
        main: "./src/index.ts",
        wrangler: { configPath: "./wrangler.jsonc" },
        miniflare: {
          bindings: {
            TEST_MIGRATIONS: migrations,
            // A fixed test-only key (32 zero-ish bytes); real keys come from `wrangler secret put`.
            CONNECTION_ENCRYPTION_KEY: "dGVzdC1vbmx5LWtleS10ZXN0LW9ubHkta2V5LTMyYnk=",
          },
        },
      }),
    ],
    test: {
      setupFiles: ["./test/apply-migrations.ts"],
      globalSetup: ["./test/global-setup.ts"],
      include: ["src/**/*.test.ts", "test/**/*.test.ts"],
      // Issue 7: the HTTP contract suite runs in Node against both runtimes (vitest.contract.config.ts).
      exclude: ["test/contract/**"],
    },
  };
});
