import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../app-env.js";
import { ApiError, zodIssues } from "./errors.js";

/** Every router shares one defaultHook, so zod failures render like every other problem. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const target = result.target === "json" ? "body" : result.target;
        throw new ApiError(
          "validation_failed",
          `The ${target} does not match the schema.`,
          zodIssues(
            result.error,
            result.target === "json" || result.target === "param" ? "" : target,
          ),
        );
      }
    },
  });
}
