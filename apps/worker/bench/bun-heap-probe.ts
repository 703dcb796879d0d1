// Preloaded into the Bun server by bench/attack-memory.mjs (BUN_OPTIONS=--preload; never part of
// the app): the JavaScript heap of JavaScriptCore, sampled every 5 ms from inside the process,
// as the isolate's heap is sampled over the inspector in bench/heap.mjs. Each SIGUSR2 writes the
// peaks since the previous one to PULSEBRIDGE_HEAP_PROBE, then collects and starts again.
//   used     = heapSize, the live and not-yet-collected cells (process.memoryUsage().heapUsed);
//   capacity = heapCapacity, the heap JSC has reserved for cells (heapTotal);
//   extra    = extraMemorySize: memory the cells own outside the heap (string and buffer contents).
// Like the inspector, a sample runs between the server's tasks: a peak inside one task can be missed.

import { heapStats } from "bun:jsc";
import { writeFileSync } from "node:fs";

const file = process.env.PULSEBRIDGE_HEAP_PROBE;
if (file) {
  const now = () => {
    const s = heapStats();
    return { used: s.heapSize, capacity: s.heapCapacity, extra: s.extraMemorySize };
  };
  let base = now();
  let peak = { ...base };
  const sample = () => {
    const s = now();
    peak = {
      used: Math.max(peak.used, s.used),
      capacity: Math.max(peak.capacity, s.capacity),
      extra: Math.max(peak.extra, s.extra),
    };
  };
  setInterval(sample, 5).unref();
  process.on("SIGUSR2", () => {
    sample();
    writeFileSync(file, JSON.stringify({ base, peak }));
    Bun.gc(true);
    base = now();
    peak = { ...base };
  });
}
