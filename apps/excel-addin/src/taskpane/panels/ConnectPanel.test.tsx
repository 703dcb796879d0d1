// @vitest-environment happy-dom
import { cleanup, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { t } from "../../i18n/ui.js";
import { fakeFetch, meResponse, setup } from "../test-support.js";
import { ConnectPanel } from "./ConnectPanel.js";

afterEach(cleanup);

describe("ConnectPanel", () => {
  it("connects with the typed address and key, and shows the office", async () => {
    const s = setup(<ConnectPanel />, {
      lang: "fr",
      options: {
        fetch: fakeFetch({
          "GET /v1/me": () => ({ body: meResponse() }),
          "GET /v1/task-templates": () => ({ body: { data: [{ name: "TVA", clientCount: 3 }] } }),
        }),
      },
    });
    await s.user.type(screen.getByLabelText(/Adresse du serveur/), "https://pb.example.be");
    await s.user.type(screen.getByLabelText(/Clé API/), "pb_test_staff_key");
    await s.user.click(screen.getByRole("button", { name: "Se connecter" }));
    await waitFor(() => expect(s.store.getState().connected?.office).toBe("Kantoor Demo"));
    expect(s.store.getState().tab).toBe("data");
    expect(s.store.getState().templates).toEqual([{ name: "TVA", clientCount: 3 }]);
  });

  it("explains a refused key in the user's language and keeps what was typed", async () => {
    const s = setup(<ConnectPanel />, {
      lang: "nl",
      options: {
        fetch: fakeFetch({ "GET /v1/me": () => ({ status: 401, body: { code: "unauthorized" } }) }),
      },
    });
    await s.user.type(screen.getByLabelText(/Adres van de server/), "https://pb.example.be");
    await s.user.type(screen.getByLabelText(/API-sleutel/), "pb_wrong_key_123");
    await s.user.click(screen.getByRole("button", { name: "Verbinden" }));
    await waitFor(() =>
      expect(s.store.getState().message?.text("nl")).toBe(t("nl", "connect.error.unauthorized")),
    );
    expect((screen.getByLabelText(/API-sleutel/) as HTMLInputElement).value).toBe(
      "pb_wrong_key_123",
    );
    expect(s.store.getState().connected).toBeNull();
  });

  it("warns a read-only key and disconnects", async () => {
    const s = setup(<ConnectPanel />, {
      state: {
        creds: { baseUrl: "https://pb.example.be", apiKey: "pb_test_service_key" },
        connected: { office: "Kantoor Demo", key: "service key", role: "service", canPush: false },
      },
    });
    expect(screen.getByText(t("en", "connect.readOnly"))).toBeTruthy();
    await s.user.click(screen.getByRole("button", { name: "Disconnect" }));
    expect(s.store.getState().creds).toBeNull();
    expect(s.store.getState().connected).toBeNull();
  });
});
