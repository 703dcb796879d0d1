/** The status bar: which office, how old the server's cache is, and the sheet's state. */
import { Button } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { formatAge, formatDate, formatTime, type UiKey } from "../../i18n/ui.js";
import { useActions, useBusy, useT } from "../store/hooks.js";
import type { PaneState } from "../store/state.js";
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

/** Warn this long before the AdminPulse connection expires (the worker's `expiring` window). */
const expiryWarning = 14 * 86_400_000;

/**
 * The AdminPulse connection in one phrase; null when nothing is worth saying. The worker's
 * `expiry` decides (it also knows AdminPulse's 401 "expired" and refused refreshes); `expiresAt`
 * alone is read the same way for a worker without it.
 */
export function adminpulseState(
  ap: PaneState["adminpulse"],
  now: number,
): { key: UiKey; warn: boolean; until: number | null } | null {
  if (!ap) return null;
  if (!ap.connected) return { key: "status.apNotConnected", warn: true, until: null };
  const date = ap.expiresAt ? Date.parse(ap.expiresAt) : Number.NaN;
  const days = ap.expiry?.daysLeft;
  const until = Number.isFinite(date)
    ? date
    : typeof days === "number"
      ? now + days * 86_400_000
      : null;
  const state =
    ap.expiry?.status ??
    (until === null
      ? "ok"
      : until <= now
        ? "expired"
        : until - now < expiryWarning
          ? "expiring"
          : "ok");
  if (state === "expired" || ap.status === "expired")
    return { key: "status.apExpired", warn: true, until: null };
  if (ap.status === "invalid") return { key: "status.apInvalid", warn: true, until: null };
  if (ap.status === "refresh_unavailable")
    return { key: "status.apRefreshUnavailable", warn: true, until: null };
  if (state === "expiring") return { key: "status.apExpiresSoon", warn: true, until };
  if (until === null) return null;
  return { key: "status.apValidUntil", warn: false, until };
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
    adminpulse: x.adminpulse,
  }));
  const ap = adminpulseState(s.adminpulse, now);
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
      {ap ? (
        <span id="pb-status-adminpulse" className={ap.warn ? "warning" : ""} data-state={ap.key}>
          {`${ap.warn ? "⚠ " : ""}${tr(ap.key, {
            when:
              ap.until === null
                ? ""
                : ap.warn
                  ? formatAge(lang, (now - ap.until) / 1000)
                  : formatDate(lang, new Date(ap.until)),
          })}`}
        </span>
      ) : null}
      {s.sourceProblems ? (
        <span id="pb-status-source" className="warning">
          {`⚠ ${tr("status.sourceProblems", { count: s.sourceProblems })}`}
        </span>
      ) : null}
    </footer>
  );
}
