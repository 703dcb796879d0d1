/**
 * The session's state: one plain object in one store (docs/adr: the task pane's store). Features
 * mutate `sheet` and `validation.results` in place for speed; every such change replaces the
 * owning object or bumps `sheetVersion`, so components that read them render again.
 */
import type {
  ClientResource,
  ImportLink,
  ImportResponse,
  MeResponse,
  ReconcileChoices,
  ReconcileResult,
  UiLanguage,
} from "@pulsebridge/core";
import type { ApiError } from "../../api/client.js";
import type { Credentials } from "../../features/connect/connect.js";
import type { PullSummary } from "../../features/pull/merge.js";
import type { PullQuery } from "../../features/pull/pull.js";
import type { SheetRegister } from "../../features/register/register.js";
import type { FieldKey, Mapping } from "../../features/sheet/columns.js";
import type { LoadedSheet } from "../../features/sheet/model.js";
import type { Validation } from "../../features/validate/validate.js";
import type { UiKey } from "../../i18n/ui.js";
import type { TableRef } from "../../workbook/types.js";

export const tabs = ["connect", "data", "validate", "review", "push"] as const;
export type Tab = (typeof tabs)[number];
export type ThemeName = "light" | "dark" | "contrast";

/** A message kept as a function of the language, so it follows a language switch. */
export type Message = { kind: "info" | "error" | "success"; text: (lang: UiLanguage) => string };

export interface Connected {
  office: string;
  key: string;
  role: string;
  canPush: boolean;
}

export interface Busy {
  controller: AbortController;
  label: UiKey;
  done: number;
  total: number | null;
}

/** What the last push did to the rows on the sheet, so their status can be rewritten. */
export interface Sent {
  id: string;
  refs: Set<string>;
  rejected: Set<string>;
  /** Rows edited before the push: a row found rejected later is edited again. */
  editedBefore: Set<number>;
}

export interface PaneState {
  lang: UiLanguage;
  theme: ThemeName;
  tab: Tab;
  creds: Credentials | null;
  connected: Connected | null;
  templates: { name: string; clientCount: number }[];
  table: TableRef | null;
  sheet: LoadedSheet | null;
  /** Bumped whenever `sheet` is changed in place (a fix, an edit). */
  sheetVersion: number;
  validation: Validation | null;
  skipped: Map<number, string>;
  pulled: Map<string, ImportLink[]>;
  cursor: { row: number; column: FieldKey | null } | null;
  review: ReconcileResult | null;
  choices: ReconcileChoices | null;
  pushResult: ImportResponse | null;
  pushError: ApiError | null;
  sent: Sent | null;
  /** The language changed while a step was running: rewrite the status column when it ends. */
  restatus: boolean;
  pendingMapping: null | { ref: TableRef; headers: string[]; mapping: Mapping };
  busy: Busy | null;
  message: Message | null;
  pullMode: PullQuery["mode"];
  pullTemplate: string;
  pullSearch: string;
  sheets: string[];
  mapSheet: string;
  /** What the user typed, kept when a connect fails. */
  draft: { url: string; key: string };
  pulledClients: Map<string, ClientResource>;
  register: SheetRegister | null;
  /** The server's cache: age when last read (X-Cache-Age) and when we read it (ms). */
  cache: { ageSeconds: number; readAt: number } | null;
  pulledAt: number | null;
  /** Data rows edited (by the user or a fix) since the last pull or push. */
  edited: Set<number>;
  paletteOpen: boolean;
  /** The office's AdminPulse connection as GET /v1/me describes it (status, expiry). */
  adminpulse: MeResponse["adminpulse"] | null;
  /** The office's latest full sync when it holds deletions for an admin's confirmation. */
  heldRun: { id: string; deletionsHeld: number; startedAt: string } | null;
  /** A re-pull waits here for the user to accept what it will do to the sheet. */
  pullConfirm: { summary: PullSummary; answer: (ok: boolean) => void } | null;
  /** Rows where the last pull found a cell changed by both the user and AdminPulse (kept). */
  conflicts: Map<number, FieldKey[]>;
  /** The last push's import, once withdrawn: when, by whom and why. */
  withdrawn: { importId: string; at: string; by: string; reason: string | null } | null;
}

export function initialState(lang: UiLanguage, creds: Credentials | null): PaneState {
  return {
    lang,
    theme: "light",
    tab: "connect",
    creds,
    connected: null,
    templates: [],
    table: null,
    sheet: null,
    sheetVersion: 0,
    validation: null,
    skipped: new Map(),
    pulled: new Map(),
    cursor: null,
    review: null,
    choices: null,
    pushResult: null,
    pushError: null,
    sent: null,
    restatus: false,
    pendingMapping: null,
    busy: null,
    message: null,
    pullMode: "all",
    pullTemplate: "",
    pullSearch: "",
    sheets: [],
    mapSheet: "",
    draft: { url: "", key: "" },
    pulledClients: new Map(),
    register: null,
    cache: null,
    pulledAt: null,
    edited: new Set(),
    paletteOpen: false,
    adminpulse: null,
    heldRun: null,
    pullConfirm: null,
    conflicts: new Map(),
    withdrawn: null,
  };
}
