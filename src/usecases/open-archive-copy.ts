import { createHash } from 'node:crypto';
import { canReadArchiveCopy, type Actor } from '../domain/policy.ts';
import { AppError } from '../errors/catalogue.ts';
import type { Archive } from '../ports.ts';
import { audit, loadConversation, nowIso, type Deps } from './support.ts';

/** Opens an archived copy for a party or HR; the salary part only for HR with HR.Salary. HR reads are audited. */
export async function openArchiveCopy(
  deps: Deps & { archive: Archive },
  actor: Actor,
  { conversationId, part }: { conversationId: string; part: 'record' | 'salary' },
): Promise<{ bytes: Uint8Array; filename: string }> {
  const { standing } = await loadConversation(deps, actor, conversationId, { need: 'status' });
  if (!canReadArchiveCopy(standing, part)) throw new AppError('FORBIDDEN');
  const row = (await deps.store.archiveCopies(conversationId)).find((r) => r.part === part);
  if (!row) throw new AppError('NOT_FOUND', { reason: 'no archived copy' });
  const bytes = await deps.archive.get(row.path);
  if (!bytes) throw new AppError('NOT_FOUND', { reason: 'archived copy missing' });
  // Evidence is served only as it was archived: a changed byte is an incident, not a download.
  if (createHash('sha256').update(bytes).digest('hex') !== row.checksum) {
    await audit(deps.store, actor, 'archive.copy-damaged', conversationId, nowIso(deps), {
      part,
      path: row.path,
    });
    throw new AppError('ARCHIVE_COPY_DAMAGED');
  }
  if (standing.party === null)
    await audit(deps.store, actor, 'archive.read-by-hr', conversationId, nowIso(deps), { part });
  return { bytes, filename: row.path.split('/').pop() ?? 'samtale.pdf' };
}
