/**
 * Every code an `ApiError` can carry: the worker's closed list (from @pulsebridge/core) plus the
 * few the add-in raises itself when there is no problem+json to read.
 */
import { type ApiErrorCode, apiErrorCodes } from "@pulsebridge/core";

export const clientErrorCodes = [
  /** No answer: offline, wrong address, CORS refused. */
  "network",
  /** An answer that is not the worker's (another server, a proxy page, a body that does not parse). */
  "bad_response",
  /** The user cancelled. */
  "cancelled",
  /** A 5xx without a problem body (a proxy or the platform, not the worker). */
  "server",
] as const;
export type ClientErrorCode = (typeof clientErrorCodes)[number];

export type AddinErrorCode = ApiErrorCode | ClientErrorCode;
export const addinErrorCodes: readonly AddinErrorCode[] = [...apiErrorCodes, ...clientErrorCodes];
