/**
 * OAuth authorization-code flow with refresh (adminpulse-api.md §2.3). AdminPulse has not published
 * its endpoint URLs or parameters (U1), so both URLs are configuration and the exchange follows
 * plain RFC 6749 (§4.1, §6) with the client secret in the form body.
 */
import { z } from "zod";
import { err, ok, type Result, redact, scopeFromMessage } from "./errors.js";

export type OAuthConfig = {
  authorizeUrl: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** Must be one of the redirect URLs registered with AdminPulse support. */
  redirectUri: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
};

export const tokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.number().positive().optional(),
  refresh_token: z.string().optional(),
  scope: z.string().optional(),
});

export type TokenSet = {
  accessToken: string;
  refreshToken: string | null;
  /** Epoch ms; null when the server did not say. */
  expiresAt: number | null;
  scope: string | null;
};

export function authorizeUrl(config: OAuthConfig, state: string, scope?: string): string {
  const url = new URL(config.authorizeUrl);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("client_id", config.clientId);
  url.searchParams.set("redirect_uri", config.redirectUri);
  url.searchParams.set("state", state);
  if (scope) url.searchParams.set("scope", scope);
  return url.toString();
}

export function exchangeCode(config: OAuthConfig, code: string, now = Date.now()) {
  return tokenRequest(
    config,
    { grant_type: "authorization_code", code, redirect_uri: config.redirectUri },
    now,
  );
}

export function refreshTokens(config: OAuthConfig, refreshToken: string, now = Date.now()) {
  return tokenRequest(config, { grant_type: "refresh_token", refresh_token: refreshToken }, now);
}

async function tokenRequest(
  config: OAuthConfig,
  params: Record<string, string>,
  now: number,
): Promise<Result<TokenSet>> {
  const info = { method: "POST", path: new URL(config.tokenUrl).pathname, attempts: 1 };
  const secrets = [params.code, params.refresh_token, config.clientSecret];
  const clean = (text: string): string => secrets.reduce<string>((t, s) => redact(t, s), text);
  const body = new URLSearchParams({
    ...params,
    client_id: config.clientId,
    client_secret: config.clientSecret,
  });
  let res: Response;
  let text: string;
  try {
    res = await (config.fetch ?? globalThis.fetch)(config.tokenUrl, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body,
      signal: AbortSignal.timeout(config.timeoutMs ?? 30_000),
    });
    text = await res.text();
  } catch (e) {
    const timedOut = e instanceof DOMException && e.name === "TimeoutError";
    return timedOut
      ? err({
          kind: "timeout",
          message: "token endpoint did not answer",
          timeoutMs: config.timeoutMs ?? 30_000,
          ...info,
        })
      : err({ kind: "network", message: "token endpoint unreachable", ...info });
  }
  if (!res.ok) {
    const message = clean(oauthMessage(text) ?? `HTTP ${res.status}`);
    // RFC 6749 §5.2: a bad code, refresh token or client answers 400/401 — all mean "log in again".
    if (res.status === 400 || res.status === 401) {
      const missingScope = scopeFromMessage(message);
      return err({
        kind: "unauthorized",
        status: 401,
        message,
        ...(missingScope ? { missingScope } : {}),
        ...info,
      });
    }
    if (res.status === 429) {
      return err({ kind: "rate_limited", status: 429, message, retryAfterMs: 60_000, ...info });
    }
    return err({ kind: "upstream", status: res.status, message, ...info });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return err({
      kind: "bad_response",
      status: res.status,
      message: "token response is not JSON",
      field: "",
      issues: [],
      ...info,
    });
  }
  const parsed = tokenResponseSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.map(String).join(".") ?? "";
    return err({
      kind: "bad_response",
      status: res.status,
      message: `unexpected token response at "${field}"`,
      field,
      issues: parsed.error.issues.map((i) => ({
        path: i.path.map(String).join("."),
        message: i.message,
      })),
      ...info,
    });
  }
  const t = parsed.data;
  return ok({
    accessToken: t.access_token,
    refreshToken: t.refresh_token ?? null,
    expiresAt: t.expires_in ? now + t.expires_in * 1000 : null,
    scope: t.scope ?? null,
  });
}

function oauthMessage(text: string): string | undefined {
  try {
    const j = JSON.parse(text) as Record<string, unknown>;
    const parts = [j.error, j.error_description, j.message].filter((x) => typeof x === "string");
    return parts.length ? parts.join(": ") : undefined;
  } catch {
    return undefined;
  }
}
