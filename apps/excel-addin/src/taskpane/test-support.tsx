/**
 * For the components' tests (Testing Library in happy-dom): a pane's store and actions over an
 * in-memory workbook, a sheet of clients already validated, and a render inside the providers.
 */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { noAddress, reconcile, type UiLanguage } from "@pulsebridge/core";
import { render } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReactElement } from "react";
import { headersFor } from "../features/map-columns/guess.js";
import { defaultTable } from "../features/pull/pull.js";
import { initialChoices } from "../features/review/choices.js";
import { columns, type FieldKey } from "../features/sheet/columns.js";
import { createMemoryWorkbook } from "../workbook/memory.js";
import type { PaneOptions } from "./actions/context.js";
import { createActions } from "./actions/index.js";
import { ActionsContext } from "./store/hooks.js";
import { initialState, type PaneState } from "./store/state.js";
import { createPaneStore, StoreContext } from "./store/store.js";

/**
 * happy-dom does no layout, so every box is 0 px and a virtual list would show nothing. Give the
 * lists' scroll areas a height and their rows one, as a browser would (real layout is tested in
 * Chromium by test/browser).
 */
export function fakeLayout() {
  const proto = HTMLElement.prototype;
  const heightOf = (el: HTMLElement) => (el.classList.contains("pb-vlist-scroll") ? 400 : 40);
  Object.defineProperty(proto, "offsetHeight", {
    configurable: true,
    get(this: HTMLElement) {
      return heightOf(this);
    },
  });
  Object.defineProperty(proto, "clientHeight", {
    configurable: true,
    get(this: HTMLElement) {
      return heightOf(this);
    },
  });
  Object.defineProperty(proto, "offsetWidth", { configurable: true, get: () => 320 });
  Object.defineProperty(proto, "clientWidth", { configurable: true, get: () => 320 });
  proto.getBoundingClientRect = function (this: HTMLElement) {
    const height = heightOf(this);
    return DOMRect.fromRect({ x: 0, y: 0, width: 320, height });
  };
}
fakeLayout();
// happy-dom's Web Animations reject when Fluent cancels a dialog's motion on unmount; without
// `animate` Fluent skips motion, as it does in browsers that lack it.
Object.defineProperty(Element.prototype, "animate", { configurable: true, value: undefined });

export function memoryStorage() {
  const m = new Map<string, string>();
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
  };
}

export function setup(
  ui: ReactElement,
  o: { state?: Partial<PaneState>; lang?: UiLanguage; options?: Partial<PaneOptions> } = {},
) {
  const lang = o.lang ?? "en";
  const workbook = createMemoryWorkbook();
  const store = createPaneStore({ ...initialState(lang, null), ...o.state });
  const actions = createActions(store, {
    workbook,
    storage: memoryStorage(),
    language: lang,
    fetch: async () => {
      throw new Error("no network in component tests");
    },
    ...o.options,
  });
  const user = userEvent.setup();
  const view = render(
    <StoreContext.Provider value={store}>
      <ActionsContext.Provider value={actions}>
        <FluentProvider theme={webLightTheme}>{ui}</FluentProvider>
      </ActionsContext.Provider>
    </StoreContext.Provider>,
  );
  return { store, actions, workbook, user, ...view };
}

/** A row of our columns from a few fields. */
export const row = (values: Partial<Record<FieldKey, string>>) =>
  columns.map((c) => values[c.key] ?? "");

/** Writes clients into the default table and validates them, as a pull would. */
export async function validatedSheet(
  s: ReturnType<typeof setup>,
  rows: Partial<Record<FieldKey, string>>[],
) {
  const { headers } = headersFor([], s.store.getState().lang);
  await s.workbook.writeTable(defaultTable, { headers, rows: rows.map(row) });
  s.store.setState({ table: defaultTable });
  await s.actions.validate.reload();
  await s.actions.validate.runValidation();
}

/** A cell of the pulled table by data row and header, as the sheet holds it. */
export function cellOf(
  s: ReturnType<typeof setup>,
  row: number,
  header: string,
): string | undefined {
  const grid = s.workbook.sheets.get(defaultTable.sheet)?.grid;
  return grid?.[row + 1]?.[grid[0]?.indexOf(header) ?? -1];
}

/** Three clients: a lost leading zero (safe fix), a checksum typo (guesses), a broken e-mail. */
export const dirtyClients: Partial<Record<FieldKey, string>>[] = [
  { adminpulseId: "ap-1", name: "Peeters BV", kind: "Vennootschap", enterpriseNumber: "403019261" },
  {
    adminpulseId: "ap-2",
    name: "Janssens NV",
    kind: "Vennootschap",
    enterpriseNumber: "0403.019.262",
  },
  { adminpulseId: "ap-3", name: "Maes SRL", kind: "Vennootschap", email: "info(at)maes.be" },
];

export { rejectedIssue } from "../../test/support/fake-server.js";

/** A fetch that answers like the worker for the few routes a component test needs. */
export function fakeFetch(
  routes: Record<
    string,
    (body: unknown) => { status?: number; body: unknown; headers?: Record<string, string> }
  >,
): typeof fetch {
  return async (input, init) => {
    // The API client (openapi-fetch) sends a Request object; plain calls send a URL and init.
    const request = input instanceof Request ? input : new Request(String(input), init);
    const url = new URL(request.url);
    const key = `${request.method} ${url.pathname}`;
    const route = routes[key];
    if (!route) return new Response(JSON.stringify({ code: "not_found" }), { status: 404 });
    const text = await request.text();
    const r = route(text ? JSON.parse(text) : undefined);
    return new Response(JSON.stringify(r.body), {
      status: r.status ?? 200,
      headers: { "content-type": "application/json", ...r.headers },
    });
  };
}

export const meResponse = (role = "staff") => ({
  office: { id: "off_1", name: "Kantoor Demo" },
  key: { id: "key_1", prefix: "pb_test", role, name: `${role} key` },
  adminpulse: { connected: true, status: "active", expiresAt: null, expiry: null, reason: null },
});

/**
 * A sheet of two clients reviewed against PulseBridge with core's own reconcile: "Peeters BV"
 * exists there with another city (one difference), "Nieuw BV" is new.
 */
export async function reviewedSheet(s: ReturnType<typeof setup>) {
  await validatedSheet(s, [
    {
      adminpulseId: "ap-1",
      name: "Peeters BV",
      kind: "Vennootschap",
      enterpriseNumber: "0403.019.261",
      city: "Gent",
    },
    { name: "Nieuw BV", kind: "Vennootschap", enterpriseNumber: "0200.000.142" },
  ]);
  const results = s.store.getState().validation?.results ?? [];
  const first = results[0]?.client;
  if (!first) throw new Error("row 2 did not parse");
  const address = first.address ?? noAddress;
  const existing = [
    { id: "cl_1", client: { ...first, address: { ...address, city: "Antwerpen" } } },
  ];
  const review = reconcile(s.actions.review.pushableRows(), existing);
  s.store.setState({
    review,
    choices: initialChoices(review),
    creds: { baseUrl: "https://pb.example.be", apiKey: "pb_test_staff_key" },
  });
  return review;
}

/**
 * What has focus the moment `selector` first appears, read by a MutationObserver (a microtask
 * after the commit that adds it), as a browser test or a fast typist sees it. Testing Library's
 * act() flushes passive effects before returning, so trigger the change outside it (a native
 * click, a store update) for this to see the gap a passive effect leaves.
 */
export function focusWhenShown(selector: string, withinMs = 2000): Promise<string> {
  return new Promise((resolve, reject) => {
    // An element that never appears fails with its selector named, not on the test's timeout.
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`${selector} did not appear within ${withinMs} ms`));
    }, withinMs);
    const observer = new MutationObserver(() => {
      if (!document.querySelector(selector)) return;
      observer.disconnect();
      clearTimeout(timer);
      const active = document.activeElement;
      resolve(active?.id || active?.tagName.toLowerCase() || "none");
    });
    observer.observe(document.body, { childList: true, subtree: true });
  });
}
