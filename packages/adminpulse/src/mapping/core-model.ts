/**
 * The one place this package imports the canonical model. It should read
 * `export { clientSchema, type Client, type LinkRole } from "@pulsebridge/core";` — but core's
 * index re-exports modules that did not exist yet while this was written, so it points at the
 * model file directly. Switch it once `@pulsebridge/core` resolves.
 */
export {
  type Client,
  type ClientLink,
  clientSchema,
  type LinkRole,
} from "../../../core/src/model/client.js";
