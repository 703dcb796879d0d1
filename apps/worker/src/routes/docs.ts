import { Scalar } from "@scalar/hono-api-reference";
import { secureHeaders } from "hono/secure-headers";
import type { AppEnv } from "../app-env.js";
import type { createRouter } from "../lib/router.js";
import { documentSecurityHeaders } from "../lib/security-headers.js";

/** Where the standalone script is served: a static asset on Cloudflare, a file on Bun (runtime/bun.ts). */
export const scalarScriptPath = "/docs/scalar.js";

/**
 * `/docs`: the Scalar API reference of `/openapi.json`, with "try it" through the `apiKey` scheme.
 * Everything comes from this server (no CDN, no web fonts, no proxy), so offices can use it offline.
 * The page's scripts carry a per-request nonce; requests go to this origin only.
 */
export function registerDocs(app: ReturnType<typeof createRouter>) {
  app.get(
    "/docs",
    // An HTML page: the document headers the API's answers leave out (ADR 0031).
    secureHeaders(documentSecurityHeaders),
    Scalar<AppEnv>((c) => {
      const nonce = crypto.randomUUID().replaceAll("-", "");
      c.header("Content-Security-Policy", csp(nonce));
      return {
        url: "/openapi.json",
        cdn: scalarScriptPath,
        nonce,
        pageTitle: "pulsebridge API reference",
        withDefaultFonts: false,
        telemetry: false,
        showDeveloperTools: "never",
        mcp: { disabled: true },
        agent: { disabled: true },
        authentication: { preferredSecurityScheme: "apiKey" },
      };
    }),
  );
}

/** Scripts by nonce, every request to this origin: nothing on the page can reach the internet. */
function csp(nonce: string) {
  return [
    "default-src 'none'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}
