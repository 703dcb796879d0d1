import { createApp } from "./app.js";
import { cloudflareServices } from "./runtime/cloudflare.js";
import { runScheduled } from "./sync/scheduled.js";

const app = createApp((env) => cloudflareServices(env as Env));

export default {
  fetch: app.fetch,
  async scheduled(controller, env) {
    // Called directly, never through HTTP (style §2); awaited so the run gets the cron's wall time.
    const report = await runScheduled(cloudflareServices(env), controller.cron);
    console.log(JSON.stringify({ cron: controller.cron, offices: report.offices.length }));
  },
} satisfies ExportedHandler<Env>;
