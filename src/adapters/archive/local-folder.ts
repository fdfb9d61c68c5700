import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { AUDIT_CHECKPOINT_FOLDER as CHECKPOINTS, parseCheckpoint } from '../../domain/audit.ts';
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
      await atomicWrite(`${file}.json`, JSON.stringify(copy.metadata, null, 2) + '\n');
      return { location: join(root, copy.path), created, resourceUnits: 0 };
    },
    async get(path) {
      return readFile(inside(path)).catch(() => undefined);
    },
    async putAuditCheckpoint(day, checkpoint) {
      const file = inside(join(CHECKPOINTS, `${day}.json`));
      await mkdir(dirname(file), { recursive: true, mode: 0o700 });
      await atomicWrite(file, JSON.stringify(checkpoint) + '\n');
    },
    async auditCheckpoint(day) {
      const text = await readFile(inside(join(CHECKPOINTS, `${day}.json`)), 'utf8').catch(() => undefined);
      return text === undefined ? undefined : parseCheckpoint(text);
    },
    async remove(path) {
      const file = inside(path);
      const there = await stat(file).then(
        () => true,
        () => false,
      );
      // The metadata goes last: a removal cut short leaves a file whose metadata still says what it is.
      await rm(file, { force: true });
      await rm(`${file}.json`, { force: true });
      return there ? 'removed' : 'missing';
    },
    // A folder has no per-file permissions to migrate: a copy is either there or missing.
    async migratePermissions(copy) {
      const there = await readFile(inside(copy.path)).then(
        () => true,
        () => false,
      );
      return { outcome: there ? 'unchanged' : 'missing' };
    },
    async metadata(path) {
      const text = await readFile(`${inside(path)}.json`, 'utf8').catch(() => undefined);
      if (text === undefined) return undefined;
      try {
        const parsed: unknown = JSON.parse(text);
        return typeof parsed === 'object' && parsed !== null ? parsed : {};
      } catch {
        // An unreadable file is metadata that no longer matches, not a crash.
        return {};
      }
    },
  };
}
