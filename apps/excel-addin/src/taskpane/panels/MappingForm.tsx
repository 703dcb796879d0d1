/** Which column of the user's sheet holds which field; guessed, saved per set of headers. */
import { Button, Field, Select } from "@fluentui/react-components";
import { columns } from "../../features/sheet/columns.js";
import { useActions, useT } from "../store/hooks.js";
import { usePane } from "../store/store.js";

export function MappingForm() {
  const { lang, tr } = useT();
  const a = useActions();
  const p = usePane((s) => s.pendingMapping);
  if (!p) return null;
  return (
    <form
      className="mapping"
      onSubmit={(e) => {
        e.preventDefault();
        void a.data.confirmMapping();
      }}
    >
      <h3>{tr("data.mapping")}</h3>
      {columns.map((col) => (
        <Field key={col.key} label={col.labels[lang]}>
          <Select
            id={`pb-map-${col.key}`}
            value={p.mapping[col.key] ?? ""}
            onChange={(_, d) => a.data.setMapping(col.key, d.value)}
          >
            <option value="">{tr("data.mapping.none")}</option>
            {p.headers.map((h) => (
              <option key={h} value={h}>
                {h}
              </option>
            ))}
          </Select>
        </Field>
      ))}
      <div className="actions">
        <Button type="submit" appearance="primary" id="pb-map-confirm">
          {tr("data.mapping.confirm")}
        </Button>
      </div>
    </form>
  );
}
