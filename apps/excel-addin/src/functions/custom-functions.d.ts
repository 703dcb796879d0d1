// The slice of the custom-functions runtime we use (its @types package is not a dependency).
declare namespace CustomFunctions {
  function associate(id: string, fn: (...args: never[]) => unknown): void;
  enum ErrorCode {
    invalidValue = "#VALUE!",
    notAvailable = "#N/A",
  }
  // biome-ignore lint/suspicious/noShadowRestrictedNames: the runtime's own class name.
  class Error {
    constructor(code: ErrorCode, message?: string);
  }
}
