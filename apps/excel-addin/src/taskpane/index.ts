/**
 * The add-in's entry inside Excel: the only place that calls Office.onReady. It builds the Excel
 * workbook adapter and hands it to the pane; ribbon commands and shortcuts reach the same app.
 */
import { pickLanguage } from "../i18n/ui.js";
import { createExcelWorkbook } from "../workbook/excel.js";
import { mountPane } from "./mount.js";
import "./pane.css";
// Shared runtime: this page is also the commands' and the custom functions' runtime.
import "../commands/commands.js";
import "../functions/functions.js";

Office.onReady(() => {
  const root = document.getElementById("app");
  if (!root) return;
  const workbook = createExcelWorkbook((fn) => Excel.run((context) => fn(context)));
  globalThis.pulsebridgeApp = mountPane({
    root,
    workbook,
    storage: window.localStorage,
    partitionKey: Office.context.partitionKey,
    // The pane speaks Office's display language by default; the user can switch in the header.
    language: pickLanguage(Office.context.displayLanguage),
    officeBackground: Office.context.officeTheme?.bodyBackgroundColor ?? null,
  });
});
