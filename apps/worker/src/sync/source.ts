import type { Client } from "@pulsebridge/core";

/**
 * What the sync needs from AdminPulse, as a narrow port: the real client (packages/adminpulse) is
 * adapted to it in `adminpulse-source.ts`, and tests can drive the engine with `fake-source.ts`.
 * Failures are values (style §9); only the HTTP layer turns them into problems.
 */
export type SourceErrorKind =
  | "unauthorized"
  | "not_found"
  | "rate_limited"
  | "upstream"
  | "bad_request"
  | "bad_response"
  | "timeout"
  | "network"
  | "aborted";

export interface SourceError {
  kind: SourceErrorKind;
  message: string;
  /** For `unauthorized`: the scope the token lacks (e.g. `tasks.read`), when AdminPulse says so. */
  missingScope?: string | undefined;
  /** For `unauthorized`: AdminPulse's answer reads as an expired key or token, not a refusal. */
  expired?: boolean | undefined;
}

export type SourceResult<T> = { ok: true; value: T } | { ok: false; error: SourceError };

/**
 * One relation as a client. Task templates are not part of it: AdminPulse relations do not carry
 * them, only tasks do (`listTaskPage`, ADR 0012).
 */
export interface SourceRecord {
  adminpulseId: string;
  client: Client;
  /** What could not be mapped as-is (tolerant parsing): recorded on the client, never fatal. */
  problems?: SourceProblem[];
}

/**
 * One field AdminPulse sent that the mapping could not use as-is. `seen` says what arrived (a JSON
 * type, an unknown code, a format) — never the value of a personal field.
 */
export interface SourceProblem {
  code: string;
  field: string;
  seen: string;
}

/** That a relation has a task of a template: all the tasks phase keeps of a task. */
export interface TaskLink {
  /** The relation's `uniqueIdentifier` (the key tasks carry, adminpulse-api.md §4.3). */
  relationUid: string;
  templateName: string;
}

export interface TaskPage {
  /** The page's (relation, template) pairs, main tasks and subtasks alike, deduplicated. */
  links: TaskLink[];
  /** Tasks on the page, read or not (an empty page before the last keeps stored templates). */
  taskCount: number;
  /** Tasks on the page that could not be read (a field of the wrong type): their links are missing. */
  unreadable: number;
  pageCount: number;
  /** Null when AdminPulse did not say: then template removals wait (the scan cannot be checked). */
  totalRowCount: number | null;
}

export interface SourcePage {
  /** Relations that mapped to a valid client. */
  records: SourceRecord[];
  /** Every relation id on the page, mapped or not: an unmappable relation is still not deleted. */
  seenIds: string[];
  /** Relations on the page that could not even be keyed (no usable id): seen, but unnamed. */
  unkeyed?: number;
  /** Problems of relations that could not be mapped at all, for the run's counts. */
  problems?: SourceProblem[];
  pageCount: number;
  /** Null when AdminPulse did not say: then no scan can prove a relation is gone. */
  totalRowCount: number | null;
}

/** The keys a cached client knows its relation by. */
export interface RelationKeys {
  adminpulseId: string;
  uniqueIdentifier: string | null;
}

export interface RelationSource {
  /** 0-based page of the relation list. */
  listPage(page: number, pageSize: number): Promise<SourceResult<SourcePage>>;
  /**
   * One relation, by its APR code first and its UUID as the fallback. `null` when AdminPulse
   * answers 404 to both: that proves nothing alone (ADR 0013) and never deletes.
   */
  getRelation(keys: RelationKeys): Promise<SourceResult<SourceRecord | null>>;
  findByEnterpriseNumber(normalized: string): Promise<SourceResult<SourceRecord | null>>;
  /** 0-based page of the task list (`GET /tasks`, no filter): the only link to task templates. */
  listTaskPage(page: number, pageSize: number): Promise<SourceResult<TaskPage>>;
  /**
   * The responsible users' names (id → name). A relation carries only the id; names come from
   * `GET /users`, which the source reads only when a relation names an id it does not know, at most
   * once (ADR 0026): the office's list is kept across runs and refreshed by the light check.
   */
  userNames?: {
    /** The list this source read from `/users` (undefined until a read succeeded): to be kept. */
    read(): Record<string, string> | undefined;
    /** Hands over the kept list; `mayRead`: `/users` may still be read for an unknown id. */
    use(names: Record<string, string> | null, mayRead: boolean): void;
    /** Reads `/users` now (an old list's refresh); undefined when AdminPulse did not answer. */
    refresh(): Promise<Record<string, string> | undefined>;
  };
}

/** Everything needed to talk to one office's AdminPulse account. */
export interface SourceCredential {
  token: string;
  /** SHA-256 of the token: the key of the shared rate-limit window. */
  fingerprint: string;
}
