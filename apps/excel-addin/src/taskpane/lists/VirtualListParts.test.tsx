// @vitest-environment happy-dom
import { cleanup, screen } from "@testing-library/react";
import { useState } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { setup } from "../test-support.js";
import { ListHead, Row } from "./VirtualListParts.js";

afterEach(cleanup);

function Head({ searchable, onQuery }: { searchable: boolean; onQuery: (q: string) => void }) {
  const [query, setQuery] = useState("");
  return (
    <ListHead
      id="pb-new"
      label="Uniquement dans l'import (nouveaux)"
      searchable={searchable}
      query={query}
      onQuery={(q) => {
        onQuery(q);
        setQuery(q);
      }}
      shown="1 sur 2"
      searchLabel="Rechercher"
    />
  );
}

const rowProps = {
  index: 4,
  start: 160,
  size: 36,
  setSize: 5000,
  render: (x: string, s: { active: boolean; index: number }) =>
    `${x} ${s.active ? "active" : "idle"} ${s.index}`,
  rowClass: () => "rejected",
  measure: () => undefined,
};

describe("ListHead", () => {
  it("a search box named after its list, and the count in a polite live region", async () => {
    const onQuery = vi.fn();
    const s = setup(<Head searchable onQuery={onQuery} />);
    const box = screen.getByRole("searchbox", {
      name: "Rechercher: Uniquement dans l'import (nouveaux)",
    });
    expect(box.id).toBe("pb-new-search");
    await s.user.type(box, "gent");
    expect(onQuery).toHaveBeenLastCalledWith("gent");
    expect((box as HTMLInputElement).value).toBe("gent");
    const count = screen.getByText("1 sur 2");
    expect(count.getAttribute("aria-live")).toBe("polite");
  });

  it("a list that is not searchable shows only its count", () => {
    setup(<Head searchable={false} onQuery={() => undefined} />);
    expect(screen.queryByRole("searchbox")).toBeNull();
    expect(screen.getByText("1 sur 2")).toBeTruthy();
  });
});

describe("Row", () => {
  it("a full row: a list item placed in the set, measured, the tab stop when active", () => {
    const measure = vi.fn();
    setup(
      <Row
        item="Peeters BV"
        active
        light={undefined}
        onActive={() => undefined}
        {...rowProps}
        measure={measure}
      />,
    );
    const item = screen.getByRole("listitem");
    expect(item.textContent).toBe("Peeters BV active 4");
    expect(item.getAttribute("aria-setsize")).toBe("5000");
    expect(item.getAttribute("aria-posinset")).toBe("5");
    expect(item.tabIndex).toBe(0);
    expect(item.className).toContain("rejected");
    expect(item.style.transform).toBe("translateY(160px)");
    expect(item.style.height).toBe("");
    expect(measure).toHaveBeenCalledWith(item);
  });

  it("a light row: the stand-in's text at the estimated height, not measured, out of the tab order", () => {
    const measure = vi.fn();
    setup(
      <Row
        item="Peeters BV"
        active={false}
        light={(x) => `light ${x}`}
        onActive={() => undefined}
        {...rowProps}
        measure={measure}
      />,
    );
    const item = screen.getByRole("listitem");
    expect(item.textContent).toBe("light Peeters BV");
    expect(item.style.height).toBe("36px");
    expect(item.tabIndex).toBe(-1);
    expect(item.hasAttribute("data-light")).toBe(true);
    expect(measure).not.toHaveBeenCalled();
  });

  it("focus on the row or a control inside it makes it the active row", async () => {
    const onActive = vi.fn();
    const s = setup(
      <Row
        {...rowProps}
        item="Maes SRL"
        active={false}
        light={undefined}
        onActive={onActive}
        render={(x) => <button type="button">{`Go ${x}`}</button>}
      />,
    );
    await s.user.click(screen.getByRole("button", { name: "Go Maes SRL" }));
    expect(onActive).toHaveBeenLastCalledWith(4);
    onActive.mockClear();
    screen.getByRole("listitem").focus();
    expect(onActive).toHaveBeenCalledWith(4);
  });
});
