export {};

declare module "vitest" {
  export interface ProvidedContext {
    standInUrl: string;
    standInToken: string;
    /** The stand-in whose modes `src/sync/deletion-check.test.ts` switches (no other file uses it). */
    modesStandInUrl: string;
    modesStandInToken: string;
  }
}
