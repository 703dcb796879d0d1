// The Bun entry (issue 7): the Worker's app on one server with SQLite.
//   bun run src/bun.ts                                serve (settings: see README "Run on Bun")
//   bun run src/bun.ts create-office --name "X" [--office-id id] [--key pb_…] [--key-name n] [--json]
import { parseArgs } from "node:util";
import { KeyCollisionError } from "./auth/issue-key.js";
import { ConfigError } from "./config.js";
import { createBunSqliteDb } from "./db/bun-client.js";
import { applyMigrations, openDatabase, parseBunSettings, startBunRuntime } from "./runtime/bun.js";
import { createOfficeWithKey } from "./services/office.js";

// sysexits EX_CONFIG: systemd shows it, and Restart=on-failure will not loop on a bad config.
const exConfig = 78;

try {
  if (process.argv[2] === "create-office") {
    const { values } = parseArgs({
      args: process.argv.slice(3),
      options: {
        name: { type: "string" },
        "office-id": { type: "string" },
        key: { type: "string" },
        "key-name": { type: "string" },
        json: { type: "boolean", default: false },
      },
    });
    if (!values.name) {
      console.error("usage: bun run src/bun.ts create-office --name <office name> [--key pb_…]");
      process.exit(2);
    }
    const client = openDatabase(parseBunSettings(process.env).DATABASE_PATH);
    applyMigrations(client);
    const made = await createOfficeWithKey(createBunSqliteDb(client), {
      name: values.name,
      ...(values["office-id"] ? { officeId: values["office-id"] } : {}),
      ...(values.key ? { key: values.key } : {}),
      ...(values["key-name"] ? { keyName: values["key-name"] } : {}),
    });
    client.close();
    process.stdout.write(
      values.json
        ? `${JSON.stringify(made)}\n`
        : `\nOffice ${values.name} (${made.officeId})\nAdmin API key (shown once, store it now):\n\n  ${made.key}\n\n`,
    );
  } else {
    const runtime = startBunRuntime(process.env);
    for (const signal of ["SIGTERM", "SIGINT"] as const) {
      process.on(signal, () => {
        void runtime.stop().then(({ drained }) => process.exit(drained ? 0 : 1));
      });
    }
  }
} catch (error) {
  if (error instanceof KeyCollisionError) {
    console.error(error.message);
    process.exit(1);
  }
  if (error instanceof ConfigError) {
    // Field names only: a value may be a secret.
    console.error(error.message);
    process.exit(exConfig);
  }
  throw error;
}
