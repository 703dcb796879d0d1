// @vitest-environment happy-dom
import { cleanup, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { makeClients } from "../../../test/support/fake-server.js";
import { setup } from "../test-support.js";
import { StatusBar } from "./StatusBar.js";

afterEach(cleanup);

describe("StatusBar", () => {
  it("says when not connected and not pulled", () => {
    setup(<StatusBar />, { lang: "fr" });
    expect(screen.getByText("Non connecté")).toBeTruthy();
    expect(screen.getByText("Pas encore récupéré")).toBeTruthy();
  });

  it("shows the office, the cache's age with refresh, when pulled and the unpushed edits", () => {
    setup(<StatusBar />, {
      lang: "nl",
      state: {
        creds: { baseUrl: "https://pb.example.be", apiKey: "pb_test_staff_key" },
        connected: { office: "Kantoor Demo", key: "k", role: "staff", canPush: true },
        cache: { ageSeconds: 300, readAt: Date.now() },
        pulledAt: Date.UTC(2026, 11, 3, 7, 5),
        edited: new Set([1, 4]),
      },
    });
    expect(screen.getByText("Kantoor: Kantoor Demo")).toBeTruthy();
    expect(screen.getByText(/Cache 5 minuten geleden/)).toBeTruthy();
    expect(screen.getByRole("button", { name: "Vernieuwen" })).toBeTruthy();
    expect(
      screen.getByText(/^Opgehaald 3\/12\/2026.* · 2 wijzigingen niet verstuurd$/),
    ).toBeTruthy();
  });

  it("reads one edit in the singular", () => {
    setup(<StatusBar />, { lang: "en", state: { pulledAt: Date.now(), edited: new Set([1]) } });
    expect(screen.getByText(/1 edit not pushed$/)).toBeTruthy();
  });

  it("counts pulled clients whose AdminPulse data could not be read", () => {
    const [a, b] = makeClients(2);
    if (!a || !b) throw new Error("clients");
    setup(<StatusBar />, {
      lang: "en",
      state: {
        pulledClients: new Map([
          [
            a.id,
            { ...a, sourceProblems: [{ code: "language.unknown", field: "language", seen: "xx" }] },
          ],
          [b.id, b],
        ]),
      },
    });
    expect(screen.getByText("⚠ 1 client with AdminPulse data that could not be read")).toBeTruthy();
  });
});
