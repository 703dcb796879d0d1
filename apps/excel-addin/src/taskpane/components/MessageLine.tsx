/** The pane's one message line: an alert for errors, a polite status otherwise. */
import { useT } from "../store/hooks.js";
import { usePane } from "../store/store.js";

export function MessageLine() {
  const { lang } = useT();
  const message = usePane((s) => s.message);
  return (
    <div
      id="pb-message"
      className={`pb-message ${message?.kind ?? ""}`}
      role={message?.kind === "error" ? "alert" : "status"}
      aria-live="polite"
    >
      {message?.text(lang) ?? ""}
    </div>
  );
}
