import { describe, expect, it } from "vitest";
import { withImportSlot } from "./gate.js";

describe("withImportSlot", () => {
  it("runs one push at a time, lets two wait in order, refuses the next with import_busy", async () => {
    const order: string[] = [];
    let release!: () => void;
    const first = withImportSlot(async () => {
      order.push("1 start");
      await new Promise<void>((r) => {
        release = r;
      });
      order.push("1 end");
    });
    const second = withImportSlot(async () => void order.push("2"));
    const third = withImportSlot(async () => void order.push("3"));
    await expect(withImportSlot(async () => "4")).rejects.toMatchObject({ code: "import_busy" });
    expect(order).toEqual(["1 start"]);
    release();
    await Promise.all([first, second, third]);
    expect(order).toEqual(["1 start", "1 end", "2", "3"]);
    // Free again once the queue drained.
    expect(await withImportSlot(async () => "5")).toBe("5");
  });
});
