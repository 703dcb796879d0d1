import { apiErrorCodes, apiErrors, problemSchema, uiLanguages } from "@pulsebridge/core";
import { describe, expect, it } from "vitest";
import { ApiError, createApi } from "../api/client.js";
import { addinErrorCodes, clientErrorCodes } from "../api/error-codes.js";
import { problemMessage } from "./problems.js";

describe("problemMessage", () => {
  it("covers the worker's closed list of codes and the add-in's own", () => {
    expect(addinErrorCodes).toEqual([...apiErrorCodes, ...clientErrorCodes]);
    expect(apiErrorCodes).toEqual(
      expect.arrayContaining(["unauthorized", "sync_busy", "internal"]),
    );
  });

  it.each(uiLanguages)("says something precise for every code in %s", (lang) => {
    const texts = addinErrorCodes.map((code) => problemMessage(code, lang));
    for (const text of texts) expect(text.trim().length).toBeGreaterThan(5);
    // No two codes share a message: each tells the user something different.
    expect(new Set(texts).size).toBe(texts.length);
  });

  it("is written in each language, not copied from English", () => {
    for (const code of addinErrorCodes) {
      expect(problemMessage(code, "nl")).not.toBe(problemMessage(code, "en"));
      expect(problemMessage(code, "fr")).not.toBe(problemMessage(code, "en"));
    }
  });

  it("reads the code of a problem the worker sends, and falls back for one it cannot read", async () => {
    const problem = (code: string, status: number) =>
      new Response(JSON.stringify({ type: "about:blank", title: "t", status, detail: "d", code }), {
        status,
        headers: { "content-type": "application/problem+json" },
      });
    for (const code of apiErrorCodes) {
      const { status } = apiErrors[code];
      expect(problemSchema.parse(await problem(code, status).json()).code).toBe(code);
      const api = createApi({
        baseUrl: "http://worker.test",
        apiKey: "k",
        fetch: async () => problem(code, status),
      });
      const error = await api.me().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ApiError);
      expect(problemMessage((error as ApiError).code, "fr")).toBe(problemMessage(code, "fr"));
    }
    // A code outside the closed list is not trusted: the status decides.
    const api = createApi({
      baseUrl: "http://worker.test",
      apiKey: "k",
      fetch: async () => problem("made_up", 503),
    });
    expect(await api.me().catch((e: ApiError) => e.code)).toBe("server");
  });
});
