import { env } from "cloudflare:workers";
import { authorizeUrl, exchangeCode, refreshTokens } from "@pulsebridge/adminpulse";
import { eq } from "drizzle-orm";
import { describe, expect, inject, it } from "vitest";
import { db, newOffice, type Office } from "../../test/harness.js";
import { syncTestTimeout } from "../../test/timeouts.js";
import { createApp } from "../app.js";
import { ConfigError, parseConfig } from "../config.js";
import { connections } from "../db/schema/index.js";
import { cloudflareRuntime } from "../runtime/cloudflare.js";
import { credentialSchema, openOfficeSource } from "./office-source.js";

/**
 * OAuth token refresh against the stand-in's `/oauth/token` (test/global-setup.ts starts it; its
 * default OAuth client is `pulsebridge-local`), over HTTP from workerd, with the real services.
 */
const standIn = () => inject("standInUrl");
const oauthClient = {
  clientId: "pulsebridge-local",
  clientSecret: "local-secret",
  redirectUri: "http://127.0.0.1:8787/v1/adminpulse/callback",
};
const oauthConfig = () => ({
  ...oauthClient,
  authorizeUrl: `${standIn()}/oauth/authorize`,
  tokenUrl: `${standIn()}/oauth/token`,
});
const withOAuth = () =>
  ({
    ...env,
    ADMINPULSE_BASE_URL: standIn(),
    ADMINPULSE_OAUTH_TOKEN_URL: `${standIn()}/oauth/token`,
    ADMINPULSE_OAUTH_CLIENT_ID: oauthClient.clientId,
    ADMINPULSE_OAUTH_CLIENT_SECRET: oauthClient.clientSecret,
  }) as Env;
const withoutOAuth = () => ({ ...env, ADMINPULSE_BASE_URL: standIn() }) as Env;

/** A fresh token pair from the stand-in, through its authorization-code flow. */
async function issueTokens() {
  const res = await fetch(authorizeUrl(oauthConfig(), "state-1"), { redirect: "manual" });
  expect(res.status).toBe(302);
  const code = new URL(res.headers.get("location")!).searchParams.get("code")!;
  const tokens = await exchangeCode(oauthConfig(), code);
  if (!tokens.ok) throw new Error(`exchange failed: ${tokens.error.kind}`);
  return tokens.value as { accessToken: string; refreshToken: string; expiresAt: number };
}

function api(e: Env) {
  const app = createApp(() => cloudflareRuntime(e));
  return async (method: string, path: string, key: string, body?: unknown) => {
    const res = await app.request(
      path,
      {
        method,
        headers: {
          authorization: `Bearer ${key}`,
          ...(body ? { "content-type": "application/json" } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
      },
      e,
    );
    return { status: res.status, text: await res.text() };
  };
}

async function connectOAuth(
  e: Env,
  office: Office,
  tokens: { accessToken: string; refreshToken: string | null },
  expiresInMs: number,
) {
  const res = await api(e)("PUT", "/v1/connection", office.keys.admin, {
    kind: "oauth",
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    expiresAt: new Date(Date.now() + expiresInMs).toISOString(),
  });
  expect(res.status).toBe(200);
}

const row = async (officeId: string) =>
  (await db.select().from(connections).where(eq(connections.officeId, officeId)))[0]!;

const openCredential = async (e: Env, officeId: string) => {
  const r = await row(officeId);
  const plain = await cloudflareRuntime(e).cipher.open(r, { officeId, kind: r.kind });
  return credentialSchema.parse(JSON.parse(plain));
};

describe("OAuth refresh", { timeout: syncTestTimeout }, () => {
  it("refreshes an access token about to expire before the sync step, stores the new pair encrypted, audits it", async () => {
    const e = withOAuth();
    const call = api(e);
    const office = await newOffice();
    const tokens = await issueTokens();
    await connectOAuth(e, office, tokens, 5 * 60_000); // within the 10-minute margin
    const before = await row(office.officeId);

    const sync = await call("POST", "/v1/sync", office.keys.staff, {});
    expect(sync.status).toBe(200);
    expect(JSON.parse(sync.text)).toMatchObject({ outcome: "completed" });

    const after = await row(office.officeId);
    expect(after.iv).not.toBe(before.iv);
    expect(after.status).toBe("active");
    // The stand-in's tokens live an hour; the rate-limit bucket stays the grant's.
    expect(after.expiresAt! - Date.now()).toBeGreaterThan(50 * 60_000);
    expect(after.tokenFingerprint).toBe(before.tokenFingerprint);
    for (const t of [tokens.accessToken, tokens.refreshToken]) {
      expect(after.ciphertext).not.toContain(t);
      expect(atob(after.ciphertext)).not.toContain(t);
    }
    const cred = await openCredential(e, office.officeId);
    if (cred.kind !== "oauth") throw new Error("kind changed");
    expect(cred.accessToken).not.toBe(tokens.accessToken);
    expect(cred.refreshToken).not.toBe(tokens.refreshToken);

    // The stored access token is one the stand-in accepts; the old refresh token is spent.
    const probe = await fetch(`${standIn()}/relations?page=0&pageSize=1`, {
      headers: { authorization: `Bearer ${cred.accessToken}` },
    });
    expect(probe.status).toBe(200);
    const replay = await refreshTokens(oauthConfig(), tokens.refreshToken);
    expect(replay.ok ? "ok" : replay.error.kind).toBe("unauthorized");

    const conn = await call("GET", "/v1/connection", office.keys.admin);
    expect(JSON.parse(conn.text)).toMatchObject({
      kind: "oauth",
      status: "active",
      reason: null,
      expiresAt: new Date(after.expiresAt!).toISOString(),
    });
    const audit = await call("GET", "/v1/audit", office.keys.admin);
    const events = JSON.parse(audit.text) as { data: { action: string; actor: object }[] };
    expect(events.data.filter((a) => a.action === "connection.refreshed")).toEqual([
      expect.objectContaining({ actor: { keyId: null, name: "pulsebridge", person: null } }),
    ]);
    for (const t of [tokens.accessToken, tokens.refreshToken, cred.accessToken, cred.refreshToken!])
      for (const text of [audit.text, conn.text, sync.text]) expect(text).not.toContain(t);

    // Not due again: the next step uses the stored token as it is.
    expect((await call("POST", "/v1/sync", office.keys.staff, {})).status).toBe(200);
    expect((await row(office.officeId)).iv).toBe(after.iv);
  });

  it("a refused refresh marks the connection invalid with a reason that /v1/connection and /v1/me show", async () => {
    const e = withOAuth();
    const call = api(e);
    const office = await newOffice();
    const spent = "refresh-token-the-stand-in-never-issued";
    await connectOAuth(
      e,
      office,
      { accessToken: "access-token-about-to-expire", refreshToken: spent },
      60_000,
    );

    // A refused refresh reads like an expired key (issue 12): 409 connection_expired.
    const sync = await call("POST", "/v1/sync", office.keys.staff, {});
    expect(sync.status).toBe(409);
    expect(JSON.parse(sync.text)).toMatchObject({ code: "connection_expired" });

    const conn = JSON.parse((await call("GET", "/v1/connection", office.keys.admin)).text);
    expect(conn).toMatchObject({ connected: true, status: "invalid" });
    expect(conn.reason).toMatch(/^refresh_refused: .*invalid_grant/);
    const me = JSON.parse((await call("GET", "/v1/me", office.keys.service)).text);
    expect(me.adminpulse).toMatchObject({
      status: "invalid",
      reason: conn.reason,
      expiry: { status: "expired" },
    });
    expect(conn.expiry).toMatchObject({ status: "expired" });

    // Invalid now: no further refresh attempts, a clear 409 until an admin reconnects.
    const again = await call("POST", "/v1/sync", office.keys.staff, {});
    expect(again.status).toBe(409);
    expect(JSON.parse(again.text)).toMatchObject({ code: "connection_expired" });

    const audit = (await call("GET", "/v1/audit", office.keys.admin)).text;
    expect(audit).toContain("connection.refresh_refused");
    for (const text of [audit, sync.text, JSON.stringify(conn), JSON.stringify(me)]) {
      expect(text).not.toContain(spent);
      expect(text).not.toContain("access-token-about-to-expire");
    }

    // Reconnecting clears the reason.
    await connectOAuth(e, office, await issueTokens(), 3_600_000);
    expect(JSON.parse((await call("GET", "/v1/connection", office.keys.admin)).text)).toMatchObject(
      {
        status: "active",
        reason: null,
      },
    );
  });

  it("two invocations refreshing at once: the connection ends active with a working token", async () => {
    const e = withOAuth();
    const office = await newOffice();
    await connectOAuth(e, office, await issueTokens(), 60_000);
    const services = cloudflareRuntime(e);
    const results = await Promise.all([
      openOfficeSource(services, services.db, office.officeId),
      openOfficeSource(services, services.db, office.officeId),
    ]);
    // The stand-in rotates refresh tokens, so one of the two may be refused; never both.
    expect(results.some((r) => r.ok)).toBe(true);
    expect((await row(office.officeId)).status).toBe("active");
    const cred = await openCredential(e, office.officeId);
    if (cred.kind !== "oauth") throw new Error("kind changed");
    const probe = await fetch(`${standIn()}/relations?page=0&pageSize=1`, {
      headers: { authorization: `Bearer ${cred.accessToken}` },
    });
    expect(probe.status).toBe(200);
  });

  it("without the OAuth settings an OAuth connection reports refresh_unavailable, and stops at expiry", async () => {
    const e = withoutOAuth();
    const call = api(e);
    const office = await newOffice();
    const tokens = await issueTokens();
    await connectOAuth(e, office, tokens, 5 * 60_000);
    const conn = JSON.parse((await call("GET", "/v1/connection", office.keys.admin)).text);
    expect(conn).toMatchObject({ status: "refresh_unavailable" });
    expect(conn.reason).toContain("ADMINPULSE_OAUTH_TOKEN_URL");
    const me = JSON.parse((await call("GET", "/v1/me", office.keys.staff)).text);
    expect(me.adminpulse).toMatchObject({ status: "refresh_unavailable", reason: conn.reason });
    // Not expired yet: the access token still syncs, unchanged.
    const iv = (await row(office.officeId)).iv;
    expect((await call("POST", "/v1/sync", office.keys.staff, {})).status).toBe(200);
    expect((await row(office.officeId)).iv).toBe(iv);

    // Expired: no source, and the API says why.
    await connectOAuth(e, office, tokens, -60_000);
    const sync = await call("POST", "/v1/sync", office.keys.staff, {});
    expect(sync.status).toBe(409);
    expect(JSON.parse(sync.text)).toMatchObject({ code: "not_connected" });
    expect(JSON.parse(sync.text).detail).toContain("cannot refresh");
  });

  it("half an OAuth client configuration is refused, naming the missing settings (never values)", () => {
    const secret = "the-client-secret-value";
    let error: unknown;
    try {
      parseConfig({ ...env, ADMINPULSE_OAUTH_CLIENT_SECRET: secret });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).fields.sort()).toEqual([
      "ADMINPULSE_OAUTH_CLIENT_ID",
      "ADMINPULSE_OAUTH_TOKEN_URL",
    ]);
    expect(String(error)).not.toContain(secret);
    // Empty values count as unset (an env file cannot delete a var).
    expect(
      parseConfig({ ...env, ADMINPULSE_OAUTH_TOKEN_URL: "", ADMINPULSE_OAUTH_CLIENT_ID: " " })
        .ADMINPULSE_OAUTH_TOKEN_URL,
    ).toBeUndefined();
  });
});
