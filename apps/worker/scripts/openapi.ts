// Prints the OpenAPI document the worker serves at /openapi.json, without starting it: the Redocly
// lint check and @pulsebridge/client's type generation read it. `tsx scripts/openapi.ts [out.json]`.
import { writeFileSync } from "node:fs";
import { createApp } from "../src/app.js";
import { openApiDocument } from "../src/openapi/document.js";

const app = createApp(() => {
  throw new Error("the document is built without services");
});
const json = `${JSON.stringify(openApiDocument(app), null, 2)}\n`;
const out = process.argv[2];
if (out) writeFileSync(out, json);
else process.stdout.write(json);
