/**
 * Everything the pane loads after its first view (mount.tsx, components/lazy-panels.tsx): the
 * actions with the features, the API client and core, and the other steps' panels. One module, so
 * the build makes one lazy chunk of it rather than one per panel (each file gzipped alone cost
 * ~18 KB more in bench:bundle when they were split).
 */
export { createActions } from "./actions/index.js";
export { DataPanel } from "./panels/DataPanel.js";
export { PushPanel } from "./panels/PushPanel.js";
export { ReviewPanel } from "./panels/ReviewPanel.js";
export { ValidatePanel } from "./panels/ValidatePanel.js";
