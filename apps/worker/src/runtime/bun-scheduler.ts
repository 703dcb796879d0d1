import { Cron } from "croner";

/** wrangler.jsonc `triggers.crons`; a contract test fails if the two ever differ. */
export const defaultCrons = ["*/5 * * * *", "0 1 * * *"];

export interface Scheduler {
  /** Queue one run for `cron` (what a tick does; also the `/__scheduled` test route). */
  trigger(cron: string): Promise<void>;
  /** Stop ticking, drop queued runs, and wait for the running one to finish. */
  stop(): Promise<void>;
  /** The next tick of each expression (for the start-up log). */
  next(): { cron: string; at: string | null }[];
}

/**
 * The Cron Triggers of wrangler.jsonc, on one server: each expression ticks in UTC with the same
 * 5-field syntax Cloudflare accepts, and runs the job the Worker's `scheduled()` runs. Runs are
 * serial (one SQLite writer; the sync's lease would turn a concurrent one into "busy" anyway); a tick
 * that arrives while another expression's run is going is queued, not lost, because the nightly
 * expression is what starts the full refresh. A repeated tick of an already queued one is dropped.
 */
export function createScheduler(opts: {
  crons: string[];
  run: (cron: string) => Promise<void>;
  onError: (error: unknown, cron: string) => void;
}): Scheduler {
  const queue: { cron: string; done: () => void }[] = [];
  let running: Promise<void> | null = null;
  let stopped = false;

  const pump = async () => {
    for (let item = queue.shift(); item && !stopped; item = queue.shift()) {
      try {
        await opts.run(item.cron);
      } catch (error) {
        opts.onError(error, item.cron);
      } finally {
        item.done();
      }
    }
    running = null;
  };

  const trigger = (cron: string) =>
    new Promise<void>((resolve) => {
      if (stopped) return resolve();
      const queued = queue.find((q) => q.cron === cron);
      if (queued) {
        const prev = queued.done;
        queued.done = () => {
          prev();
          resolve();
        };
        return;
      }
      queue.push({ cron, done: resolve });
      running ??= pump();
    });

  const jobs = opts.crons.map(
    (cron) => new Cron(cron, { timezone: "UTC", mode: "5-part" }, () => void trigger(cron)),
  );

  return {
    trigger,
    async stop() {
      stopped = true;
      for (const job of jobs) job.stop();
      for (const item of queue.splice(0)) item.done();
      await running;
    },
    next: () =>
      jobs.map((j, i) => ({ cron: opts.crons[i]!, at: j.nextRun()?.toISOString() ?? null })),
  };
}
