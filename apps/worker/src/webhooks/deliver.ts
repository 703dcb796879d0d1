import type { Config } from "../config.js";
import type { CredentialCipher } from "../crypto/credential-cipher.js";
import { runBatch } from "../db/batch.js";
import type { Db } from "../db/client.js";
import { auditStatement } from "../db/queries/audit.js";
import {
  attemptFailedStatements,
  type ClaimedDelivery,
  claimDueDeliveries,
  deliveredStatements,
  type EndpointRow,
  getEndpoint,
  updateEndpointStatement,
} from "../db/queries/webhooks.js";
import { nextAttemptAt } from "./backoff.js";
import { checkEndpointUrl, isInternalIp } from "./endpoint-url.js";
import { signWebhook } from "./signature.js";

export interface DeliveryDeps {
  db: Db;
  now: () => number;
  cipher: CredentialCipher;
  config: Pick<Config, "WEBHOOK_TIMEOUT_MS" | "WEBHOOK_ALLOW_LOOPBACK_HTTP">;
  /** The runtime's fetch (tests pass a recording one). */
  fetch?: typeof fetch;
  /**
   * On Bun: the addresses a host name resolves to, so a public name pointing at an internal
   * address is refused too. On Cloudflare the platform's egress never reaches internal networks.
   */
  resolveHost?: (host: string) => Promise<string[]>;
}

export interface DrainReport {
  delivered: number;
  retrying: number;
  failed: number;
  disabled: string[];
}

/** Deliveries claimed per drain; a claim holds a row this long (the timeout plus margin). */
const claimLimit = 50;
const parallel = 6;

/** Secret of an endpoint, opened with its binding (office + endpoint id). */
export const secretContext = (officeId: string, endpointId: string) => ({
  officeId,
  kind: `webhook:${endpointId}`,
});

/**
 * Deliver what is due (of one office, or all): claim, sign (Standard Webhooks), POST with a timeout
 * and without following redirects, and record each attempt; a failure is due again on the backoff
 * schedule, and a delivery whose schedule ends while its endpoint has not taken a single delivery
 * since it was queued disables the endpoint (audited `webhook.disabled`). Runs until nothing is due
 * or `maxRounds` claims are done.
 */
export async function deliverDue(
  deps: DeliveryDeps,
  opts: { officeId?: string; maxRounds?: number } = {},
): Promise<DrainReport> {
  const report: DrainReport = { delivered: 0, retrying: 0, failed: 0, disabled: [] };
  const endpoints = new Map<string, Promise<{ row: EndpointRow; secret: string } | null>>();
  const endpointOf = (d: ClaimedDelivery) => {
    let e = endpoints.get(d.endpointId);
    if (!e) {
      e = (async () => {
        const row = await getEndpoint(deps.db, d.officeId, d.endpointId);
        if (!row) return null;
        const secret = await deps.cipher.open(
          { ciphertext: row.secretCiphertext, iv: row.secretIv, keyId: row.secretKeyId },
          secretContext(row.officeId, row.id),
        );
        return { row, secret };
      })();
      endpoints.set(d.endpointId, e);
    }
    return e;
  };
  const leaseMs = deps.config.WEBHOOK_TIMEOUT_MS + 20_000;
  for (let round = 0; round < (opts.maxRounds ?? 20); round++) {
    const claimed = await claimDueDeliveries(deps.db, {
      now: deps.now(),
      limit: claimLimit,
      leaseMs,
      officeId: opts.officeId,
    });
    for (let i = 0; i < claimed.length; i += parallel) {
      await Promise.all(
        claimed.slice(i, i + parallel).map(async (d) => {
          const endpoint = await endpointOf(d);
          if (!endpoint) return;
          const outcome = await attempt(deps, endpoint.row, endpoint.secret, d);
          await record(deps, endpoint.row, d, outcome, report);
        }),
      );
    }
    if (claimed.length < claimLimit) break;
  }
  return report;
}

type Outcome = { ok: true; status: number } | { ok: false; status: number | null; error: string };

async function attempt(
  deps: DeliveryDeps,
  endpoint: EndpointRow,
  secret: string,
  d: ClaimedDelivery,
): Promise<Outcome> {
  // Checked again now: the rules may be stricter than when it was registered.
  const verdict = checkEndpointUrl(endpoint.url, {
    allowLoopbackHttp: deps.config.WEBHOOK_ALLOW_LOOPBACK_HTTP,
  });
  if (!verdict.ok) return { ok: false, status: null, error: "url_refused" };
  if (deps.resolveHost && !(await resolvesPublic(deps, verdict.url)))
    return { ok: false, status: null, error: "url_refused" };
  const headers = await signWebhook(secret, d.id, Math.floor(deps.now() / 1000), d.payload);
  try {
    const res = await (deps.fetch ?? fetch)(verdict.url.href, {
      method: "POST",
      headers: {
        ...headers,
        "content-type": "application/json",
        "user-agent": "pulsebridge-webhooks/1",
      },
      body: d.payload,
      redirect: "manual",
      signal: AbortSignal.timeout(deps.config.WEBHOOK_TIMEOUT_MS),
    });
    // The answer's body is not read (nor stored): only its status counts.
    await res.body?.cancel();
    if (res.status >= 200 && res.status < 300) return { ok: true, status: res.status };
    const error = res.status >= 300 && res.status < 400 ? "redirect" : `http_${res.status}`;
    return { ok: false, status: res.status, error };
  } catch (err) {
    const name = (err as Error)?.name;
    return {
      ok: false,
      status: null,
      error: name === "TimeoutError" || name === "AbortError" ? "timeout" : "network",
    };
  }
}

async function resolvesPublic(deps: DeliveryDeps, url: URL): Promise<boolean> {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  try {
    const addresses = await deps.resolveHost!(host);
    return (
      addresses.length > 0 &&
      addresses.every(
        (a) =>
          !isInternalIp(a) ||
          (deps.config.WEBHOOK_ALLOW_LOOPBACK_HTTP && (a === "::1" || a.startsWith("127."))),
      )
    );
  } catch {
    return false;
  }
}

async function record(
  deps: DeliveryDeps,
  endpoint: EndpointRow,
  d: ClaimedDelivery,
  outcome: Outcome,
  report: DrainReport,
) {
  const { db } = deps;
  const now = deps.now();
  if (outcome.ok) {
    await runBatch(db, [...deliveredStatements(db, d, now, outcome.status)]);
    report.delivered++;
    return;
  }
  const next = nextAttemptAt(d.attempts + 1, now);
  const statements = [
    ...attemptFailedStatements(db, d, now, { ...outcome, nextAt: next }),
  ] as Parameters<typeof runBatch>[1];
  if (next === null) {
    report.failed++;
    // Given up after ~24 h of tries, and nothing reached this endpoint since this event was
    // queued: it is down, not flaky. Stop sending (admins see it and re-enable it).
    const fresh = await getEndpoint(db, d.officeId, d.endpointId);
    if (fresh?.enabled && (fresh.lastSuccessAt ?? 0) < d.createdAt) {
      statements.push(
        updateEndpointStatement(db, d.officeId, d.endpointId, {
          enabled: false,
          disabledReason: "failing",
          disabledAt: now,
          updatedAt: now,
        }),
        auditStatement(db, {
          id: crypto.randomUUID(),
          officeId: d.officeId,
          at: now,
          actorKeyId: null,
          actorName: null,
          action: "webhook.disabled",
          target: d.endpointId,
          details: { reason: "failing", deliveryId: d.id, lastError: outcome.error },
        }),
      );
      report.disabled.push(endpoint.id);
    }
  } else report.retrying++;
  await runBatch(db, statements);
}
