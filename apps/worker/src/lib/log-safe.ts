/**
 * What an error may say in a log (issue 11): no bound values, no personal data. Drizzle's
 * DrizzleQueryError puts every bound parameter in its message ("params: …") and so in its stack;
 * V8 quotes the input in a JSON.parse error; SQL text may carry a literal. So a log line keeps the
 * error's class, the SQL with its literals masked, the driver's cause (SQLite names tables and
 * columns, never values) with quoted text masked, and the stack's frames — never a message's data.
 */
export function errorForLog(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { error: typeof err };
  const out: Record<string, unknown> = { error: errorName(err) };
  const query = (err as { query?: unknown }).query;
  if (typeof query === "string" && "params" in err) {
    // The statement without its parameters (they are never read here).
    out.query = query.replace(/'(?:[^']|'')*'/g, "'?'").slice(0, 300);
  } else {
    out.message = maskMessage(err.message);
  }
  if (err.cause instanceof Error)
    out.cause = `${errorName(err.cause)}: ${maskMessage(err.cause.message)}`;
  const frames = stackFrames(err);
  if (frames) out.stack = frames;
  return out;
}

function errorName(err: Error): string {
  // DrizzleQueryError does not set its own name; its fields tell it apart.
  if ("params" in err && "query" in err) return "DrizzleQueryError";
  return err.name || "Error";
}

/**
 * Where a message would carry a value: quoted text, e-mail addresses, runs of digits (enterprise,
 * national and phone numbers), anything after "params:". Table and column names stay readable.
 */
function maskMessage(text: string): string {
  return text
    .replace(/params:[\s\S]*$/, "params: ?")
    .replace(/'(?:[^'\\]|\\.)*'?|"(?:[^"\\]|\\.)*"?|`[^`]*`?/g, (q) => `${q[0]}?${q[0]}`)
    .replace(/[^\s@]+@[^\s@]+/g, "?@?")
    .replace(/\+?\d[\d ./-]{4,}\d/g, "#")
    .slice(0, 300);
}

/** The stack's "at …" lines only: the first line repeats the message. */
function stackFrames(err: Error): string | undefined {
  const frames = (err.stack ?? "")
    .split("\n")
    .filter((line) => /^\s+at /.test(line))
    .slice(0, 12);
  return frames.length > 0 ? frames.join("\n") : undefined;
}
