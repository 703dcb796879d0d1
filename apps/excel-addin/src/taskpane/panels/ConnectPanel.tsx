/** Step 1: the server's address and an API key. */
import { Button, Field, Input } from "@fluentui/react-components";
import { useContext } from "react";
import { PanelHeading } from "../components/PanelHeading.js";
import { useActions, useBusy, useT } from "../store/hooks.js";
import { StoreContext, usePane } from "../store/store.js";
import { connectedText } from "./connected-text.js";

export function ConnectPanel() {
  const { lang, tr } = useT();
  const a = useActions();
  const busy = useBusy();
  const creds = usePane((s) => s.creds);
  const connected = usePane((s) => s.connected);
  const draft = usePane((s) => s.draft);
  // The store itself, not the actions' ctx: the form is typed into before the actions load (mount.tsx).
  const store = useContext(StoreContext);
  const setDraft = (patch: Partial<typeof draft>) =>
    store?.setState({ draft: { ...store.getState().draft, ...patch } });
  const url = draft.url || creds?.baseUrl || "";
  const key = draft.key || creds?.apiKey || "";
  return (
    <section>
      <PanelHeading>{tr("connect.heading")}</PanelHeading>
      {connected ? <p className="ok">{connectedText(lang, connected)}</p> : null}
      {connected && !connected.canPush ? <p className="warning">{tr("connect.readOnly")}</p> : null}
      <form
        // Our own checks speak the user's language; the browser's bubbles follow its locale.
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const form = e.currentTarget;
          const value = (name: string) =>
            (form.elements.namedItem(name) as HTMLInputElement | null)?.value ?? "";
          void a.connect.doConnect(value("url"), value("key"));
        }}
      >
        <Field label={tr("connect.url")} required>
          <Input
            id="pb-url"
            name="url"
            type="url"
            autoComplete="url"
            value={url}
            onChange={(_, d) => setDraft({ url: d.value })}
          />
        </Field>
        <Field label={tr("connect.key")} hint={tr("connect.keyHint")} required>
          <Input
            id="pb-key"
            name="key"
            type="password"
            autoComplete="off"
            value={key}
            onChange={(_, d) => setDraft({ key: d.value })}
          />
        </Field>
        <div className="actions">
          <Button type="submit" appearance="primary" id="pb-connect" disabledFocusable={busy}>
            {tr("connect.submit")}
          </Button>
          {creds ? (
            <Button type="button" id="pb-disconnect" onClick={a.connect.disconnect}>
              {tr("connect.disconnect")}
            </Button>
          ) : null}
        </div>
      </form>
    </section>
  );
}
