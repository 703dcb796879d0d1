#!/usr/bin/env node
// `kbo-load`: the register loader's CLI (src/cli.ts) for other packages of the workspace; the
// worker runs it in its own folder (`pnpm kbo:load`), so d1 targets find its wrangler.jsonc.
import { register } from "tsx/esm/api";

register();
await import("../src/cli.ts");
