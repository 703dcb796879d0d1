import { problemSchema } from "@pulsebridge/core";

const problem = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: problemSchema } },
});

/** Spread into every createRoute so the OpenAPI document declares the problem+json errors. */
export const problemResponses = {
  400: problem("Invalid input (wrong types, unknown fields, malformed JSON)"),
  401: problem("Missing or invalid API key"),
  403: problem("The key's role may not call this operation"),
  404: problem("Not found (also for another office's resources)"),
  413: problem("Request body too large"),
  415: problem("The request body is not application/json"),
  409: problem("Conflict: Idempotency-Key reused with another body, sync busy, or not connected"),
  503: problem("AdminPulse is unavailable; the cache is unchanged"),
  500: problem("Internal error"),
} as const;
