/**
 * The task pane as staff get it: a production build served by `vite preview` on 127.0.0.1 (a random
 * port), and Debian's Chromium as the tests launch it. Shared by the pane benchmarks.
 */
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { build, preview } from "vite";

const appDir = resolve(import.meta.dirname, "..");
export const outDir = resolve(appDir, "dist");

/** Builds into `dir` (the benches' dist/ unless a test passes its own) and serves it. */
export async function previewBuild(dir = outDir) {
  // A production build needs its URLs (no localhost in it); the benches never call them.
  process.env.PULSEBRIDGE_ADDIN_URL ??= "https://addin.example.invalid";
  process.env.PULSEBRIDGE_API_URL ??= "https://api.example.invalid";
  const configFile = resolve(appDir, "vite.config.ts");
  // The manifest lets bench/bundle.ts count every chunk the pane can load, lazy ones too.
  await build({
    root: appDir,
    configFile,
    logLevel: "error",
    build: { outDir: dir, manifest: true },
  });
  const server = await preview({
    root: appDir,
    configFile,
    logLevel: "error",
    build: { outDir: dir },
    preview: { host: "127.0.0.1", port: 0 },
  });
  const port = (server.httpServer.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((done) => server.httpServer.close(() => done())),
  };
}
