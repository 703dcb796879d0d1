import { refreshTokens } from "@pulsebridge/adminpulse";
import { z } from "zod";
import { oauthClientOf } from "../config.js";
import { openStoredCredential } from "../crypto/stored-credential.js";
import type { Db } from "../db/client.js";
import {
  type ConnectionRow,
  getConnection,
  markRefreshRefused,
  storeRefreshedCredential,
} from "../db/queries/connections.js";
import { endedUpstream } from "../routes/v1/connection/schema.js";
import type { Runtime } from "../runtime/runtime.js";
import { endRunOnExpiry, noteExpiry } from "./expiry.js";
import type { RelationSource } from "./source.js";

/** The decrypted credential, as sealed by PUT /v1/connection. */
export const credentialSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("token"), token: z.string() }),
  z.object({
    kind: z.literal("oauth"),
    accessToken: z.string(),
    refreshToken: z.string().nullable(),
  }),
]);
export type Credential = z.infer<typeof credentialSchema>;

export const bearerOf = (c: Credential) => (c.kind === "token" ? c.token : c.accessToken);

/**
 * An OAuth access token is refreshed when it expires within this margin: longer than one sync step
 * may run with it (a step is bounded well below the lease, ADR 0004), so it never expires mid-step.
 */
export const refreshMarginMs = 10 * 60_000;

/** Why an office has no usable AdminPulse source right now. */
export type ConnectionProblem =
  /** No connection stored. */
  | "not_connected"
  /** Flagged invalid (AdminPulse refused the credential or its refresh); reconnect. */
  | "invalid"
  | "expired"
  /** An expired OAuth token that cannot be refreshed: no OAuth client configured, or no refresh token. */
  | "refresh_unavailable"
  /** AdminPulse refused the refresh token just now (the connection is now invalid). */
  | "refresh_refused"
  /** The token endpoint failed (network, 5xx, 429) and the access token has expired: try later. */
  | "refresh_failed";

export type OfficeSource =
  | { ok: true; source: RelationSource }
  | { ok: false; problem: ConnectionProblem };

/**
 * The office's AdminPulse source. OAuth tokens that expire within `refreshMarginMs` are refreshed
 * first (and stored encrypted again); every sync step and on-demand refresh comes through here.
 */
export async function openOfficeSource(
  services: Runtime,
  db: Db,
  officeId: string,
): Promise<OfficeSource> {
  const conn = await getConnection(db, officeId);
  if (!conn) return { ok: false, problem: "not_connected" };
  const usable = await usableCredential(services, db, conn);
  const refreshable = oauthClientOf(services.config) !== null;
  if (!usable.ok) {
    const ended =
      usable.problem === "expired" ||
      usable.problem === "refresh_refused" ||
      (usable.problem === "invalid" && endedUpstream(conn.statusReason));
    if (!ended) return usable;
    // Expired, by its date or by AdminPulse's word: audited once, an open run ends with
    // `connection_expired`, and callers get "expired" (POST /v1/sync: 409 connection_expired).
    const now = await getConnection(db, officeId);
    if (now) await noteExpiry(db, now, services.now(), refreshable);
    await endRunOnExpiry(
      { db, now: services.now },
      officeId,
      services.config.SYNC_LEASE_SECONDS * 1000,
      usable.problem === "refresh_refused"
        ? "AdminPulse refused the OAuth refresh; reconnect AdminPulse"
        : "the AdminPulse key has expired; store a new key (PUT /v1/connection)",
    );
    return { ok: false, problem: "expired" };
  }
  await noteExpiry(db, conn, services.now(), refreshable);
  return {
    ok: true,
    source: services.relationSource(
      { token: bearerOf(usable.credential), fingerprint: conn.tokenFingerprint },
      db,
    ),
  };
}

/** `openOfficeSource` for callers that only need to know whether there is one. */
export async function sourceForOffice(
  services: Runtime,
  db: Db,
  officeId: string,
): Promise<RelationSource | null> {
  const res = await openOfficeSource(services, db, officeId);
  return res.ok ? res.source : null;
}

type Usable = { ok: true; credential: Credential } | { ok: false; problem: ConnectionProblem };

async function usableCredential(services: Runtime, db: Db, first: ConnectionRow): Promise<Usable> {
  let conn = first;
  // Twice at most: when another invocation refreshed meanwhile, use what it stored.
  for (let attempt = 0; attempt < 2; attempt++) {
    if (conn.status !== "active") return { ok: false, problem: "invalid" };
    const now = services.now();
    const credential = credentialSchema.parse(
      JSON.parse(await openStoredCredential(services.cipher, db, conn)),
    );
    const expired = conn.expiresAt !== null && conn.expiresAt <= now;
    const due = conn.expiresAt !== null && conn.expiresAt - now <= refreshMarginMs;
    if (credential.kind === "token" || !due)
      return expired ? { ok: false, problem: "expired" } : { ok: true, credential };

    const client = oauthClientOf(services.config);
    if (!client || !credential.refreshToken)
      return expired ? { ok: false, problem: "refresh_unavailable" } : { ok: true, credential };

    const res = await refreshTokens(
      {
        ...client,
        // Only the token endpoint is used by a refresh (RFC 6749 §6); the authorization-code
        // fields of the package's config type do not apply here.
        authorizeUrl: client.tokenUrl,
        redirectUri: "",
        timeoutMs: services.config.ADMINPULSE_TIMEOUT_MS,
      },
      credential.refreshToken,
      now,
    );
    if (res.ok) {
      const next: Credential = {
        kind: "oauth",
        accessToken: res.value.accessToken,
        // RFC 6749 §6: the server may keep the old refresh token (no new one in the answer).
        refreshToken: res.value.refreshToken ?? credential.refreshToken,
      };
      const sealed = await services.cipher.seal(JSON.stringify(next), {
        officeId: conn.officeId,
        kind: "oauth",
      });
      // The rate-limit fingerprint stays: the budget belongs to the grant, not to one access token.
      const won = await storeRefreshedCredential(
        db,
        conn.officeId,
        conn.iv,
        { ...sealed, expiresAt: res.value.expiresAt },
        now,
        {
          action: "connection.refreshed",
          details: {
            expiresAt: res.value.expiresAt ? new Date(res.value.expiresAt).toISOString() : null,
            refreshTokenRotated: res.value.refreshToken !== null,
          },
        },
      );
      if (won) return { ok: true, credential: next };
    } else if (res.error.kind === "unauthorized") {
      // RFC 6749 §5.2: a refused refresh token (400/401 invalid_grant …) means "log in again".
      const reason = `refresh_refused: AdminPulse refused the OAuth refresh (${res.error.message.slice(0, 120)}); reconnect AdminPulse`;
      const marked = await markRefreshRefused(db, conn.officeId, conn.iv, reason, now, {
        action: "connection.refresh_refused",
        details: { status: res.error.status },
      });
      if (marked) return { ok: false, problem: "refresh_refused" };
    } else {
      // Network, timeout, 5xx, 429: the stored tokens stay; use the access token while it lasts.
      return expired ? { ok: false, problem: "refresh_failed" } : { ok: true, credential };
    }
    // Lost a race: another invocation replaced the credential; start over from what it stored.
    const again = await getConnection(db, conn.officeId);
    if (!again) return { ok: false, problem: "not_connected" };
    conn = again;
  }
  return { ok: false, problem: "refresh_failed" };
}
