import { canReadArchiveCopy, type Actor } from '../domain/policy.ts';
import { AppError } from '../errors/catalogue.ts';
import type { Archive } from '../ports.ts';
import { readArchivedCopy } from './document-archive-support.ts';
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
  const copy = await readArchivedCopy(deps, actor, row, conversationId, { part });
  if (!copy) throw new AppError('NOT_FOUND', { reason: 'archived copy missing' });
  if (standing.party === null)
    await audit(deps.store, actor, 'archive.read-by-hr', conversationId, nowIso(deps), { part });
  return copy;
}
