/**
 * The pane's Fluent theme follows Office: dark when Office's body background is dark
 * (`Office.context.officeTheme`), and the high-contrast theme whenever the system forces colours
 * (`forced-colors: active`, Windows contrast themes).
 */
import {
  type Theme,
  teamsHighContrastTheme,
  webDarkTheme,
  webLightTheme,
} from "@fluentui/react-components";
import type { ThemeName } from "../store/state.js";

export const themes: Record<ThemeName, Theme> = {
  light: webLightTheme,
  dark: webDarkTheme,
  contrast: teamsHighContrastTheme,
};

/** Relative luminance of "#rrggbb" (WCAG); below 0.4 is a dark background. */
export function isDark(hex: string | undefined | null): boolean {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex ?? "");
  if (!m) return false;
  const [r, g, b] = m.slice(1).map((x) => {
    const c = Number.parseInt(x, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.4;
}

export const forcedColors = () =>
  typeof matchMedia === "function" && matchMedia("(forced-colors: active)").matches;

/** Office's theme where there is one, else the browser's colour scheme. */
export function pickTheme(officeBackground?: string | null): ThemeName {
  if (forcedColors()) return "contrast";
  if (officeBackground) return isDark(officeBackground) ? "dark" : "light";
  return typeof matchMedia === "function" && matchMedia("(prefers-color-scheme: dark)").matches
    ? "dark"
    : "light";
}

/** Calls back when the system's contrast mode or colour scheme changes. */
export function watchTheme(onChange: () => void): () => void {
  if (typeof matchMedia !== "function") return () => {};
  const queries = ["(forced-colors: active)", "(prefers-color-scheme: dark)"].map((q) =>
    matchMedia(q),
  );
  for (const q of queries) q.addEventListener("change", onChange);
  return () => {
    for (const q of queries) q.removeEventListener("change", onChange);
  };
}
