import type { ArchivePart } from '../domain/archive.ts';
import type { Archive, ArchiveCopyRow } from '../ports.ts';
import { nowIso, type Deps } from './support.ts';

const SYSTEM = 'system:archive';

export interface MigrationProgress {
  done: number;
  restored: number;
  moved: number;
  unchanged: number;
  missing: number;
  failed: { path: string; reason: string }[];
}

/**
 * Brings copies archived with permissions of their own (one scope per file, the parties invited) in
 * line with the libraries' permissions: a record gets its library's back, a Punkt 4 copy moves to the
 * salary library. Driven by the database, not by a query on the library, which would pass SharePoint's
 * list view threshold on a large one. Each copy is marked when done, so a run cut short goes on where
 * it stopped, and a second run finds nothing to do. Throttling is the archive adapter's (Retry-After).
 */
export async function migrateArchivePermissions(
  deps: Deps & { archive: Archive },
  {
    batch = 100,
    concurrency = 4,
    onProgress,
  }: {
    batch?: number;
    concurrency?: number;
    onProgress?: (p: MigrationProgress) => void;
  } = {},
): Promise<MigrationProgress> {
  const progress: MigrationProgress = {
    done: 0,
    restored: 0,
    moved: 0,
    unchanged: 0,
    missing: 0,
    failed: [],
  };
  let after: { conversationId: string; part: ArchivePart } | undefined;
  for (;;) {
    const rows = await deps.store.copiesWithItemPermissions(batch, after);
    const last = rows.at(-1);
    if (!last) break;
    after = { conversationId: last.conversationId, part: last.part };
    for (let i = 0; i < rows.length; i += concurrency)
      await Promise.all(rows.slice(i, i + concurrency).map((row) => migrateOne(deps, row, progress)));
    onProgress?.({ ...progress, failed: [...progress.failed] });
  }
  return progress;
}

async function migrateOne(
  deps: Deps & { archive: Archive },
  row: ArchiveCopyRow,
  progress: MigrationProgress,
) {
  try {
    const result = await deps.archive.migratePermissions(row);
    progress.done += 1;
    progress[result.outcome] += 1;
    // A copy missing from the archive stays marked for the next run (and for archive verify).
    if (result.outcome === 'missing') return;
    const c = await deps.store.conversation(row.conversationId);
    await deps.store.transaction(async (tx) => {
      await tx.markPermissionsMigrated(row.conversationId, row.part, result.location ?? null);
      if (c && result.outcome !== 'unchanged')
        await tx.appendAudit({
          tid: c.tid,
          at: nowIso(deps),
          actorOid: SYSTEM,
          action: 'archive.permissions-migrated',
          subject: row.conversationId,
          data: { part: row.part, path: row.path, outcome: result.outcome },
        });
    });
  } catch (e) {
    progress.done += 1;
    progress.failed.push({ path: row.path, reason: e instanceof Error ? e.message : String(e) });
  }
}
