// @vitest-environment happy-dom
import { cleanup, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { createPersonStore } from "../../features/push/person.js";
import { problemMessage } from "../../i18n/problems.js";
import { t } from "../../i18n/ui.js";
import type { PaneOptions } from "../actions/context.js";
import { fakeFetch, memoryStorage, setup } from "../test-support.js";
import { PushResult } from "./PushResult.js";

afterEach(cleanup);
const startsWith = (text: string) => (name: string) => name.startsWith(text);

const pushed = {
  id: "imp_1",
  source: "excel",
  createdBy: "An",
  createdAt: "2026-12-03T08:00:00Z",
  status: "accepted" as const,
  counts: { rows: 1, created: 1, updated: 0, unchanged: 0, rejected: 0 },
  rejected: [],
};
const withdrawnAnswer = (body: { by: string; reason?: string }) => ({
  ...pushed,
  status: "withdrawn",
  withdrawn: { at: "2026-12-03T09:30:00Z", by: body.by, reason: body.reason ?? null },
});

type Sent = { key: string; body: { by: string; reason?: string } };
function render(
  o: {
    fetch?: PaneOptions["fetch"];
    storage?: PaneOptions["storage"];
    lang?: "nl" | "en";
    canPush?: boolean;
    status?: "accepted" | "rejected";
  } = {},
) {
  const sent: Sent[] = [];
  const fetch: PaneOptions["fetch"] =
    o.fetch ??
    (async (input, init) => {
      const req = input instanceof Request ? input : new Request(String(input), init);
      const body = (await req.clone().json()) as Sent["body"];
      sent.push({ key: req.headers.get("idempotency-key") ?? "", body });
      return fakeFetch({
        "POST /v1/imports/imp_1/withdraw": () => ({ body: withdrawnAnswer(body) }),
      })(req);
    });
  const s = setup(<PushResult result={{ ...pushed, status: o.status ?? "accepted" }} />, {
    lang: o.lang,
    options: { fetch, ...(o.storage ? { storage: o.storage } : {}) },
    state: {
      creds: { baseUrl: "https://pb.example.be", apiKey: "pb_test_staff_key" },
      connected: {
        office: "Kantoor Demo",
        key: "staff key",
        role: "staff",
        canPush: o.canPush ?? true,
      },
      pushResult: { ...pushed, status: o.status ?? "accepted" },
    },
  });
  return { ...s, sent };
}

describe("WithdrawImport", () => {
  it("asks who and why, withdraws with an Idempotency-Key, remembers the person and shows the withdrawn state", async () => {
    const storage = memoryStorage();
    const s = render({ storage });
    await s.user.click(screen.getByRole("button", { name: t("en", "withdraw.open") }));
    const dialog = await screen.findByRole("dialog", { name: t("en", "withdraw.title") });
    expect(dialog.textContent).toContain(t("en", "withdraw.what", { id: "imp_1" }));
    const person = within(dialog).getByRole("textbox", {
      name: startsWith(t("en", "withdraw.person")),
    });
    // Nobody named yet: the dialog says so in the user's language and sends nothing.
    await s.user.click(within(dialog).getByRole("button", { name: t("en", "withdraw.confirm") }));
    expect((await within(dialog).findByRole("alert")).textContent).toBe(
      t("en", "withdraw.personInvalid"),
    );
    expect(s.sent).toEqual([]);
    await s.user.type(person, "  An Peeters ");
    await s.user.type(
      within(dialog).getByRole("textbox", { name: startsWith(t("en", "withdraw.reason")) }),
      "Wrong sheet",
    );
    await s.user.click(within(dialog).getByRole("button", { name: t("en", "push.retry") }));
    await screen.findByRole("heading", { name: t("en", "withdraw.doneHeading") });
    expect(s.sent).toHaveLength(1);
    expect(s.sent[0]?.body).toEqual({ by: "An Peeters", reason: "Wrong sheet" });
    expect(s.sent[0]?.key).toMatch(/^[0-9a-f-]{36}$/);
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(screen.getByText(/^Withdrawn by An Peeters on /)).toBeTruthy();
    expect(
      screen.getByText(t("en", "withdraw.doneReason", { reason: "Wrong sheet" })),
    ).toBeTruthy();
    expect(screen.queryByRole("button", { name: t("en", "withdraw.open") })).toBeNull();
    expect(createPersonStore(storage).get()).toBe("An Peeters");
    expect(s.store.getState().withdrawn?.importId).toBe("imp_1");
  });

  it("shows the server's refusal in the user's language; a retry sends the same key; the person is filled in", async () => {
    const storage = memoryStorage();
    createPersonStore(storage).set("Els Maes");
    const keys: string[] = [];
    let refuse = true;
    const s = render({
      lang: "nl",
      storage,
      fetch: async (input, init) => {
        const req = input instanceof Request ? input : new Request(String(input), init);
        keys.push(req.headers.get("idempotency-key") ?? "");
        if (refuse) {
          refuse = false;
          return new Response(
            JSON.stringify({
              type: "about:blank",
              title: "x",
              status: 409,
              code: "import_not_withdrawable",
              detail: "x",
            }),
            { status: 409, headers: { "content-type": "application/problem+json" } },
          );
        }
        const body = (await req.json()) as Sent["body"];
        return Response.json(withdrawnAnswer(body));
      },
    });
    await s.user.click(screen.getByRole("button", { name: t("nl", "withdraw.open") }));
    const dialog = await screen.findByRole("dialog");
    const person = within(dialog).getByRole("textbox", {
      name: startsWith(t("nl", "withdraw.person")),
    });
    expect((person as HTMLInputElement).value).toBe("Els Maes");
    await s.user.click(within(dialog).getByRole("button", { name: t("nl", "withdraw.confirm") }));
    expect((await within(dialog).findByRole("alert")).textContent).toBe(
      problemMessage("import_not_withdrawable", "nl"),
    );
    expect(screen.queryByRole("heading", { name: t("nl", "withdraw.doneHeading") })).toBeNull();
    await s.user.click(within(dialog).getByRole("button", { name: t("nl", "push.retry") }));
    await screen.findByRole("heading", { name: t("nl", "withdraw.doneHeading") });
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe(keys[1]);
    // Focus goes to the withdrawn note, not to the page's body.
    await waitFor(() => expect(document.activeElement?.id).toBe("pb-withdrawn"));
    // Cancelling a new dialog would have sent nothing: the key is per dialog.
  });

  it("cancel sends nothing; no button for a read-only key or an import rejected whole", async () => {
    const s = render();
    await s.user.click(screen.getByRole("button", { name: t("en", "withdraw.open") }));
    const dialog = await screen.findByRole("dialog");
    await s.user.click(within(dialog).getByRole("button", { name: t("en", "withdraw.cancel") }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(s.sent).toEqual([]);
    cleanup();
    render({ canPush: false });
    expect(screen.queryByRole("button", { name: t("en", "withdraw.open") })).toBeNull();
    cleanup();
    render({ status: "rejected" });
    expect(screen.queryByRole("button", { name: t("en", "withdraw.open") })).toBeNull();
  });
});
