import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { resolve } from "node:path";
import basicSsl from "@vitejs/plugin-basic-ssl";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";
import { manifestPlugin } from "./build/manifest.js";

// HTTPS only when asked (sideloading into Excel). With Office's development certificates
// (`pnpm certs`: office-addin-dev-certs installs a local CA that Office and the browsers trust) the
// server uses them; otherwise a self-signed one is generated into .certs/ (git-ignored). Nothing is
// committed. The harness and the tests use plain HTTP on 127.0.0.1.
const https = process.env.PULSEBRIDGE_HTTPS === "1";
const devCerts = resolve(homedir(), ".office-addin-dev-certs");
const officeCerts =
  https && existsSync(resolve(devCerts, "localhost.crt"))
    ? {
        cert: readFileSync(resolve(devCerts, "localhost.crt")),
        key: readFileSync(resolve(devCerts, "localhost.key")),
        ca: readFileSync(resolve(devCerts, "ca.crt")),
      }
    : null;

export default defineConfig({
  plugins: [
    react(),
    manifestPlugin(import.meta.dirname),
    ...(https && !officeCerts
      ? [basicSsl({ name: "pulsebridge-dev", certDir: resolve(import.meta.dirname, ".certs") })]
      : []),
  ],
  server: { host: "127.0.0.1", port: 3000, ...(officeCerts ? { https: officeCerts } : {}) },
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
    include: ["src/**/*.test.ts", "src/**/*.test.tsx", "test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Browser tests poll the page for what a step changes; 1 s (vitest's default) is too short on
    // a loaded machine, where a step of a second or two is normal. Polls end as soon as they pass.
    expect: { poll: { timeout: 15_000 } },
  },
});
