import { resolve } from "node:path";
import basicSsl from "@vitejs/plugin-basic-ssl";
import { defineConfig } from "vitest/config";

// HTTPS only when asked (sideloading into Excel): the certificate is generated at start into
// .certs/ (git-ignored), never committed. The harness and the tests use plain HTTP on 127.0.0.1.
const https = process.env.PULSEBRIDGE_HTTPS === "1";

export default defineConfig({
  plugins: https
    ? [basicSsl({ name: "pulsebridge-dev", certDir: resolve(import.meta.dirname, ".certs") })]
    : [],
  server: { host: "127.0.0.1", port: 3000 },
  preview: { host: "127.0.0.1" },
  build: {
    target: "es2022",
    rollupOptions: {
      input: {
        taskpane: resolve(import.meta.dirname, "taskpane.html"),
        harness: resolve(import.meta.dirname, "harness.html"),
        commands: resolve(import.meta.dirname, "commands.html"),
        functions: resolve(import.meta.dirname, "functions.html"),
        // The manifest's custom-functions script needs a stable URL.
        "functions-script": resolve(import.meta.dirname, "src/functions/functions.ts"),
      },
      output: {
        entryFileNames: (chunk) =>
          chunk.name === "functions-script" ? "functions.js" : "assets/[name]-[hash].js",
      },
    },
  },
  test: {
    environment: "node",
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
