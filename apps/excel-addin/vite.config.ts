import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { resolve } from "node:path";
import basicSsl from "@vitejs/plugin-basic-ssl";
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

// The pane is written in React but ships on preact/compat (ADR 0028: the bundle budget). Every
// import of React resolves to Preact in the build, the dev server AND the unit tests, so the tests
// run on the runtime that ships. JSX compiles with the automatic runtime (tsconfig "react-jsx"),
// whose "react/jsx-runtime" import is aliased here too.
const preact = [
  { find: /^react$/, replacement: "preact/compat" },
  { find: /^react-dom$/, replacement: "preact/compat" },
  { find: /^react-dom\/client$/, replacement: "preact/compat/client" },
  { find: /^react-dom\/test-utils$/, replacement: "preact/test-utils" },
  { find: /^react\/jsx-runtime$/, replacement: "preact/jsx-runtime" },
  { find: /^react\/jsx-dev-runtime$/, replacement: "preact/jsx-runtime" },
  // Fluent's context selector runs its listeners through React's scheduler; compat's shim (a
  // direct call) is what Preact gives, and the real scheduler (~1.3 KB) stays out of the bundle.
  { find: /^scheduler$/, replacement: "preact/compat/scheduler" },
];

export default defineConfig({
  resolve: { alias: preact },
  plugins: [
    manifestPlugin(import.meta.dirname),
    ...(https && !officeCerts
      ? [basicSsl({ name: "pulsebridge-dev", certDir: resolve(import.meta.dirname, ".certs") })]
      : []),
  ],
  server: { host: "127.0.0.1", port: 3000, ...(officeCerts ? { https: officeCerts } : {}) },
  preview: { host: "127.0.0.1" },
  build: {
    target: "es2022",
    // terser packs the pane ~5 KB gzip tighter than Vite's default minifier (BENCHMARKS.md, issue 13's
    // bundle budget); it is slower, and only the production build pays for it.
    minify: "terser",
    terserOptions: { compress: { passes: 2 } },
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
    // vitest leaves node_modules to Node, which would load the real React under Fluent, the
    // virtualiser and Testing Library: run them through Vite (inline) so the aliases reach their
    // imports too, and take Testing Library's ES build (its CommonJS build `require`s React).
    alias: [
      {
        find: /^@testing-library\/react$/,
        replacement: "@testing-library/react/dist/@testing-library/react.esm.js",
      },
    ],
    server: {
      deps: {
        inline: [
          /@testing-library\/react/,
          /@fluentui\//,
          /@griffel\//,
          /@tanstack\/react-virtual/,
          /zustand/,
        ],
      },
    },
    include: ["src/**/*.test.ts", "src/**/*.test.tsx", "test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Browser tests poll the page for what a step changes; 1 s (vitest's default) is too short on
    // a loaded machine, where a step of a second or two is normal. Polls end as soon as they pass.
    expect: { poll: { timeout: 15_000 } },
  },
});
