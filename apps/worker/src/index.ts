import { createApp } from "./app.js";
import { errorForLog } from "./lib/log-safe.js";
import { cloudflareServices } from "./runtime/cloudflare.js";
import { runScheduled } from "./sync/scheduled.js";

const app = createApp((env) => cloudflareServices(env as Env));

export default {
  fetch: app.fetch,
  async scheduled(controller, env) {
    // Called directly, never through HTTP (style §2); awaited so the run gets the cron's wall time.
    try {
      const report = await runScheduled(cloudflareServices(env), controller.cron);
      console.log(JSON.stringify({ cron: controller.cron, offices: report.offices.length }));
    } catch (err) {
      // Uncaught, workerd would log the error's message — a failed query's bound values with it.
      console.error(JSON.stringify({ cron: controller.cron, ...errorForLog(err) }));
      throw new Error("scheduled run failed (see the log line before)");
    }
  },
} satisfies ExportedHandler<Env>;
