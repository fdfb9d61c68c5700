import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { Archive } from '../../ports.ts';

/**
 * The local archive: a folder per year and type under the archive directory, with the same metadata
 * as the SharePoint library in a JSON file beside each PDF. Writes are atomic (temp file + rename).
 */
export function localFolderArchive(baseDir: string): Archive {
  const root = resolve(baseDir);
  const inside = (path: string) => {
    const full = resolve(root, path);
    if (!full.startsWith(root + sep)) throw new Error(`archive path escapes the archive: ${path}`);
    return full;
  };
  const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
  // One writer per path (one archive job per record), so a fixed temp name is safe, and a write cut
  // short by a crash leaves a temp file that the retry overwrites rather than a second copy.
  const atomicWrite = async (file: string, data: Uint8Array | string) => {
    const tmp = `${file}.tmp`;
    await writeFile(tmp, data, { mode: 0o600 });
    await rename(tmp, file);
  };
  return {
    async put(copy) {
      const file = inside(copy.path);
      await mkdir(dirname(file), { recursive: true, mode: 0o700 });
      const existing = await readFile(file).catch(() => undefined);
      const created = !existing || sha256(existing) !== sha256(copy.bytes);
      if (created) await atomicWrite(file, copy.bytes);
      await atomicWrite(
        `${file}.json`,
        JSON.stringify({ ...copy.metadata, lesere: copy.readers }, null, 2) + '\n',
      );
      return { location: join(root, copy.path), created, resourceUnits: 0 };
    },
    async get(path) {
      return readFile(inside(path)).catch(() => undefined);
    },
  };
}
