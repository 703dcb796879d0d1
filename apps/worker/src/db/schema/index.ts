export * from "./api-keys.js";
export * from "./audit-events.js";
export * from "./clients.js";
export * from "./connections.js";
export * from "./imports.js";
export * from "./kbo.js";
export * from "./offices.js";
export * from "./sync.js";
