import { describe, expect, it } from "vitest";
import { parseCsvLine, readCsv } from "../src/format/csv.js";
import { KboFormatError } from "../src/format/errors.js";
import { readKboFile, readMeta } from "../src/format/read-file.js";
import { enterpriseFile, establishmentFile } from "../src/format/schemas.js";

async function* chunks(...parts: string[]) {
  const enc = new TextEncoder();
  for (const p of parts) yield enc.encode(p);
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

async function formatError(p: Promise<unknown>): Promise<KboFormatError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(KboFormatError);
  return e as KboFormatError;
}

const ENT_HEADER =
  '"EnterpriseNumber","Status","JuridicalSituation","TypeOfEnterprise","JuridicalForm","JuridicalFormCAC","StartDate"\n';

describe("parseCsvLine", () => {
  it("tells NULL from the empty string and keeps quotes and commas inside values", () => {
    expect(parseCsvLine('"0872.480.059","AC",,"",14-03-2005')).toEqual([
      "0872.480.059",
      "AC",
      null,
      "",
      "14-03-2005",
    ]);
    expect(parseCsvLine('"Nace","07210","NL","Uranium (""yellow cake"")"')).toEqual([
      "Nace",
      "07210",
      "NL",
      'Uranium ("yellow cake")',
    ]);
    expect(parseCsvLine('"Callebaut, Brenda",')).toEqual(["Callebaut, Brenda", null]);
  });
  it("returns undefined while a quoted value is still open", () => {
    expect(parseCsvLine('"a","b')).toBeUndefined();
  });
});

describe("readCsv", () => {
  it("accepts a BOM, CRLF, chunks split anywhere and line breaks inside quotes, and numbers lines", async () => {
    const text = '\uFEFF"A","B"\r\n"1","two\nlines"\r\n"3",\r\n';
    const parts = [text.slice(0, 5), text.slice(5, 17), text.slice(17)];
    const records = await collect(readCsv(chunks(...parts), "x.csv"));
    expect(records).toEqual([
      { line: 1, fields: ["A", "B"] },
      { line: 2, fields: ["1", "two\nlines"] },
      { line: 4, fields: ["3", null] },
    ]);
  });
  it("names file and line of a quote that is never closed", async () => {
    const e = await formatError(collect(readCsv(chunks('"A"\n"open\n'), "code.csv")));
    expect([e.file, e.line, e.code]).toEqual(["code.csv", 2, "kbo.format.quote"]);
  });
});

describe("readKboFile", () => {
  it("parses enterprise rows: numbers without dots, ISO dates, NULLs", async () => {
    const rows = await collect(
      readKboFile(
        chunks(ENT_HEADER, '"0872.480.059","AC","000","2","610",,14-03-2005\n'),
        "enterprise.csv",
        enterpriseFile,
      ),
    );
    expect(rows).toEqual([
      {
        line: 2,
        row: {
          enterpriseNumber: "0872480059",
          status: "AC",
          juridicalSituation: "000",
          typeOfEnterprise: "2",
          juridicalForm: "610",
          juridicalFormCac: null,
          startDate: "2005-03-14",
        },
      },
    ]);
  });
  it("rejects a wrong header, naming the file and line 1", async () => {
    const e = await formatError(
      collect(
        readKboFile(
          chunks('"EstablishmentNumber","StartDate"\n'),
          "establishment.csv",
          establishmentFile,
        ),
      ),
    );
    expect([e.code, e.file, e.line]).toEqual(["kbo.format.header", "establishment.csv", 1]);
    expect(e.message).toContain("EstablishmentNumber,StartDate,EnterpriseNumber");
  });
  it("rejects a row with the wrong column count", async () => {
    const body = '"0872.480.059","AC","000","2","610",,14-03-2005\n"0872.480.059","AC","000"\n';
    const e = await formatError(
      collect(readKboFile(chunks(ENT_HEADER, body), "enterprise.csv", enterpriseFile)),
    );
    expect([e.code, e.file, e.line]).toEqual(["kbo.format.column_count", "enterprise.csv", 3]);
  });
  it("rejects a bad date, naming line and column", async () => {
    const e = await formatError(
      collect(
        readKboFile(
          chunks(ENT_HEADER, '"0872.480.059","AC","000","2","610",,31-02-2005\n'),
          "enterprise.csv",
          enterpriseFile,
        ),
      ),
    );
    expect([e.code, e.line, e.column]).toEqual(["kbo.format.value", 2, "StartDate"]);
    expect(e.message).toMatch(/^enterprise\.csv, line 2, column StartDate: expected a date/);
  });
  it("rejects a bad number and an empty required value", async () => {
    const bad = await formatError(
      collect(
        readKboFile(
          chunks(ENT_HEADER, '"0872.48.059","AC","000","2","610",,14-03-2005\n'),
          "enterprise.csv",
          enterpriseFile,
        ),
      ),
    );
    expect([bad.line, bad.column]).toEqual([2, "EnterpriseNumber"]);
    const empty = await formatError(
      collect(
        readKboFile(
          chunks(ENT_HEADER, '"0872.480.059","AC",,"2","610",,14-03-2005\n'),
          "enterprise.csv",
          enterpriseFile,
        ),
      ),
    );
    expect([empty.column, empty.reason]).toEqual([
      "JuridicalSituation",
      "a required value is empty",
    ]);
  });
  it("rejects an empty file", async () => {
    const e = await formatError(collect(readKboFile(chunks(""), "enterprise.csv", enterpriseFile)));
    expect(e.code).toBe("kbo.format.header");
  });
});

describe("readMeta", () => {
  const meta = (extractNumber: string) =>
    `"Variable","Value"\n"SnapshotDate","11-10-2025"\n"ExtractTimestamp","12-10-2025 07:40:18"\n"ExtractType","update"\n"ExtractNumber","${extractNumber}"\n"Version","1.0.0"\n`;
  it("reads the snapshot", async () => {
    expect(await readMeta(chunks(meta("147")))).toEqual({
      snapshotDate: "2025-10-11",
      extractTimestamp: "12-10-2025 07:40:18",
      extractType: "update",
      extractNumber: 147,
      version: "1.0.0",
    });
  });
  it("names the variable and line of a bad value, and a missing variable", async () => {
    const e = await formatError(readMeta(chunks(meta("14x"))));
    expect([e.code, e.line, e.column]).toEqual(["kbo.format.meta", 5, "ExtractNumber"]);
    const missing = await formatError(
      readMeta(chunks('"Variable","Value"\n"SnapshotDate","11-10-2025"\n')),
    );
    expect(missing.reason).toBe("the variable ExtractTimestamp is missing");
  });
});
