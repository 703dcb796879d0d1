import { createStandIn, defaultOAuthClient, type StandIn } from "@pulsebridge/adminpulse-stand-in";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authorizeUrl, exchangeCode, refreshTokens } from "./oauth.js";

/** The OAuth helpers against the stand-in's authorization server, over real HTTP. */
describe("OAuth (U1)", () => {
  let s: StandIn;
  beforeAll(async () => {
    s = await createStandIn({ size: 50, oauth: { accessTokenTtlSeconds: 1 } });
  });
  afterAll(() => s.close());

  it("runs authorize → code → token → API call → refresh", async () => {
    const config = {
      authorizeUrl: `${s.url}/oauth/authorize`,
      tokenUrl: `${s.url}/oauth/token`,
      clientId: defaultOAuthClient.clientId,
      clientSecret: defaultOAuthClient.clientSecret,
      redirectUri: defaultOAuthClient.redirectUris[0] as string,
    };
    const redirect = await fetch(authorizeUrl(config, "st4te"), { redirect: "manual" });
    expect(redirect.status).toBe(302);
    const back = new URL(redirect.headers.get("location") ?? "");
    expect(back.searchParams.get("state")).toBe("st4te");
    const tokens = await exchangeCode(config, back.searchParams.get("code") ?? "");
    if (!tokens.ok) throw new Error(tokens.error.message);
    expect(tokens.value.refreshToken).toBeTruthy();

    const call = (token: string) =>
      fetch(`${s.url}/relations`, { headers: { authorization: `Bearer ${token}` } });
    expect((await call(tokens.value.accessToken)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1_100)); // past the 1 s lifetime
    expect((await call(tokens.value.accessToken)).status).toBe(401);
    const refreshed = await refreshTokens(config, tokens.value.refreshToken ?? "");
    if (!refreshed.ok) throw new Error(refreshed.error.message);
    expect((await call(refreshed.value.accessToken)).status).toBe(200);

    // A used refresh token is single-use; a code cannot be exchanged twice.
    const again = await refreshTokens(config, tokens.value.refreshToken ?? "");
    expect(again.ok || again.error.kind).toBe("unauthorized");
    const badRedirect = await fetch(
      `${s.url}/oauth/authorize?client_id=${config.clientId}&redirect_uri=https://evil.example/cb&response_type=code`,
      { redirect: "manual" },
    );
    expect(badRedirect.status).toBe(400);
  });
});
