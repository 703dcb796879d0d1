/**
 * A value a runtime may hand back at once or later (issue 17): bun:sqlite answers in the same call,
 * D1 over a round trip. Reads written with `after` below stay synchronous where the database is, so
 * the read lane answers a Bun request without a promise per step, and still await D1's.
 */
export type Awaitable<T> = T | Promise<T>;

/** `f` of the value: at once when it is there, else when the promise settles. */
export function after<T, U>(value: Awaitable<T>, f: (v: T) => Awaitable<U>): Awaitable<U> {
  return value instanceof Promise ? value.then(f) : f(value);
}
