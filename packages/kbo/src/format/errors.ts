/** Stable codes of the errors this package throws. The code is the contract; the text may change. */
export const kboErrorCodes = [
  "kbo.format.missing_file",
  "kbo.format.header",
  "kbo.format.column_count",
  "kbo.format.quote",
  "kbo.format.value",
  "kbo.format.meta",
  "kbo.load.no_full_dump",
  "kbo.load.extract_older",
  "kbo.load.extract_gap",
  "kbo.load.source",
] as const;
export type KboErrorCode = (typeof kboErrorCodes)[number];

/**
 * A file that is not in the expected format. Names the file, the line (1-based, the header is
 * line 1) and, when one is at fault, the column, so a user can open the file and find it.
 */
export class KboFormatError extends Error {
  override readonly name = "KboFormatError";
  constructor(
    readonly code: KboErrorCode,
    readonly file: string,
    readonly line: number | null,
    readonly column: string | null,
    readonly reason: string,
  ) {
    const where = [file, line === null ? null : `line ${line}`, column ? `column ${column}` : null]
      .filter(Boolean)
      .join(", ");
    super(`${where}: ${reason}`);
  }
}

/** A load that cannot go on (an update out of order, an unreadable source). */
export class KboLoadError extends Error {
  override readonly name = "KboLoadError";
  constructor(
    readonly code: KboErrorCode,
    message: string,
  ) {
    super(message);
  }
}
