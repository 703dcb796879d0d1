/**
 * The security headers of each kind of answer (ADR 0031), as options of Hono's `secureHeaders`.
 *
 * The API answers JSON and problem+json, which no browser renders as a page: it keeps what guards
 * such an answer — `nosniff` (never read as HTML or script), HSTS, `X-Frame-Options`, no referrer,
 * and CORP `cross-origin` (the add-in reads it from another origin) — and leaves out the headers
 * that only mean something for a document a browser displays: COOP, `Origin-Agent-Cluster`,
 * `X-DNS-Prefetch-Control`, `X-Download-Options` (IE 8's HTML downloads),
 * `X-Permitted-Cross-Domain-Policies` (Flash and PDF readers) and `X-XSS-Protection: 0`, as
 * OWASP's REST security cheat sheet lists them. Six headers fewer on every read: a third of its
 * header bytes, written by the server and parsed by every integrator (issue 17). The one HTML page,
 * `/docs`, gets them all, as Hono's defaults give them.
 */
export const apiSecurityHeaders = {
  crossOriginResourcePolicy: "cross-origin",
  crossOriginOpenerPolicy: false,
  originAgentCluster: false,
  xDnsPrefetchControl: false,
  xDownloadOptions: false,
  xPermittedCrossDomainPolicies: false,
  xXssProtection: false,
} as const;

/** The HTML page (`/docs`): Hono's whole default set, with the API's CORP. */
export const documentSecurityHeaders = { crossOriginResourcePolicy: "cross-origin" } as const;
