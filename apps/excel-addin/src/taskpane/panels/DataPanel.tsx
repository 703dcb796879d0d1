/** Step 2: which clients to pull, or start from a sheet the user already has. */
import { Button, Field, Input, Radio, RadioGroup, Select } from "@fluentui/react-components";
import type { PullQuery } from "../../features/pull/pull.js";
import type { UiKey } from "../../i18n/ui.js";
import { PanelHeading } from "../components/PanelHeading.js";
import { useActions, useBusy, useT } from "../store/hooks.js";
import { usePaneFields } from "../store/store.js";
import { MappingForm } from "./MappingForm.js";
import { PullConfirm } from "./PullConfirm.js";

const modes: PullQuery["mode"][] = ["all", "taskTemplate", "search"];

export function DataPanel() {
  const { tr } = useT();
  const a = useActions();
  const busy = useBusy();
  const s = usePaneFields((x) => ({
    mode: x.pullMode,
    template: x.pullTemplate,
    search: x.pullSearch,
    templates: x.templates,
    sheets: x.sheets,
    mapSheet: x.mapSheet,
    connected: x.creds !== null,
    pending: x.pendingMapping !== null,
  }));
  const set = a.ctx.set;
  return (
    <section>
      <PanelHeading>{tr("data.heading")}</PanelHeading>
      <PullConfirm />
      <Field label={tr("data.mode")}>
        <RadioGroup
          value={s.mode}
          onChange={(_, d) => set({ pullMode: d.value as PullQuery["mode"] })}
        >
          {modes.map((mode) => (
            <Radio
              key={mode}
              id={`pb-mode-${mode}`}
              value={mode}
              label={tr(`data.mode.${mode}` as UiKey)}
            />
          ))}
        </RadioGroup>
      </Field>
      {s.mode === "taskTemplate" ? (
        <Field label={tr("data.taskTemplate")}>
          <Select
            id="pb-template"
            value={s.template}
            onChange={(_, d) => set({ pullTemplate: d.value })}
          >
            {s.templates.map((t) => (
              <option key={t.name} value={t.name}>{`${t.name} (${t.clientCount})`}</option>
            ))}
          </Select>
        </Field>
      ) : null}
      {s.mode === "search" ? (
        <Field label={tr("data.search")}>
          <Input
            id="pb-search"
            type="search"
            value={s.search}
            onChange={(_, d) => set({ pullSearch: d.value })}
          />
        </Field>
      ) : null}
      <div className="actions">
        <Button
          appearance="primary"
          id="pb-pull"
          disabledFocusable={busy || !s.connected}
          onClick={() => void a.data.doPull()}
        >
          {tr("data.pull")}
        </Button>
      </div>
      <h2>{tr("data.orSheet")}</h2>
      <Field label={tr("data.sheet")}>
        <Select
          id="pb-map-sheet"
          value={s.mapSheet}
          onChange={(_, d) => set({ mapSheet: d.value })}
        >
          {s.sheets.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </Select>
      </Field>
      <div className="actions">
        <Button id="pb-map" disabledFocusable={busy} onClick={() => void a.data.startMapping()}>
          {tr("data.useSheet")}
        </Button>
      </div>
      {s.pending ? <MappingForm /> : null}
    </section>
  );
}
