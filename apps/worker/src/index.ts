import { createApp } from "./app.js";
import { errorForLog } from "./lib/log-safe.js";
import { cloudflareRuntime } from "./runtime/cloudflare.js";
import { runScheduled } from "./sync/scheduled.js";
import { consumeWebhookBatch, deliveryDeps, drainWebhooks } from "./webhooks/drain.js";

const app = createApp((env) => cloudflareRuntime(env as Env));

export default {
  fetch: app.fetch,
  async scheduled(controller, env) {
    // Called directly, never through HTTP (style §2); awaited so the run gets the cron's wall time.
    try {
      const runtime = cloudflareRuntime(env);
      const report = await runScheduled(runtime, controller.cron);
      // The events this run's steps committed go out now; retries still pending go back on the
      // queue with their delay (the cron is also the safety net for a lost Queue message).
      const drained = await drainWebhooks(deliveryDeps(runtime), { officeId: null });
      if (drained.retryInSeconds !== null)
        await env.WEBHOOKS.send({ officeId: null }, { delaySeconds: drained.retryInSeconds });
      console.log(
        JSON.stringify({
          cron: controller.cron,
          offices: report.offices.length,
          webhooks: { ...drained.report, disabled: drained.report.disabled.length },
        }),
      );
    } catch (err) {
      // Uncaught, workerd would log the error's message — a failed query's bound values with it.
      console.error(JSON.stringify({ cron: controller.cron, ...errorForLog(err) }));
      throw new Error("scheduled run failed (see the log line before)");
    }
  },
  async queue(batch, env) {
    await consumeWebhookBatch(deliveryDeps(cloudflareRuntime(env)), batch.messages);
  },
} satisfies ExportedHandler<Env>;
