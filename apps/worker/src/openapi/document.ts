import { zodToOpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import type { createRouter } from "../lib/router.js";

/**
 * The document's top level: what Redocly's recommended rules ask of every API (servers, license,
 * tag descriptions) and the one security scheme. Routes describe themselves next to their handler.
 */
export const openApiConfig = {
  openapi: "3.1.0",
  info: {
    title: "pulsebridge",
    version: "1.0.0",
    description: [
      "pulsebridge keeps a per-office cache of the office's AdminPulse relations and serves it to",
      "the Excel add-in and to other tools.",
      "",
      "- **Authentication**: every `/v1` call sends `Authorization: Bearer pb_<prefix>_<secret>`.",
      "  The key decides the office; ids of another office answer 404 like missing ones.",
      "- **Errors** are RFC 9457 `application/problem+json` with a stable `code`, a `detail` and,",
      "  for bad input, `errors[]` naming the offending field or import row.",
      "- **Paging**: list endpoints return `nextCursor`; pass it back as `cursor` until it is null.",
      "- **Change feed**: `GET /v1/changes` returns every change after a cursor, in order.",
    ].join("\n"),
    // The repository declares no licence yet: the API is proprietary until the owners choose one.
    license: { name: "Proprietary", url: "https://pulsebridge.dev/license" },
    contact: { name: "pulsebridge maintainers" },
  },
  servers: [
    {
      url: "/",
      description: "The worker that serves this document (Cloudflare or self-hosted on Bun).",
    },
  ],
  security: [{ apiKey: [] }],
  tags: [
    { name: "meta", description: "Liveness and the API's own description." },
    {
      name: "office",
      description: "Who the calling key is, and its office's AdminPulse connection.",
    },
    { name: "keys", description: "API keys of the office (admin only). Secrets are shown once." },
    { name: "connection", description: "The office's AdminPulse credential (admin only)." },
    { name: "audit", description: "The office's audit log." },
    { name: "clients", description: "The cached AdminPulse relations of the office." },
    { name: "changes", description: "The change feed: what was added, updated or deleted." },
    { name: "task-templates", description: "Task templates and how many clients use each." },
    { name: "sync", description: "Runs of the AdminPulse sync: start one, see past runs." },
    { name: "reconcile", description: "Compare spreadsheet rows with the cache, without storing." },
    { name: "register", description: "Compare clients with the KBO/BCE enterprise register." },
    { name: "imports", description: "Rows pushed from Excel or another tool, checked and stored." },
    {
      name: "webhooks",
      description:
        "Signed event notifications (Standard Webhooks) to endpoints an admin registers: " +
        "at-least-once, retried for 24 hours, with a delivery log (docs/webhooks.md).",
    },
  ],
} satisfies Parameters<ReturnType<typeof createRouter>["getOpenAPI31Document"]>[0];

/**
 * Schemas named with zod's own `.meta({ id })` (core stays free of OpenAPI libraries) become
 * `#/components/schemas/<id>`: the generator only reads the id when its own registry knows the
 * schema, so give each named schema an (empty) entry there.
 */
function publishNamedSchemas() {
  for (const schema of z.globalRegistry._idmap.values()) {
    if (!zodToOpenAPIRegistry.has(schema)) zodToOpenAPIRegistry.add(schema, { _internal: {} });
  }
}

export function registerOpenApiDocument(app: ReturnType<typeof createRouter>) {
  publishNamedSchemas();
  app.openAPIRegistry.registerComponent("securitySchemes", "apiKey", {
    type: "http",
    scheme: "bearer",
    description:
      "An office API key: `pb_<prefix>_<secret>`, created by an admin under `/v1/keys`. A revoked " +
      "key is refused within 5 seconds (each instance keeps keys it verified for at most " +
      "`KEY_CACHE_SECONDS`, 5 s by default).",
  });
  app.doc31("/openapi.json", openApiConfig);
}

/** The document without serving it: the lint check and the client's type generation read this. */
export function openApiDocument(app: ReturnType<typeof createRouter>) {
  return app.getOpenAPI31Document(openApiConfig);
}
