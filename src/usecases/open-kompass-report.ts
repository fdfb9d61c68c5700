import type { Actor } from '../domain/policy.ts';
import { AppError } from '../errors/catalogue.ts';
import type { Archive } from '../ports.ts';
import { readArchivedCopy } from './document-archive-support.ts';
import { loadRound } from './kompass-support.ts';
import type { Deps } from './support.ts';

/** Opens a finished round's archived report for whoever reads the round, only as it was archived. */
export async function openKompassReport(
  deps: Deps & { archive: Archive },
  actor: Actor,
  roundId: string,
): Promise<{ bytes: Uint8Array; filename: string }> {
  await loadRound(deps, actor, roundId);
  const row = await deps.store.kompass.reportCopy(roundId);
  const copy = row && (await readArchivedCopy(deps, actor, row, roundId));
  if (!copy) throw new AppError('NOT_FOUND', { reason: 'the report is not archived yet' });
  return copy;
}
