import { defineConfig } from "drizzle-kit";

// `out` is wrangler's migrations_dir and what tests load with readD1Migrations: SQL is kept once.
export default defineConfig({
  dialect: "sqlite",
  schema: "./src/db/schema/index.ts",
  out: "./migrations",
});
