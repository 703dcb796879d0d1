/**
 * A dump to read: a ZIP (as downloaded) or a folder of its CSV files. Files are found by name,
 * case-insensitively (the cookbook writes `Branch.CSV`, the real files are lower case), ignoring
 * any folder inside the ZIP. Each file is streamed; nothing is read whole.
 */
import { createReadStream } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import yauzl from "yauzl";
import { KboLoadError } from "../format/errors.js";

export interface DumpFile {
  name: string;
  /** Uncompressed size in bytes, for progress. */
  size: number;
  open(): Promise<AsyncIterable<Uint8Array>>;
}

export interface DumpSource {
  /** The ZIP's or folder's base name, e.g. `KboOpenData_0140_2025_10_05_Full`. */
  name: string;
  file(name: string): DumpFile | null;
  close(): Promise<void>;
}

export async function openDump(location: string): Promise<DumpSource> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(location);
  } catch {
    throw new KboLoadError(
      "kbo.load.source",
      `cannot read ${path.basename(location)}: no such file or folder`,
    );
  }
  return info.isDirectory() ? openFolder(location) : openZip(location);
}

async function openFolder(dir: string): Promise<DumpSource> {
  const files = new Map<string, DumpFile>();
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(dir, entry.name);
    const { size } = await stat(full);
    files.set(entry.name.toLowerCase(), {
      name: entry.name,
      size,
      open: async () => createReadStream(full, { highWaterMark: 1 << 20 }),
    });
  }
  return {
    name: path.basename(dir),
    file: (n) => files.get(n.toLowerCase()) ?? null,
    close: async () => {},
  };
}

async function openZip(file: string): Promise<DumpSource> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, autoClose: false }, (err, z) =>
      err || !z
        ? reject(
            new KboLoadError(
              "kbo.load.source",
              `${path.basename(file)} is not a readable ZIP: ${err?.message ?? "unknown error"}`,
            ),
          )
        : resolve(z),
    ),
  );
  const entries = new Map<string, yauzl.Entry>();
  await new Promise<void>((resolve, reject) => {
    zip.on("entry", (entry: yauzl.Entry) => {
      if (!entry.fileName.endsWith("/")) {
        entries.set(path.posix.basename(entry.fileName).toLowerCase(), entry);
      }
      zip.readEntry();
    });
    zip.on("end", () => resolve());
    zip.on("error", reject);
    zip.readEntry();
  });
  const files = new Map<string, DumpFile>();
  for (const [key, entry] of entries) {
    files.set(key, {
      name: path.posix.basename(entry.fileName),
      size: entry.uncompressedSize,
      open: () =>
        new Promise<AsyncIterable<Uint8Array>>((resolve, reject) =>
          zip.openReadStream(entry, (err, stream) =>
            err || !stream ? reject(err ?? new Error("no stream")) : resolve(stream as Readable),
          ),
        ),
    });
  }
  return {
    name: path.basename(file).replace(/\.zip$/i, ""),
    file: (n) => files.get(n.toLowerCase()) ?? null,
    close: async () => zip.close(),
  };
}
