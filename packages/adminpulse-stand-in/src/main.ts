/**
 * `pnpm stand-in`: the stand-in AdminPulse API on 127.0.0.1:8790 for local development.
 *   --port <n>   (default 8790)   --size <n> relations (default 2000)   --seed <s> (default "pulsebridge")
 * Token: ADMINPULSE_STANDIN_TOKEN, else a generated one printed below (this is a local fake, not a secret).
 */
import { parseArgs } from "node:util";
import { createStandIn, defaultOAuthClient } from "./index.js";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "8790" },
    size: { type: "string", default: "2000" },
    seed: { type: "string", default: "pulsebridge" },
  },
});
const port = Number(values.port);
const size = Number(values.size);
if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error("--port must be 0–65535");
if (!Number.isInteger(size) || size < 1 || size > 1_000_000)
  throw new Error("--size must be 1–1000000");

const standIn = await createStandIn({
  port,
  size,
  seed: values.seed,
  token: process.env.ADMINPULSE_STANDIN_TOKEN || undefined,
});
console.log(`AdminPulse stand-in on ${standIn.url}  (${size} relations, seed "${values.seed}")`);
if (!process.env.ADMINPULSE_STANDIN_TOKEN) console.log(`token (generated): ${standIn.token}`);
else console.log("token: from ADMINPULSE_STANDIN_TOKEN");
console.log(
  `OAuth client: ${defaultOAuthClient.clientId} / ${defaultOAuthClient.clientSecret}, redirect ${defaultOAuthClient.redirectUris[0]}`,
);
console.log(
  `try: curl -H "Authorization: Bearer <token>" "${standIn.url}/relations?page=0&pageSize=2"`,
);

const stop = async () => {
  await standIn.close();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
