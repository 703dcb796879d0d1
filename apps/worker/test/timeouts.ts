/**
 * Timeout of a test that runs real syncs (workerd, real D1, several steps). Vitest's 5 s default is
 * hit on a loaded machine (six suites on two cores) though nothing is wrong: the tests assert what
 * the sync wrote, never how fast, so they get room instead of flaking.
 */
export const syncTestTimeout = 60_000;
