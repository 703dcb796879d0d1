import type { KeyCache } from "../auth/key-cache.js";
import type { Config } from "../config.js";
import type { CredentialCipher } from "../crypto/credential-cipher.js";
import type { Db } from "../db/client.js";
import type { RelationSource, SourceCredential } from "../sync/source.js";

/**
 * What the app needs from its runtime (ADR 0011): config, database, clock, cipher, key cache,
 * AdminPulse source, webhook wake-up. `cloudflare.ts` builds it from Worker bindings, `bun.ts` from
 * the process environment; a test builds its own and passes it to `createApp`. Requests reach it as
 * `c.var.services`, services (ADR 0024) as `ctx.runtime`.
 */
export interface Runtime {
  config: Config;
  db: Db;
  /** Milliseconds since the epoch. */
  now: () => number;
  cipher: CredentialCipher;
  /** Verified API keys, kept for the isolate's (or process's) life within the revocation bound. */
  keyCache: KeyCache;
  /** An AdminPulse source for one office's credential, paced by the shared limiter. */
  relationSource: (credential: SourceCredential, db: Db) => RelationSource;
  /**
   * Wake webhook delivery for an office after a commit that may have queued events: a Queue
   * message on Cloudflare, an in-process drain on Bun (ADR 0022). Absent: the cron drains.
   */
  notifyWebhooks?: (officeId: string) => Promise<void>;
  /**
   * Read import bodies as they stream, row by row (imports/json-rows.ts), instead of as one text
   * then `JSON.parse`. On for Bun, where it took the worst pushes' JS heap capacity growth from
   * 131/147 to 82/65 MB; off for workerd, where it raised the isolate's committed heap of the
   * every-row-invalid worst push from ~86 to ~116 MB and did not lower the others (BENCHMARKS.md,
   * session 9).
   */
  streamBodies?: boolean;
  /**
   * A full, synchronous garbage collection, called between the phases of a large push
   * (imports/phase-gc.ts). Bun: `Bun.gc(true)`. Absent on workerd, which offers an isolate none.
   */
  collectGarbage?: () => void;
}

export type RuntimeResolver = (env: unknown) => Runtime;
