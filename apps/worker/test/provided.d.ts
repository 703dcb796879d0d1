export {};

declare module "vitest" {
  export interface ProvidedContext {
    standInUrl: string;
    standInToken: string;
  }
}
