/**
 * Seconds to wait after the n-th failed attempt (index n-1): eleven attempts spread over 23 h 40 min,
 * quick at first (a receiver restarting) and then hourly and slower (a receiver down for the night).
 * After the last one the delivery is given up (`failed`); manual redelivery starts it over.
 */
export const retryDelaysSeconds = [5, 30, 120, 600, 1800, 3600, 7200, 14_400, 28_800, 28_800];

/** When the next attempt is due after `attempts` failed ones, or null when the schedule is over. */
export function nextAttemptAt(attempts: number, now: number): number | null {
  const delay = retryDelaysSeconds[attempts - 1];
  return delay === undefined ? null : now + delay * 1000;
}
