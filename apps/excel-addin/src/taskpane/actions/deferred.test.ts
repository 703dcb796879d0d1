import { describe, expect, it } from "vitest";
import { deferredActions } from "./deferred.js";
import type { Actions } from "./index.js";

describe("the actions' stand-in before they load", () => {
  it("makes each call on the real actions once they are there, with its arguments", async () => {
    const calls: unknown[][] = [];
    let load: (a: Actions) => void = () => {};
    const ready = new Promise<Actions>((done) => {
      load = done;
    });
    const stand = deferredActions(ready);
    const shown = stand.data.show("validate");
    const palette = stand.setPalette(true);
    expect(calls).toEqual([]);
    load({
      data: { show: (tab: string) => calls.push(["show", tab]) },
      setPalette: (open: boolean) => {
        calls.push(["palette", open]);
        return "opened";
      },
    } as unknown as Actions);
    await Promise.all([shown, palette]);
    expect(calls).toEqual([
      ["show", "validate"],
      ["palette", true],
    ]);
    expect(await palette).toBe("opened");
  });
});
