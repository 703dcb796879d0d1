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

  it("says how long the AdminPulse connection holds, and warns before and after it expires", () => {
    const day = 86_400_000;
    const ap = (
      expiresAt: number | null,
      status = "active",
      expiry: { status: "ok" | "expiring" | "expired"; daysLeft: number | null } | null = null,
    ) => ({
      connected: true,
      status,
      expiresAt: expiresAt === null ? null : new Date(expiresAt).toISOString(),
      expiry,
      reason: null,
    });
    const now = Date.now();
    const shown = (adminpulse: ReturnType<typeof ap> | null, lang: "nl" | "fr" | "en") => {
      const view = setup(<StatusBar />, { lang, state: { adminpulse } });
      const el = view.container.querySelector("#pb-status-adminpulse");
      const out = el ? { text: el.textContent, warn: el.classList.contains("warning") } : null;
      view.unmount();
      return out;
    };
    expect(shown(ap(Date.UTC(2027, 5, 30)), "nl")).toEqual({
      text: "AdminPulse-koppeling geldig tot 30 juni 2027",
      warn: false,
    });
    expect(shown(ap(now + 3 * day + 60_000), "fr")).toEqual({
      text: "⚠ La connexion AdminPulse expire dans 3 jours",
      warn: true,
    });
    expect(shown(ap(now - day), "en")?.text).toBe(
      "⚠ AdminPulse connection expired; an admin must renew it",
    );
    expect(shown(ap(null, "invalid"), "en")?.text).toBe(
      "⚠ AdminPulse connection refused; an admin must set it up again",
    );
    expect(shown({ ...ap(null), connected: false }, "nl")?.text).toBe(
      "⚠ AdminPulse niet gekoppeld",
    );
    // The worker's verdict wins: AdminPulse said the key expired although its date is ahead.
    expect(
      shown(ap(now + 40 * day, "active", { status: "expired", daysLeft: 40 }), "en")?.text,
    ).toBe("⚠ AdminPulse connection expired; an admin must renew it");
    expect(shown(ap(null, "active", { status: "expiring", daysLeft: 2 }), "nl")?.text).toBe(
      "⚠ AdminPulse-koppeling verloopt overmorgen",
    );
    // Nothing known (no expiry, active): nothing said.
    expect(shown(ap(null), "en")).toBeNull();
    expect(shown(null, "en")).toBeNull();
  });
});
