// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { useState } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { setup } from "../test-support.js";
import { VirtualList } from "./VirtualList.js";

afterEach(cleanup);

const names = Array.from({ length: 5_000 }, (_, i) => `Client ${i + 1}`);

function Harness({ initial, lite }: { initial: string[]; lite?: boolean }) {
  const [items, setItems] = useState(initial);
  return (
    <VirtualList
      id="l"
      label="Clients"
      items={items}
      getKey={(x) => x}
      searchText={(x) => x}
      onEnter={(x) => setItems(items.filter((i) => i !== x))}
      render={(x) => x}
      renderLite={lite ? (x) => `light ${x}` : undefined}
    />
  );
}

const rows = () => within(screen.getByRole("list", { name: "Clients" })).queryAllByRole("listitem");

describe("VirtualList", () => {
  it("holds every item but renders only a window of them", () => {
    setup(<Harness initial={names} />);
    const list = screen.getByRole("list", { name: "Clients" });
    expect(list.getAttribute("data-total")).toBe("5000");
    expect(rows().length).toBeGreaterThan(5);
    expect(rows().length).toBeLessThan(40);
    expect(rows()[0]?.getAttribute("aria-setsize")).toBe("5000");
  });

  it("moves with the arrow keys, End and Home, with one row in the tab order", async () => {
    const s = setup(<Harness initial={names} />);
    rows()[0]?.focus();
    await s.user.keyboard("{ArrowDown}{ArrowDown}");
    await waitFor(() => expect(document.activeElement?.textContent).toBe("Client 3"));
    expect(rows().filter((r) => r.tabIndex === 0).length).toBe(1);
    await s.user.keyboard("{End}");
    await waitFor(() => expect(document.activeElement?.textContent).toBe("Client 5000"));
    await s.user.keyboard("{Home}");
    await waitFor(() => expect(document.activeElement?.textContent).toBe("Client 1"));
  });

  it("renders again only the rows whose state changed when the list itself renders", async () => {
    // A stable renderer (as a panel's is between its own renders): the list renders on every
    // scrolled frame and on every move, and rows that did not change must not be rebuilt.
    const renders = new Map<string, number>();
    const render = (x: string) => {
      renders.set(x, (renders.get(x) ?? 0) + 1);
      return x;
    };
    const getKey = (x: string) => x;
    const s = setup(
      <VirtualList id="l" label="Clients" items={names} getKey={getKey} render={render} />,
    );
    rows()[0]?.focus();
    const before = new Map(renders);
    await s.user.keyboard("{ArrowDown}");
    await waitFor(() => expect(document.activeElement?.textContent).toBe("Client 2"));
    // The row left and the row reached change state; Client 5 was on screen and did not.
    expect(renders.get("Client 1")).toBeGreaterThan(before.get("Client 1") ?? 0);
    expect(renders.get("Client 2")).toBeGreaterThan(before.get("Client 2") ?? 0);
    expect(before.get("Client 5")).toBeGreaterThan(0);
    expect(renders.get("Client 5")).toBe(before.get("Client 5"));
  });

  it("searches without accents or case", async () => {
    const s = setup(<Harness initial={["Société Générale", "Bakkerij Janssens"]} />);
    await s.user.type(screen.getByLabelText("Search: Clients"), "societe");
    await waitFor(() => expect(rows().map((r) => r.textContent)).toEqual(["Société Générale"]));
    expect(screen.getByText("1 of 2")).toBeTruthy();
  });

  it("when the focused row goes away, focus moves to the row in its place, not to the body", async () => {
    const s = setup(<Harness initial={names.slice(0, 50)} />);
    rows()[0]?.focus();
    await s.user.keyboard("{ArrowDown}{ArrowDown}");
    await waitFor(() => expect(document.activeElement?.textContent).toBe("Client 3"));
    await s.user.keyboard("{Enter}");
    await waitFor(() => expect(document.activeElement?.textContent).toBe("Client 4"));
    expect(screen.getByRole("list", { name: "Clients" }).getAttribute("data-total")).toBe("49");
  });

  it("shows light rows for rows entering while it scrolls, and full rows once it rests", async () => {
    setup(<Harness initial={names} lite />);
    const list = screen.getByRole("list", { name: "Clients" });
    expect(rows().every((r) => !r.hasAttribute("data-light"))).toBe(true);
    list.scrollTop = 3_600;
    fireEvent.scroll(list);
    // Checked in the same render as they are seen (the list rests again 150 ms after the scroll).
    let seen = "";
    await waitFor(() => {
      const light = rows().find((r) => r.hasAttribute("data-light"));
      expect(light).toBeTruthy();
      // Light rows keep the estimated height, so nothing below them moves.
      seen = `${light?.textContent} ${light?.style.height}`;
    });
    expect(seen).toMatch(/^light Client \d+ 36px$/);
    // The active row (the tab stop) is never light.
    expect(rows().find((r) => r.tabIndex === 0)?.textContent).toBe("Client 1");
    await waitFor(() => expect(rows().some((r) => r.hasAttribute("data-light"))).toBe(false));
    expect(rows().some((r) => r.textContent === "Client 101")).toBe(true);
  });
});
