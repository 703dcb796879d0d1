/**
 * Fault injection for tests and demos, all off by default. Settable at creation, on the returned
 * object, or over HTTP (`POST /__control`, guarded by the stand-in's main token).
 */
import { z } from "zod";
import { defaultModes, type ModeState, modesShape } from "./modes.js";

export const controlsSchema = z.strictObject({
  /** Every call is answered no sooner than this many ms after it arrived. */
  latencyMs: z.number().int().min(0).max(600_000).optional(),
  /** The next N calls answer 429 (not counted against the real budget). */
  rateLimitNext: z.number().int().min(0).optional(),
  /** Retry-After on injected 429s, in seconds. */
  retryAfterSeconds: z.number().int().min(0).max(3600).optional(),
  /** The next N calls answer `serverErrorStatus`. */
  serverErrorNext: z.number().int().min(0).optional(),
  /** Share (0–1) of calls that answer `serverErrorStatus`, drawn from a seeded generator. */
  serverErrorRate: z.number().min(0).max(1).optional(),
  serverErrorStatus: z.number().int().min(500).max(599).optional(),
  /** The next N calls never answer (until the client gives up or the server closes). */
  hangNext: z.number().int().min(0).optional(),
  /**
   * After `calls` more calls (to paths starting with `path`, when given) answer normally, every further one hangs
   * until its client gives up or `hangAfter` is cleared and the server closes: a step is then
   * certainly in flight at that point, whatever the machine's speed (kill tests).
   */
  hangAfter: z
    .strictObject({ calls: z.number().int().min(0), path: z.string().optional() })
    .nullable()
    .optional(),
  /** The next N calls answer 200 with a truncated JSON body. */
  malformedNext: z.number().int().min(0).optional(),
  /** The next N calls answer 200 with valid JSON whose first record has a numeric `id`. */
  wrongShapeNext: z.number().int().min(0).optional(),
  /** Serve the synthetic `GET /tasks/templates` (U10); off makes it 404 like an unknown path. */
  templatesEndpoint: z.boolean().optional(),
  /** Applied to the office after every N-th `GET /relations` list call. */
  mutateEvery: z
    .strictObject({
      calls: z.number().int().min(1),
      add: z.number().int().min(0).default(0),
      edit: z.number().int().min(0).default(0),
      delete: z.number().int().min(0).default(0),
    })
    .nullable()
    .optional(),
  ...modesShape,
});
export type ControlsInput = z.input<typeof controlsSchema>;

export type ControlState = ModeState & {
  latencyMs: number;
  rateLimitNext: number;
  retryAfterSeconds: number;
  serverErrorNext: number;
  serverErrorRate: number;
  serverErrorStatus: number;
  hangNext: number;
  hangAfter: { calls: number; path?: string | undefined } | null;
  malformedNext: number;
  wrongShapeNext: number;
  mutateEvery: { calls: number; add: number; edit: number; delete: number } | null;
  templatesEndpoint: boolean;
};

export const defaultControls = (): ControlState => ({
  latencyMs: 0,
  rateLimitNext: 0,
  retryAfterSeconds: 1,
  serverErrorNext: 0,
  serverErrorRate: 0,
  serverErrorStatus: 503,
  hangNext: 0,
  hangAfter: null,
  malformedNext: 0,
  wrongShapeNext: 0,
  mutateEvery: null,
  templatesEndpoint: true,
  ...defaultModes(),
});

export function applyControls(state: ControlState, input: ControlsInput): void {
  const parsed = controlsSchema.parse(input);
  for (const [k, v] of Object.entries(parsed)) {
    if (v !== undefined) (state as Record<string, unknown>)[k] = v;
  }
}

export type CallRecord = {
  /** ms since the stand-in started, taken when the request arrived. */
  at: number;
  method: string;
  path: string;
  status: number;
  /** Which configured token made the call (`main`, a test token's label, or `oauth`), never the token. */
  tokenLabel: string | null;
  /** What answered: the handler, the rate limiter, or an injected fault. */
  outcome: "ok" | "error" | "rate_limited" | "injected";
};
