import type { AuditCheckpoint } from '../domain/audit.ts';
import { osloTime } from '../domain/reminders.ts';
import type { Archive } from '../ports.ts';
import type { Deps } from './support.ts';

/**
 * Writes the audit chain's head into the archive as today's checkpoint: within seconds of archiving
 * and every hour (a scheduled job). The database alone cannot prove its own history; with the head
 * kept elsewhere, a recomputed chain no longer matches. Returns the checkpoint (null: no events).
 */
export async function anchorAuditTrail(
  deps: Pick<Deps, 'store' | 'clock'> & { archive: Archive },
): Promise<AuditCheckpoint | null> {
  const head = await deps.store.auditHead();
  if (!head) return null;
  const now = deps.clock.now();
  const checkpoint = { seq: head.seq, hash: head.hash, at: now.toISOString() };
  await deps.archive.putAuditCheckpoint(osloTime(now).date, checkpoint);
  return checkpoint;
}
