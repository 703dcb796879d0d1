export {};

declare module "vitest" {
  export interface ProvidedContext {
    standInUrl: string;
    standInToken: string;
    /** The stand-in whose modes `src/sync/deletion-check.test.ts` switches (no other file uses it). */
    modesStandInUrl: string;
    modesStandInToken: string;
    /** The stand-in `src/sync/hostile-scan.test.ts` reads (never reconfigured: it rewrites answers). */
    hostileStandInUrl: string;
    hostileStandInToken: string;
  }
}
