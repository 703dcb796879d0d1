/**
 * The manifest's URLs come from one build-time setting. `manifest.xml` is written for local
 * sideloading (https://localhost:3000, the worker on https://localhost:8787); `vite build` writes
 * `dist/manifest.xml` with every add-in URL under `PULSEBRIDGE_ADDIN_URL` and the worker's origin
 * from `PULSEBRIDGE_API_URL`. A production build refuses to run without them, or with localhost.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Plugin } from "vite";

export const devAddinUrl = "https://localhost:3000";
export const devApiUrl = "https://localhost:8787";

export interface ManifestUrls {
  addinUrl: string;
  apiUrl: string;
}

const origin = (name: string, value: string) => {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw new Error(`${name} must be an https URL, got "${value}"`);
  }
  if (u.protocol !== "https:")
    throw new Error(`${name} must be https (Office requires it): ${value}`);
  return value.replace(/\/+$/, "");
};

/** The manifest with its URLs moved to `urls`; the add-in may live under a path. */
export function manifestFor(xml: string, urls: ManifestUrls): string {
  const addin = origin("PULSEBRIDGE_ADDIN_URL", urls.addinUrl);
  const api = new URL(origin("PULSEBRIDGE_API_URL", urls.apiUrl)).origin;
  return xml.replaceAll(devAddinUrl, addin).replaceAll(devApiUrl, api);
}

const isLocal = (url: string) => /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:|\/|$)/.test(url);

/** Reads the setting; in production mode both URLs are required and may not be local. */
export function urlsFromEnv(
  env: Record<string, string | undefined>,
  production: boolean,
): ManifestUrls {
  const addinUrl = env.PULSEBRIDGE_ADDIN_URL ?? (production ? "" : devAddinUrl);
  const apiUrl = env.PULSEBRIDGE_API_URL ?? (production ? "" : devApiUrl);
  if (production) {
    if (!addinUrl || !apiUrl)
      throw new Error(
        "A production build needs PULSEBRIDGE_ADDIN_URL (where dist/ is served) and PULSEBRIDGE_API_URL (the worker); see apps/excel-addin/README.md",
      );
    if (isLocal(addinUrl) || isLocal(apiUrl))
      throw new Error("A production build may not point the manifest at localhost");
  }
  return { addinUrl, apiUrl };
}

/** Emits dist/manifest.xml during `vite build`. */
export function manifestPlugin(dir: string): Plugin {
  let production = true;
  return {
    name: "pulsebridge-manifest",
    apply: "build",
    configResolved(config) {
      production = config.mode === "production";
    },
    generateBundle() {
      const urls = urlsFromEnv(process.env, production);
      const xml = readFileSync(resolve(dir, "manifest.xml"), "utf8");
      this.emitFile({ type: "asset", fileName: "manifest.xml", source: manifestFor(xml, urls) });
    },
  };
}
