// The four variables that keep wrangler and miniflare from calling home (telemetry, error reports,
// the cf.json fetch, the update check). Every script that starts wrangler spreads these in.
export const offlineEnv = {
  WRANGLER_SEND_METRICS: "false",
  WRANGLER_SEND_ERROR_REPORTS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  WRANGLER_HIDE_BANNER: "true",
};
