import type { DumpFile, DumpSource } from "./source.js";

/**
 * A dump held in memory: file name → CSV text. For runtimes without a file system (a Worker, a
 * test in workerd) and for small synthetic registers; `openDump` reads ZIPs and folders on Node.
 */
export function memoryDump(name: string, files: Record<string, string>): DumpSource {
  const encoder = new TextEncoder();
  const byName = new Map<string, DumpFile>();
  for (const [fileName, text] of Object.entries(files)) {
    const bytes = encoder.encode(text);
    byName.set(fileName.toLowerCase(), {
      name: fileName,
      size: bytes.byteLength,
      open: async () =>
        (async function* () {
          yield bytes;
        })(),
    });
  }
  return {
    name,
    file: (n) => byName.get(n.toLowerCase()) ?? null,
    close: async () => {},
  };
}
