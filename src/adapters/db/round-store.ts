// The SQL of HR's rounds (migration 016): the round, who is in scope, and how far each person has come.
// Status only: a round never reads a conversation's content.
import type { Status } from '../../domain/conversation.ts';
import type { Round, RoundStore } from '../../ports.ts';
import type { Sql } from './database.ts';
import { iso } from './sql-store.ts';

interface RoundRow {
  id: string;
  tid: string;
  template_key: string;
  period: string;
  deadline: string;
  unit_ids: string[];
  created_by: string;
  created_at: Date;
}
const toRound = (r: RoundRow): Round => ({
  id: r.id,
  tid: r.tid,
  templateKey: r.template_key,
  period: r.period,
  deadline: r.deadline.slice(0, 10),
  unitIds: r.unit_ids,
  createdBy: r.created_by,
  createdAt: iso(r.created_at),
});
const ROUND = `select id, tid, template_key, period, deadline::text as deadline, unit_ids, created_by, created_at from rounds`;
// A person's conversation of the round: its template and period, not cancelled (at most one, by the
// one-per-period rule).
const THEIRS = `c.tid = r.tid and c.employee_oid = p.oid and c.template_key = r.template_key and c.period = r.period
  and c.status <> 'cancelled'`;

export function roundQueries(q: Sql): RoundStore {
  return {
    async insertRound(r, people) {
      await q.query(
        `insert into rounds (id, tid, template_key, period, deadline, unit_ids, created_by, created_at)
         values ($1,$2,$3,$4,$5::date,$6::text[],$7,$8)`,
        [r.id, r.tid, r.templateKey, r.period, r.deadline, r.unitIds, r.createdBy, r.createdAt],
      );
      await q.query(
        'insert into round_people (round_id, oid) select $1, unnest($2::text[]) on conflict do nothing',
        [r.id, [...people]],
      );
    },
    async round(id) {
      const [row] = await q.query<RoundRow>(`${ROUND} where id = $1`, [id]);
      return row && toRound(row);
    },
    async rounds(tid, period) {
      const rows = await q.query<RoundRow & { in_scope: number; done: number; with_conversation: number }>(
        `select r.id, r.tid, r.template_key, r.period, r.deadline::text as deadline, r.unit_ids, r.created_by, r.created_at,
                (select count(*)::int from round_people p where p.round_id = r.id) as in_scope,
                (select count(*)::int from round_people p where p.round_id = r.id
                   and exists (select 1 from conversations c where ${THEIRS})) as with_conversation,
                (select count(*)::int from round_people p where p.round_id = r.id
                   and exists (select 1 from conversations c where ${THEIRS} and c.status in ('signed','archived'))) as done
           from rounds r
          where r.tid = $1 and ($2::text is null or r.period = $2)
          order by r.deadline desc, r.created_at desc`,
        [tid, period ?? null],
      );
      return rows.map((r) => ({
        ...toRound(r),
        inScope: r.in_scope,
        done: r.done,
        withConversation: r.with_conversation,
      }));
    },
    async people(roundId) {
      const rows = await q.query<{
        oid: string;
        name: string | null;
        unit_id: string | null;
        status: Status | null;
        conversation_id: string | null;
      }>(
        `select p.oid, u.name, u.unit_id, c.status, c.id as conversation_id
           from round_people p join rounds r on r.id = p.round_id
           left join users u on u.tid = r.tid and u.oid = p.oid
           left join lateral (select c.id, c.status from conversations c where ${THEIRS} limit 1) c on true
          where p.round_id = $1`,
        [roundId],
      );
      return rows.map((r) => ({
        oid: r.oid,
        name: r.name ?? r.oid,
        unitId: r.unit_id,
        status: r.status,
        conversationId: r.conversation_id,
      }));
    },
    async deleteRound(id) {
      const gone = await q.query<{ id: string }>('delete from rounds where id = $1 returning id', [id]);
      return gone.length > 0;
    },
  };
}
