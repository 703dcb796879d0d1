/**
 * The API reference as an integrator meets it: /docs renders the Scalar reference of /openapi.json
 * in real Chromium with every request to this server only (no CDN, no fonts, no telemetry), and
 * "Test Request" sends a call with the key typed into the page.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { artifacts, type E2eStack, e2eStack, launchBrowser } from "./support/stack.js";

let s: E2eStack;
let browser: Browser;

beforeAll(async () => {
  [s, browser] = await Promise.all([e2eStack({ size: 5 }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await s?.close();
});

describe("/docs", () => {
  it("renders the Scalar reference offline and sends a request with a key", async () => {
    const office = await s.newOffice("Kantoor Docs", { connect: false });
    const openapi = (await s.call(null, "GET", "/openapi.json")).json as {
      paths: Record<string, Record<string, { operationId: string; summary: string }>>;
    };
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    const stray: string[] = [];
    const sent: { url: string; auth: string | undefined }[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.route("**/*", (route) => {
      const req = route.request();
      const url = new URL(req.url());
      if (url.hostname !== "127.0.0.1") {
        stray.push(url.href);
        return route.abort();
      }
      sent.push({ url: url.pathname, auth: req.headers().authorization });
      return route.continue();
    });

    const docs = await page.goto(`${s.url}/docs`);
    expect(docs?.headers()["content-security-policy"]).toContain("connect-src 'self'");
    // The reference rendered the document: its title, a tag per section and an operation's summary.
    await page.getByRole("heading", { name: "pulsebridge", exact: true }).waitFor();
    const health = openapi.paths["/health"]!.get!;
    await expect.poll(() => page.getByText(health.summary).count()).toBeGreaterThan(0);
    for (const tag of ["office", "clients", "imports"])
      await expect.poll(() => page.getByText(tag, { exact: true }).count()).toBeGreaterThan(0);
    // The standalone script came from this server (a static asset), not from a CDN.
    expect(sent.map((r) => r.url)).toContain("/docs/scalar.js");

    // Try it: the key goes into the page's Bearer field, then GET /v1/me is sent from the page.
    await page.getByPlaceholder("Token").first().fill(office.keys.service);
    // As a reader would: open the tag in the sidebar, then the operation.
    const me = openapi.paths["/v1/me"]!.get!;
    await page.getByText("office", { exact: true }).first().click();
    await page.getByText(me.summary).first().click();
    const section = page.locator('[id$="tag/office/GET/v1/me"]');
    await section
      .getByRole("button", { name: /Test Request/ })
      .first()
      .click();
    await page.getByRole("button", { name: /^Send/ }).first().click();
    await expect.poll(() => sent.some((r) => r.url === "/v1/me")).toBe(true);
    const call = sent.find((r) => r.url === "/v1/me");
    expect(call?.auth).toBe(`Bearer ${office.keys.service}`);
    await expect.poll(() => page.getByText("200 OK").count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByText('"Kantoor Docs"').count()).toBeGreaterThan(0);
    await page.screenshot({ path: `${artifacts}/docs.png` });

    expect(stray).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
