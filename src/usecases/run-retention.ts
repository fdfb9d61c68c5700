import { preparationCutoff, tombstone } from '../domain/retention.ts';
import type { Archive, DisposalCandidate } from '../ports.ts';
import { nowIso, type Deps } from './support.ts';

const SYSTEM = 'system:retention';
const BATCH = 200;

export interface RetentionItem {
  conversationId: string;
  tid: string;
  templateKey: string;
  period: string;
  disposeOn: string;
  /** HR's reason for keeping it, when it is held. */
  heldBecause: string | null;
}
export interface RetentionReport {
  /** Deleted (or, in a dry run, to be deleted). */
  disposed: RetentionItem[];
  /** Past their kassasjonsdato but held by HR. */
  held: RetentionItem[];
  failed: { conversationId: string; reason: string }[];
  /** Archived records whose unshared private preparation went (or would go), and how many answers. */
  preparation: { conversations: number; answers: number };
}

const item = (c: DisposalCandidate): RetentionItem => ({
  conversationId: c.conversationId,
  tid: c.tid,
  templateKey: c.templateKey,
  period: c.period,
  disposeOn: c.disposeOn,
  heldBecause: c.hold?.reason ?? null,
});

/**
 * The daily kassasjon: records whose kassasjonsdato has passed are deleted from the archive and the
 * database, unless HR holds them, each leaving a tombstone in the audit trail. Private preparation
 * never shared goes `preparationDays` after archiving. A dry run changes nothing and says what would go.
 * Safe to run again after a crash: a record is marked before its copies go, and finished next time.
 */
export async function runRetention(
  deps: Deps & { archive: Archive },
  opts: {
    retentionYears: number;
    preparationDays: number;
    dryRun?: boolean;
    onProgress?: (p: { disposed: number; held: number }) => void;
  },
): Promise<RetentionReport> {
  const now = deps.clock.now();
  const today = now.toISOString().slice(0, 10);
  const report: RetentionReport = {
    disposed: [],
    held: [],
    failed: [],
    preparation: { conversations: 0, answers: 0 },
  };
  for (let after: string | null = null; ;) {
    const batch = await deps.store.retention.dueForDisposal(today, opts.retentionYears, BATCH, after);
    if (batch.length === 0) break;
    after = batch[batch.length - 1]?.conversationId ?? null;
    for (const c of batch) {
      if (c.hold && !c.disposing) {
        report.held.push(item(c));
        continue;
      }
      if (opts.dryRun) {
        report.disposed.push(item(c));
        continue;
      }
      try {
        if ((await disposeRecord(deps, c)) === 'held') report.held.push(item(c));
        else report.disposed.push(item(c));
      } catch (e) {
        report.failed.push({
          conversationId: c.conversationId,
          reason: e instanceof Error ? e.message : String(e),
        });
      }
    }
    opts.onProgress?.({ disposed: report.disposed.length, held: report.held.length });
    if (batch.length < BATCH) break;
  }

  const cutoff = preparationCutoff(now, opts.preparationDays);
  for (let after: string | null = null; ;) {
    const due = await deps.store.retention.preparationDue(cutoff, BATCH, after);
    if (due.length === 0) break;
    after = due[due.length - 1]?.conversationId ?? null;
    for (const p of due) {
      const answers = opts.dryRun
        ? p.answers
        : await deps.store.transaction(async (tx) => {
            const n = await tx.retention.disposePreparation(p.conversationId, nowIso(deps));
            await tx.appendAudit({
              tid: p.tid,
              at: nowIso(deps),
              actorOid: SYSTEM,
              action: 'preparation.disposed',
              subject: p.conversationId,
              data: { answers: n },
            });
            return n;
          });
      report.preparation.conversations += 1;
      report.preparation.answers += answers;
    }
    if (due.length < BATCH) break;
  }
  return report;
}

/** One record: marked (unless held), its copies removed, then its rows and the tombstone in one transaction. */
async function disposeRecord(
  deps: Deps & { archive: Archive },
  c: DisposalCandidate,
): Promise<'disposed' | 'held'> {
  const begun = await deps.store.transaction((tx) =>
    tx.retention.beginDisposal(c.conversationId, nowIso(deps)),
  );
  if (begun === 'held') return 'held';
  let removed = 0;
  try {
    for (const copy of c.copies) {
      await deps.archive.remove(copy.path, copy.part);
      removed += 1;
    }
  } catch (e) {
    // Refused before anything went (a retention label, say): the record is whole, and HR may still hold it.
    // Once a copy has gone, the record stays marked and the next run finishes it.
    if (removed === 0 && !c.disposing) await deps.store.retention.cancelDisposal(c.conversationId);
    throw e;
  }
  await deps.store.transaction(async (tx) => {
    if (!(await tx.retention.dispose(c.conversationId))) return;
    await tx.appendAudit({
      tid: c.tid,
      at: nowIso(deps),
      actorOid: SYSTEM,
      action: 'record.disposed',
      subject: c.conversationId,
      data: tombstone({ ...c, parts: c.copies.map((x) => x.part) }),
    });
  });
  return 'disposed';
}
