import { createHash } from 'node:crypto';
import type { Actor } from '../domain/policy.ts';
import { AppError } from '../errors/catalogue.ts';
import type { Archive } from '../ports.ts';
import { loadRound } from './kompass-support.ts';
import { audit, nowIso, type Deps } from './support.ts';

/** Opens a finished round's archived report for whoever reads the round, only as it was archived. */
export async function openKompassReport(
  deps: Deps & { archive: Archive },
  actor: Actor,
  roundId: string,
): Promise<{ bytes: Uint8Array; filename: string }> {
  await loadRound(deps, actor, roundId);
  const row = await deps.store.kompass.reportCopy(roundId);
  const bytes = row ? await deps.archive.get(row.path) : undefined;
  if (!row || !bytes) throw new AppError('NOT_FOUND', { reason: 'the report is not archived yet' });
  if (createHash('sha256').update(bytes).digest('hex') !== row.checksum) {
    await audit(deps.store, actor, 'archive.copy-damaged', roundId, nowIso(deps), { path: row.path });
    throw new AppError('ARCHIVE_COPY_DAMAGED');
  }
  return { bytes, filename: row.path.split('/').pop() ?? 'kommunekompasset.pdf' };
}
