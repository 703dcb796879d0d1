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

export type SourceResult<T> =
  | { ok: true; value: T }
  | { ok: false; error: { kind: SourceErrorKind; message: string } };

export interface SourceRecord {
  adminpulseId: string;
  client: Client;
  taskTemplates: string[];
}

export interface SourcePage {
  /** Relations that mapped to a valid client. */
  records: SourceRecord[];
  /** Every relation id on the page, mapped or not: an unmappable relation is still not deleted. */
  seenIds: string[];
  pageCount: number;
  totalRowCount: number;
}

export interface RelationSource {
  /** 0-based page of the relation list. */
  listPage(page: number, pageSize: number): Promise<SourceResult<SourcePage>>;
  /** `null` when AdminPulse has no such relation (any more). */
  getById(adminpulseId: string): Promise<SourceResult<SourceRecord | null>>;
  findByEnterpriseNumber(normalized: string): Promise<SourceResult<SourceRecord | null>>;
}

/** Everything needed to talk to one office's AdminPulse account. */
export interface SourceCredential {
  token: string;
  /** SHA-256 of the token: the key of the shared rate-limit window. */
  fingerprint: string;
}
