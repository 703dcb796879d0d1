/**
 * The few Bun APIs the Bun entry uses, declared here instead of through `@types/bun`: that package
 * and `@cloudflare/workers-types` both declare the web globals (Request, TextDecoder, …) and
 * clash in one program, and this package typechecks as one program. Only `src/bun.ts`,
 * `src/runtime/bun*.ts` and `src/db/bun-client.ts` may rely on these.
 */
declare module "bun:sqlite" {
  type Binding = string | number | bigint | boolean | null | Uint8Array;

  export interface Statement<Row = unknown> {
    run(...params: Binding[]): { changes: number; lastInsertRowid: number | bigint };
    get(...params: Binding[]): Row | null;
    all(...params: Binding[]): Row[];
    /** Rows as arrays of column values, in the select's order. */
    values(...params: Binding[]): unknown[][];
  }

  export interface Transaction<A extends unknown[], R> {
    (...args: A): R;
    /** BEGIN IMMEDIATE: takes the write lock at once. */
    immediate(...args: A): R;
  }

  export class Database {
    constructor(
      filename?: string,
      options?: { create?: boolean; readonly?: boolean; strict?: boolean },
    );
    exec(sql: string): void;
    query<Row = unknown>(sql: string): Statement<Row>;
    prepare<Row = unknown>(sql: string): Statement<Row>;
    transaction<A extends unknown[], R>(fn: (...args: A) => R): Transaction<A, R>;
    close(throwOnError?: boolean): void;
  }
}

interface BunServer {
  readonly port: number;
  readonly hostname: string;
  /** Stops listening; resolves once in-flight requests have been answered (unless forced). */
  stop(closeActiveConnections?: boolean): Promise<void>;
}

declare const Bun: {
  readonly version: string;
  serve(options: {
    hostname: string;
    port: number;
    idleTimeout?: number;
    fetch(request: Request, server: BunServer): Response | Promise<Response>;
    error?(error: Error): Response | Promise<Response>;
  }): BunServer;
  /** A lazily read file, usable as a Response body. */
  file(path: string | URL): Blob;
  /** A garbage collection; `true` waits for a full, synchronous one. */
  gc(force: boolean): void;
};
