// The SQL of retention (migration 016): which records' kassasjonsdato has passed, HR's holds, and the
// deletion itself. Part of the store, so a deletion and its tombstone share one transaction.
import type { ArchiveCopyRow, DisposalCandidate, RetentionHold, RetentionStore } from '../../ports.ts';
import type { Sql } from './database.ts';
import { copyRow, iso, type CopyDbRow } from './sql-store.ts';

interface HoldRow {
  reason: string;
  placed_by: string;
  placed_at: Date;
}
export const toHold = (r: HoldRow): RetentionHold => ({
  reason: r.reason,
  placedBy: r.placed_by,
  placedAt: iso(r.placed_at),
});

export function retentionQueries(q: Sql): RetentionStore {
  return {
    async dueForDisposal(today, defaultYears, limit, after) {
      // A copy without its own date (archived before it was kept) goes by archived_at plus the years.
      const due = await q.query<{
        id: string;
        tid: string;
        template_key: string;
        period: string;
        dispose_on: string;
        archived_at: Date;
        disposing_at: Date | null;
        reason: string | null;
        placed_by: string | null;
        placed_at: Date | null;
      }>(
        `select c.id, c.tid, c.template_key, c.period, c.disposing_at, h.reason, h.placed_by, h.placed_at,
                d.dispose_on::text as dispose_on, d.archived_at
           from (select a.conversation_id,
                        max(coalesce(a.dispose_on, (a.archived_at at time zone 'UTC' + make_interval(years => $2))::date)) as dispose_on,
                        max(a.archived_at) as archived_at
                   from archive_copies a group by a.conversation_id) d
           join conversations c on c.id = d.conversation_id
           left join retention_holds h on h.conversation_id = c.id
          where d.dispose_on <= $1::date and ($4::uuid is null or c.id > $4::uuid)
          order by c.id
          limit $3`,
        [today, defaultYears, limit, after],
      );
      if (due.length === 0) return [];
      const copies = await q.query<CopyDbRow>(
        'select * from archive_copies where conversation_id = any($1::uuid[]) order by conversation_id, part',
        [due.map((d) => d.id)],
      );
      const byConversation = new Map<string, ArchiveCopyRow[]>();
      for (const c of copies.map(copyRow))
        byConversation.set(c.conversationId, [...(byConversation.get(c.conversationId) ?? []), c]);
      return due.map((d): DisposalCandidate => ({
        conversationId: d.id,
        tid: d.tid,
        templateKey: d.template_key,
        period: d.period,
        disposeOn: d.dispose_on.slice(0, 10),
        archivedAt: iso(d.archived_at),
        copies: byConversation.get(d.id) ?? [],
        hold:
          d.reason !== null && d.placed_by !== null && d.placed_at !== null
            ? toHold({ reason: d.reason, placed_by: d.placed_by, placed_at: d.placed_at })
            : null,
        disposing: d.disposing_at !== null,
      }));
    },
    async beginDisposal(conversationId, at) {
      // The conversation row is locked first: placing a hold locks it too, so the two never cross.
      const [row] = await q.query<{ id: string }>('select id from conversations where id = $1 for update', [
        conversationId,
      ]);
      if (!row) return 'gone';
      const [held] = await q.query<{ n: number }>(
        'select count(*)::int as n from retention_holds where conversation_id = $1',
        [conversationId],
      );
      if ((held?.n ?? 0) > 0) return 'held';
      await q.query('update conversations set disposing_at = coalesce(disposing_at, $2) where id = $1', [
        conversationId,
        at,
      ]);
      return 'ok';
    },
    async cancelDisposal(conversationId) {
      await q.query('update conversations set disposing_at = null where id = $1', [conversationId]);
    },
    async dispose(conversationId) {
      // Answers, items (and their follow-up history) and signatures go with the conversation (cascade).
      await q.query('delete from archive_copies where conversation_id = $1', [conversationId]);
      await q.query('delete from field_links where conversation_id = $1', [conversationId]);
      const gone = await q.query<{ id: string }>('delete from conversations where id = $1 returning id', [
        conversationId,
      ]);
      return gone.length > 0;
    },
    async preparationDue(cutoff, limit, after) {
      // Unshared preparation, and the staff's feedback on the leader, which was preparation too.
      const unshared = `from answers p where p.conversation_id = c.id and p.slot in ('leader','employee') and p.shared_at is null`;
      const rows = await q.query<{ id: string; tid: string; n: number }>(
        `select c.id, c.tid, (select count(*)::int ${unshared}) as n
           from conversations c
          where c.status = 'archived' and c.preparation_disposed_at is null and ($3::uuid is null or c.id > $3::uuid)
            and (select min(a.archived_at) from archive_copies a where a.conversation_id = c.id) <= $1::timestamptz
            and (exists (select 1 ${unshared}) or exists (select 1 from feedback_rounds f where f.conversation_id = c.id))
          order by c.id
          limit $2`,
        [cutoff, limit, after],
      );
      return rows.map((r) => ({ conversationId: r.id, tid: r.tid, answers: r.n }));
    },
    async disposePreparation(conversationId, at) {
      const gone = await q.query<{ field_id: string }>(
        `delete from answers where conversation_id = $1 and slot in ('leader','employee') and shared_at is null
         returning field_id`,
        [conversationId],
      );
      // Feedback goes with it: a round kept private or only shown to the superior entirely; one whose
      // figures are in the signed record keeps its ratings (the record's hash is over them), but not the
      // comments, nor who was asked.
      await q.query("delete from feedback_rounds where conversation_id = $1 and shared <> 'record'", [
        conversationId,
      ]);
      await q.query(
        `update feedback_responses set text = null
          where text is not null and round_id in (select id from feedback_rounds where conversation_id = $1)`,
        [conversationId],
      );
      await q.query(
        'delete from feedback_invitations where round_id in (select id from feedback_rounds where conversation_id = $1)',
        [conversationId],
      );
      await q.query('update conversations set preparation_disposed_at = $2 where id = $1', [
        conversationId,
        at,
      ]);
      return gone.length;
    },
    async hold(conversationId) {
      const [row] = await q.query<HoldRow>('select * from retention_holds where conversation_id = $1', [
        conversationId,
      ]);
      return row ? toHold(row) : null;
    },
    async placeHold(h) {
      const [row] = await q.query<{ disposing_at: Date | null }>(
        'select disposing_at from conversations where id = $1 for update',
        [h.conversationId],
      );
      if (!row || row.disposing_at !== null) return 'disposing';
      await q.query(
        `insert into retention_holds (conversation_id, tid, reason, placed_by, placed_at) values ($1,$2,$3,$4,$5)
         on conflict (conversation_id) do update set reason = excluded.reason, placed_by = excluded.placed_by, placed_at = excluded.placed_at`,
        [h.conversationId, h.tid, h.reason, h.placedBy, h.placedAt],
      );
      return 'ok';
    },
    async removeHold(conversationId) {
      const gone = await q.query<{ conversation_id: string }>(
        'delete from retention_holds where conversation_id = $1 returning conversation_id',
        [conversationId],
      );
      return gone.length > 0;
    },
  };
}
