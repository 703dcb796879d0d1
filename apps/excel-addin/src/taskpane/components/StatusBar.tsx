/** The status bar: which office, how old the server's cache is, and the sheet's state. */
import { Button } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { formatAge, formatTime } from "../../i18n/ui.js";
import { useActions, useBusy, useT } from "../store/hooks.js";
import { usePaneFields } from "../store/store.js";

/** Re-renders every 30 s so ages stay true without a store update. */
function useNow(ms = 30_000) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [ms]);
  return now;
}

export function StatusBar() {
  const { lang, tr } = useT();
  const a = useActions();
  const busy = useBusy();
  const now = useNow();
  const s = usePaneFields((x) => ({
    office: x.connected?.office ?? null,
    cache: x.cache,
    pulledAt: x.pulledAt,
    edited: x.edited.size,
    canPull: x.creds !== null,
    // What the sync could not map from AdminPulse (issue 12's `sourceProblems` per client).
    sourceProblems: [...x.pulledClients.values()].filter((c) => c.sourceProblems?.length).length,
  }));
  const age = s.cache ? s.cache.ageSeconds + Math.max(0, (now - s.cache.readAt) / 1000) : null;
  return (
    <footer className="pb-status" id="pb-status">
      <span id="pb-status-office">
        {s.office ? `${tr("status.office")}: ${s.office}` : tr("status.notConnected")}
      </span>
      {s.office ? (
        <span id="pb-status-cache">
          {age === null
            ? tr("status.cacheUnknown")
            : tr("status.cache", { age: formatAge(lang, age) })}{" "}
          <Button
            size="small"
            appearance="transparent"
            id="pb-refresh"
            disabledFocusable={busy || !s.canPull}
            onClick={() => void a.data.doPull()}
          >
            {tr("status.refresh")}
          </Button>
        </span>
      ) : null}
      <span id="pb-status-sheet">
        {s.pulledAt
          ? tr("status.pulledAt", { when: formatTime(lang, new Date(s.pulledAt)) })
          : tr("status.notPulled")}
        {s.edited ? ` · ${tr("status.unpushed", { count: s.edited })}` : ""}
      </span>
      {s.sourceProblems ? (
        <span id="pb-status-source" className="warning">
          {`⚠ ${tr("status.sourceProblems", { count: s.sourceProblems })}`}
        </span>
      ) : null}
    </footer>
  );
}
