import type { z } from "@hono/zod-openapi";

/**
 * A JSON body with its example, for `createRoute`. The example is typed by the schema, so it cannot
 * drift from it at compile time, and Redocly checks it against the published schema too.
 */
export function jsonResponse<S extends z.ZodType>(
  description: string,
  schema: S,
  example: z.output<S>,
) {
  return { description, content: { "application/json": { schema, example } } };
}

export function jsonBody<S extends z.ZodType>(schema: S, example: z.input<S>, required = true) {
  return { required, content: { "application/json": { schema, example } } };
}
