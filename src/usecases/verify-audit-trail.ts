import {
  checkAgainstCheckpoints,
  verifyAuditChain,
  type AuditCheckpoint,
  type ChainCheck,
} from '../domain/audit.ts';
import { osloTime } from '../domain/reminders.ts';
import type { Archive, Clock, Store } from '../ports.ts';

export type AuditTrailCheck = ChainCheck & { checkpoints: number };

/** Every calendar day from the first to the last, inclusive ("2026-11-23"). */
function days(from: string, to: string): string[] {
  const out: string[] = [];
  for (
    let d = new Date(`${from}T00:00:00Z`);
    d.toISOString().slice(0, 10) <= to;
    d.setUTCDate(d.getUTCDate() + 1)
  )
    out.push(d.toISOString().slice(0, 10));
  return out;
}

/**
 * Re-reads the whole audit trail and checks its hash chain (an edited or deleted event is found),
 * then checks it against the daily checkpoints kept in the archive, so a chain recomputed from
 * the start, head included, is found too.
 */
export async function verifyAuditTrail(deps: {
  store: Store;
  archive: Archive;
  clock: Clock;
}): Promise<AuditTrailCheck> {
  const { head, events } = await deps.store.auditTrail();
  const chain = verifyAuditChain(events, head);
  const first = events[0];
  const checkpoints: AuditCheckpoint[] = [];
  if (first) {
    for (const day of days(osloTime(new Date(first.at)).date, osloTime(deps.clock.now()).date)) {
      const cp = await deps.archive.auditCheckpoint(day);
      if (cp === 'unreadable')
        return {
          ok: false,
          events: events.length,
          seq: null,
          problem: 'checkpoint-unreadable',
          checkpoints: checkpoints.length,
        };
      if (cp) checkpoints.push(cp);
    }
  }
  if (!chain.ok) return { ...chain, checkpoints: checkpoints.length };
  return { ...checkAgainstCheckpoints(events, checkpoints), checkpoints: checkpoints.length };
}
